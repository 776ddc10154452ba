import { describe, expect, it } from 'vitest';
import type { TopicId } from '../../model/index.js';
import { decideTopics, type TopicSignals } from './topics.js';
import { DEFAULT_TUNING } from './tuning.js';

const topics = [
  { id: 'vulnerability', priority: 5 },
  { id: 'industry', priority: 2 },
  { id: 'other', priority: 0 },
];
const signals = (model: Record<string, number>, over: Partial<TopicSignals> = {}): TopicSignals => ({
  topics,
  fallback: 'other',
  model: new Map(Object.entries(model)) as Map<TopicId, number>,
  modelTerms: [],
  keywords: new Map(),
  cves: [],
  gangs: [],
  english: true,
  ...over,
});

describe('decideTopics', () => {
  it('files a press release that no other topic claims under industry', () => {
    const decision = decideTopics(signals({ vulnerability: 0.1, industry: 0.3, other: 0.6 }, { pressRelease: true }), DEFAULT_TUNING.topic);
    expect(decision.primary).toBe('industry');
    expect(decision.evidence).toEqual(['press release about no other topic: industry']);
  });

  it('leaves a release with a topic of its own, and a news item, as they are', () => {
    expect(decideTopics(signals({ vulnerability: 0.7, industry: 0.1, other: 0.2 }, { pressRelease: true }), DEFAULT_TUNING.topic).primary).toBe('vulnerability');
    expect(decideTopics(signals({ vulnerability: 0.1, industry: 0.3, other: 0.6 }), DEFAULT_TUNING.topic).primary).toBe('other');
  });
});
