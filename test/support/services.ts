/**
 * PostgreSQL and Redis for the tests that need them (issue 20). Every development and CI machine
 * runs both on 127.0.0.1; a user's laptop may not. Where a server is unreachable those tests skip
 * with a message, unless SECDIGEST_REQUIRE_SERVICES=1 (set by .ci/run), where they fail instead, so
 * CI always exercises them.
 */
import net from 'node:net';

export const POSTGRES_URL = process.env.SECDIGEST_TEST_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/test';
export const REDIS_URL = process.env.SECDIGEST_TEST_REDIS ?? 'redis://127.0.0.1:6379';

const required = process.env.SECDIGEST_REQUIRE_SERVICES === '1';

function reachable(url: string, defaultPort: number): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port || defaultPort) });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * Whether the server answers. When it does not: throws under SECDIGEST_REQUIRE_SERVICES=1, else
 * prints why the tests skip and returns false (use with `describe.skipIf(!available)`).
 */
async function service(name: string, url: string, defaultPort: number): Promise<boolean> {
  if (await reachable(url, defaultPort)) return true;
  const message = `${name} is not reachable at ${url}`;
  if (required) throw new Error(`${message}, and SECDIGEST_REQUIRE_SERVICES=1 requires it`);
  console.warn(`${message}: skipping the tests that need it (set SECDIGEST_TEST_${name.toUpperCase()} to point elsewhere)`);
  return false;
}

export const postgresAvailable = (): Promise<boolean> => service('Postgres', POSTGRES_URL, 5432);
export const redisAvailable = (): Promise<boolean> => service('Redis', REDIS_URL, 6379);

/** A name unique to this test process, for a schema, database or key prefix it creates and drops. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${process.pid}_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6).toString(36)}`;
}

/** Drops a schema a test created in the PostgreSQL test database (and everything in it). */
export async function dropSchema(...schemas: string[]): Promise<void> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}
