import { copyKeyOf } from './copy-key.js';
import { eventKinds, type EventKind } from './event-kind.js';
import { extractFeatures, type Features } from './features.js';

/**
 * What the clusterer computes from an item's text before comparing it: its features, copy key and
 * kinds of development. Pure, so the analysis stage can have it computed on its second thread
 * while the main thread files the items before it (analysis/analysis-thread.ts).
 */
export interface PreparedItem {
  features: Features;
  copyKey: string | null;
  events: ReadonlySet<EventKind>;
}

export function prepareItem(title: string, summary: string): PreparedItem {
  return { features: extractFeatures(title, summary), copyKey: copyKeyOf(title, summary), events: eventKinds(title) };
}

/**
 * A PreparedItem as plain arrays, to cross a thread boundary: cloning maps and sets entry by entry
 * costs more than rebuilding them from arrays. `fromWire(toWire(p))` equals `p`, in the same order.
 */
export interface PreparedWire {
  tokens: readonly string[];
  weights: Float64Array;
  mass: number;
  cves: string[];
  titleNames: string[];
  titleWords: readonly string[];
  names: string[];
  titleCodes: string[];
  subject: string | undefined;
  kind: Features['kind'];
  copyKey: string | null;
  events: EventKind[];
}

export function toWire({ features: f, copyKey, events }: PreparedItem): PreparedWire {
  return {
    tokens: f.tokenList,
    weights: f.weightList,
    mass: f.mass,
    cves: [...f.cves],
    titleNames: [...f.titleNames],
    titleWords: f.titleWords,
    names: [...f.names],
    titleCodes: [...f.titleCodes],
    subject: f.subject,
    kind: f.kind,
    copyKey,
    events: [...events],
  };
}

export function fromWire(w: PreparedWire): PreparedItem {
  const weights = new Map<string, number>();
  for (let i = 0; i < w.tokens.length; i++) weights.set(w.tokens[i]!, w.weights[i]!);
  return {
    features: {
      weights,
      mass: w.mass,
      tokenList: w.tokens,
      weightList: w.weights,
      cves: new Set(w.cves),
      titleNames: new Set(w.titleNames),
      titleWords: w.titleWords,
      names: new Set(w.names),
      titleCodes: new Set(w.titleCodes),
      subject: w.subject,
      kind: w.kind,
    },
    copyKey: w.copyKey,
    events: new Set(w.events),
  };
}
