/** Small builders for the documents the cases serve (our own writing, never copied from a real feed). */

export interface RssItem {
  title?: string;
  link?: string;
  guid?: string;
  description?: string;
  pubDate?: string;
}

/** XML text escaping for element content. */
export function xmlText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** One `<item>`; values are inserted as given (callers escape what should be escaped). */
export function rssItem(item: RssItem): string {
  const parts = [
    item.title !== undefined ? `<title>${item.title}</title>` : '',
    item.link !== undefined ? `<link>${item.link}</link>` : '',
    item.guid !== undefined ? `<guid isPermaLink="false">${item.guid}</guid>` : '',
    item.description !== undefined ? `<description>${item.description}</description>` : '',
    item.pubDate !== undefined ? `<pubDate>${item.pubDate}</pubDate>` : '',
  ];
  return `<item>${parts.join('')}</item>`;
}

/** A whole RSS 2.0 document; `prolog` goes between the XML declaration and the root (a DOCTYPE). */
export function rssDocument(items: readonly string[], options: { declaration?: string; prolog?: string; title?: string } = {}): string {
  const declaration = options.declaration ?? '<?xml version="1.0" encoding="UTF-8"?>';
  return `${declaration}\n${options.prolog ?? ''}<rss version="2.0"><channel><title>${options.title ?? 'Hostile test feed'}</title>` +
    `<link>https://hostile.example/</link>\n${items.join('\n')}\n</channel></rss>\n`;
}
