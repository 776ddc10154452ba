import { describe, expect, it } from 'vitest';
import { FeedError } from '../../model/errors.js';
import { parseFeedDocument } from './index.js';

/**
 * Issue 17: shapes any feed can send on every fetch, each once quadratic somewhere in parsing.
 * Timed as the best of a few runs (the machine is shared), with room for noise in the ratios.
 */
const ROOT = '<rss version="2.0"><channel><title>t</title><item><title>a</title><link>https://a.example/</link></item></channel></rss>';

function bestOf(runs: number, work: () => void): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    work();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

function outcome(doc: Buffer): string {
  try {
    return `${parseFeedDocument(doc, null).entries.length} entries`;
  } catch (error) {
    if (error instanceof FeedError) return `${error.code}: ${error.message}`;
    throw error;
  }
}

describe('hostile prologs are refused in linear time', () => {
  it('400,000 <!…> declarations before the root (1.6 MB): under 100 ms, and twice as many no more than twice as slow', () => {
    const small = Buffer.from('<!x>'.repeat(400_000) + ROOT);
    const large = Buffer.from('<!x>'.repeat(800_000) + ROOT);
    expect(small.length).toBeGreaterThanOrEqual(1_600_000);
    expect(outcome(small)).toMatch(/^malformed: malformed XML: "<!x><!x>.*" before the root element/);
    const a = bestOf(3, () => outcome(small));
    const b = bestOf(3, () => outcome(large));
    expect(a).toBeLessThan(100);
    expect(b).toBeLessThan(2 * a + 10);
  });

  it.each([
    ['comments', '<!-- c -->'],
    ['processing instructions', '<?x y?>'],
    ['DOCTYPEs', '<!DOCTYPE rss>'],
  ])('a prolog of 64 KiB+ of %s is refused before the XML parser runs', (_what, piece) => {
    const doc = Buffer.from(piece.repeat(Math.ceil((70 * 1024) / piece.length)) + ROOT);
    expect(outcome(doc)).toMatch(/more than 64 KiB of declarations, comments and processing instructions/);
    expect(bestOf(3, () => outcome(doc))).toBeLessThan(100);
  });

  it('accepts the prologs real feeds have', () => {
    const prolog = '<?xml version="1.0" encoding="UTF-8"?>\n<?xml-stylesheet type="text/xsl" href="/rss.xsl"?>\n' +
      '<!-- generator: x -->\n<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">\n';
    expect(outcome(Buffer.from(prolog + ROOT))).toBe('1 entries');
    const subset = '<!DOCTYPE rss [\n<!ENTITY nbsp "&#160;">\n<!ENTITY copy "&#169;">\n]>\n';
    expect(outcome(Buffer.from(subset + ROOT))).toBe('1 entries');
  });

  it('finds a DOCTYPE subset only inside its own declaration', () => {
    // A "[" later in the document must not make the DOCTYPE swallow the root element.
    const doc = `<!DOCTYPE rss>${ROOT.replace('<title>a</title>', '<title>a [b]</title>')}`;
    expect(outcome(Buffer.from(doc))).toBe('1 entries');
  });
});
