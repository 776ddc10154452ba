/**
 * What kind of development a headline reports, for telling apart the stories of one incident or one
 * vulnerability that lie close in time and share every name (issue 15): the flaw's disclosure, its
 * patch, its addition to CISA's KEV catalog, exploitation in the wild, a gang's claim, an arrest, a
 * lawsuit. Two items whose headlines report different kinds (and none in common) are different
 * news, however alike their words; a headline that reports none of these says nothing either way.
 */
export type EventKind = 'kev' | 'exploited' | 'patched' | 'claimed' | 'arrest' | 'lawsuit' | 'outage' | 'poc';

const KINDS: readonly [EventKind, RegExp][] = [
  ['kev', /\bKEV\b|known exploited vulnerabilit/i],
  ['exploited', /\b(?:exploit(?:ed|ing|ation)|in the wild|weaponi[sz](?:ed|es|ing)|under (?:active |targeted )?attack|zero[- ]days? (?:attacks?|exploited))\b/i],
  ['patched', /\b(?:patch(?:es|ed)|fix(?:es|ed)|releases? (?:security )?(?:updates?|fix(?:es)?|patch(?:es)?)|security update)\b/i],
  ['claimed', /\b(?:claims?|claimed|takes? credit|leak site|lists? .{0,40} as (?:a )?victim)\b/i],
  ['arrest', /\b(?:arrest(?:s|ed)?|charged|indicted|sentenced|extradited|pleads? guilty|convicted)\b/i],
  ['lawsuit', /\b(?:lawsuits?|sues|sued|class[- ]action|settle(?:s|d|ment))\b/i],
  ['outage', /\b(?:outages?|down(?:time)?|disruptions?)\b/i],
  ['poc', /\b(?:proof[- ]of[- ]concept|PoC|exploit (?:code|released|published))\b/i],
];

export function eventKinds(title: string): ReadonlySet<EventKind> {
  const kinds = new Set<EventKind>();
  for (const [kind, pattern] of KINDS) if (pattern.test(title)) kinds.add(kind);
  return kinds;
}

/** Both report a kind of development, and no kind in common. */
export function differentEvents(a: ReadonlySet<EventKind>, b: ReadonlySet<EventKind>): boolean {
  if (a.size === 0 || b.size === 0) return false;
  for (const kind of a) if (b.has(kind)) return false;
  return true;
}
