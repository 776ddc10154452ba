import { describe, expect, it } from 'vitest';
import { cachedStem, contentWords } from './features.js';
import { senseFeatures, senseLexicon, shapeFeatures } from './sense.js';

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

  it('does not count a family as its own context', () => {
    // "hackers" and "hacked" are one family: no computing word besides them.
    expect(senses('Hackers hacked')).toContain('sense:hack|none');
  });

  it('counts security words in the item and in its headline', () => {
    expect(senses('Ransomware gang exploits VPN vulnerability', 'The malware encrypts servers.')).toEqual(expect.arrayContaining(['sec:3', 'tsec:2']));
    expect(senses('Bitcoin ETF sees record inflows')).toEqual(expect.arrayContaining(['sec:0', 'tsec:0']));
  });
});

describe('shapeFeatures', () => {
  it.each([
    ['How do I get my first SOC job?', 'submitted by /u/someone [link] [comments]', ['shape:question', 'shape:first-person', 'shape:reddit']],
    ['Episode 212: the week in breaches', '', ['shape:episode', 'shape:no-summary']],
    ['What is attack surface management? | Vendorwise', 'A guide.', ['shape:question', 'shape:brand-suffix']],
    ['i built a port scanner in rust', 'feedback welcome', ['shape:first-person', 'shape:lower-case']],
    ['Exchange loses $30 million to hackers', 'x', ['shape:money']],
  ])('%j → %j', (title, summary, expected) => {
    expect(shapeFeatures(title, summary)).toEqual(expected);
  });
});
