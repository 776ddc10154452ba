import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../src/cli/program.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with captured, non-terminal streams; `stdin` is what it reads there. */
export async function cli(args: string[], env: NodeJS.ProcessEnv = {}, stdin?: string, now?: string): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: { write: (s: string) => (stdout += s), isTTY: false },
    stderr: { write: (s: string) => (stderr += s), isTTY: false },
    env,
    ...(stdin !== undefined ? { stdin: (async function* () { yield Buffer.from(stdin); })() } : {}),
    ...(now !== undefined ? { now: () => new Date(now) } : {}),
  });
  return { code, stdout, stderr };
}

/** The CLI in-process with its clock fixed at `now` (drafts are then reproducible). */
export function cliAt(now: string, args: string[]): Promise<CliRun> {
  return cli(args, {}, undefined, now);
}

/** A fresh temporary directory, removed by the returned cleanup. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'secdigest-test-'));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Writes a feeds.yaml for the given feeds (fast fetch settings for tests) and returns its path. */
export function writeConfig(
  dir: string,
  feeds: { id: string; url: string; kind?: string; enabled?: boolean }[],
  settings = 'settings:\n  fetch:\n    timeoutMs: 2000\n    retries: 0\n',
): string {
  const lines = ['feeds:'];
  for (const feed of feeds) {
    lines.push(`  - id: ${feed.id}`, `    name: Feed ${feed.id}`, `    url: ${feed.url}`, `    kind: ${feed.kind ?? 'news'}`);
    if (feed.enabled === false) lines.push('    enabled: false');
  }
  const file = path.join(dir, 'feeds.yaml');
  fs.writeFileSync(file, `${settings}${lines.join('\n')}\n`);
  return file;
}
