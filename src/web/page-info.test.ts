import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReviewError } from './errors.js';
import { createPageFetcher, readPageInfo } from './page-info.js';

const page = (head: string) => `<!doctype html><html><head>${head}</head><body><h1>Body</h1></body></html>`;

describe('readPageInfo', () => {
  it('prefers og:title and og:site_name, and reads the publication time', () => {
    const info = readPageInfo(
      page(`<title>Tab title | Site</title><meta property="og:title" content="  Real &amp; headline\n"><meta property="og:site_name" content="The Site">
        <meta property="article:published_time" content="2026-11-24T10:00:00+02:00">`),
      'https://www.site.example/a',
    );
    expect(info).toEqual({ title: 'Real & headline', source: 'The Site', publishedAt: '2026-11-24T08:00:00.000Z' });
  });

  it('falls back to <title> and the host name; drops a bad time', () => {
    expect(readPageInfo(page('<title>Only <b>a</b> title</title><meta property="article:published_time" content="yesterday">'), 'https://www.site.example/a')).toEqual({
      title: 'Only <b>a</b> title',
      source: 'site.example',
      publishedAt: undefined,
    });
    expect(readPageInfo('<p>no head</p>', 'http://x.example/').title).toBeUndefined();
  });
});

describe('createPageFetcher', () => {
  const html = (body: string, init: ResponseInit = {}) => new Response(body, { headers: { 'content-type': 'text/html; charset=utf-8' }, ...init });

  it('refuses anything but an absolute http(s) URL before fetching', async () => {
    const fetcher = createPageFetcher({ fetch: async () => { throw new Error('must not fetch'); } });
    for (const url of ['javascript:alert(1)', 'file:///etc/passwd', '/relative', 'ftp://x.example/']) {
      await expect(fetcher(url)).rejects.toMatchObject({ code: 'bad-request' });
    }
  });

  it('turns HTTP errors, non-HTML answers and timeouts into "unreachable"', async () => {
    const notFound = createPageFetcher({ fetch: async () => html('', { status: 404 }) });
    await expect(notFound('https://x.example/')).rejects.toMatchObject({ code: 'unreachable', message: expect.stringContaining('HTTP 404') });
    const pdf = createPageFetcher({ fetch: async () => new Response('%PDF', { headers: { 'content-type': 'application/pdf' } }) });
    await expect(pdf('https://x.example/')).rejects.toMatchObject({ code: 'unreachable' });
    const slow = createPageFetcher({
      timeoutMs: 50,
      fetch: (_url, init) =>
        new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal!.reason as Error))),
    });
    const error = await slow('https://x.example/').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReviewError);
    expect((error as ReviewError).message).toContain('timed out after 50 ms');
  });

  it('decodes the page by its charset like a feed (a latin-1 page keeps its accents)', async () => {
    const body = Buffer.from('<title>Caf\xe9 cr\xe8me</title>', 'latin1');
    const fetcher = createPageFetcher({ fetch: async () => new Response(body, { headers: { 'content-type': 'text/html; charset=iso-8859-1' } }) });
    expect((await fetcher('https://x.example/')).title).toBe('Café crème');
  });

  it('reads at most maxBytes of an endless page', async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new TextEncoder().encode(pulled === 1 ? '<title>Endless</title>' : 'x'.repeat(1024)));
      },
    });
    const fetcher = createPageFetcher({ maxBytes: 8 * 1024, fetch: async () => new Response(endless, { headers: { 'content-type': 'text/html' } }) });
    expect((await fetcher('https://x.example/')).title).toBe('Endless');
    expect(pulled).toBeLessThan(20);
  });

  it('refuses a link with a user name or password before fetching, in the editor\'s words', async () => {
    const fetcher = createPageFetcher({ fetch: async () => { throw new Error('must not fetch'); } });
    for (const url of ['https://user:secret@x.example/a', 'https://user@x.example/a', 'http://:secret@x.example/', ' https://user:@x.example/ ']) {
      await expect(fetcher(url)).rejects.toMatchObject({ code: 'bad-request', message: 'The link must not contain a user name or password.' });
    }
  });
});

describe('createPageFetcher with the real fetch (a local server)', () => {
  let server: Server;
  let origin: string;
  const requests: string[] = [];
  beforeAll(async () => {
    server = createServer((request, response) => {
      requests.push(request.url ?? '');
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page('<title>Local page</title>'));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('reads a page', async () => {
    expect(await createPageFetcher()(`${origin}/plain`)).toEqual({ title: 'Local page', source: '127.0.0.1', publishedAt: undefined });
  });

  it('refuses credentials with its own error, not fetch\'s, and sends nothing', async () => {
    requests.length = 0;
    const error = await createPageFetcher()(`http://user:secret@${origin.slice('http://'.length)}/private`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReviewError);
    expect(error).toMatchObject({ code: 'bad-request', message: 'The link must not contain a user name or password.' });
    expect((error as Error).message).not.toContain('secret');
    expect(requests).toEqual([]);
  });
});
