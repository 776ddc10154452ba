/**
 * An item's copy key: its headline's words and the opening words of its text, lower case, in order,
 * without punctuation. The same release on three wires, a syndicated article or a re-posted page
 * carries the same headline AND the same text: such copies join one story at any age (issue 15),
 * where retellings must lie close in time. The text is part of the key because recurring headlines
 * ("CISA Adds One Known Exploited Vulnerability to Catalog", "What happened in crypto today") are
 * shared by different news every week. A short headline gets no key.
 */
const MIN_WORDS = 4;
const MIN_LETTERS = 20;
/** Words of the text that take part: enough to tell two issues of a recurring headline apart. */
const TEXT_WORDS = 30;

const words = (text: string) => text.toLowerCase().normalize('NFKC').match(/[\p{L}\p{N}]+/gu) ?? [];

export function copyKeyOf(title: string, summary: string): string | null {
  const headline = words(title);
  if (headline.length < MIN_WORDS || headline.join('').replace(/[^\p{L}]/gu, '').length < MIN_LETTERS) return null;
  const key = `${headline.join(' ')}|${words(summary).slice(0, TEXT_WORDS).join(' ')}`;
  return key.length > 400 ? key.slice(0, 400) : key;
}
