import type { Settings } from '../model/index.js';
import type { Finding, PathSegment } from './document.js';
import { checkClassify } from './classify-rules.js';
import { checkDraft } from './draft-settings.js';
import { checkHealth } from './ops-settings.js';
import { isHttpUrl } from './fields.js';

/*
 * Checks that span more than one value, run after the schema. Duplicate checks read the raw feed list,
 * so a duplicate id is reported even when the entry has other problems too.
 */

type LineOf = (path: readonly PathSegment[]) => number | undefined;

export function checkDuplicateFeeds(rawFeeds: unknown, lineOf: LineOf): Finding[] {
  if (!Array.isArray(rawFeeds)) return [];
  const findings: Finding[] = [];
  const ids = new Map<string, number>();
  const urls = new Map<string, number>();
  rawFeeds.forEach((entry: unknown, index) => {
    if (typeof entry !== 'object' || entry === null) return;
    const { id, url } = entry as Record<string, unknown>;
    if (typeof id === 'string') {
      const first = ids.get(id);
      if (first === undefined) ids.set(id, index);
      else findings.push(duplicate(index, 'id', `duplicate id "${id}"`, first, lineOf));
    }
    if (typeof url === 'string') {
      const key = urlKey(url);
      const first = urls.get(key);
      if (first === undefined) urls.set(key, index);
      else findings.push(duplicate(index, 'url', `duplicate url "${url}"`, first, lineOf));
    }
  });
  return findings;
}

function duplicate(index: number, key: string, what: string, first: number, lineOf: LineOf): Finding {
  const firstLine = lineOf(['feeds', first, key]);
  const where = firstLine === undefined ? `feeds[${first}]` : `line ${firstLine}`;
  return { path: ['feeds', index, key], message: `${what} (first defined on ${where})` };
}

/** Two spellings of one URL (`HTTPS://Host:443/feed` and `https://host/feed`) are one feed. */
function urlKey(url: string): string {
  return isHttpUrl(url) ? new URL(url).href : url;
}

/** Limits that only make sense together, checked on the merged settings (defaults included). */
export function checkSettings(settings: Settings, overridden: (path: PathSegment[]) => boolean): Finding[] {
  const { fetch } = settings;
  const findings: Finding[] = [];
  const pair = (low: keyof Settings['fetch'], high: keyof Settings['fetch'], relation: string) => {
    const lowPath = ['settings', 'fetch', low];
    const highPath = ['settings', 'fetch', high];
    // Point at the key the editor wrote: when only one of the two was set, that one is the culprit.
    const path = overridden(lowPath) || !overridden(highPath) ? lowPath : highPath;
    const value = (key: typeof low, p: PathSegment[]) =>
      `${key} (${String(fetch[key])}${overridden(p) ? '' : ', the default'})`;
    findings.push({ path, message: `${value(low, lowPath)} must not exceed ${value(high, highPath)}${relation}` });
  };
  if (fetch.perHostConcurrency > fetch.concurrency) {
    pair('perHostConcurrency', 'concurrency', ': one host cannot use more slots than exist in total');
  }
  if (fetch.retryBaseDelayMs > fetch.retryMaxDelayMs) {
    pair('retryBaseDelayMs', 'retryMaxDelayMs', ': the first backoff would already pass the cap');
  }
  findings.push(...checkDedupe(settings.dedupe, overridden));
  findings.push(...checkClassify(settings.classify));
  findings.push(...checkDraft(settings.draft, settings.classify.topics));
  findings.push(...checkHealth(settings.health));
  return findings;
}

function checkDedupe(dedupe: Settings['dedupe'], overridden: (path: PathSegment[]) => boolean): Finding[] {
  const findings: Finding[] = [];
  const at = (key: keyof Settings['dedupe']) => ['settings', 'dedupe', key];
  const shown = (key: keyof Settings['dedupe']) => `${key} (${dedupe[key]}${overridden(at(key)) ? '' : ', the default'})`;
  for (const key of ['similarity', 'cveSimilarity'] as const) {
    if (dedupe[key] > dedupe.conflictSimilarity) {
      const path = overridden(at(key)) || !overridden(at('conflictSimilarity')) ? at(key) : at('conflictSimilarity');
      findings.push({ path, message: `${shown(key)} must not exceed ${shown('conflictSimilarity')}: a conflict can only raise the bar` });
    }
  }
  return findings;
}
