/**
 * Adversarial: XML entities. Billion laughs must cost nothing (entities are never expanded), and
 * an external entity must never read a local file nor make a request (XXE). Served by a local
 * 127.0.0.1 server and collected by the real `secdigest collect`.
 */
import { describe, expect, it } from 'vitest';
import { entityCases, XXE_PROBE } from './cases/entities.js';
import { expectFailure, useAdversarialRun } from './support/collect.js';
import { SECRET_MARKER } from './support/server.js';

const EXTERNAL = 'malformed XML: the DOCTYPE declares an external entity (refused: no file is read and nothing is fetched)';

describe('adversarial: XML entities (billion laughs, XXE)', () => {
  const run = useAdversarialRun(Object.values(entityCases));

  it('billion laughs: stored at once, the entity reference kept as literal text', () => {
    for (const id of [entityCases.billionLaughs.id, entityCases.billionLaughsUtf16.id]) {
      expect(run().feed(id), id).toMatchObject({ status: 'ok', error: null, itemsFound: 1, itemsNew: 1 });
      const [item] = run().items(id);
      expect(item).toMatchObject({ title: 'Laughs &lol9;', summary: '&lol9;&lol9;' });
    }
    expect(run().everything()).not.toContain('lollol');
  });

  it('XXE to a 127.0.0.1 URL: the feed fails as malformed, naming the external entity; no request made', () => {
    expectFailure(run(), entityCases.xxeHttp.id, 'malformed', EXTERNAL);
    expect(run().server.hits(XXE_PROBE)).toBe(0);
  });

  it('XXE to a local file: the feed fails as malformed; the file content appears nowhere', () => {
    expectFailure(run(), entityCases.xxeFile.id, 'malformed', EXTERNAL);
    expect(run().everything()).not.toContain(SECRET_MARKER);
  });

  it('parameter entity (out-of-band XXE): malformed, named, no request made', () => {
    expectFailure(run(), entityCases.xxeParameter.id, 'malformed', 'malformed XML: the DOCTYPE declares a parameter entity (refused: entities are never expanded)');
    expect(run().server.hits(`${XXE_PROBE}.dtd`)).toBe(0);
  });

  it('external DTD subset: never fetched, the feed is read without it', () => {
    expect(run().feed(entityCases.xxeExternalDtd.id)).toMatchObject({ status: 'ok', itemsNew: 1 });
    expect(run().items(entityCases.xxeExternalDtd.id).map((i) => i.title)).toEqual(['Read without the DTD']);
    expect(run().server.hits(`${XXE_PROBE}-subset.dtd`)).toBe(0);
  });

  it('the only requests the run made were for the configured feeds', () => {
    for (const id of ['good', ...Object.values(entityCases).map((c) => c.id)]) expect(run().server.hits(`/${id}`), id).toBe(1);
  });
});
