import type { StoryText } from '../model/draft.js';
import { contentWords, coverage, endsInAbbreviation, splitSentences, stripDateline, toPlainText } from './sentences.js';

/**
 * An extractive blurb (issue 18, point 3): one or two sentences taken as written from the story's
 * summaries, so the draft never says anything an outlet did not. No model, no network: the editor
 * rewrites it anyway, and a wrong abstractive summary is worse than a plain quote.
 *
 * A sentence scores by how much of the headline it covers, how much the other outlets say the same
 * (centrality: a sentence every outlet tells is the story, a sentence only one tells is colour),
 * and by position (leads come first in news prose, and the representative's text first).
 *
 * Before choosing, press-release furniture goes (the dateline "DENVER, Nov. 24, 2026 /PRNewswire/ --",
 * stock tickers), and structured text is not taken for prose: numbered advisory sections
 * ("1. OVERVIEW … 2. IMPACT …") are split apart and their headings dropped, and a run of
 * "Label: value" pairs is no sentence. Nothing readable left gives null: better no blurb than garbage.
 */

export const BLURB_MAX_CHARS = 280;

/**
 * Feed furniture that says nothing about the story. Cookie banners only by their wording: "session
 * cookies" is what an infostealer takes, not furniture.
 */
const BOILERPLATE =
  /\b(?:read more|read the full|click here|continue reading|keep reading|subscribe|sign up|newsletter|(?:we|this (?:site|website)) uses? cookies|(?:accept|manage|reject)(?: all)? cookies|cookie (?:policy|settings|preferences|consent|notice)|privacy policy|all rights reserved|originally (?:appeared|published)|appeared first on|the following (?:is )?a press release|follow us|share this|advertisement|sponsored)\b/i;
/** WordPress's "The post <title> appeared first on <site>." and the like, cut before splitting. */
const POST_FOOTER = /\s*The post\s[\s\S]*?\sappeared first on\s[\s\S]*$/i;
/** Truncation markers: a sentence ending in one was cut by the feed. */
const TRUNCATED = /(?:\[(?:…|\.\.\.)\]|…|\.\.\.)\s*$/;

/** A stock ticker after a company's name: "(NASDAQ: ARGQ)", "(NYSE: IRVS)", "(TSX: ABC; OTCQX: ABCF)". */
const TICKER = /\s*\((?:NASDAQ|Nasdaq|NYSE(?: American)?|TSXV?|TSX-V|LSE|ASX|AIM|OTC(?:QX|QB)?|SIX|Euronext(?: \p{L}+)?)(?: ?[A-Z]{2})?\s*:\s*[A-Z][A-Z0-9.-]{0,7}(?:\s*[;,]\s*[^()]{1,40})?\)/gu;
/**
 * A numbered section heading of a structured advisory: "1. OVERVIEW", "3. AFFECTED VERSIONS". Its
 * number and heading end what came before: the text is split there and the heading dropped.
 */
const NUMBERED_HEADING = /(?:^|\s)\d{1,2}\.\s+\p{Lu}{2,}(?:[ /&-]+\p{Lu}{2,})*(?=\s|$)/gu;
/** A heading run into its first sentence: "Summary The FBI and CISA …", "Overview: CISA …". */
const LEAD_HEADING = /^(?:executive summary|summary|overview|background|description|technical details|details|key findings)(?::\s*|\s+)(?=\p{Lu})/iu;
/** "Vendor: Acme", "Where used: Worldwide": a label ending in a letter, a colon and a space. */
const LABEL = /\p{L}\)?:\s/gu;
/**
 * A sentence run into the next list item: "… Vulnerabilities: CVE-2026-41788 2.", a bare number after
 * an id, a code or a label. Not a date or a count ("since Nov. 12.", "rose to 12.", "Windows 11.").
 */
const LIST_NUMBER_END = /(?:\d|\b\p{Lu}{2,}|[,:;])\s+\d{1,2}\.$/u;
/** Sentence-final punctuation, closing quotes and brackets allowed after it. */
const FINAL_STOP = /[.!?…]["'”’)\]]*$/;
/** Advisory and CVE ids: "ICSA-26-328-01", "CVE-2026-41788". */
const ADVISORY_ID = /\b\p{Lu}{2,}(?:-\d+){2,}\b/gu;

const MIN_WORDS = 5;

interface Sentence {
  text: string;
  /** Index of the text it came from (0: the representative). */
  source: number;
  /** Its position among that text's informative sentences. */
  position: number;
  words: Set<string>;
}

/** The blurb for a story, or null when its texts hold no informative sentence. */
export function draftBlurb(title: string, texts: readonly StoryText[], maxChars = BLURB_MAX_CHARS): string | null {
  const titleWords = contentWords(toPlainText(title));
  const perText = texts.map((t, i) => informativeSentences(t, i, titleWords));
  const all = perText.flat();
  if (all.length === 0) return null;

  const scored = all.map((s) => ({ s, score: scoreSentence(s, titleWords, perText) }));
  // Best score first; ties go to the earlier text, then the earlier sentence: deterministic.
  scored.sort((a, b) => b.score - a.score || a.s.source - b.s.source || a.s.position - b.s.position);
  const best = scored[0]!.s;

  // A short lead reads better with the sentence that follows it in the same text.
  const next = perText[best.source]![best.position + 1];
  const pair = next ? `${best.text} ${next.text}` : null;
  if (pair !== null && best.text.length < maxChars / 2 && pair.length <= maxChars) return pair;
  return best.text.length <= maxChars ? best.text : cutAtWord(best.text, maxChars);
}

function informativeSentences(text: StoryText, source: number, titleWords: ReadonlySet<string>): Sentence[] {
  const { text: plain, dateline } = stripDateline(toPlainText(text.summary).replace(POST_FOOTER, ''));
  const ownTitle = contentWords(toPlainText(text.title));
  const kept: Sentence[] = [];
  for (const raw of proseSentences(plain.replace(TICKER, ''), dateline)) {
    const sentence = raw.trim();
    if (TRUNCATED.test(sentence) || BOILERPLATE.test(sentence)) continue;
    const words = contentWords(sentence);
    if (sentence.split(/\s+/).length < MIN_WORDS || words.size < 3) continue;
    // A sentence that only repeats a headline tells the reader nothing the title line did not.
    if (coverage(words, titleWords) >= 0.8 || coverage(words, ownTitle) >= 0.8) continue;
    kept.push({ text: sentence, source, position: kept.length, words });
  }
  return kept;
}

/**
 * The sentences of a text that read as prose: advisory sections apart, their headings dropped,
 * label runs left out, an id list after a colon cut off ("… covering three products: ICSA-…").
 * A wire's own summary is often cut at its first period, abbreviations included ("Acme, Inc."): a
 * press release's last sentence that ends in an abbreviation is such a cut, and is left out.
 */
function proseSentences(text: string, pressRelease: boolean): string[] {
  const out: string[] = [];
  const segments = text.split(NUMBERED_HEADING).map((s) => s.trim().replace(LEAD_HEADING, ''));
  for (const segment of segments) {
    const sentences = splitSentences(segment);
    if (pressRelease && segment === segments.at(-1) && endsInAbbreviation(segment)) sentences.pop();
    for (const raw of sentences) {
      // A dateline inside the text: "The following is a press release from Acme. RALEIGH, N.C. -- …".
      const sentence = withoutIdList(stripDateline(raw).text.replace(/([^.])\.\.$/, '$1.'));
      const labels = sentence.match(LABEL)?.length ?? 0;
      // Label runs, and a labelled line a heading cut off ("Acme Gateway: versions 2.4 through 2.7").
      if (labels >= 2 || (labels === 1 && !FINAL_STOP.test(sentence)) || LIST_NUMBER_END.test(sentence)) continue;
      out.push(sentence);
    }
  }
  return out;
}

/** "… were published, covering A and B: ICSA-26-1 Foo ICSA-26-2 Bar" → "… covering A and B." */
function withoutIdList(sentence: string): string {
  const colon = sentence.indexOf(': ');
  if (colon < 0 || (sentence.slice(colon).match(ADVISORY_ID)?.length ?? 0) < 2) return sentence;
  return `${sentence.slice(0, colon).replace(/[\s,;]+$/, '')}.`;
}

function scoreSentence(s: Sentence, titleWords: ReadonlySet<string>, perText: readonly Sentence[][]): number {
  const titleOverlap = coverage(titleWords, s.words);
  const others = perText.filter((_, i) => i !== s.source && perText[i]!.length > 0);
  let centrality = 0;
  for (const other of others) {
    const words = new Set(other.flatMap((o) => [...o.words]));
    centrality += coverage(s.words, words);
  }
  if (others.length > 0) centrality /= others.length;
  const position = s.position === 0 ? 0.3 : s.position === 1 ? 0.1 : 0;
  const representative = s.source === 0 ? 0.1 : 0;
  return titleOverlap + centrality + position + representative;
}

/** Cuts at the last space that leaves room for the ellipsis: never mid-word. */
function cutAtWord(text: string, maxChars: number): string {
  const room = text.slice(0, maxChars - 1);
  const space = room.lastIndexOf(' ');
  const head = (space > 0 ? room.slice(0, space) : room).replace(/[\s,;:–—-]+$/, '');
  return `${head}…`;
}
