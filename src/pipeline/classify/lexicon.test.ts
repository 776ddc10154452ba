import { describe, expect, it } from 'vitest';
import { compileKeywords, compileTaxonomy, findKeywords, findKeywordSet } from './keywords.js';
import { DEFAULT_TAXONOMY } from './taxonomy.js';

/** The lexicon must find exactly what the keyword pattern finds (keywords.ts keeps it as the reference). */
function both(keywords: readonly string[], title: string, summary: string) {
  const set = compileKeywords(keywords);
  expect(set.lexicon).toBeDefined();
  return { lexicon: findKeywordSet(set, title, summary), pattern: findKeywordSet({ ...set, lexicon: undefined }, title, summary) };
}

describe('keyword lexicon', () => {
  it('matches like the pattern on word boundaries, separators, prefixes and case folding', () => {
    const keywords = ['zero day', 'zero-day exploit*', 'rat', 'exploit*', 'ransomware gang', 'ransomware', 'c2', 'state sponsored', 'state-sponsored', 'ab*'];
    for (const text of [
      'Zero-Day exploits ratified; RAT found', 'zero\u2011day', 'zero \u2013 day and zero\u2014day', 'ransomware  gang ransomware-gang',
      'ſtate sponſored, \u212Aey', 'exploitation exploit2 éexploit exploité', 'C2 c2s xc2', 'İstanbul ab abc ab1 a', 'state\nsponsored 😀rat',
    ]) {
      const { lexicon, pattern } = both(keywords, text, `${text}\nCategory. ${text.toUpperCase()}`);
      expect(lexicon).toEqual(pattern);
    }
  });

  it('matches like the pattern on generated texts from the default taxonomy', () => {
    const keywords = [...DEFAULT_TAXONOMY.topics.flatMap((topic) => topic.keywords), ...(DEFAULT_TAXONOMY.securityTerms ?? [])];
    const words = keywords.map((k) => k.replace('*', ''));
    const glue = [' ', '  ', '-', '\u2010', '\u2014', '\n', '\u00a0', '.', ', ', 'ſ', 'ing ', "'s ", '_', '😀', '\t', ' - ', '\u3000', '\u2013', '\u00a0-\u2028', ' é', '\u212A'];
    let seed = 1;
    const next = (n: number) => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n;
    for (let i = 0; i < 2000; i++) {
      let text = '';
      for (let j = 1 + next(8); j > 0; j--) {
        const word = words[next(words.length)]!;
        text += (next(3) === 0 ? word.toUpperCase() : word).replace(/ /g, glue[next(glue.length)]!) + glue[next(glue.length)];
      }
      const { lexicon, pattern } = both(keywords, text.slice(0, 40), text);
      expect(lexicon).toEqual(pattern);
    }
  });

  it('finds the words of a lexicon compiled after a text was first scanned (shared word ids)', () => {
    const title = 'Quindle loader drops Zarbex stealer';
    const summary = 'Researchers found the Quindle loader.';
    expect(both(['quindle'], title, summary).lexicon.map((hit) => hit.keyword)).toEqual(['quindle']);
    // The same texts, now read by a lexicon whose words were unknown when they were tokenized.
    const { lexicon, pattern } = both(['zarbex stealer', 'quindl*'], title, summary);
    expect(lexicon.map((hit) => hit.keyword)).toEqual(['quindl*', 'zarbex stealer']);
    expect(lexicon).toEqual(pattern);
  });

  it('finds every topic\'s keywords from tokens shared by the topics as each pattern does alone', () => {
    const topics = compileTaxonomy(DEFAULT_TAXONOMY);
    for (const [title, summary] of [
      ['', ''],
      ['Zero-day exploit hits ransomware gang', 'A phishing kit, a data breach and a supply-chain attack.\nCategory. Vulnerabilities'],
      ['Éxploit ſupply chain \u212Ait', 'exploitation — zero\u3000day; cloud\tsecurity - DDoS'],
      ['x'.repeat(5000), `${'Ransomware attack on the network. '.repeat(200)}`],
    ]) {
      const shared = findKeywords(topics, title!, summary!);
      for (const topic of topics) expect(shared.get(topic.id)).toEqual(findKeywordSet({ ...topic, lexicon: undefined }, title!, summary!));
    }
  });

  it('leaves sets with other keywords to the pattern', () => {
    expect(compileKeywords(['ransomed.vc', 'lockbit']).lexicon).toBeUndefined();
    expect(compileKeywords(['données']).lexicon).toBeUndefined();
  });
});
