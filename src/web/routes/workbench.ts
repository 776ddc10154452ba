import type { FastifyInstance } from 'fastify';
import type { PoolQuery } from '../../newsletter/pool.js';
import { filterPool } from '../../newsletter/pool.js';
import type { ReviewRepository } from '../../storage/index.js';
import { ReviewError } from '../errors.js';
import { promote, readPool, type PoolDeps } from '../pool.js';
import { poolPage } from '../views/pool.js';
import { byNumberOr404, draftRefOr404, type DraftLookup } from './pages.js';
import { done } from './actions.js';

type Fields = Record<string, unknown>;

export interface WorkbenchDeps extends PoolDeps {
  drafts: DraftLookup;
  review: PoolDeps['review'] & Pick<ReviewRepository, 'undo' | 'redo'>;
  topics: readonly { id: string; label: string }[];
}

const QUERY_FIELDS = ['q', 'topic', 'section', 'source', 'cve', 'victim', 'reason'] as const;

/** The week's pool and the draft's undo and redo (issue 19). Guards run before (security.ts). */
export function registerWorkbenchRoutes(app: FastifyInstance, deps: WorkbenchDeps): void {
  app.get<{ Params: { number: string }; Querystring: Record<string, unknown> }>('/drafts/:number/pool', async (request, reply) => {
    const draft = await byNumberOr404(request.params.number, (n) => deps.drafts.load(n));
    const query: PoolQuery = {};
    for (const name of QUERY_FIELDS) {
      const value = request.query[name];
      // A repeated parameter (?q=a&q=b) is a forged URL, not a search: its first value counts.
      const text = Array.isArray(value) ? value[0] : value;
      if (typeof text === 'string' && text.trim() !== '') query[name] = text.trim().slice(0, 200);
    }
    const pool = await readPool(deps, draft);
    const shown = filterPool(pool, query);
    return reply.type('text/html; charset=utf-8').send(poolPage({ draft, pool, shown, query, topics: deps.topics, csrfToken: request.csrfToken }));
  });

  app.post<{ Params: { number: string; storyId: string }; Body: Fields }>('/drafts/:number/pool/:storyId/promote', async (request, reply) => {
    const draft = await byNumberOr404(request.params.number, (n) => deps.drafts.load(n));
    const storyId = await promote(deps, draft, request.params.storyId, request.body ?? {});
    return done(request, reply, draft.number, storyId);
  });

  for (const name of ['undo', 'redo'] as const) {
    app.post<{ Params: { number: string } }>(`/drafts/:number/${name}`, async (request, reply) => {
      const draft = await draftRefOr404(deps.drafts, request.params.number);
      const step = await deps.review[name](draft.id);
      if (!step) throw new ReviewError('conflict', name === 'undo' ? 'Nothing to undo.' : 'Nothing to redo.');
      if ((request.headers.accept ?? '').includes('application/json')) return reply.send({ ok: true, ...step });
      return reply.redirect(`/drafts/${draft.number}#entry-${encodeURIComponent(step.storyId)}`, 303);
    });
  }
}
