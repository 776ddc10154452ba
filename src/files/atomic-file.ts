import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { SecdigestError } from '../model/index.js';
import { ensureParentDirectory } from '../storage/index.js';

/** Names of this process's own output streams: written to the descriptor, never reopened by path. */
const STANDARD_STREAMS: Record<string, number> = {
  '/dev/stdout': 1,
  '/dev/fd/1': 1,
  '/proc/self/fd/1': 1,
  '/dev/stderr': 2,
  '/dev/fd/2': 2,
  '/proc/self/fd/2': 2,
};

/**
 * Writes `text` to `file` so that a reader sees the old file or the whole new one, never a part:
 * the text goes to a temporary file in the same directory (a rename is only atomic within one
 * file system), is flushed to disk, and is renamed over the target (POSIX rename(2) replaces it
 * atomically). The temporary file is removed if anything fails. Creates missing directories.
 *
 * Symlinks are followed as the OS follows them, so their target is replaced and the links stay (a
 * feeds.yaml linked from a dotfiles repository, a `latest.md` pointing at this week's issue); an
 * existing file keeps its permissions, a new one gets the umask's. `/dev/stdout` (and `/dev/fd/1`,
 * `/dev/stderr`) is this process's stream, written to as it is (`>> archive.md` appends, a pipe
 * works); any other target that is not a regular file (a named pipe, `/dev/null`) is written in
 * place: there is nothing to replace. Fails with SecdigestError('output') naming the file.
 */
export function writeFileAtomic(file: string, text: string): number {
  const bytes = Buffer.from(text, 'utf8');
  try {
    const asGiven = path.resolve(file);
    const stream = STANDARD_STREAMS[asGiven];
    if (stream !== undefined) {
      fs.writeSync(stream, bytes);
      return bytes.length;
    }
    const existing = statIfExists(asGiven); // follows every link, as the OS does
    if (existing && !existing.isFile()) {
      fs.writeFileSync(asGiven, bytes);
      return bytes.length;
    }
    replaceFile(realTarget(asGiven), bytes, existing ? existing.mode & 0o7777 : undefined);
    return bytes.length;
  } catch (error) {
    throw new SecdigestError('output', `cannot write ${file}: ${fsReason(error)}`, { cause: error });
  }
}

/** `mode`: the replaced file's, kept; undefined for a new file, which gets 0666 less the umask. */
function replaceFile(target: string, bytes: Buffer, mode: number | undefined): void {
  ensureParentDirectory(target);
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const fd = fs.openSync(temp, 'wx', mode ?? 0o666);
    try {
      if (mode !== undefined) fs.fchmodSync(fd, mode); // the umask narrowed what openSync was given
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

/**
 * The path the file is finally at, resolved by the OS (`realpath`), also when it does not exist
 * yet: then its directory is resolved, and a dangling symlink's text is read relative to the real
 * directory it sits in.
 */
function realTarget(file: string, hops = 0): string {
  try {
    return fs.realpathSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || hops > 40) throw error;
  }
  const dir = realDirectory(path.dirname(file));
  const inDir = path.join(dir, path.basename(file));
  let link: string;
  try {
    link = fs.readlinkSync(inDir);
  } catch {
    return inDir; // nothing there yet: the file will be created
  }
  return realTarget(path.resolve(dir, link), hops + 1);
}

/** A directory's real path; a missing one (to be created) resolved as far as it exists. */
function realDirectory(dir: string): string {
  try {
    return fs.realpathSync(dir);
  } catch {
    const parent = path.dirname(dir);
    return parent === dir ? dir : path.join(realDirectory(parent), path.basename(dir));
  }
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
