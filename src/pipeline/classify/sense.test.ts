import { describe, expect, it } from 'vitest';
import { cachedStem, contentWords } from './features.js';
import { asksReaders, forumBody, senseFeatures, senseLexicon, shapeFeatures } from './sense.js';

// A stand-in stemmer: the lexicons are stemmed with whatever stemmer the model uses.
const stem = cachedStem((word) => word.replace(/(?:ing|ed|s)$/, ''));
const senses = (title: string, summary = '') => senseFeatures(contentWords(title, stem), contentWords(summary, stem), senseLexicon(stem));

describe('senseFeatures', () => {
  it('tells a word in computing from the same word elsewhere', () => {
    expect(senses('Hackers hacked the city email server')).toEqual(expect.arrayContaining(['sense:hack|it', 'it:2+']));
    expect(senses('Man hacked to death with a machete')).toEqual(expect.arrayContaining(['sense:hack|none', 'sense:hack|off', 'it:0']));
    expect(senses('Breach of contract claim', 'The employer breached the employment contract.')).toEqual(expect.arrayContaining(['sense:breach|none', 'sense:breach|off']));
    expect(senses('Data breach at retailer', 'Attackers copied the customer database.')).toContain('sense:breach|it');
  });

  it('counts the names of security roles, product categories and compliance frameworks as security words', () => {
    // A ranking for managed detection and response, a CISO guide and a compliance checklist use
    // none of the threat words, yet are security items.
    expect(senses('Vendor ranked first for MDR', '')).toEqual(expect.arrayContaining(['sec:1', 'tsec:1']));
    expect(senses('What makes a good CISO?', 'A CMMC and HIPAA checklist for the new security leader.')).toEqual(expect.arrayContaining(['sec:3', 'tsec:1']));
    expect(senses('Taking apart an adware installer', 'Cybercriminals sell it on forums.')).toEqual(expect.arrayContaining(['sec:2', 'tsec:1']));
    // "post-quantum" was left out: its halves ("post", "quantum") are everyday words.
    expect(senses('Quantum computing post', '')).toEqual(expect.arrayContaining(['sec:0']));
  });

  it('does not count a family as its own context', () => {
    // "hackers" and "hacked" are one family: no computing word besides them.
    expect(senses('Hackers hacked')).toContain('sense:hack|none');
  });

  it('counts security words in the item and in its headline', () => {
    expect(senses('Ransomware gang exploits VPN vulnerability', 'The malware encrypts servers.')).toEqual(expect.arrayContaining(['sec:3', 'tsec:2']));
    expect(senses('Bitcoin ETF sees record inflows')).toEqual(expect.arrayContaining(['sec:0', 'tsec:0']));
    // Exploit mitigation and fraud-technique words count as security vocabulary too.
    expect(senses('Kernel hardening adds new mitigations', 'The fuzzing found a use-after-free.')).toEqual(expect.arrayContaining(['sec:3', 'tsec:2']));
    expect(senses('Card skimmer found at fuel pumps')).toEqual(expect.arrayContaining(['sec:1', 'tsec:1']));
  });
});

describe('shapeFeatures', () => {
  it.each([
    ['How do I get my first SOC job?', 'I have two years of help desk experience. submitted by /u/someone [link] [comments]', ['shape:question', 'shape:first-person', 'shape:reddit']],
    // Only the footer (and perhaps the link): a link post, judged by its headline like a news item.
    ['Hacking a smart kettle over Bluetooth', 'submitted by /u/someone [link] [comments]', ['shape:link-post']],
    ['Security research with AI tools', 'https://example.com/blog/post submitted by /u/some_one-2 [link] [comments]', ['shape:link-post']],
    // A forum question without the footer: a greeting or a request to the readers opens the body.
    ['EDR for 3k Linux servers', 'Hi all, we are choosing an agent for our fleet.', ['shape:ask']],
    ['Checking invoice emails', 'We see more fake invoices lately. Does anyone have a good way to verify the sender?', ['shape:ask']],
    ['Phishing kit targets payroll portals', 'Researchers say the kit asks victims for MFA codes and anyone who enters them is compromised.', []],
    // Roundups and newsletter issues.
    ['A week in security (May 4 – May 10)', 'The stories we covered.', ['shape:roundup']],
    ['In Other News: Router Botnet, Spyware Fine', 'x', ['shape:roundup']],
    ['Weekly Recap: Zero-Days and a Stealer Surge', 'x', ['shape:roundup']],
    ['Episode 212: the week in breaches', '', ['shape:episode', 'shape:no-summary']],
    // An issue number is a newsletter's as often as a show's: its own feature, not an episode.
    ['Threat Digest No. 214', 'Stealers, a botnet takedown and more.', ['shape:issue']],
    ['Signal & Noise, Issue 141', 'x', ['shape:issue']],
    ['Security news show, ep. 310: breaches and bugs', 'x', ['shape:episode']],
    ['What is attack surface management? | Vendorwise', 'A guide.', ['shape:question', 'shape:brand-suffix']],
    ['i built a port scanner in rust', 'feedback welcome', ['shape:first-person', 'shape:lower-case']],
    ['Exchange loses $30 million to hackers', 'x', ['shape:money']],
  ])('%j → %j', (title, summary, expected) => {
    expect(shapeFeatures(title, summary)).toEqual(expected);
  });
});

describe('asksReaders', () => {
  it('hears a post that greets or asks its readers in its opening', () => {
    expect(asksReaders('Hi all, we need a quick way to check our external exposure before an audit.')).toBe(true);
    expect(asksReaders('Our SOC uses two EDRs. Does anyone run both on the same hosts?')).toBe(true);
  });

  it('does not hear a report, or a question asked past the opening', () => {
    expect(asksReaders('Researchers found a loader in signed drivers; anyone who installed the tool is affected.')).toBe(false);
    expect(asksReaders(`${'The gang leaked the files. '.repeat(20)}Does anyone know more?`)).toBe(false);
  });
});

describe('forumBody', () => {
  it('drops the Reddit footer and keeps the body', () => {
    expect(forumBody('Which EDR do you use? submitted by /u/blue_team-7 [link] [comments]')).toBe('Which EDR do you use?');
    expect(forumBody('submitted by /u/someone [link] [comments]')).toBe('');
  });

  it('leaves other summaries alone', () => {
    expect(forumBody('Attackers submitted forged invoices.')).toBe('Attackers submitted forged invoices.');
  });
});
