import type { RawEntry } from '../../model/index.js';
import { sha256Hex } from './digest.js';

/** Guids are identifiers, not content: a longer one is cut (the id is a hash of it anyway). */
export const MAX_GUID_CHARS = 2_048;

function capGuid(text: string): string {
  if (text.length <= MAX_GUID_CHARS) return text;
  const code = text.charCodeAt(MAX_GUID_CHARS - 1);
  // Do not leave half a surrogate pair at the end.
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? MAX_GUID_CHARS - 1 : MAX_GUID_CHARS);
}

/**
 * The entry's per-feed key, the way Miniflux and FreshRSS pick it: its guid, else its canonical
 * URL (so tracking parameters added later do not make it new), else the raw link as written,
 * else `sha256:` and a hash of the raw title and summary (or content).
 */
export function entryGuid(entry: RawEntry, canonicalUrl: string | null): string {
  const guid = entry.guid?.trim();
  if (guid) return capGuid(guid);
  if (canonicalUrl) return capGuid(canonicalUrl);
  const link = entry.link?.trim();
  if (link) return capGuid(link);
  const body = entry.summary ?? entry.content ?? '';
  return `sha256:${sha256Hex(`${entry.title ?? ''}\n${body}`, 32)}`;
}

/** Stable item id: the same guid in the same feed always gets the same id. */
export function itemId(feedId: string, guid: string): string {
  return sha256Hex(`${feedId}\n${guid}`, 20);
}

/** Hash of the cleaned title and summary: changes when the entry is edited in place. */
export function contentHash(title: string, summary: string): string {
  return sha256Hex(`${title}\n${summary}`, 16);
}
