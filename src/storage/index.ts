export { openDatabase, type Db } from './database.js';
export { migrate, schemaVersion, SCHEMA_VERSION, MIGRATIONS } from './migrations.js';
export { syncFeeds, getFeedState, listFeedHealth, type FeedState, type FeedHealth } from './feeds.js';
export { upsertItems, listItems, countItems, type UpsertCounts, type ItemQuery } from './items.js';
export { recordFeedRun, recentFetchLog, type FeedRunRecord, type FeedRunOutcome, type FetchLogEntry } from './feed-runs.js';
export { createFeedRunWriter, type FeedRunWriter, type GroupCommitOptions } from './group-commit.js';
