import pLimit, { type LimitFunction } from 'p-limit';

/** Runs work under a global cap and a per-host cap. */
export interface Limits {
  run<T>(host: string, work: () => Promise<T>): Promise<T>;
}

/**
 * One global limiter and one limiter per host, created on first use. The host slot is taken
 * first and the global slot inside it: a request waiting for its busy host then holds no global
 * slot, so one slow host cannot starve the others. Hosts are `URL.host` (name and port).
 * The map keeps one small entry per host ever fetched; the feed list bounds it.
 */
export function createLimits(concurrency: number, perHostConcurrency: number): Limits {
  const global = pLimit(concurrency);
  const perHost = new Map<string, LimitFunction>();
  return {
    run(host, work) {
      const key = host.toLowerCase();
      let hostLimit = perHost.get(key);
      if (!hostLimit) {
        hostLimit = pLimit(perHostConcurrency);
        perHost.set(key, hostLimit);
      }
      return hostLimit(() => global(work));
    },
  };
}
