import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SecdigestError } from '../model/index.js';
import type { SiteFile } from './index.js';
import { isSitePath, MANIFEST_FILE, parseManifest } from './manifest.js';
import { existingFiles, inspectSiteDirectory, writeSite } from './write-site.js';

const files = (...issues: number[]): SiteFile[] => [
  { path: 'index.html', text: `index of ${issues.join(',')}` },
  { path: 'atom.xml', text: '<feed/>' },
  ...issues.map((n) => ({ path: `issues/${n}.html`, text: `issue ${n}` })),
];

describe('writeSite', () => {
  let root: string;
  let dir: string;
  const read = (file: string) => fs.readFileSync(path.join(dir, file), 'utf8');
  const exists = (file: string) => fs.existsSync(path.join(dir, file));
  const manifest = () => JSON.parse(read(MANIFEST_FILE)) as { files: string[] };

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'secdigest-site-'));
    dir = path.join(root, 'site');
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('creates the directory, writes every file and a manifest listing them', () => {
    expect(inspectSiteDirectory(dir)).toEqual({ kind: 'missing' });
    expect(writeSite(dir, files(2, 1), [])).toEqual({ removed: [] });
    expect(read('issues/2.html')).toBe('issue 2');
    expect(manifest().files).toEqual(['atom.xml', 'index.html', 'issues/1.html', 'issues/2.html']);
    expect(inspectSiteDirectory(dir)).toEqual({ kind: 'directory', manifest: ['atom.xml', 'index.html', 'issues/1.html', 'issues/2.html'] });
    // No temporary file is left behind.
    expect(fs.readdirSync(dir).sort()).toEqual([MANIFEST_FILE, 'atom.xml', 'index.html', 'issues']);
  });

  it('updates in place and removes only the pages it wrote of issues no longer sent', () => {
    writeSite(dir, files(3, 2, 1), []);
    // The editor's own files beside the site, one named like an issue page.
    fs.writeFileSync(path.join(dir, 'CNAME'), 'news.example.com');
    fs.writeFileSync(path.join(dir, 'issues', 'notes.html'), 'mine');
    fs.writeFileSync(path.join(dir, 'issues', '9.html'), 'mine too');

    const previous = (inspectSiteDirectory(dir) as { manifest: string[] }).manifest;
    expect(writeSite(dir, files(3, 1), previous)).toEqual({ removed: ['issues/2.html'] });
    expect(exists('issues/2.html')).toBe(false);
    expect(read('index.html')).toBe('index of 3,1');
    expect([read('CNAME'), read('issues/notes.html'), read('issues/9.html')]).toEqual(['news.example.com', 'mine', 'mine too']);
    expect(manifest().files).toEqual(['atom.xml', 'index.html', 'issues/1.html', 'issues/3.html']);
  });

  it('never removes a file an edited manifest names outside what publish writes', () => {
    fs.mkdirSync(path.join(dir, 'issues'), { recursive: true });
    const outside = path.join(root, 'outside.txt');
    for (const file of [outside, path.join(dir, 'CNAME'), path.join(dir, 'issues', 'notes.html')]) fs.writeFileSync(file, 'keep');
    fs.writeFileSync(path.join(dir, MANIFEST_FILE), JSON.stringify({ files: ['../outside.txt', outside, 'CNAME', 'issues/notes.html', 'issues/../../outside.txt', 'issues/0.html', 'issues/5.html'] }));

    const previous = (inspectSiteDirectory(dir) as { manifest: string[] }).manifest;
    expect(previous).toEqual(['issues/5.html']);
    expect(writeSite(dir, files(1), previous)).toEqual({ removed: ['issues/5.html'] });
    expect([fs.readFileSync(outside, 'utf8'), read('CNAME'), read('issues/notes.html')]).toEqual(['keep', 'keep', 'keep']);
  });

  it('when a file cannot be written, fails naming it and leaves a manifest listing every file of ours', () => {
    writeSite(dir, files(1), []);
    fs.mkdirSync(path.join(dir, 'issues', '2.html')); // a directory where the page goes
    let error: unknown;
    try {
      writeSite(dir, files(2), ['atom.xml', 'index.html', 'issues/1.html']);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SecdigestError);
    expect(error).toMatchObject({ code: 'output', message: expect.stringContaining('issues/2.html') });
    // issues/1.html is still there and still listed, so the next run removes it.
    expect(exists('issues/1.html')).toBe(true);
    expect(manifest().files).toEqual(['atom.xml', 'index.html', 'issues/1.html', 'issues/2.html']);
  });

  it('tells a directory without a manifest, and a file, from a site it wrote', () => {
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'index.html'), 'not ours');
    expect(inspectSiteDirectory(dir)).toEqual({ kind: 'directory', manifest: undefined });
    expect(existingFiles(dir, files(1))).toEqual(['index.html']);
    expect(inspectSiteDirectory(path.join(dir, 'index.html'))).toEqual({ kind: 'not-a-directory' });
  });
});

describe('the manifest', () => {
  it('keeps only the paths publish writes', () => {
    expect(['index.html', 'atom.xml', 'issues/1.html', 'issues/1234.html'].every(isSitePath)).toBe(true);
    expect(['', 'CNAME', '/index.html', './index.html', '../index.html', 'issues/0.html', 'issues/01.html', 'issues/1.htm', 'issues/x.html', 'issues\\1.html', 'issues/1.html/..'].some(isSitePath)).toBe(false);
  });

  it('reads a damaged or foreign manifest as listing nothing it could remove', () => {
    for (const text of ['', 'not json', 'null', '[]', '{"files": "index.html"}', '{"files": [1, null, {}]}']) expect(parseManifest(text)).toEqual([]);
    expect(parseManifest('{"files": ["index.html", "index.html", "x"]}')).toEqual(['index.html']);
  });
});
