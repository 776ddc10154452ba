import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { addManualLink, applyEntryAction, ENTRY_ACTIONS, type ActionDeps, type EntryAction } from '../actions.js';
import { ReviewError } from '../errors.js';
import { DRAFT_SLOTS, type DraftSlot } from '../../model/index.js';
import { MAX_SLOT_CHARS, normalizeSlotText } from '../../commands/draft-lifecycle.js';
import type { DraftRepository } from '../../storage/index.js';
import { draftRefOr404, type DraftLookup } from './pages.js';

type Fields = Record<string, unknown>;

/** The state-changing routes: parse, call one action, answer. Guards run before (security.ts). */
export function registerActionRoutes(app: FastifyInstance, deps: ActionDeps & { drafts: DraftLookup & Pick<DraftRepository, 'setSlot'> }): void {
  // An editor-written part of the issue (intro, lead commentary, sponsor, …); empty text clears it.
  app.post<{ Params: { number: string; slot: string }; Body: Fields }>('/drafts/:number/slots/:slot', async (request, reply) => {
    const draft = await draftRefOr404(deps.drafts, request.params.number);
    const slot = request.params.slot;
    if (!(DRAFT_SLOTS as readonly string[]).includes(slot)) throw new ReviewError('not-found', `Unknown part "${slot}".`);
    const raw = request.body?.text;
    if (raw !== undefined && typeof raw !== 'string') throw new ReviewError('bad-request', 'Bad text.');
    const text = normalizeSlotText(raw ?? '');
    if (text.length > MAX_SLOT_CHARS) throw new ReviewError('bad-request', `The text is longer than ${MAX_SLOT_CHARS} characters.`);
    await deps.drafts.setSlot(draft.number, slot as DraftSlot, text === '' ? null : text);
    if (wantsJson(request)) return reply.send({ ok: true, slot });
    return reply.redirect(`/drafts/${draft.number}#part-${slot}`, 303);
  });

  app.post<{ Params: { number: string; storyId: string; action: string }; Body: Fields }>(
    '/drafts/:number/entries/:storyId/:action',
    async (request, reply) => {
      const { number, storyId, action } = request.params;
      if (!(ENTRY_ACTIONS as readonly string[]).includes(action)) throw new ReviewError('not-found', `Unknown action "${action}".`);
      const draft = await draftRefOr404(deps.drafts, number);
      await applyEntryAction(deps, { draftId: draft.id, storyId }, action as EntryAction, request.body ?? {});
      return done(request, reply, draft.number, storyId);
    },
  );

  app.post<{ Params: { number: string }; Body: Fields }>('/drafts/:number/entries', async (request, reply) => {
    const draft = await draftRefOr404(deps.drafts, request.params.number);
    const body = request.body ?? {};
    const text = (name: string): string | undefined => (typeof body[name] === 'string' ? body[name] : undefined);
    const storyId = await addManualLink(deps, draft.id, {
      url: text('url') ?? '',
      sectionId: text('section'),
      title: text('title'),
      source: text('source'),
      topic: text('topic'),
    });
    return done(request, reply, draft.number, storyId);
  });
}

/** The page script asks for JSON; a plain form post is sent back to the entry it changed. */
export function done(request: FastifyRequest, reply: FastifyReply, draftNumber: number, storyId: string): FastifyReply {
  if (wantsJson(request)) return reply.send({ ok: true, storyId });
  return reply.redirect(`/drafts/${draftNumber}#entry-${encodeURIComponent(storyId)}`, 303);
}

export function wantsJson(request: FastifyRequest): boolean {
  return (request.headers.accept ?? '').includes('application/json');
}
