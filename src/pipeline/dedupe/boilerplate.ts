/**
 * Wire and publishing boilerplate removed before two items are compared, so that text every
 * release or every post of a site carries can never make two different stories look alike
 * (issue 4). Only generic formulas live here, never anything about a particular story.
 */

const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\\.?';
const WIRES = 'PRNewswire(?:-[A-Za-z]+)?|GLOBE NEWSWIRE|BUSINESS WIRE|ACCESSWIRE|ACCESS Newswire|Newsfile Corp\\.?|EINPresswire|EIN Presswire|PRWeb|Marketwired|CNW|Canada NewsWire';

/** A release's opening: "CITY, State, Nov. 19, 2026 /PRNewswire/ --", "CITY--(BUSINESS WIRE)--", "… (GLOBE NEWSWIRE) --". */
const DATELINES: readonly RegExp[] = [
  new RegExp(`^[^\\n]{0,160}?[/(]\\s*(?:${WIRES})\\s*[/)]\\s*(?:-{1,2}|\\u2013|\\u2014)\\s*`, 'i'),
  new RegExp(`^[\\p{Lu}][\\p{Lu}\\p{Ll}.,' -]{1,80}?,? ${MONTH} \\d{1,2},? \\d{4}\\s*(?:-{1,2}|\\u2013|\\u2014)\\s*`, 'u'),
];

/** Lead-ins a site puts before a re-posted release. */
const PREAMBLES: readonly RegExp[] = [
  /^(?:The following is an? |This is an? )?(?:press|news) release (?:from|by|issued by) [^.]{1,80}\.\s*/i,
  /^(?:Sponsored|Press release|Partner content|Advertisement)\s*[:|-]\s*/i,
];

/**
 * Markers after which the rest is boilerplate: the "About <Company>" paragraph, forward-looking
 * statements, contact blocks, the wire's SOURCE line, WordPress's "The post … appeared first on",
 * and "read more" links. "About" counts only when it starts a sentence and names something, so
 * "About 40 flights were delayed" stays.
 */
const TAILS: readonly RegExp[] = [
  /(?<=^|[.!?)"”]\s+|\s{2,})About (?=(?:the )?[\p{Lu}\d])(?!\d)/u,
  /\b(?:Forward[- ]Looking Statements?|Safe Harbor Statement|Cautionary (?:Note|Statement))\b/i,
  /\b(?:Media|Press|Investor|Investors|PR) (?:Contacts?|Relations|Inquiries)\s*:?/,
  /(?:^|\s)Contacts?:?\s+(?=\p{Lu}\p{Ll}+ \p{Lu})/u,
  /\bSOURCE\s+\p{Lu}/u,
  /\bView (?:original content|source version)\b/i,
  // Also cut short by the feed's summary limit ("The post Disrupting active…"): its capitals
  // would read as names.
  /\bThe post (?:.{1,300}? appeared first on\b|.{0,300}(?:…|\.\.\.)\s*$)/,
  /(?:\[\s*(?:…|\.\.\.)\s*\]|\b(?:Read|Continue reading|Read the full|Read more)\b[^.]{0,60}$)/,
  /(?:^|\s)#{3}(?:\s|$)/,
];

/**
 * Formulas of templated notices (law-firm "DATA BREACH ALERT"s, investor alerts): removed where
 * they stand, so what is left is the part that differs from one notice to the next.
 */
const FORMULAS: readonly RegExp[] = [
  /\b(?:DATA|SECURITY|PRIVACY) (?:BREACH|INCIDENT) (?:ALERT|NOTICE|INVESTIGATION)\b:?/gi,
  /\b(?:INVESTOR|SHAREHOLDER|CLASS ACTION|LAWSUIT) (?:ALERT|NOTICE|REMINDER)\b:?/gi,
  /\b(?:is )?investigating (?:potential |possible )?(?:claims|legal claims|a (?:potential )?class action)(?: on behalf of)?\b/gi,
  /,? an? (?:national|nationally recognized|leading|prominent|boutique) (?:[\w-]+ ){0,3}law firm(?: [^,.]{0,120})?[,.]?/gi,
  /\bAttorney Advertising\b\.?/gi,
  /\bPrior results do not guarantee (?:a )?similar outcomes?\.?/gi,
  /\b(?:today )?(?:announced|announces|said) (?:today )?(?:that )?/gi,
];

/**
 * A clause that names a later event as context ("… in Geneva ahead of a second round of U.S.
 * talks"): what it names is not what the item reports, so it is left out of the comparison, up to
 * the end of its sentence or clause.
 */
const CONTEXT_CLAUSE = /\b(?:ahead of|in the (?:run|lead)-up to)\b[^.;:!?,]*/gi;

/** The text without its context clauses (CONTEXT_CLAUSE). */
export function stripContext(text: string): string {
  return text.replace(CONTEXT_CLAUSE, ' ').replace(/\s+/g, ' ').trim();
}

/** Applies a list of anchored patterns repeatedly, for a preamble followed by a dateline. */
function stripLeading(text: string, patterns: readonly RegExp[]): string {
  let out = text.trimStart();
  for (let changed = true; changed; ) {
    changed = false;
    for (const pattern of patterns) {
      const next = out.replace(pattern, '');
      if (next !== out) {
        out = next.trimStart();
        changed = true;
      }
    }
  }
  return out;
}

/** Cuts at the earliest tail marker (never in the first 40 characters: that would leave nothing). */
function cutTail(text: string): string {
  let cut = text.length;
  for (const pattern of TAILS) {
    const match = pattern.exec(text.slice(40));
    if (match) cut = Math.min(cut, 40 + match.index);
  }
  return text.slice(0, cut);
}

/** The body of a summary without its wire dateline, lead-ins, formulas and trailing boilerplate. */
export function stripBoilerplate(text: string): string {
  let out = stripLeading(text, [...PREAMBLES, ...DATELINES]);
  out = cutTail(out);
  for (const formula of FORMULAS) out = out.replace(formula, ' ');
  return out.replace(/\s+/g, ' ').trim();
}

/** Headlines carry the formulas too ("DATA BREACH ALERT: … Investigating Claims on Behalf of …"). */
export function stripTitleBoilerplate(title: string): string {
  let out = title;
  for (const formula of FORMULAS) out = out.replace(formula, ' ');
  return out.replace(/\s+/g, ' ').trim();
}
