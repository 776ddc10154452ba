import { UsageError } from '../model/index.js';

/** What the editor asked for on the command line (raw flag values). */
export interface WindowFlags {
  /** `--since`: YYYY-MM-DD (midnight UTC) or an ISO 8601 time with a zone. */
  since?: string | undefined;
  /** `--window`: a duration before the window's end, e.g. `24h`, `90m`, `7d`, `1w`. */
  window?: string | undefined;
  /** `--date`: the issue's date, YYYY-MM-DD. */
  date?: string | undefined;
}

export interface DraftWindow {
  since: string;
  until: string;
  /** The issue's date, YYYY-MM-DD. */
  date: string;
  /** Where `since` came from, for the summary. */
  basis: 'since' | 'window' | 'last-draft' | 'default';
}

const DAY_MS = 86_400_000;
const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: DAY_MS, w: 7 * DAY_MS };

/** The issue's date: `--date`, else today (UTC). Known before storage is read, so a redraft can find the draft it replaces. */
export function issueDate(flags: Pick<WindowFlags, 'date'>, now: Date): string {
  if (flags.date === undefined) return now.toISOString().slice(0, 10);
  if (parseDay(flags.date) === undefined) throw new UsageError(`--date must be a date as YYYY-MM-DD (got "${flags.date}")`);
  return flags.date;
}

/**
 * The draft's window, from the flags, the clock and the last draft (pure). The window ends at `now`,
 * or with `--date D` at the end of day D (UTC) if that is earlier: a past issue is drafted the same
 * way whenever it is run. It starts at `--since`, or `--window` before its end, or where the last
 * draft ended, or `defaultHours` before its end.
 */
export function resolveWindow(flags: WindowFlags, ctx: { now: Date; lastUntil: string | undefined; defaultHours: number }): DraftWindow {
  if (flags.since !== undefined && flags.window !== undefined) {
    throw new UsageError('--since and --window cannot be used together: --since names the start, --window the length');
  }
  const date = issueDate(flags, ctx.now);
  // With --date the window ends at the end of that day, or now if that is earlier.
  const until = flags.date === undefined ? ctx.now.getTime() : Math.min(ctx.now.getTime(), parseDay(date)! + DAY_MS);

  let since: number;
  let basis: DraftWindow['basis'];
  if (flags.since !== undefined) {
    const parsed = parseInstant(flags.since);
    if (parsed === undefined) {
      throw new UsageError(`--since must be YYYY-MM-DD or an ISO 8601 time with a zone, e.g. 2026-11-24T06:00:00Z (got "${flags.since}")`);
    }
    [since, basis] = [parsed, 'since'];
  } else if (flags.window !== undefined) {
    const length = parseDuration(flags.window);
    if (length === undefined) throw new UsageError(`--window must be a duration such as 24h, 90m, 7d or 1w (got "${flags.window}")`);
    [since, basis] = [until - length, 'window'];
  } else if (ctx.lastUntil !== undefined) {
    [since, basis] = [Date.parse(ctx.lastUntil), 'last-draft'];
  } else {
    [since, basis] = [until - ctx.defaultHours * 3_600_000, 'default'];
  }

  if (since > until) {
    const why = basis === 'last-draft' ? ' (where the last draft ended)' : '';
    throw new UsageError(
      `the window would start at ${iso(since)}${why}, after its end ${iso(until)}: pass --since or --window, or a later --date`,
    );
  }
  return { since: iso(since), until: iso(until), date, basis };
}

/** `24h`, `90m`, `7d`, `1w`, `1.5d` → milliseconds; anything else (or zero) is undefined. */
export function parseDuration(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)\s*([mhdw])$/i.exec(text.trim());
  if (!match) return undefined;
  const ms = Number(match[1]) * UNIT_MS[match[2]!.toLowerCase()]!;
  return ms > 0 && Number.isFinite(ms) ? ms : undefined;
}

/** Midnight UTC of a real calendar day written YYYY-MM-DD (2026-02-30 is refused). */
function parseDay(text: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return undefined;
  const ms = Date.parse(`${text}T00:00:00Z`);
  return !Number.isNaN(ms) && iso(ms).slice(0, 10) === text ? ms : undefined;
}

/**
 * A day, or an ISO 8601 time that names its zone. A time without a zone is refused: JavaScript
 * would read it in the machine's local zone, and the same command would draft different issues
 * on different machines.
 */
export function parseInstant(text: string): number | undefined {
  const day = parseDay(text);
  if (day !== undefined) return day;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/i.test(text)) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
