import { beforeAll, describe, expect, it } from 'vitest';
import type { Classification, ClassifyInput, Taxonomy } from '../../model/index.js';
import { createClassifier, DEFAULT_TAXONOMY, trainFromShippedSet, type Classifier, type Model } from './index.js';

let model: Model;
let classifier: Classifier;

beforeAll(async () => {
  model = await trainFromShippedSet();
  classifier = createClassifier({ model });
});

const classify = (input: ClassifyInput): Classification => classifier.classify(input);

describe('classify', () => {
  it('files a vulnerability story under vulnerability, with the CVE rule and keywords as evidence', () => {
    const result = classify({
      title: 'Attackers exploit critical zero-day in Helmsgate VPN appliances',
      summary: 'The vendor released an emergency patch for CVE-2026-40101, an authentication bypass that lets remote attackers run code.',
      feedKind: 'news',
    });
    expect(result).toMatchObject({ topic: 'vulnerability', relevant: true, section: 'news', cves: ['CVE-2026-40101'] });
    expect(result.evidence.topic).toContain('rule: CVE-2026-40101');
    expect(result.evidence.topic.some((e) => e.startsWith('keyword: '))).toBe(true);
    expect(result.evidence.relevance).toContain('rule: names CVE-2026-40101');
  });

  it('uses a known gang name as ransomware evidence', () => {
    const result = classify({ title: 'Regional hospital chain diverts ambulances', summary: 'The Akira gang listed the hospital group on its site and demanded payment.', feedKind: 'news' });
    expect(result.topic).toBe('ransomware');
    expect(result.evidence.topic).toContain('rule: ransomware gang Akira');
  });

  it('scores every topic of the taxonomy between 0 and 1, best first', () => {
    const { topics } = classify({ title: 'Phishing kit targets bank customers with fake login pages', summary: '', feedKind: 'news' });
    expect(topics.map((t) => t.id).sort()).toEqual(DEFAULT_TAXONOMY.topics.map((t) => t.id).sort());
    for (const { score } of topics) expect(score).toBeGreaterThanOrEqual(0);
    for (const { score } of topics) expect(score).toBeLessThanOrEqual(1);
    expect(topics.map((t) => t.score)).toEqual([...topics.map((t) => t.score)].sort((a, b) => b - a));
  });

  it('files a vendor press release re-posted by a news feed as a press release', () => {
    const result = classify({
      title: 'Kestrowave Launches Managed Detection Service for Hospitals',
      summary: 'NASHVILLE, Tenn., March 4, 2026 /PRNewswire/ -- Kestrowave (NASDAQ: KSTW), a provider of security operations services, today announced a managed detection and response service for regional hospitals.',
      feedKind: 'news',
    });
    expect(result.section).toBe('press-release');
    expect(result.evidence.section).toContain('wire dateline /PRNewswire/');
    expect(result).toMatchObject({ relevant: true, topic: 'industry' });
  });

  it('keeps journalism on a news feed in the news section', () => {
    expect(classify({ title: 'Police arrest suspected operator of a phishing-as-a-service platform', summary: 'Europol said officers searched homes in three countries.', feedKind: 'news' }).section).toBe('news');
  });

  it('marks an off-topic wire release as not relevant and files it under other', () => {
    const result = classify({
      title: 'Brookvale Dairy Unveils Line of Oat Milk Yogurts',
      summary: 'MADISON, Wis., May 12, 2026 (GLOBE NEWSWIRE) -- Brookvale Dairy today introduced six plant-based yogurts that will be sold in grocery stores across the Midwest this summer.',
      feedKind: 'press',
    });
    expect(result).toMatchObject({ relevant: false, topic: 'other', section: 'press-release' });
    expect(result.relevanceScore).toBeLessThan(0.6);
  });

  it('marks a security company release on the same wire as relevant', () => {
    const result = classify({
      title: 'Halvard Security Raises $40 Million to Stop Account Takeover Attacks',
      summary: 'DENVER, June 2, 2026 /PRNewswire/ -- Halvard Security, which detects stolen credentials and session hijacking, today announced a Series B round.',
      feedKind: 'press',
    });
    expect(result).toMatchObject({ relevant: true, topic: 'industry', section: 'press-release' });
  });

  it('marks a podcast plug in a security feed as not relevant, saying why', () => {
    const result = classify({ title: 'Podcast: Episode 214 - ransomware negotiators and the week in breaches', summary: 'Listen now on your favourite podcast app.', feedKind: 'news' });
    expect(result).toMatchObject({ relevant: false, topic: 'other' });
    expect(result.evidence.relevance).toContain('promotion: podcast in title');
  });

  it('marks general world news as not relevant', () => {
    const result = classify({ title: 'Parliament passes budget after all-night session', summary: 'Lawmakers approved spending on schools and rail lines by a narrow margin.', feedKind: 'news' });
    expect(result).toMatchObject({ relevant: false, topic: 'other' });
  });

  it('classifies an item with an empty summary from its title', () => {
    const result = classify({ title: 'LockBit affiliate extradited to the United States', summary: '', feedKind: 'news' });
    expect(result.relevant).toBe(true);
    expect(['policy-legal', 'ransomware']).toContain(result.topic);
  });

  it('files non-English text under other without failing', () => {
    for (const [title, summary] of [
      ['Kritische Sicherheitslücke in Exchange wird aktiv ausgenutzt', 'Microsoft warnt vor Angriffen auf die Server und empfiehlt, das Update sofort zu installieren.'],
      ['Уязвимость в ядре Linux позволяет получить права root', 'Исправление уже доступно в новых версиях ядра.'],
      ['漏洞', '攻击者利用漏洞'],
    ] as const) {
      const result = classify({ title, summary, feedKind: 'news' });
      expect(result.topic).toBe('other');
      expect(result.evidence.topic).toContain('language: not English');
    }
  });

  it('copes with empty, missing and very long text', () => {
    expect(classify({ title: '', summary: '' }).topic).toBe('other');
    expect(classify({ title: undefined as unknown as string, summary: null as unknown as string }).topic).toBe('other');
    const long = 'Attackers exploited a remote code execution flaw in the mail server. '.repeat(20_000);
    const started = performance.now();
    const result = classify({ title: 'Mail server flaw exploited', summary: long, feedKind: 'news' });
    // A guard against super-linear work (minutes), not a speed target: those live in `npm run bench`
    // (this takes ~0.3 s alone, over 1 s on a machine busy with other work).
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(result.topic).toBe('vulnerability');
  });

  it('gives the same output for the same input', () => {
    const input: ClassifyInput = { title: 'North Korean hackers steal $40 million from crypto exchange', summary: 'Investigators linked the theft to the Lazarus group.', feedKind: 'news' };
    const first = classify(input);
    expect(classify(input)).toEqual(first);
    expect(createClassifier({ model }).classify(input)).toEqual(first);
  });

  it('scores a topic the model never saw (added by an editor) from its keywords alone', () => {
    const taxonomy: Taxonomy = {
      ...DEFAULT_TAXONOMY,
      topics: [...DEFAULT_TAXONOMY.topics, { id: 'ai-security', label: 'AI security', priority: 50, keywords: ['prompt injection', 'llm*', 'ai agent*'] }],
    };
    const result = createClassifier({ model, taxonomy }).classify({
      title: 'Prompt injection in LLM coding assistants lets attackers exfiltrate secrets',
      summary: 'Researchers showed AI agents following hidden instructions planted in repositories.',
      feedKind: 'news',
    });
    expect(result.topic).toBe('ai-security');
    expect(result.evidence.topic).toContain('keyword: prompt injection');
  });

  it('refuses an unusable taxonomy', () => {
    expect(() => createClassifier({ model, taxonomy: { ...DEFAULT_TAXONOMY, fallback: 'misc' } })).toThrow(/fallback topic "misc"/);
  });
});
