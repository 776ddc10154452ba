import { describe, expect, it } from 'vitest';
import { abortedError, classifyError, isTransient } from './classify-error.js';

/** Every code classifyError knows, one by one (issue 17: TLS codes and others were untested). */
const url = new URL('https://feeds.example.test:8443/rss');
const context = { timeoutMs: 1_500, url };

function coded(code: string, message = 'boom', extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(message), { code, ...extra });
}

const classify = (cause: unknown) => {
  const error = classifyError(new TypeError('fetch failed', { cause }), context);
  return [error.code, error.message];
};

describe('transport codes', () => {
  it.each([
    ['ECONNREFUSED', 'network', 'connection refused (10.0.0.1:443)'],
    ['ECONNRESET', 'network', 'connection reset by the server (10.0.0.1:443)'],
    ['EPIPE', 'network', 'connection closed unexpectedly (10.0.0.1:443)'],
    ['UND_ERR_SOCKET', 'network', 'connection closed unexpectedly (10.0.0.1:443)'],
    ['UND_ERR_CLOSED', 'network', 'connection closed unexpectedly (10.0.0.1:443)'],
    ['EHOSTUNREACH', 'network', 'host unreachable (10.0.0.1:443)'],
    ['ENETUNREACH', 'network', 'host unreachable (10.0.0.1:443)'],
    ['ETIMEDOUT', 'timeout', 'connection timed out (10.0.0.1:443)'],
    ['UND_ERR_CONNECT_TIMEOUT', 'timeout', 'connection timed out (10.0.0.1:443)'],
    ['UND_ERR_HEADERS_TIMEOUT', 'timeout', 'server stopped responding (feeds.example.test:8443)'],
    ['UND_ERR_BODY_TIMEOUT', 'timeout', 'server stopped responding (feeds.example.test:8443)'],
    ['UND_ERR_RES_CONTENT_LENGTH_MISMATCH', 'network', 'body did not match its Content-Length (feeds.example.test:8443)'],
    ['EAI_AGAIN', 'network', 'DNS lookup failed temporarily (feeds.example.test)'],
    ['UND_ERR_INFO', 'network', 'connection error: boom (feeds.example.test:8443)'],
  ])('%s → %s', (code, kind, message) => {
    expect(classify(coded(code, 'boom', { address: '10.0.0.1', port: 443 }))).toEqual([kind, message]);
  });

  it('names the peer by address alone, or by the URL host when the error has none', () => {
    expect(classify(coded('ECONNREFUSED', 'x', { address: '::1' }))).toEqual(['network', 'connection refused (::1)']);
    expect(classify(coded('ECONNREFUSED', 'x', { address: '::1', port: '443' }))).toEqual(['network', 'connection refused (::1)']);
    expect(classify(coded('ECONNREFUSED', 'x', { port: 443 }))).toEqual(['network', 'connection refused (feeds.example.test:8443)']);
  });

  it('names the host not found from the error, else from the URL', () => {
    expect(classify(coded('ENOTFOUND', 'x', { hostname: 'cdn.example.test' }))).toEqual(['network', 'host not found (cdn.example.test)']);
    expect(classify(coded('ENOTFOUND', 'x', { hostname: 7 }))).toEqual(['network', 'host not found (feeds.example.test)']);
  });
});

describe('TLS codes', () => {
  it.each([
    'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT',
    'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'UNABLE_TO_GET_CRL', 'UNABLE_TO_DECRYPT_CERT_SIGNATURE', 'UNABLE_TO_DECRYPT_CRL_SIGNATURE',
    'UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY', 'CRL_SIGNATURE_FAILURE', 'CRL_NOT_YET_VALID', 'CRL_HAS_EXPIRED',
    'ERROR_IN_CERT_NOT_BEFORE_FIELD', 'ERROR_IN_CERT_NOT_AFTER_FIELD', 'ERROR_IN_CRL_LAST_UPDATE_FIELD',
    'ERROR_IN_CRL_NEXT_UPDATE_FIELD', 'INVALID_CA', 'PATH_LENGTH_EXCEEDED', 'INVALID_PURPOSE', 'HOSTNAME_MISMATCH', 'EPROTO',
    // By prefix.
    'CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'CERT_REVOKED', 'CERT_UNTRUSTED', 'ERR_TLS_CERT_ALTNAME_INVALID',
    'ERR_SSL_WRONG_VERSION_NUMBER', 'ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE',
  ])('%s is a TLS error', (code) => {
    expect(classify(coded(code, 'certificate problem'))).toEqual(['tls', 'TLS error: certificate problem (feeds.example.test:8443)']);
  });

  it.each(['XCERT_HAS_EXPIRED', 'TLS_ERR', 'ERR_TLSX', 'SSL_ERR', 'INVALID_CAX', 'E_PROTO'])('%s is not', (code) => {
    expect(classify(coded(code, 'other'))).toEqual(['network', 'network error: other (feeds.example.test:8443)']);
  });
});

describe('decompression codes', () => {
  it.each(['Z_DATA_ERROR', 'Z_BUF_ERROR', 'ERR_BROTLI_DECOMPRESSION_FAILED', 'ERR_ZLIB_INITIALIZATION_FAILED'])('%s → decode', (code) => {
    expect(classify(coded(code, 'bad stream'))).toEqual(['decode', 'could not decompress the body: bad stream']);
  });

  it.each(['XZ_DATA_ERROR', 'ERR_ZLIB_OTHER', 'ERR_BROTLX'])('%s is not', (code) => {
    expect(classify(coded(code, 'x'))[0]).toBe('network');
  });
});

describe('errors without a code', () => {
  it('reports the innermost cause', () => {
    const deep = new Error('outer', { cause: new Error('middle', { cause: new Error('innermost reason') }) });
    expect(classify(deep)).toEqual(['network', 'network error: innermost reason (feeds.example.test:8443)']);
  });

  it('stops at a null cause and at eight levels', () => {
    expect(classify(new Error('top', { cause: null }))).toEqual(['network', 'network error: top (feeds.example.test:8443)']);
    let chain: Error = new Error('level 20');
    for (let i = 19; i >= 0; i--) chain = new Error(`level ${i}`, { cause: chain });
    // fetchFailed adds one level: 8 steps from it reach "level 7".
    expect(classify(chain)[1]).toBe('network error: level 7 (feeds.example.test:8443)');
  });

  it('finds a code up to eight causes deep', () => {
    const wrap = (levels: number) => {
      let chain: unknown = coded('ECONNREFUSED', 'deep', { address: '10.0.0.9', port: 1 });
      for (let i = 0; i < levels; i++) chain = new Error(`wrap ${i}`, { cause: chain });
      return chain;
    };
    // classify() adds the TypeError: 7 wrappers put the code at depth 8, 8 at depth 9.
    expect(classify(wrap(7))).toEqual(['network', 'connection refused (10.0.0.9:1)']);
    expect(classify(wrap(8))[1]).toMatch(/^network error: /);
  });

  it('follows AggregateErrors no deeper than eight levels either', () => {
    const nest = (levels: number, withCode: boolean) => {
      let inner: unknown = coded('ECONNRESET', 'reset', { address: '10.0.0.7', port: 2 });
      for (let i = 0; i < levels; i++) {
        const aggregate = new AggregateError([inner], `level ${i}`);
        inner = withCode ? Object.assign(aggregate, { code: 'ECONNRESET', address: `10.1.0.${i}`, port: 3 }) : aggregate;
      }
      return inner;
    };
    expect(classify(nest(7, false))).toEqual(['network', 'connection reset by the server (10.0.0.7:2)']);
    expect(classify(nest(8, false))[1]).toMatch(/^network error: /);
    // Coded aggregates: the deepest part within reach gives the address.
    expect(classify(nest(7, true))).toEqual(['network', 'connection reset by the server (10.0.0.7:2)']);
    expect(classify(nest(8, true))).toEqual(['network', 'connection reset by the server (10.1.0.0:3)']);
  });

  it('survives null, an undefined cause and a non-string message', () => {
    expect(classifyError(null, context).message).toBe('network error: null (feeds.example.test:8443)');
    expect(classify(new Error('top', { cause: undefined }))[1]).toBe('network error: top (feeds.example.test:8443)');
    expect(classify({ message: 42 })[1]).toBe('network error: [object Object] (feeds.example.test:8443)');
  });

  it('reports a blocked port, and a thrown non-Error as text', () => {
    expect(classify(new TypeError('bad port'))).toEqual(['network', 'port 8443 is blocked by fetch']);
    expect(classify('plain string')).toEqual(['network', 'network error: plain string (feeds.example.test:8443)']);
    expect(classifyError(42, context).message).toBe('network error: 42 (feeds.example.test:8443)');
  });

  it('finds a code inside the parts of an AggregateError without one, and ignores a code deeper than eight causes', () => {
    const aggregate = new AggregateError([new Error('no code'), coded('ECONNRESET', 'reset')], 'all failed');
    expect(classify(aggregate)).toEqual(['network', 'connection reset by the server (feeds.example.test:8443)']);
    const withEmptyParts = Object.assign(new AggregateError([], 'x'), { code: 'ETIMEDOUT', address: '10.0.0.2', port: 80 });
    expect(classify(withEmptyParts)).toEqual(['timeout', 'connection timed out (10.0.0.2:80)']);
    let chain: unknown = coded('ECONNREFUSED', 'deep');
    for (let i = 0; i < 9; i++) chain = new Error(`wrap ${i}`, { cause: chain });
    expect(classify(chain)[1]).toMatch(/^network error: /);
  });
});

describe('signals and names', () => {
  it('maps an AbortError without a fired signal to aborted, and TimeoutError by name', () => {
    const abort = classifyError(new DOMException('x', 'AbortError'), context);
    expect([abort.code, abort.message]).toEqual(['aborted', 'fetch cancelled']);
    const timeout = classifyError({ name: 'TimeoutError' }, context);
    expect([timeout.code, timeout.message]).toEqual(['timeout', 'timed out after 1.5s']);
    expect(classifyError({ name: 'Other' }, context).code).toBe('network');
  });

  it('gives the caller’s abort precedence over everything', () => {
    const error = classifyError(coded('CERT_HAS_EXPIRED'), { ...context, callerSignal: AbortSignal.abort() });
    expect([error.code, error.message]).toEqual(['aborted', 'fetch cancelled (the run was stopped)']);
    expect(abortedError('why').cause).toBe('why');
  });

  it.each([
    ['timeout', true], ['network', true], ['tls', false], ['decode', false], ['aborted', false], ['malformed', false],
  ] as const)('%s transient: %s', (code, transient) => {
    expect(isTransient(code)).toBe(transient);
  });
});
