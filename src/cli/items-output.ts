import type { ItemListing } from '../storage/index.js';
import { clip, renderTable } from './format.js';

/** Columns before the title are clipped to these widths; the title takes what the terminal has left. */
const FEED_WIDTH = 16;
const TOPIC_WIDTH = 14;
const LABELS_WIDTH = 28;
const MIN_TITLE = 20;

/** `secdigest items` as text: one line per item, the title cut to fit `width` columns (pure). */
export function renderItemTable(items: readonly ItemListing[], options: { width: number; limit: number }): string {
  if (items.length === 0) return 'no stored items match';
  const rows = items.map((item) => [
    item.publishedAt.slice(0, 16).replace('T', ' '),
    clip(item.feedId, FEED_WIDTH),
    item.storyId === null ? '-' : String(item.storyId),
    clip(item.topic ?? '-', TOPIC_WIDTH),
    item.section ?? '-',
    item.relevant === null ? '-' : item.relevant ? 'yes' : 'no',
    clip([...item.cves, ...item.victims].join(', ') || '-', LABELS_WIDTH),
    item.title,
  ]);
  const headers = ['PUBLISHED', 'FEED', 'STORY', 'TOPIC', 'SECTION', 'REL', 'CVES/VICTIMS', 'TITLE'];
  // Everything but the title, padded as renderTable pads it, two spaces between columns.
  const used = headers.slice(0, -1).reduce((sum, header, i) => sum + Math.max(header.length, ...rows.map((r) => r[i]!.length)) + 2, 0);
  const titleWidth = Math.max(MIN_TITLE, options.width - used);
  for (const row of rows) row[7] = clip(row[7]!, titleWidth);
  const more = items.length === options.limit ? `; there may be more: raise --limit (now ${options.limit})` : '';
  return `${renderTable(headers, rows)}\n\n${items.length} item(s), newest first${more}`;
}
