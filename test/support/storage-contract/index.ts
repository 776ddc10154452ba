/**
 * The storage ports' contract (src/storage/ports.ts): every repository exercised through the
 * interfaces only, so each implementation (SQLite and PostgreSQL) runs the same suite unchanged.
 * An implementation's test file calls `describeStorageContract` with a factory that opens a
 * fresh, empty, migrated store and a cleanup.
 */
import { afterEach, beforeEach, describe } from 'vitest';
import type { Storage } from '../../../src/storage/index.js';
import { analysisContract } from './analysis.js';
import { collectionContract } from './collection.js';
import { historyContract } from './history.js';
import { itemsContract } from './items.js';
import type { OpenedStorage } from './data.js';
import { lifecycleContract } from './lifecycle.js';
import { reviewContract } from './review.js';

export type { OpenedStorage } from './data.js';

export function describeStorageContract(name: string, open: () => Promise<OpenedStorage>): void {
  describe(`storage contract: ${name}`, () => {
    let opened: OpenedStorage | undefined;
    const ctx = {
      get storage(): Storage {
        if (!opened) throw new Error('the contract suite reads storage outside a test');
        return opened.storage;
      },
    };
    beforeEach(async () => {
      opened = await open();
    });
    afterEach(async () => {
      await opened?.cleanup();
      opened = undefined;
    });
    collectionContract(ctx);
    analysisContract(ctx);
    reviewContract(ctx);
    historyContract(ctx);
    lifecycleContract(ctx);
    itemsContract(ctx);
  });
}
