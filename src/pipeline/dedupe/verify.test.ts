import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../config/defaults.js';
import { extractFeatures } from './features.js';
import { verify } from './verify.js';

const settings = DEFAULT_SETTINGS.dedupe;
const check = (a: [string, string], b: [string, string]) => verify(extractFeatures(...a), extractFeatures(...b), settings);

describe('verify', () => {
  it('keeps two advisories apart when their CVE ids differ, however alike the wording', () => {
    const advisory = (cve: string): [string, string] => [
      'CISA Adds One Known Exploited Vulnerability to Catalog',
      `CISA has added one new vulnerability to its Known Exploited Vulnerabilities Catalog, based on evidence of active exploitation: ${cve} Harlan FortiPath OS Command Injection Vulnerability.`,
    ];
    expect(check(advisory('CVE-2027-10234'), advisory('CVE-2027-10301'))).toMatchObject({ same: false, reason: 'different-cves' });
  });

  it('takes a shared CVE id as strong evidence', () => {
    const verdict = check(
      ['Harlan patches exploited FortiPath flaw', 'Harlan Networks fixed CVE-2027-10234, a command injection in FortiPath VPN appliances.'],
      ['CISA orders agencies to fix FortiPath bug', 'Federal agencies have until March 24 to patch CVE-2027-10234 in Harlan FortiPath appliances.'],
    );
    expect(verdict).toMatchObject({ same: true, reason: 'shared-cve' });
  });

  it('keeps a lawsuit apart from the breach it is about', () => {
    const verdict = check(
      ['Kestner Freight says hackers stole data of 41,000 drivers', 'Chicago trucking firm Kestner Freight is notifying 41,000 drivers that hackers broke into its payroll system in February and copied licence and bank details.'],
      ['Kestner Freight hit with class action after breach', 'A driver from Indiana has filed a proposed class action in federal court, accusing Kestner Freight of negligence over the February breach.'],
    );
    expect(verdict).toMatchObject({ same: false, reason: 'different-kind' });
  });

  it('keeps a round-up apart from the reports it lists', () => {
    const verdict = check(
      ['Week in review: Velmont water hack, FortiPath zero-day, Quorvex funding', 'A water utility in Oregon ran two plants by hand after a breach; Harlan patched a FortiPath zero-day; Quorvex raised $30 million.'],
      ['Hackers hit Velmont water utility', 'The Velmont Regional Water Authority switched two treatment plants to manual operation after a remote-access breach.'],
    );
    expect(verdict).toMatchObject({ same: false, reason: 'different-kind' });
  });

  it('keeps two explainers of one feed apart unless one is a near-verbatim copy of the other', () => {
    const schedule: [string, string] = [
      'See the full schedule for the Velmont Winter Games',
      'Every event of the Velmont Winter Games, with dates and medal sessions for each sport.',
    ];
    const medals: [string, string] = [
      'Which countries have won the most medals at the Velmont Winter Games?',
      'The nations that have won the most medals at the Velmont Winter Games, sport by sport.',
    ];
    const apart = check(schedule, medals);
    expect(apart.score).toBeGreaterThan(settings.conflictSimilarity);
    expect(apart).toMatchObject({ same: false, reason: 'different-kind' });
    expect(check(schedule, [schedule[0], `${schedule[1]} Updated daily.`])).toMatchObject({ same: true });
  });

  it('keeps two analyst-report announcements by different vendors apart', () => {
    const verdict = check(
      ['Quorvex named a Leader in the Halvorsen Wave for cloud detection', 'Quorvex was named a Leader in the Halvorsen Wave for cloud detection and response, Q1 2027.'],
      ['Tamsin Security named a Leader in the Halvorsen Wave for cloud detection', 'Tamsin Security was named a Leader in the Halvorsen Wave for cloud detection and response, Q1 2027.'],
    );
    expect(verdict).toMatchObject({ same: false, reason: 'different-names' });
  });

  it('keeps one vendor\'s two analyst-report posts apart when their headline acronyms differ', () => {
    const verdict = check(
      ['Quorvex Named a Leader and Fast Mover in Halvorsen ISPM Radar', ''],
      ['Quorvex Named a Leader in the 2027 Halvorsen SIEM Radar Report', ''],
    );
    expect(verdict).toMatchObject({ same: false, reason: 'different-names' });
  });

  it('does not take one shared name for a story', () => {
    const verdict = check(
      ['Quorvex Named a Strong Performer in Pellham Wave for Unified Exposure Management', ''],
      ['Quorvex Named a Leader in the Halvorsen Detection Radar Report', ''],
    );
    expect(verdict).toMatchObject({ same: false });
    expect(['one-name', 'dissimilar', 'different-names']).toContain(verdict.reason);
  });

  it('takes the word a headline opens with as its subject when the text capitalizes it too', () => {
    const verdict = check(
      ['Tamsin is named a Leader in the 2027 Halvorsen Wave for Endpoint Protection', 'We are honored to be named a Leader in the 2027 Halvorsen Wave for Endpoint Protection. Tamsin was recognized for its vision.'],
      ['NetHarbor Named a Leader in 2027 Halvorsen Wave for Endpoint Protection for Third Time', ''],
    );
    expect(verdict).toMatchObject({ same: false, reason: 'different-names' });
  });

  it('leaves out what a headline names only as context ("ahead of …")', () => {
    const talks: [string, string] = [
      'Velmont and the EU resume trade talks in Geneva',
      'Negotiators from Velmont and the EU met in Geneva on Tuesday for a second round of trade talks.',
    ];
    const sideMeeting: [string, string] = [
      'Velmont meets WTO chief in Geneva ahead of a second round of EU trade talks',
      'Velmont\'s trade minister met the head of the WTO on Monday, ahead of a second round of trade talks with the EU.',
    ];
    expect(check(talks, sideMeeting)).toMatchObject({ same: false, reason: 'different-names' });
  });

  it('is symmetric', () => {
    const a: [string, string] = ['Velmont water utility hacked', 'The Velmont Regional Water Authority runs two plants by hand.'];
    const b: [string, string] = ['Oregon water authority breached', 'Velmont Regional Water Authority staff run two treatment plants manually.'];
    expect(check(a, b)).toEqual(check(b, a));
  });

  describe('names common in the window (context.isCommon)', () => {
    const talks: [string, string] = ['Velmora calls Ostrava talks "more constructive" as Hadrek threat looms',
      'Velmora and Ostrava traded warnings even as negotiators sat down to discuss a nuclear deal, but Velmora says there is now a clearer path.'];
    const geneva: [string, string] = ['Velmora and Ostrava reach framework in Lucerne nuclear talks',
      'Velmora and Ostrava reached a framework at indirect nuclear talks in Lucerne, the negotiators said.'];
    const common = (names: string[]) => ({ isCommon: (name: string) => names.includes(name) });

    it('keeps headlines apart that each name something the other never mentions', () => {
      expect(check(talks, geneva)).toMatchObject({ same: false, reason: 'different-names' });
    });

    it('does not count a name many stories of the window mention as such a conflict', () => {
      const verdict = verify(extractFeatures(...talks), extractFeatures(...geneva), settings, common(['hadrek']));
      expect(verdict.reason).not.toBe('different-names');
      expect(verdict).toMatchObject({ same: true, reason: 'similar' });
    });

    it('still keeps templated releases apart when only their shared words are common', () => {
      const leader = (vendor: string): [string, string] => [`${vendor} Named a Leader in the Marlow Wave for Cloud Security`,
        `${vendor} has been named a Leader in the Marlow Wave for Cloud Security, Q1 2027, the analyst firm's evaluation of cloud security platforms.`];
      const verdict = verify(extractFeatures(...leader('Quorvex')), extractFeatures(...leader('Tamsin')), settings, common(['marlow', 'wave']));
      expect(verdict).toMatchObject({ same: false });
    });
  });
});
