import type pg from 'pg';
import { CorrectionError, SecdigestError, StorageError, type Correction } from '../../model/index.js';
import type { DraftBasis, LabelCorrection, Storage } from '../ports.js';
import type { WindowCandidates } from '../rows/candidates.js';
import type { EntryRef } from '../sqlite/draft-edits.js';
import { ingestItems, storiesByKey, storiesOfItems, storyMembers, writeAnalysedBatch } from './analysis.js';
import { backupPostgres } from './backup.js';
import { poolCount, storyCandidates } from './candidates.js';
import { countUnclassified, getItemClassification, itemsToClassify, setItemLabel, writeClassifications } from './classifications.js';
import { latestClassifierModel, saveClassifierModel } from './classifier-models.js';
import { createPool, postgresTarget, type PostgresOptions, type PostgresTarget } from './connection.js';
import { correctedLabels, insertCorrection, itemText, listCorrections } from './corrections.js';
import * as edits from './draft-edits.js';
import * as history from './draft-history.js';
import { placeBeforeMove } from '../rows/draft-history.js';
import { deleteDraft, draftSentAt, draftSequence, findDraft, listDrafts, loadDraft, saveDraft, setDraftSent, setDraftSlot, unsentDraftOn, usedStoryIds } from './drafts.js';
import { representativeItemId, representativeLabels, storyJoins } from './entry-labels.js';
import { asPostgresStorageError, guard } from './errors.js';
import { feedActivity } from './feed-activity.js';
import { searchItems } from './item-search.js';
import { getFeedState, lastFetchAt, listFeedHealth, retryFeeds, syncFeeds } from './feeds.js';
import { createFeedRunWriter } from './group-commit.js';
import { databaseHealth } from './health.js';
import { migrate, schemaVersion } from './migrations.js';
import { countPendingAnalysis, pendingItems } from './pending-analysis.js';
import { pageStats, pruneOldItems, vacuum } from './prune.js';
import type { Queryable } from './queries.js';
import { acquireLock, lockHolder, releaseLock, renewLock } from './run-lock.js';
import { inTransaction, lockFor } from './transaction.js';

/**
 * Opens the storage ports on PostgreSQL: a pool of connections to `url` (`?schema=` or
 * `options.schema` picks the schema), checked at once, then migrated (unless read-only). A server
 * that cannot be reached is a StorageError `unavailable` naming it; a schema newer than this
 * release, or missing where it must exist, a SecdigestError `database`.
 */
export async function postgresStorage(url: string, options: PostgresOptions = {}): Promise<Storage> {
  const target = postgresTarget(url, options.schema);
  const pool = createPool(target, options);
  try {
    await pool
      .connect()
      .then((client) => client.release())
      .catch((error: unknown) => {
        throw openFailure(error, target);
      });
    if (options.mustExist && (await schemaVersion(pool)) === 0) {
      throw new SecdigestError('database', `no secdigest tables in ${target.display}: run \`secdigest collect\` first, or check --db / SECDIGEST_DB`);
    }
    if (!options.readonly) {
      await migrate(pool, target.schema).catch((error: unknown) => {
        throw openFailure(error, target);
      });
    }
  } catch (error) {
    await pool.end();
    throw error;
  }
  return storageOverPool(pool, target, options.now ?? (() => new Date()));
}

/** Why a store could not be opened, naming the server and database (never the password). */
function openFailure(error: unknown, target: PostgresTarget): Error {
  const message = `cannot open PostgreSQL database ${target.display}: ${(error as Error).message || String(error)}`;
  const typed = asPostgresStorageError(error, target.display);
  if (typed) return new StorageError(typed.failure, typed.driverCode, message, { cause: error });
  return new SecdigestError('database', message, { cause: error });
}

function storageOverPool(pool: pg.Pool, target: PostgresTarget, now: () => Date): Storage {
  const at = () => now().toISOString();
  const g = <T>(work: () => Promise<T>) => guard(work, target.display);
  const tx = <T>(work: (client: pg.PoolClient) => Promise<T>) => g(() => inTransaction(pool, work));
  // Closing twice is harmless, as closing a better-sqlite3 connection twice is.
  let ended: Promise<void> | undefined;
  return {
    feeds: {
      sync: (feeds, now) => tx((db) => syncFeeds(db, feeds, now)),
      state: (feedId) => g(() => getFeedState(pool, feedId)),
      health: (feedIds) => g(() => listFeedHealth(pool, feedIds)),
      retry: (feedIds) => g(() => retryFeeds(pool, feedIds)),
      lastFetchAt: () => g(() => lastFetchAt(pool)),
      activity: (window) => g(() => feedActivity(pool, window)),
    },
    items: { search: (query) => g(() => searchItems(pool, query)) },
    maintenance: {
      pruneItems: (cutoff, options) => g(() => pruneOldItems(pool, cutoff, options)),
      pageStats: () => g(() => pageStats(pool)),
      compact: () => g(() => vacuum(pool)),
      health: () => g(() => databaseHealth(pool)),
      async backup(file) {
        const { schema, pages } = await g(async () => ({ schema: (await currentSchema(pool)) ?? 'public', pages: (await pageStats(pool)).pageCount }));
        // Not through guard: backupPostgres types its own errors (the server's vs the file's).
        return backupPostgres(target, schema, pages, file);
      },
    },
    feedRuns: {
      writer(options) {
        const writer = createFeedRunWriter(pool, options);
        return { record: (run) => g(() => writer.record(run)), afterCommit: writer.afterCommit, flush: () => g(() => writer.flush()), discard: writer.discard };
      },
    },
    analysis: {
      countPending: () => g(() => countPendingAnalysis(pool)),
      pending: (limit) => g(() => pendingItems(pool, limit)),
      correctedLabels: (itemIds) => g(() => correctedLabels(pool, itemIds)),
      storyMembers: ({ since, until }) => g(() => storyMembers(pool, since, until)),
      storiesByKey: ({ urlHashes, copyKeys }) => g(() => storiesByKey(pool, urlHashes, copyKeys)),
      writeBatch: (batch) => tx((db) => writeAnalysedBatch(db, batch)),
      ingest: (input) => tx((db) => ingestItems(db, input)),
      storyOf: (itemIds) => g(() => storiesOfItems(pool, itemIds)),
    },
    runLocks: {
      acquire: (name, owner, now, ttlMs, isGone) => g(() => acquireLock(pool, name, owner, now, ttlMs, isGone)),
      renew: (name, owner, now, ttlMs) => g(() => renewLock(pool, name, owner, now, ttlMs)),
      release: (name, owner) => g(() => releaseLock(pool, name, owner)),
      holder: (name) => g(() => lockHolder(pool, name)),
    },
    drafts: {
      createNext: (plan, options = {}) =>
        tx(async (db) => {
          // Taken before the first read, as SQLite's BEGIN IMMEDIATE: a second process drafting
          // at once waits here, then reads the number and stories the first one stored.
          await lockFor(db, 'drafts');
          const earlier = options.replaceDate === undefined ? undefined : await unsentDraftOn(db, options.replaceDate);
          const { draft, result } = await planWithCandidates(db, plan, earlier?.number);
          // Nothing to draft: an unsent draft of the date stays as it was rather than vanish.
          if (!draft) return { stored: null, result, replaced: null, kept: earlier?.number ?? null };
          if (earlier) await deleteDraft(db, earlier.id);
          await saveDraft(db, draft);
          const stored = await loadDraft(db, draft.number);
          if (!stored) throw new Error(`draft #${draft.number} was saved but cannot be read back`);
          return { stored, result, replaced: earlier?.number ?? null, kept: null };
        }),
      load: (number) => g(() => loadDraft(pool, number)),
      list: () => g(() => listDrafts(pool)),
      find: (number) => g(() => findDraft(pool, number)),
      delete: (number, options = {}) =>
        tx(async (db) => {
          const ref = await findDraft(db, number);
          if (!ref) return 'missing';
          if ((await draftSentAt(db, ref.id)) !== null && !options.evenIfSent) return 'sent';
          await deleteDraft(db, ref.id);
          return 'deleted';
        }),
      setSent: (number, at) =>
        tx(async (db) => {
          const ref = await findDraft(db, number);
          if (!ref) return { found: false, before: null };
          const before = await draftSentAt(db, ref.id);
          if (at === null || before === null) await setDraftSent(db, ref.id, at);
          return { found: true, before };
        }),
      setSlot: (number, slot, text) =>
        tx(async (db) => {
          const ref = await findDraft(db, number);
          return ref ? setDraftSlot(db, ref.id, slot, text) : false;
        }),
    },
    classification: {
      latestModel: () => g(() => latestClassifierModel(pool)),
      saveModel: (model) => tx((db) => saveClassifierModel(db, model)),
      corrections: (query) => g(() => listCorrections(pool, query)),
      labels: (itemId) => g(() => getItemClassification(pool, itemId)),
      countUnclassified: () => g(() => countUnclassified(pool)),
      toClassify: (query) => g(() => itemsToClassify(pool, query)),
      writeLabels: (labels, modelId) => tx((db) => writeClassifications(db, labels, modelId)),
      recordCorrection: (itemId, correction) => tx((db) => writeCorrection(db, itemId, correction)),
    },
    review: {
      entry: (ref) => g(() => edits.getEntryPlace(pool, ref)),
      snapshot: (ref) => g(() => history.entrySnapshot(pool, ref)),
      setIncluded: (ref, included) => tx((db) => history.recorded(db, ref, included ? 'include' : 'exclude', at(), () => edits.setEntryIncluded(db, ref, included))),
      setTitle: (ref, title) => tx((db) => history.recorded(db, ref, 'title', at(), () => edits.setEntryTitle(db, ref, title))),
      setBlurb: (ref, blurb) => tx((db) => history.recorded(db, ref, 'blurb', at(), () => edits.setEntryBlurb(db, ref, blurb))),
      setVictims: (ref, victims) => tx((db) => history.recorded(db, ref, 'victim', at(), () => edits.setEntryVictims(db, ref, victims))),
      setLink: (ref, link, action) => tx((db) => history.recorded(db, ref, action, at(), () => edits.setEntryLink(db, ref, link))),
      move: (ref, step) => tx((db) => history.recorded(db, ref, step < 0 ? 'up' : 'down', at(), () => edits.moveEntry(db, ref, step))),
      changeTopic: (ref, topic, correction) =>
        tx((db) => correctedEdit(db, ref, () => history.recorded(db, ref, 'topic', at(), () => edits.setEntryTopic(db, ref, topic)), correction)),
      moveToSection: (ref, sectionId, correction, position) =>
        tx((db) =>
          correctedEdit(db, ref, () => history.recorded(db, ref, 'section', at(), async () => (await edits.moveEntryToSection(db, ref, sectionId, position)) !== undefined), correction),
        ),
      placeBeforeMove: (ref, sectionId) => g(async () => placeBeforeMove(await history.entryEvents(pool, ref, true), sectionId)),
      firstSectionId: (draftId) => g(() => edits.firstSectionId(pool, draftId)),
      hasSection: (draftId, sectionId) => g(() => edits.draftHasSection(pool, draftId, sectionId)),
      addEntry: (draftId, sectionId, entry, action = 'add') =>
        tx((db) => history.recorded(db, { draftId, storyId: entry.storyId }, action, at(), () => edits.addEntry(db, draftId, sectionId, entry))),
      revert: (ref) => tx((db) => history.revertEntry(db, ref, at())),
      undo: (draftId) => tx((db) => history.step(db, draftId, true)),
      redo: (draftId) => tx((db) => history.step(db, draftId, false)),
      history: (draftId, limit) => g(() => history.draftHistory(pool, draftId, limit)),
      windowCandidates: (window) => g(async () => ({ ...(await storyCandidates(pool, window)), usedStoryIds: await usedStoryIds(pool) })),
      poolCount: (draftId, window) => g(() => poolCount(pool, draftId, window)),
      evidence: (storyIds) => g(() => representativeLabels(pool, storyIds)),
      storyJoins: (storyIds) => g(() => storyJoins(pool, storyIds)),
    },
    close: () => (ended ??= pool.end()),
  };
}

async function currentSchema(db: Queryable): Promise<string | undefined> {
  return (await db.query<{ schema: string | null }>('SELECT current_schema() AS schema')).rows[0]?.schema ?? undefined;
}

/** A window the plan asked for before its candidates were read. */
class NeedsWindow {
  constructor(readonly window: { since: string; until: string }) {}
}

/**
 * Runs the draft plan against a basis read inside the transaction. The port's basis is
 * synchronous (the plan is pure CPU: newsletter/buildDraft), while this driver reads
 * asynchronously, and which window the plan reads depends on the basis. So the plan is run, and
 * when it asks for a window not read yet, that run is abandoned, the window is read, and the plan
 * runs again: pure, it decides the same up to there. A plan reads one window, so it runs twice
 * (a plan must not catch what `candidates` throws).
 */
async function planWithCandidates<R>(db: Queryable, plan: (basis: DraftBasis) => R, replacing?: number): Promise<R> {
  const { lastUntil, nextNumber } = await draftSequence(db, replacing);
  const used = await usedStoryIds(db);
  const read = new Map<string, WindowCandidates>();
  for (let attempt = 0; attempt < 8; attempt++) {
    try {
      return plan({
        lastUntil,
        nextNumber,
        usedStoryIds: used,
        candidates(window) {
          const found = read.get(`${window.since}/${window.until}`);
          if (!found) throw new NeedsWindow(window);
          return found;
        },
      });
    } catch (error) {
      if (!(error instanceof NeedsWindow)) throw error;
      read.set(`${error.window.since}/${error.window.until}`, await storyCandidates(db, error.window));
    }
  }
  throw new Error('the draft plan kept asking for new windows: it is not a pure function of its basis');
}

/** Stores a correction with a copy of the item's text and sets the item's label (inside a transaction); see sqlite/adapter.ts. */
async function writeCorrection(db: Queryable, itemId: string, correction: LabelCorrection): Promise<Correction> {
  const text = await itemText(db, itemId);
  if (!text) throw new CorrectionError('unknown-item', `no item with id "${itemId}"`);
  const stored = { itemId, ...correction, title: text.title, summary: text.summary };
  const id = await insertCorrection(db, stored);
  await setItemLabel(db, itemId, correction.field, correction.field === 'relevant' ? correction.value === 'true' : correction.value);
  return { id, ...stored };
}

/** A draft edit and its correction of the entry's story in the caller's transaction: a refused correction rolls the edit back. */
async function correctedEdit(db: Queryable, ref: EntryRef, edit: () => Promise<boolean>, correction: LabelCorrection | undefined): Promise<boolean> {
  if (!(await edit())) return false;
  const itemId = correction && (await representativeItemId(db, ref.storyId));
  if (correction && itemId) await writeCorrection(db, itemId, correction);
  return true;
}
