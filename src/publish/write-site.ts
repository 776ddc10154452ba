import fs from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../files/atomic-file.js';
import { SecdigestError } from '../model/index.js';
import type { SiteFile } from './index.js';
import { MANIFEST_FILE, manifestText, parseManifest, staleFiles } from './manifest.js';

/** What is in the site directory before a publish. */
export type SiteDirectory =
  | { kind: 'missing' }
  | { kind: 'not-a-directory' }
  /** `manifest`: what the last publish wrote; undefined when no publish ever wrote here. */
  | { kind: 'directory'; manifest: string[] | undefined };

export function inspectSiteDirectory(dir: string): SiteDirectory {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    throw outputError(`cannot read ${dir}`, error);
  }
  if (!stat.isDirectory()) return { kind: 'not-a-directory' };
  let text: string;
  try {
    text = fs.readFileSync(path.join(dir, MANIFEST_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'directory', manifest: undefined };
    throw outputError(`cannot read ${path.join(dir, MANIFEST_FILE)}`, error);
  }
  return { kind: 'directory', manifest: parseManifest(text) };
}

/** The site's files that already exist in `dir` (relative paths). */
export function existingFiles(dir: string, files: readonly SiteFile[]): string[] {
  return files.filter((f) => fs.existsSync(path.join(dir, f.path))).map((f) => f.path);
}

/**
 * Writes the site into `dir` (created when missing), each file atomically, and removes the files
 * the last publish wrote that this one does not (`previous`, from its manifest). The manifest is
 * written first listing old and new files, and last listing the new ones only: whenever the run
 * stops, every file of ours is listed, so a later run can still clean it up.
 * Fails with SecdigestError('output') naming the file.
 */
export function writeSite(dir: string, files: readonly SiteFile[], previous: readonly string[]): { removed: string[] } {
  const current = files.map((f) => f.path);
  const manifest = path.join(dir, MANIFEST_FILE);
  writeFileAtomic(manifest, manifestText([...previous, ...current]));
  for (const file of files) writeFileAtomic(path.join(dir, file.path), file.text);
  const removed = staleFiles(previous, current);
  for (const file of removed) {
    try {
      fs.unlinkSync(path.join(dir, file));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw outputError(`cannot remove ${path.join(dir, file)}`, error);
    }
  }
  writeFileAtomic(manifest, manifestText(current));
  return { removed };
}

function outputError(message: string, cause: unknown): SecdigestError {
  return new SecdigestError('output', `${message}: ${(cause as Error).message}`, { cause });
}
