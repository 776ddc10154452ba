import fs from 'node:fs';
import type { CollectSettings, FeedFormat, Item } from '../model/index.js';
import { FeedError, SecdigestError } from '../model/index.js';
import type { Fetcher } from '../pipeline/fetch/index.js';
import { normalizeEntries } from '../pipeline/normalize/index.js';
import { parseFeedDocument } from '../pipeline/parse/index.js';
import { formatBytes } from '../pipeline/fetch/messages.js';

export interface ParseDeps {
  fetcher: Fetcher;
  limits: CollectSettings;
  now: () => Date;
  /** The cap on a local file, as `fetch.maxBodyBytes` caps a fetched one (`parse /dev/zero` must end). */
  maxBytes: number;
}

/** The result for one FILE or URL given to `secdigest parse`. */
export type ParseReport =
  | { source: string; ok: true; format: FeedFormat; title: string | null; items: Item[] }
  | { source: string; ok: false; error: { code: string; message: string } };

/** `secdigest parse`: the normalized items of local documents or URLs, without storing anything. */
export async function parseSources(sources: readonly string[], deps: ParseDeps): Promise<ParseReport[]> {
  const reports: ParseReport[] = [];
  for (const source of sources) reports.push(await parseSource(source, deps));
  return reports;
}

async function parseSource(source: string, deps: ParseDeps): Promise<ParseReport> {
  try {
    const { body, contentType, baseUrl, documentUrl } = await readSource(source, deps.fetcher, deps.maxBytes);
    const parsed = parseFeedDocument(body, contentType, documentUrl ? { documentUrl } : {});
    const items = normalizeEntries(parsed.entries, {
      feedId: 'parse',
      feedUrl: baseUrl,
      ...(parsed.siteUrl ? { siteUrl: parsed.siteUrl } : {}),
      fetchedAt: deps.now(),
      limits: deps.limits,
    });
    return { source, ok: true, format: parsed.format, title: parsed.title ?? null, items };
  } catch (error) {
    if (error instanceof SecdigestError) return { source, ok: false, error: { code: error.code, message: error.message } };
    throw error;
  }
}

async function readSource(
  source: string,
  fetcher: Fetcher,
  maxBytes: number,
): Promise<{ body: Buffer; contentType: string | null; baseUrl: string; documentUrl?: string }> {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(source)) {
    const outcome = await fetcher.fetchFeed({ url: source });
    switch (outcome.kind) {
      case 'fetched':
        // The URL after redirects is the base of the document's xml:base and relative ids.
        return { body: outcome.body, contentType: outcome.contentType, baseUrl: outcome.finalUrl, documentUrl: outcome.finalUrl };
      case 'failed':
        throw outcome.error;
      default:
        throw new FeedError('http-status', `HTTP ${outcome.status} (${outcome.kind})`, { status: outcome.status });
    }
  }
  let body: Buffer;
  try {
    body = readCapped(source, maxBytes);
  } catch (cause) {
    throw new SecdigestError('file', `cannot read ${source}: ${(cause as NodeJS.ErrnoException).code ?? (cause as Error).message}`, { cause });
  }
  if (body.length > maxBytes) throw new FeedError('too-large', `file larger than ${formatBytes(maxBytes)} (fetch.maxBodyBytes)`);
  // Local files have no HTTP charset: the XML declaration or UTF-8 decides.
  return { body, contentType: null, baseUrl: 'http://localhost/' };
}

/** At most `maxBytes + 1` bytes of a file: enough to tell it is too large without reading it all. */
function readCapped(file: string, maxBytes: number): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    while (total <= maxBytes) {
      const chunk = Buffer.alloc(Math.min(1 << 20, maxBytes + 1 - total));
      const read = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      chunks.push(chunk.subarray(0, read));
      total += read;
    }
    return Buffer.concat(chunks, total);
  } finally {
    fs.closeSync(fd);
  }
}
