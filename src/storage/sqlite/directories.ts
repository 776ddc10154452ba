import fs from 'node:fs';
import path from 'node:path';

/**
 * Creates the missing directories above `file`, one level at a time. Node's recursive `mkdirSync`
 * loops forever where a parent answers ENOENT to everything (a path under /proc, a stale mount),
 * so a mistyped `--db` or `--out` would spin at 100% CPU; here the first level that cannot be
 * made throws its error (EACCES, ENOTDIR, ENOENT) for the caller to report.
 */
export function ensureParentDirectory(file: string): void {
  const missing: string[] = [];
  for (let dir = path.dirname(path.resolve(file)); !fs.existsSync(dir); dir = path.dirname(dir)) {
    missing.push(dir);
    if (path.dirname(dir) === dir) break;
  }
  for (const dir of missing.reverse()) {
    try {
      fs.mkdirSync(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error; // made by another process meanwhile
    }
  }
}
