/**
 * Victims named by the headline shapes of breach notices and their aftermath (issue 16): "Acme
 * Provides Notice of Data Security Incident", "Notice of Data Event: Acme", a law firm's "DATA BREACH
 * ALERT: … on Behalf of Acme Customers", "Acme Health Hit by Ransomware Attack". These headlines are
 * in Title Case, which victims.ts never reads (it cannot tell where a name ends there); each shape
 * here is anchored on words that end the name, and a name made only of common nouns ("Hospital
 * Chain Confirms Data Breach") is no name.
 */
import { anyOf } from './prefilter.js';

const INCIDENT =
  '(?:(?:a|an|the)\\s+)?(?:recent\\s+)?(?:data\\s+(?:security\\s+|privacy\\s+)?(?:incident|event|breach)|cyber(?:security)?\\s+(?:security\\s+)?incident|' +
  '(?:network\\s+)?security\\s+incident|privacy\\s+incident|ransomware\\s+attack|cyber-?\\s?attack|data\\s+theft)';
const NAME = '(?<org>[\\p{Lu}\\d][^:;|]{1,70}?)';

/** Each shape, and lower-case words one of which a headline must contain for it to match (a cheap test first). */
const SHAPES: readonly { pattern: RegExp; words: readonly string[] }[] = [
  {
    pattern: new RegExp(`^${NAME}\\s+(?:provides|issues|gives|posts|publishes|shares)\\s+(?:notice|notification|update|information)\\s+(?:of|on|regarding|about|concerning)\\s+${INCIDENT}`, 'iu'),
    words: ['notice', 'notification', 'update', 'information'],
  },
  {
    pattern: new RegExp(`^${NAME}\\s+(?:notifies|is notifying|announces|reports|discloses|confirms|investigates|suffers)\\s+(?:[\\p{L}'’-]+\\s+){0,4}?(?:of\\s+|about\\s+)?${INCIDENT}`, 'iu'),
    words: ['notif', 'announces', 'reports', 'discloses', 'confirms', 'investigates', 'suffers'],
  },
  {
    pattern: new RegExp(`^${NAME}\\s+(?:hit|struck|crippled|disrupted|targeted)\\s+(?:by|with|in)\\s+(?:an?\\s+)?(?:ransomware|cyber-?\\s?attack|data\\s+breach|hack|ddos)`, 'iu'),
    words: ['hit ', 'struck', 'crippled', 'disrupted', 'targeted'],
  },
  { pattern: new RegExp(`^notice\\s+of\\s+${INCIDENT}\\s*[:–—-]\\s*${NAME}$`, 'iu'), words: ['notice'] },
  {
    pattern: new RegExp(`\\bon\\s+behalf\\s+of\\s+(?:current\\s+and\\s+former\\s+)?${NAME}\\s+(?:customers|patients|employees|clients|members|users|students|account\\s+holders|policyholders|residents)\\b`, 'iu'),
    words: ['behalf'],
  },
  { pattern: new RegExp(`^${NAME}\\s+data\\s+breach(?:\\s+(?:investigation|lawsuit|alert|class\\s+action|settlement))?\\b`, 'iu'), words: ['data breach'] },
  { pattern: new RegExp(`\\bclass\\s+action\\s+(?:lawsuit\\s+)?(?:filed\\s+)?against\\s+${NAME}\\s+(?:over|for|after|following)\\s+.*\\b(?:breach|incident|hack|attack)`, 'iu'), words: ['class action'] },
];

/** Every shape names an incident or an attack with one of these words. */
const INCIDENT_WORDS = anyOf(['incident', 'event', 'breach', 'attack', 'theft', 'ransomware', 'hack', 'ddos']);
const SHAPE_CHECKS = SHAPES.map((shape) => ({ ...shape, mayMatch: anyOf(shape.words) }));

/** Title Case words that describe an organisation without naming one. */
const COMMON = new Set(
  `a an the major massive huge large largest big new latest another global regional local national popular leading us uk eu
hospital hospitals chain company companies firm retailer bank banks city county school schools district university college
insurer provider giant maker group operator agency government clinic health healthcare medical dental system systems network
lender exchange pharmacy startup start-up council ministry carrier manufacturer automaker
tech telecom carrier airline airport manufacturer supplier vendor service services platform app data financial credit union
store stores shop restaurant council state federal department ministry police law report study survey`.split(/\s+/),
);

/** Words a name is never made of: the shapes' own verbs, and the words that open a question. */
const NOT_IN_NAME = /^(?:provides|issues|gives|posts|notifies|announces|reports|discloses|confirms|investigates|suffers|hit|struck|how|what|why|when|where|who|did|does|is|are|can)$/i;
const JOINER = /^(?:of|and|&|for|de|du|la|the)$/;

/** Whether every word of a name is a common noun or description ("Insurer", "Hospital Chain"). */
export function isCommonName(name: string): boolean {
  return name.split(/\s+/).every((word) => COMMON.has(word.toLowerCase()));
}

function nameOf(raw: string): string | undefined {
  const name = raw.trim().replace(/[.,'’]+$/, '').replace(/['’]s$/, '');
  const words = name.split(/\s+/);
  if (words.length > 8 || isCommonName(name)) return undefined;
  // A name's words are capitalised (or numbers, or joiners): "Regulator fines bank after" is a sentence.
  if (words.some((word) => NOT_IN_NAME.test(word) || !(/^[\p{Lu}\d]/u.test(word) || JOINER.test(word)))) return undefined;
  // A law firm's own name before "Investigating Claims on Behalf of …" is not the victim.
  if (/\b(?:LLP|LLC|P\.?C\.?|Law|Attorneys?|Lawyers?)\b/.test(name) && /\binvestigat/i.test(raw)) return undefined;
  return name;
}

/** The victim a headline names in the first of the shapes above it matches, if any. */
export function findNoticeVictims(title: string): string[] {
  const lower = title.toLowerCase();
  if (!INCIDENT_WORDS.test(lower)) return [];
  for (const shape of SHAPE_CHECKS) {
    if (!shape.mayMatch.test(lower)) continue;
    const match = shape.pattern.exec(title);
    if (match === null) continue;
    const name = nameOf(match.groups?.org ?? '');
    return name === undefined ? [] : [name];
  }
  return [];
}
