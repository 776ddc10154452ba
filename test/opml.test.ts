import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/index.js';
import { cli, tempDir } from './support/cli.js';

const FIXTURES = path.join(import.meta.dirname, 'fixtures', 'opml');

/** A feeds.yaml with every field an OPML round trip must keep, and headers it must never carry. */
const FULL = `feeds:
  - id: breach-ledger
    name: "Breach Ledger & Co"
    url: https://breach.example/feed.xml
    kind: news
    weight: 3
    tags: [incidents, "wall of shame"]
  - id: quiet-labs
    name: Quiet Harbor Labs
    url: https://labs.quiet.example/feed/
    kind: vendor
    enabled: false
    intervalMinutes: 360
    include: [ransomware, "data breach"]
    exclude: [webinar]
    headers:
      Authorization: "Basic \${FEED_AUTH}"
  - id: cert-alerts
    name: Cert Alerts
    url: https://alerts.gov.example/rss?lang=en&format=rss
    kind: government
    weight: 0
  - id: wire-tech
    name: Wire (technology)
    url: https://wire.example/tech.xml
    kind: press
    weight: 0.5
    tags: [wires]
`;

describe('OPML import and export', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => (tmp = tempDir()));
  afterEach(() => tmp.cleanup());
  const file = (name: string, text?: string) => {
    const target = path.join(tmp.dir, name);
    if (text !== undefined) fs.writeFileSync(target, text);
    return target;
  };
  const importInto = async (config: string, opml: string, ...extra: string[]) => {
    const run = await cli(['feeds', 'import', opml, '--config', config, '--json', ...extra]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    return JSON.parse(run.stdout) as { added: Record<string, unknown>[]; skipped: { url: string; reason: string }[] };
  };

  it('round trip: export, then import into an empty config, restores the same feeds but never headers', async () => {
    const source = file('source.yaml', FULL);
    const exported = await cli(['feeds', 'export', '--config', source]);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toContain('<opml version="2.0" xmlns:secdigest="https://secdigest.example/opml">');
    expect(exported.stdout).toMatch(/<outline text="Breach Ledger &amp; Co" type="rss" category="incidents,wall of shame" xmlUrl="https:\/\/breach.example\/feed.xml" title="Breach Ledger &amp; Co" secdigest:id="breach-ledger" secdigest:kind="news" secdigest:weight="3" secdigest:enabled="true"/);
    expect(exported.stdout).not.toMatch(/FEED_AUTH|Authorization|headers/);

    const target = file('empty.yaml');
    const result = await importInto(target, file('export.opml', exported.stdout));
    expect(result.skipped).toEqual([]);
    const { headers: _secret, ...quiet } = loadConfig(source).feeds[1]!;
    const expected = loadConfig(source).feeds.map((feed, i) => (i === 1 ? quiet : feed));
    expect(loadConfig(target).feeds).toEqual(expected);

    // Exporting what was imported gives the same outlines.
    const again = await cli(['feeds', 'export', '--config', target]);
    const outlines = (opml: string) => opml.split('\n').filter((line) => line.includes('<outline'));
    expect(outlines(again.stdout)).toEqual(outlines(exported.stdout));
  });

  it('reads Miniflux: folders as tags or kinds, miniflux:disabled, transliterated ids, the host when nothing is left', async () => {
    const target = file('feeds.yaml');
    const result = await importInto(target, path.join(FIXTURES, 'miniflux.opml'));
    expect(result.added).toEqual([
      { id: 'national-cyber-advisories', name: 'National Cyber Advisories', url: 'https://advisories.gov.example/feed.xml', kind: 'government' },
      { id: 'securite-informatique', name: 'Sécurité Informatique', url: 'https://securite.example/rss', kind: 'news', enabled: false, tags: ['securite'] },
      { id: 'anquan-example-cn', name: '安全新闻', url: 'https://www.anquan.example.cn/rss.xml', kind: 'news', tags: ['securite'] },
      { id: 'bezopasnost', name: 'Безопасность', url: 'https://bezopasnost.example.ru/feed', kind: 'news', tags: ['securite'] },
      { id: 'quiet-harbor-labs', name: 'Quiet Harbor Labs', url: 'https://labs.quiet.example/feed/', kind: 'vendor' },
    ]);
    expect(loadConfig(target).feeds.find((f) => f.id === 'securite-informatique')).toMatchObject({ enabled: false });
  });

  it('reads FreshRSS: frss: attributes, a muted feed disabled, entities decoded, http/https and slash spellings as one feed', async () => {
    const result = await importInto(file('feeds.yaml'), path.join(FIXTURES, 'freshrss.opml'));
    expect(result.added).toEqual([
      { id: 'wire-partners-technology', name: 'Wire & Partners: Technology', url: 'https://wire.example/rss/technology.xml?lang=en&tz=utc', kind: 'press' },
      { id: 'muted-blog', name: 'Muted Blog', url: 'http://muted.example/feed/', kind: 'news', enabled: false, tags: ['research'] },
      { id: 'patch-notes', name: 'Patch Notes', url: 'https://patch.example/atom.xml', kind: 'news', tags: ['research'] },
    ]);
    expect(result.skipped).toEqual([
      { url: 'https://muted.example/feed', reason: 'the same feed as http://muted.example/feed/ earlier in this file (http/https and a trailing slash make no difference; its tags were merged)' },
    ]);
  });

  it('reads Feedly: one feed in two folders is one feed with both folders; Gov sets the kind only when first', async () => {
    const result = await importInto(file('feeds.yaml'), path.join(FIXTURES, 'feedly.opml'), '--kind', 'news');
    expect(result.added).toEqual([
      { id: 'breach-ledger', name: 'Breach Ledger', url: 'https://breach.example/feed/', kind: 'news', tags: ['security'] },
      { id: 'gov-alerts', name: 'Gov Alerts', url: 'https://alerts.gov.example/rss', kind: 'news', tags: ['security'] },
    ]);
    expect(result.skipped).toEqual([expect.objectContaining({ url: 'https://alerts.gov.example/rss' })]);
  });

  it('keeps the whole folder path as tags, and skips feeds the list already has under another spelling', async () => {
    const config = file('feeds.yaml', 'feeds:\n  - id: known\n    name: Known\n    url: https://known.example/feed\n    kind: news\n');
    const opml = file('nested.opml', `<?xml version="1.0"?><opml version="2.0"><head/><body>
      <outline text="Security"><outline text="Threat Intel"><outline text="Deep" type="rss" xmlUrl="https://deep.example/rss"/></outline>
        <outline text="Vendors"><outline text="Acme PSIRT" type="rss" xmlUrl="https://acme.example/psirt.xml"/></outline></outline>
      <outline text="Known again" type="rss" xmlUrl="http://KNOWN.example/feed/"/></body></opml>`);
    const result = await importInto(config, opml);
    expect(result.added).toEqual([
      { id: 'deep', name: 'Deep', url: 'https://deep.example/rss', kind: 'news', tags: ['security', 'threat-intel'] },
      { id: 'acme-psirt', name: 'Acme PSIRT', url: 'https://acme.example/psirt.xml', kind: 'vendor', tags: ['security'] },
    ]);
    expect(result.skipped).toEqual([{ url: 'http://KNOWN.example/feed/', reason: 'already in the feed list as "known"' }]);
  });

  it('keeps every line already in feeds.yaml byte for byte, comments and commented-out settings included', async () => {
    const original = [
      '# secdigest feeds -- edited by hand; keep this header',
      'settings:',
      '  fetch:',
      '    timeoutMs: 20000        # 20 s, as Miniflux',
      '    #   retries: 2          (commented out, odd indent kept)',
      '  # draft:',
      '  #     windowHours: 24',
      '',
      'feeds:',
      '# the news outlets',
      '- id: breach',
      '  name: \'Breach Ledger\'   # single-quoted on purpose',
      '  url: "https://breach.example/feed.xml"',
      '  kind: news',
      '  tags: [ incidents,   shame ]',
      '',
      '- { id: patch, name: Patchline, url: "https://patch.example/rss", kind: news, weight: 2 }',
      '#- id: retired',
      '#  url: https://old.example/feed',
      '',
      '# end of file',
      '',
    ].join('\n');
    const config = file('feeds.yaml', original);
    await importInto(config, path.join(FIXTURES, 'feedly.opml'));
    const after = fs.readFileSync(config, 'utf8');
    const before = original.split('\n');
    const lines = after.split('\n');
    // Every original line is still there, in order, unchanged; the new lines all belong to the new feeds.
    let at = 0;
    const inserted: string[] = [];
    for (const line of lines) {
      if (at < before.length && line === before[at]) at++;
      else inserted.push(line);
    }
    expect(at).toBe(before.length);
    expect(inserted.join('\n')).toBe(
      ['- id: breach-ledger', '  name: Breach Ledger', '  url: https://breach.example/feed/', '  kind: news', '  tags: [ security ]',
        '- id: gov-alerts', '  name: Gov Alerts', '  url: https://alerts.gov.example/rss', '  kind: news', '  tags: [ security ]'].join('\n'),
    );
    expect(loadConfig(config).feeds.map((f) => f.id)).toEqual(['breach', 'patch', 'breach-ledger', 'gov-alerts']);
  });
});
