import fc from 'fast-check';
import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { propertyBudget, timed as timedWithin } from '../../../test/support/properties.js';
import { cleanText, escapeHtml, escapeMarkdown } from './escape.js';
import { markdownDestination, safeHttpUrl } from './url.js';

/**
 * Property tests (fast-check) of the exporters' escapers: for any feed text, the escaped form
 * renders as the same characters and creates nothing. Time-boxed so `npm test` stays bounded.
 */
const PER_INPUT_MS = 100;
const BUDGET = propertyBudget(500);

const timed = <T>(work: () => T): T => timedWithin(PER_INPUT_MS, work);

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
const decode = (html: string) => html.replace(/&(?:amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e] ?? e);

const markdownish = fc
  .array(
    fc.oneof(
      fc.constantFrom('*', '_', '`', '[', ']', '(', ')', '<', '>', '#', '!', '|', '~', '&', '\\', '+', '-', '=', '1.', '12.', ' ',
        'www.', 'http:', 'a@b', 'javascript:', '&lt;', '&#60;', '\n', '\u202E', 'x', 'word'),
      fc.string({ maxLength: 6 }),
    ),
    { maxLength: 25 },
  )
  .map((parts) => parts.join(''));

describe('escape properties', () => {
  it('Markdown: any text renders (marked, GFM) as its own characters and nothing else', () => {
    fc.assert(
      fc.property(markdownish, (text) => {
        const escaped = timed(() => escapeMarkdown(text));
        const html = marked.parse(escaped, { async: false, gfm: true }).trim();
        const clean = cleanText(text);
        if (clean === '') return;
        expect(html.startsWith('<p>') && html.endsWith('</p>'), `${JSON.stringify(text)} → ${html}`).toBe(true);
        const inner = html.slice(3, -4);
        expect(inner).not.toMatch(/<[a-z]/i);
        expect(decode(inner)).toBe(clean);
      }),
      BUDGET,
    );
  });

  it('HTML: any text escapes to inert characters that decode back to it', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 100 }), (text) => {
        const escaped = timed(() => escapeHtml(text));
        expect(escaped).not.toMatch(/[<>"']/);
        expect(decode(escaped)).toBe(text);
      }),
      BUDGET,
    );
  });

  it('URLs: a safe URL is http(s) with a plain host and no double quote, angle bracket or space anywhere', () => {
    const hostile = fc.tuple(fc.constantFrom('http://', 'https://', 'HTTP://', ' java\tscript:', 'data:'), fc.string({ maxLength: 30 }))
      .map(([scheme, rest]) => scheme + rest);
    fc.assert(
      fc.property(fc.oneof(fc.webUrl({ withQueryParameters: true, withFragments: true }), hostile), (raw) => {
        const safe = timed(() => safeHttpUrl(raw));
        if (safe === null) return;
        expect(safe).toMatch(/^https?:\/\//);
        // WHATWG encodes these in every component; ' and ` may stay in a path or query, where the
        // renderers' own escaping (HTML attribute, Markdown destination) handles them.
        expect(safe).not.toMatch(/["<> ]/);
        expect(new URL(safe).hostname).toMatch(/^(?:[a-z0-9_-]+(?:\.[a-z0-9_-]+)*\.?|\[[0-9a-f:.]+\])$/);
        const destination = markdownDestination(safe);
        expect(destination).not.toMatch(/[() <>]|\\(?!&)/);
      }),
      BUDGET,
    );
  });
});
