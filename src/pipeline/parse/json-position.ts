/**
 * Where a JSON text first breaks the grammar (RFC 8259), as line and column. Only called after
 * JSON.parse has failed: V8 on Node 20 reports "Unexpected token '}', …" without any position, and
 * a publisher fixing their feed needs one. Iterative, so deep nesting cannot overflow the stack.
 */
export function jsonErrorLocation(text: string): { line: number; column: number } | undefined {
  const offset = jsonErrorOffset(text);
  if (offset === undefined) return undefined;
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);
const HEX4 = /^[0-9a-fA-F]{4}$/;

/** Offset of the first character that cannot continue a valid JSON text, or undefined when it is valid. */
export function jsonErrorOffset(text: string): number | undefined {
  const stack: string[] = [];
  let i = skipSpace(text, 0);
  let expectValue = true;
  for (;;) {
    if (expectValue) {
      const c = text[i];
      if (c === '{' || c === '[') {
        const close = c === '{' ? '}' : ']';
        i = skipSpace(text, i + 1);
        if (text[i] === close) {
          i = skipSpace(text, i + 1);
          expectValue = false;
        } else {
          stack.push(c);
          if (c === '{') {
            const afterKey = member(text, i);
            if (afterKey < 0) return -afterKey - 1;
            i = afterKey;
          }
        }
        continue;
      }
      const end = scalar(text, i);
      if (end < 0) return -end - 1;
      i = skipSpace(text, end);
      expectValue = false;
      continue;
    }
    const top = stack.at(-1);
    if (top === undefined) return i < text.length ? i : undefined;
    const c = text[i];
    if (c === ',') {
      i = skipSpace(text, i + 1);
      if (top === '{') {
        const afterKey = member(text, i);
        if (afterKey < 0) return -afterKey - 1;
        i = afterKey;
      }
      expectValue = true;
    } else if ((top === '{' && c === '}') || (top === '[' && c === ']')) {
      stack.pop();
      i = skipSpace(text, i + 1);
    } else {
      return i;
    }
  }
}

// The helpers return the next offset, or -(errorOffset + 1) so a failure at offset 0 stays negative.

/** `"key" :` followed by space; returns the offset of the value. */
function member(text: string, i: number): number {
  if (text[i] !== '"') return -i - 1;
  const end = string(text, i);
  if (end < 0) return end;
  const colon = skipSpace(text, end);
  if (text[colon] !== ':') return -colon - 1;
  return skipSpace(text, colon + 1);
}

function scalar(text: string, i: number): number {
  const c = text[i];
  if (c === '"') return string(text, i);
  for (const literal of ['true', 'false', 'null']) {
    if (text.startsWith(literal, i)) return i + literal.length;
  }
  NUMBER.lastIndex = i;
  if (NUMBER.test(text)) return NUMBER.lastIndex;
  return -i - 1;
}

function string(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '"') return i + 1;
    if (c.charCodeAt(0) < 0x20) return -i - 1;
    if (c === '\\') {
      const escape = text[i + 1] ?? '';
      if (escape === 'u') {
        if (!HEX4.test(text.slice(i + 2, i + 6))) return -(i + 1) - 1;
        i += 5;
      } else if (ESCAPES.has(escape)) {
        i += 1;
      } else {
        return -(i + 1) - 1;
      }
    }
  }
  return -text.length - 1;
}

function skipSpace(text: string, i: number): number {
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) break;
    i++;
  }
  return i;
}
