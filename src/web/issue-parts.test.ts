import { afterEach, describe, expect, it } from 'vitest';
import { CSRF_COOKIE } from './security.js';
import { createTestClient, ORIGIN, type TestClient } from './fixtures/client.js';

/** The review page's editor-written parts and the live preview (issue 18). */
let client: TestClient | undefined;
afterEach(async () => {
  await client?.close();
  client = undefined;
});

const HOSTILE = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2"> [x](javascript:alert(1))';

describe('issue parts on the review page', () => {
  it('shows a form per part, stores what the editor writes (lines kept, ends trimmed), and clears it when emptied', async () => {
    client = await createTestClient();
    const page = (await client.get('/drafts/12')).body;
    for (const slot of ['teaser', 'sponsorLine', 'intro', 'sponsorBlock', 'commentary', 'second', 'signOff', 'ps', 'disclaimer']) {
      expect(page).toContain(`action="/drafts/12/slots/${slot}"`);
    }
    const saved = await client.post('/drafts/12/slots/commentary', { text: 'First paragraph.  \r\n\r\nSecond one.\r\n' });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe('/drafts/12#part-commentary');
    expect((await client.storage.drafts.load(12))?.slots).toEqual({ commentary: 'First paragraph.\n\nSecond one.' });
    expect((await client.get('/drafts/12')).body).toMatch(/<textarea id="part-commentary-text"[^>]*>First paragraph.\n\nSecond one.<\/textarea>/);

    const json = await client.post('/drafts/12/slots/commentary', { text: '  ' }, { accept: 'application/json' });
    expect(json.json()).toEqual({ ok: true, slot: 'commentary' });
    expect((await client.storage.drafts.load(12))?.slots).toEqual({});
  });

  it('keeps hostile text inert in the form and the preview', async () => {
    client = await createTestClient();
    await client.post('/drafts/12/slots/intro', { text: HOSTILE });
    const page = (await client.get('/drafts/12')).body;
    expect(page).not.toContain('<script>window.__pwned');
    expect(page).toContain('&lt;script&gt;window.__pwned = 1&lt;/script&gt;');
    const preview = (await client.get('/drafts/12/preview')).body;
    expect(preview).not.toMatch(/<script/i);
    expect(preview).not.toMatch(/<img[^>]*onerror/i);
    expect(preview).not.toMatch(/href="javascript:/i);
  });

  it('refuses an unknown part, an over-long text, a cross-origin post and one without the CSRF token', async () => {
    client = await createTestClient();
    expect((await client.post('/drafts/12/slots/footer', { text: 'x' })).statusCode).toBe(404);
    expect((await client.post('/drafts/99/slots/intro', { text: 'x' })).statusCode).toBe(404);
    expect((await client.post('/drafts/12/slots/intro', { text: 'x'.repeat(20_001) })).statusCode).toBe(400);
    expect((await client.post('/drafts/12/slots/intro', { text: 'x' }, { origin: 'http://evil.example' })).statusCode).toBe(403);
    const noToken = await client.app.inject({
      method: 'POST',
      url: '/drafts/12/slots/intro',
      headers: { cookie: `${CSRF_COOKIE}=${client.csrf}`, origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'text=x',
    });
    expect(noToken.statusCode).toBe(403);
    expect((await client.storage.drafts.load(12))?.slots).toEqual({});
  });
});

describe('the preview', () => {
  it('is the HTML export in a page of its own that only this server may frame, with no script allowed', async () => {
    client = await createTestClient();
    const preview = await client.get('/drafts/12/preview');
    expect(preview.statusCode).toBe(200);
    expect(preview.headers['x-frame-options']).toBe('SAMEORIGIN');
    const policy = String(preview.headers['content-security-policy']);
    expect(policy).toContain("frame-ancestors 'self'");
    expect(policy).toContain("default-src 'none'");
    expect(policy).not.toContain('script-src');
    const exported = (await client.get('/drafts/12/export.html')).body;
    expect(preview.body).toContain(exported);
    // The draft page frames it, sandboxed, and may (frame-src 'self').
    const page = await client.get('/drafts/12');
    expect(page.body).toMatch(/<iframe src="\/drafts\/12\/preview"[^>]*sandbox="allow-popups allow-popups-to-escape-sandbox"/);
    expect(String(page.headers['content-security-policy'])).toContain("frame-src 'self'");
    expect((await client.get('/drafts/99/preview')).statusCode).toBe(404);
  });

  it('changes with each edit', async () => {
    client = await createTestClient();
    await client.post('/drafts/12/slots/signOff', { text: 'Stay patched, — Dana' });
    expect((await client.get('/drafts/12/preview')).body).toContain('Stay patched, — Dana');
  });
});
