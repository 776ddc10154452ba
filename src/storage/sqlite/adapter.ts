import { CorrectionError, type Correction } from '../../model/index.js';
import type { LabelCorrection, Storage } from '../ports.js';
import { ingestItems, writeAnalysedBatch } from './analysis.js';
import { storiesByKey, storiesOfItems, storyMembers } from './stories.js';
import { correctedLabels, insertCorrection, itemText, listCorrections } from './corrections.js';
import { countUnclassified, getItemClassification, itemsToClassify, setItemLabel, writeClassification } from './classifications.js';
import { latestClassifierModel, saveClassifierModel } from './classifier-models.js';
import type { Db } from './database.js';
import { asStorageError } from './errors.js';
import { getFeedState, lastFetchAt, listFeedHealth, retryFeed, syncFeeds } from './feeds.js';
import { pageStats, pruneOldItems, vacuum } from './prune.js';
import { databaseHealth } from './health.js';
import { backupDatabase } from './backup.js';
import { inTransaction } from './transaction.js';
import { poolCount, storyCandidates } from './candidates.js';
import { deleteDraft, draftSentAt, draftSequence, findDraft, listDrafts, loadDraft, saveDraft, setDraftSent, setDraftSlot, unsentDraftOn, usedStoryIds } from './drafts.js';
import {
  addEntry,
  draftHasSection,
  firstSectionId,
  getEntryPlace,
  moveEntry,
  moveEntryToSection,
  setEntryBlurb,
  setEntryIncluded,
  setEntryLink,
  setEntryTitle,
  setEntryTopic,
  setEntryVictims,
  type EntryRef,
} from './draft-edits.js';
import { draftHistory, entryEvents, entrySnapshot, recorded, redoNext, revertEntry, undoLast } from './draft-history.js';
import { placeBeforeMove } from '../rows/draft-history.js';
import { representativeItemId, representativeLabels, storyJoins } from './entry-labels.js';
import { feedActivity } from './feed-activity.js';
import { searchItems } from './item-search.js';
import { createFeedRunWriter } from './group-commit.js';
import { countPendingAnalysis, pendingItems } from './pending-analysis.js';
import { acquireLock, lockHolder, releaseLock, renewLock } from './run-lock.js';

/**
 * Runs a synchronous better-sqlite3 call for a port method: a driver error leaves as a typed
 * StorageError (errors.ts), anything else (a bug) unchanged. Async only in signature: SQLite work
 * runs to completion on this thread, so a port call is one uninterrupted step.
 */
function guard<T>(work: () => T): Promise<T> {
  try {
    return Promise.resolve(work());
  } catch (error) {
    return Promise.reject(asStorageError(error) ?? error);
  }
}

export interface SqliteStorageOptions {
  /** The clock of the review page's history events (default: the system clock). */
  now?: () => Date;
}

/** The storage ports over one SQLite connection (opened, migrated and closed by the caller). */
export function sqliteStorage(db: Db, options: SqliteStorageOptions = {}): Storage {
  const at = () => (options.now ?? (() => new Date()))().toISOString();
  return {
    feeds: {
      sync: (feeds, now) => guard(() => syncFeeds(db, feeds, now)),
      state: (feedId) => guard(() => getFeedState(db, feedId)),
      health: (feedIds) => guard(() => listFeedHealth(db, feedIds)),
      retry: (feedIds) => guard(() => inTransaction(db, () => feedIds.forEach((id) => retryFeed(db, id)))),
      lastFetchAt: () => guard(() => lastFetchAt(db)),
      activity: (window) => guard(() => feedActivity(db, window)),
    },
    items: { search: (query) => guard(() => searchItems(db, query)) },
    maintenance: {
      pruneItems: (cutoff, options) => guard(() => pruneOldItems(db, cutoff, options)),
      pageStats: () => guard(() => pageStats(db)),
      compact: () => guard(() => vacuum(db)),
      health: () => guard(() => databaseHealth(db)),
      // Not through guard: backupDatabase types its own errors (the source's vs the destination's).
      backup: (file) => backupDatabase(db, file),
    },
    feedRuns: {
      writer(options) {
        const writer = createFeedRunWriter(db, options);
        return {
          record: (run) => guard(() => writer.record(run)),
          afterCommit: (fn) => writer.afterCommit(fn),
          flush: () => guard(() => writer.flush()),
          discard: () => writer.discard(),
        };
      },
    },
    analysis: {
      countPending: () => guard(() => countPendingAnalysis(db)),
      pending: (limit) => guard(() => pendingItems(db, limit)),
      correctedLabels: (itemIds) => guard(() => correctedLabels(db, itemIds)),
      storyMembers: ({ since, until }) => guard(() => storyMembers(db, since, until)),
      storiesByKey: ({ urlHashes, copyKeys }) => guard(() => storiesByKey(db, urlHashes, copyKeys)),
      writeBatch: (batch) => guard(() => inTransaction(db, () => writeAnalysedBatch(db, batch))),
      ingest: (input) => guard(() => ingestItems(db, input)),
      storyOf: (itemIds) => guard(() => storiesOfItems(db, itemIds)),
    },
    runLocks: {
      acquire: (name, owner, now, ttlMs, isGone) => guard(() => acquireLock(db, name, owner, now, ttlMs, isGone)),
      renew: (name, owner, now, ttlMs) => guard(() => renewLock(db, name, owner, now, ttlMs)),
      release: (name, owner) => guard(() => releaseLock(db, name, owner)),
      holder: (name) => guard(() => lockHolder(db, name)),
    },
    drafts: {
      createNext: (plan, options = {}) =>
        guard(() =>
          inTransaction(
            db,
            () => {
              const earlier = options.replaceDate === undefined ? undefined : unsentDraftOn(db, options.replaceDate);
              const { draft, result } = plan({
                ...draftSequence(db, earlier?.number),
                usedStoryIds: usedStoryIds(db),
                candidates: (window) => storyCandidates(db, window),
              });
              // Nothing to draft: an unsent draft of the date stays as it was rather than vanish.
              if (!draft) return { stored: null, result, replaced: null, kept: earlier?.number ?? null };
              if (earlier) deleteDraft(db, earlier.id);
              saveDraft(db, draft);
              const stored = loadDraft(db, draft.number);
              if (!stored) throw new Error(`draft #${draft.number} was saved but cannot be read back`);
              return { stored, result, replaced: earlier?.number ?? null, kept: null };
            },
            'immediate',
          ),
        ),
      load: (number) => guard(() => loadDraft(db, number)),
      list: () => guard(() => listDrafts(db)),
      find: (number) => guard(() => findDraft(db, number)),
      delete: (number, options = {}) =>
        guard(() =>
          inTransaction(db, () => {
            const ref = findDraft(db, number);
            if (!ref) return 'missing';
            if (draftSentAt(db, ref.id) !== null && !options.evenIfSent) return 'sent';
            deleteDraft(db, ref.id);
            return 'deleted';
          }),
        ),
      setSent: (number, at) =>
        guard(() =>
          inTransaction(db, () => {
            const ref = findDraft(db, number);
            if (!ref) return { found: false, before: null };
            const before = draftSentAt(db, ref.id);
            if (at === null || before === null) setDraftSent(db, ref.id, at);
            return { found: true, before };
          }),
        ),
      setSlot: (number, slot, text) =>
        guard(() => {
          const ref = findDraft(db, number);
          return ref ? setDraftSlot(db, ref.id, slot, text) : false;
        }),
    },
    classification: {
      latestModel: () => guard(() => latestClassifierModel(db)),
      saveModel: (model) => guard(() => saveClassifierModel(db, model)),
      corrections: (query) => guard(() => listCorrections(db, query)),
      labels: (itemId) => guard(() => getItemClassification(db, itemId)),
      countUnclassified: () => guard(() => countUnclassified(db)),
      toClassify: (query) => guard(() => itemsToClassify(db, query)),
      writeLabels: (labels, modelId) =>
        guard(() => inTransaction(db, () => labels.forEach((classification, id) => writeClassification(db, id, classification, modelId)))),
      recordCorrection: (itemId, correction) => guard(() => inTransaction(db, () => writeCorrection(db, itemId, correction))),
    },
    review: {
      entry: (ref) => guard(() => getEntryPlace(db, ref)),
      snapshot: (ref) => guard(() => entrySnapshot(db, ref)),
      setIncluded: (ref, included) => guard(() => recorded(db, ref, included ? 'include' : 'exclude', at(), () => setEntryIncluded(db, ref, included))),
      setTitle: (ref, title) => guard(() => recorded(db, ref, 'title', at(), () => setEntryTitle(db, ref, title))),
      setBlurb: (ref, blurb) => guard(() => recorded(db, ref, 'blurb', at(), () => setEntryBlurb(db, ref, blurb))),
      setVictims: (ref, victims) => guard(() => recorded(db, ref, 'victim', at(), () => setEntryVictims(db, ref, victims))),
      setLink: (ref, link, action) => guard(() => recorded(db, ref, action, at(), () => setEntryLink(db, ref, link))),
      move: (ref, step) => guard(() => recorded(db, ref, step < 0 ? 'up' : 'down', at(), () => moveEntry(db, ref, step))),
      changeTopic: (ref, topic, correction) =>
        guard(() => correctedEdit(db, ref, () => recorded(db, ref, 'topic', at(), () => setEntryTopic(db, ref, topic)), correction)),
      moveToSection: (ref, sectionId, correction, position) =>
        guard(() => correctedEdit(db, ref, () => recorded(db, ref, 'section', at(), () => moveEntryToSection(db, ref, sectionId, position) !== undefined), correction)),
      placeBeforeMove: (ref, sectionId) => guard(() => placeBeforeMove(entryEvents(db, ref, true), sectionId)),
      firstSectionId: (draftId) => guard(() => firstSectionId(db, draftId)),
      hasSection: (draftId, sectionId) => guard(() => draftHasSection(db, draftId, sectionId)),
      addEntry: (draftId, sectionId, entry, action = 'add') =>
        guard(() => recorded(db, { draftId, storyId: entry.storyId }, action, at(), () => addEntry(db, draftId, sectionId, entry))),
      revert: (ref) => guard(() => revertEntry(db, ref, at())),
      undo: (draftId) => guard(() => undoLast(db, draftId)),
      redo: (draftId) => guard(() => redoNext(db, draftId)),
      history: (draftId, limit) => guard(() => draftHistory(db, draftId, limit)),
      windowCandidates: (window) => guard(() => ({ ...storyCandidates(db, window), usedStoryIds: usedStoryIds(db) })),
      poolCount: (draftId, window) => guard(() => poolCount(db, draftId, window)),
      evidence: (storyIds) => guard(() => representativeLabels(db, storyIds)),
      storyJoins: (storyIds) => guard(() => storyJoins(db, storyIds)),
    },
    close: () => guard(() => void db.close()),
  };
}

/**
 * Stores a correction of an item with a copy of its text and sets the item's label (call inside a
 * transaction). A missing item is the caller's mistake, not the database's: a typed CorrectionError,
 * thrown before anything is written.
 */
function writeCorrection(db: Db, itemId: string, correction: LabelCorrection): Correction {
  const text = itemText(db, itemId);
  if (!text) throw new CorrectionError('unknown-item', `no item with id "${itemId}"`);
  const stored = { itemId, ...correction, title: text.title, summary: text.summary };
  const id = insertCorrection(db, stored);
  setItemLabel(db, itemId, correction.field, correction.field === 'relevant' ? correction.value === 'true' : correction.value);
  return { id, ...stored };
}

/**
 * A draft edit and its correction of the entry's story in one transaction, so a refused
 * correction rolls the edit back. No entry: nothing written; a manual entry (no story, no item):
 * the edit alone.
 */
function correctedEdit(db: Db, ref: EntryRef, edit: () => boolean, correction: LabelCorrection | undefined): boolean {
  return inTransaction(db, () => {
    if (!edit()) return false;
    const itemId = correction && representativeItemId(db, ref.storyId);
    if (correction && itemId) writeCorrection(db, itemId, correction);
    return true;
  });
}
