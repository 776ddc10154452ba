import { z } from 'zod';
import type { PublishSettings } from '../model/index.js';
import { SITE_URL_EXPECT, siteBaseUrl } from '../publish/site-url.js';

/*
 * `settings.publish` of feeds.yaml (issue 18): where `secdigest publish` writes the site and the
 * URL it is served from. Messages complete "<key> must be …", like schema.ts. Own helpers rather
 * than schema.ts's, which imports this module.
 */

export const DEFAULT_PUBLISH_SETTINGS: Readonly<PublishSettings> = Object.freeze({ dir: 'site', siteUrl: null });

const DIR_EXPECT = 'a directory path';

export const publishShape = {
  dir: z
    .string({ error: DIR_EXPECT })
    .refine((s) => s.trim() !== '', { error: DIR_EXPECT })
    .refine((s) => s.length <= 1000, { error: `${DIR_EXPECT} of at most 1000 characters` }),
  siteUrl: z.string({ error: SITE_URL_EXPECT }).refine((s) => siteBaseUrl(s) !== undefined, { error: SITE_URL_EXPECT }).nullable(),
} satisfies Record<keyof PublishSettings, z.ZodType>;

export const publishOverrideSchema = z.strictObject(publishShape, { error: 'a map' }).partial();
export type PublishOverride = z.infer<typeof publishOverrideSchema>;

export function mergePublishSettings(defaults: PublishSettings, override: PublishOverride | null | undefined): PublishSettings {
  return {
    dir: override?.dir ?? defaults.dir,
    siteUrl: override?.siteUrl === undefined ? defaults.siteUrl : override.siteUrl,
  };
}
