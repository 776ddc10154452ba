import { ENGLISH_FUNCTION_WORDS, FOREIGN_FUNCTION_WORDS } from './stopwords.js';

/**
 * Whether a text is English enough for an English model to judge it. Two cheap tests: most letters
 * must be Latin (Cyrillic, CJK, Arabic fail), and, when the text has function words at all,
 * English ones must not be outnumbered by those of other European languages. A text with no function
 * words (a bare headline like "Patch Tuesday roundup") counts as English: there is no evidence
 * against it.
 */
export function isProbablyEnglish(text: string): boolean {
  const sample = text.slice(0, 2000);
  const letters = sample.match(/\p{L}/gu)?.length ?? 0;
  if (letters === 0) return true;
  const latin = sample.match(/\p{Script=Latin}/gu)?.length ?? 0;
  if (latin / letters < 0.6) return false;
  let english = 0;
  let foreign = 0;
  for (const [word] of sample.toLowerCase().matchAll(/\p{L}+/gu)) {
    if (ENGLISH_FUNCTION_WORDS.has(word)) english++;
    else if (FOREIGN_FUNCTION_WORDS.has(word)) foreign++;
  }
  return foreign < 2 || english >= foreign;
}
