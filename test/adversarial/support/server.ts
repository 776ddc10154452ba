import type { IncomingMessage, ServerResponse } from 'node:http';
import { startLocalServer } from '../../support/local-server.js';

/** What a case handler may know about the run: its own server (XXE targets) and a local secret file. */
export interface CaseEnv {
  /** http://127.0.0.1:PORT of the server serving the case, no trailing slash. */
  baseUrl: string;
  /** A temporary file whose content is {@link SECRET_MARKER}: an XXE must never read it. */
  secretFile: string;
}

/** One hostile (or good) feed: served at `/${id}`, collected as feed `id`. */
export interface HostileCase {
  id: string;
  /** One line for docs and the bench: what the server does. */
  what: string;
  handler: (req: IncomingMessage, res: ServerResponse, env: CaseEnv) => void;
}

export const SECRET_MARKER = 'SECDIGEST-XXE-MARKER-5d1f0c';

export interface HostileServer {
  baseUrl: string;
  /** The feed URL of a case. */
  url(id: string): string;
  /** Requests received for a path (`/xxe-probe`), counted before any handler runs. */
  hits(path: string): number;
  /** Body bytes the handlers wrote for a path (a streaming case reports what it managed to send). */
  bytesSent(path: string): number;
  close(): Promise<void>;
}

/**
 * Serves cases on 127.0.0.1 (ephemeral port) and nothing else. Paths that no case claims answer
 * 404 and are still counted, so a test can assert that an XXE target was never requested.
 */
export async function startHostileServer(cases: readonly HostileCase[], secretFile: string): Promise<HostileServer> {
  const byPath = new Map(cases.map((c) => [`/${c.id}`, c]));
  const hits = new Map<string, number>();
  const sent = new Map<string, number>();
  // Known once the server listens (the handlers need its port); requests arrive only after that.
  const state: { env?: CaseEnv } = {};
  const server = await startLocalServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const write = res.write.bind(res) as (chunk: Buffer | string, ...rest: unknown[]) => boolean;
    res.write = ((chunk: Buffer | string, ...rest: unknown[]) => {
      sent.set(path, (sent.get(path) ?? 0) + Buffer.byteLength(chunk));
      return write(chunk, ...rest);
    }) as typeof res.write;
    const found = byPath.get(path);
    if (!found || !state.env) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    found.handler(req, res, state.env);
  });
  state.env = { baseUrl: server.baseUrl, secretFile };
  return {
    baseUrl: server.baseUrl,
    url: (id) => `${server.baseUrl}/${id}`,
    hits: (path) => hits.get(path) ?? 0,
    bytesSent: (path) => sent.get(path) ?? 0,
    close: () => server.close(),
  };
}
