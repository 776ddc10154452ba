import fs from 'node:fs';
import path from 'node:path';
import * as cheerio from 'cheerio';
import Parser from 'rss-parser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStorage } from '../src/app.js';
import type { Draft } from '../src/model/index.js';
import { parseFeedDocument } from '../src/pipeline/parse/index.js';
import { entry, section } from '../src/publish/fixtures/sent-drafts.js';
import { cliAt, tempDir, writeConfig } from './support/cli.js';

const NOW = '2026-11-10T12:00:00.000Z';

const cli = (args: string[]) => cliAt(NOW, args);

/** Stores drafts #1..#n through the storage port, each with one entry titled `titles[i]`; marks `sent` ones sent. */
async function seedDrafts(dbPath: string, titles: string[], sent: Record<number, string>): Promise<void> {
  const storage = await openStorage(dbPath);
  try {
    for (const title of titles) {
      await storage.drafts.createNext((basis) => {
        const n = basis.nextNumber;
        const day = `2026-11-0${n}`;
        const draft: Draft = {
          number: n,
          date: day,
          window: { since: `${day}T00:00:00.000Z`, until: `${day}T06:00:00.000Z` },
          createdAt: `${day}T06:00:00.000Z`,
          sentAt: null,
          slots: {},
          sections: [section('latest-news', [entry(`story-${n}`, { title })], 'Latest News')],
        };
        return { draft, result: null };
      });
    }
    for (const [number, at] of Object.entries(sent)) await storage.drafts.setSent(Number(number), at);
  } finally {
    await storage.close();
  }
}

async function setSent(dbPath: string, number: number, at: string | null): Promise<void> {
  const storage = await openStorage(dbPath, { mustExist: true });
  try {
    await storage.drafts.setSent(number, at);
  } finally {
    await storage.close();
  }
}

describe('secdigest publish', () => {
  let tmp: ReturnType<typeof tempDir>;
  let dbPath: string;
  let config: string;
  let out: string;
  const args = () => ['--config', config, '--db', dbPath];
  const read = (file: string) => fs.readFileSync(path.join(out, file), 'utf8');

  beforeEach(() => {
    tmp = tempDir();
    dbPath = path.join(tmp.dir, 'test.db');
    out = path.join(tmp.dir, 'site');
    config = writeConfig(tmp.dir, [{ id: 'example', url: 'http://127.0.0.1:9/feed.xml' }]);
  });
  afterEach(() => tmp.cleanup());

  it('publishes the sent issues only, newest first, as pages and an Atom feed both parsers read', async () => {
    await seedDrafts(dbPath, ['First <script>alert(1)</script>', 'Second, never sent', 'Third "><img src=x onerror=alert(1)>'], {
      1: '2026-11-01T07:00:00.000Z',
      3: '2026-11-03T07:00:00.000Z',
    });
    const run = await cli(['publish', ...args(), '--out', out, '--site-url', 'https://news.example.com/brief', '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ dir: out, issues: [3, 1], files: ['index.html', 'atom.xml', 'issues/3.html', 'issues/1.html'], removed: [] });
    expect(fs.existsSync(path.join(out, 'issues', '2.html'))).toBe(false);

    const xml = read('atom.xml');
    const own = parseFeedDocument(Buffer.from(xml), 'application/atom+xml');
    const other = await new Parser().parseString(xml);
    expect(own.entries.map((e) => [e.link, e.updated])).toEqual([
      ['https://news.example.com/brief/issues/3.html', '2026-11-03T07:00:00.000Z'],
      ['https://news.example.com/brief/issues/1.html', '2026-11-01T07:00:00.000Z'],
    ]);
    expect(other.items.map((i) => i.id)).toEqual(own.entries.map((e) => e.guid));
    expect(other.items.map((i) => cheerio.load(`<p>${i.title ?? ''}</p>`)('p').text())).toEqual(['Issue #3: Third "><img src=x onerror=alert(1)>', 'Issue #1: First <script>alert(1)</script>']);
    for (const text of [xml, read('index.html'), read('issues/1.html'), read('issues/3.html')]) {
      expect(text).not.toMatch(/<script|<img/i);
      expect(text).not.toContain('Second, never sent');
    }
    const $ = cheerio.load(read('issues/3.html'));
    expect($('title').text()).toBe('secdigest — Issue #3 (2026-11-03)');
    expect($('head link[rel="alternate"][type="application/atom+xml"]').attr('href')).toBe('../atom.xml');
  });

  it('prints a summary, and on the next run removes the page of an issue no longer sent, keeping other files', async () => {
    await seedDrafts(dbPath, ['One', 'Two', 'Three'], { 1: '2026-11-01T07:00:00.000Z', 2: '2026-11-02T07:00:00.000Z', 3: '2026-11-03T07:00:00.000Z' });
    const first = await cli(['publish', ...args(), '--out', out]);
    expect(first.code).toBe(0);
    expect(first.stdout).toBe(`published 3 issues to ${out}/ (index.html, atom.xml, 3 issue pages)\n`);
    fs.writeFileSync(path.join(out, 'CNAME'), 'news.example.com');

    await setSent(dbPath, 2, null);
    const second = await cli(['publish', ...args(), '--out', out]);
    expect(second.code).toBe(0);
    expect(second.stdout).toBe(`published 2 issues to ${out}/ (index.html, atom.xml, 2 issue pages)\nremoved the page of issues no longer sent: issues/2.html\n`);
    expect(fs.readdirSync(path.join(out, 'issues')).sort()).toEqual(['1.html', '3.html']);
    expect(read('CNAME')).toBe('news.example.com');
    expect(read('index.html')).not.toContain('issues/2.html');
  });

  it('with no sent issue writes an index saying so and an empty feed, exit 0', async () => {
    await seedDrafts(dbPath, ['Not sent'], {});
    const run = await cli(['publish', ...args(), '--out', out]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`published 0 issues to ${out}/ (index.html, atom.xml, no issue pages: no issue is marked sent yet)\n`);
    expect(cheerio.load(read('index.html'))('main').text()).toContain('No issues yet.');
    expect(parseFeedDocument(Buffer.from(read('atom.xml')), 'application/atom+xml').entries).toEqual([]);
  });

  it.each([
    ['javascript:alert(1)', 'it uses javascript:, only http and https are allowed'],
    ['/relative/', 'it is not absolute (it needs http:// or https://)'],
  ])('refuses --site-url %s with exit 2 before anything is written', async (url, reason) => {
    await seedDrafts(dbPath, ['One'], { 1: '2026-11-01T07:00:00.000Z' });
    const run = await cli(['publish', ...args(), '--out', out, '--site-url', url]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(reason);
    expect(fs.existsSync(out)).toBe(false);
  });

  it('refuses (exit 2) a directory holding files it did not write, and a file as --out', async () => {
    await seedDrafts(dbPath, ['One'], { 1: '2026-11-01T07:00:00.000Z' });
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, 'index.html'), 'the editor\'s own page');
    const run = await cli(['publish', ...args(), '--out', out]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('already holds index.html, not written by secdigest publish (no .secdigest-site.json)');
    expect(read('index.html')).toBe('the editor\'s own page');

    const file = await cli(['publish', ...args(), '--out', path.join(out, 'index.html')]);
    expect(file.code).toBe(2);
    expect(file.stderr).toContain('is not a directory');
  });

  it('documents itself: an example and its exit codes', async () => {
    const run = await cli(['publish', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Example: secdigest publish --out public --site-url https://news.example.com/');
    expect(run.stdout).toMatch(/Exit code 0 when the site was written/);
  });
});
