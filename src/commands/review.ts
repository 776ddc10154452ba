import fs from 'node:fs';
import type { App } from '../app.js';
import type { FeedConfig, Settings } from '../model/index.js';
import { loadConfig } from '../config/index.js';
import { configuredRenderOptions } from './render-options.js';
import { topicPriority } from './draft.js';
import { UsageError } from '../model/index.js';
import { createReviewServer, isLoopbackHost, type PageFetcher } from '../web/index.js';

export interface ReviewOptions {
  host: string;
  port: number;
  /** Required when `host` is not a loopback address; then every request must carry it. */
  token?: string;
  /**
   * feeds.yaml, read again at each view of the feed-health page so a feed added or switched off
   * while the page runs shows as it is (a file mid-edit keeps the last good list). Absent: the
   * feeds of the configuration the app was opened with.
   */
  configPath?: string;
  /** Injected for tests. */
  fetchPage?: PageFetcher;
  onError?: (error: unknown) => void;
}

export interface ReviewHandle {
  /** The address to open (with `?token=` when a token is set). */
  url: string;
  close(): Promise<void>;
}

export const MIN_TOKEN_LENGTH = 16;

/**
 * `secdigest review`: serves the review page over the app's database until closed. Binding
 * beyond loopback exposes the drafts to the network, so it needs a token (checked here, before
 * anything listens).
 */
export async function startReview(
  app: Pick<App, 'storage' | 'now' | 'fetchPage'> & { config: { file: string; settings: Pick<Settings, 'classify' | 'draft' | 'issue'>; feeds: readonly Pick<FeedConfig, 'id' | 'enabled' | 'tags'>[] } },
  options: ReviewOptions,
): Promise<ReviewHandle> {
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) {
    throw new UsageError(`--port must be a number from 0 to 65535 (got ${options.port})`);
  }
  const token = options.token || undefined;
  if (!isLoopbackHost(options.host) && token === undefined) {
    throw new UsageError(`binding ${options.host} exposes the review page beyond this machine: give --token (or SECDIGEST_REVIEW_TOKEN)`);
  }
  if (token !== undefined && token.length < MIN_TOKEN_LENGTH) {
    throw new UsageError(`the review token must be at least ${MIN_TOKEN_LENGTH} characters (try \`openssl rand -hex 16\`)`);
  }
  const { settings } = app.config;
  let feeds = app.config.feeds;
  let readVersion: string | undefined;
  const enabledFeedIds = () => {
    // Parsed again only when the file changed (its size or modification time), not at every view.
    const stat = options.configPath ? fs.statSync(options.configPath, { throwIfNoEntry: false }) : undefined;
    const version = stat ? `${stat.size}:${stat.mtimeMs}` : undefined;
    if (options.configPath && version !== undefined && version !== readVersion) {
      try {
        feeds = loadConfig(options.configPath).feeds;
        readVersion = version;
      } catch {
        // Mid-edit or broken: the last good list; `collect` and `doctor` report the problem.
      }
    }
    return new Set(feeds.filter((feed) => feed.enabled).map((feed) => feed.id));
  };
  const server = createReviewServer({
    storage: app.storage,
    now: app.now,
    ...(token !== undefined ? { token } : {}),
    classify: settings.classify,
    enabledFeedIds,
    sections: settings.draft.sections,
    // The week's pool rebuilds the draft as `secdigest draft` built it (commands/draft.ts).
    build: {
      topicPriority: topicPriority(settings),
      weights: settings.draft.weights,
      lead: settings.draft.lead.enabled ? { from: settings.draft.lead.from, title: settings.draft.lead.title } : false,
    },
    feedTags: (feedId) => feeds.find((feed) => feed.id === feedId)?.tags ?? [],
    renderOptions: configuredRenderOptions(app.config, ['md', 'html']),
    fetchPage: options.fetchPage ?? app.fetchPage,
    ...(options.onError ? { onError: options.onError } : {}),
  });
  try {
    await server.listen({ host: options.host, port: options.port });
  } catch (error) {
    await server.close();
    throw listenError(error, options);
  }
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const host = options.host.includes(':') && !options.host.startsWith('[') ? `[${options.host}]` : options.host;
  const base = `http://${host}:${port}/`;
  return { url: token !== undefined ? `${base}?token=${encodeURIComponent(token)}` : base, close: () => server.close() };
}

/** A port in use or an address this machine does not have is the editor's choice to change (exit 2), not a bug. */
function listenError(error: unknown, options: ReviewOptions): unknown {
  const reasons: Record<string, string> = {
    EADDRINUSE: 'the port is in use (another review page?): pick another with --port, or 0 for any free one',
    EADDRNOTAVAIL: 'this machine has no such address',
    ENOTFOUND: 'no such host',
    EACCES: 'permission denied (ports below 1024 need privileges)',
  };
  const reason = reasons[(error as NodeJS.ErrnoException).code ?? ''];
  return reason ? new UsageError(`cannot listen on ${options.host}:${options.port}: ${reason}`) : error;
}
