import type { DedupeItem, DedupeSettings, Item } from '../../model/index.js';
import type { AnalysisRepository, ItemFiling, PendingItem } from '../../storage/index.js';
import { copyKeyOf, inPublicationOrder, StoryClusterer, type Filing, type PreparedItem } from '../dedupe/index.js';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** Texts prepared elsewhere: `(i) =>` the i-th text prepared, or undefined to prepare them here. */
export type Preparer = (texts: readonly { title: string; summary: string }[]) => ((index: number) => Promise<PreparedItem>) | undefined;

export function toDedupeItem(item: Item, weight: number): DedupeItem {
  return {
    id: item.id,
    feedId: item.feedId,
    weight,
    canonicalUrl: item.canonicalUrl,
    urlHash: item.urlHash,
    title: item.title,
    summary: item.summary,
    publishedAt: item.publishedAt,
  };
}

/**
 * Files the new items of an analysis pass in stories, batch by batch, with ONE clusterer for the
 * whole pass: each batch loads only the part of the stored window it has not loaded yet (the
 * stories it could join or continue), plus the stories of earlier items with its URLs and copy
 * keys at any age; stories opened by earlier batches stay in memory under their stored ids.
 */
export class StoryFiler {
  private readonly clusterer: StoryClusterer;
  private loaded: { since: number; until: number } | undefined;
  private nextTemporaryId = 0;

  constructor(
    private readonly store: Pick<AnalysisRepository, 'storyMembers' | 'storiesByKey'>,
    private readonly settings: DedupeSettings,
    /** Prepares a loaded window's texts elsewhere (the analysis thread), or undefined to do it here. */
    private readonly prepareTexts?: Preparer,
  ) {
    this.clusterer = new StoryClusterer(settings, () => --this.nextTemporaryId);
  }

  /** How far back a new item may continue a thread, and forward a retelling may lie. */
  private get reach(): { back: number; ahead: number } {
    const { threadDays, windowDays, eventHours } = this.settings;
    return { back: Math.max(threadDays, windowDays) * DAY_MS, ahead: Math.max(eventHours * HOUR_MS, windowDays * DAY_MS) };
  }

  /**
   * The batch's new items (those without a story) in the order `file` files them: earliest
   * published first, ties in the order given (pending items come ordered by id within a second).
   */
  filingOrder(batch: readonly PendingItem[]): PendingItem[] {
    const fresh = batch.filter((p) => p.storyId === null);
    return inPublicationOrder(fresh, (p) => p.item.publishedAt).map((i) => fresh[i]!);
  }

  /**
   * Files the batch's new items in `filingOrder`. Returns the filings in that order. `prepared(i)`,
   * if given, is the i-th item's text prepared elsewhere (the analysis stage's second thread).
   */
  async file(batch: readonly PendingItem[], prepared?: (index: number) => Promise<PreparedItem>): Promise<{ filings: ItemFiling[]; results: Filing[] }> {
    const ordered = this.filingOrder(batch);
    if (ordered.length === 0) return { filings: [], results: [] };
    await this.loadWindow(batch);
    const first = Date.parse(ordered[0]!.item.publishedAt);
    const byKey = await this.store.storiesByKey({
      urlHashes: [...new Set(ordered.flatMap((p) => (p.item.urlHash ? [p.item.urlHash] : [])))],
      copyKeys: [...new Set(ordered.flatMap((p) => copyKeyOf(p.item.title, p.item.summary) ?? []))],
    });
    this.clusterer.seedCopies(byKey);
    this.clusterer.evictBefore(first - this.reach.back);
    const results: Filing[] = [];
    for (const [i, p] of ordered.entries()) {
      const item = toDedupeItem(p.item, p.feedWeight);
      results.push(prepared ? this.clusterer.file(item, await prepared(i)) : this.clusterer.file(item));
    }
    const filings = results.map((r) => ({
      itemId: r.itemId,
      storyId: r.storyId,
      threadId: r.threadId,
      copyKey: r.copyKey,
      evidence: r.evidence ? JSON.stringify(r.evidence) : null,
    }));
    return { filings, results };
  }

  /**
   * Loads the stored window the batch's new items can touch (`file` does it too; the analysis
   * stage calls it first, so the stored window is prepared before the batch's own texts).
   */
  async loadWindow(batch: readonly PendingItem[]): Promise<void> {
    const ordered = this.filingOrder(batch);
    if (ordered.length === 0) return;
    const first = Date.parse(ordered[0]!.item.publishedAt);
    const last = Date.parse(ordered[ordered.length - 1]!.item.publishedAt);
    await this.load(first - this.reach.back, last + this.reach.ahead);
  }

  /** New stories of the last batch got their stored ids. */
  stored(ids: ReadonlyMap<number, number>): void {
    this.clusterer.rename(ids);
  }

  /** Loads the members of [since, until] not loaded yet (batches move forward in time). */
  private async load(since: number, until: number): Promise<void> {
    const ranges: [number, number][] = [];
    if (!this.loaded) ranges.push([since, until]);
    else {
      if (since < this.loaded.since) ranges.push([since, this.loaded.since]);
      if (until > this.loaded.until) ranges.push([this.loaded.until, until]);
    }
    for (const [from, to] of ranges) {
      const members = this.clusterer.unseen(await this.store.storyMembers({ since: new Date(from).toISOString(), until: new Date(to).toISOString() }));
      const prepared = members.length > 0 ? this.prepareTexts?.(members) : undefined;
      for (const [i, member] of members.entries()) {
        if (prepared) this.clusterer.seedMember(member, await prepared(i));
        else this.clusterer.seedMember(member);
      }
    }
    this.loaded = { since: Math.min(since, this.loaded?.since ?? since), until: Math.max(until, this.loaded?.until ?? until) };
  }
}
