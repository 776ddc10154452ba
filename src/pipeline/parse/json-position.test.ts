import { describe, expect, it } from 'vitest';
import { jsonErrorLocation, jsonErrorOffset } from './json-position.js';

describe('jsonErrorOffset', () => {
  it('accepts exactly what JSON.parse accepts on a set of samples', () => {
    const samples = [
      '{}', '[]', ' {"a": [1, -2.5e3, true, false, null, "x\\u00e9\\n"]} ', '"s"', '0', '{"a":{"b":[[]]}}',
      '', ' ', '{', '[1,]', '{"a":1,}', '{"a" 1}', '{a:1}', '01', '1.', '-', 'tru', '"\\x"', '"a\nb"',
      '[1 2]', '{"a":1}}', '{"a":"\\u12"}', '[}', '{]',
    ];
    for (const sample of samples) {
      let valid = true;
      try {
        JSON.parse(sample);
      } catch {
        valid = false;
      }
      expect(jsonErrorOffset(sample) === undefined, sample).toBe(valid);
    }
  });

  it('points at the offending character', () => {
    expect(jsonErrorOffset('[1,]')).toBe(3);
    expect(jsonErrorOffset('{"a":1,}')).toBe(7);
    expect(jsonErrorOffset('{"a":1} x')).toBe(8);
    expect(jsonErrorOffset('{"a":')).toBe(5);
    expect(jsonErrorLocation('{\n  "a": [}\n}')).toEqual({ line: 2, column: 9 });
  });

  it('handles deep nesting without recursion', () => {
    expect(jsonErrorOffset('['.repeat(200_000) + ']'.repeat(200_000))).toBeUndefined();
  });
});
