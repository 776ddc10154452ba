import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { SecdigestError } from '../model/index.js';
import { ensureParentDirectory } from '../storage/index.js';

/**
 * Writes `text` to `file` so that a reader sees the old file or the whole new one, never a part:
 * the text goes to a temporary file in the same directory (a rename is only atomic within one
 * file system), is flushed to disk, and is renamed over the target (POSIX rename(2) replaces it
 * atomically). The temporary file is removed if anything fails. Creates missing directories.
 *
 * A symlink is followed, so its target is replaced and the link stays (a feeds.yaml linked from a
 * dotfiles repository, a `latest.md` pointing at this week's issue); an existing file keeps its
 * permissions. A target that is not a regular file (`/dev/stdout`, a named pipe) is written in
 * place: there is nothing to replace, and replacing a device node with a file would be wrong.
 * Fails with SecdigestError('output') naming the file.
 */
export function writeFileAtomic(file: string, text: string): number {
  const bytes = Buffer.from(text, 'utf8');
  try {
    const target = followLinks(path.resolve(file));
    const existing = statIfExists(target);
    if (existing && !existing.isFile()) {
      fs.writeFileSync(target, bytes);
      return bytes.length;
    }
    replaceFile(target, bytes, existing ? existing.mode & 0o7777 : 0o644);
    return bytes.length;
  } catch (error) {
    throw new SecdigestError('output', `cannot write ${file}: ${fsReason(error)}`, { cause: error });
  }
}

function replaceFile(target: string, bytes: Buffer, mode: number): void {
  const dir = path.dirname(target);
  ensureParentDirectory(target);
  const temp = path.join(dir, `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const fd = fs.openSync(temp, 'wx', mode);
    try {
      fs.fchmodSync(fd, mode); // the umask narrowed the mode openSync was given
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
}

/** The file a path finally names: symlinks resolved, even one whose target does not exist yet. */
function followLinks(file: string): string {
  let current = file;
  for (let hops = 0; hops < 40; hops++) {
    let link: string;
    try {
      link = fs.readlinkSync(current);
    } catch {
      return current; // not a symlink, or nothing there yet
    }
    current = path.resolve(path.dirname(current), link);
  }
  return current;
}

function statIfExists(file: string): fs.Stats | undefined {
  try {
    return fs.statSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** "permission denied (EACCES)" from Node's "EACCES: permission denied, open '/x/.a.tmp'". */
function fsReason(error: unknown): string {
  const { code, message } = error as NodeJS.ErrnoException;
  const reason = /^[A-Z]+: ([^,]+)/.exec(message)?.[1] ?? message;
  return code ? `${reason} (${code})` : reason;
}
