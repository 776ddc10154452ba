/** A flag column as each engine returns it: SQLite stores 0 / 1, PostgreSQL a BOOLEAN. */
export type Flag = number | boolean;

/** True for SQLite's 1 and PostgreSQL's true; false for 0, false and NULL. */
export function isSet(flag: Flag | null): boolean {
  return flag === true || flag === 1;
}
