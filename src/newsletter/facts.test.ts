import { describe, expect, it } from 'vitest';
import { findActors, keyFacts } from './facts.js';
import { findFigures, isAffectedCount } from './figures.js';

describe('findFigures', () => {
  it('reads counts with their unit, money, and skips years, CVE ids and versions', () => {
    const text = 'Hackers stole 2.3 million customers’ data and 740,000 records; 48,000 students and 14 hospitals were hit. ' +
      'They demand $31M (about €28 million). In 2024 customers were told about CVE-2024-1234 users in v2 servers.';
    expect(findFigures(text).map((f) => [f.text, f.value, f.unit])).toEqual([
      ['2.3 million customers', 2_300_000, 'customer'],
      ['740,000 records', 740_000, 'record'],
      ['48,000 students', 48_000, 'student'],
      ['14 hospitals', 14, 'hospital'],
      ['$31M', 31_000_000, 'money'],
      ['€28 million', 28_000_000, 'money'],
    ]);
    expect(findFigures('2 of its patients')).toEqual([]);
    expect(findFigures('exposed 40,000 patient records').map((f) => [f.text, f.unit])).toEqual([['40,000 patient records', 'record']]);
  });

  it('tells a headcount ("a firm with 2,400 employees") from employees affected', () => {
    const affected = (text: string) => findFigures(text).filter(isAffectedCount).map((f) => f.text);
    expect(affected('Quorra Freight, a carrier with about 2,400 employees, was hit.')).toEqual([]);
    expect(affected('A survey of firms with 50 to 8,000 employees.')).toEqual([]);
    expect(affected('Data of 2,400 employees was stolen from Quorra Freight.')).toEqual(['2,400 employees']);
    expect(findFigures('a carrier with 2,400 employees')[0]).toEqual({ text: '2,400 employees', value: 2400, unit: 'employee', headcount: true });
  });
});

describe('keyFacts', () => {
  it('collects actors and figures across outlets, first mention first, each once', () => {
    const facts = keyFacts([
      { source: 'A', title: 'LockBit claims attack on Pinecrest', summary: 'The gang says it stole 2.3 million customers’ records and wants $31M.' },
      { source: 'B', title: 'Pinecrest breach: 2.3 million customers', summary: 'Researchers tie the intrusion to APT29 and Volt Typhoon, not LockBit.' },
    ]);
    expect(facts).toEqual({ actors: ['LockBit', 'APT29', 'Volt Typhoon'], figures: ['2.3 million customers', '$31M'] });
  });

  it('is undefined when there is nothing to report, and keeps ordinary phrases out of actors', () => {
    expect(keyFacts([{ source: 'A', title: 'Patch Tuesday', summary: 'The Bear season two and a Super Typhoon.' }])).toBeUndefined();
    expect(findActors('Storm-0558 and UNC3886 and FIN7 and Fancy Bear')).toEqual(['Storm-0558', 'UNC3886', 'FIN7', 'Fancy Bear']);
  });
});
