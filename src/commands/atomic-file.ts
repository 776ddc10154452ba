import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Writes `text` to `file` so that a reader sees the old file or the whole new one, never a part:
 * the text goes to a temporary file in the same directory (a rename is only atomic within one
 * file system), is flushed to disk, and is renamed over the target (POSIX rename(2) replaces it
 * atomically). The temporary file is removed if anything fails. Creates missing directories.
 */
export function writeFileAtomic(file: string, text: string): number {
  const target = path.resolve(file);
  const dir = path.dirname(target);
  fs.mkdirSync(dir, { recursive: true });
  const temp = path.join(dir, `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const bytes = Buffer.from(text, 'utf8');
  try {
    const fd = fs.openSync(temp, 'wx', 0o644);
    try {
      fs.writeSync(fd, bytes);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, target);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
  return bytes.length;
}
