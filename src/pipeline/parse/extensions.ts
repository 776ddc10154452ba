import type { DcNs, DcTermsNs, ItunesNs, MediaNs } from 'feedsmith';
import { firstText, text } from './fields.js';
import { asHtml, kindOfType } from './text-construct.js';

/**
 * Dublin Core, DC Terms, iTunes and Media RSS elements an entry may carry instead of the core
 * ones: read where the core element is missing (issue 17: entries titled only by `dc:title` or
 * `media:title` came out untitled).
 */
export interface Extensions {
  dc?: DcNs.ItemOrFeed<string>;
  dcterms?: DcTermsNs.ItemOrFeed<string>;
  itunes?: ItunesNs.Item;
  media?: MediaNs.ItemOrFeed;
}

type MediaText = MediaNs.TitleOrDescription | undefined;

/** A Media RSS title or description: on the item, else its first group, else its first content. */
function mediaText(media: MediaNs.ItemOrFeed | undefined, pick: (x: MediaNs.CommonElements) => MediaText): string | undefined {
  if (media === undefined) return undefined;
  const found = pick(media) ?? pick(media.groups?.[0] ?? {}) ?? pick(media.contents?.[0] ?? {});
  const value = text(found?.value);
  // Media RSS: `type` is "plain" (the default) or "html".
  return asHtml(value, kindOfType(found?.type ?? 'plain'));
}

export function extensionTitle(x: Extensions): string | undefined {
  return asHtml(firstText(...(x.dc?.titles ?? [])), 'undeclared') ?? mediaText(x.media, (m) => m.title);
}

export function extensionSummary(x: Extensions): string | undefined {
  return (
    asHtml(firstText(...(x.dc?.descriptions ?? []), x.itunes?.summary), 'undeclared') ??
    mediaText(x.media, (m) => m.description)
  );
}

/** `dc:date`, else DC Terms' `issued`, `created` or `date`. */
export function extensionPublished(x: Extensions): string | undefined {
  const terms = x.dcterms;
  return firstText(...(x.dc?.dates ?? []), ...(terms?.issued ?? []), ...(terms?.created ?? []), ...(terms?.dates ?? []));
}

/** DC Terms' `modified`. */
export function extensionUpdated(x: Extensions): string | undefined {
  return firstText(...(x.dcterms?.modified ?? []));
}
