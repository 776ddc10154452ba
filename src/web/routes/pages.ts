import type { FastifyInstance } from 'fastify';
import type { DraftSlot } from '../../model/index.js';
import { renderDraft, type RenderOptions } from '../../newsletter/render/index.js';
import { SETTINGS_SLOTS } from '../../newsletter/render/slots.js';
import { resolveRenderOptions } from '../../newsletter/render/view.js';
import type { DraftRef, DraftRepository, FeedRepository, ReviewRepository, StoredDraft } from '../../storage/index.js';
import { ReviewError } from '../errors.js';
import { draftPage } from '../views/draft.js';
import { HISTORY_SHOWN } from '../views/history.js';
import { poolSize } from '../pool.js';
import { draftsPage, feedsPage } from '../views/overview.js';

/** What the pages and the edits read to find a draft. */
export type DraftLookup = Pick<DraftRepository, 'load' | 'list' | 'find'>;

export interface PageDeps {
  drafts: DraftLookup;
  review: Pick<ReviewRepository, 'evidence' | 'storyJoins' | 'history' | 'windowCandidates' | 'poolCount'>;
  feeds: Pick<FeedRepository, 'activity'>;
  now: () => Date;
  topics: readonly { id: string; label: string }[];
  renderOptions: RenderOptions;
  healthDays: number;
  enabledFeedIds?: () => ReadonlySet<string>;
}

/** A draft by the number in the URL, or a 404. */
function draftOr404(drafts: DraftLookup, number: string): Promise<StoredDraft> {
  return byNumberOr404(number, (n) => drafts.load(n));
}

/** Only the draft's row id and number, or a 404: what an edit needs (it reads no sections or entries). */
export function draftRefOr404(drafts: DraftLookup, number: string): Promise<DraftRef> {
  return byNumberOr404(number, (n) => drafts.find(n));
}

/** What `find` gives for the draft number in the URL, or a 404. */
export async function byNumberOr404<T>(number: string, find: (number: number) => Promise<T | undefined>): Promise<T> {
  const found = /^\d{1,9}$/.test(number) ? await find(Number(number)) : undefined;
  if (!found) throw new ReviewError('not-found', `There is no draft #${number}.`);
  return found;
}

/** What an empty editor part prints instead (settings.issue's newsletter-wide text), shown as the form's hint. */
function slotDefaults(options: RenderOptions): Partial<Record<DraftSlot, string>> {
  const { issue } = resolveRenderOptions(options);
  const defaults: Partial<Record<DraftSlot, string>> = {};
  for (const slot of SETTINGS_SLOTS) {
    const text = issue[slot];
    if (typeof text === 'string') defaults[slot] = text;
  }
  return defaults;
}

const PREVIEW_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

/** A whole page around the exported fragment; links open outside the frame. */
function previewDocument(number: number, fragment: string): string {
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><base target="_blank"><title>Preview of issue #${number}</title></head>\n<body style="margin: 16px;">\n<main>\n${fragment}</main>\n</body></html>\n`;
}

const EXPORTS = { md: 'text/markdown; charset=utf-8', html: 'text/html; charset=utf-8' } as const;

export function registerPageRoutes(app: FastifyInstance, deps: PageDeps): void {
  app.get('/', async (_request, reply) => {
    const latest = await deps.drafts.load();
    return reply.redirect(latest ? `/drafts/${latest.number}` : '/drafts', 303);
  });

  app.get('/drafts', async (request, reply) => reply.type('text/html; charset=utf-8').send(draftsPage(await deps.drafts.list(), request.csrfToken)));

  app.get<{ Params: { number: string } }>('/drafts/:number', async (request, reply) => {
    const draft = await draftOr404(deps.drafts, request.params.number);
    const storyIds = draft.sections.flatMap((s) => s.entries.map((e) => e.storyId));
    const [evidence, joins, history, pool] = await Promise.all([
      deps.review.evidence(storyIds),
      deps.review.storyJoins(storyIds),
      deps.review.history(draft.id, HISTORY_SHOWN),
      poolSize(deps, draft),
    ]);
    const workbench = { draft, poolSize: pool, history, topics: deps.topics, csrfToken: request.csrfToken };
    return reply
      .type('text/html; charset=utf-8')
      .send(draftPage({ draft, topics: deps.topics, evidence, joins, csrfToken: request.csrfToken, slotDefaults: slotDefaults(deps.renderOptions), workbench }));
  });

  for (const format of Object.keys(EXPORTS) as (keyof typeof EXPORTS)[]) {
    // Excluded entries are left out by the renderers themselves (render/view.ts visibleSections).
    app.get<{ Params: { number: string } }>(`/drafts/:number/export.${format}`, async (request, reply) => {
      const draft = await draftOr404(deps.drafts, request.params.number);
      return reply
        .type(EXPORTS[format])
        .header('Content-Disposition', `attachment; filename="secdigest-${draft.number}-${draft.date}.${format}"`)
        .send(renderDraft(draft, format, deps.renderOptions));
    });
  }

  // The issue as readers get it (the HTML export), for the draft page's sandboxed preview frame. The
  // export is e-mail HTML with inline styles, so this one page allows inline styles, no script,
  // and framing by this server's own pages only.
  app.get<{ Params: { number: string } }>('/drafts/:number/preview', async (request, reply) => {
    const draft = await draftOr404(deps.drafts, request.params.number);
    return reply
      .type('text/html; charset=utf-8')
      .header('Content-Security-Policy', PREVIEW_POLICY)
      .header('X-Frame-Options', 'SAMEORIGIN')
      .send(previewDocument(draft.number, renderDraft(draft, 'html', deps.renderOptions)));
  });

  app.get('/feeds', async (request, reply) => {
    const now = deps.now();
    const feeds = await deps.feeds.activity({ until: now, days: deps.healthDays });
    const enabled = deps.enabledFeedIds?.();
    const isEnabled = enabled ? { isEnabled: (id: string) => enabled.has(id) } : {};
    return reply.type('text/html; charset=utf-8').send(feedsPage(feeds, { now, days: deps.healthDays, csrfToken: request.csrfToken, ...isEnabled }));
  });
}
