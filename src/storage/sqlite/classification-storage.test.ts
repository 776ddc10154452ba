import { describe, expect, it } from 'vitest';
import type { Classification, Item } from '../../model/index.js';
import {
  correctedLabels,
  countPendingAnalysis,
  ensureFeed,
  getItemClassification,
  listCorrections,
  markAnalyzed,
  openDatabase,
  pendingItems,
  recordFeedRun,
  storeItems,
  writeClassification,
} from '../index.js';
import { itemsToClassify } from './classifications.js';
import { latestClassifierModel, saveClassifierModel } from './classifier-models.js';
import { insertCorrection } from './corrections.js';

const NOW = '2026-11-21T00:00:00.000Z';

function item(guid: string, title: string, publishedAt = '2026-11-20T00:00:00.000Z'): Item {
  return {
    id: `id-${guid}`, feedId: 'f', guid, url: null, canonicalUrl: null, urlHash: null, title, summary: 'text', author: null,
    categories: ['Security'], publishedAt, fetchedAt: NOW, contentHash: `c-${title}`,
  };
}

const LABELS: Classification = {
  topic: 'ransomware',
  topics: [{ id: 'ransomware', score: 0.8 }, { id: 'other', score: 0.1 }],
  relevant: true,
  relevanceScore: 0.9,
  section: 'news',
  cves: ['CVE-2026-1234'],
  victims: ['Acme Corp'],
  evidence: { topic: ['rule: ransomware gang Akira'], relevance: [], section: ['feed kind: news'] },
};

function database() {
  const db = openDatabase(':memory:');
  ensureFeed(db, { id: 'f', name: 'F', url: 'https://f.example/feed', kind: 'vendor', weight: 1 }, NOW);
  return db;
}

describe('item classification storage', () => {
  it('stores a feed run\'s items pending analysis and unlabelled; the labels written later are read back', () => {
    const db = database();
    recordFeedRun(db, { feedId: 'f', startedAt: NOW, outcome: 'ok', httpStatus: 200, durationMs: 1, bytes: 1, attempts: 1, items: [item('a', 'A'), item('b', 'B')] });
    expect(countPendingAnalysis(db)).toBe(2);
    expect(getItemClassification(db, 'id-a')).toBeUndefined();
    writeClassification(db, 'id-a', LABELS, 7);
    markAnalyzed(db, ['id-a']);
    expect(pendingItems(db, 10).map((p) => p.item.id)).toEqual(['id-b']);
    expect(getItemClassification(db, 'id-a')).toEqual({ ...LABELS, topics: LABELS.topics, modelId: 7 });
    expect(getItemClassification(db, 'id-b')).toBeUndefined();
    // Pending items are the analysis stage's: reclassification pages only analysed ones.
    expect(itemsToClassify(db, { limit: 10 })).toEqual([]);
    markAnalyzed(db, ['id-b']);
    expect(itemsToClassify(db, { limit: 10 })).toEqual([{ id: 'id-b', title: 'B', summary: 'text', categories: ['Security'], feedKind: 'vendor' }]);
  });

  it('clears the labels of an entry whose text changed and makes it pending again, so it is analysed again', () => {
    const db = database();
    storeItems(db, [item('a', 'A')], NOW);
    writeClassification(db, 'id-a', LABELS, null);
    markAnalyzed(db, ['id-a']);
    storeItems(db, [item('a', 'A, updated')], NOW);
    expect(getItemClassification(db, 'id-a')).toBeUndefined();
    expect(countPendingAnalysis(db)).toBe(1);
  });

  it('pages items to reclassify by id: recent ones and unclassified ones, or all', () => {
    const db = database();
    storeItems(db, [item('old', 'Old', '2026-01-01T00:00:00.000Z'), item('new', 'New'), item('none', 'None', '2025-01-01T00:00:00.000Z')], NOW);
    writeClassification(db, 'id-old', LABELS, null);
    writeClassification(db, 'id-new', LABELS, null);
    markAnalyzed(db, ['id-old', 'id-new', 'id-none']);
    const ids = (query: Parameters<typeof itemsToClassify>[1]) => itemsToClassify(db, query).map((i) => i.id);
    expect(ids({ publishedSince: '2026-11-01T00:00:00.000Z', limit: 10 })).toEqual(['id-new', 'id-none']);
    expect(ids({ all: true, limit: 10 })).toEqual(['id-new', 'id-none', 'id-old']);
    expect(ids({ all: true, afterId: 'id-new', limit: 1 })).toEqual(['id-none']);
  });
});

describe('corrections and models storage', () => {
  it('lists corrections oldest first and folds them into the latest value per field', () => {
    const db = database();
    storeItems(db, [item('a', 'A')], NOW);
    for (const [field, value] of [['topic', 'incident'], ['relevant', 'false'], ['topic', 'ransomware']] as const) {
      insertCorrection(db, { itemId: 'id-a', field, value, title: 'A', summary: 'text', createdAt: NOW });
    }
    expect(listCorrections(db).map((c) => c.value)).toEqual(['incident', 'false', 'ransomware']);
    expect(listCorrections(db, { limit: 1 }).map((c) => c.value)).toEqual(['ransomware']);
    expect(listCorrections(db, { itemId: 'nope' })).toEqual([]);
    expect(correctedLabels(db, ['id-a', 'id-b'])).toEqual(new Map([['id-a', { topic: 'ransomware', relevant: false }]]));
  });

  it('returns the newest stored model and keeps only the last few', () => {
    const db = database();
    expect(latestClassifierModel(db)).toBeUndefined();
    const ids = [1, 2, 3, 4].map((n) => saveClassifierModel(db, { createdAt: NOW, examples: n, corrections: 0, model: { n } }));
    expect(latestClassifierModel(db)).toEqual({ id: ids[3], createdAt: NOW, examples: 4, corrections: 0, model: { n: 4 } });
    expect((db.prepare('SELECT COUNT(*) AS n FROM classifier_models').get() as { n: number }).n).toBe(3);
  });
});
