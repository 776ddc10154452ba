import { anyOf } from './prefilter.js';

/**
 * Marks of a press release, wherever it was posted. Strong marks (a wire credit, a dateline, a
 * ticker, the "About <Company>" paragraph, forward-looking statements, a media-contact block) are
 * written by companies, not by journalists. Medium marks ("today announced") are typical of
 * releases but a news story can quote them, so they only decide together with other evidence.
 */
export interface PressMarks {
  strong: string[];
  medium: string[];
  /** Marks of a journalist's report ("the company said", "told reporters"): evidence against a release. */
  reported: string[];
}

interface Mark {
  name: string;
  pattern: RegExp;
  /**
   * Lower-case words one of which the text must contain for the pattern to match: most texts have
   * none, and a substring search costs a fraction of a regex test (twenty of them were a tenth of
   * classifying an item). Safe because these patterns never fold a non-ASCII character to ASCII.
   */
  hints?: readonly string[];
}

const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\\.?';

/**
 * Wires that distribute only cybersecurity companies' releases: their credit says the text is
 * security-industry news, whatever its words (an award or a ranking names no threat).
 */
const SECURITY_WIRES: ReadonlySet<string> = new Set(['wire credit CyberNewswire']);

/** The strong mark of a security-only wire among `marks`, or undefined. */
export function securityWire(marks: PressMarks): string | undefined {
  return marks.strong.find((mark) => SECURITY_WIRES.has(mark));
}

const STRONG: readonly Mark[] = [
  { name: 'wire dateline /PRNewswire/', pattern: /\/\s*PRNewswire(?:-[A-Za-z]+)?\s*\//i, hints: ['prnewswire'] },
  { name: 'wire credit (GLOBE NEWSWIRE)', pattern: /\(\s*GLOBE NEWSWIRE\s*\)/i, hints: ['globe newswire'] },
  { name: 'wire credit (BUSINESS WIRE)', pattern: /\(\s*BUSINESS WIRE\s*\)/i, hints: ['business wire'] },
  { name: 'wire credit (ACCESSWIRE)', pattern: /\b(?:ACCESSWIRE|ACCESS Newswire)\b/, hints: ['access'] },
  { name: 'wire credit EIN Presswire', pattern: /\bEIN ?Presswire\b/i, hints: ['presswire'] },
  { name: 'wire credit Newsfile', pattern: /\(\s*Newsfile Corp\.?\s*[-–]/i, hints: ['newsfile'] },
  { name: 'wire credit PRWeb', pattern: /\/\s*PRWeb\s*\//i, hints: ['prweb'] },
  { name: 'wire credit /CNW/', pattern: /\/\s*CNW\s*\//i, hints: ['cnw'] },
  { name: 'wire credit CyberNewswire', pattern: /\bCyber ?News ?wire\b/i, hints: ['newswire', 'news wire'] },
  {
    name: 'dateline "CITY, Month D, YYYY --"',
    pattern: new RegExp(`^\\s*[\\p{Lu}][\\p{L}.' -]{1,40}(?:,\\s*[\\p{L}.' ]{2,30})?,\\s*${MONTH}\\s+\\d{1,2},\\s*\\d{4}\\s*(?:[-–—]{1,2}|/)`, 'u'),
  },
  { name: 'stock ticker', pattern: /\((?:NASDAQ|NYSE|NYSE American|TSX|TSXV|OTCQX|OTCQB|OTC|LSE|AIM|ASX|Euronext|SIX|TASE|Nasdaq GS|NasdaqGS)\s*:\s*[A-Z][A-Z0-9.]{0,6}\)/i, hints: [':'] },
  { name: '"Forward-Looking Statements"', pattern: /\bForward[- ]Looking Statements?\b|\bSafe Harbor Statement\b/i, hints: ['looking statement', 'safe harbor'] },
  { name: '"About <Company>" paragraph', pattern: /(?:^|[.!?)"”]\s+|\s{2,})About (?!the authors?\b|this\b|us\b)(?:the )?[\p{Lu}][\p{L}\d&.' -]{1,60}?\s+(?:\(|[\p{Lu}][\p{L}\d&.' -]{0,60}?\s+)?(?:is|was|provides|helps|delivers|offers|empowers|develops|enables|builds|protects|specializes|makes|has)\b/u, hints: ['about '] },
  { name: 'media contact block', pattern: /\b(?:Media|Press|Investor|PR) (?:Contacts?|Relations Contact|Inquiries)\s*:?\s/, hints: ['contact', 'inquiries'] },
  { name: 'wire "SOURCE" line', pattern: /\bSOURCE\s+[\p{Lu}][\p{L}\d&.' -]{1,60}$/u, hints: ['source'] },
];

const MEDIUM: readonly Mark[] = [
  { name: '"announced today"', pattern: /\b(?:today|this morning)\s+(?:announced|announces|unveiled|unveils|launched|launches|introduced|introduces|released|releases|revealed|named)\b|\b(?:announced|unveiled|launched|introduced) today\b/i, hints: ['today', 'this morning'] },
  { name: '"is pleased to announce"', pattern: /\b(?:is|are|was|were) (?:pleased|proud|excited|thrilled|delighted|honou?red) to (?:announce|share|introduce|unveil)\b/i, hints: ['to announce', 'to share', 'to introduce', 'to unveil'] },
  {
    name: 'first-person announcement',
    pattern:
      /\b(?:we(?:’|')re|we are) (?:excited|thrilled|proud|pleased|delighted|happy|announcing|launching|introducing|releasing|rolling out|adding|extending)\b|\bwe(?:’|')ve (?:been (?:named|recognized)|launched|released|added|introduced|shipped)\b|\btoday,? we(?:’|')?(?:re| are)?\s*(?:announc|launch|introduc|releas|unveil)/i,
  },
  // A vendor's own blog about its product: "In this post, we introduce …", "Learn how you can … with
  // <Product>", "now generally available". A research write-up says "we" too, but not these.
  {
    name: 'vendor voice',
    pattern:
      /\bin this (?:post|blog|article),? we (?:introduce|announce|share|are excited)|\bwe(?:’|')?(?:ve| have) made it (?:easier|simpler|faster)\b|\b(?:this|last) (?:week|month),? we (?:launched|released|shipped|announced|introduced)\b|\bwe(?:’|')?re sharing new\b|\blearn how (?:you can|to) [^.]{3,80}\bwith (?:our|the new)\b|\b(?:is|are) (?:now )?generally available\b|\bnow in (?:public |private )?preview\b|\bour (?:new|latest) (?:product|release|feature|platform|integration|connector|version|capabilit)/i,
    hints: ['in this ', 'made it', ' we ', 'sharing new', 'learn how', 'generally available', 'preview', 'our new', 'our latest'],
  },
  // A vendor pitching its own product to the reader: "Learn how Acme Shield helps …", "See why
  // Acme's platform is essential", "how Acme can help you". The product's capitalised name is what
  // tells it from an evergreen guide ("Learn how to prevent whaling attacks"), which stays news.
  {
    name: 'vendor pitch ("learn how <Product> helps")',
    pattern: /\b(?:[Ll]earn|[Ss]ee|[Dd]iscover|[Ff]ind out) (?:how|why) (?:the new )?\p{Lu}[\p{L}\d&.-]*(?:['’]s?)?(?: \p{Lu}[\p{L}\d&.-]*(?:['’]s)?){0,4} (?:(?:AI|platform|product|agent) )?(?:can |will )?(?:help|helps|enable|enables|brings|gives|makes|is essential|protects|simplifies)\b|\bJoin \p{Lu}[\p{L}\d&.-]*(?: \p{Lu}[\p{L}\d&.-]*){0,3} for an? (?:hands-on|live|guided|deep-dive|in-depth) (?:walkthrough|demo|session|tour|look)\b/u,
    hints: ['learn how', 'learn why', 'see how', 'see why', 'discover how', 'discover why', 'find out how', 'find out why', 'join '],
  },
  // A vendor's own blog announcing its product: "Introducing X", "Announcing X", "What's new in X",
  // in its headline or as the first word of its text.
  { name: 'product announcement (summary)', pattern: /\n\s*(?:Introducing|Announcing) (?:a |an |the )?(?:new |our )/, hints: ['introducing', 'announcing'] },
  { name: 'product announcement headline', pattern: /^\s*(?:introducing|announcing|meet|unveiling)\b|^\s*what['’]s new (?:in|with)\b/i },
  // "<Product> v9 is now available", "It's here! <Product> is now GA": a vendor's release note. A
  // reporter writes "<Product> now available with …" or "<Vendor> releases …", not "is now GA".
  { name: 'release headline ("is now available")', pattern: /^[^\n]*\b(?:is|are) now (?:available|GA|live)\s*[!.]?\s*(?:\n|$)|^[^\n]*\bnow GA\b|^\s*it['’]s here\b/i, hints: ['now available', 'now ga', 'now live', "it's here", 'it’s here'] },
  { name: 'analyst ranking', pattern: /\b(?:named|recognized|positioned) (?:as )?(?:a|the) Leader\b|\bMagic Quadrant\b|\bForrester Wave\b|\bIDC MarketScape\b/i, hints: ['leader', 'magic quadrant', 'forrester wave', 'marketscape'] },
  { name: '"(the "Company")"', pattern: /\(\s*(?:the\s+)?["“]Company["”]\s*\)/i, hints: ['company'] },
];

/** A journalist's attribution: a release speaks for itself, a report quotes and attributes. */
const REPORTED: readonly Mark[] = [
  { name: 'attribution ("the company said")', pattern: /\b(?:the|a) (?:company|firm|vendor|start-?up|spokes(?:person|man|woman)|agency) (?:said|says|told|confirmed|declined)\b|\b(?:said|told) (?:in a statement|reporters|[A-Z][\w]+ (?:News|Daily|Times|Post|Journal))\b/ },
  { name: 'attribution ("according to")', pattern: /\baccording to (?:the company|a (?:filing|memo|statement|report)|people familiar|sources)\b/i },
];

/** Marks with their hints as one pre-check each (prefilter.ts). */
const withChecks = (marks: readonly Mark[]) => marks.map((mark) => ({ ...mark, mayMatch: mark.hints === undefined ? undefined : anyOf(mark.hints) }));
const STRONG_CHECKS = withChecks(STRONG);
const MEDIUM_CHECKS = withChecks(MEDIUM);
const REPORTED_CHECKS = withChecks(REPORTED);

function found(marks: readonly (Mark & { mayMatch: RegExp | undefined })[], text: string, lower: string): string[] {
  const names: string[] = [];
  for (const mark of marks) {
    if (mark.mayMatch !== undefined && !mark.mayMatch.test(lower)) continue;
    if (mark.pattern.test(text)) names.push(mark.name);
  }
  return names;
}

export function findPressMarks(title: string, summary: string): PressMarks {
  const text = summary.slice(0, 6000);
  const both = `${title}\n${text}`;
  const lower = both.toLowerCase();
  // `lower` holds the title too: a hint found only there lets a summary pattern run, which is harmless.
  return { strong: found(STRONG_CHECKS, text, lower), medium: found(MEDIUM_CHECKS, both, lower), reported: found(REPORTED_CHECKS, text, lower) };
}
