/**
 * What both engines' schemas are made of (sqlite/migrations.ts, postgres/migrations.ts, each with
 * its own numbering and SQL): an ordered list of migrations, never edited once shipped, each
 * applied in its own transaction with its version row.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Refuses a database whose schema is newer than the newest migration this release has (an older secdigest on a newer database). */
export function refuseNewerSchema(current: number, migrations: readonly Migration[]): void {
  const newest = migrations.at(-1)?.version ?? 0;
  if (current > newest) {
    throw new Error(`database schema version ${current} is newer than this secdigest understands (${newest}): upgrade secdigest`);
  }
}
