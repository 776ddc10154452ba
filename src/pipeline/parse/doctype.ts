import { FeedError } from '../../model/errors.js';
import { MAX_PROLOG_CHARS } from './detect.js';

/**
 * Refuses a DOCTYPE whose internal subset declares an external entity (`SYSTEM`/`PUBLIC`: XXE, a
 * local file read or a request to an internal host) or a parameter entity (`%name;`, the vehicle
 * of out-of-band XXE), with a message that says so. The parser would never resolve either
 * (feedsmith runs fast-xml-parser with entity processing off), but its own complaint for a
 * parameter entity is "Invalid entity name %", which tells an editor nothing. An external DTD
 * subset (`<!DOCTYPE rss PUBLIC "-//Netscape…" "http://…/rss-0.91.dtd">`) is common in old RSS
 * 0.91 feeds and is simply never fetched, so it is allowed. Internal general entities stay
 * unexpanded, literal text (billion laughs costs nothing).
 */
export function assertSafeDoctype(text: string, rootStart: number): void {
  // detect.ts refused a longer prolog; the window is a second guard, not the rule.
  const prolog = text.slice(0, Math.min(rootStart, MAX_PROLOG_CHARS));
  const doctype = /<!DOCTYPE\b/i.exec(prolog);
  if (!doctype) return;
  const subset = prolog.slice(doctype.index);
  if (/<!ENTITY\s+%/i.test(subset)) {
    throw new FeedError('malformed', 'malformed XML: the DOCTYPE declares a parameter entity (refused: entities are never expanded)');
  }
  if (/<!ENTITY\s+[^\s>]+\s+(?:SYSTEM|PUBLIC)\b/i.test(subset)) {
    throw new FeedError(
      'malformed',
      'malformed XML: the DOCTYPE declares an external entity (refused: no file is read and nothing is fetched)',
    );
  }
}
