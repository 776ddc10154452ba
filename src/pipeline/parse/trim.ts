/**
 * Keeps only the first `maxEntries` entries of an XML feed before it is parsed. The XML parser's
 * time grows with the whole document (measured: 50,000 small items, 3 MB, take seconds), while
 * collect keeps at most `maxItemsPerFeed` of them: without this, a feed could make every run spend
 * its CPU on entries that are thrown away. A linear scan with indexOf; a document with no more
 * than `maxEntries` entries is returned unchanged (the same string), so ordinary feeds are never
 * touched. Entries are `item` (RSS, RDF) or `entry` (Atom), with any namespace prefix; CDATA
 * sections, comments and processing instructions are skipped so markup quoted inside them does
 * not count. Anything unbalanced returns the document unchanged and leaves the verdict to the parser.
 */
export function trimEntries(text: string, entryName: 'item' | 'entry', from: number, maxEntries: number): string {
  const kept: string[] = [];
  let keptFrom = 0;
  let depth = 0;
  let count = 0;
  let skipStart = -1;
  let i = text.indexOf('<', from);
  while (i !== -1) {
    let next: number;
    if (text.startsWith('<![CDATA[', i)) {
      next = after(text, ']]>', i + 9);
    } else if (text.startsWith('<!--', i)) {
      next = after(text, '-->', i + 4);
    } else if (text.startsWith('<?', i) || text.startsWith('<!', i)) {
      next = after(text, '>', i + 2);
    } else {
      const close = text.charCodeAt(i + 1) === 0x2f; // '/'
      const end = text.indexOf('>', i + 1);
      if (end === -1) return text;
      next = end + 1;
      if (isEntryTag(text, close ? i + 2 : i + 1, end, entryName)) {
        const selfClosing = !close && text.charCodeAt(end - 1) === 0x2f;
        if (close) {
          if (depth === 0) return text;
          depth -= 1;
          if (depth === 0) {
            if (skipStart !== -1) {
              kept.push(text.slice(keptFrom, skipStart));
              keptFrom = next;
              skipStart = -1;
            }
          }
        } else {
          if (depth === 0) {
            count += 1;
            if (count > maxEntries) {
              if (selfClosing) {
                kept.push(text.slice(keptFrom, i));
                keptFrom = next;
              } else {
                skipStart = i;
              }
            }
          }
          if (!selfClosing) depth += 1;
        }
      }
    }
    if (next === -1) return text;
    i = text.indexOf('<', next);
  }
  if (depth !== 0 || count <= maxEntries) return text;
  kept.push(text.slice(keptFrom));
  return kept.join('');
}

/** Whether the tag name starting at `start` (up to whitespace, `/` or `>`) is `name` or `prefix:name`. */
function isEntryTag(text: string, start: number, end: number, name: string): boolean {
  let stop = start;
  while (stop < end) {
    const code = text.charCodeAt(stop);
    if (code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d || code === 0x2f) break;
    stop += 1;
  }
  const length = stop - start;
  if (length < name.length || !text.startsWith(name, stop - name.length)) return false;
  return length === name.length || text.charCodeAt(stop - name.length - 1) === 0x3a; // ':'
}

function after(text: string, token: string, from: number): number {
  const at = text.indexOf(token, from);
  return at === -1 ? -1 : at + token.length;
}
