import type { App } from '../app.js';
import { analyzePending, type AnalysisSummary } from '../pipeline/analysis/index.js';
import { lazyClassifier } from '../pipeline/analysis/classifier.js';
import { withRunLock } from '../scheduler/run-lock.js';
import { COLLECT_LOCK, COLLECT_LOCK_TTL_MS } from './collect.js';

export interface AnalyzePendingOptions {
  onWarning?: (message: string) => void;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
  /** How long to wait for a running collect (which analyses its own items) before giving up. */
  waitMs?: number;
}

/**
 * `secdigest analyze --pending`: finishes the stored items a killed or stopped run left pending
 * analysis. It holds the collect lock, since a collect's own analysis stage works on the same items.
 */
export function runPendingAnalysis(app: App, options: AnalyzePendingOptions = {}): Promise<AnalysisSummary> {
  const signal = options.signal ? { signal: options.signal } : {};
  return withRunLock(app.storage.runLocks, COLLECT_LOCK, { ttlMs: COLLECT_LOCK_TTL_MS, waitMs: options.waitMs ?? 0, ...signal }, () =>
    analyzePending({
      store: app.storage.analysis,
      settings: app.config.settings,
      classifier: lazyClassifier(app.storage.classification, app.config.settings.classify, options.onWarning ? { onWarning: options.onWarning } : {}),
      now: app.now,
      ...signal,
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(options.onWarning ? { onWarning: options.onWarning } : {}),
    }),
  );
}
