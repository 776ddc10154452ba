import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * natural's entry point prints dotenv lines to stdout and reads ./.env (LIBRARIES.md), which would
 * corrupt `--json` and JSONL output. The classifier must do neither, without relying on
 * DOTENV_CONFIG_QUIET (vitest sets it for its workers, so the check runs in a child process).
 */
const run = promisify(execFile);
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const classifyModule = new URL('./index.ts', import.meta.url).href;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'secdigest-stdout-'));
  await writeFile(path.join(dir, '.env'), 'SECDIGEST_DOTENV_CANARY=loaded\n');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('importing the classifier', () => {
  it('leaves stdout and the environment alone', async () => {
    const script = `
      const { createClassifier, trainFromShippedSet } = await import(${JSON.stringify(classifyModule)});
      const model = await trainFromShippedSet();
      const result = createClassifier({ model }).classify({ title: 'Critical VPN flaw exploited', summary: 'Patch CVE-2026-1234 now.', feedKind: 'news' });
      process.stdout.write('topic=' + result.topic + ' env=' + (process.env.SECDIGEST_DOTENV_CANARY ?? 'untouched') + '\\n');
    `;
    const env = { ...process.env };
    delete env.DOTENV_CONFIG_QUIET;
    const { stdout } = await run(process.execPath, ['--import', tsx, '--input-type=module', '-e', script], { cwd: dir, env });
    expect(stdout).toBe('topic=vulnerability env=untouched\n');
  });
});
