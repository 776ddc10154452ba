import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../src/storage/index.js';
import { cliAt, tempDir, writeConfig } from './support/cli.js';
import { seedFeeds, seedStory } from './support/stories.js';

const FEEDS = [
  { id: 'breach', name: 'Breach Ledger', weight: 3 },
  { id: 'patch', name: 'Patchline', weight: 3 },
  { id: 'vendor', name: 'Vendor Labs', kind: 'vendor' as const, weight: 2 },
  { id: 'wire', name: 'Wire (demo)', kind: 'press' as const, weight: 1 },
  { id: 'blog', name: 'A Blog', weight: 1 },
];

/** Stories of 2026-11-24 (the default window of a clock at 2026-11-25 06:00) and one older. */
function seedWeek(db: Db): Record<string, number> {
  seedFeeds(db, FEEDS);
  return {
    hospital: seedStory(db, [
      { id: 'h1', feedId: 'breach', title: 'Ransomware attack on Riverbend Hospital', publishedAt: '2026-11-24T10:00:00.000Z', classification: { topic: 'ransomware', victims: ['Riverbend Hospital'] } },
      { id: 'h2', feedId: 'patch', title: 'Riverbend Hospital diverts ambulances', publishedAt: '2026-11-24T11:00:00.000Z', classification: { topic: 'ransomware' } },
      { id: 'h3', feedId: 'blog', title: 'Hospital hit by ransomware', publishedAt: '2026-11-24T12:00:00.000Z', classification: { topic: 'ransomware' } },
    ]),
    zeroday: seedStory(db, [
      { id: 'z1', feedId: 'patch', title: 'EdgeGate VPN zero-day exploited (CVE-2026-41877)', publishedAt: '2026-11-24T08:00:00.000Z', classification: { topic: 'vulnerability', cves: ['CVE-2026-41877'] } },
    ]),
    malware: seedStory(db, [
      { id: 'm1', feedId: 'vendor', title: 'New loader spreads through fake updates', publishedAt: '2026-11-24T20:00:00.000Z', classification: { topic: 'malware' } },
    ]),
    phishing: seedStory(db, [
      { id: 'p1', feedId: 'blog', title: 'Phishing kit targets payroll portals', publishedAt: '2026-11-24T09:00:00.000Z', classification: { topic: 'phishing-fraud' } },
    ]),
    release: seedStory(db, [
      { id: 'r1', feedId: 'wire', title: 'Aegisline raises $40 million Series B', publishedAt: '2026-11-24T15:00:00.000Z', classification: { topic: 'industry', section: 'press-release' } },
    ]),
    offTopic: seedStory(db, [
      { id: 'o1', feedId: 'wire', title: 'Dairy cooperative opens new plant', publishedAt: '2026-11-24T16:00:00.000Z', classification: { topic: 'other', section: 'press-release', relevant: false } },
    ]),
    unclassified: seedStory(db, [
      { id: 'u1', feedId: 'blog', title: 'Not classified yet', publishedAt: '2026-11-24T18:00:00.000Z', classification: null },
    ]),
    old: seedStory(db, [
      { id: 'x1', feedId: 'patch', title: 'Last week: router botnet grows', publishedAt: '2026-11-20T10:00:00.000Z', classification: { topic: 'malware' } },
    ]),
  };
}

interface StoredDraftJson {
  number: number;
  date: string;
  window: { since: string; until: string };
  sections: { id: string; entries: { storyId: string; title: string; victims: string[]; alsoCoveredBy: { sourceId: string }[] }[] }[];
}

const NOW = '2026-11-25T06:00:00.000Z';

describe('secdigest draft', () => {
  let tmp: ReturnType<typeof tempDir>;
  let dbPath: string;
  let config: string;
  let ids: Record<string, number>;
  const args = () => ['--config', config, '--db', dbPath];
  const sectionIds = (draft: StoredDraftJson) => Object.fromEntries(draft.sections.map((s) => [s.id, s.entries.map((e) => Number(e.storyId))]));

  beforeEach(() => {
    tmp = tempDir();
    dbPath = path.join(tmp.dir, 'test.db');
    config = writeConfig(tmp.dir, FEEDS.map((f) => ({ id: f.id, url: `http://127.0.0.1:9/${f.id}.xml` })));
    const db = openDatabase(dbPath);
    ids = seedWeek(db);
    db.close();
  });
  afterEach(() => tmp.cleanup());

  it('drafts the last 24 hours when there is no earlier draft, placing each story in one section', async () => {
    const run = await cliAt(NOW, ['draft', ...args(), '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const draft = JSON.parse(run.stdout) as StoredDraftJson;
    expect(draft).toMatchObject({ number: 1, date: '2026-11-25', window: { since: '2026-11-24T06:00:00.000Z', until: NOW } });
    // The best story of Latest News and the Wall of Shame opens the issue as its lead.
    expect(sectionIds(draft)).toEqual({
      lead: [ids.hospital],
      'latest-news': [ids.zeroday, ids.malware, ids.phishing],
      'press-releases': [ids.release],
      'wall-of-shame': [],
    });
    const hospital = draft.sections[0]!.entries[0]!;
    expect(hospital).toMatchObject({ title: 'Ransomware attack on Riverbend Hospital', victims: ['Riverbend Hospital'] });
    expect(hospital.alsoCoveredBy.map((l) => l.sourceId)).toEqual(['patch', 'blog']);
  });

  it('prints a summary with entries per section and what was left out, unclassified stories counted', async () => {
    const run = await cliAt(NOW, ['draft', ...args()]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Draft #1 for 2026-11-25: stories first seen 2026-11-24 06:00 to 2026-11-25 06:00 UTC (the default window: no earlier draft)');
    expect(run.stdout).toMatch(/Lead story\s+1 entry/);
    expect(run.stdout).toMatch(/New from our favorite blogs and journalists\s+3 entries/);
    expect(run.stdout).toMatch(/Cybersecurity Industry Press Releases\s+1 entry/);
    expect(run.stdout).toMatch(/Today's Cyber Wall of Shame\s+0 entries/);
    expect(run.stdout).toContain('7 stories in the window: 5 drafted, 1 irrelevant, 1 not classified yet');
    expect(run.stdout).not.toContain('Not classified yet');
  });

  it('starts the next draft where the last ended and never repeats a sent issue\'s stories', async () => {
    expect((await cliAt(NOW, ['draft', ...args()])).code).toBe(0);
    expect((await cliAt(NOW, ['draft', 'sent', '1', ...args()])).code).toBe(0);
    const db = openDatabase(dbPath);
    const later = seedStory(db, [
      { id: 'n1', feedId: 'patch', title: 'Patch Tuesday out of band', publishedAt: '2026-11-25T12:00:00.000Z', classification: { topic: 'vulnerability' } },
    ]);
    db.close();

    const second = JSON.parse((await cliAt('2026-11-26T06:00:00.000Z', ['draft', ...args(), '--json'])).stdout) as StoredDraftJson;
    expect(second).toMatchObject({ number: 2, window: { since: NOW, until: '2026-11-26T06:00:00.000Z' } });
    expect(sectionIds(second)).toEqual({ lead: [later], 'latest-news': [], 'press-releases': [], 'wall-of-shame': [] });
    expect((await cliAt(NOW, ['draft', 'sent', '2', ...args()])).code).toBe(0);

    // A window reaching back over both sent issues brings only the one story never drafted.
    const third = await cliAt('2026-11-26T07:00:00.000Z', ['draft', ...args(), '--since', '2026-11-17', '--new']);
    expect(third.stdout).toContain('Draft #3');
    expect(third.stdout).toContain('9 stories in the window: 1 drafted, 6 already in a sent issue, 1 irrelevant, 1 not classified yet');
    const exported = JSON.parse((await cliAt(NOW, ['export', '3', '--format', 'json', ...args()])).stdout) as StoredDraftJson;
    expect(sectionIds(exported)).toEqual({ lead: [ids.old], 'latest-news': [], 'press-releases': [], 'wall-of-shame': [] });
  });

  it('drafts a story published before the last window closed but collected after it', async () => {
    expect((await cliAt(NOW, ['draft', ...args()])).code).toBe(0);
    const db = openDatabase(dbPath);
    // Published 05:55, five minutes before draft #1 closed its window, but first collected at 06:10.
    const late = seedStory(db, [
      { id: 'l1', feedId: 'patch', title: 'Late-collected advisory', publishedAt: '2026-11-25T05:55:00.000Z', fetchedAt: '2026-11-25T06:10:00.000Z', classification: { topic: 'vulnerability' } },
    ]);
    db.close();
    const second = JSON.parse((await cliAt('2026-11-26T06:00:00.000Z', ['draft', ...args(), '--json'])).stdout) as StoredDraftJson;
    expect(second.window.since).toBe(NOW);
    expect(sectionIds(second)).toEqual({ lead: [late], 'latest-news': [], 'press-releases': [], 'wall-of-shame': [] });
  });

  it('stores nothing when the window has nothing new to draft', async () => {
    expect((await cliAt(NOW, ['draft', ...args()])).code).toBe(0);
    // --new: the same date's unsent draft would otherwise be redrafted over the same window.
    const empty = await cliAt('2026-11-25T07:00:00.000Z', ['draft', '--new', ...args()]);
    expect(empty.code).toBe(0);
    expect(empty.stdout).toContain('Nothing to draft: no new stories first seen 2026-11-25 06:00 to 2026-11-25 07:00 UTC (since the last draft ended); no draft stored');
    expect((await cliAt('2026-11-25T07:00:00.000Z', ['draft', '--new', ...args(), '--json'])).stdout.trim()).toBe('null');
    const db = openDatabase(dbPath);
    expect(db.prepare('SELECT COUNT(*) FROM drafts').pluck().get()).toBe(1);
    db.close();
  });

  it('is reproducible: the same database, clock and options give the same draft', async () => {
    const copy = path.join(tmp.dir, 'copy.db');
    const db = openDatabase(copy);
    seedWeek(db);
    db.close();
    const a = await cliAt(NOW, ['draft', ...args(), '--json', '--window', '3d']);
    const b = await cliAt(NOW, ['draft', '--config', config, '--db', copy, '--json', '--window', '3d']);
    expect(a.code).toBe(0);
    expect(b.stdout).toBe(a.stdout);
    const exportA = await cliAt(NOW, ['export', '--format', 'md', ...args()]);
    const exportB = await cliAt(NOW, ['export', '--format', 'md', '--config', config, '--db', copy]);
    expect(exportB.stdout).toBe(exportA.stdout);
  });

  it('--date drafts the issue of that day, its window ending at the end of the day (UTC)', async () => {
    const run = JSON.parse((await cliAt('2026-12-01T16:00:00.000Z', ['draft', ...args(), '--json', '--date', '2026-11-24', '--window', '8d'])).stdout) as StoredDraftJson;
    expect(run).toMatchObject({ date: '2026-11-24', window: { since: '2026-11-17T00:00:00.000Z', until: '2026-11-25T00:00:00.000Z' } });
    expect(Object.values(sectionIds(run)).flat()).toContain(ids.old);
  });

  it('cuts each section at its configured limit and reports the overflow', async () => {
    const settings = [
      'settings:',
      '  draft:',
      '    newsletterName: The Breach Report',
      '    sections:',
      '      - id: latest-news',
      '        limit: 2',
      '        title: Top Stories',
      '      - id: wall-of-shame',
      '      - id: vendor-corner',
      '        title: From the vendors',
      '        section: press-release',
      '        topics: [industry]',
      '',
    ].join('\n');
    config = writeConfig(tmp.dir, FEEDS.map((f) => ({ id: f.id, url: `http://127.0.0.1:9/${f.id}.xml` })), settings);
    const run = await cliAt(NOW, ['draft', ...args()]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Top Stories\s+2 entries\s+1 more over the limit/);
    expect(run.stdout).toMatch(/From the vendors\s+1 entry/);
    const draft = JSON.parse((await cliAt(NOW, ['export', '--format', 'json', ...args()])).stdout) as StoredDraftJson & { newsletter: string };
    expect(draft.newsletter).toBe('The Breach Report');
    // The lead is taken before the limits: Top Stories still keeps two.
    expect(sectionIds(draft)).toEqual({ lead: [ids.hospital], 'latest-news': [ids.zeroday, ids.malware], 'wall-of-shame': [], 'vendor-corner': [ids.release] });
  });

  it('refuses bad settings.draft values with their location (exit 2)', async () => {
    const settings = 'settings:\n  draft:\n    sections:\n      - id: wall-of-shame\n        topics: [ransomwear]\n      - id: new-one\n';
    config = writeConfig(tmp.dir, [{ id: 'breach', url: 'http://127.0.0.1:9/b.xml' }], settings);
    const run = await cliAt(NOW, ['draft', ...args()]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('settings.draft.sections[1].title: missing required key "title"');
    expect(run.stderr).toContain('settings.draft.sections[1].section: missing required key "section"');
  });

  it('reports an unknown topic in a section', async () => {
    const settings = 'settings:\n  draft:\n    sections:\n      - id: wall-of-shame\n        topics: [ransomwear]\n';
    config = writeConfig(tmp.dir, [{ id: 'breach', url: 'http://127.0.0.1:9/b.xml' }], settings);
    const run = await cliAt(NOW, ['draft', ...args()]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/settings\.draft\.sections\[0\]\.topics\[0\]: unknown topic "ransomwear"/);
  });

  it.each([
    [['--since', '2026-11-20', '--window', '24h'], /cannot be used with|cannot be used together/],
    [['--window', 'a week'], /--window must be a duration/],
    [['--since', '2026-11-20T10:00'], /with a zone/],
    [['--date', '2026-02-30'], /--date must be a date/],
  ])('exits 2 on bad window flags %j', async (flags, message) => {
    const run = await cliAt(NOW, ['draft', ...args(), ...flags]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });

  it('exits 2 when the default window would start after its end', async () => {
    expect((await cliAt(NOW, ['draft', ...args()])).code).toBe(0);
    const run = await cliAt('2026-11-24T00:00:00.000Z', ['draft', ...args()]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('where the last draft ended');
  });
});

describe('secdigest export', () => {
  let tmp: ReturnType<typeof tempDir>;
  let dbPath: string;
  let config: string;
  const args = () => ['--config', config, '--db', dbPath];

  beforeEach(async () => {
    tmp = tempDir();
    dbPath = path.join(tmp.dir, 'test.db');
    config = writeConfig(tmp.dir, FEEDS.map((f) => ({ id: f.id, url: `http://127.0.0.1:9/${f.id}.xml` })));
    const db = openDatabase(dbPath);
    seedWeek(db);
    db.close();
    expect((await cliAt(NOW, ['draft', ...args()])).code).toBe(0);
  });
  afterEach(() => tmp.cleanup());

  const CHECKS: Record<string, (text: string) => void> = {
    md: (text) => {
      expect(text).toMatch(/^# secdigest — 2026-11-25\n/);
      // The hospital is the lead story: its headline opens the issue, its outlets in the source brief.
      expect(text).toContain('## Ransomware attack on Riverbend Hospital');
      expect(text).toContain('## [Ransomware attack on Riverbend Hospital](https://breach.example/h1)');
      expect(text).toContain('### New from our favorite blogs and journalists');
      expect(text).toContain('[Patchline](https://patch.example/h2)');
      expect(text).toContain('[A Blog](https://blog.example/h3)');
    },
    html: (text) => {
      expect(text).toContain('<a href="https://breach.example/h1"');
      expect(text).not.toContain('<style');
    },
    json: (text) => {
      const doc = JSON.parse(text) as { format: string; number: number; sections: unknown[] };
      expect(doc).toMatchObject({ format: 'secdigest-draft/1', number: 1 });
      expect(doc.sections).toHaveLength(4);
    },
    txt: (text) => {
      expect(text).toContain('Ransomware attack on Riverbend Hospital');
      expect(text).not.toContain('<a ');
    },
  };

  it.each(Object.keys(CHECKS))('writes the latest draft as %s to stdout, and the same bytes atomically with --out', async (format) => {
    const stdout = await cliAt(NOW, ['export', '--format', format, ...args()]);
    expect(stdout.code).toBe(0);
    CHECKS[format]!(stdout.stdout);

    const file = path.join(tmp.dir, 'out', `issue.${format}`);
    const written = await cliAt(NOW, ['export', '1', '--format', format, '--out', file, ...args()]);
    expect(written.code).toBe(0);
    expect(written.stdout).toMatch(new RegExp(`wrote draft #1 \\(2026-11-25\\) as ${format}, \\d+ bytes, to .*issue\\.${format}`));
    expect(fs.readFileSync(file, 'utf8')).toBe(stdout.stdout);
    expect(fs.readdirSync(path.dirname(file))).toEqual([`issue.${format}`]);
  });

  it('replaces an existing file whole', async () => {
    const file = path.join(tmp.dir, 'issue.md');
    fs.writeFileSync(file, 'old issue, much longer than the new one would ever be '.repeat(1000));
    const run = await cliAt(NOW, ['export', '--out', file, '--json', ...args()]);
    expect(JSON.parse(run.stdout)).toMatchObject({ number: 1, format: 'md', file });
    expect(fs.readFileSync(file, 'utf8')).toMatch(/^# secdigest — 2026-11-25\n[^]*\n$/);
    expect(fs.readdirSync(tmp.dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('exports an earlier draft by number', async () => {
    const db = openDatabase(dbPath);
    seedStory(db, [{ id: 'n2', feedId: 'patch', title: 'Next day story', publishedAt: '2026-11-25T12:00:00.000Z', classification: { topic: 'vulnerability' } }]);
    db.close();
    expect((await cliAt('2026-11-26T06:00:00.000Z', ['draft', ...args()])).code).toBe(0);
    const first = JSON.parse((await cliAt(NOW, ['export', '1', '--format', 'json', ...args()])).stdout) as { number: number };
    const latest = JSON.parse((await cliAt(NOW, ['export', '--format', 'json', ...args()])).stdout) as { number: number };
    expect([first.number, latest.number]).toEqual([1, 2]);
  });

  it('exits 2 with a clear message for a missing draft, a bad number or format', async () => {
    const missing = await cliAt(NOW, ['export', '7', ...args()]);
    expect(missing).toMatchObject({ code: 2, stdout: '' });
    expect(missing.stderr).toContain('no draft #7 (drafts: 1)');
    expect((await cliAt(NOW, ['export', 'latest', ...args()])).stderr).toContain('DRAFT must be a draft number');
    expect((await cliAt(NOW, ['export', '--format', 'pdf', ...args()])).code).toBe(2);
    const out = path.join(tmp.dir, 'never.md');
    expect((await cliAt(NOW, ['export', '9', '--out', out, ...args()])).code).toBe(2);
    expect(fs.existsSync(out)).toBe(false);
  });

  it('says to draft first when there is no draft at all, and to collect first when there is no database', async () => {
    const empty = path.join(tmp.dir, 'empty.db');
    openDatabase(empty).close();
    const run = await cliAt(NOW, ['export', '--config', config, '--db', empty]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('there is no draft yet: run `secdigest draft` first');

    // A mistyped --db: no empty database is created, for any command that only reads what collect stored.
    const typo = path.join(tmp.dir, 'typo', 'secdigest.db');
    for (const command of [['export'], ['draft'], ['train'], ['prune', '--dry-run'], ['backup', path.join(tmp.dir, 'backup.db')], ['review', '--port', '0']]) {
      const missing = await cliAt(NOW, [...command, '--config', config, '--db', typo]);
      expect(missing.code).toBe(4);
      expect(missing.stderr).toBe(`secdigest: no database at ${typo}: run \`secdigest collect\` first, or check --db / SECDIGEST_DB\n`);
    }
    expect(fs.existsSync(path.dirname(typo))).toBe(false);
  });
});
