/**
 * The storage layer's one entry point. Program code uses the ports (ports.ts) through `Storage`,
 * opened by the composition root (app.ts) on SQLite (a file) or PostgreSQL (a postgres:// URL);
 * the SQLite functions below it are exported for tests, fixtures and benchmarks that seed or
 * inspect a database, and for error mapping.
 */
export type {
  Storage,
  FeedRepository,
  FeedRunRepository,
  FeedRunWriter,
  AnalysisRepository,
  AnalysedBatch,
  ItemFiling,
  RunLockRepository,
  MaintenanceRepository,
  DraftRepository,
  DraftBasis,
  ClassificationRepository,
  IngestFeed,
  ReviewRepository,
  LabelCorrection,
  ItemRepository,
} from './ports.js';
export type { ItemListing, ItemSearchQuery } from './rows/item-search.js';
export { sqliteStorage } from './sqlite/adapter.js';
export { postgresStorage } from './postgres/adapter.js';
export { isPostgresUrl, postgresTarget, redactUrl, type PostgresOptions } from './postgres/connection.js';
export { asStorageError, isEnvironmentFailure, isStorageDriverError } from './sqlite/errors.js';
export { openDatabase, type Db } from './sqlite/database.js';
export { ensureParentDirectory } from './sqlite/directories.js';

// Types the ports speak in.
export type { FeedState, FeedHealth } from './sqlite/feeds.js';
export type { PendingItem } from './sqlite/pending-analysis.js';
export type { UpsertCounts } from './sqlite/items.js';
export type { StoredClassification } from './sqlite/classifications.js';
export type { StoryJoin } from './rows/entry-labels.js';
export type { DraftEvent, DraftHistory, EditAction, EntryLink, EntrySnapshot, HistoryStep, PoolBasis } from './rows/draft-history.js';
export type { CorrectionQuery } from './sqlite/corrections.js';
export type { FeedRunRecord, FeedRunOutcome } from './sqlite/feed-runs.js';
export type { LockHolder, AcquireResult } from './sqlite/run-lock.js';
export type { DraftRef, StoredDraft, DraftSummary } from './sqlite/drafts.js';
export type { PruneCounts, PageStats } from './sqlite/prune.js';
export type { EntryRef } from './sqlite/draft-edits.js';
export type { FeedActivity } from './sqlite/feed-activity.js';
export type { BackupResult } from './sqlite/backup.js';

// SQLite functions for tests, fixtures and benchmarks (seeding and inspecting a database).
export { migrate, schemaVersion } from './sqlite/migrations.js';
export { lastFetchAt, syncFeeds, ensureFeed, getFeedState } from './sqlite/feeds.js';
export { pendingItems, countPendingAnalysis, markAnalyzed } from './sqlite/pending-analysis.js';
export { storeItems, listItems } from './sqlite/items.js';
export { writeClassification, countUnclassified, getItemClassification } from './sqlite/classifications.js';
export { listCorrections, correctedLabels, latestLabels } from './sqlite/corrections.js';
export { recordFeedRun } from './sqlite/feed-runs.js';
export { getStory, storyIdOfItem, createStory, joinStory, setItemStory } from './sqlite/stories.js';
export { acquireLock, lockHolder } from './sqlite/run-lock.js';
export { saveDraft, loadDraft, listDrafts, usedStoryIds } from './sqlite/drafts.js';
export { storyCandidates } from './sqlite/candidates.js';
export { pageStats, vacuum } from './sqlite/prune.js';
export { addEntry, firstSectionId } from './sqlite/draft-edits.js';
export { representativeItemId } from './sqlite/entry-labels.js';
export { feedActivity } from './sqlite/feed-activity.js';
export { writeAnalysedBatch } from './sqlite/analysis.js';
