import { DRAFT_SLOTS, type Draft, type DraftEntry, type DraftSection, type DraftSlots, type EntryFacts, type PreviousStory, type StoryLink } from '../../model/index.js';
import { isSet, type Flag } from './flag.js';

/** Drafts as both engines store them (sqlite/drafts.ts, postgres/drafts.ts): rows and the stored draft they make. */

/** A stored draft: the issue plus its database id. */
export interface StoredDraft extends Draft {
  id: number;
}

/** A stored draft's row id and number, without its sections and entries. */
export interface DraftRef {
  id: number;
  number: number;
}

export interface DraftSummary {
  number: number;
  date: string;
  since: string;
  until: string;
  createdAt: string;
  /** When it was marked sent; null while it is a draft. */
  sentAt: string | null;
  entries: number;
}

export interface DraftRow {
  id: number;
  number: number;
  date: string;
  since: string;
  until: string;
  created_at: string;
  sent_at: string | null;
  slots: string;
}

export interface SectionRow {
  section_id: string;
  title: string;
  subtitle: string | null;
}

export interface EntryRow {
  story_id: string;
  section_id: string;
  title: string;
  url: string | null;
  source: string;
  source_id: string;
  blurb: string | null;
  topic: string;
  topic_scores: string;
  published_at: string;
  coverage: number;
  also_covered_by: string;
  victims: string;
  cves: string;
  score: number;
  rank_reasons: string;
  included: Flag;
  previously: string | null;
  undated: Flag | null;
  related: string | null;
  facts: string | null;
}

/** A draft from its row, its sections in display order and its entries in section order. */
export function toStoredDraft(row: DraftRow, sections: readonly SectionRow[], entries: readonly EntryRow[]): StoredDraft {
  return {
    id: row.id,
    number: row.number,
    date: row.date,
    window: { since: row.since, until: row.until },
    createdAt: row.created_at,
    sentAt: row.sent_at ?? null,
    slots: parseSlots(row.slots),
    sections: sections.map(
      (s): DraftSection => ({
        id: s.section_id,
        title: s.title,
        subtitle: s.subtitle,
        entries: entries.filter((e) => e.section_id === s.section_id).map(toEntry),
      }),
    ),
  };
}

/** One stored entry (also read alone: the review page's history snapshots, ./draft-history.ts). */
export function toEntry(row: EntryRow): DraftEntry {
  return {
    storyId: row.story_id,
    title: row.title,
    url: row.url,
    source: row.source,
    sourceId: row.source_id,
    blurb: row.blurb,
    topic: row.topic,
    topicScores: JSON.parse(row.topic_scores) as DraftEntry['topicScores'],
    publishedAt: row.published_at,
    coverage: row.coverage,
    alsoCoveredBy: JSON.parse(row.also_covered_by) as DraftEntry['alsoCoveredBy'],
    victims: JSON.parse(row.victims) as string[],
    cves: JSON.parse(row.cves) as string[],
    score: row.score,
    rankReasons: JSON.parse(row.rank_reasons) as string[],
    included: isSet(row.included),
    ...(row.previously ? { previously: JSON.parse(row.previously) as PreviousStory[] } : {}),
    ...(isSet(row.undated) ? { undated: true } : {}),
    ...(row.related ? { related: JSON.parse(row.related) as StoryLink[] } : {}),
    ...(row.facts ? { facts: JSON.parse(row.facts) as EntryFacts } : {}),
  };
}

/** The slots column: known slot names with text only (a damaged or foreign key is dropped, never shown). */
export function parseSlots(json: string | null | undefined): DraftSlots {
  let value: unknown;
  try {
    value = JSON.parse(json ?? '{}');
  } catch {
    return {};
  }
  const slots: DraftSlots = {};
  if (value === null || typeof value !== 'object') return slots;
  for (const name of DRAFT_SLOTS) {
    const text = (value as Record<string, unknown>)[name];
    if (typeof text === 'string' && text.trim() !== '') slots[name] = text;
  }
  return slots;
}

/** An entry's column values as stored: its lists as JSON text (the flag as a boolean: SQLite stores it as 0 / 1). */
export function entryValues(entry: DraftEntry) {
  return {
    storyId: entry.storyId,
    title: entry.title,
    url: entry.url,
    source: entry.source,
    sourceId: entry.sourceId,
    blurb: entry.blurb,
    topic: entry.topic,
    topicScores: JSON.stringify(entry.topicScores),
    publishedAt: entry.publishedAt,
    coverage: entry.coverage,
    alsoCoveredBy: JSON.stringify(entry.alsoCoveredBy),
    victims: JSON.stringify(entry.victims),
    cves: JSON.stringify(entry.cves),
    score: entry.score,
    rankReasons: JSON.stringify(entry.rankReasons),
    included: entry.included,
    previously: entry.previously?.length ? JSON.stringify(entry.previously) : null,
    undated: entry.undated === true,
    related: entry.related?.length ? JSON.stringify(entry.related) : null,
    facts: entry.facts && (entry.facts.actors.length > 0 || entry.facts.figures.length > 0) ? JSON.stringify(entry.facts) : null,
  };
}
