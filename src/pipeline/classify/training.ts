import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ClassifierModelError, SECTIONS, type Section, type TrainingExample } from '../../model/index.js';
import { trainModel, type Model, type ModelOptions } from './model.js';

/**
 * The labelled set shipped with secdigest. Three levels up from both `src/pipeline/classify/` and
 * the built `dist/pipeline/classify/`.
 */
export const SHIPPED_TRAINING_DIR = fileURLToPath(new URL('../../../data/training/', import.meta.url));

/**
 * One JSONL line as a TrainingExample: `{"title","summary","topics":[primary,…],"section","relevant"}`.
 * Returns a message instead when the line is not a usable example.
 */
export function parseTrainingExample(value: unknown, source: string): TrainingExample | string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not a JSON object';
  const v = value as Record<string, unknown>;
  if (typeof v.title !== 'string' || v.title.trim() === '') return '"title" must be a non-empty string';
  if (v.summary !== undefined && typeof v.summary !== 'string') return '"summary" must be a string';
  const topics = v.topics;
  if (!Array.isArray(topics) || topics.length === 0 || !topics.every((t) => typeof t === 'string' && t !== '')) {
    return '"topics" must be a non-empty list of topic ids, primary first';
  }
  if (!SECTIONS.includes(v.section as Section)) return `"section" must be one of ${SECTIONS.join(', ')}`;
  if (typeof v.relevant !== 'boolean') return '"relevant" must be true or false';
  return { title: v.title, summary: v.summary ?? '', topics, section: v.section as Section, relevant: v.relevant, source };
}

/** Every `*.jsonl` file of `dir`, in name order. Throws ClassifierModelError naming file and line. */
export async function loadTrainingSet(dir: string): Promise<TrainingExample[]> {
  const files = (await readdir(dir)).filter((name) => name.endsWith('.jsonl')).sort();
  const examples: TrainingExample[] = [];
  const problems: string[] = [];
  for (const file of files) {
    const lines = (await readFile(path.join(dir, file), 'utf8')).split('\n');
    lines.forEach((line, i) => {
      if (line.trim() === '') return;
      const source = `${file}:${i + 1}`;
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        problems.push(`${source}: not valid JSON`);
        return;
      }
      const example = parseTrainingExample(parsed, source);
      if (typeof example === 'string') problems.push(`${source}: ${example}`);
      else examples.push(example);
    });
  }
  if (problems.length > 0) throw new ClassifierModelError(`training set ${dir} has ${problems.length} bad line(s):\n  ${problems.join('\n  ')}`);
  if (examples.length === 0) throw new ClassifierModelError(`no training examples in ${dir}`);
  return examples;
}

/** Trains on the shipped set plus, e.g., editors' corrections (which come last and add to it). */
export async function trainFromShippedSet(
  extraExamples: readonly TrainingExample[] = [],
  { dir = SHIPPED_TRAINING_DIR, options = {} }: { dir?: string; options?: Partial<ModelOptions> } = {},
): Promise<Model> {
  return trainModel([...(await loadTrainingSet(dir)), ...extraExamples], options);
}
