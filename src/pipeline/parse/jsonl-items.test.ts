import { describe, expect, it } from 'vitest';
import { UsageError } from '../../model/index.js';
import { parseAnalyzeInput } from './jsonl-items.js';

const parse = (input: string | Uint8Array) =>
  parseAnalyzeInput(typeof input === 'string' ? Buffer.from(input) : input, { skipInvalid: true });
const line = (fields: Record<string, unknown>) => JSON.stringify(fields);

describe('parseAnalyzeInput', () => {
  it('reads CRLF lines, a last line without a newline, and a byte-order mark before the first line', () => {
    const { inputs, invalid } = parse(`\uFEFF${line({ id: 'a', title: 'One' })}\r\n\r\n${line({ id: 'b', title: 'Two' })}`);
    expect(invalid).toEqual([]);
    expect(inputs.map((i) => [i.line, i.id, i.title])).toEqual([[1, 'a', 'One'], [3, 'b', 'Two']]);
  });

  it('refuses a line that is not UTF-8 instead of reading replacement characters into its id', () => {
    const bad = Buffer.concat([Buffer.from('{"id":"a'), Buffer.from([0xff]), Buffer.from('b","title":"T"}\n')]);
    const good = Buffer.from(line({ id: 'c', title: 'T' }));
    const { inputs, invalid } = parse(Buffer.concat([bad, good]));
    expect(invalid).toEqual([{ line: 1, message: 'not valid UTF-8' }]);
    expect(inputs.map((i) => i.id)).toEqual(['c']);
  });

  it('says what an id or a title must be', () => {
    const { invalid } = parse([
      line({ id: '', title: 'T' }),
      line({ id: '   ', title: 'T' }),
      '{"id":9007199254740993,"title":"T"}', // beyond 2^53: would be read as another number
      line({ id: 1.5, title: 'T' }),
      line({ id: 'x', title: '   ' }),
    ].join('\n'));
    expect(invalid.map((i) => i.message)).toEqual([
      '"id" must be a non-empty string or a whole number',
      '"id" must be a non-empty string or a whole number',
      '"id" must be a non-empty string or a whole number',
      '"id" must be a non-empty string or a whole number',
      '"title" must be non-empty text',
    ]);
  });

  it('takes a repeated line of one item as that item, and refuses one that says something else', () => {
    const { inputs, invalid } = parse([
      line({ id: 'a', title: 'Ransomware gang hits a hospital', source: 'x' }),
      line({ id: 'a', title: 'Ransomware gang hits a hospital', source: 'x' }),
      line({ id: 'a', title: 'Vendor patches a CVE', source: 'x' }),
      line({ id: 'a', title: 'Another outlet, same id', source: 'y' }),
      line({ id: 'b', title: 'No source' }),
      line({ id: 'b', title: 'Source stdin: the same pseudo-feed', source: 'stdin' }),
    ].join('\n'));
    expect(inputs.map((i) => [i.line, i.source])).toEqual([[1, 'x'], [2, 'x'], [4, 'y'], [5, null]]);
    expect(invalid).toEqual([
      { line: 3, message: '"id" "a" of source "x" was given on line 1 with other text: one line per item' },
      { line: 6, message: '"id" "b" of source "stdin" was given on line 5 with other text: one line per item' },
    ]);
    expect(() => parseAnalyzeInput(Buffer.from(`${line({ id: 'a', title: 'One' })}\n${line({ id: 'a', title: 'Two' })}\n`), { skipInvalid: false })).toThrow(UsageError);
  });
});
