import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ReviewError } from './errors.js';

/**
 * The review server's request guards, in the order they run:
 * 1. **Access token** (when one is configured, which a non-loopback bind requires): every request
 *    carries it as the `sd_token` cookie, an `X-Secdigest-Token` header or `Authorization: Bearer`.
 *    A first visit with `?token=` sets the cookie and redirects to the same URL without it, so the
 *    token does not stay in the address bar or the history.
 * 2. **Host check** (without a token): the Host header must name a loopback host. A DNS-rebinding
 *    page (evil.example resolving to 127.0.0.1) is same-origin with itself, so the origin check
 *    alone would let it through; its Host header gives it away.
 * 3. **Same origin** for every state-changing request: Origin (else Referer) must be this server.
 * 4. **CSRF token** (double submit): a random per-session token in an HttpOnly, SameSite=Strict
 *    cookie, echoed by every form (`_csrf`) or script request (`X-CSRF-Token`).
 * Every response also carries a strict Content-Security-Policy: no inline script, nothing from
 * another origin.
 */
export interface SecurityOptions {
  /** When set, every request must carry it. */
  token?: string;
}

export const CSRF_COOKIE = 'sd_csrf';
export const TOKEN_COOKIE = 'sd_token';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  // The draft page shows the preview (/drafts/N/preview) in a sandboxed frame.
  "frame-src 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

declare module 'fastify' {
  interface FastifyRequest {
    /** This session's CSRF token, for the views to embed in forms. */
    csrfToken: string;
  }
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const LOOPBACK = /^(127(?:\.\d{1,3}){3}|localhost|::1|\[::1\])$/i;

/**
 * Whether a host name (an address to listen on, or a Host header's name) is loopback. One rule for
 * both: `review` runs without a token only where its server answers without one.
 */
export function isLoopbackHost(host: string): boolean {
  return LOOPBACK.test(host);
}

export function installSecurity(app: FastifyInstance, options: SecurityOptions): void {
  app.decorateRequest('csrfToken', '');

  app.addHook('onRequest', async (request, reply) => {
    reply.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    reply.header('X-Content-Type-Options', 'nosniff');
    // same-origin, not no-referrer: with no-referrer a form POST's Origin header becomes "null".
    reply.header('Referrer-Policy', 'same-origin');
    reply.header('X-Frame-Options', 'DENY');
    reply.header('Cache-Control', 'no-store');

    const cookies = parseCookies(request.headers.cookie);
    if (options.token !== undefined) {
      if (checkToken(request, reply, cookies, options.token)) return reply;
    } else if (!isLoopbackHost(hostName(request.headers.host ?? ''))) {
      throw new ReviewError('forbidden', 'This review server only answers on a loopback address (127.0.0.1 or localhost).');
    }

    const csrf = cookies.get(CSRF_COOKIE);
    if (csrf && /^[A-Za-z0-9_-]{43}$/.test(csrf)) {
      request.csrfToken = csrf;
    } else {
      request.csrfToken = randomBytes(32).toString('base64url');
      reply.header('Set-Cookie', cookie(CSRF_COOKIE, request.csrfToken));
    }

    if (UNSAFE_METHODS.has(request.method) && !sameOrigin(request)) {
      throw new ReviewError('forbidden', 'Cross-origin request refused.');
    }
    return undefined;
  });

  // The body is parsed after onRequest, so the form field is checked here.
  app.addHook('preHandler', async (request) => {
    if (!UNSAFE_METHODS.has(request.method)) return;
    const sent = request.headers['x-csrf-token'] ?? formField(request.body, '_csrf');
    const expected = parseCookies(request.headers.cookie).get(CSRF_COOKIE);
    if (typeof sent !== 'string' || expected === undefined || !constantTimeEqual(sent, expected)) {
      throw new ReviewError('forbidden', 'Missing or stale form token: reload the page and try again.');
    }
  });
}

/** True when the request has been answered (the token redirect); throws when the token is missing. */
function checkToken(request: FastifyRequest, reply: FastifyReply, cookies: Map<string, string>, token: string): boolean {
  const query = request.query as Record<string, unknown> | undefined;
  const fromQuery = typeof query?.token === 'string' ? query.token : undefined;
  if (fromQuery !== undefined && request.method === 'GET' && constantTimeEqual(fromQuery, token)) {
    const url = new URL(request.url, 'http://x');
    url.searchParams.delete('token');
    reply.header('Set-Cookie', cookie(TOKEN_COOKIE, encodeURIComponent(token)));
    void reply.redirect(`${url.pathname}${url.search}`, 303);
    return true;
  }
  const authorization = request.headers.authorization;
  const candidates = [
    safeDecode(cookies.get(TOKEN_COOKIE)),
    request.headers['x-secdigest-token'],
    authorization?.startsWith('Bearer ') ? authorization.slice(7) : undefined,
  ];
  if (candidates.some((c) => typeof c === 'string' && constantTimeEqual(c, token))) return false;
  throw new ReviewError('unauthorized', 'This review server needs its access token: open the URL that `secdigest review` printed.');
}

function sameOrigin(request: FastifyRequest): boolean {
  const host = request.headers.host;
  if (!host) return false;
  const origin = originOf(request.headers.origin || request.headers.referer);
  // Compared as serialized origins, so `localhost:80` and `localhost` are the same.
  return origin !== undefined && (origin === originOf(`http://${host}`) || origin === originOf(`https://${host}`));
}

function originOf(referer: string | undefined): string | undefined {
  if (!referer) return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return undefined;
  }
}

/** The host name of a Host header, without the port (`[::1]` keeps its brackets). */
function hostName(host: string): string {
  const match = /^(\[[^\]]*\]|[^:]*)(?::\d+)?$/.exec(host.toLowerCase());
  return match?.[1] ?? '';
}

function formField(body: unknown, name: string): unknown {
  return body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
}

export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (name && !cookies.has(name)) cookies.set(name, part.slice(eq + 1).trim());
  }
  return cookies;
}

function cookie(name: string, value: string): string {
  return `${name}=${value}; Path=/; HttpOnly; SameSite=Strict`;
}

function safeDecode(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

function constantTimeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
