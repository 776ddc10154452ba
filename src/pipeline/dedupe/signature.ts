import type { DedupeSettings } from '../../model/index.js';
import { extractFeatures, signatureTokens, type Features } from './features.js';

export { FeatureCache } from './feature-cache.js';
import { bandKeys } from './lsh.js';
import { fmix32, hashToken, minhash } from './minhash.js';

/** An item's features and the keys it is stored under: everything matching needs to know about its text. */
export interface Fingerprint {
  features: Features;
  /** Candidate keys (keysOf) and name keys (nameKeysOf): what storing the item records. */
  keys: number[];
}

export function fingerprint(title: string, summary: string, settings: Pick<DedupeSettings, 'numHashes' | 'bands'>): Fingerprint {
  const features = extractFeatures(title, summary);
  return { features, keys: storedKeys(features, settings).stored };
}

/** The keys an item is searched with (`candidate`) and stored under (`stored`: those plus its name keys). */
export function storedKeys(features: Features, settings: Pick<DedupeSettings, 'numHashes' | 'bands'>): { candidate: number[]; stored: number[] } {
  const candidate = keysOf(features, settings);
  return { candidate, stored: [...candidate, ...nameKeysOf(features)] };
}

/**
 * An item's candidate keys: the LSH band keys of its MinHash signature over its salient tokens,
 * plus one key per CVE id it names (at most MAX_CVE_KEYS), so two items sharing a CVE id always
 * meet as candidates, whatever else they say.
 */
export function keysOf(features: Features, settings: Pick<DedupeSettings, 'numHashes' | 'bands'>): number[] {
  const keys = bandKeys(minhash(signatureTokens(features), settings.numHashes), settings.bands);
  for (const cve of [...features.cves].slice(0, MAX_CVE_KEYS)) keys.push(entityKey(cve));
  return keys;
}

/** A round-up of a Patch Tuesday names dozens of CVE ids: the first few are enough to meet. */
export const MAX_CVE_KEYS = 8;

/**
 * Keys an item is stored under but never searched with: one per name it mentions (at most
 * MAX_NAME_KEYS). Counting the stories under a name key in the window tells how common that name
 * is there (assign.ts `commonNames`): the window's own document frequency, from the same postings
 * both StoryIndex implementations already keep.
 */
export function nameKeysOf(features: Features): number[] {
  return [...features.names].slice(0, MAX_NAME_KEYS).map(nameKey);
}

export function nameKey(name: string): number {
  return entityKey(`name:${name}`);
}

/** A long release can name dozens of people and places; the first few are the ones that count. */
export const MAX_NAME_KEYS = 16;

/** A key for an entity, in the same 53-bit space as band keys, mixed apart from every band index. */
function entityKey(entity: string): number {
  const hi = fmix32(hashToken(`entity:${entity}`) ^ 0x7f4a7c15);
  const lo = hashToken(`${entity}:entity`);
  return (hi & 0x1fffff) * 0x100000000 + lo;
}
