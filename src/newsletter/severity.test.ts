import { describe, expect, it } from 'vitest';
import { makeCandidate } from './fixtures/make-candidate.js';
import { scoreStory } from './rank.js';
import { readSeverity, SUMMARY_SHARE } from './severity.js';

/** A one-outlet news story with this headline and summary. */
const story = (title: string, summary = '', extra: Parameters<typeof makeCandidate>[0] = { storyId: 's' }) =>
  makeCandidate({ ...extra, title, summary, texts: [{ source: 'News Example', title, summary }] });
const signals = (title: string, summary = '', extra?: Parameters<typeof makeCandidate>[0]) =>
  Object.fromEntries(readSeverity(story(title, summary, extra)).signals.map((s) => [s.id, s.points]));

describe('readSeverity', () => {
  it('reads exploitation, zero-day, KEV, critical and infrastructure wording', () => {
    expect(signals('Ivanti zero-day actively exploited to breach hospitals; CISA adds it to KEV', 'The critical flaw (CVSS 9.8) affects Connect Secure.')).toEqual({
      exploited: 1.25,
      'zero-day': 0.75,
      kev: 0.75,
      critical: 0.5 * SUMMARY_SHARE,
      infrastructure: 0.75,
    });
    expect(signals('Chrome update', 'Google said CVE-2026-1234 is being exploited in the wild.')).toEqual({ exploited: 1.25 * SUMMARY_SHARE });
    expect(signals('Fortinet fixes critical FortiOS bug')).toEqual({ critical: 0.5 });
    expect(signals('VPN gateways under attack through critical authentication bypass')).toEqual({ exploited: 1.25, critical: 0.5 });
    expect(signals('Patch now', 'Attackers are exploiting the bug.')).toEqual({ exploited: 1.25 * SUMMARY_SHARE });
    expect(signals('Water utility and power grid operator disrupted')).toEqual({ infrastructure: 0.75 });
  });

  it('ignores look-alikes: critical thinking, zero-day marketing, negations, CI pipelines', () => {
    expect(signals('Why critical thinking beats tooling', 'Critical infrastructure teams should train staff.')).toEqual({});
    expect(signals('Acme unveils zero-day protection for SMBs', 'Trend Micro’s Zero Day Initiative paid out $1M.')).toEqual({});
    expect(signals('Patch for Exchange flaw', 'Microsoft said there is no evidence the bug was exploited in the wild.')).toEqual({});
    expect(signals('Attackers poison a GitHub Actions pipeline')).toEqual({});
  });

  it('reads no threat wording from press releases (marketing copy), only impact', () => {
    const release = { storyId: 'pr', section: 'press-release' as const };
    expect(signals('Acme stops critical zero-day attacks actively exploited in the wild', '', release)).toEqual({});
    expect(signals('Clinic notifies 40,000 patients of a data security incident', '', release)).toHaveProperty('affected');
  });

  it('gives opinion pieces, columns, podcasts and webinars no severity at all', () => {
    for (const title of ['Opinion: zero-days actively exploited are the new normal', 'Column: the KEV list at 1,000', 'Podcast: critical flaws of 2026', 'Webinar – ransomware at hospitals', 'Brief: zero-day roundup']) {
      expect(readSeverity(story(title)), title).toEqual({ signals: [], excluded: 'opinion or discussion piece' });
    }
  });

  it('gives event and award announcements no severity, but keeps reports that mention an event', () => {
    const announcement = { signals: [], excluded: 'event or award announcement' };
    expect(readSeverity(story('Events: the Harbourside Security Days return to Porto in May', 'Some 600 guests from hospitals, banks and water utilities are expected.'))).toEqual(announcement);
    expect(readSeverity(story('SecureNorth Forum 2027 Announces Keynote Lineup and Power Grid Track', '', { storyId: 'pr', section: 'press-release' }))).toEqual(announcement);
    expect(readSeverity(story('Quorra Labs wins 2027 Cloud Defender Award for hospital security'))).toEqual(announcement);
    // What the audience list said: "hospitals" and "water utilities" are the infrastructure words.
    expect(signals('Harbourside Security Days', 'Some 600 guests from hospitals, banks and water utilities are expected.')).toEqual({ infrastructure: 0.75 * SUMMARY_SHARE });
    expect(signals('Phishing campaign lures hospital staff with fake conference invitations')).toEqual({ infrastructure: 0.75 });
  });

  it('rates a government advisory on an active threat, not product advisories, guidance or other feeds', () => {
    const gov = (title: string, sourceKind = 'government') => readSeverity(makeCandidate({ storyId: 'g', title, sourceKind })).signals.find((s) => s.id === 'advisory');
    expect(gov('#StopRansomware: Quillfang')).toEqual({ id: 'advisory', label: 'government advisory on an active threat', points: 0.5 });
    expect(gov('Foreign State Actors Continue to Target Water Utilities')).toBeDefined();
    expect(gov('Quillfang Affiliates Targeting Healthcare Providers Through VPN Appliances')).toBeDefined();
    expect(gov('Tallowmere GridSense Meter Hub')).toBeUndefined();
    expect(gov('Agency Releases Four Industrial Control Systems Advisories')).toBeUndefined();
    expect(gov('#StopRansomware Guide: Hardening Backups Against Actors Targeting Them')).toBeUndefined();
    expect(gov('#StopRansomware: Quillfang', 'news')).toBeUndefined();
    const { reasons } = scoreStory(makeCandidate({ storyId: 'g', title: '#StopRansomware: Quillfang', sourceKind: 'government' }), { until: '2026-11-25T06:00:00Z' });
    expect(reasons).toContain('severity: government advisory on an active threat (+0.50)');
  });

  it('scales people or records affected by order of magnitude, title above summary', () => {
    const affected = (title: string, summary = '') => readSeverity(story(title, summary)).signals.find((s) => s.id === 'affected');
    expect(affected('Retailer says hackers stole 2.3 million customers’ data')).toMatchObject({ label: '2.3 million customers affected' });
    expect(affected('Retailer says hackers stole 2.3 million customers’ data')!.points).toBeCloseTo(0.5 * Math.log10(2300), 6);
    expect(affected('Breach at lender', 'The leak holds 740,000 records.')!.points).toBeCloseTo(0.5 * Math.log10(740) * SUMMARY_SHARE, 6);
    expect(affected('Billions of rows: 3 billion records leak')!.points).toBe(2); // capped
    expect(affected('Dentist notifies 800 patients')).toBeUndefined(); // under a thousand: no signal
    expect(affected('In 2024 customers left')).toBeUndefined(); // a year is no count
  });

  it('rates a named victim more prominent the more outlets name it', () => {
    const texts = (n: number) => Array.from({ length: n }, (_, i) => ({ source: `o${i}`, title: `Pinecrest Outfitters breach ${i}`, summary: '' }));
    const victim = (n: number) => readSeverity(makeCandidate({ storyId: 'v', victims: ['Pinecrest Outfitters'], texts: texts(n) })).signals.find((s) => s.id === 'victim');
    expect(victim(1)).toEqual({ id: 'victim', label: 'victim Pinecrest Outfitters named by 1 outlet', points: 0.5 });
    expect(victim(3)!.points).toBe(1);
    expect(victim(9)!.points).toBe(1.25);
    expect(readSeverity(makeCandidate({ storyId: 'n' })).signals).toEqual([]);
  });
});
