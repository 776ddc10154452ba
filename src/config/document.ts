import { LineCounter, isAlias, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import type { Document, Node } from 'yaml';

/** One step of a path inside the document: a map key or a list index. */
export type PathSegment = string | number;

/** Something wrong at a place in the document, before it is given a line and a feed id. */
export interface Finding {
  path: PathSegment[];
  message: string;
}

/** A YAML text read into plain data, with a way back from a data path to a line of the file. */
export interface YamlSource {
  data: unknown;
  /** 1-based line of the node at `path`, or of its nearest ancestor that exists. */
  lineOf(path: readonly PathSegment[]): number | undefined;
}

export type ReadYamlResult =
  | { ok: true; source: YamlSource }
  | { ok: false; errors: { line: number; message: string }[] };

/** The YAML alias expansions toJS() allows before giving up (its guard against "billion laughs"). */
const MAX_ALIAS_COUNT = 100;

export function readYaml(text: string): ReadYamlResult {
  const counter = new LineCounter();
  // prettyErrors off: we report the line ourselves and want the bare message, not a code excerpt.
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false });
  const lineAt = (offset: number) => counter.linePos(offset).line;
  if (doc.errors.length > 0) {
    return {
      ok: false,
      errors: doc.errors.map((e) => ({ line: lineAt(e.pos[0]), message: `YAML syntax: ${e.message}` })),
    };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, errors: [{ line: 1, message: `YAML: ${message}` }] };
  }
  return { ok: true, source: { data, lineOf: (path) => locate(doc, path, lineAt) } };
}

/**
 * Walks the node tree along `path`, like `doc.getIn(path, true)` falling back to the nearest existing
 * parent, but answers with the line of the map *key* for a map entry: that is where an editor looks
 * for `weigth:` or `kind: blog`, and it exists even when the value is empty.
 */
function locate(
  doc: Document,
  path: readonly PathSegment[],
  lineAt: (offset: number) => number,
): number | undefined {
  let node: unknown = doc.contents;
  let line = lineOfNode(node, lineAt);
  for (const segment of path) {
    if (isAlias(node)) node = node.resolve(doc);
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair) break;
      line = lineOfNode(pair.key, lineAt) ?? line;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      node = node.items[segment];
      if (node === undefined) break;
      line = lineOfNode(node, lineAt) ?? line;
    } else {
      break;
    }
  }
  return line;
}

function lineOfNode(node: unknown, lineAt: (offset: number) => number): number | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range ? lineAt(range[0]) : undefined;
}

/** `['feeds', 3, 'kind']` → `feeds[3].kind`; keys that are not plain words are quoted. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (/^[A-Za-z_][\w-]*$/.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out === '' ? '(root)' : out;
}
