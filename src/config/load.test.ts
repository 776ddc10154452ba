import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../model/index.js';
import type { ConfigProblem } from '../model/index.js';
import { DEFAULT_SETTINGS, loadConfig, parseConfig } from './index.js';

const MINIMAL = `feeds:
  - id: krebs
    name: Krebs on Security
    url: https://krebsonsecurity.com/feed/
    kind: news
`;

/** The problems parseConfig reports for `text`; fails the test when it accepts the text. */
function problemsOf(text: string, file = 'feeds.yaml'): ConfigProblem[] {
  try {
    parseConfig(text, file);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    const configError = error as ConfigError;
    expect(configError.code).toBe('config');
    expect(configError.file).toBe(file);
    return configError.problems;
  }
  throw new Error('expected a ConfigError');
}

/** A feeds.yaml with one feed whose `url:` line is replaced. */
function withUrl(url: string): string {
  return MINIMAL.replace('url: https://krebsonsecurity.com/feed/', `url: ${JSON.stringify(url)}`);
}

describe('parseConfig: valid files', () => {
  it('fills feed and settings defaults in a minimal file', () => {
    const config = parseConfig(MINIMAL, 'feeds.yaml');
    expect(config.file).toBe('feeds.yaml');
    expect(config.settings).toEqual(DEFAULT_SETTINGS);
    expect(config.feeds).toEqual([
      {
        id: 'krebs',
        name: 'Krebs on Security',
        url: 'https://krebsonsecurity.com/feed/',
        kind: 'news',
        weight: 1,
        enabled: true,
        tags: [],
      },
    ]);
  });

  it('keeps explicit feed values', () => {
    const text = `${MINIMAL}    weight: 2.5\n    enabled: false\n    tags: [cybercrime, breaches]\n`;
    const [feed] = parseConfig(text, 'feeds.yaml').feeds;
    expect(feed).toMatchObject({ weight: 2.5, enabled: false, tags: ['cybercrime', 'breaches'] });
  });

  it('merges a partial settings override over the defaults, key by key', () => {
    const text = `settings:
  fetch:
    timeoutMs: 5000
    concurrency: 4
  collect:
    titleMaxChars: 120
${MINIMAL}`;
    const { settings } = parseConfig(text, 'feeds.yaml');
    expect(settings.fetch).toEqual({ ...DEFAULT_SETTINGS.fetch, timeoutMs: 5000, concurrency: 4 });
    expect(settings.collect).toEqual({ ...DEFAULT_SETTINGS.collect, titleMaxChars: 120 });
    // The defaults object itself is never written to.
    expect(DEFAULT_SETTINGS.fetch.timeoutMs).toBe(20_000);
  });

  it('treats empty settings sections (every key commented out) as no override', () => {
    const text = `settings:\n  fetch:\n  collect:\n${MINIMAL}`;
    expect(parseConfig(text, 'feeds.yaml').settings).toEqual(DEFAULT_SETTINGS);
    expect(parseConfig(`settings:\n${MINIMAL}`, 'feeds.yaml').settings).toEqual(DEFAULT_SETTINGS);
  });
});

describe('parseConfig: unknown keys', () => {
  it('names the key, the feed id, the line and a likely spelling', () => {
    const text = `${MINIMAL}    weigth: 2\n`;
    const problems = problemsOf(text);
    expect(problems).toEqual([
      {
        line: 6,
        path: 'feeds[0].weigth',
        feedId: 'krebs',
        message: 'unknown key "weigth" (did you mean "weight"?)',
      },
    ]);
    expect(() => parseConfig(text, 'feeds.yaml')).toThrow(/feeds\.yaml:6: feeds\[0\]\.weigth \(feed "krebs"\)/);
  });

  it('reports an unknown key even when its value is empty', () => {
    expect(problemsOf(`${MINIMAL}    notes:\n`)).toMatchObject([{ line: 6, path: 'feeds[0].notes' }]);
  });

  it('reports unknown top-level and settings keys', () => {
    const text = `version: 2
settings:
  fetch:
    timeout: 1000
  colect:
    titleMaxChars: 10
${MINIMAL}`;
    expect(problemsOf(text)).toEqual([
      { line: 1, path: 'version', message: 'unknown key "version"' },
      { line: 4, path: 'settings.fetch.timeout', message: 'unknown key "timeout" (did you mean "timeoutMs"?)' },
      { line: 5, path: 'settings.colect', message: 'unknown key "colect" (did you mean "collect"?)' },
    ]);
  });
});

describe('parseConfig: feed values', () => {
  it.each([
    ['relative', '/feed.xml'],
    ['ftp:', 'ftp://x'],
    ['javascript:', 'javascript:alert(1)'],
    ['no slashes', 'https:example.com/feed'],
    ['no host', 'https://'],
    ['surrounding spaces', ' https://example.com/feed '],
  ])('refuses a %s url', (_label, url) => {
    const problems = problemsOf(withUrl(url));
    expect(problems).toEqual([
      {
        line: 4,
        path: 'feeds[0].url',
        feedId: 'krebs',
        message: `url must be an absolute http(s) URL (got ${JSON.stringify(url)})`,
      },
    ]);
  });

  it('accepts plain http as well as https', () => {
    expect(parseConfig(withUrl('http://example.com/rss'), 'f.yaml').feeds[0]?.url).toBe('http://example.com/rss');
  });

  it('refuses an unknown kind, listing the kinds', () => {
    expect(problemsOf(MINIMAL.replace('kind: news', 'kind: blog'))).toEqual([
      {
        line: 5,
        path: 'feeds[0].kind',
        feedId: 'krebs',
        message: 'kind must be one of news, vendor, government, press (got "blog")',
      },
    ]);
  });

  it.each([['12'], ['-1'], ['"2"'], ['.nan']])('refuses weight %s', (weight) => {
    const [problem] = problemsOf(`${MINIMAL}    weight: ${weight}\n`);
    expect(problem).toMatchObject({ line: 6, path: 'feeds[0].weight', feedId: 'krebs' });
    expect(problem?.message).toMatch(/^weight must be a number from 0 to 10 \(got .+\)$/);
  });

  it('refuses a bad id, a blank name, non-boolean enabled and non-string tags', () => {
    const text = `feeds:
  - id: Krebs_Security
    name: "  "
    url: https://krebsonsecurity.com/feed/
    kind: news
    enabled: "no"
    tags: [ok, 3]
`;
    expect(problemsOf(text).map((p) => [p.line, p.path, p.message])).toEqual([
      [
        2,
        'feeds[0].id',
        'id must be 1 to 63 lowercase letters, digits and dashes, starting with a letter or digit (got "Krebs_Security")',
      ],
      [3, 'feeds[0].name', 'name must be a non-empty string (got the blank string "  ")'],
      [6, 'feeds[0].enabled', 'enabled must be true or false (got "no")'],
      [7, 'feeds[0].tags[1]', 'tags[1] must be a non-empty string (got 3)'],
    ]);
  });

  it('reports missing required keys at the entry, without a feed id when there is none', () => {
    const problems = problemsOf(`feeds:\n  - name: Orphan\n    weight: 1\n`);
    expect(problems.map((p) => [p.line, p.path, p.feedId, p.message])).toEqual([
      [2, 'feeds[0].id', undefined, 'missing required key "id"'],
      [2, 'feeds[0].url', undefined, 'missing required key "url"'],
      [2, 'feeds[0].kind', undefined, 'missing required key "kind"'],
    ]);
  });

  it('refuses an entry that is not a map', () => {
    expect(problemsOf(`${MINIMAL}  - just a url\n`)).toMatchObject([
      { line: 6, path: 'feeds[1]', message: expect.stringMatching(/^feeds\[1\] must be a map .*\(got "just a url"\)$/) },
    ]);
  });
});

describe('parseConfig: rules across feeds', () => {
  const second = (id: string, url: string) =>
    `  - id: ${id}\n    name: Second\n    url: ${url}\n    kind: vendor\n`;

  it('reports a duplicate id with the line of the first definition', () => {
    const problems = problemsOf(MINIMAL + second('krebs', 'https://example.com/feed'));
    expect(problems).toEqual([
      { line: 6, path: 'feeds[1].id', feedId: 'krebs', message: 'duplicate id "krebs" (first defined on line 2)' },
    ]);
  });

  it('reports a duplicate url, also when spelled differently', () => {
    const problems = problemsOf(MINIMAL + second('krebs-again', 'HTTPS://KrebsOnSecurity.com:443/feed/'));
    expect(problems).toEqual([
      {
        line: 8,
        path: 'feeds[1].url',
        feedId: 'krebs-again',
        message: 'duplicate url "HTTPS://KrebsOnSecurity.com:443/feed/" (first defined on line 4)',
      },
    ]);
  });

  it('checks limits that depend on each other after merging defaults', () => {
    const text = `settings:\n  fetch:\n    concurrency: 1\n${MINIMAL}`;
    expect(problemsOf(text)).toEqual([
      {
        line: 3,
        path: 'settings.fetch.concurrency',
        message:
          'perHostConcurrency (2, the default) must not exceed concurrency (1): one host cannot use more slots than exist in total',
      },
    ]);
    const delays = `settings:\n  fetch:\n    retryBaseDelayMs: 9000\n${MINIMAL}`;
    expect(problemsOf(delays)).toMatchObject([{ line: 3, path: 'settings.fetch.retryBaseDelayMs' }]);
    const backoff = `settings:\n  health:\n    backoffBaseMinutes: 600\n    backoffMaxHours: 2\n${MINIMAL}`;
    expect(problemsOf(backoff)).toMatchObject([
      { path: 'settings.health.backoffBaseMinutes', message: expect.stringContaining('must not exceed backoffMaxHours (2) × 60') },
    ]);
    // The band-key settings are no longer used (issue 15): still accepted, never a problem.
    const bands = `settings:\n  dedupe:\n    maxBucket: 5\n    numHashes: 16\n    bands: 5\n${MINIMAL}`;
    expect(parseConfig(bands, 'feeds.yaml').settings.dedupe).toMatchObject({ maxBucket: 5, bands: 5 });
  });

  it.each([
    ['maxRedirects', '21'],
    ['maxRedirects', '-1'],
    ['timeoutMs', '0'],
    ['timeoutMs', '1.5'],
    ['concurrency', '"8"'],
    ['userAgent', '""'],
    ['userAgent', '"a\\nX-Injected: 1"'],
  ])('refuses fetch.%s: %s', (key, value) => {
    const [problem, ...rest] = problemsOf(`settings:\n  fetch:\n    ${key}: ${value}\n${MINIMAL}`);
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ line: 3, path: `settings.fetch.${key}` });
    expect(problem?.message).toMatch(new RegExp(`^${key} must be `));
  });
});

describe('parseConfig: the whole file', () => {
  it('reports every problem at once, in file order', () => {
    const text = `settings:
  fetch:
    maxRedirects: 50
  collect:
    maxItemsPerFeed: 0
feeds:
  - id: krebs
    name: Krebs
    url: ftp://krebsonsecurity.com/feed/
    kind: blog
  - id: krebs
    name: Krebs again
    url: https://krebsonsecurity.com/feed/
    kind: news
    weigth: 3
extra: true
`;
    const problems = problemsOf(text);
    expect(problems.map((p) => `${p.line} ${p.path}`)).toEqual([
      '3 settings.fetch.maxRedirects',
      '5 settings.collect.maxItemsPerFeed',
      '9 feeds[0].url',
      '10 feeds[0].kind',
      '11 feeds[1].id',
      '15 feeds[1].weigth',
      '16 extra',
    ]);
    expect(() => parseConfig(text, 'feeds.yaml')).toThrow(/7 problem\(s\)/);
  });

  it('checks settings rules even when a feed is wrong', () => {
    const text = `settings:\n  fetch:\n    perHostConcurrency: 20\n${MINIMAL.replace('kind: news', 'kind: blog')}`;
    expect(problemsOf(text).map((p) => p.path)).toEqual(['settings.fetch.perHostConcurrency', 'feeds[0].kind']);
  });

  it('reports YAML syntax errors with their lines', () => {
    const problems = problemsOf(`feeds:\n  - id: a\n    id: b\n  - {id: c\n`);
    expect(problems.length).toBeGreaterThanOrEqual(2);
    expect(problems[0]).toEqual({ line: 3, path: '(file)', message: 'YAML syntax: Map keys must be unique' });
    expect(problems[1]?.line).toBe(5);
  });

  it('refuses an empty feeds list, a missing one and an empty file', () => {
    expect(problemsOf('feeds: []\n')).toEqual([
      { line: 1, path: 'feeds', message: 'feeds must be a list of at least one feed (got an empty list)' },
    ]);
    expect(problemsOf('settings: {}\n')).toEqual([{ line: 1, path: 'feeds', message: 'missing required key "feeds"' }]);
    expect(problemsOf('# nothing here\n')).toEqual([
      { line: 1, path: '(root)', message: 'the file is empty: expected a map with a "feeds:" list' },
    ]);
  });

  it('refuses a top level that is not a map', () => {
    expect(problemsOf('- id: krebs\n')).toMatchObject([{ line: 1, path: '(root)', message: expect.stringMatching(/got a list/) }]);
    expect(problemsOf('just text\n')).toMatchObject([{ path: '(root)', message: expect.stringMatching(/got "just text"/) }]);
  });

  it('stops alias bombs', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 8; i++) {
      const name = String.fromCharCode(97 + i);
      const prev = String.fromCharCode(96 + i);
      bomb.push(`${name}: &${name} [${Array(10).fill(`*${prev}`).join(', ')}]`);
    }
    const [problem] = problemsOf(`${bomb.join('\n')}\n${MINIMAL}`);
    expect(problem?.message).toMatch(/^YAML: /);
  });
});

describe('loadConfig', () => {
  it('reads and validates a file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'secdigest-config-'));
    try {
      const file = join(dir, 'feeds.yaml');
      writeFileSync(file, MINIMAL);
      const config = loadConfig(file);
      expect(config.file).toBe(file);
      expect(config.feeds.map((f) => f.id)).toEqual(['krebs']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('turns a missing file into a ConfigError with one problem', () => {
    const missing = fileURLToPath(new URL('./no-such-feeds.yaml', import.meta.url));
    expect(() => loadConfig(missing)).toThrow(ConfigError);
    try {
      loadConfig(missing);
    } catch (error) {
      const configError = error as ConfigError;
      expect(configError.file).toBe(missing);
      expect(configError.problems).toEqual([{ path: '(file)', message: 'cannot read the file: it does not exist' }]);
      expect((configError.cause as NodeJS.ErrnoException).code).toBe('ENOENT');
    }
  });

  it('turns a directory into a ConfigError', () => {
    const dir = fileURLToPath(new URL('.', import.meta.url));
    expect(() => loadConfig(dir)).toThrow(/it is a directory/);
  });
});
