/** Scores and the printed report of `npm run eval:classify`. */
import type { Classification } from '../../src/model/index.js';
import type { LabelledItem } from './labelled-items.js';

export interface Scored {
  labelled: LabelledItem;
  result: Classification;
}

export interface Figures {
  items: number;
  topicAccuracy: number;
  sectionAccuracy: number;
  relevancePrecision: number;
  relevanceRecall: number;
}

const ratio = (n: number, d: number) => (d === 0 ? NaN : n / d);
const fmt = (x: number) => (Number.isNaN(x) ? '  -  ' : x.toFixed(3));
const pad = (s: string | number, n: number) => String(s).padEnd(n);
const lpad = (s: string | number, n: number) => String(s).padStart(n);

function topicOk({ labelled, result }: Scored): boolean {
  return labelled.label.topics.includes(result.topic);
}

export function figures(scored: Scored[]): Figures {
  const relevantPredicted = scored.filter((s) => s.result.relevant);
  const relevantTrue = scored.filter((s) => s.labelled.label.relevant);
  return {
    items: scored.length,
    topicAccuracy: ratio(scored.filter(topicOk).length, scored.length),
    sectionAccuracy: ratio(scored.filter((s) => s.result.section === s.labelled.label.section).length, scored.length),
    relevancePrecision: ratio(relevantPredicted.filter((s) => s.labelled.label.relevant).length, relevantPredicted.length),
    relevanceRecall: ratio(relevantTrue.filter((s) => s.result.relevant).length, relevantTrue.length),
  };
}

/** Issue 16's targets (the independent set's and our held-out part's). */
export const TARGETS = { topicAccuracy: 0.9, sectionAccuracy: 0.98, relevancePrecision: 0.96, relevanceRecall: 0.95 } as const;

/**
 * Lines of the report: headline figures with targets, per-topic P/R, confusion table, misses.
 * `figuresOnly` (a held-out set): the figures and tables, never an item.
 */
export function report(name: string, scored: Scored[], options: { evidence: boolean; figuresOnly?: boolean }): string[] {
  const f = figures(scored);
  const check = (value: number, target: number) => `${fmt(value)}  (target ≥ ${target}: ${value >= target ? 'met' : 'MISSED'})`;
  const lines = [
    `== ${name}: ${f.items} labelled items`,
    `topic accuracy (primary among acceptable): ${check(f.topicAccuracy, TARGETS.topicAccuracy)}`,
    `section accuracy:                          ${check(f.sectionAccuracy, TARGETS.sectionAccuracy)}`,
    `relevance precision:                       ${check(f.relevancePrecision, TARGETS.relevancePrecision)}`,
    `relevance recall:                          ${check(f.relevanceRecall, TARGETS.relevanceRecall)}`,
    '',
    'per topic: precision = predicted t and t acceptable / predicted t; recall = primary label t and an acceptable prediction / primary label t',
    `${pad('topic', 15)}${lpad('predicted', 10)}${lpad('labelled', 10)}${lpad('precision', 11)}${lpad('recall', 9)}`,
  ];
  const topics = [...new Set(scored.flatMap((s) => [s.labelled.label.topics[0]!, s.result.topic]))].sort();
  for (const topic of topics) {
    const predicted = scored.filter((s) => s.result.topic === topic);
    const labelled = scored.filter((s) => s.labelled.label.topics[0] === topic);
    const precision = ratio(predicted.filter((s) => s.labelled.label.topics.includes(topic)).length, predicted.length);
    const recall = ratio(labelled.filter(topicOk).length, labelled.length);
    lines.push(`${pad(topic, 15)}${lpad(predicted.length, 10)}${lpad(labelled.length, 10)}${lpad(fmt(precision), 11)}${lpad(fmt(recall), 9)}`);
  }
  lines.push('', 'confusion (rows: primary label; columns: predicted topic)');
  const short = (t: string) => t.slice(0, 7);
  lines.push(`${pad('', 15)}${topics.map((t) => lpad(short(t), 8)).join('')}`);
  for (const row of topics) {
    const cells = topics.map((col) => scored.filter((s) => s.labelled.label.topics[0] === row && s.result.topic === col).length);
    lines.push(`${pad(row, 15)}${cells.map((n) => lpad(n === 0 ? '.' : n, 8)).join('')}`);
  }
  if (options.figuresOnly === true) return [...lines, '', '(held out: figures only, no items)'];
  const sections = scored.filter((s) => s.result.section !== s.labelled.label.section);
  const relevance = scored.filter((s) => s.result.relevant !== s.labelled.label.relevant);
  const misses = scored.filter((s) => !topicOk(s));
  const describe = (s: Scored, what: string) => {
    const { label, item } = s.labelled;
    const out = [`  ${label.file}  ${label.guid}`, `    "${item.title.slice(0, 110)}"`, `    ${what}`];
    if (options.evidence) out.push(`    evidence: ${JSON.stringify(s.result.evidence)}`);
    return out;
  };
  lines.push('', `topic misses (${misses.length}):`);
  for (const s of misses) lines.push(...describe(s, `predicted ${s.result.topic}, acceptable ${s.labelled.label.topics.join('|')} (${s.result.topics.slice(0, 3).map((t) => `${t.id} ${t.score}`).join(', ')})`));
  lines.push('', `relevance misses (${relevance.length}):`);
  for (const s of relevance) lines.push(...describe(s, `predicted relevant=${s.result.relevant} (${s.result.relevanceScore}), labelled ${s.labelled.label.relevant}`));
  lines.push('', `section misses (${sections.length}):`);
  for (const s of sections) lines.push(...describe(s, `predicted ${s.result.section}, labelled ${s.labelled.label.section} (feed kind ${s.labelled.feedKind})`));
  return lines;
}
