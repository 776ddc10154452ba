import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../config/defaults.js';
import type { DedupeItem } from '../../model/index.js';
import { ALL_CASES, fixtureItem, RETOLD, WIRE_COPIES } from './fixtures/cases.js';
import { findStories } from './index.js';
import { isSiteRoot } from './site-root.js';
import { StoryClusterer } from './clusterer.js';

const settings = DEFAULT_SETTINGS.dedupe;

/** The groups a run formed, as sorted lists of item ids (comparable with a case's `stories`). */
function groups(ids: string[], storyIds: number[]): string[][] {
  const byStory = new Map<number, string[]>();
  ids.forEach((id, i) => byStory.set(storyIds[i]!, [...(byStory.get(storyIds[i]!) ?? []), id]));
  return [...byStory.values()].map((g) => g.sort()).sort((a, b) => a[0]!.localeCompare(b[0]!));
}

const day = (n: number, hour = 9) => new Date(Date.UTC(2027, 3, 1 + n, hour)).toISOString();

describe('findStories (input/expected fixtures)', () => {
  it.each(ALL_CASES.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const { assignments } = findStories(c.items, settings);
    const expected = c.stories.map((g) => [...g].sort()).sort((a, b) => a[0]!.localeCompare(b[0]!));
    expect(groups(c.items.map((i) => i.id), assignments.map((a) => a.storyId))).toEqual(expected);
  });

  it('gives the same stories whatever the order the items come in', () => {
    const items = [...WIRE_COPIES.items, ...RETOLD.items];
    const forward = findStories(items, settings).assignments.map((a) => a.storyId);
    const backward = findStories([...items].reverse(), settings).assignments.map((a) => a.storyId).reverse();
    expect(backward).toEqual(forward);
  });
});

describe('stories as events (issue 15)', () => {
  it('files a release carried by three wires as one story, with the evidence of each join', () => {
    const { assignments } = findStories(WIRE_COPIES.items, settings);
    expect(new Set(assignments.map((a) => a.storyId)).size).toBe(1);
    expect(assignments[0]).toMatchObject({ match: 'new', evidence: null });
    for (const a of assignments.slice(1)) {
      expect(a.match).toBe('near');
      expect(a.evidence).toMatchObject({ rule: expect.stringMatching(/^(event|copy)$/) });
      expect(a.evidence!.storySimilarity).toBeGreaterThan(0);
      expect(a.evidence!.sharedNames).toEqual(expect.arrayContaining(['orrin']));
      expect(a.evidence!.gapHours).toBeGreaterThanOrEqual(0);
    }
  });

  it('splits a six-week incident covered daily into several stories of one thread, none spanning the period', () => {
    // One carmaker's cyberattack, reported every day by a rotating set of outlets: the attack, the
    // gang's claim, data theft confirmed, the shutdown extended, a state loan guarantee, the restart.
    const phases = [
      'Cyberattack halts production at Brenholt Motors plants in Calderon',
      'Ransomware gang Velkan claims the Brenholt Motors attack on its leak site',
      'Brenholt Motors extends its shutdown after the cyberattack as Calderon suppliers wait',
      'Brenholt Motors confirms customer data was stolen in the attack',
      'Calderon government backs Brenholt Motors with a loan guarantee after the hack',
      'Brenholt Motors restarts production in Calderon weeks after the cyberattack',
    ];
    // Each day's outlet words it its own way: a different angle, detail and quote.
    const angles = [
      'Workers were sent home and the assembly lines stood still, a union official said.',
      'Analysts at Morrow Research put the cost at tens of millions of dollars a week.',
      'Dealers reported they could not register new cars while the systems were offline.',
      'A spokesperson declined to say whether any ransom had been demanded or paid.',
      'Parts makers across the region warned of layoffs if the stoppage went on.',
      'Investigators from the national cyber agency were called in to help, officials said.',
      'The company said its forensic review with outside experts was continuing.',
    ];
    const items: DedupeItem[] = [];
    for (let d = 0; d < 42; d++) {
      const title = phases[Math.floor(d / 7)]!;
      items.push(fixtureItem({ id: `d${d}`, feedId: `outlet-${d % 5}`, publishedAt: day(d), title: d % 7 === 0 ? title : `${title}: ${angles[d % 7]!.split(' ').slice(0, 4).join(' ')}`,
        summary: `${angles[(d * 3) % 7]!} ${angles[(d * 5 + 1) % 7]!}` }));
    }
    const { assignments } = findStories(items, settings);
    const stories = new Map<number, number[]>();
    assignments.forEach((a, d) => stories.set(a.storyId, [...(stories.get(a.storyId) ?? []), d]));
    expect(stories.size).toBeGreaterThanOrEqual(6);
    // A development covered for days may stay one story (a late join, anchored at its first
    // report), but no story spans more than five days.
    for (const days of stories.values()) expect(Math.max(...days) - Math.min(...days)).toBeLessThanOrEqual(5);
    expect(new Set(assignments.map((a) => a.threadId)).size).toBe(1);
    const linked = assignments.find((a) => a.match === 'new' && a.threadId !== a.storyId)!;
    expect(linked.evidence).toMatchObject({ rule: 'thread', sharedNames: expect.arrayContaining(['brenholt']) });
  });

  it('threads a later development to the earlier story by a CVE id both texts give, whatever their headlines', () => {
    const items = [
      fixtureItem({ id: 'patch', publishedAt: day(1), title: 'Harrowgate fixes critical flaw in its VPN gateways',
        summary: 'CVE-2027-31337 lets an unauthenticated attacker run code on Harrowgate VPN gateways; the vendor urges customers to update.' }),
      fixtureItem({ id: 'exploited', publishedAt: day(5), title: 'Attackers now hitting unpatched VPN gateways, researchers warn',
        summary: 'Honeypots saw the first exploitation of CVE-2027-31337 against Harrowgate VPN gateways that have not been updated.' }),
    ];
    const { assignments } = findStories(items, settings);
    expect(assignments[1]).toMatchObject({ match: 'new', threadId: assignments[0]!.storyId, evidence: { rule: 'thread', sharedNames: ['CVE-2027-31337'] } });
  });

  it('keeps two victims of one campaign on the same day two stories', () => {
    const campaign = 'in the Ravenfrost ransomware campaign exploiting a file-transfer flaw, the gang said on its leak site.';
    const items = [
      fixtureItem({ id: 'harlow', publishedAt: day(3, 8), title: 'Ravenfrost ransomware gang hits Harlow Logistics in file-transfer attack',
        summary: `Harlow Logistics had customer files stolen ${campaign}` }),
      fixtureItem({ id: 'harlow-2', publishedAt: day(3, 11), title: 'Harlow Logistics confirms Ravenfrost ransomware attack on file-transfer server',
        summary: `Harlow Logistics is the latest victim ${campaign}` }),
      fixtureItem({ id: 'pemberly', publishedAt: day(3, 10), title: 'Ravenfrost ransomware gang hits Pemberly Health in file-transfer attack',
        summary: `Pemberly Health had patient files stolen ${campaign}` }),
    ];
    const { assignments } = findStories(items, settings);
    expect(assignments[1]!.storyId).toBe(assignments[0]!.storyId);
    expect(assignments[2]!.storyId).not.toBe(assignments[0]!.storyId);
  });

  it('files same-day coverage worded differently as one story', () => {
    const items = [
      fixtureItem({ id: 'wire', publishedAt: day(5, 7), title: 'Northern European airports hit by delays after cyberattack on Vantora check-in provider',
        summary: 'Passengers at several northern European airports faced long queues after a cyberattack on Vantora, which supplies check-in and boarding software.' }),
      fixtureItem({ id: 'paper', publishedAt: day(5, 13), title: 'Kestrel Airport warns of delays as Vantora cyberattack disrupts European airports',
        summary: 'Kestrel Airport told travellers to expect delays because Vantora, its check-in system provider, was hit by a cyberattack affecting airports across Europe.' }),
    ];
    const { assignments } = findStories(items, settings);
    expect(assignments[1]).toMatchObject({ storyId: assignments[0]!.storyId, match: 'near' });
    expect(assignments[1]!.evidence!.sharedNames).toContain('vantora');
  });

  it('files same-day coverage naming one rare subject by the event signature, even with few words in common', () => {
    const items = [
      fixtureItem({ id: 'first', publishedAt: day(6, 8), title: 'Japanese brewer Tanakura says ransomware attack may have exposed data of 1.5 million people',
        summary: 'The beer maker said an investigation into the September intrusion found personal information may have leaked.' }),
      fixtureItem({ id: 'second', publishedAt: day(6, 20), title: 'Tanakura says crooks stole data of roughly 2M customers and employees in ransomware attack',
        summary: 'Names, addresses and other personal information were taken in the ransomware attack, Tanakura told regulators on Friday.' }),
      // A templated release sharing only capitalized boilerplate ("Series") stays apart.
      fixtureItem({ id: 'funding-a', publishedAt: day(6, 9), title: 'Start-up Mirrowen raises $18M Series A for API security', summary: 'Mirrowen will hire engineers.' }),
      fixtureItem({ id: 'funding-b', publishedAt: day(6, 10), title: 'Calloway Raises $42 Million Series B to Stop Identity Attacks', summary: 'Calloway will expand sales.' }),
    ];
    const { assignments } = findStories(items, settings);
    expect(assignments[1]).toMatchObject({ storyId: assignments[0]!.storyId, evidence: { rule: 'signature', sharedNames: ['tanakura'] } });
    expect(assignments[3]!.storyId).not.toBe(assignments[2]!.storyId);
  });

  it('takes a rare headline word for the subject where Title Case hides the name', () => {
    // Every word of a Title Case headline is capitalized, so "Quellmix" is no name to the features.
    const items = [
      fixtureItem({ id: 'police', publishedAt: day(7, 9), title: 'European Police Disrupt Quellmix Crypto Laundering Service, Seize $29 Million',
        summary: 'Officers took the laundering service offline and seized servers and bitcoin worth millions, prosecutors said.' }),
      fixtureItem({ id: 'shutdown', publishedAt: day(7, 15), title: 'Authorities Take Down Quellmix After Years of Crypto Laundering for Ransomware Gangs',
        summary: 'The service, used to launder ransom payments, is offline after a joint operation by several countries.' }),
    ];
    const { assignments } = findStories(items, settings);
    expect(assignments[1]).toMatchObject({ storyId: assignments[0]!.storyId, evidence: { rule: 'signature' } });
  });

  it('joins by the event signature where one member contradicts the item but as many vouch for it', () => {
    // "Kris Mayes" is in no other headline (a conflict with one member), yet the rare subject
    // Quellmart and the lawsuit are the same that morning.
    const items = [
      fixtureItem({ id: 'a', publishedAt: day(2, 8), title: 'Arizona attorney general sues Quellmart over shopping app that harvests user data',
        summary: 'The lawsuit says the Quellmart app collected location and contact data from Arizona shoppers without consent.' }),
      fixtureItem({ id: 'b', publishedAt: day(2, 11), title: 'Arizona sues Quellmart, calling its shopping app malware in disguise',
        summary: 'Arizona says the Quellmart shopping app harvests user data without consent, in a lawsuit filed on Monday.' }),
      fixtureItem({ id: 'c', publishedAt: day(2, 15), title: 'Kris Mayes takes Quellmart to court over app data grab',
        summary: 'The Quellmart app grabbed location and contact data of shoppers, the Arizona lawsuit says.' }),
    ];
    const { assignments } = findStories(items, settings);
    expect(assignments[1]!.storyId).toBe(assignments[0]!.storyId);
    expect(assignments[2]).toMatchObject({ storyId: assignments[0]!.storyId, evidence: { rule: 'signature', sharedNames: expect.arrayContaining(['quellmart']) } });
  });

  it('lets clear coverage of one event join it for a few days after the first report, never longer', () => {
    const report = (id: string, d: number, hour: number, title: string, summary: string) =>
      fixtureItem({ id, feedId: `outlet-${id}`, publishedAt: day(d, hour), title, summary });
    const items = [
      report('first', 0, 8, 'New Brindlecap Android banking trojan takes over phones and drains accounts',
        'Researchers found the Brindlecap trojan taking over Android phones to drain bank accounts; criminals rent it for 650 dollars a month.'),
      report('second', 0, 14, 'Brindlecap Android trojan rented to criminals drains bank accounts',
        'For 650 dollars a month criminals can rent Brindlecap, which takes full control of Android phones and empties bank accounts.'),
      report('third', 1, 9, 'Brindlecap banking trojan for Android takes over phones, researchers warn',
        'Brindlecap gives its renters remote control of Android phones so they can drain bank accounts, the researchers warn.'),
      report('late', 4, 10, 'Brindlecap Android banking trojan drains accounts and takes over phones',
        'The Android trojan Brindlecap, rented to criminals, takes over phones and drains bank accounts, researchers said this week.'),
      report('too-late', 6, 10, 'Brindlecap banking trojan still takes over Android phones, security firms say',
        'Security firms still see Brindlecap stealing banking logins from Android owners, who should avoid installing apps from unknown stores.'),
    ];
    const { assignments } = findStories(items, settings);
    expect(assignments[3]).toMatchObject({ storyId: assignments[0]!.storyId, evidence: { rule: 'event' } });
    expect(assignments[3]!.evidence!.gapHours).toBeGreaterThan(settings.eventHours);
    expect(assignments[4]).toMatchObject({ match: 'new', threadId: assignments[0]!.threadId });
  });

  it('joins a re-post of the same headline and text at any age, and the same URL whatever the text', () => {
    const first = fixtureItem({ id: 'first', publishedAt: day(0), title: 'Velmont water utility hacked, two plants on manual control', summary: 'The authority said water stayed safe.' });
    const repost = { ...first, id: 'repost', feedId: 'aggregator', urlHash: 'other', canonicalUrl: 'https://agg.example/x', publishedAt: day(40) };
    const sameUrl = fixtureItem({ id: 'same-url', publishedAt: day(41), title: 'Completely different words', urlHash: first.urlHash, canonicalUrl: first.canonicalUrl });
    const { assignments } = findStories([first, repost, sameUrl], settings);
    expect(assignments[1]).toMatchObject({ storyId: assignments[0]!.storyId, evidence: { rule: 'copy' } });
    expect(assignments[2]).toMatchObject({ storyId: assignments[0]!.storyId, match: 'url', score: 1 });
  });

  it('does not take a link to a site home page as the same URL', () => {
    expect(isSiteRoot('https://news.example/')).toBe(true);
    expect(isSiteRoot('https://news.example/?p=12')).toBe(false);
    const a = fixtureItem({ title: 'Velmont water utility hacked', urlHash: 'root', canonicalUrl: 'https://news.example/' });
    const b = fixtureItem({ title: 'Quorvex raises $30 million', urlHash: 'root', canonicalUrl: 'https://news.example/' });
    const { assignments } = findStories([a, b], settings);
    expect(assignments[1]!.storyId).not.toBe(assignments[0]!.storyId);
  });

  it('never lets one feed vouch for its own series (a daily podcast shares its boilerplate)', () => {
    const episode = (n: number) => fixtureItem({ id: `ep${n}`, feedId: 'podcast', publishedAt: day(n), title: `Daily Threat Briefing for day ${n} of the month`,
      summary: 'Our daily five-minute briefing on the threats and patches of the day. Subscribe on your favourite podcast app.' });
    const { assignments } = findStories([episode(1), episode(2)], settings);
    expect(assignments[1]!.storyId).not.toBe(assignments[0]!.storyId);
  });
});

describe('StoryClusterer with stored stories', () => {
  it('measures a stored story\'s span from its first report, even when it lies before the loaded window', () => {
    const clusterer = new StoryClusterer(settings, () => -1);
    const [a, b] = RETOLD.items;
    clusterer.seedMember({ id: 'old', feedId: 'x', title: a!.title, summary: a!.summary, publishedAt: a!.publishedAt, urlHash: null, storyId: 7, threadId: 7,
      storyFirstSeen: new Date(Date.parse(a!.publishedAt) - 10 * 86_400_000).toISOString() });
    const filing = clusterer.file({ ...b!, id: 'new' });
    expect(filing.storyId).toBe(-1);
    expect(filing.threadId).toBe(7);
  });

  it('renames temporary story ids once stored, threads included', () => {
    let next = 0;
    const clusterer = new StoryClusterer(settings, () => --next);
    const [a, b, c] = RETOLD.items;
    expect(clusterer.file(a!).storyId).toBe(-1);
    clusterer.rename(new Map([[-1, 40]]));
    expect(clusterer.file(b!)).toMatchObject({ storyId: 40, threadId: 40 });
    expect(clusterer.file({ ...c!, id: 'c-copy', urlHash: a!.urlHash, canonicalUrl: a!.canonicalUrl })).toMatchObject({ storyId: 40, match: 'url' });
  });
});
