import { FeedError, type FetchOutcome, type FetchRequest, type FetchSettings } from '../../model/index.js';
import { runAttempt, type AttemptResult } from './attempt.js';
import { abortedError } from './classify-error.js';
import { createLocalHostLimiter, type HostLimiter } from './host-limiter.js';
import { createLimits, type Limits } from './limits.js';
import { failed, stamp, type OutcomeBody } from './outcome.js';
import { backoffDelay, sleep as realSleep } from './retry.js';
import { checkHttpUrl } from './url-check.js';

export { FEED_ACCEPT } from './headers.js';
export { backoffDelay, parseRetryAfter } from './retry.js';
export { createLocalHostLimiter, type HostLimiter, type HostPause, type HostSlot } from './host-limiter.js';

/** Side effects, injectable so tests run fast and deterministic (defaults: the real ones). */
export interface FetchDeps {
  fetch?: typeof globalThis.fetch;
  /** Must reject (or at least return) promptly when `signal` aborts. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  now?: () => number;
  /**
   * Per-host slots and Retry-After pauses. Default: this process's own; a queue worker passes one
   * shared by the fleet (src/queue/host-limiter.ts), so politeness holds across machines.
   */
  hostLimiter?: HostLimiter;
}

export interface Fetcher {
  /** Fetches one feed. Never throws for the feed's own problems: every ending is an outcome. */
  fetchFeed(request: FetchRequest, signal?: AbortSignal): Promise<FetchOutcome>;
}

interface Env {
  settings: FetchSettings;
  fetch: typeof globalThis.fetch;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  random: () => number;
  now: () => number;
  limits: Limits;
  hosts: HostLimiter;
}

/**
 * Creates the fetcher for one run. Its limiters are shared by every `fetchFeed` call, so create
 * one per process (the composition root does) rather than one per feed.
 */
export function createFetcher(settings: FetchSettings, deps: FetchDeps = {}): Fetcher {
  validateSettings(settings);
  const hosts = deps.hostLimiter ?? createLocalHostLimiter(settings.perHostConcurrency);
  const env: Env = {
    settings,
    fetch: deps.fetch ?? globalThis.fetch,
    sleep: deps.sleep ?? realSleep,
    random: deps.random ?? Math.random,
    now: deps.now ?? Date.now,
    hosts,
    limits: createLimits(settings.concurrency, hosts),
  };
  return { fetchFeed: (request, signal) => fetchFeed(env, request, signal) };
}

async function fetchFeed(env: Env, request: FetchRequest, signal?: AbortSignal): Promise<FetchOutcome> {
  const started = env.now();
  let attempts = 0;
  const finish = (body: OutcomeBody) => stamp(body, attempts, env.now() - started);

  const checked = checkHttpUrl(request.url);
  if (!checked.ok) return finish(failed(null, new FeedError('unsupported-scheme', checked.reason)));
  const url = checked.url;

  const host = url.host.toLowerCase();
  // The latest Retry-After this fetch has already waited out: the host's pause it recorded itself
  // is then over, whatever the clock says (tests fix the clock).
  let waitedUntil = 0;
  let hostWaits = 0;
  for (;;) {
    // A Retry-After another feed (or another worker) got from this host holds for every feed of it.
    const paused = await env.hosts.pausedUntil(host, env.now());
    if (paused && paused.untilMs > waitedUntil) {
      const wait = paused.untilMs - env.now();
      // Bounded like the feed's own Retry-After: a host that keeps pausing defers the feed instead.
      if (wait > env.settings.maxRetryAfterWaitMs || hostWaits > env.settings.retries) {
        return finish({ kind: 'rate-limited', status: paused.status, retryAt: new Date(paused.untilMs).toISOString() });
      }
      hostWaits += 1;
      waitedUntil = paused.untilMs;
      if (!(await sleepOrStop(env, wait, signal))) return finish(abortedOutcome(signal!));
      continue;
    }

    let result: AttemptResult;
    try {
      // Slots are held for one attempt only, never across the sleep between attempts.
      result = await env.limits.run(
        host,
        async (): Promise<AttemptResult> => {
          if (signal?.aborted) return { kind: 'final', outcome: abortedOutcome(signal) };
          attempts += 1;
          return runAttempt({ settings: env.settings, fetch: env.fetch, now: env.now, request, url, signal });
        },
        signal,
      );
    } catch (error) {
      // Stopped while waiting for the host's slot.
      if (signal?.aborted) return finish(abortedOutcome(signal));
      throw error;
    }
    if (result.kind === 'final') return finish(result.outcome);

    const retriesLeft = attempts <= env.settings.retries;
    let delay: number;
    if (result.kind === 'retry-after') {
      await env.hosts.pause(host, { untilMs: result.retryAtMs, status: result.status });
      const wait = Math.max(0, result.retryAtMs - env.now());
      if (!retriesLeft || wait > env.settings.maxRetryAfterWaitMs) {
        return finish({ kind: 'rate-limited', status: result.status, retryAt: new Date(result.retryAtMs).toISOString() });
      }
      delay = wait;
      waitedUntil = Math.max(waitedUntil, result.retryAtMs);
    } else {
      if (!retriesLeft) return finish(failed(result.status, result.error));
      delay = backoffDelay(attempts - 1, env.settings, env.random);
    }

    if (!(await sleepOrStop(env, delay, signal))) return finish(abortedOutcome(signal!));
  }
}

/** Sleeps; false when the signal stopped the sleep (or had already fired by its end). */
async function sleepOrStop(env: Env, ms: number, signal: AbortSignal | undefined): Promise<boolean> {
  try {
    await env.sleep(ms, signal);
  } catch (error) {
    if (signal?.aborted) return false;
    throw error; // a broken injected sleep is a programmer error
  }
  return !signal?.aborted;
}

function abortedOutcome(signal: AbortSignal): OutcomeBody {
  return failed(null, abortedError(signal.reason));
}

/** Settings come validated from config; a bad value here is a wiring bug, so it throws. */
function validateSettings(settings: FetchSettings): void {
  const positive = ['timeoutMs', 'maxBodyBytes', 'concurrency', 'perHostConcurrency'] as const;
  const nonNegative = ['maxRedirects', 'retries', 'retryBaseDelayMs', 'retryMaxDelayMs', 'maxRetryAfterWaitMs'] as const;
  for (const key of positive) {
    if (!(Number.isFinite(settings[key]) && settings[key] > 0)) throw new RangeError(`fetch settings: ${key} must be > 0`);
  }
  for (const key of nonNegative) {
    if (!(Number.isFinite(settings[key]) && settings[key] >= 0)) throw new RangeError(`fetch settings: ${key} must be >= 0`);
  }
  for (const key of ['concurrency', 'perHostConcurrency', 'maxRedirects', 'retries'] as const) {
    if (!Number.isInteger(settings[key])) throw new RangeError(`fetch settings: ${key} must be an integer`);
  }
  if (!settings.userAgent.trim()) throw new RangeError('fetch settings: userAgent must not be empty');
}
