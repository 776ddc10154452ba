import { ConfigError, type ConfigProblem, type FeedConfig } from '../model/index.js';
import { HEADER_VALUE, VARIABLE_REFERENCE } from './feed-rules.js';

/** Each feed's request headers with their `${NAME}` references filled in, by feed id. Secrets: never print them. */
export type FeedHeaders = ReadonlyMap<string, Readonly<Record<string, string>>>;

/**
 * Fills in the `${NAME}` references of every feed's `headers` from `env` (the composition root
 * passes the process environment). An unset or empty variable is a configuration error naming the
 * variable, the header and the feed, never a header sent empty; every problem is reported at once.
 * Messages never hold a value.
 */
export function resolveFeedHeaders(feeds: readonly FeedConfig[], env: Readonly<Record<string, string | undefined>>, file: string): FeedHeaders {
  const problems: ConfigProblem[] = [];
  const resolved = new Map<string, Record<string, string>>();
  feeds.forEach((feed, index) => {
    if (!feed.headers) return;
    const headers: Record<string, string> = {};
    for (const [name, template] of Object.entries(feed.headers)) {
      const path = `feeds[${index}].headers.${name}`;
      const missing: string[] = [];
      const value = template.replace(VARIABLE_REFERENCE, (_, variable: string) => {
        const found = env[variable];
        if (found === undefined || found === '') missing.push(variable);
        return found ?? '';
      });
      for (const variable of new Set(missing)) {
        problems.push({ path, feedId: feed.id, message: `environment variable ${variable} (in header "${name}") is not set` });
      }
      if (missing.length === 0 && !HEADER_VALUE.test(value)) {
        problems.push({ path, feedId: feed.id, message: `header "${name}" would hold a line break or a control character from its environment variable (value not shown)` });
      }
      headers[name] = value;
    }
    resolved.set(feed.id, headers);
  });
  if (problems.length > 0) throw new ConfigError(file, problems);
  return resolved;
}
