import { afterEach, describe, expect, it } from 'vitest';
import { createTestClient, ORIGIN, type TestClient } from './fixtures/client.js';
import { CONTENT_SECURITY_POLICY, CSRF_COOKIE, TOKEN_COOKIE } from './security.js';

let client: TestClient | undefined;
afterEach(async () => {
  await client?.close();
  client = undefined;
});

describe('review server guards', () => {
  it('sends a strict Content-Security-Policy and a session CSRF cookie', async () => {
    client = await createTestClient();
    const page = await client.get('/drafts/12');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(client.csrf).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(page.body).toContain(`<meta name="csrf-token" content="${client.csrf}">`);
    // No inline script at all: the only script is the served file.
    expect(page.body.match(/<script[^>]*>/g)).toEqual(['<script src="/assets/review.js" defer>']);
    const fresh = await client.app.inject({ method: 'GET', url: '/drafts' });
    expect(fresh.cookies.find((c) => c.name === CSRF_COOKIE)).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
  });

  it('refuses a cross-origin post, and one without Origin or Referer', async () => {
    client = await createTestClient();
    const url = '/drafts/12/entries/1/exclude';
    expect((await client.post(url, {}, { origin: 'http://evil.example' })).statusCode).toBe(403);
    expect((await client.post(url, {}, { origin: 'null' })).statusCode).toBe(403);
    const noOrigin = await client.app.inject({
      method: 'POST',
      url,
      headers: { cookie: `${CSRF_COOKIE}=${client.csrf}`, 'content-type': 'application/x-www-form-urlencoded' },
      payload: `_csrf=${client.csrf}`,
    });
    expect(noOrigin.statusCode).toBe(403);
    expect((await client.post(url, {}, { origin: '', referer: `${ORIGIN}/drafts/12` })).statusCode).toBe(303);
    expect(await entryIncluded(client, '1')).toBe(false);
  });

  it('refuses a post without the CSRF token, or with another session\'s', async () => {
    client = await createTestClient();
    const url = '/drafts/12/entries/1/exclude';
    const bare = await client.app.inject({ method: 'POST', url, headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' }, payload: '' });
    expect(bare.statusCode).toBe(403);
    expect((await client.post(url, { _csrf: 'x'.repeat(43) })).statusCode).toBe(403);
    expect(await entryIncluded(client, '1')).toBe(true);
    // The page script sends the token as a header instead of a field.
    const json = await client.app.inject({
      method: 'POST',
      url,
      headers: { cookie: `${CSRF_COOKIE}=${client.csrf}`, origin: ORIGIN, 'x-csrf-token': client.csrf, accept: 'application/json' },
    });
    expect(json.statusCode).toBe(200);
    expect(json.json()).toEqual({ ok: true, storyId: '1' });
    expect(await entryIncluded(client, '1')).toBe(false);
  });

  it('answers only on a loopback Host without a token (DNS rebinding)', async () => {
    client = await createTestClient();
    expect((await client.get('/drafts', { host: 'evil.example:4173' })).statusCode).toBe(403);
    expect((await client.get('/drafts', { host: '127.0.0.1:4173' })).statusCode).toBe(200);
    expect((await client.get('/drafts', { host: '[::1]:4173' })).statusCode).toBe(200);
    // Every 127.x address is loopback, as `review --host` accepts it without a token.
    expect((await client.get('/drafts', { host: '127.0.0.2:4173' })).statusCode).toBe(200);
  });

  it('with a token, every request must carry it; ?token= sets a cookie and redirects', async () => {
    const token = 'correct-horse-battery-staple';
    client = await createTestClient({ token });
    const host = { host: '192.0.2.10:4173' };
    const denied = await client.app.inject({ method: 'GET', url: '/drafts/12', headers: host });
    expect(denied.statusCode).toBe(401);
    expect(denied.body).not.toContain('Northgate');
    expect((await client.app.inject({ method: 'GET', url: '/assets/review.js', headers: host })).statusCode).toBe(401);
    expect((await client.app.inject({ method: 'GET', url: '/drafts/12?token=wrong', headers: host })).statusCode).toBe(401);

    const first = await client.app.inject({ method: 'GET', url: `/drafts/12?token=${token}&x=1`, headers: host });
    expect(first.statusCode).toBe(303);
    expect(first.headers.location).toBe('/drafts/12?x=1');
    const cookie = first.cookies.find((c) => c.name === TOKEN_COOKIE);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    expect((await client.app.inject({ method: 'GET', url: '/drafts/12', headers: { ...host, cookie: `${TOKEN_COOKIE}=${cookie!.value}` } })).statusCode).toBe(200);
    expect((await client.app.inject({ method: 'GET', url: '/drafts/12', headers: { ...host, 'x-secdigest-token': token } })).statusCode).toBe(200);
    expect((await client.app.inject({ method: 'GET', url: '/drafts/12', headers: { ...host, authorization: `Bearer ${token}` } })).statusCode).toBe(200);

    // A post with the token still needs the same origin and the CSRF token.
    const post = (headers: Record<string, string>) =>
      client!.app.inject({ method: 'POST', url: '/drafts/12/entries/1/exclude', headers: { ...host, 'x-secdigest-token': token, ...headers } });
    expect((await post({ origin: 'http://192.0.2.10:4173' })).statusCode).toBe(403);
    const withCsrf = await post({ origin: 'http://192.0.2.10:4173', cookie: `${CSRF_COOKIE}=${client.csrf}`, 'x-csrf-token': client.csrf });
    expect(withCsrf.statusCode).toBe(303);
  });
});

async function entryIncluded(c: TestClient, storyId: string): Promise<boolean> {
  return (await c.storage.drafts.load(12))!.sections.flatMap((s) => s.entries).find((e) => e.storyId === storyId)!.included;
}
