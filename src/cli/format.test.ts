import { describe, expect, it } from 'vitest';
import { terminalSafe, warn } from './format.js';

describe('terminal-safe messages', () => {
  it('drop C0 control characters but keep tabs and newlines; JSON passes unchanged', () => {
    expect(terminalSafe('a\u001b[31mb\u0007c\td\ne\r')).toBe('a[31mbc\td\ne');
    const json = JSON.stringify({ title: 'x\u001by' });
    expect(terminalSafe(json)).toBe(json);
  });

  it('warn writes one prefixed, terminal-safe line', () => {
    let written = '';
    warn({ write: (text: string) => (written += text) }, 'line 3 skipped: not valid JSON (Unexpected token \u001b)');
    warn({ write: (text: string) => (written += text) }, 'boom', 'secdigest review');
    expect(written).toBe('secdigest: line 3 skipped: not valid JSON (Unexpected token )\nsecdigest review: boom\n');
  });
});
