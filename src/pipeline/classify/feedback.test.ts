import { describe, expect, it } from 'vitest';
import type { Classification, TrainingExample } from '../../model/index.js';
import { applyCorrections } from './corrections.js';
import { CORRECTION_WEIGHT, correctionExamples, withCorrections, type CorrectedText } from './feedback.js';

const MODEL_TOPICS = new Set(['vulnerability', 'ransomware', 'incident', 'industry', 'other']);

function corrected(overrides: Partial<CorrectedText>): CorrectedText {
  return {
    title: 'Hospital network hit by cyberattack',
    summary: 'Systems were taken offline.',
    corrected: {},
    current: { topic: 'incident', section: 'news', relevant: true },
    source: 'correction:1',
    ...overrides,
  };
}

describe('correctionExamples', () => {
  it('takes corrected fields from the editor and the rest from the item', () => {
    const [example] = correctionExamples([corrected({ corrected: { topic: 'ransomware' } })], MODEL_TOPICS);
    expect(example).toEqual({ title: 'Hospital network hit by cyberattack', summary: 'Systems were taken offline.', topics: ['ransomware'], section: 'news', relevant: true, source: 'correction:1' });
  });

  it('makes an item corrected to not relevant an `other` example, as in the shipped set', () => {
    const [example] = correctionExamples([corrected({ corrected: { relevant: false } })], MODEL_TOPICS);
    expect(example).toMatchObject({ topics: ['other'], relevant: false });
  });

  it('does not teach the topic head a topic it has no label for (an editor-added one)', () => {
    const [example] = correctionExamples([corrected({ corrected: { topic: 'ai-security', section: 'press-release' } })], MODEL_TOPICS);
    expect(example).toMatchObject({ topics: [], section: 'press-release' });
  });
});

describe('withCorrections', () => {
  const shipped: TrainingExample[] = [
    { title: 'Hospital  network hit by CYBERATTACK', summary: 'ours', topics: ['incident'], section: 'news', relevant: true },
    { title: 'Unrelated', summary: '', topics: ['other'], section: 'news', relevant: false },
  ];
  const [example] = correctionExamples([corrected({ corrected: { topic: 'ransomware' } })], MODEL_TOPICS);

  it('replaces a shipped example with the same headline and repeats the correction', () => {
    const { examples, overridden } = withCorrections(shipped, [example!]);
    expect(overridden).toBe(1);
    expect(examples.filter((e) => e.summary === 'ours')).toEqual([]);
    expect(examples.filter((e) => e === example)).toHaveLength(CORRECTION_WEIGHT);
    expect(examples).toHaveLength(1 + CORRECTION_WEIGHT);
  });

  it('leaves the shipped set alone without corrections', () => {
    expect(withCorrections(shipped, [])).toEqual({ examples: shipped, overridden: 0 });
  });
});

describe('applyCorrections', () => {
  const classification: Classification = {
    topic: 'incident',
    topics: [{ id: 'incident', score: 0.6 }],
    relevant: true,
    relevanceScore: 0.8,
    section: 'news',
    cves: [],
    victims: [],
    evidence: { topic: ['keyword: cyberattack'], relevance: [], section: ['feed kind: news'] },
  };

  it('keeps the editor value of each corrected field and says so first in its evidence', () => {
    const result = applyCorrections(classification, { topic: 'ransomware', section: 'press-release' });
    expect(result).toMatchObject({ topic: 'ransomware', section: 'press-release', relevant: true });
    expect(result.evidence.topic).toEqual(['editor: corrected to ransomware', 'keyword: cyberattack']);
    expect(result.evidence.section[0]).toBe('editor: corrected to press-release');
    expect(classification.evidence.topic).toEqual(['keyword: cyberattack']); // not mutated
  });

  it('returns the classification unchanged without corrections', () => {
    expect(applyCorrections(classification, undefined)).toBe(classification);
    expect(applyCorrections(classification, {})).toBe(classification);
  });

  it('corrects relevance alone, leaving the topic', () => {
    expect(applyCorrections(classification, { relevant: false })).toMatchObject({ relevant: false, topic: 'incident' });
  });
});
