import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cli, tempDir } from './support/cli.js';

describe('secdigest CLI surface', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => tmp.cleanup());

  it.each(['collect', 'feeds list', 'feeds add', 'feeds import', 'feeds export', 'parse', 'backup'])('%s --help documents --config, --db and --json', async (command) => {
    const run = await cli([...command.split(' '), '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Usage: secdigest ${command}`);
    for (const flag of ['--config', '--db', '--json']) expect(run.stdout).toContain(flag);
  });

  it('lists the commands in the top-level help', async () => {
    const run = await cli(['--help']);
    expect(run.code).toBe(0);
    for (const command of ['collect', 'feeds', 'parse', 'backup']) expect(run.stdout).toContain(command);
  });

  it('stops quietly with exit 0 when the reader closes the pipe early (`| head`)', async () => {
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
    const main = path.resolve(import.meta.dirname, '../src/cli/main.ts');
    const child = spawn(process.execPath, ['--import', tsx, main, 'collect', '--help'], { stdio: ['ignore', 'pipe', 'pipe'] });
    // The reader is gone before the first write: every write to stdout fails with EPIPE.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).not.toContain('EPIPE');
    expect(code).toBe(0);
  }, 30_000);

  it('exits 2 on an unknown option or command', async () => {
    expect((await cli(['collect', '--frobnicate'])).code).toBe(2);
    expect((await cli(['frobnicate'])).code).toBe(2);
  });

  it('parse prints the normalized items of a local file, as text and as JSON', async () => {
    const file = path.join(tmp.dir, 'feed.xml');
    fs.writeFileSync(
      file,
      `<?xml version="1.0"?><rss version="2.0"><channel><title>Local</title><link>https://local.example/</link>
       <item><title>Patch &amp;amp; pray</title><link>/posts/1?utm_campaign=x#top</link><guid>p1</guid>
       <pubDate>Tue, 24 Nov 2026 08:30:00 -0500</pubDate></item></channel></rss>`,
    );
    const text = await cli(['parse', file]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('rss, 1 items (Local)');
    expect(text.stdout).toContain('2026-11-24 13:30  Patch & pray');
    expect(text.stdout).toContain('https://local.example/posts/1');

    const json = await cli(['parse', file, '--json']);
    const [report] = JSON.parse(json.stdout);
    expect(report).toMatchObject({ ok: true, format: 'rss', title: 'Local' });
    expect(report.items[0]).toMatchObject({
      guid: 'p1',
      title: 'Patch & pray',
      canonicalUrl: 'https://local.example/posts/1',
      publishedAt: '2026-11-24T13:30:00.000Z',
    });
  });

  it('parse caps a local file at fetch.maxBodyBytes, as a fetched one (parse /dev/zero ends)', async () => {
    const config = path.join(tmp.dir, 'small.yaml');
    fs.writeFileSync(config, 'feeds:\n  - { id: a, name: A, url: "https://a.example/feed", kind: news }\nsettings:\n  fetch:\n    maxBodyBytes: 2048\n');
    const big = path.join(tmp.dir, 'big.xml');
    fs.writeFileSync(big, `<rss version="2.0"><channel><title>Big</title>${'<item><title>x</title></item>'.repeat(200)}</channel></rss>`);
    const run = await cli(['parse', big, '--config', config, '--json']);
    expect(run.code).toBe(3);
    expect(JSON.parse(run.stdout)).toEqual([{ source: big, ok: false, error: { code: 'too-large', message: 'file larger than 2 KiB (fetch.maxBodyBytes)' } }]);
  });

  it("never prints a feed's control characters to the terminal; --json keeps them, escaped", async () => {
    const hostile = path.join(tmp.dir, 'hostile.xml');
    fs.writeFileSync(hostile, '<rss version="2.0"><channel><title>T\u001b[31mRED\u001b]0;owned\u0007</title><item><title>x</title></item></channel></rss>');
    const text = await cli(['parse', hostile]);
    expect(text.stdout).toContain('T[31mRED]0;owned');
    expect([...text.stdout].filter((c) => c < ' ' && c !== '\n' && c !== '\t')).toEqual([]);
    const json = await cli(['parse', hostile, '--json']);
    expect(json.stdout).toContain('\\u001b[31mRED');
  });

  it('parse reports a broken or missing document clearly and exits 3', async () => {
    const file = path.join(tmp.dir, 'broken.xml');
    fs.writeFileSync(file, '<rss version="2.0"><channel><item><title>unfinished');
    const run = await cli(['parse', file, path.join(tmp.dir, 'absent.xml')]);
    expect(run.code).toBe(3);
    expect(run.stdout).toMatch(/broken\.xml: error \[malformed\]/);
    expect(run.stdout).toMatch(/absent\.xml: error \[file\] cannot read .*ENOENT/);
  });
});
