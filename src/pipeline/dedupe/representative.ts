import type { DedupeItem } from '../../model/index.js';

/**
 * The representative rule (issue 4): the member from the highest-weight feed; among those the
 * earliest published; ties by item id, so the choice is reproducible. The original reporting an
 * editor would link to usually comes from the heavier source, and the first to publish it.
 * storage/stories.ts applies the same order in SQL.
 */
export function compareRepresentatives(a: DedupeItem, b: DedupeItem): number {
  if (a.weight !== b.weight) return b.weight - a.weight;
  if (a.publishedAt !== b.publishedAt) return a.publishedAt < b.publishedAt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
