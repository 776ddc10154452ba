import { describe, expect, it } from 'vitest';
import { endsInAbbreviation, splitSentences, stripDateline, toPlainText } from './sentences.js';

describe('splitSentences', () => {
  it('splits at sentence ends but not after abbreviations, initials, acronyms or inside versions', () => {
    expect(splitSentences('The U.S. Treasury said Acme Inc. patched v2.1 on Monday. J. Smith of Acme Corp. agreed! Was it enough? Yes. No final stop')).toEqual([
      'The U.S. Treasury said Acme Inc. patched v2.1 on Monday.',
      'J. Smith of Acme Corp. agreed!',
      'Was it enough?',
      'Yes.',
      'No final stop',
    ]);
  });

  it('does not end a sentence at "U.S.", "Inc.", state or month abbreviations before a continuing word', () => {
    expect(
      splitSentences(
        'Harlow Systems, a supplier of radios to U.S. state agencies, said Harlow Holdings, Inc. (NYSE: HRLW) bought it. ' +
          'The deal was signed in Tulsa, Okla. Tuesday, dated Nov. 3 and filed as No. 14 in Dover, Del. last week. ' +
          'It closed at Brindle Co. Chief Executive Pat Ng said so. Ng sold it to Brindle Corp. The buyer paid cash. Most buyers were in the U.S. It was quick.',
      ),
    ).toEqual([
      'Harlow Systems, a supplier of radios to U.S. state agencies, said Harlow Holdings, Inc. (NYSE: HRLW) bought it.',
      'The deal was signed in Tulsa, Okla. Tuesday, dated Nov. 3 and filed as No. 14 in Dover, Del. last week.',
      'It closed at Brindle Co. Chief Executive Pat Ng said so.',
      'Ng sold it to Brindle Corp.',
      'The buyer paid cash.',
      'Most buyers were in the U.S.',
      'It was quick.',
    ]);
    expect(endsInAbbreviation('Harlow Systems, a supplier of radios to U.S.')).toBe(true);
    expect(endsInAbbreviation('Harlow Holdings, Inc.')).toBe(true);
    expect(endsInAbbreviation('Harlow sold radios.')).toBe(false);
  });
});

describe('stripDateline', () => {
  it('removes a wire dateline: city, optional region and date, the wire marker and its dash', () => {
    const after = (text: string) => stripDateline(text).text;
    expect(after('FARGO, N.D.--(BUSINESS WIRE)--Quorra Labs today named a new chief')).toBe('Quorra Labs today named a new chief');
    expect(after('MESA, Ariz., Feb. 2, 2027 /PRNewswire/ -- Quorra Labs, Inc. today said')).toBe('Quorra Labs, Inc. today said');
    expect(after('OSLO, Norway, 2 February 2027 (GLOBE NEWSWIRE) -- Quorra Labs said')).toBe('Quorra Labs said');
    expect(after('EL PASO, Texas, Feb. 2, 2027 /EINPresswire/ -- Quorra Labs said')).toBe('Quorra Labs said');
    expect(after('LIMA, Ohio--(BUSINESS WIRE)--Quorra')).toBe('Quorra');
    expect(after('HALIFAX, Feb. 2, 2027 -- Quorra Labs said')).toBe('Quorra Labs said');
    expect(stripDateline('FARGO, N.D.--(BUSINESS WIRE)--Quorra').dateline).toBe(true);
    // Ordinary openings stay: capitals without a wire marker or a dated dash are no dateline.
    for (const text of ['NSA, FBI and CISA -- in a joint note -- warn of Quorra', 'FBI warns of fake toll texts', 'OVERVIEW Advisory: ICSA-27-001-01']) {
      expect(stripDateline(text)).toEqual({ text, dateline: false });
    }
  });
});

describe('toPlainText', () => {
  it('removes tags, script bodies and Markdown syntax and decodes entities without letting tags back in', () => {
    expect(toPlainText('<div>Hi &amp; <i>bye</i><script>evil()</script> &lt;b&gt;x&lt;/b&gt; [site](https://x.example) ![img](y.png)</div>')).toBe('Hi & bye x site');
  });
});
