import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { labelCorrection } from '../pipeline/analysis/corrections.js';
import type { ClassifySettings } from '../model/index.js';
import { asStorageError, type Storage } from '../storage/index.js';
import { DEFAULT_SETTINGS } from '../config/defaults.js';
import { DEFAULT_SECTIONS, type SectionDefinition } from '../newsletter/sections.js';
import type { PoolOptions } from '../newsletter/pool.js';
import type { RenderOptions } from '../newsletter/render/index.js';
import { taxonomyFromSettings } from '../pipeline/classify/configured.js';
import { databaseUnavailable, ReviewError } from './errors.js';
import type { PageFetcher } from './page-info.js';
import { registerActionRoutes, wantsJson } from './routes/actions.js';
import { registerAssetRoutes } from './routes/assets.js';
import { registerPageRoutes } from './routes/pages.js';
import { registerWorkbenchRoutes } from './routes/workbench.js';
import { installSecurity } from './security.js';
import { errorPage } from './views/overview.js';

export interface ReviewServerOptions {
  /** The repositories the pages read and the edits write; opened and closed by the caller. */
  storage: Pick<Storage, 'drafts' | 'review' | 'feeds'>;
  now?: () => Date;
  /** When set, every request must carry it (required for a non-loopback bind: commands/review.ts). */
  token?: string;
  /**
   * Section definitions (settings.draft.sections): the classifier section a move between sections
   * means, and how the week's pool rebuilds the draft to tell why a story is not in it.
   */
  sections?: readonly SectionDefinition[];
  /** The rest of the draft's build settings (topic priorities, weights, lead), for the week's pool. */
  build?: Omit<PoolOptions, 'sections' | 'usedStoryIds'>;
  /** A feed's tags in feeds.yaml, for sections that match on tags (the week's pool). */
  feedTags?: (feedId: string) => readonly string[];
  /** Options of the exports (newsletter name, …). */
  renderOptions?: RenderOptions;
  /** Reads a manually added link's page (the composition root's: fetch with a 5 s timeout and a 512 KiB cap). */
  fetchPage: PageFetcher;
  /** The configured taxonomy: its topics are the ones an entry may be given, in menu order. */
  classify?: ClassifySettings;
  /**
   * The feeds feeds.yaml fetches (enabled), for the feed-health page; asked at each view of it, as
   * feeds.yaml may change while the page runs. Absent: every stored feed counts as enabled.
   */
  enabledFeedIds?: () => ReadonlySet<string>;
  /** Told about unexpected (500) errors; the page shows only a short message. */
  onError?: (error: unknown) => void;
}

/** Days of items per day on the feed-health page. */
const HEALTH_DAYS = 14;

/** Form posts are small: titles, blurbs, a link. */
const BODY_LIMIT = 64 * 1024;

/** The review web app (issue 7), ready for `listen` or for `inject` in tests. */
export function createReviewServer(options: ReviewServerOptions): FastifyInstance {
  const app = Fastify({ logger: false, bodyLimit: BODY_LIMIT });
  const now = options.now ?? (() => new Date());
  const topics = taxonomyFromSettings(options.classify ?? DEFAULT_SETTINGS.classify).topics.map((t) => ({ id: t.id, label: t.label }));
  const sections = options.sections ?? DEFAULT_SECTIONS;

  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: BODY_LIMIT }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  installSecurity(app, options.token !== undefined ? { token: options.token } : {});

  app.setErrorHandler((raw: FastifyError, request, reply) => {
    const error = databaseUnavailable(raw) ?? raw;
    let status: number;
    let code: string;
    let message: string;
    if (error instanceof ReviewError) {
      ({ status, code, message } = error);
      // A full disk or a damaged file is news for the terminal too; a passing lock is not.
      if (error.code === 'unavailable' && asStorageError(raw)?.failure !== 'busy') options.onError?.(raw);
    } else if (raw.statusCode && raw.statusCode < 500) {
      [status, code, message] = [raw.statusCode, 'bad-request', raw.message];
    } else {
      // Unexpected: a bug. The terminal gets the details, the page a short message.
      options.onError?.(raw);
      [status, code, message] = [500, 'internal', 'Internal error: see the terminal running secdigest review.'];
    }
    void reply.status(status);
    if (wantsJson(request)) return reply.send({ error: { code, message } });
    return reply.type('text/html; charset=utf-8').send(errorPage(status, message, request.csrfToken, request.url.split('?')[0]));
  });
  app.setNotFoundHandler(async (request) => {
    throw new ReviewError('not-found', `Nothing at ${request.url.split('?')[0]}.`);
  });

  registerAssetRoutes(app);
  const { drafts, review, feeds } = options.storage;
  registerPageRoutes(app, {
    drafts,
    review,
    feeds,
    now,
    topics,
    renderOptions: options.renderOptions ?? {},
    healthDays: HEALTH_DAYS,
    ...(options.enabledFeedIds ? { enabledFeedIds: options.enabledFeedIds } : {}),
  });
  registerActionRoutes(app, {
    drafts,
    review,
    now,
    topicIds: new Set(topics.map((t) => t.id)),
    classifierSection: new Map(sections.map((s) => [s.id, s.match.section])),
    fetchPage: options.fetchPage,
    checkCorrection: (correction) => labelCorrection(correction, options.classify ? { classify: options.classify } : {}),
  });
  registerWorkbenchRoutes(app, {
    drafts,
    review,
    topics,
    build: { ...options.build, sections },
    ...(options.feedTags ? { feedTags: options.feedTags } : {}),
  });
  return app;
}
