import type { ClassifySettings } from '../model/index.js';
import { DEFAULT_TAXONOMY } from '../pipeline/classify/taxonomy.js';
import type { Finding } from './document.js';

/*
 * Rules on `settings.classify` that span several values, run on the merged settings. An added topic
 * must be new (the default ones are extended through `keywords:`), and `keywords:` may only name
 * topics that exist, so a misspelt id is an error rather than keywords that silently do nothing.
 */
export function checkClassify(classify: ClassifySettings): Finding[] {
  const findings: Finding[] = [];
  const defaults = new Set(DEFAULT_TAXONOMY.topics.map((topic) => topic.id));
  const added = new Map<string, number>();
  classify.topics.forEach((topic, i) => {
    const path = ['settings', 'classify', 'topics', i, 'id'];
    if (defaults.has(topic.id)) {
      findings.push({ path, message: `topic "${topic.id}" is a default topic: add keywords to it under settings.classify.keywords.${topic.id} instead` });
    } else if (added.has(topic.id)) {
      findings.push({ path, message: `duplicate topic id "${topic.id}" (first defined as topics[${added.get(topic.id)}])` });
    } else added.set(topic.id, i);
  });
  for (const id of Object.keys(classify.keywords)) {
    if (defaults.has(id) || added.has(id)) continue;
    const known = [...defaults, ...added.keys()].join(', ');
    findings.push({ path: ['settings', 'classify', 'keywords', id], message: `keywords for unknown topic "${id}" (topics: ${known})` });
  }
  return findings;
}
