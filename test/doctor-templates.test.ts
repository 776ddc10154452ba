import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cli, tempDir, writeConfig } from './support/cli.js';

/** `doctor` parses the editor's issue templates (issue 18): a broken one fails here, not at export time. */
describe('doctor checks the issue templates', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => tmp.cleanup());

  const configWith = (template: string) => {
    fs.writeFileSync(path.join(tmp.dir, 'issue.md.liquid'), template);
    return writeConfig(tmp.dir, [{ id: 'a', url: 'http://127.0.0.1:9/a.xml' }], 'settings:\n  issue:\n    template:\n      md: issue.md.liquid\n');
  };

  it('reports a template that does not parse with its file and line (exit 3), and a good one as ok', async () => {
    const db = path.join(tmp.dir, 'none.db');
    const broken = await cli(['doctor', '--json', '--config', configWith('# {{ name }}\n{% if lead %}\nno end tag\n'), '--db', db]);
    expect(broken.code).toBe(3);
    const check = (JSON.parse(broken.stdout) as { checks: { name: string; status: string; detail: string }[] }).checks.find((c) => c.name === 'templates');
    expect(check?.status).toBe('fail');
    expect(check?.detail).toContain('issue.md.liquid');
    expect(check?.detail).toMatch(/:\d+/);

    const good = await cli(['doctor', '--json', '--config', configWith('# {{ name }}\n'), '--db', db]);
    const ok = (JSON.parse(good.stdout) as { checks: { name: string; status: string; detail: string }[] }).checks.find((c) => c.name === 'templates');
    expect(ok).toMatchObject({ status: 'ok', detail: "the editor's md template parses" });
  });
});
