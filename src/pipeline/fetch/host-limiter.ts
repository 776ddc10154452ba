/**
 * Per-host politeness behind one small interface, so the same fetcher is polite on its own (one
 * process: `createLocalHostLimiter`) and across a fleet of workers (src/queue/host-limiter.ts keeps
 * the slots and the pauses in Redis). Hosts are `URL.host` (name and port), lower-cased by the caller.
 */

/** A held slot to one host; released once the attempt is over, whatever its outcome. */
export interface HostSlot {
  release(): Promise<void>;
}

/** A host asked everyone to wait (429/503 with Retry-After) until `untilMs` (epoch milliseconds). */
export interface HostPause {
  untilMs: number;
  status: 429 | 503;
}

export interface HostLimiter {
  /**
   * Waits until fewer than `perHostConcurrency` requests to `host` are in flight among everyone
   * sharing this limiter, then takes a slot. Rejects with the signal's reason when it aborts.
   */
  acquire(host: string, signal?: AbortSignal): Promise<HostSlot>;
  /** The pause a Retry-After put on `host`, if one is still running at `nowMs`. */
  pausedUntil(host: string, nowMs: number): Promise<HostPause | undefined>;
  /** Records a Retry-After for the whole host; a later pause already recorded is kept. */
  pause(host: string, pause: HostPause): Promise<void>;
}

/**
 * The in-process limiter: a counting semaphore per host (waiters served in order) and a map of
 * pauses. The maps keep one small entry per host ever fetched; the feed list bounds them.
 */
export function createLocalHostLimiter(perHostConcurrency: number): HostLimiter {
  const hosts = new Map<string, { active: number; waiting: (() => void)[] }>();
  const pauses = new Map<string, HostPause>();

  const release = (key: string) => {
    const host = hosts.get(key)!;
    const next = host.waiting.shift();
    // The slot passes straight to the next waiter, so a newcomer cannot overtake it.
    if (next) next();
    else host.active -= 1;
  };

  return {
    acquire(key, signal) {
      let host = hosts.get(key);
      if (!host) {
        host = { active: 0, waiting: [] };
        hosts.set(key, host);
      }
      const slot: HostSlot = { release: async () => release(key) };
      if (signal?.aborted) return Promise.reject(signal.reason);
      if (host.active < perHostConcurrency) {
        host.active += 1;
        return Promise.resolve(slot);
      }
      const queue = host.waiting;
      return new Promise<HostSlot>((resolve, reject) => {
        const grant = () => {
          signal?.removeEventListener('abort', onAbort);
          resolve(slot);
        };
        const onAbort = () => {
          const index = queue.indexOf(grant);
          if (index >= 0) queue.splice(index, 1);
          reject(signal?.reason);
        };
        queue.push(grant);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    },
    async pausedUntil(key, nowMs) {
      const pause = pauses.get(key);
      if (pause && pause.untilMs > nowMs) return pause;
      if (pause) pauses.delete(key);
      return undefined;
    },
    async pause(key, pause) {
      const current = pauses.get(key);
      if (!current || current.untilMs < pause.untilMs) pauses.set(key, pause);
    },
  };
}
