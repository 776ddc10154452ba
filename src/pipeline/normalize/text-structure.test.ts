import { describe, expect, it } from 'vitest';
import { MAX_RAW_HTML_CHARS, MAX_TAGS, htmlToText } from './text.js';

describe('HTML structure in text', () => {
  const blocks = [
    'p', 'div', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'tr', 'blockquote', 'pre', 'section', 'article', 'figure',
    'figcaption', 'dd', 'dt', 'dl', 'ul', 'ol', 'table', 'td', 'th', 'caption', 'hr', 'header', 'footer', 'aside', 'nav',
    'main', 'address', 'details', 'summary', 'fieldset', 'legend', 'center', 'option',
  ].filter((name) => name !== 'hr');
  it.each(blocks)('<%s> separates words', (name) => {
    expect(htmlToText(`a<${name}>b</${name}>c`)).toBe('a b c');
  });

  it.each(['b', 'i', 'span', 'a', 'em', 'strong', 'code'])('<%s> does not', (name) => {
    expect(htmlToText(`a<${name}>b</${name}>c`)).toBe('abc');
  });

  it.each(['script', 'style', 'template', 'head'])('drops <%s> with its content, closed or not', (name) => {
    expect(htmlToText(`a <${name}>hidden</${name}> b`)).toBe('a b');
    expect(htmlToText(`a <${name}>hidden`)).toBe('a');
  });

  it.each(['noscript', 'iframe', 'object', 'svg', 'math', 'noembed', 'noframes', 'frameset'])(
    'drops a closed <%s> with its content, and keeps what an unclosed one would swallow',
    (name) => {
      expect(htmlToText(`before <${name}>hidden</${name}> after`)).toBe('before after');
      expect(htmlToText(`before <${name.toUpperCase()}>hidden</${name.toUpperCase()} > after`)).toBe('before after');
      expect(htmlToText(`before <${name}/> after`)).toBe('before after');
      expect(htmlToText(`<p>before <${name} x=1>the rest</p> after`)).toBe('before the rest after');
      expect(htmlToText(`before <${name}>the rest`)).toBe('before the rest');
    },
  );

  it('reads embed and hr as the void elements they are', () => {
    expect(htmlToText('a <embed src="x"> b')).toBe('a b');
    expect(htmlToText('a <embed src="x">shown</embed> b')).toBe('a shown b');
    expect(htmlToText('a<hr>b')).toBe('a b');
  });

  it('keeps the story behind an unclosed or self-closed iframe or object (issue 17)', () => {
    expect(htmlToText('<p>Researchers found <iframe src="https://x.example/v"/> a flaw in CVE-2024-0001.</p>'))
      .toBe('Researchers found a flaw in CVE-2024-0001.');
    expect(htmlToText('<p>Intro</p><object data="x.swf"><p>Attackers stole 2 TB of data.</p>'))
      .toBe('Intro Attackers stole 2 TB of data.');
    expect(htmlToText('"><svg onload=alert(1)>Acme Corp confirms breach of 2M records'))
      .toBe('">Acme Corp confirms breach of 2M records');
  });

  it('treats <br>, comments and directives as before', () => {
    expect(htmlToText('a<br>b<!-- c -->d<!DOCTYPE html>e<?pi x?>f')).toBe('a bdef');
  });

  it('tells an element its own end tag closed from one a parent or the end of the text closed', () => {
    // Same-length names: </div> ends where a </svg> would.
    expect(htmlToText('<div>before <svg x=1>the rest</div> after')).toBe('before the rest after');
    expect(htmlToText('<strong>a <iframe>b</strong> c')).toBe('a b c');
    // The text may end with the element's name without closing it.
    expect(htmlToText('a <svg>b svg')).toBe('a b svg');
    // <iframe/> is not self-closing in HTML: a later </iframe> closes it, as in a browser.
    expect(htmlToText('a <iframe/>hidden</iframe> b')).toBe('a b');
  });

  it('keeps the order of siblings and of nested children', () => {
    expect(htmlToText('<p>1<b>2<i>3</i>4</b>5</p><p>6</p>')).toBe('12345 6');
  });
});

describe('a cut inside markup', () => {
  it('drops a partial tag or entity at the cut, and nothing else', () => {
    const pad = (n: number) => ' '.repeat(n);
    // bound = 64 × 100 = 6,400 raw characters.
    expect(htmlToText(`&${pad(6_398)}b zz`, 100)).toBe('& b…');
    expect(htmlToText(`a &amp; b${pad(6_400)}c`, 100)).toBe('a & b…');
    expect(htmlToText(`a${pad(6_394)}b &amp;zz`, 100)).toBe('a b…');
    expect(htmlToText(`a${pad(6_394)}b <i x`, 100)).toBe('a b…');
    expect(htmlToText(`a${pad(6_392)}<b>c</b>z`, 100)).toBe('a c…');
    // Only the text before a partial tag is checked for a partial entity.
    expect(htmlToText(`a &amp;b${pad(6_386)}<x &yy zz`, 100)).toBe('a &b…');
  });
});

describe('htmlToText bounds its work', () => {
  function timeOf(run: () => unknown): number {
    const start = performance.now();
    run();
    return performance.now() - start;
  }

  it('parses at most MAX_TAGS tags', () => {
    const html = `${'<i>x</i>'.repeat(MAX_TAGS)}tail`;
    expect(htmlToText(html)).toBe('x'.repeat(MAX_TAGS / 2));
    expect(htmlToText('<i>a</i>b', 5)).toBe('ab');
    // Exactly MAX_TAGS tags, the first not at the start: nothing is cut.
    expect(htmlToText(`a${'<br>'.repeat(MAX_TAGS)}b`)).toBe('a b');
    expect(htmlToText(`a${'<br>'.repeat(MAX_TAGS + 1)}b`)).toBe('a');
  });

  it('counts only the tags within the character bound', () => {
    const html = `${'<b>'.repeat(3_000)}hello${'<b>'.repeat(6_000)}`;
    expect(htmlToText(html, 100)).toBe('');
  });

  it('reads at most MAX_RAW_HTML_CHARS without a length, and with a large one', () => {
    const html = 'y'.repeat(MAX_RAW_HTML_CHARS + 10);
    expect(htmlToText(html)).toHaveLength(MAX_RAW_HTML_CHARS);
    const capped = htmlToText(html, MAX_RAW_HTML_CHARS);
    expect(capped).toHaveLength(MAX_RAW_HTML_CHARS);
    expect(capped.endsWith('…')).toBe(true);
  });

  it('stays fast on 100,000 and 200,000 nested elements (was quadratic: seconds)', () => {
    const a = '<b>'.repeat(100_000);
    const b = '<b>'.repeat(200_000);
    htmlToText(`${a}x`);
    const small = timeOf(() => htmlToText(`${a}x`));
    const large = timeOf(() => htmlToText(`${b}x`));
    expect(small).toBeLessThan(250);
    expect(large).toBeLessThan(250);
  });
});
