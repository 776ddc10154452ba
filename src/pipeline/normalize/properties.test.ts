import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { propertyBudget, timed as timedWithin } from '../../../test/support/properties.js';
import { escapeText } from '../parse/text-construct.js';
import { parseFeedDate } from './dates.js';
import { cleanText, htmlToText } from './text.js';
import { canonicalizeUrl, resolveLink, TRACKING_PARAMS } from './url.js';

/**
 * Property tests (fast-check) of normalize's date, URL and text entry points, each input timed,
 * each property stopped after a time budget so `npm test` stays bounded.
 */
const PER_INPUT_MS = 100;
const BUDGET = propertyBudget(1_000);

const timed = <T>(work: () => T): T => timedWithin(PER_INPUT_MS, work);

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const NAMED_ZONES: [string, number][] = [['GMT', 0], ['EST', -300], ['PDT', -420], ['CET', 60], ['MEST', 120], ['PT', -480], ['Z', 0]];

/** The wall-clock fields of `instant` seen from a zone `offset` minutes east of UTC. */
function local(instant: Date, offset: number) {
  const d = new Date(instant.getTime() + offset * 60_000);
  return {
    y: d.getUTCFullYear(), mo: d.getUTCMonth(), d: d.getUTCDate(), wd: d.getUTCDay(),
    h: d.getUTCHours(), mi: d.getUTCMinutes(), s: d.getUTCSeconds(),
  };
}

const numericZone = (offset: number, colon: boolean) =>
  `${offset < 0 ? '-' : '+'}${pad(Math.trunc(Math.abs(offset) / 60))}${colon ? ':' : ''}${pad(Math.abs(offset) % 60)}`;

const instant = fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2090-12-31T23:59:59Z'), noInvalidDate: true })
  .map((d) => new Date(Math.floor(d.getTime() / 1000) * 1000));
const offset = fc.integer({ min: -12 * 4, max: 14 * 4 }).map((q) => q * 15);

describe('date properties', () => {
  it('reads back every instant written as ISO 8601, RFC 822 (numeric or named zone) and asctime', () => {
    fc.assert(
      fc.property(instant, offset, fc.constantFrom(...NAMED_ZONES), (at, minutes, [name, named]) => {
        const l = local(at, minutes);
        const iso = `${l.y}-${pad(l.mo + 1)}-${pad(l.d)}T${pad(l.h)}:${pad(l.mi)}:${pad(l.s)}${numericZone(minutes, true)}`;
        const rfc = `${DAYS[l.wd]}, ${pad(l.d)} ${MONTHS[l.mo]} ${l.y} ${pad(l.h)}:${pad(l.mi)}:${pad(l.s)} ${numericZone(minutes, false)}`;
        const n = local(at, named);
        const rfcNamed = `${DAYS[n.wd]}, ${n.d} ${MONTHS[n.mo]} ${n.y} ${pad(n.h)}:${pad(n.mi)}:${pad(n.s)} ${name}`;
        const u = local(at, 0);
        const asctime = `${DAYS[u.wd]} ${MONTHS[u.mo]} ${String(u.d).padStart(2, ' ')} ${pad(u.h)}:${pad(u.mi)}:${pad(u.s)} ${u.y}`;
        for (const text of [iso, rfc, rfcNamed, asctime]) {
          expect(timed(() => parseFeedDate(text))?.toISOString(), text).toBe(at.toISOString());
        }
      }),
      BUDGET,
    );
  });

  it('gives null or a real date for any text, quickly', () => {
    const dateish = fc.array(fc.oneof(fc.constantFrom('Tue,', ' ', '10', 'Jun', '2025', '04:00:00', 'GMT', '+0530', '-', 'T', 'Z', ':', '(', ')', 'PM'), fc.string({ maxLength: 5 })), { maxLength: 30 })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.oneof(dateish, fc.string({ unit: 'binary', maxLength: 300 })), (text) => {
        const date = timed(() => parseFeedDate(text));
        if (date !== null) {
          expect(Number.isNaN(date.getTime())).toBe(false);
          expect(date.getUTCFullYear()).toBeGreaterThanOrEqual(0);
          expect(date.getUTCFullYear()).toBeLessThanOrEqual(10_000);
        }
      }),
      BUDGET,
    );
  });
});

describe('URL properties', () => {
  const tracking = fc.constantFrom(...TRACKING_PARAMS, 'utm_source', 'mtm_kwd', 'ns_campaign');
  const url = fc
    .tuple(fc.webUrl({ withQueryParameters: true, withFragments: true }), fc.array(fc.tuple(tracking, fc.string({ maxLength: 5 })), { maxLength: 3 }))
    .map(([base, params]) => {
      const extra = params.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
      return extra === '' ? base : `${base}${base.includes('?') ? '&' : '?'}${extra}`;
    });

  it('canonicalizes to an idempotent http(s) key without tracking, fragment or credentials', () => {
    fc.assert(
      fc.property(fc.oneof(url, fc.string({ maxLength: 60 })), (raw) => {
        const canonical = timed(() => canonicalizeUrl(raw));
        if (canonical === null) return;
        expect(canonical).toMatch(/^https?:\/\//);
        expect(canonicalizeUrl(canonical)).toBe(canonical);
        const parsed = new URL(canonical);
        expect(parsed.hash).toBe('');
        expect(parsed.username + parsed.password).toBe('');
        for (const key of parsed.searchParams.keys()) {
          expect(TRACKING_PARAMS.has(key.toLowerCase())).toBe(false);
          expect(key.toLowerCase()).not.toMatch(/^(utm|mtm|hmb|itm|ns)_/);
        }
      }),
      BUDGET,
    );
  });

  it('resolves any link to null or an http(s) URL', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 40 }), fc.webUrl()), fc.option(fc.string({ maxLength: 20 })), (link, site) => {
        const resolved = timed(() => resolveLink(link, 'https://feeds.example/a/b.xml', site ?? undefined));
        if (resolved !== null) expect(resolved).toMatch(/^https?:\/\//);
      }),
      BUDGET,
    );
  });
});

describe('text properties', () => {
  const html = fc.array(
    fc.oneof(fc.constantFrom('<p>', '</p>', '<b>', '</b>', '<br>', '<iframe>', '</iframe>', '<iframe/>', '<script>', '</script>',
      '<svg onload=x>', '&amp;', '&lt;', '&#8217;', '&bogus', '<!--', '-->', '\u200B', '\u202E', '\uFEFF', '\u0000', ' ', '\n'),
    fc.string({ maxLength: 8 })),
    { maxLength: 40 },
  ).map((parts) => parts.join(''));

  it('gives clean, capped text for any HTML', () => {
    fc.assert(
      fc.property(fc.oneof(html, fc.string({ unit: 'binary', maxLength: 200 })), fc.integer({ min: 1, max: 120 }), (input, max) => {
        const text = timed(() => htmlToText(input, max));
        expect(text.length).toBeLessThanOrEqual(max);
        expect(text).toBe(text.trim());
        // eslint-disable-next-line no-control-regex -- a NUL must not survive
        expect(text).not.toMatch(/\s{2}|[\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF\u0000]/);
      }),
      BUDGET,
    );
  });

  it('reads escaped plain text back as exactly its clean form (the parser relies on it for titles)', () => {
    fc.assert(
      fc.property(fc.oneof(html, fc.string({ unit: 'binary', maxLength: 200 })), (text) => {
        expect(timed(() => htmlToText(escapeText(text)))).toBe(cleanText(text));
      }),
      BUDGET,
    );
  });
});
