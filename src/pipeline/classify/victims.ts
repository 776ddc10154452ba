/**
 * Organisations a text names as the victim of a breach or an attack, for the draft's "Wall of
 * Shame". Precision over recall: only a few sentence shapes are read, and the trigger words must be
 * lower case, so a Title Case headline ("Ransomware Attack On Regional Hospital Disrupts Care")
 * never turns half a headline into a name. Anything doubtful is left out.
 */

// A name: capitalised words (or digits), joined by "of", "and", "&", "for", "de" ("Bank of America").
const WORD = "[\\p{Lu}\\d][\\p{L}\\d&.'’-]*";
const ORG = `${WORD}(?:\\s+(?:(?:of|and|&|for|de|du|la|the)\\s+)?${WORD}){0,5}`;
const TRIGGER =
  '(?:data breach|breach|cyberattack|cyber-attack|cyber attack|ransomware attack|ransomware incident|security incident|' +
  'cybersecurity incident|cyber incident|hack|intrusion|data theft|data leak|network disruption)';
const ADJECTIVES = '(?:[a-z][a-z-]*\\s+){0,3}?';
const ARTICLE = '(?:(?:a|an|the|its|their)\\s+)?';

const PATTERNS: readonly RegExp[] = [
  // "Acme Health confirms data breach", "Acme notifies 50,000 patients of a data breach",
  // "Acme disclosed that it suffered a ransomware attack".
  new RegExp(
    `(?<org>${ORG})\\s+(?:has\\s+|have\\s+)?(?:disclos(?:es|ed)|confirm(?:s|ed)|notif(?:ies|ied)|is notifying|began notifying|report(?:s|ed) (?:a|an))\\s+` +
      `(?:(?:that\\s+)?it\\s+(?:suffered|experienced|was hit by|was targeted in)\\s+)?(?:[\\d,.]+(?:\\s+(?:million|thousand))?\\s+[a-z]+\\s+(?:of|about)\\s+)?` +
      `${ARTICLE}${ADJECTIVES}${TRIGGER}\\b`,
    'gu',
  ),
  // "Acme was hit by a ransomware attack", "Acme suffered a data breach", "Acme fell victim to …".
  new RegExp(
    `(?<org>${ORG})\\s+(?:(?:was|has been|is|were|have been)\\s+)?(?:hit|struck|crippled|disrupted|suffer(?:s|ed)|fell victim to|falls victim to)\\s+(?:by\\s+)?` +
      `${ARTICLE}${ADJECTIVES}(?:${TRIGGER}|attack)\\b`,
    'gu',
  ),
  // "a ransomware attack on Acme Health", "the cyberattack against Acme".
  new RegExp(`\\b[Rr]?(?:ansomware|cyber)[- ]?attacks?\\s+(?:on|against|targeting|that hit|that struck)\\s+(?:the\\s+)?(?<org>${ORG})`, 'gu'),
  // Leak-site claims: "Akira claims attack on auto-parts maker Shrivardhan Components" (a few
  // lower-case words may describe the victim before its name).
  new RegExp(`\\bclaim(?:s|ed|ing)?\\s+(?:an?\\s+|the\\s+)?(?:ransomware\\s+|cyber\\s*)?attack\\s+on\\s+(?:[a-z][a-z-]*\\s+){0,3}(?<org>${ORG})`, 'gu'),
  // "a data breach at Acme", "the breach of Acme's network", "the hack of Acme".
  new RegExp(`\\b(?:data\\s+)?(?:breach|hack|compromise)(?:es)?\\s+(?:at|of)\\s+(?:the\\s+)?(?<org>${ORG})`, 'gu'),
  // "the Acme Health data breach" (law-firm notices: "… affected by the Acme Health data breach").
  new RegExp(`\\bthe\\s+(?<org>${ORG})\\s+(?:data\\s+breach|data\\s+security\\s+incident|cyberattack|ransomware attack)`, 'gu'),
  // Law-firm notices: "on behalf of Acme Health patients".
  new RegExp(`\\bon behalf of\\s+(?:current and former\\s+)?(?<org>${ORG})\\s+(?:patients|customers|employees|clients|members|users|account holders|students)\\b`, 'gu'),
  // Sentence-case headlines open with the victim: "Brightwater Health diverts ambulances as ransomware
  // attack hits 14 hospitals", "Pinecrest Outfitters says hackers stole customer data". Only at the
  // start of a sentence, only after one of these verbs, and only when a victim-side trigger follows
  // (a singular attack or a theft: "Sophos says ransomware attacks rose" names no victim). No
  // "investigates": law firms investigate other companies' breaches.
  new RegExp(
    `^(?<org>${ORG})\\s+(?:says|said|diverts|restores|shuts|suspends|cancels|closes|postpones|delays|reopens|recovers|is recovering|` +
      `hit with)\\b[^.!?]*?\\b(?:data breach|breach|ransomware attack|cyberattack|cyber-attack|cyber attack|` +
      `cyber incident|security incident|cybersecurity incident|stole|stolen|data theft)\\b`,
    'gu',
  ),
  // "City of Harwick's phones and payment portals down after cyberattack".
  new RegExp(
    `^(?<org>${ORG})['’]s\\s+(?:[a-z][a-z-]*\\s+){1,6}(?:down|offline|disrupted|out)\\s+(?:after|following|amid)\\s+(?:a\\s+)?` +
      `(?:cyberattack|cyber-attack|cyber attack|ransomware attack|hack|breach|cyber incident)\\b`,
    'gu',
  ),
];

/**
 * Words without which each pattern above cannot match, in the same case (the patterns are case
 * sensitive): every TRIGGER alternative contains one of breach, attack, incident, hack, intrusion,
 * theft, leak or disruption. A sentence with none of a pattern's words is not run through it: most
 * sentences have none, and the patterns' unanchored name at the front made them the slowest part
 * of classifying an item. Keep in step with PATTERNS.
 */
const TRIGGER_WORDS = ['breach', 'attack', 'incident', 'hack', 'intrusion', 'theft', 'leak', 'disruption'];
const REQUIRED: readonly (readonly string[])[] = [
  TRIGGER_WORDS,
  TRIGGER_WORDS,
  ['attack'],
  ['attack'],
  ['breach', 'hack', 'compromise'],
  ['breach', 'incident', 'attack'],
  ['on behalf of'],
  ['breach', 'attack', 'incident', 'stole', 'theft'],
  ['attack', 'hack', 'breach', 'incident'],
];
const ANY_REQUIRED = [...new Set(REQUIRED.flat())];

const mayMatch = (sentence: string, words: readonly string[]) => words.some((word) => sentence.includes(word));

/** Words a name cannot start with: they begin sentences, not organisations. Stripped from the front. */
const LEADING_NOISE = new Set(
  `The A An This That These Those It Its In On At After Before As When While Yesterday Today Now Earlier Meanwhile
Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August September
October November December Breaking Update Exclusive Also And But Then However According Last`.split(/\s+/),
);

/** Names that are never a victim organisation on their own. */
const NOT_ORGS = new Set(
  `Researchers Hackers Attackers Officials Police Authorities Company Firm Government Agency Users Customers Employees
Patients Investigators Experts Threat Actors He She They We You I US U.S. UK EU CISA FBI NSA Europol Microsoft Google
Reuters AP Bloomberg Report Reports`.split(/\s+/),
);

/** Nationality adjectives: "the hack of Dutch prosecution systems" names no organisation. */
const DEMONYMS = new Set(
  `American British English Scottish Welsh Irish French German Dutch Belgian Swiss Austrian Italian Spanish Portuguese
Swedish Norwegian Danish Finnish Polish Czech Hungarian Romanian Greek Turkish Russian Ukrainian Chinese Japanese Korean
Taiwanese Indian Pakistani Iranian Israeli Saudi Emirati Australian Canadian Mexican Brazilian European African Asian
Federal State National Local Regional`.split(/\s+/),
);

function clean(raw: string): string | undefined {
  const words = raw.replace(/['’]s$/, '').split(/\s+/).map((word) => word.replace(/(?<!(?:^|\.)\p{Lu})[.,'’-]+$/u, ''));
  while (words.length > 0 && (LEADING_NOISE.has(words[0]!) || /-based$/i.test(words[0]!))) words.shift();
  while (words.length > 0 && /^(?:of|and|&|for|de|du|la|the)$/.test(words[words.length - 1]!)) words.pop();
  const name = words.join(' ');
  if (name.length < 2 || NOT_ORGS.has(name) || NOT_ORGS.has(words[0] ?? '') || /^\d+$/.test(name)) return undefined;
  if (words.every((word) => DEMONYMS.has(word))) return undefined;
  return name;
}

/** Sentences that are mostly Capitalised Words (headlines in title case): skipped, see above. */
function isTitleCase(sentence: string): boolean {
  const words = sentence.match(/\p{L}[\p{L}'’-]*/gu) ?? [];
  const long = words.filter((w) => w.length > 3);
  return long.length >= 3 && long.filter((w) => /^\p{Lu}/u.test(w)).length / long.length > 0.7;
}

export function findVictims(title: string, summary: string): string[] {
  const victims = new Set<string>();
  const text = `${title}.\n${summary.slice(0, 4000)}`;
  if (!mayMatch(text, ANY_REQUIRED)) return [];
  // A sentence ends at . ! ? before a capital, but not after an initial ("J.P. Morgan Chase says …").
  const sentences = text.split(/(?<=[.!?])(?<!(?:^|[\s.])\p{Lu}\.)\s+(?=[\p{Lu}\d"“])|\n+/u);
  for (const sentence of sentences) {
    if (!mayMatch(sentence, ANY_REQUIRED) || isTitleCase(sentence)) continue;
    for (const [i, pattern] of PATTERNS.entries()) {
      if (!mayMatch(sentence, REQUIRED[i]!)) continue;
      for (const match of sentence.matchAll(pattern)) {
        const name = clean(match.groups?.org ?? '');
        if (name !== undefined) victims.add(name);
      }
    }
  }
  return [...victims];
}
