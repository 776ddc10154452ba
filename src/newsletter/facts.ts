import type { EntryFacts, StoryText } from '../model/draft.js';
import { findGangs } from '../pipeline/classify/gangs.js';
import { findFigures } from './figures.js';
import { toPlainText } from './sentences.js';

/**
 * Key facts of a story (issue 18, point 4) for the lead story's source brief: the threat actors its
 * outlets name and the figures they report, read from every outlet's title and summary, first
 * mention first, each once, a few of each. The ransomware gang list is the classifier's
 * (pipeline/classify/gangs.ts); APT and state-actor names follow the vendors' naming schemes.
 */

export const MAX_ACTORS = 4;
export const MAX_FIGURES = 5;

/**
 * APT names as vendors publish them: "APT29", "UNC3886", "TA505", "FIN7", "Storm-0558", Microsoft's
 * weather names ("Midnight Blizzard", "Volt Typhoon") and CrowdStrike's animals ("Fancy Bear"), and a
 * few groups known by one name. Case-sensitive: these are proper nouns.
 */
const APT_PATTERN = new RegExp(
  [
    String.raw`\b(?:APT|UNC|TA|FIN|TEMP\.|DEV-|Storm-)\d{1,4}\b`,
    String.raw`\b[A-Z][a-z]+ (?:Typhoon|Blizzard|Sleet|Sandstorm|Tempest|Hail|Dust|Rain|Flood|Cyclone|Tsunami)\b`,
    String.raw`\b[A-Z][a-z]+ (?:Bear|Panda|Kitten|Chollima|Spider|Jackal|Buffalo|Tiger)\b`,
    String.raw`\b(?:Lazarus(?: Group)?|Kimsuky|Sandworm|Turla|Gamaredon|Scattered Spider|ShinyHunters|Lapsus\$|Salt Typhoon|Equation Group|Charming Kitten|MuddyWater|OceanLotus|Andariel)(?![\w$])`,
  ].join('|'),
  'g',
);

/** Weather or animal names that are ordinary phrases, not actors. */
const NOT_ACTORS = new Set(['Teddy Bear', 'Giant Panda', 'Red Panda', 'Polar Bear', 'Grizzly Bear', 'Black Bear', 'Brown Bear', 'Tasmanian Tiger']);
/** A first word that makes "X Typhoon" a phrase rather than a name ("The Bear", "Super Typhoon"). */
const NOT_A_FIRST_NAME = /^(?:The|A|An|This|That|Super|Big|Old|New|Paper|Tropical|Snow|Ice|Heavy)\s/;

export function findActors(text: string): string[] {
  const found: { at: number; name: string }[] = [];
  for (const m of text.matchAll(APT_PATTERN)) if (!NOT_ACTORS.has(m[0]) && !NOT_A_FIRST_NAME.test(m[0])) found.push({ at: m.index, name: m[0] });
  // findGangs gives first mention first but no positions; gangs follow APT names from the same text.
  for (const name of findGangs(text)) found.push({ at: Number.MAX_SAFE_INTEGER, name });
  return found.sort((a, b) => a.at - b.at).map((f) => f.name);
}

/** Actors and figures of a story's texts; undefined when both are empty (DraftEntry.facts is then absent). */
export function keyFacts(texts: readonly StoryText[]): EntryFacts | undefined {
  const actors = new Map<string, string>();
  const figures = new Map<string, string>();
  for (const t of texts) {
    for (const part of [toPlainText(t.title), toPlainText(t.summary)]) {
      for (const actor of findActors(part)) if (!actors.has(actor.toLowerCase())) actors.set(actor.toLowerCase(), actor);
      for (const figure of findFigures(part)) {
        // "2.3 million customers" and "2.3M customers" are one fact: keyed by value and unit.
        const key = `${figure.value}:${figure.unit}`;
        if (!figures.has(key)) figures.set(key, figure.text);
      }
    }
  }
  if (actors.size === 0 && figures.size === 0) return undefined;
  return { actors: [...actors.values()].slice(0, MAX_ACTORS), figures: [...figures.values()].slice(0, MAX_FIGURES) };
}
