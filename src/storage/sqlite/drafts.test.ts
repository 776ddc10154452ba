import { describe, expect, it } from 'vitest';
import type { Draft } from '../../model/index.js';
import { buildDraft } from '../../newsletter/index.js';
import { ISSUE, makeCandidate } from '../../newsletter/fixtures/make-candidate.js';
import { listDrafts, loadDraft, openDatabase, saveDraft, usedStoryIds } from '../index.js';
import { draftSequence, setDraftSent } from './drafts.js';

function sampleDraft(number: number): Draft {
  const { draft } = buildDraft(
    [
      makeCandidate({ storyId: 's1', coverage: 3, alsoCoveredBy: [{ source: 'B', sourceId: 'b', title: 'B says', url: 'https://b.example/1' }] }),
      makeCandidate({ storyId: 's2', section: 'press-release', topic: 'industry' }),
      makeCandidate({ storyId: 's3', topic: 'ransomware', victims: ['Riverbend Hospital'] }),
    ],
    { ...ISSUE, number },
  );
  return draft;
}

describe('drafts repository', () => {
  it('round-trips a draft exactly, sections and entry order included', () => {
    const db = openDatabase(':memory:');
    const draft = sampleDraft(1);
    saveDraft(db, draft);
    const { id, ...loaded } = loadDraft(db)!;
    expect(id).toBeGreaterThan(0);
    expect(loaded).toEqual(draft);
    db.close();
  });

  it('numbers drafts, remembers where the last window ended, and only a sent issue uses up its stories', () => {
    const db = openDatabase(':memory:');
    expect(draftSequence(db)).toEqual({ lastUntil: undefined, nextNumber: 1 });
    const id = saveDraft(db, sampleDraft(1));
    expect(draftSequence(db)).toEqual({ lastUntil: ISSUE.window.until, nextNumber: 2 });
    // Replacing draft 1 takes its number and starts where the draft before it ended (none).
    expect(draftSequence(db, 1)).toEqual({ lastUntil: undefined, nextNumber: 1 });
    expect(usedStoryIds(db)).toEqual(new Set());
    setDraftSent(db, id, '2026-11-25T07:00:00.000Z');
    expect(usedStoryIds(db)).toEqual(new Set(['s1', 's2', 's3']));
    expect(listDrafts(db)).toMatchObject([{ number: 1, entries: 3 }]);
    expect(loadDraft(db, 7)).toBeUndefined();
    expect(() => saveDraft(db, sampleDraft(1))).toThrow(/UNIQUE/);
    db.close();
  });
});
