import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describeStorageContract } from '../../../test/support/storage-contract/index.js';
import { openDatabase, sqliteStorage } from '../index.js';

// The ports' contract against SQLite: a fresh file database per test (WAL, as in production).
describeStorageContract('SQLite', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'secdigest-contract-'));
  const db = openDatabase(path.join(dir, 'contract.db'));
  const storage = sqliteStorage(db);
  return {
    storage,
    cleanup: async () => {
      await storage.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
});
