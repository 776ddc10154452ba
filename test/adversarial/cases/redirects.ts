import type { ServerResponse } from 'node:http';
import type { HostileCase } from '../support/server.js';

const redirect = (res: ServerResponse, location: string, status = 302) => res.writeHead(status, { location }).end();

export const redirectCases = {
  redirectLoop: {
    id: 'redirect-loop',
    what: 'A → B → A → … (302s)',
    handler: (_req, res) => redirect(res, '/redirect-loop-b'),
  },
  redirectLoopB: {
    id: 'redirect-loop-b',
    what: 'the other half of the loop (not configured as a feed)',
    handler: (_req, res) => redirect(res, '/redirect-loop', 301),
  },
  redirectToFile: {
    id: 'redirect-to-file',
    what: 'a 302 to file:///etc/passwd',
    handler: (_req, res) => redirect(res, 'file:///etc/passwd'),
  },
  redirectToJavascript: {
    id: 'redirect-to-javascript',
    what: 'a 301 to javascript:alert(1)',
    handler: (_req, res) => redirect(res, 'javascript:alert(1)', 301),
  },
  redirectToData: {
    id: 'redirect-to-data',
    what: 'a 307 to a data: URL holding a feed',
    handler: (_req, res) => redirect(res, 'data:application/rss+xml,<rss version="2.0"><channel><title>x</title></channel></rss>', 307),
  },
} satisfies Record<string, HostileCase>;

/** The cases configured as feeds (the loop's second half is only a redirect target). */
export const redirectFeeds = [redirectCases.redirectLoop, redirectCases.redirectToFile, redirectCases.redirectToJavascript, redirectCases.redirectToData];
