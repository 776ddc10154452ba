import type pg from 'pg';

/** A pool or a client inside a transaction: every repository function takes one. */
export type Queryable = pg.Pool | pg.PoolClient;

/** Every row of a query. */
export async function all<T>(db: Queryable, sql: string, params: readonly unknown[] = []): Promise<T[]> {
  return (await db.query(sql, params as unknown[])).rows as T[];
}

/** The first row, or undefined. */
export async function first<T>(db: Queryable, sql: string, params: readonly unknown[] = []): Promise<T | undefined> {
  return (await db.query(sql, params as unknown[])).rows[0] as T | undefined;
}

/** How many rows a write changed (better-sqlite3's `changes`). */
export async function changes(db: Queryable, sql: string, params: readonly unknown[] = []): Promise<number> {
  return (await db.query(sql, params as unknown[])).rowCount ?? 0;
}
