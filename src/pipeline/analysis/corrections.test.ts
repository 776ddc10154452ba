import { describe, expect, it } from 'vitest';
import { CorrectionError, type Item } from '../../model/index.js';
import { ensureFeed, getItemClassification, openDatabase, sqliteStorage, storeItems, writeClassification } from '../../storage/index.js';
import { listCorrections, recordCorrection } from './corrections.js';
import { DEFAULT_SETTINGS } from '../../config/defaults.js';

const NOW = '2026-11-21T00:00:00.000Z';
const ITEM: Item = {
  id: 'id-a', feedId: 'f', guid: 'a', url: null, canonicalUrl: null, urlHash: null, title: 'Clinic chain hit by cyberattack',
  summary: 'Systems went offline.', author: null, categories: [], publishedAt: NOW, fetchedAt: NOW, contentHash: 'c',
};

function database() {
  const db = openDatabase(':memory:');
  ensureFeed(db, { id: 'f', name: 'F', url: 'https://f.example/feed', kind: 'news', weight: 1 }, NOW);
  storeItems(db, [ITEM], NOW);
  writeClassification(db, 'id-a', { topic: 'incident', topics: [], relevant: true, relevanceScore: 0.8, section: 'news', cves: [], victims: [], evidence: { topic: [], relevance: [], section: [] } }, null);
  return { db, classification: sqliteStorage(db).classification };
}

async function errorOf(fn: () => Promise<unknown>): Promise<CorrectionError> {
  try {
    await fn();
  } catch (error) {
    expect(error).toBeInstanceOf(CorrectionError);
    return error as CorrectionError;
  }
  throw new Error('expected a CorrectionError');
}

describe('recordCorrection', () => {
  it('stores the correction with a copy of the item text and sets the item label at once', async () => {
    const { db, classification } = database();
    const correction = await recordCorrection(classification, { itemId: 'id-a', field: 'topic', value: 'ransomware', at: new Date(NOW) });
    expect(correction).toEqual({ id: 1, itemId: 'id-a', field: 'topic', value: 'ransomware', title: ITEM.title, summary: ITEM.summary, createdAt: NOW });
    await recordCorrection(classification, { itemId: 'id-a', field: 'relevant', value: false, at: NOW });
    await recordCorrection(classification, { itemId: 'id-a', field: 'section', value: 'press-release', at: NOW });
    expect(getItemClassification(db, 'id-a')).toMatchObject({ topic: 'ransomware', relevant: false, section: 'press-release' });
    expect((await listCorrections(classification)).map((c) => [c.field, c.value])).toEqual([['topic', 'ransomware'], ['relevant', 'false'], ['section', 'press-release']]);
    expect(await listCorrections(classification, { itemId: 'id-a', limit: 1 })).toMatchObject([{ field: 'section' }]);
  });

  it('refuses unknown items, fields, topics and values with typed errors, storing nothing', async () => {
    const { db, classification } = database();
    expect((await errorOf(() => recordCorrection(classification, { itemId: 'nope', field: 'topic', value: 'malware', at: NOW }))).code).toBe('unknown-item');
    expect((await errorOf(() => recordCorrection(classification, { itemId: 'id-a', field: 'topic', value: 'ransom', at: NOW })))).toMatchObject({ code: 'unknown-topic', message: expect.stringMatching(/unknown topic "ransom": one of vulnerability, ransomware/) });
    expect((await errorOf(() => recordCorrection(classification, { itemId: 'id-a', field: 'section', value: 'blog', at: NOW }))).code).toBe('invalid-value');
    expect((await errorOf(() => recordCorrection(classification, { itemId: 'id-a', field: 'relevant', value: 'yes', at: NOW }))).code).toBe('invalid-value');
    expect((await errorOf(() => recordCorrection(classification, { itemId: 'id-a', field: 'url' as 'topic', value: 'x', at: NOW }))).code).toBe('unknown-field');
    expect(await listCorrections(classification)).toEqual([]);
    expect(getItemClassification(db, 'id-a')).toMatchObject({ topic: 'incident' });
  });

  it('accepts a topic an editor added in settings.classify', async () => {
    const { classification } = database();
    const classify = { ...DEFAULT_SETTINGS.classify, topics: [{ id: 'ai-security', label: 'AI', priority: 50, keywords: ['llm'] }] };
    expect((await recordCorrection(classification, { itemId: 'id-a', field: 'topic', value: 'ai-security', at: NOW }, { classify })).value).toBe('ai-security');
  });
});
