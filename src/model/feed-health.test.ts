import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, type App } from '../app.js';
import { renderFeedTable } from '../cli/render.js';
import { runDoctor } from '../commands/doctor.js';
import { listFeeds } from '../commands/feeds.js';
import { feedActivity, type FeedActivity } from '../storage/index.js';
import { feedsPage } from '../web/views/overview.js';
import { feedAttention, feedHealth, type FeedAttention, type FeedHealthState, type StoredFeedHealth } from './feed-health.js';

const WELL: StoredFeedHealth = { consecutiveErrors: 0, disabledReason: null, unhealthySince: null, movedTo: null };
const GONE = 'HTTP 410 Gone on 2026-11-20';

/** Every state, each precedence, and the cases the surfaces used to disagree on. */
const CASES: { id: string; enabled: boolean; stored: StoredFeedHealth; lastStatus: string | null; health: FeedHealthState; attention: FeedAttention | null }[] = [
  { id: 'well', enabled: true, stored: WELL, lastStatus: 'ok', health: 'ok', attention: null },
  { id: 'never-fetched', enabled: true, stored: WELL, lastStatus: null, health: 'ok', attention: null },
  // Rate limited is not an error (no streak): the review page used to count it.
  { id: 'rate-limited', enabled: true, stored: WELL, lastStatus: 'rate-limited', health: 'ok', attention: null },
  { id: 'failing', enabled: true, stored: { ...WELL, consecutiveErrors: 3 }, lastStatus: 'failed', health: 'failing', attention: 'failing' },
  { id: 'unhealthy', enabled: true, stored: { ...WELL, consecutiveErrors: 10, unhealthySince: '2026-11-20T00:00:00Z' }, lastStatus: 'failed', health: 'unhealthy', attention: 'unhealthy' },
  { id: 'gone', enabled: true, stored: { ...WELL, consecutiveErrors: 1, disabledReason: GONE }, lastStatus: 'gone', health: 'disabled', attention: 'disabled' },
  { id: 'gone-unhealthy', enabled: true, stored: { ...WELL, consecutiveErrors: 12, disabledReason: GONE, unhealthySince: '2026-11-20T00:00:00Z' }, lastStatus: 'gone', health: 'disabled', attention: 'disabled' },
  // Moved is not a health of its own, but needs the editor: `feeds` used not to count it.
  { id: 'moved', enabled: true, stored: { ...WELL, movedTo: 'https://new.example/feed' }, lastStatus: 'ok', health: 'ok', attention: 'moved' },
  { id: 'moved-failing', enabled: true, stored: { ...WELL, consecutiveErrors: 2, movedTo: 'https://new.example/feed' }, lastStatus: 'failed', health: 'failing', attention: 'failing' },
  { id: 'off', enabled: false, stored: WELL, lastStatus: null, health: 'disabled', attention: null },
  // Off in feeds.yaml with an old streak: `feeds` used to count it, doctor never did.
  { id: 'off-failing', enabled: false, stored: { ...WELL, consecutiveErrors: 4, disabledReason: GONE }, lastStatus: 'gone', health: 'disabled', attention: null },
];

describe('feedHealth and feedAttention: the one rule', () => {
  it.each(CASES)('$id: $health, attention $attention', (c) => {
    expect(feedHealth(c.stored, c.enabled)).toBe(c.health);
    expect(feedAttention(c.stored, c.enabled)).toBe(c.attention);
  });
});

/** Each surface on the same stored feeds: a surface with its own copy of the rule fails here. */
describe('every surface follows the rule', () => {
  const NOW = new Date('2026-11-25T12:00:00Z');
  let dir: string;
  let configPath: string;
  let dbPath: string;
  let app: App;
  const needing = (enabled: (c: (typeof CASES)[number]) => boolean) => CASES.filter((c) => feedAttention(c.stored, enabled(c))).length;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'secdigest-health-'));
    configPath = path.join(dir, 'feeds.yaml');
    dbPath = path.join(dir, 'db.sqlite');
    fs.writeFileSync(
      configPath,
      `feeds:\n${CASES.map((c) => `  - { id: ${c.id}, name: ${c.id}, url: "https://${c.id}.example/feed", kind: news, enabled: ${c.enabled} }\n`).join('')}`,
    );
    app = await openApp({ configPath, dbPath, now: () => NOW });
    await listFeeds(app); // creates the rows
    const update = app.db!.prepare(
      `UPDATE feeds SET last_status = @lastStatus, last_fetch_at = @at, consecutive_errors = @consecutiveErrors, disabled_reason = @disabledReason,
         unhealthy_since = @unhealthySince, moved_to = @movedTo, error_since = CASE WHEN @consecutiveErrors > 0 THEN @at END,
         last_error_code = CASE WHEN @consecutiveErrors > 0 THEN 'timeout' END, last_error = CASE WHEN @consecutiveErrors > 0 THEN 'timed out' END
       WHERE id = @id`,
    );
    for (const c of CASES) update.run({ id: c.id, lastStatus: c.lastStatus, at: c.lastStatus ? '2026-11-25T11:00:00Z' : null, ...c.stored });
  });
  afterAll(async () => {
    await app.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('secdigest feeds: health and the "need attention" count', async () => {
    const rows = await listFeeds(app);
    expect(rows.map((r) => [r.id, r.health])).toEqual(CASES.map((c) => [c.id, c.health]));
    expect(renderFeedTable(rows, NOW)).toContain(`${CASES.length} feeds, ${needing((c) => c.enabled)} need attention (1 unhealthy:`);
    // Feed by feed too, so two differences cannot cancel out in the total.
    rows.forEach((row, i) => expect(renderFeedTable([row], NOW)).toContain(`1 feeds, ${CASES[i]!.attention ? 1 : 0} need attention`));
    // A move reads the same in the table's note as in doctor and collect's summary.
    expect(renderFeedTable(rows.filter((r) => r.id === 'moved'), NOW)).toContain('moved permanently to https://new.example/feed: update feeds.yaml');
  });

  it('secdigest doctor: the enabled feeds that need attention, in the same states', async () => {
    const report = await runDoctor({ configPath, dbPath }, NOW);
    const expected = CASES.filter((c) => c.enabled && c.attention).map((c) => ({ id: c.id, state: c.attention }));
    expect(report.feeds.map(({ id, state }) => ({ id, state }))).toEqual(expected);
    expect(report.feeds.find((f) => f.id === 'moved')?.problem).toBe('moved permanently to https://new.example/feed: update feeds.yaml');
  });

  it('the review page: a feed off in feeds.yaml shows as disabled and needs no attention, as in `feeds`', () => {
    const enabled = new Set(CASES.filter((c) => c.enabled).map((c) => c.id));
    const page = (feeds: FeedActivity[]) => feedsPage(feeds, { now: NOW, days: 14, csrfToken: 't', isEnabled: (id) => enabled.has(id) });
    const feeds = feedActivity(app.db!, { until: NOW, days: 14 });
    expect(page(feeds)).toContain(`${CASES.length} feeds, ${needing((c) => c.enabled)} need attention`);
    for (const feed of feeds) {
      const c = CASES.find((k) => k.id === feed.id)!;
      const attention = c.attention ? 1 : 0;
      expect(page([feed])).toContain(`1 feeds, ${attention} need attention`);
      expect(page([feed]).match(/<tr class="attention">/g) ?? []).toHaveLength(attention);
      if (c.health === 'disabled') expect(page([feed])).toContain('<span class="status status-disabled">disabled</span>');
    }
    // Without feeds.yaml (a test server), every stored feed counts as enabled.
    expect(feedsPage(feeds, { now: NOW, days: 14, csrfToken: 't' })).toContain(`${CASES.length} feeds, ${needing(() => true)} need attention`);
  });
});
