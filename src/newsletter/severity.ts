import type { StoryCandidate } from '../model/draft.js';
import { findFigures, isAffectedCount, type Figure } from './figures.js';
import { toPlainText } from './sentences.js';

/**
 * Severity signals (issue 18, point 2): what makes a story matter to a security reader beyond how
 * many outlets carried it, read from the story's texts (every outlet's title and summary). Each
 * signal is a fixed number of points, before the ranking's `severity` weight:
 *
 *   actively exploited / exploited in the wild     1.25
 *   zero-day (0-day)                               0.75
 *   on a known-exploited list (KEV)                0.75
 *   critical (CVSS 9.x–10, "critical flaw")        0.5
 *   people or records affected                     0.5 per tenfold above 1,000 (10k 0.5, 1M 1.5), at most 2
 *   critical infrastructure (hospital, water …)    0.75
 *   a named victim                                 0.5, +0.25 per further outlet naming it, at most 1.25
 *   a government advisory on an active threat      0.5 (title only; see ACTIVE_THREAT)
 *
 * A signal found only in summaries counts SUMMARY_SHARE of its points: a headline states what the
 * story is about, a summary also mentions context ("unlike last year's zero-day, …").
 *
 * Kept simple and word-boundary based. False signals avoided on purpose: a match after a negation
 * in the same clause ("no evidence it was exploited in the wild"); marketing phrases ("zero-day
 * protection", "critical thinking", Trend Micro's "Zero Day Initiative"); and any threat wording
 * in a press release, where "zero-day" and "critical" sell products. Opinion pieces, columns,
 * podcasts and webinars get no severity at all: they discuss news rather than report it. Nor do
 * announcements of events and awards: a conference whose audience includes "hospitals" or a
 * "Hospital Security Track" reports no attack on one.
 */

export interface SeveritySignal {
  /** Stable id, e.g. `exploited`, `affected`. */
  id: string;
  /** What was found, for rankReasons: "actively exploited", "2.3 million customers affected". */
  label: string;
  /** Points before the severity weight. */
  points: number;
}

export interface SeverityReading {
  signals: SeveritySignal[];
  /** Why there are none on purpose (an opinion piece); absent otherwise. */
  excluded?: string;
}

export const SUMMARY_SHARE = 0.6;

interface PhraseSignal {
  id: string;
  label: string;
  points: number;
  pattern: RegExp;
  /** Threat wording: not read from press releases (marketing copy). */
  threat: boolean;
}

const PHRASES: readonly PhraseSignal[] = [
  {
    id: 'exploited',
    label: 'actively exploited',
    points: 1.25,
    threat: true,
    pattern:
      /\b(?:(?:actively|being|widely|mass(?:ively)?) exploited|exploited in (?:the wild|attacks)|under (?:active )?(?:exploitation|attacks?)|active(?:ly)? exploit(?:ation|ing)|in-the-wild exploitation|exploitation in the wild|exploited as (?:a )?zero-days?|(?:attackers|hackers|threat actors|criminals) (?:are |have been )?(?:actively )?exploiting)\b/i,
  },
  {
    id: 'zero-day',
    label: 'zero-day',
    points: 0.75,
    threat: true,
    pattern: /\b(?:zero[- ]?days?|0[- ]?days?)\b(?![- ](?:initiative|protection|prevention|defen[cs]e|detection|threat protection|security|quest|coverage|threats?)\b)/i,
  },
  {
    id: 'kev',
    label: 'on the known-exploited list (KEV)',
    points: 0.75,
    threat: true,
    pattern: /\b(?:KEV|known exploited vulnerabilit(?:y|ies))\b/i,
  },
  {
    id: 'critical',
    label: 'critical severity',
    points: 0.5,
    threat: true,
    pattern:
      /\b(?:CVSS(?:v?[234](?:\.\d)?)?(?: base)?(?: score)?(?: of)?:?\s*(?:9\.\d|10(?:\.0)?)\b|critical[- ]severity|severity(?: rating)? (?:of )?critical|rated critical|critical(?:[- ][\p{L}\d.-]+){0,2}?[- ](?:flaws?|vulnerabilit(?:y|ies)|bugs?|bypass(?:es)?|injections?|overflows?|RCE|remote code execution|security (?:updates?|patch(?:es)?|holes?|issues?|fix(?:es)?)|patch(?:es)?|holes?|zero-days?))\b/iu,
  },
  {
    id: 'infrastructure',
    label: 'critical infrastructure',
    points: 0.75,
    threat: false,
    // "pipeline" only with what it carries: a CI/CD or data pipeline is not infrastructure.
    pattern:
      /\b(?:hospitals?|health ?systems?|medical cent(?:er|re)s?|water (?:utilit(?:y|ies)|treatment|systems?|suppl(?:y|ier)|plants?|facilit(?:y|ies))|power (?:grids?|plants?|stations?|utilit(?:y|ies))|electric(?:al|ity)? (?:grids?|utilit(?:y|ies))|energy (?:grids?|utilit(?:y|ies))|airports?|air traffic control|(?:oil|gas|fuel) pipelines?|pipeline operators?|nuclear (?:plants?|facilit(?:y|ies))|911|emergency services|railways?|ports? authority|seaports?)\b/i,
  },
];

/** An opinion or a conversation about the news, not a report of it. */
const NOT_A_REPORT = /^(?:opinion|column|commentary|editorial|op-ed|brief|analysis|perspective)\s*[:|–—-]|\b(?:podcast|webinar|episode)\b/i;
/**
 * An event or award announcement: an "Events:" rubric, or an event noun with an announcing verb
 * ("conference returns to …", "announces keynote lineup", "wins … award"). An event noun alone is
 * not enough: "fake conference invitations" can be a phishing report.
 */
const ANNOUNCEMENT = new RegExp(
  [
    String.raw`^(?:events?|awards?|save the date|call for (?:papers|speakers|proposals))\s*[:|–—-]`,
    String.raw`\b(?:conference|summit|symposium|congress|convention|expo|forum|meetup|hackathon|awards?)\b(?:\s+\S+){0,4}?\s+(?:returns?|is back|comes? (?:back )?to|heads? to|kicks? off|opens? registration|unveils? (?:its )?(?:agenda|programme|program|speakers|lineup))\b`,
    String.raw`\b(?:keynote (?:lineup|speakers?)|call for (?:papers|speakers|proposals)|registration (?:opens|is open|now open)|award (?:winners?|finalists?|shortlist)|(?:wins?|receives?|named (?:a )?(?:winner|finalist) (?:of|in|for)?)\b.{0,60}\baward)\b`,
  ].join('|'),
  'iu',
);
/**
 * An official advisory about a threat in progress, read from the title of a government feed's
 * item: CISA's "#StopRansomware: <gang>" series and joint advisories that actors "continue to
 * target" or are "targeting" someone. Routine product advisories ("Acme Inverter Gateway"), KEV
 * additions (their own signal) and guidance ("Guide", "Hardening …") are not.
 */
const ACTIVE_THREAT =
  /#StopRansomware\b|\b(?:continues?|continuing|still) to (?:target|exploit|compromise|attack|breach)\b|\b(?:actors?|hackers|groups?|gangs?|affiliates|operators|campaigns?)\b[^.:;]{0,40}?\b(?:target(?:s|ing)|exploit(?:s|ing)|compromis(?:es|ing)|attack(?:s|ing)|breach(?:es|ing))\b/i;
const GUIDANCE = /\b(?:guides?|guidance|best practices|hardening|recommendations|fact ?sheet|toolkit|playbook|webinar)\b/i;
const ADVISORY_POINTS = 0.5;
/** A negation earlier in the same clause turns a phrase off ("not exploited in the wild"). */
const NEGATION = /\b(?:no|not|never|nor|without|unlikely|n't|isn't|wasn't|hasn't|haven't|aren't)\b[^.;:!?]*$/i;

const AFFECTED_POINTS_PER_DECADE = 0.5;
const AFFECTED_MAX = 2;
const VICTIM_BASE = 0.5;
const VICTIM_PER_OUTLET = 0.25;
const VICTIM_MAX = 1.25;

type Readable = Pick<StoryCandidate, 'title' | 'texts' | 'section' | 'victims'> & Partial<Pick<StoryCandidate, 'sourceKind'>>;

export function readSeverity(candidate: Readable): SeverityReading {
  const title = toPlainText(candidate.title);
  if (NOT_A_REPORT.test(title)) return { signals: [], excluded: 'opinion or discussion piece' };
  if (ANNOUNCEMENT.test(title)) return { signals: [], excluded: 'event or award announcement' };
  const texts = candidate.texts.length > 0 ? candidate.texts : [{ source: '', title: candidate.title, summary: '' }];
  const titles = [title, ...texts.map((t) => toPlainText(t.title))];
  const summaries = texts.map((t) => toPlainText(t.summary));
  const isRelease = candidate.section === 'press-release';

  const signals: SeveritySignal[] = [];
  for (const phrase of PHRASES) {
    if (phrase.threat && isRelease) continue;
    const share = titles.some((t) => saysPhrase(t, phrase.pattern)) ? 1 : summaries.some((s) => saysPhrase(s, phrase.pattern)) ? SUMMARY_SHARE : 0;
    if (share > 0) signals.push({ id: phrase.id, label: phrase.label, points: phrase.points * share });
  }
  const affected = affectedSignal(titles, summaries);
  if (affected) signals.push(affected);
  const victim = victimSignal(candidate.victims, texts.map((t, i) => `${titles[i + 1]} ${summaries[i]}`));
  if (victim) signals.push(victim);
  if (candidate.sourceKind === 'government' && ACTIVE_THREAT.test(title) && !GUIDANCE.test(title)) {
    signals.push({ id: 'advisory', label: 'government advisory on an active threat', points: ADVISORY_POINTS });
  }
  return { signals };
}

/** Each phrase's global twin, compiled once (matchAll needs the g flag). */
const GLOBAL_PATTERNS = new WeakMap<RegExp, RegExp>();

/** Whether a text says the phrase outside a negated clause. */
function saysPhrase(text: string, pattern: RegExp): boolean {
  // Most texts do not say it at all: one test rejects them before the negation scan.
  pattern.lastIndex = 0;
  if (!pattern.test(text)) return false;
  let global = GLOBAL_PATTERNS.get(pattern);
  if (!global) GLOBAL_PATTERNS.set(pattern, (global = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`)));
  for (const m of text.matchAll(global)) {
    if (!NEGATION.test(text.slice(Math.max(0, m.index - 80), m.index))) return true;
  }
  return false;
}

/** The largest count of people or records any text reports, scaled by its order of magnitude. */
function affectedSignal(titles: readonly string[], summaries: readonly string[]): SeveritySignal | undefined {
  let best: { figure: Figure; share: number; points: number } | undefined;
  const consider = (text: string, share: number): void => {
    for (const figure of findFigures(text).filter(isAffectedCount)) {
      const points = Math.min(AFFECTED_MAX, Math.max(0, (Math.log10(figure.value) - 3) * AFFECTED_POINTS_PER_DECADE)) * share;
      if (points > 0 && (best === undefined || points > best.points)) best = { figure, share, points };
    }
  };
  titles.forEach((t) => consider(t, 1));
  summaries.forEach((s) => consider(s, SUMMARY_SHARE));
  return best && { id: 'affected', label: `${best.figure.text} affected`, points: best.points };
}

/** The victim most outlets name: a household name hit is bigger news than an unknown one. */
function victimSignal(victims: readonly string[], texts: readonly string[]): SeveritySignal | undefined {
  let best: { name: string; outlets: number } | undefined;
  const lowered = texts.map((t) => t.toLowerCase());
  for (const name of victims) {
    // A plain substring test of the name's first word spares most texts the Unicode regex.
    const first = name.trim().toLowerCase().split(/\s+/, 1)[0] ?? '';
    if (first === '') continue;
    const named = texts.filter((t, i) => lowered[i]!.includes(first));
    const pattern = named.length > 0 ? nameMatcher(name) : undefined;
    const outlets = Math.max(1, pattern ? named.filter((t) => pattern.test(t)).length : 0);
    if (best === undefined || outlets > best.outlets) best = { name, outlets };
  }
  if (!best) return undefined;
  const points = Math.min(VICTIM_MAX, VICTIM_BASE + VICTIM_PER_OUTLET * (best.outlets - 1));
  return { id: 'victim', label: `victim ${best.name} named by ${best.outlets} ${best.outlets === 1 ? 'outlet' : 'outlets'}`, points };
}

/** Compiled name matchers: a draft asks for the same victims' names again and again. Bounded. */
const NAME_MATCHERS = new Map<string, RegExp | undefined>();

/** A case-insensitive whole-word matcher for a name; undefined for an empty one. */
export function nameMatcher(name: string): RegExp | undefined {
  if (NAME_MATCHERS.has(name)) return NAME_MATCHERS.get(name);
  if (NAME_MATCHERS.size >= 10_000) NAME_MATCHERS.clear();
  const matcher = compileNameMatcher(name);
  NAME_MATCHERS.set(name, matcher);
  return matcher;
}

function compileNameMatcher(name: string): RegExp | undefined {
  const flat = name.trim().replace(/\s+/g, ' ');
  if (flat === '') return undefined;
  const escaped = flat.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'iu');
}
