import { describe, expect, it } from 'vitest';
import { decideRelevance, type RelevanceSignals } from './relevance.js';
import { DEFAULT_TUNING } from './tuning.js';

const signals = (over: Partial<RelevanceSignals>): RelevanceSignals => ({
  model: 0.9,
  modelTerms: [],
  addedTerms: 0,
  addedExamples: [],
  cves: [],
  gangs: [],
  feedKind: 'news',
  english: true,
  title: 'A headline',
  ...over,
});
const tuning = DEFAULT_TUNING.relevance;

describe('decideRelevance', () => {
  it('takes log-odds off a forum post that asks its readers for help', () => {
    const plain = decideRelevance(signals({ model: 0.9 }), tuning);
    const asking = decideRelevance(signals({ model: 0.9, asksReaders: true }), tuning);
    expect(plain.relevant).toBe(true);
    expect(asking.relevant).toBe(false);
    expect(asking.evidence).toContain(`forum question: asks readers for help (-${tuning.askPenalty} log-odds)`);
    // A post the model is very sure of (a disclosure with a greeting) still passes.
    expect(decideRelevance(signals({ model: 0.995, asksReaders: true }), tuning).relevant).toBe(true);
  });

  it('files a security-only wire\'s release as relevant, whatever its words', () => {
    const decision = decideRelevance(signals({ model: 0.2, securityWire: 'wire credit CyberNewswire' }), tuning);
    expect(decision).toMatchObject({ relevant: true, score: 0.9 });
    expect(decision.evidence).toContain('rule: wire credit CyberNewswire (a wire for security companies only)');
  });
});
