import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openApp } from '../src/app.js';
import { runDraft } from '../src/commands/draft.js';
import { openDatabase } from '../src/storage/index.js';
import { cliAt, tempDir, writeConfig } from './support/cli.js';
import { seedFeeds, seedStory } from './support/stories.js';

const FEEDS = [
  { id: 'breach', name: 'Breach Ledger', weight: 3 },
  { id: 'wire', name: 'Wire', kind: 'press' as const, weight: 1 },
];
const MORNING = '2026-11-25T06:00:00.000Z';
const EVENING = '2026-11-25T20:00:00.000Z';

interface DraftJson {
  number: number;
  date: string;
  sentAt: string | null;
  slots: Record<string, string>;
  sections: { id: string; entries: { storyId: string; title: string }[] }[];
}

const titles = (draft: DraftJson) => draft.sections.flatMap((s) => s.entries.map((e) => e.title)).sort();

describe('a draft\'s life: redraft, --new, drafts, delete, sent, fill (issue 18)', () => {
  let tmp: ReturnType<typeof tempDir>;
  let dbPath: string;
  let config: string;
  const args = () => ['--config', config, '--db', dbPath];
  const draftAt = async (now: string, extra: string[] = []) => {
    const run = await cliAt(now, ['draft', '--json', ...extra, ...args()]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    return JSON.parse(run.stdout) as DraftJson;
  };

  beforeEach(() => {
    tmp = tempDir();
    dbPath = path.join(tmp.dir, 'test.db');
    config = writeConfig(tmp.dir, FEEDS.map((f) => ({ id: f.id, url: `http://127.0.0.1:9/${f.id}.xml`, ...(f.kind ? { kind: f.kind } : {}) })));
    const db = openDatabase(dbPath);
    seedFeeds(db, FEEDS);
    seedStory(db, [{ id: 'a1', feedId: 'breach', title: 'Ransomware attack on Riverbend Hospital', publishedAt: '2026-11-24T10:00:00.000Z', classification: { topic: 'ransomware', victims: ['Riverbend Hospital'] } }]);
    seedStory(db, [{ id: 'r1', feedId: 'wire', title: 'Aegisline raises $40 million Series B', publishedAt: '2026-11-24T15:00:00.000Z', classification: { topic: 'industry', section: 'press-release' } }]);
    db.close();
  });
  afterEach(() => tmp.cleanup());

  /** A story published during the day of the 25th, after the morning draft. */
  function addAfternoonStory(): void {
    const db = openDatabase(dbPath);
    seedStory(db, [{ id: 'b1', feedId: 'breach', title: 'Zero-day in EdgeGate VPN exploited', publishedAt: '2026-11-25T12:00:00.000Z', classification: { topic: 'vulnerability' } }]);
    db.close();
  }

  it('drafting the same date again replaces the unsent draft under the same number; --new makes a second one', async () => {
    const first = await draftAt(MORNING);
    expect(first.number).toBe(1);
    expect(titles(first)).toHaveLength(2);
    expect((await cliAt(MORNING, ['draft', 'fill', '1', 'intro', '--text', 'Hello', ...args()])).code).toBe(0);

    addAfternoonStory();
    // No draft before #1: the redraft's window is read again from the flags (here the same start).
    const again = await draftAt(EVENING, ['--since', '2026-11-24T06:00:00Z']);
    expect(again.number).toBe(1);
    expect(titles(again)).toEqual([...titles(first), 'Zero-day in EdgeGate VPN exploited'].sort());
    // A redraft is a new draft: the edits of the one it replaced are gone.
    expect(again.slots).toEqual({});
    const list = await cliAt(EVENING, ['drafts', '--json', ...args()]);
    expect((JSON.parse(list.stdout) as { number: number }[]).map((d) => d.number)).toEqual([1]);

    const summary = await cliAt(EVENING, ['draft', '--since', '2026-11-24T06:00:00Z', ...args()]);
    expect(summary.stdout).toMatch(/replaced the unsent draft #1/i);

    const second = await draftAt(EVENING, ['--new', '--since', '2026-11-24T06:00:00Z']);
    expect(second.number).toBe(2);
    const listed = await cliAt(EVENING, ['drafts', ...args()]);
    expect(listed.stdout).toMatch(/#2\s+2026-11-25/);
    expect(listed.stdout).toMatch(/#1\s+2026-11-25/);
  });

  it('only a sent issue uses up its stories; a sent issue is never replaced', async () => {
    await draftAt(MORNING);
    const sent = await cliAt(MORNING, ['draft', 'sent', '1', '--json', ...args()]);
    expect(JSON.parse(sent.stdout)).toEqual({ number: 1, sentAt: MORNING, unchanged: false });
    const twice = await cliAt(EVENING, ['draft', 'sent', '1', ...args()]);
    expect(twice.stdout).toContain(`was already marked sent (${MORNING})`);

    addAfternoonStory();
    // The sent #1 stays; the new draft of the same date is #2 and holds only what #1 did not.
    const next = await draftAt(EVENING, ['--since', '2026-11-24']);
    expect(next.number).toBe(2);
    expect(titles(next)).toEqual(['Zero-day in EdgeGate VPN exploited']);

    const undo = await cliAt(EVENING, ['draft', 'sent', '1', '--undo', ...args()]);
    expect(undo.stdout).toContain('Issue #1 is a draft again');
    const missing = await cliAt(EVENING, ['draft', 'sent', '9', ...args()]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no draft #9 (drafts: 1, 2)');
  });

  it('deletes a draft; a sent issue only with --force; unknown numbers exit 2 naming what exists', async () => {
    await draftAt(MORNING);
    await cliAt(MORNING, ['draft', 'sent', '1', ...args()]);
    const refused = await cliAt(MORNING, ['draft', 'delete', '1', ...args()]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('issue #1 was sent');
    const missing = await cliAt(MORNING, ['draft', 'delete', '4', ...args()]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no draft #4 (drafts: 1)');
    const forced = await cliAt(MORNING, ['draft', 'delete', '1', '--force', '--json', ...args()]);
    expect(JSON.parse(forced.stdout)).toEqual({ number: 1, deleted: true });
    expect((await cliAt(MORNING, ['drafts', ...args()])).stdout).toContain('No drafts yet');
  });

  it('fills an editor part from a file or text, clears it, and refuses unknown parts and double sources', async () => {
    await draftAt(MORNING);
    const file = path.join(tmp.dir, 'commentary.md');
    fs.writeFileSync(file, 'First paragraph.  \r\n\r\nSecond paragraph.\r\n\r\n');
    const filled = await cliAt(MORNING, ['draft', 'fill', '1', 'commentary', '--file', file, ...args()]);
    expect(filled.stdout).toContain('Filled commentary of draft #1 (35 characters)');
    const exported = await cliAt(MORNING, ['export', '1', '--format', 'json', ...args()]);
    expect(exported.code).toBe(0);
    const loaded = await cliAt(MORNING, ['draft', 'fill', '1', 'commentary', '--clear', '--json', ...args()]);
    expect(JSON.parse(loaded.stdout)).toEqual({ number: 1, slot: 'commentary', chars: 0 });

    const unknown = await cliAt(MORNING, ['draft', 'fill', '1', 'footer', '--text', 'x', ...args()]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown part "footer" (parts: teaser, sponsorLine');
    const both = await cliAt(MORNING, ['draft', 'fill', '1', 'intro', '--text', 'x', '--clear', ...args()]);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('exactly one of --file FILE, --text TEXT or --clear');
    const noFile = await cliAt(MORNING, ['draft', 'fill', '1', 'intro', '--file', path.join(tmp.dir, 'nope.md'), ...args()]);
    expect(noFile.code).toBe(2);
    expect(noFile.stderr).toContain('ENOENT');
  });
});

describe('the app\'s clock', () => {
  it('dates the review history\'s events (storage is opened with the injected clock)', async () => {
    const tmp = tempDir();
    try {
      const dbPath = path.join(tmp.dir, 'test.db');
      const config = writeConfig(tmp.dir, [{ id: 'breach', url: 'http://127.0.0.1:9/breach.xml' }]);
      const db = openDatabase(dbPath);
      seedFeeds(db, [{ id: 'breach', name: 'Breach Ledger', weight: 3 }]);
      seedStory(db, [{ id: 'a1', feedId: 'breach', title: 'Ransomware attack on Riverbend Hospital', publishedAt: '2026-11-24T10:00:00.000Z', classification: { topic: 'ransomware' } }]);
      db.close();
      const app = await openApp({ configPath: config, dbPath, now: () => new Date(MORNING) });
      try {
        const { draft } = await runDraft(app);
        const storyId = draft!.sections.flatMap((s) => s.entries)[0]!.storyId;
        await app.storage.review.setIncluded({ draftId: draft!.id, storyId }, false);
        expect((await app.storage.review.history(draft!.id, 5)).events.map((e) => e.at)).toEqual([MORNING]);
      } finally {
        await app.close();
      }
    } finally {
      tmp.cleanup();
    }
  });
});
