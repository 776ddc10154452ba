import { describe, expect, it } from 'vitest';
import { ConfigError, type ConfigProblem } from '../model/index.js';
import { DEFAULT_TAXONOMY, taxonomyFromSettings, tuningFromSettings } from '../pipeline/classify/index.js';
import { DEFAULT_SETTINGS, parseConfig } from './index.js';

const FEEDS = `feeds:
  - id: krebs
    name: Krebs on Security
    url: https://krebsonsecurity.com/feed/
    kind: news
`;

function problemsOf(text: string): ConfigProblem[] {
  try {
    parseConfig(text, 'feeds.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('settings.classify', () => {
  it('defaults to the shipped taxonomy, unchanged', () => {
    expect(DEFAULT_SETTINGS.classify).toEqual({ topics: [], keywords: {}, securityTerms: [], relevanceThreshold: 0.6 });
    expect(taxonomyFromSettings(DEFAULT_SETTINGS.classify)).toEqual(DEFAULT_TAXONOMY);
    expect(tuningFromSettings(DEFAULT_SETTINGS.classify).relevance.threshold).toBe(0.6);
  });

  it('adds topics and keywords an editor configures', () => {
    const text = `settings:
  classify:
    topics:
      - id: ai-security
        label: AI security
        priority: 50
        keywords: [prompt injection, "llm*"]
    keywords:
      ransomware: [double extortion]
      ai-security: [model poisoning]
    securityTerms: [model poisoning]
    relevanceThreshold: 0.55
${FEEDS}`;
    const { settings } = parseConfig(text, 'feeds.yaml');
    expect(settings.classify.relevanceThreshold).toBe(0.55);
    expect(settings.fetch).toEqual(DEFAULT_SETTINGS.fetch);
    const taxonomy = taxonomyFromSettings(settings.classify);
    expect(taxonomy.topics.at(-1)).toEqual({ id: 'ai-security', label: 'AI security', priority: 50, keywords: ['prompt injection', 'llm*', 'model poisoning'] });
    expect(taxonomy.topics.find((t) => t.id === 'ransomware')!.keywords).toContain('double extortion');
    expect(taxonomy.securityTerms).toContain('model poisoning');
    expect(tuningFromSettings(settings.classify).relevance.threshold).toBe(0.55);
  });

  it('reports every schema problem with its line', () => {
    const text = `settings:
  classify:
    topics:
      - id: ransomware
        label: Ransomware again
        priority: 50
        keywords: [locker]
      - id: Bad Id
        label: x
        priority: 500
        keywords: []
    keywords:
      ransomwre: [double extortion]
    relevanceThreshold: 2
    treshold: 1
${FEEDS}`;
    const problems = problemsOf(text);
    // Rules across values (a default topic redefined) run once the values themselves are valid.
    expect(problems.map((p) => [p.line, p.path])).toEqual([
      [8, 'settings.classify.topics[1].id'],
      [10, 'settings.classify.topics[1].priority'],
      [11, 'settings.classify.topics[1].keywords'],
      [14, 'settings.classify.relevanceThreshold'],
      [15, 'settings.classify.treshold'],
    ]);
    expect(problems[4]!.message).toMatch(/unknown key "treshold"/);
  });

  it('refuses to redefine a default topic, pointing to keywords instead', () => {
    const text = `settings:\n  classify:\n    topics:\n      - id: ransomware\n        label: Ransomware again\n        priority: 50\n        keywords: [locker]\n${FEEDS}`;
    expect(problemsOf(text)).toMatchObject([
      { line: 4, path: 'settings.classify.topics[0].id', message: expect.stringMatching(/"ransomware" is a default topic: add keywords to it under settings\.classify\.keywords\.ransomware/) },
    ]);
  });

  it('names a misspelt topic under keywords once the rest is valid', () => {
    const problems = problemsOf(`settings:\n  classify:\n    keywords:\n      ransomwre: [double extortion]\n${FEEDS}`);
    expect(problems).toMatchObject([{ line: 4, path: 'settings.classify.keywords.ransomwre', message: expect.stringMatching(/unknown topic "ransomwre" \(topics: vulnerability, ransomware/) }]);
  });

  it('refuses a duplicate added topic and an empty keyword', () => {
    const topic = (id: string) => `      - id: ${id}\n        label: L\n        priority: 5\n        keywords: [a]\n`;
    expect(problemsOf(`settings:\n  classify:\n    topics:\n${topic('ai')}${topic('ai')}${FEEDS}`)).toMatchObject([
      { line: 8, path: 'settings.classify.topics[1].id', message: expect.stringMatching(/duplicate topic id "ai"/) },
    ]);
    expect(problemsOf(`settings:\n  classify:\n    securityTerms: ["*"]\n${FEEDS}`)).toMatchObject([{ line: 3, path: 'settings.classify.securityTerms[0]' }]);
  });
});
