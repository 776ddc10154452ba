import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SecdigestError } from '../model/index.js';
import { writeFileAtomic } from './atomic-file.js';

describe('writeFileAtomic', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'secdigest-atomic-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const inDir = (...parts: string[]) => path.join(dir, ...parts);
  const leftovers = (sub = '') => fs.readdirSync(inDir(sub)).filter((name) => name.endsWith('.tmp'));

  it('writes a new file (creating its directory) and replaces an old one, keeping its permissions', () => {
    expect(writeFileAtomic(inDir('out', 'issue.md'), 'first')).toBe(5);
    expect(fs.readFileSync(inDir('out', 'issue.md'), 'utf8')).toBe('first');
    fs.chmodSync(inDir('out', 'issue.md'), 0o600);
    writeFileAtomic(inDir('out', 'issue.md'), 'second');
    expect(fs.readFileSync(inDir('out', 'issue.md'), 'utf8')).toBe('second');
    expect(fs.statSync(inDir('out', 'issue.md')).mode & 0o777).toBe(0o600);
    expect(leftovers('out')).toEqual([]);
  });

  it('follows a symlink: the target is replaced and the link stays, even when the target does not exist yet', () => {
    fs.mkdirSync(inDir('real'));
    fs.writeFileSync(inDir('real', 'feeds.yaml'), 'old');
    fs.symlinkSync(path.join('real', 'feeds.yaml'), inDir('feeds.yaml'));
    writeFileAtomic(inDir('feeds.yaml'), 'new');
    expect(fs.lstatSync(inDir('feeds.yaml')).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(inDir('real', 'feeds.yaml'), 'utf8')).toBe('new');

    fs.symlinkSync(path.join('real', 'week-48.md'), inDir('latest.md')); // dangling
    writeFileAtomic(inDir('latest.md'), 'issue');
    expect(fs.lstatSync(inDir('latest.md')).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(inDir('real', 'week-48.md'), 'utf8')).toBe('issue');
    expect(leftovers('real')).toEqual([]);
  });

  it('resolves a relative link from where it really is, when its directory is itself a link', () => {
    fs.mkdirSync(inDir('dotfiles', 'cfg'), { recursive: true });
    fs.mkdirSync(inDir('dotfiles', 'shared'));
    fs.writeFileSync(inDir('dotfiles', 'shared', 'feeds.yaml'), 'old');
    fs.symlinkSync(path.join('..', 'shared', 'feeds.yaml'), inDir('dotfiles', 'cfg', 'feeds.yaml'));
    fs.symlinkSync(inDir('dotfiles', 'cfg'), inDir('cfg')); // ~/cfg -> dotfiles/cfg
    writeFileAtomic(inDir('cfg', 'feeds.yaml'), 'new');
    expect(fs.readFileSync(inDir('dotfiles', 'shared', 'feeds.yaml'), 'utf8')).toBe('new');
    expect(fs.existsSync(inDir('shared'))).toBe(false);
  });

  it('gives a new file the permissions the umask allows', () => {
    const previous = process.umask(0o077);
    try {
      writeFileAtomic(inDir('private.md'), 'x');
    } finally {
      process.umask(previous);
    }
    expect(fs.statSync(inDir('private.md')).mode & 0o777).toBe(0o600);
  });

  it('writes /dev/stdout to this process\'s stdout as it is: appended to a file, never replacing it', async () => {
    const { spawnSync } = await import('node:child_process');
    const { pathToFileURL } = await import('node:url');
    const { createRequire } = await import('node:module');
    fs.writeFileSync(inDir('archive.md'), 'last week\n');
    const out = fs.openSync(inDir('archive.md'), 'a');
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
    const module = pathToFileURL(path.resolve(import.meta.dirname, 'atomic-file.ts')).href;
    const child = spawnSync(process.execPath, ['--import', tsx, '-e', `import(${JSON.stringify(module)}).then((m) => m.writeFileAtomic('/dev/stdout', 'this week\\n'))`], { stdio: ['ignore', out, 'pipe'] });
    fs.closeSync(out);
    expect(child.status).toBe(0);
    expect(fs.readFileSync(inDir('archive.md'), 'utf8')).toBe('last week\nthis week\n');
  });

  it('writes a target that is not a regular file in place (a named pipe here, /dev/stdout in use)', async () => {
    const { spawnSync } = await import('node:child_process');
    if (spawnSync('mkfifo', [inDir('pipe')]).status !== 0) return expect.fail('mkfifo is needed for this test');
    const reader = fs.promises.readFile(inDir('pipe'), 'utf8');
    writeFileAtomic(inDir('pipe'), 'through the pipe');
    expect(await reader).toBe('through the pipe');
    expect(fs.statSync(inDir('pipe')).isFIFO()).toBe(true);
  });

  it('fails with an output error naming the file, and leaves no temporary file', () => {
    fs.writeFileSync(inDir('a-file'), '');
    let error: unknown;
    try {
      writeFileAtomic(inDir('a-file', 'issue.md'), 'text');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SecdigestError);
    expect(error).toMatchObject({ code: 'output', message: `cannot write ${inDir('a-file', 'issue.md')}: not a directory (ENOTDIR)` });
    expect(leftovers()).toEqual([]);
  });
});
