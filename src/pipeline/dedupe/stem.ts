/**
 * A deliberately light English suffix stripper: enough that "arrested", "arrests" and "arrest",
 * or "hospitals" and "hospital", become one token, without a dictionary or a stemming library
 * (natural costs ~0.6 s and ~156 MB to import: LIBRARIES.md). Over-stemming is harmless here as
 * long as both sides of a comparison are stemmed the same way.
 */
export function stem(token: string): string {
  // Looked up once, never again on the result: "saudi" maps to itself.
  const word = DEMONYMS.get(token) ?? token;
  if (word.length <= 3 || /\d/.test(word)) return word;
  let w = word;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(?:ss|us|is|os)$/.test(w)) w = w.slice(0, -1);
  if (w.endsWith('ing') && w.length > 5) w = undouble(w.slice(0, -3));
  else if (w.endsWith('ied') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('ed') && w.length > 4) w = undouble(w.slice(0, -2));
  // "centre"/"center" and "-ise"/"-ize": outlets on both sides of the Atlantic tell the same story.
  if (w.endsWith('tre')) w = `${w.slice(0, -3)}ter`;
  // Demonyms and their countries: "Ukrainian"/"Ukraine", "Iranian"/"Iran", "Syrian"/"Syria".
  if (/[^aeiou](?:ian|ia)$/.test(w) && w.length >= 5) w = w.replace(/(?:ian|ia)$/, '');
  if (/[^aeiou]is(?:e|ation)$/.test(w)) w = w.replace(/is(e|ation)$/, 'iz$1');
  if (w.endsWith('e') && w.length > 4) w = w.slice(0, -1);
  return w;
}

/** "stopp" → "stop", "planned" → "plan"; but "kill", "pass" keep their double letter. */
function undouble(w: string): string {
  return /([^aeioulsz])\1$/.test(w) ? w.slice(0, -1) : w;
}

/**
 * Demonyms the suffix rules cannot reach ("Chinese" → "China"); "-ian"/"-ia" pairs such as
 * "Ukrainian"/"Ukraine" are handled by the rule in stem().
 */
const DEMONYMS = new Map(
  Object.entries({
    chinese: 'china', japanese: 'japan', vietnamese: 'vietnam', taiwanese: 'taiwan', lebanese: 'lebanon',
    portuguese: 'portugal', french: 'france', british: 'britain', dutch: 'netherlands', israeli: 'israel',
    israelis: 'israel', iraqi: 'iraq', iraqis: 'iraq', pakistani: 'pakistan', afghan: 'afghanistan', thai: 'thailand',
    swiss: 'switzerland', german: 'germany', germans: 'germany', american: 'america', americans: 'america',
    mexican: 'mexico', mexicans: 'mexico', cuban: 'cuba', kenyan: 'kenya', turkish: 'turkey', polish: 'poland',
    spanish: 'spain', danish: 'denmark', swedish: 'sweden', finnish: 'finland', irish: 'ireland', greek: 'greece',
    emirati: 'emirates', saudi: 'saudi', qatari: 'qatar', yemeni: 'yemen', somali: 'somalia', sudanese: 'sudan',
    congolese: 'congo', filipino: 'philippines', korean: 'korea', koreans: 'korea', european: 'europe', europeans: 'europe',
  }),
);
