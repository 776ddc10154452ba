import { describe, expect, it } from 'vitest';
import { StorageError } from '../../model/index.js';
import { asStorageError, isEnvironmentFailure } from './errors.js';

const driverError = (code: string) => Object.assign(new Error(`driver says ${code}`), { code });

describe('driver errors as typed storage errors', () => {
  it.each([
    ['SQLITE_BUSY', 'busy'],
    ['SQLITE_LOCKED_SHAREDCACHE', 'busy'],
    ['SQLITE_FULL', 'full'],
    ['SQLITE_CORRUPT', 'damaged'],
    ['SQLITE_NOTADB', 'damaged'],
    ['SQLITE_IOERR_SHORT_READ', 'damaged'],
    ['SQLITE_IOERR_WRITE', 'unavailable'],
    ['SQLITE_READONLY', 'unavailable'],
    ['SQLITE_CANTOPEN', 'unavailable'],
    ['SQLITE_CONSTRAINT_PRIMARYKEY', 'constraint'],
  ])('maps %s to %s, keeping the driver code and message', (code, failure) => {
    const mapped = asStorageError(driverError(code));
    expect(mapped).toBeInstanceOf(StorageError);
    expect(mapped).toMatchObject({ failure, driverCode: code, code: 'storage', message: `driver says ${code}` });
    expect(isEnvironmentFailure(driverError(code))).toBe(failure !== 'constraint');
  });

  it('leaves anything else alone: a bug, a file-system error, an unmapped driver code', () => {
    expect(asStorageError(new RangeError('bug'))).toBeUndefined();
    expect(asStorageError(Object.assign(new Error('no such file'), { code: 'ENOENT' }))).toBeUndefined();
    expect(asStorageError(driverError('SQLITE_ERROR'))).toBeUndefined();
    expect(isEnvironmentFailure(null)).toBe(false);
  });

  it('passes a StorageError through unchanged', () => {
    const error = new StorageError('busy', 'SQLITE_BUSY', 'database is locked');
    expect(asStorageError(error)).toBe(error);
  });
});
