import { FeedError, type FeedErrorCode } from '../../model/index.js';
import { formatDuration } from './messages.js';

/** What the attempt knew when the error surfaced: which signal fired decides timeout vs abort. */
export interface ErrorContext {
  /** The caller's signal (run shutdown). */
  callerSignal?: AbortSignal;
  /**
   * The attempt's own signal: aborted by its total timeout or by the caller, so when the caller's
   * has not fired it was the timeout.
   */
  attemptSignal?: AbortSignal;
  timeoutMs: number;
  /** The URL being fetched, for messages when the error does not name the peer. */
  url: URL;
}

interface NodeErrorFields {
  code?: unknown;
  address?: unknown;
  port?: unknown;
  hostname?: unknown;
  message?: unknown;
}

/**
 * OpenSSL's certificate verification codes as Node reports them (`X509_V_ERR_*` without the
 * prefix), beyond those the CERT_ prefix already catches, and a bare EPROTO, which is how a
 * failed handshake surfaces. Any of them is the server's TLS set-up, not the network.
 */
const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_CRL',
  'UNABLE_TO_DECRYPT_CERT_SIGNATURE',
  'UNABLE_TO_DECRYPT_CRL_SIGNATURE',
  'UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY',
  'CRL_SIGNATURE_FAILURE',
  'CRL_NOT_YET_VALID',
  'CRL_HAS_EXPIRED',
  'ERROR_IN_CERT_NOT_BEFORE_FIELD',
  'ERROR_IN_CERT_NOT_AFTER_FIELD',
  'ERROR_IN_CRL_LAST_UPDATE_FIELD',
  'ERROR_IN_CRL_NEXT_UPDATE_FIELD',
  'INVALID_CA',
  'PATH_LENGTH_EXCEEDED',
  'INVALID_PURPOSE',
  'HOSTNAME_MISMATCH',
  'EPROTO',
]);

/** The caller cancelled (run shutdown); also used when the signal fired between attempts. */
export function abortedError(cause: unknown): FeedError {
  return new FeedError('aborted', 'fetch cancelled (the run was stopped)', { cause });
}

/** Codes worth another attempt: the same request may well succeed a moment later. */
export function isTransient(code: FeedErrorCode): boolean {
  return code === 'timeout' || code === 'network';
}

/**
 * The one place a thrown fetch error becomes a `FeedError`. Node's fetch wraps transport errors as
 * `TypeError('fetch failed' | 'terminated', { cause })`, where the cause (sometimes an
 * AggregateError from happy-eyeballs connecting) carries the Node/undici `code`. Aborts are decided
 * by which signal fired, not by the error's shape, because a caller may abort with any reason.
 */
export function classifyError(error: unknown, context: ErrorContext): FeedError {
  const options = { cause: error };
  if (context.callerSignal?.aborted) return abortedError(error);
  if (context.attemptSignal?.aborted || errorName(error) === 'TimeoutError') {
    return new FeedError('timeout', `timed out after ${formatDuration(context.timeoutMs)}`, options);
  }
  if (errorName(error) === 'AbortError') return new FeedError('aborted', 'fetch cancelled', options);

  const detail = findCoded(error);
  const code = typeof detail?.code === 'string' ? detail.code : undefined;
  const host = context.url.host;
  const peer = detail && typeof detail.address === 'string'
    ? `${detail.address}${typeof detail.port === 'number' ? `:${detail.port}` : ''}`
    : host;
  const make = (c: FeedErrorCode, message: string) => new FeedError(c, message, options);

  switch (code) {
    case 'ECONNREFUSED':
      return make('network', `connection refused (${peer})`);
    case 'ENOTFOUND':
      return make('network', `host not found (${typeof detail?.hostname === 'string' ? detail.hostname : context.url.hostname})`);
    case 'EAI_AGAIN':
      return make('network', `DNS lookup failed temporarily (${context.url.hostname})`);
    case 'ECONNRESET':
      return make('network', `connection reset by the server (${peer})`);
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
    case 'UND_ERR_CLOSED':
      return make('network', `connection closed unexpectedly (${peer})`);
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return make('network', `host unreachable (${peer})`);
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return make('timeout', `connection timed out (${peer})`);
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
      return make('timeout', `server stopped responding (${host})`);
    case 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH':
      return make('network', `body did not match its Content-Length (${host})`);
  }
  if (code && (code.startsWith('Z_') || code.startsWith('ERR_BROTLI') || code === 'ERR_ZLIB_INITIALIZATION_FAILED')) {
    return make('decode', `could not decompress the body: ${messageOf(detail)}`);
  }
  if (code && (code.startsWith('CERT_') || code.startsWith('ERR_TLS_') || code.startsWith('ERR_SSL_') || TLS_CODES.has(code))) {
    return make('tls', `TLS error: ${messageOf(detail)} (${host})`);
  }
  if (code?.startsWith('UND_ERR_')) return make('network', `connection error: ${messageOf(detail)} (${host})`);
  // The Fetch standard's "bad port" list (e.g. 1, 25, 6000) is refused before any connection.
  if (messageOf(detail ?? deepest(error)) === 'bad port') return make('network', `port ${context.url.port} is blocked by fetch`);
  return make('network', `network error: ${messageOf(detail ?? deepest(error))} (${host})`);
}

function errorName(error: unknown): string | undefined {
  return error instanceof Error || (typeof error === 'object' && error !== null && 'name' in error)
    ? String((error as { name: unknown }).name)
    : undefined;
}

/** First error in the cause chain (and inside AggregateErrors) that carries a `code`. */
function findCoded(error: unknown, depth = 0): NodeErrorFields | undefined {
  if (typeof error !== 'object' || error === null || depth > 8) return undefined;
  const fields = error as NodeErrorFields & { cause?: unknown; errors?: unknown };
  if (typeof fields.code === 'string') {
    // An AggregateError has the code of its parts, but only the parts carry address and port.
    if (Array.isArray(fields.errors)) return findCoded(fields.errors[0], depth + 1) ?? fields;
    return fields;
  }
  if (Array.isArray(fields.errors)) {
    for (const inner of fields.errors) {
      const found = findCoded(inner, depth + 1);
      if (found) return found;
    }
  }
  return findCoded(fields.cause, depth + 1);
}

/** The innermost cause: its message is usually the informative one ("fetch failed" is not). */
function deepest(error: unknown): unknown {
  let current = error;
  for (let i = 0; i < 8 && typeof current === 'object' && current !== null && 'cause' in current; i++) {
    const next = (current as { cause: unknown }).cause;
    if (next === undefined || next === null) break;
    current = next;
  }
  return current;
}

function messageOf(error: unknown): string {
  if (typeof error === 'object' && error !== null && typeof (error as NodeErrorFields).message === 'string') {
    return (error as { message: string }).message;
  }
  return String(error);
}
