import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cron from 'node-cron';
import { describe, expect, it } from 'vitest';
import { cli, tempDir } from './support/cli.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const unitsDir = path.join(root, 'docs/systemd');
const UNITS = ['secdigest-schedule.service', 'secdigest-collect.service', 'secdigest-collect.timer'];

/** A systemd unit file as sections of key/value pairs (keys may repeat). */
function parseUnit(text: string): Map<string, [string, string][]> {
  const sections = new Map<string, [string, string][]>();
  let current: [string, string][] | undefined;
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) return;
    const section = /^\[([A-Za-z]+)\]$/.exec(line);
    if (section) return void sections.set(section[1]!, (current = []));
    const pair = /^([A-Za-z][A-Za-z0-9]*)=(.*)$/.exec(line);
    if (!pair || !current) throw new Error(`line ${index + 1} is neither a section, a key=value pair nor a comment: ${raw}`);
    current.push([pair[1]!, pair[2]!]);
  });
  return sections;
}
const get = (unit: Map<string, [string, string][]>, section: string, key: string) => unit.get(section)?.find(([k]) => k === key)?.[1];
const read = (name: string) => parseUnit(fs.readFileSync(path.join(unitsDir, name), 'utf8'));

/** The secdigest arguments of an ExecStart line (what follows dist/cli/main.js). */
function secdigestArgs(execStart: string): string[] {
  const words = execStart.split(/\s+/);
  return words.slice(words.findIndex((w) => w.endsWith('dist/cli/main.js')) + 1);
}

describe('operations docs: systemd units and crontab lines', () => {
  it('the units have the keys they need and run real secdigest commands', async () => {
    const schedule = read('secdigest-schedule.service');
    const collect = read('secdigest-collect.service');
    const timer = read('secdigest-collect.timer');
    expect(get(schedule, 'Service', 'Type')).toBe('simple');
    expect(get(schedule, 'Install', 'WantedBy')).toBe('multi-user.target');
    expect(get(schedule, 'Service', 'Restart')).toBe('on-failure');
    expect(get(collect, 'Service', 'Type')).toBe('oneshot');
    expect(get(collect, 'Service', 'SuccessExitStatus')).toBe('5'); // a skipped overlapping run is not a failure
    expect(get(timer, 'Timer', 'OnCalendar')).toBe('hourly');
    expect(get(timer, 'Timer', 'Persistent')).toBe('true');
    expect(get(timer, 'Install', 'WantedBy')).toBe('timers.target');
    for (const unit of [schedule, collect, timer]) expect(get(unit, 'Unit', 'Description')).toBeTruthy();
    for (const unit of [schedule, collect]) {
      expect(get(unit, 'Service', 'Environment')).toBeDefined();
      // The command and its flags exist: `--help` after them is accepted.
      const help = await cli([...secdigestArgs(get(unit, 'Service', 'ExecStart')!), '--help']);
      expect(help.code, help.stderr).toBe(0);
    }
  });

  const analyze = spawnSync('systemd-analyze', ['--version'], { encoding: 'utf8' });
  const hasSystemdAnalyze = !analyze.error && analyze.status === 0;
  if (!hasSystemdAnalyze) console.warn('systemd-analyze not found: skipping `systemd-analyze verify` of docs/systemd (the units are still parsed and checked)');

  it.skipIf(!hasSystemdAnalyze)('systemd-analyze verify accepts the units without a warning', () => {
    // verify checks that ExecStart's program exists: point the install paths at a scratch copy.
    const tmp = tempDir();
    try {
      fs.mkdirSync(path.join(tmp.dir, 'opt/dist/cli'), { recursive: true });
      fs.writeFileSync(path.join(tmp.dir, 'opt/dist/cli/main.js'), '');
      for (const name of UNITS) {
        const text = fs.readFileSync(path.join(unitsDir, name), 'utf8');
        fs.writeFileSync(path.join(tmp.dir, name), text.replaceAll('/usr/bin/node', process.execPath).replaceAll('/opt/secdigest', path.join(tmp.dir, 'opt')));
      }
      const run = spawnSync('systemd-analyze', ['verify', '--man=no', ...UNITS.map((n) => path.join(tmp.dir, n))], { encoding: 'utf8' });
      expect(run.status, run.stderr).toBe(0);
      // verify exits 0 on an unknown key or a bad value, only warning about it: any line naming our files fails.
      expect(run.stderr.split('\n').filter((l) => UNITS.some((n) => l.includes(n)))).toEqual([]);
    } finally {
      tmp.cleanup();
    }
  });

  it('the crontab lines in docs/OPERATIONS.md are valid and run real commands', async () => {
    const doc = fs.readFileSync(path.join(root, 'docs/OPERATIONS.md'), 'utf8');
    const block = /```crontab\n([\s\S]*?)```/.exec(doc)?.[1];
    expect(block).toBeDefined();
    const entries = block!.split('\n').filter((l) => l.trim() && !l.startsWith('#') && !/^[A-Z_]+=/.test(l));
    expect(entries.length).toBeGreaterThanOrEqual(3);
    for (const entry of entries) {
      const fields = entry.trim().split(/\s+/);
      expect(cron.validate(fields.slice(0, 5).join(' ')), entry).toBe(true);
      const command = /secdigest ([a-z]+(?: --?[a-z-]+(?: [0-9a-z]+)?)*)/.exec(entry)?.[1];
      expect(command, entry).toBeDefined();
      const help = await cli([...command!.split(' '), '--help']);
      expect(help.code, `${entry}\n${help.stderr}`).toBe(0);
    }
  });
});
