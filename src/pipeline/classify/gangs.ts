import { matchesOf } from './matches.js';

/**
 * Ransomware and data-extortion operations, by the names news reports use (curated from public
 * reporting, 2019–2026). A name here is strong evidence for `ransomware`.
 *
 * `distinct`: names that mean the gang wherever they appear in security news. `ambiguous`: names
 * that are also ordinary words or names ("Play", "Royal", "Hive", "Medusa"), counted only when the
 * text says it is the gang: "Play ransomware", "the Hive gang", "ransomware group Medusa".
 */
const DISTINCT = [
  'LockBit', 'LockBit 3.0', 'LockBit Black', 'BlackCat', 'ALPHV', 'Cl0p', 'Clop', 'Akira', 'Black Basta', 'BlackSuit',
  'Rhysida', 'Qilin', 'RansomHub', '8Base', 'BianLian', 'Conti', 'REvil', 'Sodinokibi', 'DarkSide', 'Ryuk',
  'BlackMatter', 'Ragnar Locker', 'RagnarLocker', 'Vice Society', 'NoEscape', 'Trigona', 'Babuk', 'Egregor',
  'DoppelPaymer', 'Avaddon', 'Hunters International', 'INC Ransom', 'DragonForce', 'SafePay', 'Hellcat',
  'Cicada3301', 'FunkSec', 'RansomEXX', 'Mallox', 'Phobos', 'Makop', 'Stop/Djvu', 'BlackByte', 'Black Kingdom',
  'LockerGoga', 'NetWalker', 'Mespinoza', 'Pysa', 'Hello Kitty', 'HelloKitty', 'Karakurt', 'Cuba ransomware', 'Money Message', 'Big Head', 'Dark Angels',
  'Brain Cipher', 'Eldorado', 'RansomedVC', 'Ransomed.vc', 'Daixin', 'Daixin Team', 'Maui ransomware',
  'Royal ransomware', 'Black Hunt', 'Knight ransomware', 'Cactus ransomware', 'Lorenz', 'Quantum ransomware',
  'BlackLock', 'Termite ransomware', 'Gunra', 'Devman', 'Sarcoma', 'Crypto24', 'Pay2Key', 'Warlock',
  'World Leaks', 'Sinobi', 'Kairos', 'Nitrogen ransomware', 'Embargo ransomware',
];

const AMBIGUOUS = [
  'Play', 'Royal', 'Hive', 'Medusa', 'Fog', 'Lynx', 'Cactus', 'Interlock', 'Everest', 'Meow', 'Chaos',
  'Nova', 'Embargo', 'Snatch', 'Maze', 'Cuba', 'Agenda', 'Anubis', 'Trinity', 'Termite', 'Abyss',
  'Rapture', 'Beast', 'Kraken', 'Nitrogen', 'Arkana', 'Yurei', 'Maui', 'Knight', 'Gentlemen',
  'Stormous', 'Mad Liberator', 'Dire Wolf', 'Bert', 'BERT', 'Frag', 'Helldown', 'Cloak',
];

const GANG_WORDS = '(?:ransomware|extortion|gang|group|crew|operation|operators?|affiliates?|cartel)';

function escape(name: string): string {
  return name.replace(/[.*+?^${}()|[\]\\$]/g, '\\$&').replace(/ /g, '\\s+');
}

const DISTINCT_PATTERN = new RegExp(`(?<![\\p{L}\\p{N}])(${DISTINCT.map(escape).join('|')})(?![\\p{L}\\p{N}])`, 'gu');
const AMBIGUOUS_NAMES = `(${AMBIGUOUS.map(escape).join('|')})`;
/** "Play ransomware", "the Hive gang"; or "ransomware gang Medusa", "ransomware group called Fog". */
const AMBIGUOUS_PATTERN = new RegExp(
  `(?<![\\p{L}\\p{N}])${AMBIGUOUS_NAMES}(?:['’]s)?\\s+${GANG_WORDS}\\b|\\bransomware\\s+(?:gang|group|operation|crew)\\s+(?:(?:called|named|known as|dubbed)\\s+)?${AMBIGUOUS_NAMES}(?![\\p{L}\\p{N}])`,
  'gu',
);

/** Canonical spelling: the list's own, without a trailing "ransomware" (shown as "gang Play"). */
function canonical(name: string): string {
  const flat = name.replace(/\s+/g, ' ').replace(/ ransomware$/i, '');
  const known = [...DISTINCT, ...AMBIGUOUS].find((n) => n.toLowerCase() === flat.toLowerCase());
  return (known ?? flat).replace(/ ransomware$/i, '');
}

/**
 * The first word of every name (as written: the patterns are case-sensitive), and "ransomware"
 * (which introduces an ambiguous name). A text without any of them cannot match either pattern,
 * and most texts have none: the two large alternations with a Unicode look-behind were a tenth of
 * classifying an item.
 */
const FIRST_WORDS = new Set([...[...DISTINCT, ...AMBIGUOUS].map((name) => name.split(/[\s./]/)[0]!), 'ransomware']);

/**
 * The characters FIRST_WORDS start with: a run starting with any other is not looked up. Names are
 * capitalised and most words are not, so most runs are skipped without being sliced and hashed.
 */
const FIRST_CHARS = new Set([...FIRST_WORDS].map((word) => word.charCodeAt(0)));

const isAsciiWordChar = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);

/** Whether a maximal run of ASCII letters and digits of `text` is one of FIRST_WORDS. */
function mayNameGang(text: string): boolean {
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    if (i < text.length && isAsciiWordChar(text.charCodeAt(i))) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      if (FIRST_CHARS.has(text.charCodeAt(start)) && FIRST_WORDS.has(text.slice(start, i))) return true;
      start = -1;
    }
  }
  return false;
}

/** Gang names in a text, first mention first, each once. Case-sensitive: names are proper nouns. */
export function findGangs(text: string): string[] {
  if (!mayNameGang(text)) return [];
  const names = new Set<string>();
  for (const m of matchesOf(DISTINCT_PATTERN, text)) names.add(canonical(m[1]!));
  for (const m of matchesOf(AMBIGUOUS_PATTERN, text)) names.add(canonical(m[1] ?? m[2]!));
  return [...names];
}
