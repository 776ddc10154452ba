/**
 * The matches of a global pattern in a text, as `text.matchAll(pattern)` gives them, but read with
 * the pattern itself: matchAll copies the pattern at every call, and for the victim shapes, run
 * sentence by sentence, the copies were a quarter of finding an item's victims. For the
 * module-private patterns of this folder, each read by one loop at a time: the loop owns the
 * pattern's `lastIndex`, starts it at 0 (where matchAll would start it for these patterns, which
 * nothing else moves) and leaves it at 0 when it runs to the end.
 */
export function* matchesOf(pattern: RegExp, text: string): Generator<RegExpExecArray, void, undefined> {
  if (!pattern.global) throw new TypeError('matchesOf needs a global pattern');
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    // An empty match: step over one character (a whole code point in Unicode mode), as matchAll does.
    if (match[0] === '') pattern.lastIndex += pattern.unicode && text.codePointAt(pattern.lastIndex)! > 0xffff ? 2 : 1;
    yield match;
  }
}
