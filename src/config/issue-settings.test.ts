import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from './defaults.js';
import { checkTemplates } from './issue-settings.js';
import { parseConfig } from './load.js';

const FEED = 'feeds:\n  - id: a\n    name: A\n    url: https://a.example/feed\n    kind: news\n';

describe('settings.issue', () => {
  it('defaults to the shipped templates and texts', () => {
    const { issue } = parseConfig(FEED, 'feeds.yaml').settings;
    expect(issue).toEqual(DEFAULT_SETTINGS.issue);
    expect(issue.template).toEqual({});
    expect(issue.newsHeading).toBe('Latest Cybersecurity News');
    expect(issue.newsSections).toEqual(['latest-news', 'press-releases']);
    expect(issue.intro).toContain('{{ name }}');
  });

  it('merges what is given; an empty text key (null) leaves that part out', () => {
    const yaml = `settings:\n  issue:\n    template:\n      md: templates/issue.md\n    newsHeading: This Week\n    disclaimer:\n    sponsorLine: In partnership with Example\n    subscribeUrl: https://example.com/subscribe\n${FEED}`;
    const { issue } = parseConfig(yaml, 'feeds.yaml').settings;
    expect(issue.template).toEqual({ md: 'templates/issue.md' });
    expect(issue.newsHeading).toBe('This Week');
    expect(issue.disclaimer).toBeNull();
    expect(issue.sponsorLine).toBe('In partnership with Example');
    expect(issue.subscribeUrl).toBe('https://example.com/subscribe');
    expect(issue.intro).toBe(DEFAULT_SETTINGS.issue.intro);
  });

  it('reports every problem with its location', () => {
    const yaml = `settings:\n  issue:\n    template:\n      pdf: x.liquid\n    rssUrl: javascript:alert(1)\n    newsHeadin: X\n${FEED}`;
    expect(() => parseConfig(yaml, 'feeds.yaml')).toThrow(/feeds\.yaml:4: settings\.issue\.template\.pdf: unknown key "pdf"[^]*rssUrl must be an absolute http\(s\) URL[^]*unknown key "newsHeadin" \(did you mean "newsHeading"\?\)/);
  });
});

describe('checkTemplates', () => {
  it('reads and parses the editor\'s templates and the Liquid in the texts, naming file and line', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'secdigest-templates-'));
    writeFileSync(path.join(dir, 'good.md'), '# {{ name }}\n');
    writeFileSync(path.join(dir, 'bad.html'), '<p>\n{{ name | nope }}</p>');
    const issue = { ...DEFAULT_SETTINGS.issue, template: { md: 'good.md', html: 'bad.html', txt: 'missing.txt' }, ps: 'Hi {{ nmae }}' };
    const problems = checkTemplates({ issue }, dir);
    expect(problems).toEqual([
      { file: path.join(dir, 'bad.html'), line: 2, column: 1, message: 'undefined filter: nope' },
      { file: path.join(dir, 'missing.txt'), message: expect.stringContaining('cannot read the template (settings.issue.template.txt): ENOENT') },
      { file: 'settings.issue.ps', line: 1, column: 7, message: 'undefined variable: nmae' },
    ]);
    expect(checkTemplates(DEFAULT_SETTINGS, dir)).toEqual([]);
  });
});
