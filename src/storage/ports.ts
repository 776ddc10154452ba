import type { Classification, CorrectedLabels, Correction, CorrectionField, Draft, DraftEntry, DraftSlot, FeedConfig, Item, StoryContextMember, StoryRef } from '../model/index.js';
import type { StoryJoin } from './rows/entry-labels.js';
import type { WindowCandidates } from './rows/candidates.js';
import type { DraftRef, DraftSummary, StoredDraft } from './rows/drafts.js';
import type { EntryPlace, EntryRef } from './sqlite/draft-edits.js';
import type { DraftHistory, EditAction, EntryLink, EntrySnapshot, HistoryStep, PoolBasis } from './rows/draft-history.js';
import type { FeedActivity } from './rows/feed-activity.js';
import type { FeedHealth, FeedState } from './rows/feeds.js';
import type { PageStats, PruneCounts } from './sqlite/prune.js';
import type { DatabaseHealth } from './sqlite/health.js';
import type { BackupResult } from './sqlite/backup.js';
import type { ItemToClassify, StoredClassification, ToClassifyQuery } from './rows/classifications.js';
import type { NewClassifierModel, StoredClassifierModel } from './rows/classifier-models.js';
import type { CorrectionQuery } from './rows/corrections.js';
import type { FeedRunRecord } from './rows/feed-runs.js';
import type { PendingItem, UpsertCounts } from './rows/items.js';
import type { ItemListing, ItemSearchQuery } from './rows/item-search.js';
import type { AcquireResult, LockHolder } from './sqlite/run-lock.js';

/**
 * The storage ports: what collection, analysis and the run lock need of a database, as async
 * interfaces any engine can implement (SQLite in ./sqlite/adapter.ts, PostgreSQL in ./postgres/adapter.ts). Callers
 * see plain data and `StorageError` (model/errors.ts), never a driver, SQL or a driver's codes.
 * One contract suite (test/support/storage-contract/) runs against every implementation. Every
 * command goes through these ports; the types they speak live in ./rows/ (shared by both engines)
 * or, for the few only SQLite's modules define, in ./sqlite/.
 */

export interface FeedRepository {
  /** Upserts the configured feeds (id, url, name, kind, weight); stored state is kept. */
  sync(feeds: readonly FeedConfig[], now: string): Promise<void>;
  /** A feed's validators, error streak and backoff state; undefined for a feed never synced. */
  state(feedId: string): Promise<FeedState | undefined>;
  /** State and item count of each of these feeds that is stored, in the order given. */
  health(feedIds: readonly string[]): Promise<FeedHealth[]>;
  /** Clears backoff, the unhealthy mark, a Retry-After wait and a 410 disable of each, in one transaction. */
  retry(feedIds: readonly string[]): Promise<void>;
  /** When any feed was last fetched, or null before the first run. */
  lastFetchAt(): Promise<string | null>;
  /**
   * Every real feed (not the `analyze:` pseudo-feeds) with its state, its failed fetches and its
   * items per UTC publication day over `days` days ending with the day of `until`, zeros filled in
   * (the review page's feed health).
   */
  activity(window: { until: Date; days: number }): Promise<FeedActivity[]>;
}

/** Retention and compaction (`secdigest prune`). */
export interface MaintenanceRepository {
  /** Removes items first fetched before `cutoff` that no draft needs (or only counts them: dryRun). */
  pruneItems(cutoff: string, options: { dryRun: boolean }): Promise<PruneCounts>;
  /** Space used and free, to decide whether compaction is worth it. */
  pageStats(): Promise<PageStats>;
  /** Gives free space back to the file system. */
  compact(): Promise<void>;
  /** doctor's database checks: integrity, schema version against this release's, journal mode. */
  health(): Promise<DatabaseHealth>;
  /**
   * A consistent copy to a new `file` (refused when it exists), checked before it counts. Errors:
   * SecdigestError `database` when the source is damaged, `output` when the file cannot be written.
   */
  backup(file: string): Promise<BackupResult>;
}

/** Writes feed runs for one collection; implementations may group commits (see sqlite/group-commit.ts). */
export interface FeedRunWriter {
  /**
   * Stores one feed's run atomically: its items (pending analysis), validators, error state and
   * fetch-log row. Resolves with the item counts once the write is made (not necessarily committed).
   */
  record(run: FeedRunRecord): Promise<UpsertCounts>;
  /** Runs `fn` once everything recorded so far is committed; never when that commit fails. */
  afterCommit(fn: () => void): void;
  /** Commits what is pending. */
  flush(): Promise<void>;
  /** Rolls back what is pending (the run failed and its own error is the one to report). */
  discard(): void;
}

export interface FeedRunRepository {
  /** A writer for one run: commit every `maxFeeds` feeds or `maxDelayMs`, whichever comes first. */
  writer(options: { maxFeeds: number; maxDelayMs: number }): FeedRunWriter;
}

/**
 * Where the clusterer (pipeline/dedupe) filed one new item: a stored story, or a new one under a
 * temporary negative id that `writeBatch` maps to the stored id. A thread id follows the same rule
 * (a new story that opens its own thread has threadId === storyId).
 */
export interface ItemFiling {
  itemId: string;
  storyId: number;
  threadId: number;
  /** The headline's copy key (later copies find the story at any age); null for a short headline. */
  copyKey: string | null;
  /** Why it joined its story or thread (JSON of pipeline/dedupe's JoinEvidence); null for a plain new story. */
  evidence: string | null;
}

/** One analysed batch, as the analysis stage hands it to storage. */
export interface AnalysedBatch {
  items: readonly PendingItem[];
  /** Labels by item id (an item the classifier failed on has none and stays unclassified). */
  labels: ReadonlyMap<string, Classification>;
  modelId: number | null;
  /** Where each NEW item (storyId null) went, in filing order; items updated in place keep their story. */
  filings: readonly ItemFiling[];
}

export interface AnalysisRepository {
  countPending(): Promise<number>;
  /** The next pending items, earliest published first, ties by item id (whichever process stored them first). */
  pending(limit: number): Promise<PendingItem[]>;
  /** Editors' corrections of these items, folded per field. */
  correctedLabels(itemIds: readonly string[]): Promise<Map<string, CorrectedLabels>>;
  /** Members of stories (filed items) published in [since, until], in publication order. */
  storyMembers(window: { since: string; until: string }): Promise<StoryContextMember[]>;
  /** The stories of the earliest filed items with these canonical URL hashes, or copy keys, at any age. */
  storiesByKey(keys: { urlHashes: readonly string[]; copyKeys: readonly string[] }): Promise<{ byUrlHash: Map<string, StoryRef>; byCopyKey: Map<string, StoryRef> }>;
  /**
   * Writes one batch in ONE transaction: the labels; the new items' filings (new stories created in
   * filing order, their temporary ids mapped, members joined with representative, coverage and span
   * kept; copy keys and evidence stored); and the analysed state. All or nothing. Returns each
   * temporary story id's stored id.
   */
  writeBatch(batch: AnalysedBatch): Promise<Map<number, number>>;
  /**
   * `analyze --db`: stores items that did not come from a feed run (under the feeds given, created
   * when missing), pending analysis, in one transaction; the analysis stage files them next.
   */
  ingest(input: { feeds: readonly IngestFeed[]; items: readonly Item[]; now: string }): Promise<void>;
  /** The story and thread of each of these items that is filed; with the evidence stored for it. */
  storyOf(itemIds: readonly string[]): Promise<Map<string, StoryRef & { evidence: string | null }>>;
}

/** A feed `ingest` stores items under (a pseudo-feed of `analyze --db`). */
export type IngestFeed = Pick<FeedConfig, 'id' | 'name' | 'url' | 'kind' | 'weight'>;

export interface RunLockRepository {
  /** Takes the lease unless another owner holds a live one; `isGone` lets a dead holder's lease be taken over early. */
  acquire(name: string, owner: string, now: Date, ttlMs: number, isGone?: (holder: LockHolder) => boolean): Promise<AcquireResult>;
  renew(name: string, owner: string, now: Date, ttlMs: number): Promise<boolean>;
  release(name: string, owner: string): Promise<void>;
  holder(name: string): Promise<LockHolder | undefined>;
}

/** Labels, editors' corrections and trained models (`train`, collect's reclassification). */
export interface ClassificationRepository {
  /** The newest model `secdigest train` stored, if any. */
  latestModel(): Promise<StoredClassifierModel | undefined>;
  /** Stores a trained model (keeping the last few); returns its id. */
  saveModel(model: NewClassifierModel): Promise<number>;
  /** Corrections oldest first (a later one overrides an earlier one). */
  corrections(query?: CorrectionQuery): Promise<Correction[]>;
  /** An item's stored labels; undefined when it is missing or not classified yet. */
  labels(itemId: string): Promise<StoredClassification | undefined>;
  /** Analysed items without labels (a classifier failure, a database from before labels). */
  countUnclassified(): Promise<number>;
  /** A page of analysed items to (re)classify, by id. */
  toClassify(query: ToClassifyQuery): Promise<ItemToClassify[]>;
  /** Replaces these items' labels, in one transaction. */
  writeLabels(labels: ReadonlyMap<string, Classification>, modelId: number | null): Promise<void>;
  /**
   * Records an editor's correction of an item, in one transaction: stores it with a copy of the
   * item's text (so it still trains once the item is pruned) and sets the item's label at once.
   * Throws CorrectionError `unknown-item`, storing nothing, when there is no such item.
   */
  recordCorrection(itemId: string, correction: LabelCorrection): Promise<Correction>;
}

/**
 * An editor's correction of one label, already validated (pipeline/analysis/corrections.ts): the value as
 * stored (a topic id, a section, or "true" / "false") and when it was made (ISO 8601).
 */
export interface LabelCorrection {
  field: CorrectionField;
  value: string;
  createdAt: string;
}

/** What the next draft is built from, read inside its write transaction. */
export interface DraftBasis {
  /** Where the last stored draft's window ended, if any. */
  lastUntil: string | undefined;
  nextNumber: number;
  /** Stories already placed in a stored draft. */
  usedStoryIds: ReadonlySet<string>;
  /** The window's stories as draft candidates (and how many are not classified yet). */
  candidates(window: { since: string; until: string }): WindowCandidates;
}

/** How `createNext` stores the draft it plans. */
export interface NextDraftOptions {
  /**
   * Replace the latest unsent draft of this date: the new draft takes its number, its window starts
   * where the draft before it ended, and it is deleted once the new one is stored (issue 18).
   */
  replaceDate?: string;
}

/** What `createNext` did. */
export interface NextDraft<T> {
  stored: StoredDraft | null;
  result: T;
  /** The number of the unsent draft the new one replaced, else null. */
  replaced: number | null;
  /** The unsent draft of the date kept as it was because the plan drafted nothing, else null. */
  kept: number | null;
}

/** What marking a draft sent (or not sent) found. */
export interface SentChange {
  found: boolean;
  /** sent_at before the change. */
  before: string | null;
}

export interface DraftRepository {
  /**
   * Drafts the next issue in ONE write transaction, taken before the first read: `plan` builds it
   * from the basis (pure CPU), and a draft it returns is stored and read back. Two concurrent
   * callers therefore never take the same number or the same stories.
   */
  createNext<T>(plan: (basis: DraftBasis) => { draft: Draft | null; result: T }, options?: NextDraftOptions): Promise<NextDraft<T>>;
  /** A stored draft by number, or the latest. */
  load(number?: number): Promise<StoredDraft | undefined>;
  list(): Promise<DraftSummary[]>;
  /** Only a stored draft's row id and number (what an edit needs, without reading its entries). */
  find(number: number): Promise<DraftRef | undefined>;
  /** Deletes a draft with its entries; a sent one only with `evenIfSent`. */
  delete(number: number, options?: { evenIfSent?: boolean }): Promise<'deleted' | 'missing' | 'sent'>;
  /** Marks a draft sent at `at`, or not sent (null). A sent draft keeps its first sent time. */
  setSent(number: number, at: string | null): Promise<SentChange>;
  /** Sets an editor slot of a draft (null clears it); false when there is no such draft. */
  setSlot(number: number, slot: DraftSlot, text: string | null): Promise<boolean>;
}

/**
 * The review page's edits of a stored draft (issue 7), one small write each. A repository of its
 * own rather than more of `drafts`: `drafts` builds and reads whole issues (the draft and export
 * commands), while these change one entry in place and, for a topic or a news/press move the editor
 * asks to teach the classifier, also write a training correction of the entry's story. That crosses
 * into classification, and must stay one transaction with the edit (a refused correction undoes the
 * edit), so it is one method. An entry is addressed by its draft's row id and its story id.
 *
 * Every edit that changes an entry is recorded as a history event (issue 19: the entry with its
 * place before and after) in the edit's own transaction; a new event clears what was undone.
 */
export interface ReviewRepository {
  /** The fields an edit reads first; undefined when the draft has no such entry. */
  entry(ref: EntryRef): Promise<EntryPlace | undefined>;
  /** The whole entry with its place; undefined when the draft has no such entry. */
  snapshot(ref: EntryRef): Promise<EntrySnapshot | undefined>;
  /** Each plain edit resolves false when the draft has no such entry. */
  setIncluded(ref: EntryRef, included: boolean): Promise<boolean>;
  setTitle(ref: EntryRef, title: string): Promise<boolean>;
  setBlurb(ref: EntryRef, blurb: string | null): Promise<boolean>;
  /** The entry's victims (exports name victims[0] on the Wall of Shame). */
  setVictims(ref: EntryRef, victims: readonly string[]): Promise<boolean>;
  /** The entry's main link, source and other outlets together, recorded as `action`. */
  setLink(ref: EntryRef, link: EntryLink, action: Extract<EditAction, 'main-link' | 'link'>): Promise<boolean>;
  /**
   * Moves an entry one place up (-1) or down (+1) in its section, past excluded entries too (they
   * keep their place), in one transaction. Moving the first entry up is a no-op that resolves true.
   */
  move(ref: EntryRef, step: -1 | 1): Promise<boolean>;
  /**
   * Sets an entry's topic and, when `correction` is given, records it against the representative
   * item of the entry's story (an entry added by hand has none): ONE transaction. Resolves false,
   * writing nothing, when there is no such entry; throws CorrectionError `unknown-item`, writing
   * nothing, when the story's representative item is gone.
   */
  changeTopic(ref: EntryRef, topic: string, correction?: LabelCorrection): Promise<boolean>;
  /**
   * Moves an entry to another section of its draft, at `position` (an index in that section's
   * order) or at its end, with `correction` as changeTopic does.
   */
  moveToSection(ref: EntryRef, sectionId: string, correction?: LabelCorrection, position?: number): Promise<boolean>;
  /**
   * Where the entry stood in `sectionId` before the move that took it out of there, when that was its
   * latest section move (not undone); else undefined. A move back puts it there (issue 19).
   */
  placeBeforeMove(ref: EntryRef, sectionId: string): Promise<number | undefined>;
  /** The draft's first section in display order, where an added link goes unless told otherwise. */
  firstSectionId(draftId: number): Promise<string | undefined>;
  hasSection(draftId: number, sectionId: string): Promise<boolean>;
  /**
   * Appends an entry the editor added by hand (`add`) or took from the week's pool (`promote`);
   * false (nothing written) when the draft already has its story id.
   */
  addEntry(draftId: number, sectionId: string, entry: DraftEntry, action?: Extract<EditAction, 'add' | 'promote'>): Promise<boolean>;
  /**
   * Puts back the title, blurb, topic, section and place the entry was drafted (or added) with, as
   * one event; true with nothing changed for an entry never edited, false when there is no entry.
   */
  revert(ref: EntryRef): Promise<boolean>;
  /** Undoes the draft's latest edit not undone yet; undefined when there is none. */
  undo(draftId: number): Promise<HistoryStep | undefined>;
  /** Redoes the earliest undone edit (after an undo, before any new edit); undefined when there is none. */
  redo(draftId: number): Promise<HistoryStep | undefined>;
  /** The draft's latest `limit` events, newest first, and whether undo and redo have anything to do. */
  history(draftId: number, limit: number): Promise<DraftHistory>;
  /**
   * The window's stories as the draft command read them (`DraftBasis.candidates`), with the stories
   * sent issues used: the week's pool is what of them the draft does not hold (issue 19).
   */
  windowCandidates(window: { since: string; until: string }): Promise<PoolBasis>;
  /**
   * How many of the window's classified stories draft `draftId` does not hold: the week's pool's
   * size, counted in the database (the draft page shows it after every edit, so nothing is read).
   */
  poolCount(draftId: number, window: { since: string; until: string }): Promise<number>;
  /**
   * The stored labels of each story's representative item, by story id, shown as evidence on the
   * page; stories without a classified representative, and manual entries, are absent. One read
   * whatever the number of stories.
   */
  evidence(storyIds: readonly string[]): Promise<Map<string, StoredClassification>>;
  /**
   * How each story's members joined it (issue 15: rule, similarity, names agreed, hours apart),
   * those with stored evidence, earliest first, by story id; manual entries are absent. One read.
   */
  storyJoins(storyIds: readonly string[]): Promise<Map<string, StoryJoin[]>>;
}

/** Stored items as an editor browses them (`secdigest items`, issue 19). */
export interface ItemRepository {
  /**
   * Items matching every condition given, newest published first (ties by id), at most `limit`, with
   * their story and labels. `text` is a plain substring of the title or summary in any case.
   */
  search(query: ItemSearchQuery): Promise<ItemListing[]>;
}

/** Everything behind the ports, opened once by the composition root. */
export interface Storage {
  feeds: FeedRepository;
  items: ItemRepository;
  feedRuns: FeedRunRepository;
  analysis: AnalysisRepository;
  runLocks: RunLockRepository;
  maintenance: MaintenanceRepository;
  drafts: DraftRepository;
  classification: ClassificationRepository;
  review: ReviewRepository;
  close(): Promise<void>;
}
