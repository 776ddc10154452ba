import { FeedError } from '../../model/index.js';
import { formatBytes } from './messages.js';

export type BodyResult = { ok: true; body: Buffer } | { ok: false; error: FeedError };

/**
 * Reads a response body, never holding more than `maxBytes`. The count is of decompressed bytes
 * (fetch decodes gzip/deflate/br before we see a chunk), so a small gzip bomb is stopped as soon as
 * it inflates past the cap; the stream is cancelled, which closes the connection.
 */
export async function readCappedBody(response: Response, maxBytes: number): Promise<BodyResult> {
  const declared = contentLength(response.headers);
  if (declared !== undefined && declared > maxBytes) {
    await discardBody(response);
    return tooLarge(maxBytes);
  }
  if (!response.body) return { ok: true, body: Buffer.alloc(0) };

  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => undefined);
        return tooLarge(maxBytes);
      }
      chunks.push(value);
    }
  } catch (error) {
    // Timeout, abort or a broken connection mid-body: release the stream, let the caller classify.
    await reader.cancel().catch(() => undefined);
    throw error;
  }
  return { ok: true, body: Buffer.concat(chunks, total) };
}

/** Cancels a body we will not read, so undici can release (or close) the socket. */
export async function discardBody(response: Response): Promise<void> {
  if (!response.body || response.bodyUsed) return;
  await response.body.cancel().catch(() => undefined);
}

function contentLength(headers: Headers): number | undefined {
  const value = headers.get('content-length');
  if (value === null || !/^\s*\d+\s*$/.test(value)) return undefined;
  return Number(value);
}

function tooLarge(maxBytes: number): BodyResult {
  return { ok: false, error: new FeedError('too-large', `body larger than ${formatBytes(maxBytes)}`) };
}
