/**
 * Cheap pre-checks before expensive patterns: whether a text contains any of a few literal words.
 *
 * One pattern of the escaped words, without flags, matches exactly when one of them is a substring
 * (it compares code units, as `String.prototype.includes` does), and V8 tests it in one pass: on
 * the shipped set, 27 words took a quarter of the time of 27 `includes` calls. Classifying an item
 * runs these checks on every text and sentence, so the difference was a few percent of it.
 */
export function anyOf(words: readonly string[]): RegExp {
  if (words.length === 0) throw new Error('anyOf needs at least one word');
  return new RegExp(words.map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'));
}
