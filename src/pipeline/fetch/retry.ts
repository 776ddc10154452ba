/**
 * When and how long to wait before another attempt. Pure functions plus the default sleep, so the
 * fetcher's tests inject a recording sleep and a fixed random.
 */

/** RFC 9110 §5.6.7 IMF-fixdate and obsolete RFC 850 date (zone tolerated as GMT, UTC or +0000). */
const HTTP_DATE = /^[A-Za-z]{3,9}, \d{1,2}[ -][A-Za-z]{3}[ -]\d{2,4} \d{2}:\d{2}:\d{2} (?:GMT|UTC|[+-]0000)$/;
/** asctime() form: has no zone, and HTTP dates are always UTC. */
const ASCTIME_DATE = /^[A-Za-z]{3} [A-Za-z]{3} [ \d]\d \d{2}:\d{2}:\d{2} \d{4}$/;
/** Latest instant a JavaScript Date can hold; anything later is treated as unusable. */
const MAX_DATE_MS = 8.64e15;

/**
 * Parses a Retry-After value (RFC 9110 §10.2.3: delay-seconds or HTTP-date) into an absolute time
 * in epoch milliseconds. Returns undefined when absent or unparseable, so the caller falls back to
 * its own backoff. A date in the past is returned as is (the caller waits 0).
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (value == null) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) {
    const at = nowMs + Number(text) * 1000;
    return at <= MAX_DATE_MS ? at : undefined;
  }
  let date: number;
  if (HTTP_DATE.test(text)) date = Date.parse(text);
  else if (ASCTIME_DATE.test(text)) date = Date.parse(`${text} GMT`);
  else return undefined;
  return Number.isFinite(date) ? date : undefined;
}

export interface BackoffSettings {
  retryBaseDelayMs: number;
  retryMaxDelayMs: number;
}

/**
 * "Full jitter" exponential backoff (AWS Architecture Blog, "Exponential Backoff and Jitter"):
 * a uniform wait in [0, min(max, base·2^n)), so feeds failing together do not retry together.
 * `retryIndex` is 0 for the first retry.
 */
export function backoffDelay(retryIndex: number, settings: BackoffSettings, random: () => number): number {
  const ceiling = Math.min(settings.retryMaxDelayMs, settings.retryBaseDelayMs * 2 ** retryIndex);
  return ceiling * random();
}

/** Real timer that rejects with the signal's reason when the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
