import { describe, expect, it } from 'vitest';
import { ConfigError, type ConfigProblem, type FeedConfig } from '../model/index.js';
import { resolveFeedHeaders } from './feed-headers.js';
import { parseConfig } from './load.js';

const FEED = `feeds:
  - id: private
    name: Private
    url: https://private.example/feed
    kind: vendor
`;

function problemsOf(extra: string): ConfigProblem[] {
  try {
    parseConfig(`${FEED}${extra}`, 'feeds.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('include / exclude in feeds.yaml', () => {
  it('accepts lists of words and phrases', () => {
    const config = parseConfig(`${FEED}    include: [ransomware, "data breach"]\n    exclude: [webinar]\n`, 'feeds.yaml');
    expect(config.feeds[0]).toMatchObject({ include: ['ransomware', 'data breach'], exclude: ['webinar'] });
  });

  it('refuses a single string, an empty list, a blank keyword and one keyword in both lists, with the line', () => {
    expect(problemsOf('    include: ransomware\n')).toEqual([
      { line: 6, path: 'feeds[0].include', feedId: 'private', message: 'include must be a list of words or phrases (got "ransomware")' },
    ]);
    expect(problemsOf('    include: []\n')).toEqual([
      { line: 6, path: 'feeds[0].include', feedId: 'private', message: 'include must be a list of at least one word or phrase (leave the key out to keep every item) (got an empty list)' },
    ]);
    expect(problemsOf('    exclude: [webinar, "  "]\n')).toEqual([
      { line: 6, path: 'feeds[0].exclude[1]', feedId: 'private', message: 'exclude[1] must be a word or phrase (got the blank string "  ")' },
    ]);
    expect(problemsOf('    include: [Ransomware]\n    exclude: [webinar, "ransomware "]\n')).toEqual([
      { line: 7, path: 'feeds[0].exclude[1]', feedId: 'private', message: '"ransomware " is in both include and exclude: an item matching it could never be kept' },
    ]);
    expect(problemsOf('    exclud: [webinar]\n')[0]!.message).toBe('unknown key "exclud" (did you mean "exclude"?)');
  });
});

describe('headers in feeds.yaml', () => {
  it('accepts a map of names to values with ${NAME} references, kept as written', () => {
    const config = parseConfig(`${FEED}    headers:\n      Authorization: "Basic \${FEED_AUTH}"\n      X-Api-Key: plain\n`, 'feeds.yaml');
    expect(config.feeds[0]!.headers).toEqual({ Authorization: 'Basic ${FEED_AUTH}', 'X-Api-Key': 'plain' });
  });

  it('refuses headers the fetcher manages, bad names, twice-given names and bad references, never showing a value', () => {
    const problems = problemsOf(
      '    headers:\n      Host: evil.example\n      if-none-match: "x"\n      Bad Name: secret-1\n      X-Token: 12345678\n      Authorization: "Bearer ${1BAD}"\n      authorization: "again-secret"\n',
    );
    expect(problems.map((p) => [p.line, p.path, p.message])).toEqual([
      [7, 'feeds[0].headers.Host', 'header "Host" cannot be set here: the fetcher manages Host, Content-Length, If-None-Match, If-Modified-Since, Accept-Encoding, Connection itself'],
      [8, 'feeds[0].headers.if-none-match', 'header "if-none-match" cannot be set here: the fetcher manages Host, Content-Length, If-None-Match, If-Modified-Since, Accept-Encoding, Connection itself'],
      [9, 'feeds[0].headers["Bad Name"]', '"Bad Name" is not a valid HTTP header name (letters, digits and -, no spaces or colons)'],
      [10, 'feeds[0].headers.X-Token', 'X-Token must be text (got a value not shown)'],
      [11, 'feeds[0].headers.Authorization', '"${1BAD}" in header "Authorization" must name an environment variable (letters, digits and _, not starting with a digit)'],
      [12, 'feeds[0].headers.authorization', 'header "authorization" is given twice (also as "Authorization"; header names ignore case)'],
    ]);
    const text = JSON.stringify(problems);
    for (const secret of ['evil.example', 'secret-1', '12345678', 'again-secret']) expect(text).not.toContain(secret);
  });

  it('refuses a headers value that is not a map without showing it', () => {
    const [problem] = problemsOf('    headers: "Authorization: Basic c2VjcmV0"\n');
    expect(problem!.message).toBe('headers must be a map of header names to values (got a value not shown)');
  });
});

describe('resolveFeedHeaders', () => {
  const feeds = [
    { id: 'a', headers: { Authorization: 'Basic ${FEED_AUTH}', 'X-Both': '${FEED_KEY}:${FEED_AUTH}' } },
    { id: 'b' },
    { id: 'c', headers: { 'X-Key': '${MISSING} and ${EMPTY}' } },
  ] as unknown as FeedConfig[];

  it('fills in every ${NAME}; a feed without headers has none', () => {
    const resolved = resolveFeedHeaders(feeds.slice(0, 2), { FEED_AUTH: 's3cr3t', FEED_KEY: 'k' }, 'feeds.yaml');
    expect(resolved.get('a')).toEqual({ Authorization: 'Basic s3cr3t', 'X-Both': 'k:s3cr3t' });
    expect(resolved.has('b')).toBe(false);
  });

  it('names every unset or empty variable with its header and feed, as a configuration error', () => {
    let error: unknown;
    try {
      resolveFeedHeaders(feeds, { FEED_KEY: 'k', EMPTY: '' }, 'feeds.yaml');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toBe(
      'invalid configuration, 4 problem(s):\n' +
        '  feeds.yaml: feeds[0].headers.Authorization (feed "a"): environment variable FEED_AUTH (in header "Authorization") is not set\n' +
        '  feeds.yaml: feeds[0].headers.X-Both (feed "a"): environment variable FEED_AUTH (in header "X-Both") is not set\n' +
        '  feeds.yaml: feeds[2].headers.X-Key (feed "c"): environment variable MISSING (in header "X-Key") is not set\n' +
        '  feeds.yaml: feeds[2].headers.X-Key (feed "c"): environment variable EMPTY (in header "X-Key") is not set',
    );
  });

  it('refuses a variable that would put a line break in a header, without showing it', () => {
    expect(() => resolveFeedHeaders(feeds.slice(0, 1), { FEED_AUTH: 'x\r\nInjected: 1', FEED_KEY: 'k' }, 'feeds.yaml')).toThrow(
      /header "Authorization" would hold a line break or a control character from its environment variable \(value not shown\)/,
    );
  });
});
