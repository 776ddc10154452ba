import { describe, expect, it } from 'vitest';
import { BLURB_MAX_CHARS, draftBlurb } from './blurb.js';

const TITLE = 'Pinecrest Outfitters says hackers stole 2.3 million customers’ data';
const text = (summary: string, title = TITLE, source = 'News Example') => ({ source, title, summary });

describe('draftBlurb', () => {
  it('picks an informative sentence and drops feed boilerplate and the repeated headline', () => {
    const blurb = draftBlurb(TITLE, [
      text(
        'Pinecrest Outfitters says hackers stole 2.3 million customers’ data. The outdoor retailer said attackers accessed names, ' +
          'addresses and partial card numbers of Pinecrest customers between March 2 and March 9. ' +
          'The post Pinecrest Outfitters says hackers stole 2.3 million customers’ data appeared first on Example News.',
      ),
    ]);
    expect(blurb).toBe('The outdoor retailer said attackers accessed names, addresses and partial card numbers of Pinecrest customers between March 2 and March 9.');
  });

  it('prefers what the other outlets also tell over one outlet’s colour', () => {
    const blurb = draftBlurb(TITLE, [
      text('Our reporter first visited the company’s store in Denver in 2019 and liked the tents. Attackers stole names and card numbers of Pinecrest customers, the retailer said.'),
      text('Pinecrest said attackers stole names and card numbers from its customers in March. Click here to subscribe to our newsletter.', 'Pinecrest breach', 'Other'),
      text('Names and card numbers of customers were stolen, Pinecrest confirmed. Read more.', 'Retailer breach', 'Third'),
    ]);
    expect(blurb).not.toContain('Denver');
    expect(blurb).toMatch(/^(?:Attackers stole names and card numbers of Pinecrest customers, the retailer said\.|Pinecrest said attackers stole names and card numbers from its customers in March\.)$/);
  });

  it('adds the next sentence to a short one when both fit, and keeps "U.S." and versions intact', () => {
    const blurb = draftBlurb('Acme patches VPN flaw', [text('Acme Inc. fixed the flaw in version v2.1.4 on Monday. The U.S. agency CISA urged users to update within a week. Unrelated closing words here.', 'Acme patches VPN flaw')]);
    expect(blurb).toBe('Acme Inc. fixed the flaw in version v2.1.4 on Monday. The U.S. agency CISA urged users to update within a week.');
  });

  it('respects the cap: stops at a sentence end, else cuts at a word with an ellipsis', () => {
    const long = `${'The attackers moved laterally through several internal systems over many weeks '.repeat(5).trim()}.`;
    const cut = draftBlurb('Breach', [text(long, 'Breach')])!;
    expect(cut.length).toBeLessThanOrEqual(BLURB_MAX_CHARS);
    expect(cut.endsWith('…')).toBe(true);
    expect(long.startsWith(cut.slice(0, -1))).toBe(true);
    expect(long[cut.length - 1]).toBe(' '); // cut before a space: never mid-word
    const two = draftBlurb('Breach', [text(`Attackers stole customer names and card data in March. ${long}`, 'Breach')])!;
    expect(two).toBe('Attackers stole customer names and card data in March.');
  });

  it('drops a press release dateline and stock ticker and keeps the sentence that follows', () => {
    const wire = (dateline: string) =>
      draftBlurb('Quorra Labs raises $12M', [
        text(`${dateline}Quorra Labs, Inc. (NASDAQ: QRRA), a maker of phishing-resistant login keys, today announced it has raised $12 million in new funding.`, 'Quorra Labs raises $12M'),
      ]);
    const expected = 'Quorra Labs, Inc., a maker of phishing-resistant login keys, today announced it has raised $12 million in new funding.';
    expect(wire('FARGO, N.D.--(BUSINESS WIRE)--')).toBe(expected);
    expect(wire('MESA, Ariz., Feb. 2, 2027 /PRNewswire/ -- ')).toBe(expected);
    expect(wire('OSLO, Feb. 2, 2027 (GLOBE NEWSWIRE) -- ')).toBe(expected);
    // A dateline after an outlet's note that a release follows.
    expect(wire('The following is a press release from Quorra Labs. LIMA, Ohio--(BUSINESS WIRE)--')).toBe(expected);
  });

  it('leaves out a wire summary the wire cut at an abbreviation, and is null when that is all there is', () => {
    const cut = text('FARGO, N.D.--(BUSINESS WIRE)--Quorra Federal, a supplier of secure radios to U.S.', 'Quorra Federal wins $40 million contract');
    expect(draftBlurb('Quorra Federal wins $40 million contract', [cut])).toBeNull();
    const news = text('Quorra Federal, which sells encrypted radios to police forces, won a five-year contract to equip border stations.', 'Quorra wins border deal', 'Wire Watch');
    expect(draftBlurb('Quorra Federal wins $40 million contract', [cut, news])).toBe(news.summary);
  });

  it('keeps a sentence whole across "U.S." and "Inc." followed by a continuing word', () => {
    const blurb = draftBlurb('Brindle breach', [text('Brindle Holdings, Inc. said attackers copied files of U.S. state contractors from a file server in March.', 'Brindle breach')]);
    expect(blurb).toBe('Brindle Holdings, Inc. said attackers copied files of U.S. state contractors from a file server in March.');
  });

  it('reads a numbered advisory: headings and "Label: value" runs are not prose, the impact is', () => {
    const advisory =
      '1. OVERVIEW Advisory: ICSA-27-010-01 CVSS v4 8.1 Vendor: Tallowmere Equipment: GridSense Meter Hub Vulnerabilities: CVE-2027-10001 ' +
      '2. IMPACT The meter hub accepts firmware images without checking their signature. An attacker on the utility network can install altered firmware. ' +
      '3. AFFECTED VERSIONS GridSense Meter Hub: versions before 5.2 4. MITIGATIONS Tallowmere recommends…';
    expect(draftBlurb('Tallowmere GridSense Meter Hub', [text(advisory, 'Tallowmere GridSense Meter Hub', 'Agency')])).toBe(
      'The meter hub accepts firmware images without checking their signature. An attacker on the utility network can install altered firmware.',
    );
    // Nothing but labels and list numbers: no blurb rather than a garbled one.
    const labelsOnly = 'Advisory: ICSA-27-010-02 Vendor: Tallowmere Equipment: GridSense Relay Vulnerabilities: CVE-2027-10002 2.';
    expect(draftBlurb('Tallowmere GridSense Relay', [text(labelsOnly, 'Tallowmere GridSense Relay', 'Agency')])).toBeNull();
  });

  it('drops a heading run into the first sentence and an id list after a colon', () => {
    expect(
      draftBlurb('Agency updates advisory on Quillfang ransomware', [
        text('Summary The agency and its partners describe how Quillfang affiliates break into networks through stolen VPN passwords.', 'Agency advisory', 'Agency'),
      ]),
    ).toBe('The agency and its partners describe how Quillfang affiliates break into networks through stolen VPN passwords.');
    expect(
      draftBlurb('Agency releases four ICS advisories', [
        text('Four advisories were released on Monday for pumps, meters and relays: ICSA-27-011-01 Tallowmere Pump ICSA-27-011-02 Tallowmere Meter ICSA-27-011-03 Relay', 'Agency releases four ICS advisories', 'Agency'),
      ]),
    ).toBe('Four advisories were released on Monday for pumps, meters and relays.');
  });

  it('keeps "session cookies" (what stealers take) and still drops cookie banners', () => {
    const blurb = draftBlurb('Stealer kit', [text('We use cookies to improve your experience on this site. The kit steals session cookies from browsers to bypass login prompts.', 'Stealer kit')]);
    expect(blurb).toBe('The kit steals session cookies from browsers to bypass login prompts.');
  });

  it('reads "since Nov. 12." as a date, not a list number', () => {
    const blurb = draftBlurb('Gateway bug exploited', [text('Attackers have exploited the gateway bug in Tallowmere appliances since at least Nov. 12.', 'Gateway bug exploited')]);
    expect(blurb).toBe('Attackers have exploited the gateway bug in Tallowmere appliances since at least Nov. 12.');
  });

  it('is null when nothing is informative', () => {
    expect(draftBlurb(TITLE, [])).toBeNull();
    expect(draftBlurb(TITLE, [text('')])).toBeNull();
    expect(draftBlurb(TITLE, [text('Read more […]'), text('The post Pinecrest appeared first on Example News.')])).toBeNull();
    expect(draftBlurb(TITLE, [text('Pinecrest Outfitters says hackers stole 2.3 million customers’ data.')])).toBeNull();
  });

  it('returns hostile markup as plain text, building none', () => {
    const blurb = draftBlurb('Acme breach', [
      text(
        '<p onclick="x()">Attackers <b>stole</b> the <a href="javascript:alert(1)">customer database</a> of Acme last week.</p><script>alert("owned")</script> ' +
          '**Bold** claims and [a link](javascript:alert(2)) &lt;img src=x onerror=alert(3)&gt; appear here too.',
        'Acme breach',
      ),
    ])!;
    expect(blurb).toBe('Attackers stole the customer database of Acme last week. Bold claims and a link appear here too.');
    expect(blurb).not.toMatch(/[<>]|javascript:|\*\*|\]\(/);
  });
});
