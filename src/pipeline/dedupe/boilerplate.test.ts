import { describe, expect, it } from 'vitest';
import { stripBoilerplate, stripContext, stripTitleBoilerplate } from './boilerplate.js';

describe('stripBoilerplate', () => {
  it.each([
    ['PR Newswire', 'SAN JOSE, Calif., Nov. 19, 2026 /PRNewswire/ -- Quillgate raised $42 million.'],
    ['GlobeNewswire', 'RALEIGH, N.C., Nov. 18, 2026 (GLOBE NEWSWIRE) -- Quillgate raised $42 million.'],
    ['Business Wire', 'SAN JOSE, Calif.--(BUSINESS WIRE)--Quillgate raised $42 million.'],
    ['a site re-posting a release', 'The following is a press release from Quillgate. SAN JOSE, Calif., Nov. 19, 2026 /PRNewswire/ -- Quillgate raised $42 million.'],
  ])('drops the %s dateline', (_, text) => {
    expect(stripBoilerplate(text)).toBe('Quillgate raised $42 million.');
  });

  it('cuts the About paragraph, contacts, SOURCE line and forward-looking statements', () => {
    const body = 'Orrin Labs raised $27 million to extend its platform to Kubernetes clusters.';
    for (const tail of [
      ' About Orrin Labs Orrin Labs protects machine identities.',
      ' Media Contact: Jane Roe, press@orrin.example',
      ' SOURCE Orrin Labs',
      ' Forward-Looking Statements This release contains statements about the future.',
      ' The post Orrin Labs raises $27M appeared first on The Ledger.',
    ]) {
      expect(stripBoilerplate(body + tail)).toBe(body);
    }
  });

  it('cuts a WordPress "The post …" line that the summary limit cut short, but not "the post" in a sentence', () => {
    const body = 'Orrin Labs has released updates for all supported versions of Gatehouse Server.';
    expect(stripBoilerplate(`${body} The post Disrupting active exploitation of Gatehouse…`)).toBe(body);
    expect(stripBoilerplate(`${body} The post Disrupting active exploitation of Gatehouse...`)).toBe(body);
    const prose = 'Orrin Labs hired a new chief. The post of chief risk officer had been vacant since May.';
    expect(stripBoilerplate(prose)).toBe(prose);
  });

  it('keeps "About" when it is a number, not a company', () => {
    const text = 'The airline restored its systems on Monday. About 40 flights were delayed and nine cancelled.';
    expect(stripBoilerplate(text)).toBe(text);
  });

  it('removes law-firm alert formulas, leaving what differs between two notices', () => {
    const text =
      'Brackett Vance LLP, a national law firm focused on consumer protection and data privacy litigation, is investigating potential claims on behalf of patients of Harborview Dental.';
    expect(stripBoilerplate(text)).toBe('Brackett Vance LLP patients of Harborview Dental.');
    expect(stripTitleBoilerplate('DATA BREACH ALERT: Brackett Vance LLP Investigating Claims on Behalf of Harborview Dental Patients')).toBe(
      'Brackett Vance LLP Harborview Dental Patients',
    );
  });
});

describe('stripContext', () => {
  it('drops a clause naming a later event as context, up to the end of its clause', () => {
    expect(stripContext('Velmont meets WTO chief in Geneva ahead of a second round of Ostrava talks')).toBe('Velmont meets WTO chief in Geneva');
    expect(stripContext('The minister met the WTO head on Monday, ahead of talks with Ostrava. Both sides agreed.')).toBe(
      'The minister met the WTO head on Monday, . Both sides agreed.',
    );
  });
});
