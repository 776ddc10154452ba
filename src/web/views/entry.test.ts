import { describe, expect, it } from 'vitest';
import type { DraftEntry } from '../../model/index.js';
import { makeEntry } from '../../newsletter/fixtures/make-candidate.js';
import { entryView } from './entry.js';

const ENTRY: DraftEntry = makeEntry('42', {
  title: 'Velkan gang claims the Brenholt attack', url: 'https://news.example/claim', source: 'News', sourceId: 'news',
  topic: 'ransomware', publishedAt: '2027-04-10T08:00:00.000Z', coverage: 2,
});
const CTX = { draftNumber: 7, sectionId: 'latest-news', sections: [{ id: 'latest-news', title: 'Latest News' }], topics: [{ id: 'ransomware', label: 'Ransomware' }], csrfToken: 't' };

describe('entryView: the story\'s thread (issue 15)', () => {
  it('shows what earlier issues carried of the incident, linked to those issues, titles escaped', () => {
    const page = String(entryView({ ...ENTRY, previously: [
      { storyId: '40', title: 'Cyberattack halts <b>Brenholt</b> plants', draftNumber: 3 },
      { storyId: '41', title: 'Brenholt extends shutdown', draftNumber: 5 },
    ] }, 0, undefined, CTX));
    expect(page).toContain('<p class="previously">Previously: <a href="/drafts/3">issue #3</a>: Cyberattack halts &lt;b&gt;Brenholt&lt;/b&gt; plants; <a href="/drafts/5">issue #5</a>: Brenholt extends shutdown</p>');
  });

  it('shows nothing of the kind for a story without earlier developments', () => {
    expect(String(entryView(ENTRY, 0, undefined, CTX))).not.toContain('Previously');
  });
});

describe('entryView: how the story was formed (issue 15)', () => {
  it('lists each join with its rule, similarity, names agreed and hours, escaped, in the entry\'s "why"', () => {
    const joins = [
      { itemId: 'b', source: 'Outlet <B>', title: 'x', evidence: JSON.stringify({ rule: 'event', storySimilarity: 0.624, sharedNames: ['brenholt'], gapHours: 5.2 }) },
      { itemId: 'c', source: 'Outlet C', title: 'y', evidence: 'not json' },
    ];
    const page = String(entryView(ENTRY, 0, undefined, CTX, joins));
    expect(page).toContain('<dt>Story (how its reports joined it)</dt>');
    expect(page).toContain('<li>Outlet &lt;B&gt;: event, 0.62 to the story, names brenholt, 5 h after the first report</li>');
    expect(page).toContain('<li>Outlet C: (unreadable evidence)</li>');
  });
});
