import { describe, expect, it } from 'vitest';
import { ISSUE, makeCandidate } from '../../newsletter/fixtures/make-candidate.js';
import { buildDraft } from '../../newsletter/index.js';
import { addEntry, moveEntry, moveEntryToSection, setEntryIncluded } from './draft-edits.js';
import { loadDraft, openDatabase, saveDraft } from '../index.js';

function setup() {
  const db = openDatabase(':memory:');
  const { draft } = buildDraft(['a', 'b', 'c'].map((id, i) => makeCandidate({ storyId: id, coverage: 3 - i })).concat(makeCandidate({ storyId: 'p', section: 'press-release' })), ISSUE);
  const draftId = saveDraft(db, draft);
  const order = () => loadDraft(db)!.sections.map((s) => [s.id, s.entries.map((e) => e.storyId)]);
  return { db, draftId, order };
}

describe('draft edits', () => {
  it('moves within a section past excluded entries, and between sections, keeping positions dense', () => {
    const { db, draftId, order } = setup();
    expect(order()).toEqual([['latest-news', ['a', 'b', 'c']], ['press-releases', ['p']], ['wall-of-shame', []]]);
    setEntryIncluded(db, { draftId, storyId: 'b' }, false);
    expect(moveEntry(db, { draftId, storyId: 'c' }, -1)).toBe(true);
    expect(moveEntry(db, { draftId, storyId: 'a' }, -1)).toBe(true);
    expect(moveEntry(db, { draftId, storyId: 'zz' }, 1)).toBe(false);
    expect(order()[0]).toEqual(['latest-news', ['a', 'c', 'b']]);
    expect(moveEntryToSection(db, { draftId, storyId: 'a' }, 'press-releases')).toBe('latest-news');
    expect(order()).toEqual([['latest-news', ['c', 'b']], ['press-releases', ['p', 'a']], ['wall-of-shame', []]]);
    const positions = db.prepare('SELECT section_id, group_concat(position) FROM (SELECT * FROM draft_entries ORDER BY position) GROUP BY section_id').raw().all();
    expect(positions).toEqual([['latest-news', '0,1'], ['press-releases', '0,1']]);
  });

  it('appends an added entry once', () => {
    const { db, draftId, order } = setup();
    const entry = { ...loadDraft(db)!.sections[0]!.entries[0]!, storyId: 'manual-1' };
    expect(addEntry(db, draftId, 'wall-of-shame', entry)).toBe(true);
    expect(addEntry(db, draftId, 'wall-of-shame', entry)).toBe(false);
    expect(order()[2]).toEqual(['wall-of-shame', ['manual-1']]);
  });
});
