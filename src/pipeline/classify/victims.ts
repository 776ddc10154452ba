/**
 * Organisations a text names as the victim of a breach or an attack, for the draft's "Wall of
 * Shame". Precision over recall: only a few sentence shapes are read, and the trigger words must be
 * lower case, so a Title Case headline ("Ransomware Attack On Regional Hospital Disrupts Care")
 * never turns half a headline into a name. Anything doubtful is left out.
 */

import { matchesOf } from './matches.js';
import { findNoticeVictims, isCommonName } from './notices.js';
import { anyOf } from './prefilter.js';

// A name: capitalised words (or digits), joined by "of", "and", "&", "for", "de" ("Bank of America").
const WORD = "[\\p{Lu}\\d][\\p{L}\\d&.'’-]*";
const ORG = `${WORD}(?:\\s+(?:(?:of|and|&|for|de|du|la|the)\\s+)?${WORD}){0,5}`;
const TRIGGER =
  '(?:data breach|breach|cyberattack|cyber-attack|cyber attack|ransomware attack|ransomware incident|security incident|' +
  'cybersecurity incident|cyber incident|hack|intrusion|data theft|data leak|network disruption|unauthori[sz]ed access)';
const ADJECTIVES = '(?:[a-z][a-z-]*\\s+){0,3}?';
const ARTICLE = '(?:(?:a|an|the|its|their)\\s+)?';

/** A sentence shape that names a victim, and the words (same case) without which it cannot match. */
interface Shape {
  pattern: RegExp;
  /**
   * A sentence with none of these is not run through the pattern: most sentences have none, and
   * the patterns' unanchored name at the front made them the slowest part of classifying an item.
   */
  required: readonly string[];
}

// Every TRIGGER alternative contains one of these.
const TRIGGER_WORDS = ['breach', 'attack', 'incident', 'hack', 'intrusion', 'theft', 'leak', 'disruption', 'unauthori'];
/** Lower-case words before a name ("auto-parts maker", "online lender"): they describe, they do not name. */
const DESCRIPTION = '(?:[a-z][a-z-]*\\s+){0,3}';
const ATTACK = '(?:[Rr]ansomware|[Cc]yber-?\\s?attack|cyber incident|security incident|hack|breach|intrusion)';

const SHAPES: readonly Shape[] = [
  // "Acme Health confirms data breach", "Acme notifies 50,000 patients of a data breach",
  // "Acme disclosed that it suffered a ransomware attack".
  {
    pattern: new RegExp(
      `(?<org>${ORG})\\s+(?:has\\s+|have\\s+)?(?:disclos(?:es|ed)|confirm(?:s|ed)|notif(?:ies|ied)|is notifying|began notifying|report(?:s|ed) (?:a|an))\\s+` +
        `(?:(?:that\\s+)?it\\s+(?:suffered|experienced|was hit by|was targeted in)\\s+)?(?:[\\d,.]+(?:\\s+(?:million|thousand))?\\s+[a-z]+\\s+(?:of|about)\\s+)?` +
        `${ARTICLE}${ADJECTIVES}${TRIGGER}\\b`,
      'gu',
    ),
    required: TRIGGER_WORDS,
  },
  // "Acme was hit by a ransomware attack", "Acme suffered a data breach", "Acme fell victim to …".
  {
    pattern: new RegExp(
      `(?<org>${ORG})\\s+(?:(?:was|has been|is|were|have been)\\s+)?(?:hit|struck|crippled|disrupted|suffer(?:s|ed)|fell victim to|falls victim to)\\s+(?:by\\s+)?` +
        `${ARTICLE}${ADJECTIVES}(?:${TRIGGER}|attack|ransomware)\\b`,
      'gu',
    ),
    required: [...TRIGGER_WORDS, 'ransomware'],
  },
  // "a ransomware attack on Acme Health", "the DDoS attack against Acme".
  {
    pattern: new RegExp(`\\b(?:[Rr]ansomware|[Cc]yber|DDoS|hacker)[- ]?attacks?\\s+(?:on|against|targeting|that hit|that struck)\\s+(?:the\\s+)?${DESCRIPTION}(?<org>${ORG})`, 'gu'),
    required: ['attack'],
  },
  // Leak-site claims: "Akira claims attack on auto-parts maker Shrivardhan Components", "Qilin
  // claims Brightwater Health ransomware attack", "the crew takes credit for the Acme outage".
  {
    pattern: new RegExp(`\\bclaim(?:s|ed|ing)?\\s+(?:responsibility for\\s+)?(?:an?\\s+|the\\s+)?(?:ransomware\\s+|cyber\\s*)?attack\\s+on\\s+${DESCRIPTION}(?<org>${ORG})`, 'gu'),
    required: ['attack'],
  },
  {
    pattern: new RegExp(`\\b(?:claim(?:s|ed|ing)?(?:\\s+responsibility for)?|takes?\\s+credit\\s+for)\\s+(?:the\\s+)?(?<org>${ORG})\\s+(?:ransomware\\s+|cyber\\s*)?(?:attack|hack|breach|outage|data theft|intrusion)\\b`, 'gu'),
    required: ['claim', 'credit'],
  },
  // "gang claims Kelso Foods as victim", "the group added Acme to its leak site".
  {
    pattern: new RegExp(`\\b(?:claim(?:s|ed)?\\s+(?<org>${ORG})\\s+as\\s+(?:a\\s+|its\\s+)?victim|(?:add(?:s|ed)?|list(?:s|ed)?)\\s+(?<org2>${ORG})\\s+(?:to|on)\\s+(?:its|their)\\s+(?:data\\s+)?leak\\s+site)`, 'gu'),
    required: ['victim', 'leak site'],
  },
  // "Interlock gang leaks Cedar Valley school district files".
  {
    pattern: new RegExp(`\\b(?:gang|group|crew|hackers|operators?)\\s+(?:leaks?|leaked|publishe[sd]|dumps?|dumped)\\s+(?:data\\s+(?:from|of)\\s+|files\\s+(?:from|of)\\s+)?(?<org>${ORG})`, 'gu'),
    required: ['leak', 'publish', 'dump'],
  },
  // "a data breach at Acme", "the breach of Acme's network", "the hack of Acme", "unprotected
  // database at online lender LendNimbus". (Not "server": "a flaw in the mail server of …".)
  {
    pattern: new RegExp(`\\b(?:data\\s+)?(?:breach|hack|compromise|database|bucket)(?:es)?\\s+(?:at|of|belonging to)\\s+(?:the\\s+)?${DESCRIPTION}(?<org>${ORG})`, 'gu'),
    required: ['breach', 'hack', 'compromise', 'database', 'bucket'],
  },
  // "Ransomware halts shipments at Ostwind Logistik", "cyberattack cripples Acme's systems".
  {
    pattern: new RegExp(`\\b${ATTACK}(?:\\s+attack)?\\s+(?:halts|disrupts|cripples|hits|shuts down|knocks out|takes down|paralyses|paralyzes)\\s+(?:[a-z]+\\s+){0,3}?(?:at\\s+|of\\s+)?(?<org>${ORG})`, 'gu'),
    required: ['ansomware', 'attack', 'incident', 'hack', 'breach', 'intrusion'],
  },
  // "the Acme Health data breach" (law-firm notices: "… affected by the Acme Health data breach").
  {
    pattern: new RegExp(`\\bthe\\s+(?<org>${ORG})\\s+(?:data\\s+breach|data\\s+security\\s+incident|cyberattack|ransomware attack)`, 'gu'),
    required: ['breach', 'incident', 'attack'],
  },
  // Law-firm notices: "on behalf of Acme Health patients".
  {
    pattern: new RegExp(`\\bon behalf of\\s+(?:current and former\\s+)?(?<org>${ORG})\\s+(?:patients|customers|employees|clients|members|users|account holders|students|policyholders)\\b`, 'gu'),
    required: ['on behalf of'],
  },
  // "Telehealth firm Corvana Health left 1.1 million patient forms in an open storage bucket".
  {
    pattern: new RegExp(`(?<org>${ORG})\\s+(?:left|leaves|has left)\\s+(?:[\\p{L}\\d.,’'-]+\\s+){1,8}?(?:exposed|open|unprotected|unsecured|publicly accessible)\\b`, 'gu'),
    required: ['exposed', 'open', 'unprotected', 'unsecured', 'publicly accessible'],
  },
  // Sentence-case headlines open with the victim: "Brightwater Health diverts ambulances as ransomware
  // attack hits 14 hospitals", "Pinecrest Outfitters says hackers stole customer data", "Freight
  // forwarder Marlowe Logistics halts shipments after ransomware attack". Only at the start of a
  // sentence (after a few lower-case words of description), only after one of these verbs, and only
  // when a victim-side trigger follows (a singular attack or a theft: "Sophos says ransomware
  // attacks rose" names no victim). No "investigates": law firms investigate other companies' breaches.
  {
    pattern: new RegExp(
      `^(?:[\\p{Lu}][\\p{Ll}-]+\\s+(?=[a-z]))?${DESCRIPTION}(?<org>${ORG})(?:,\\s+[\\p{Lu}][\\p{L}.]+,)?\\s+(?:says|said|diverts|restores|shuts|suspends|cancels|closes|postpones|delays|reopens|recovers|is recovering|` +
        `halts|pauses|declares|hit with)\\b[^.!?]*?\\b(?:data breach|breach|ransomware attack|cyberattack|cyber-attack|cyber attack|` +
        `cyber incident|security incident|cybersecurity incident|stole|stolen|data theft)\\b`,
      'gu',
    ),
    required: ['breach', 'attack', 'incident', 'stole', 'theft'],
  },
  // "City of Harwick's phones and payment portals down after cyberattack".
  {
    pattern: new RegExp(
      `^(?<org>${ORG})['’]s\\s+(?:[a-z][a-z-]*\\s+){1,6}(?:down|offline|disrupted|out)\\s+(?:after|following|amid)\\s+(?:a\\s+)?` +
        `(?:cyberattack|cyber-attack|cyber attack|ransomware attack|hack|breach|cyber incident)\\b`,
      'gu',
    ),
    required: ['attack', 'hack', 'breach', 'incident'],
  },
];
/** Each shape's required words as one pre-check (prefilter.ts), and all of them as another. */
const SHAPE_CHECKS = SHAPES.map((shape) => ({ ...shape, mayMatch: anyOf(shape.required) }));
const ANY_REQUIRED = anyOf([...new Set(SHAPES.flatMap((shape) => shape.required))]);

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
  if (words.every((word) => DEMONYMS.has(word)) || isCommonName(name)) return undefined;
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
  for (const name of findNoticeVictims(title)) {
    const cleaned = clean(name);
    if (cleaned !== undefined) victims.add(cleaned);
  }
  const text = `${title}.\n${summary.slice(0, 4000)}`;
  if (!ANY_REQUIRED.test(text)) return [...victims];
  // A sentence ends at . ! ? before a capital, but not after an initial ("J.P. Morgan Chase says …").
  const sentences = text.split(/(?<=[.!?])(?<!(?:^|[\s.])\p{Lu}\.)\s+(?=[\p{Lu}\d"“])|\n+/u);
  for (const sentence of sentences) {
    if (!ANY_REQUIRED.test(sentence) || isTitleCase(sentence)) continue;
    for (const { pattern, mayMatch } of SHAPE_CHECKS) {
      if (!mayMatch.test(sentence)) continue;
      for (const match of matchesOf(pattern, sentence)) {
        const name = clean(match.groups?.org ?? match.groups?.org2 ?? '');
        if (name !== undefined) victims.add(name);
      }
    }
  }
  return [...victims];
}
