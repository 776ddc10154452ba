import type pg from 'pg';

/**
 * Runs `work` on one connection between BEGIN and COMMIT (ROLLBACK when it throws, or always with
 * `commit: false`: prune's dry run counts with the same code and keeps nothing). READ COMMITTED,
 * PostgreSQL's default: a method that reads before it writes and must not race another process
 * takes a lock first (`lockFor`), as SQLite's BEGIN IMMEDIATE does.
 */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>, options: { commit?: boolean } = {}): Promise<T> {
  const client = await pool.connect();
  // A connection whose ROLLBACK failed is in an unknown state: destroyed rather than reused.
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query(options.commit === false ? 'ROLLBACK' : 'COMMIT');
    return result;
  } catch (error) {
    try {
      await client.query('ROLLBACK');
    } catch (rollbackError) {
      broken = rollbackError as Error;
    }
    throw error;
  } finally {
    client.release(broken);
  }
}

/** The first key of every advisory lock secdigest takes ("secd"), so they never meet another application's. */
export const LOCK_CLASS = 0x73656364;

/**
 * Takes a transaction-scoped advisory lock named `name` in the current schema, released at COMMIT
 * or ROLLBACK: two processes on one schema queue there, two schemas of one database do not.
 */
export async function lockFor(client: pg.PoolClient, name: string): Promise<void> {
  await client.query("SELECT pg_advisory_xact_lock($1, hashtext(current_schema() || ':' || $2::text))", [LOCK_CLASS, name]);
}
