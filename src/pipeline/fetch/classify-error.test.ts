import { describe, expect, it } from 'vitest';
import { classifyError, isTransient } from './classify-error.js';

const url = new URL('https://feeds.example.test/rss');
const context = { timeoutMs: 20_000, url };

function fetchFailed(cause: unknown): TypeError {
  return new TypeError('fetch failed', { cause });
}

function nodeError(code: string, message: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(message), { code, ...extra });
}

describe('classifyError', () => {
  it.each([
    [nodeError('ECONNREFUSED', 'connect ECONNREFUSED', { address: '10.0.0.1', port: 443 }), 'network', 'connection refused (10.0.0.1:443)'],
    [nodeError('ENOTFOUND', 'getaddrinfo ENOTFOUND', { hostname: 'feeds.example.test' }), 'network', 'host not found (feeds.example.test)'],
    [nodeError('ECONNRESET', 'read ECONNRESET'), 'network', 'connection reset by the server (feeds.example.test)'],
    [nodeError('UND_ERR_SOCKET', 'other side closed'), 'network', 'connection closed unexpectedly (feeds.example.test)'],
    [nodeError('UND_ERR_CONNECT_TIMEOUT', 'Connect Timeout Error'), 'timeout', 'connection timed out (feeds.example.test)'],
    [nodeError('CERT_HAS_EXPIRED', 'certificate has expired'), 'tls', 'TLS error: certificate has expired (feeds.example.test)'],
    [nodeError('ERR_TLS_CERT_ALTNAME_INVALID', "Hostname/IP does not match certificate's altnames"), 'tls', "TLS error: Hostname/IP does not match certificate's altnames (feeds.example.test)"],
    [nodeError('DEPTH_ZERO_SELF_SIGNED_CERT', 'self-signed certificate'), 'tls', 'TLS error: self-signed certificate (feeds.example.test)'],
    [nodeError('Z_DATA_ERROR', 'incorrect header check'), 'decode', 'could not decompress the body: incorrect header check'],
    [new Error('something odd'), 'network', 'network error: something odd (feeds.example.test)'],
  ])('maps %s', (cause, code, message) => {
    const error = classifyError(fetchFailed(cause), context);
    expect(error.code).toBe(code);
    expect(error.message).toBe(message);
    expect(error.cause).toBeInstanceOf(TypeError);
  });

  it('looks inside an AggregateError from happy-eyeballs connecting', () => {
    const aggregate = Object.assign(
      new AggregateError([nodeError('ECONNREFUSED', 'x', { address: '::1', port: 80 }), nodeError('ECONNREFUSED', 'y')], ''),
      { code: 'ECONNREFUSED' },
    );
    expect(classifyError(fetchFailed(aggregate), context).message).toBe('connection refused (::1:80)');
  });

  it('decides timeout and abort by which signal fired, whatever the error says', () => {
    const aborted = AbortSignal.abort(new Error('shutdown'));
    const fresh = new AbortController().signal;
    const error = new DOMException('This operation was aborted', 'AbortError');
    expect(classifyError(error, { ...context, callerSignal: aborted, attemptSignal: aborted }).code).toBe('aborted');
    const timedOut = classifyError(error, { ...context, callerSignal: fresh, attemptSignal: aborted });
    expect([timedOut.code, timedOut.message]).toEqual(['timeout', 'timed out after 20s']);
    expect(classifyError(new DOMException('t', 'TimeoutError'), context).code).toBe('timeout');
  });

  it('treats only timeouts and network errors as transient', () => {
    expect(['timeout', 'network'].every((c) => isTransient(c as 'timeout'))).toBe(true);
    expect(['tls', 'decode', 'aborted', 'too-large', 'http-status'].some((c) => isTransient(c as 'tls'))).toBe(false);
  });
});
