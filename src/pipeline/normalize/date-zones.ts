/**
 * Time zones as feeds write them, in minutes east of UTC. Only fixed offsets: a feed date names
 * the offset it was written in, so summer and winter names are separate entries.
 */

/**
 * RFC 822 §5.1 names, the US short forms feedparser reads (PT, MT, CT, ET and AT: "Pacific time",
 * written without S/D), Atlantic time, the central European names MET/MEST (= CET/CEST) and a few
 * other unambiguous abbreviations seen in feeds. IST (India, Ireland, Israel) and other
 * ambiguous names are left out: they fall back to UTC like any unknown name. So do the names of
 * UTC itself (UT, UTC, GMT, WET; Z is a military letter), which is why they need no entry.
 */
const NAMED: ReadonlyMap<string, number> = new Map([
  ['ast', -240], ['adt', -180], ['at', -240],
  ['est', -300], ['edt', -240], ['et', -300],
  ['cst', -360], ['cdt', -300], ['ct', -360],
  ['mst', -420], ['mdt', -360], ['mt', -420],
  ['pst', -480], ['pdt', -420], ['pt', -480],
  ['akst', -540], ['akdt', -480], ['hst', -600],
  ['cet', 60], ['cest', 120], ['met', 60], ['mest', 120], ['bst', 60], ['west', 60],
  ['eet', 120], ['eest', 180], ['msk', 180],
  ['jst', 540], ['kst', 540], ['aest', 600], ['aedt', 660], ['nzst', 720], ['nzdt', 780],
]);

/**
 * RFC 822's single-letter military zones with RFC 822's own signs (A = -1 h … M = -12 h,
 * N = +1 h … Y = +12 h; J is not a zone). RFC 1123 notes these signs are the reverse of military
 * usage, but feed software that emits them (and feedparser, which reads them) follows RFC 822.
 */
const MILITARY = 'abcdefghiklmnopqrstuvwxyz';

function militaryOffset(letter: string): number | undefined {
  const index = MILITARY.indexOf(letter);
  if (letter.length !== 1 || index === -1) return undefined;
  if (letter === 'z') return 0;
  return index < 12 ? -(index + 1) * 60 : (index - 11) * 60; // a–m (no j): -1 … -12 h; n–y: +1 … +12 h
}

/** `+0530`, `-05:00`, `+05`, `-5`: minutes east of UTC, or null when the digits are not an offset. */
function numericOffset(text: string): number | null {
  const match = /^([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(text);
  if (!match) return null;
  const hours = Number(match[2]);
  const minutes = match[3] === undefined ? 0 : Number(match[3]);
  if (minutes > 59) return null;
  const total = hours * 60 + minutes;
  return match[1] === '-' ? 0 - total : total; // 0 - 0 is +0: "-0000" is UTC, not -0
}

/**
 * Minutes east of UTC for a zone token, or null when the token is a broken offset (`+zz:00`,
 * `+05:75`). A missing token and an unknown name read as UTC: feedparser does the same, and a
 * date a few hours off is better than no date. `Etc/GMT` and `GMT±hh:mm` (`UTC±…`) are accepted.
 */
export function zoneOffset(token: string | undefined): number | null {
  if (token === undefined || token === '') return 0;
  let zone = token.toLowerCase();
  const posix = zone.startsWith('etc/');
  if (posix) zone = zone.slice(4);
  const prefix = /^(?:gmt|utc|ut)(?=[+-])/.exec(zone);
  if (prefix) zone = zone.slice(prefix[0].length);
  if (zone.startsWith('+') || zone.startsWith('-')) {
    const offset = numericOffset(zone);
    // The IANA Etc/ zones use POSIX signs: Etc/GMT+5 is five hours *behind* UTC.
    return offset !== null && posix ? 0 - offset : offset;
  }
  const named = NAMED.get(zone) ?? militaryOffset(zone);
  if (named !== undefined) return named;
  return /^[a-z]+$/.test(zone) ? 0 : null;
}
