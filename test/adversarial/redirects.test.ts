/** Adversarial: redirects. Followed by hand, at most `maxRedirects`, each target checked like a feed URL. */
import { describe, expect, it } from 'vitest';
import { redirectCases, redirectFeeds } from './cases/redirects.js';
import { expectFailure, useAdversarialRun } from './support/collect.js';
import type { HostileCase } from './support/server.js';

describe('adversarial: redirects (loop, non-http schemes)', () => {
  // The loop's second half is served but not configured: only its path is routed.
  const run = useAdversarialRun(redirectFeeds, { extraRoutes: [redirectCases.redirectLoopB] as HostileCase[] });

  it('a redirect loop stops after maxRedirects hops and says it is a loop', () => {
    expectFailure(run(), redirectCases.redirectLoop.id, 'too-many-redirects', 'redirect loop: 6 redirects (limit 5)');
    expect(run().server.hits('/redirect-loop') + run().server.hits('/redirect-loop-b')).toBe(6);
  });

  it.each([
    ['redirectToFile', 302, 'redirect to unsupported scheme "file:"'],
    ['redirectToJavascript', 301, 'redirect to unsupported scheme "javascript:"'],
    ['redirectToData', 307, 'redirect to unsupported scheme "data:"'],
  ] as const)('%s: refused as bad-redirect, nothing followed', (key, status, message) => {
    expectFailure(run(), redirectCases[key].id, 'bad-redirect', message);
    expect(run().feed(redirectCases[key].id).httpStatus).toBe(status);
  });
});
