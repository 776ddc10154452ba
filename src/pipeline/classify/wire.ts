/**
 * Marks of a press release, wherever it was posted. Strong marks (a wire credit, a dateline, a
 * ticker, the "About <Company>" paragraph, forward-looking statements, a media-contact block) are
 * written by companies, not by journalists. Medium marks ("today announced") are typical of
 * releases but a news story can quote them, so they only decide together with other evidence.
 */
export interface PressMarks {
  strong: string[];
  medium: string[];
}

interface Mark {
  name: string;
  pattern: RegExp;
}

const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\\.?';

const STRONG: readonly Mark[] = [
  { name: 'wire dateline /PRNewswire/', pattern: /\/\s*PRNewswire(?:-[A-Za-z]+)?\s*\//i },
  { name: 'wire credit (GLOBE NEWSWIRE)', pattern: /\(\s*GLOBE NEWSWIRE\s*\)/i },
  { name: 'wire credit (BUSINESS WIRE)', pattern: /\(\s*BUSINESS WIRE\s*\)/i },
  { name: 'wire credit (ACCESSWIRE)', pattern: /\b(?:ACCESSWIRE|ACCESS Newswire)\b/ },
  { name: 'wire credit EIN Presswire', pattern: /\bEIN ?Presswire\b/i },
  { name: 'wire credit Newsfile', pattern: /\(\s*Newsfile Corp\.?\s*[-–]/i },
  { name: 'wire credit PRWeb', pattern: /\/\s*PRWeb\s*\//i },
  { name: 'wire credit /CNW/', pattern: /\/\s*CNW\s*\//i },
  {
    name: 'dateline "CITY, Month D, YYYY --"',
    pattern: new RegExp(`^\\s*[\\p{Lu}][\\p{L}.' -]{1,40}(?:,\\s*[\\p{L}.' ]{2,30})?,\\s*${MONTH}\\s+\\d{1,2},\\s*\\d{4}\\s*(?:[-–—]{1,2}|/)`, 'u'),
  },
  { name: 'stock ticker', pattern: /\((?:NASDAQ|NYSE|NYSE American|TSX|TSXV|OTCQX|OTCQB|OTC|LSE|AIM|ASX|Euronext|SIX|TASE|Nasdaq GS|NasdaqGS)\s*:\s*[A-Z][A-Z0-9.]{0,6}\)/i },
  { name: '"Forward-Looking Statements"', pattern: /\bForward[- ]Looking Statements?\b|\bSafe Harbor Statement\b/i },
  { name: '"About <Company>" paragraph', pattern: /(?:^|[.!?)"”]\s+|\s{2,})About (?!the authors?\b|this\b|us\b)(?:the )?[\p{Lu}][\p{L}\d&.' -]{1,60}?\s+(?:\(|[\p{Lu}][\p{L}\d&.' -]{0,60}?\s+)?(?:is|was|provides|helps|delivers|offers|empowers|develops|enables|builds|protects|specializes|makes|has)\b/u },
  { name: 'media contact block', pattern: /\b(?:Media|Press|Investor|PR) (?:Contacts?|Relations Contact|Inquiries)\s*:?\s/ },
  { name: 'wire "SOURCE" line', pattern: /\bSOURCE\s+[\p{Lu}][\p{L}\d&.' -]{1,60}$/u },
];

const MEDIUM: readonly Mark[] = [
  { name: '"announced today"', pattern: /\b(?:today|this morning)\s+(?:announced|announces|unveiled|unveils|launched|launches|introduced|introduces|released|releases|revealed|named)\b|\b(?:announced|unveiled|launched|introduced) today\b/i },
  { name: '"is pleased to announce"', pattern: /\b(?:is|are|was|were) (?:pleased|proud|excited|thrilled|delighted|honou?red) to (?:announce|share|introduce|unveil)\b/i },
  { name: 'first-person announcement', pattern: /\b(?:we(?:’|')re|we are) (?:excited|thrilled|proud|pleased|delighted|happy) to\b|\bwe(?:’|')ve been (?:named|recognized)\b/i },
  { name: 'analyst ranking', pattern: /\b(?:named|recognized|positioned) (?:as )?(?:a|the) Leader\b|\bMagic Quadrant\b|\bForrester Wave\b|\bIDC MarketScape\b/i },
  { name: '"(the "Company")"', pattern: /\(\s*(?:the\s+)?["“]Company["”]\s*\)/i },
];

function found(marks: readonly Mark[], text: string): string[] {
  return marks.filter((mark) => mark.pattern.test(text)).map((mark) => mark.name);
}

export function findPressMarks(title: string, summary: string): PressMarks {
  const text = summary.slice(0, 6000);
  return { strong: found(STRONG, text), medium: found(MEDIUM, `${title}\n${text}`) };
}
