/**
 * Issue 16's cases, end to end through the classifier trained on the shipped set: each everyday
 * sense of "hacking", "breach" and "attack" that made general news look like security news, next
 * to the computer sense of the same words; the breach notice and the law firm's alert (victim
 * stories, not industry releases); and what is never newsletter material (a job posting, a
 * webinar, a podcast plug). All text is invented for these tests (not in data/training).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createClassifier, trainFromShippedSet, type Classifier } from './index.js';

let classifier: Classifier;
beforeAll(async () => {
  classifier = createClassifier({ model: await trainFromShippedSet() });
});

const news = (title: string, summary: string) => classifier.classify({ title, summary, feedKind: 'news' });

describe('"hacking" in its other senses is not security news', () => {
  it.each([
    ['tabloid phone hacking', 'Phone-hacking trial: former news editor denies listening to voicemails', 'The court heard that reporters accessed messages left for a footballer in 2005.'],
    ['a TV drama about it', 'Streaming drama revisits the newspaper phone-hacking scandal', 'The four-part series stars a former soap actor as the paper\'s editor.'],
    ['violent crime', 'Shopkeeper hacked to death in machete attack, police say', 'Two men have been arrested after the attack outside the shop on Saturday night.'],
    ['tariff hacking', 'How exporters are tariff hacking their way around new duties', 'Goods are being relabelled and routed through third countries to avoid the levies.'],
    ['growth hacking', "Growth hacking: the playbook that tripled a start-up's sign-ups", 'Referral rewards and a waiting list did most of the work, the founder says.'],
    ['AI reward hacking', 'AI agent caught reward hacking its coding benchmark', 'The model rewrote the test harness so its answers always passed, researchers found.'],
    ['game cheating', 'Hundreds of players banned for using wallhacks in ranked matches', 'The studio says its new anti-cheat caught the cheaters within a week.'],
    ['a hobby hardware project', 'Hobbyist hacks a vintage radio into a smart speaker', 'A weekend project with a microcontroller, a new amplifier and the original dial.'],
    ['a conspiracy piece', 'Documentary asks whether big tech is hacking humanity', 'The film claims phones and social feeds rewire our brains.'],
  ])('%s', (_, title, summary) => {
    expect(news(title, summary)).toMatchObject({ relevant: false, topic: 'other' });
  });

  it.each([
    ['into a server', "Hackers broke into the county's email server and stole voter records", 'Officials said the intruders used a stolen password and copied files from the election office.'],
    ['phones with spyware', "Spyware vendor hacked journalists' phones, researchers say", 'A zero-click exploit installed surveillance software that read messages.'],
  ])('while hacking %s is', (_, title, summary) => {
    const result = news(title, summary);
    expect(result.relevant).toBe(true);
    expect(result.topic).not.toBe('other');
  });
});

describe('"breach" and "attack" in other senses, or only in passing, are not security news', () => {
  it.each([
    ['an HR dispute over data-protection breaches', 'Nurse wins tribunal claim over data-protection breaches by employer', 'The hospital trust shared her medical records with managers during a grievance, the tribunal found.'],
    ['a breach of contract', 'Builder sued for breach of contract over unfinished extension', 'The homeowners say the firm walked off the job after taking a deposit.'],
    ['a ceasefire breach', 'Ceasefire breach reported near border town', 'Both sides accused each other of firing first.'],
    ["a store expansion that mentions last year's attack", 'Garden chain to open 20 stores, a year after a cyberattack hit its tills', 'The retailer said trading has recovered and it will hire 400 staff.'],
    ['a stock-market live blog', 'Markets live: shares fall as bank rallies; retailer slides on hack costs', 'Follow the trading day with bonds, currencies and company news.'],
    ['a crypto price promotion that names a DDoS', 'Token jumps 20% after DDoS on rival network; analysts see more upside', 'Traders are betting the coin will break its record high this month.'],
    ['a physical attack on a police officer', 'Man arrested after attack on police officer outside stadium', 'The officer suffered head injuries and is recovering in hospital.'],
  ])('%s', (_, title, summary) => {
    expect(news(title, summary)).toMatchObject({ relevant: false, topic: 'other' });
  });

  it.each([
    ['a data breach', "Insurer confirms data breach exposing 400,000 customers' records", 'Attackers accessed a file server holding policy details and bank account numbers.'],
    ['a network breached', "Hackers breached the council's network through an unpatched VPN", 'The intruders moved to file servers and stole staff records before being detected.'],
    ['a cyberattack on a city', "Town of Ashvale's phones and payment portals down after cyberattack", 'Residents cannot pay water bills online while the town restores its systems.'],
  ])('while %s is', (_, title, summary) => {
    const result = news(title, summary);
    expect(result.relevant).toBe(true);
    expect(result.topic).not.toBe('other');
  });
});

describe('victim stories and what is never material', () => {
  it('files a breach notice sent over a wire as a data breach of the company that sent it, not an industry release', () => {
    const result = news(
      'Harrowvale Clinic Provides Notice of Data Security Incident',
      'SPOKANE, Wash., Jan. 12, 2027 /PRNewswire/ -- Harrowvale Clinic is notifying patients of an incident that may have involved their personal information.',
    );
    expect(result).toMatchObject({ relevant: true, topic: 'data-breach', section: 'press-release', victims: ['Harrowvale Clinic'] });
  });

  it("files a law firm's data breach alert under the victim it names", () => {
    const result = news(
      'DATA BREACH ALERT: Pell & Marsh LLP Investigating Claims on Behalf of Tessaro Foods Customers',
      'NEW YORK, March 2, 2027 (GLOBE NEWSWIRE) -- Pell & Marsh LLP is investigating claims on behalf of individuals affected by the Tessaro Foods data breach.',
    );
    expect(result).toMatchObject({ relevant: true, topic: 'data-breach', victims: ['Tessaro Foods'] });
  });

  it.each([
    ['a job posting', "We're hiring: investigations editor", 'Join our newsroom to lead coverage of cybercrime and national security.', 'job posting'],
    ['a webinar', 'Webinar: stopping account takeover in 2027', 'Register now for our live session with Q&A.', 'webinar'],
    ['a podcast plug', 'Episode 140: the ransomware negotiators', "Listen to this week's podcast with two incident responders.", 'podcast'],
  ])('files %s under other, not relevant, saying why', (_, title, summary, promotion) => {
    const result = news(title, summary);
    expect(result).toMatchObject({ relevant: false, topic: 'other' });
    expect(result.evidence.relevance).toContain(`promotion: ${promotion} in title`);
  });
});
