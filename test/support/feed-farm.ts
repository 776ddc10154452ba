/**
 * A farm of feeds for the queue tests (issue 20): RSS documents whose items retell a set of stories
 * across feeds (so the analysis stage has clusters to find), every item with its own publication
 * minute (so the order the analysis files them in never depends on which worker stored what first),
 * served from 127.0.0.1 with ETags, a response delay, and counters the tests assert on.
 */
import crypto from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { startLocalServer, type LocalServer } from './local-server.js';

const ORGS = ['Norvane', 'Quillpath', 'Brightmoor', 'Castellan', 'Ordwell', 'Tessary', 'Halvorsen', 'Meridex', 'Corvantis', 'Ylvander'];
const PRODUCTS = ['Gateway', 'Mail Relay', 'VPN Appliance', 'Backup Server', 'Identity Portal', 'File Transfer', 'Print Manager', 'Web Console'];
const GANGS = ['Ashfang', 'Greymist', 'Voltcrow', 'Nightlark'];

/** One story, told in several wordings; `k` picks its names and its CVE id. */
function telling(k: number, variant: number): { title: string; summary: string } {
  const org = ORGS[k % ORGS.length]!;
  const product = PRODUCTS[k % PRODUCTS.length]!;
  const cve = `CVE-2026-${41000 + k}`;
  if (k % 3 === 2) {
    const gang = GANGS[k % GANGS.length]!;
    const victim = `${ORGS[(k + 3) % ORGS.length]} Logistics`;
    const titles = [
      `${gang} ransomware gang claims attack on ${victim}`,
      `${victim} confirms ransomware attack claimed by ${gang}`,
      `${gang} leaks data stolen from ${victim} after ransomware attack`,
    ];
    return { title: titles[variant % 3]!, summary: `${victim} said systems were disrupted after the ${gang} group encrypted servers and demanded a ransom; the company notified regulators.` };
  }
  const titles = [`${org} patches ${product} flaw ${cve} exploited in attacks`, `Attackers exploit ${cve} in ${org} ${product}`, `${org} warns of actively exploited ${product} bug (${cve})`];
  return { title: titles[variant % 3]!, summary: `${org} released fixes for ${cve}, a remote code execution vulnerability in its ${product} that attackers have exploited since last week.` };
}

export interface FarmFeed {
  id: string;
  path: string;
  itemIds: string[];
}

/** `feeds` feeds of `itemsPerFeed` items each; story k is told by feeds k, k+1 and k+2 (mod feeds). */
export function farmDocuments(feeds: number, itemsPerFeed: number): { feeds: FarmFeed[]; bodies: Map<string, Buffer> } {
  const bodies = new Map<string, Buffer>();
  const list: FarmFeed[] = [];
  const start = Date.UTC(2026, 10, 20, 0, 0, 0);
  for (let f = 0; f < feeds; f++) {
    const items: string[] = [];
    const guids: string[] = [];
    for (let i = 0; i < itemsPerFeed; i++) {
      // Feed f tells stories f-2, f-1, f (its share of the shared ones), then ones of its own.
      const k = i < 3 ? (f - i + feeds) % feeds : feeds + f * itemsPerFeed + i;
      const { title, summary } = telling(k, i);
      const minute = f * itemsPerFeed + i; // unique across the farm
      const published = new Date(start + minute * 60_000).toUTCString();
      const guid = `farm-${f}-${i}`;
      guids.push(guid);
      items.push(
        `<item><title>${title}</title><link>https://news${f}.example/${guid}</link><guid isPermaLink="false">${guid}</guid><pubDate>${published}</pubDate><description>${summary}</description></item>`,
      );
    }
    const path = `/feeds/farm-${f}.xml`;
    bodies.set(path, Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Farm ${f}</title><link>https://news${f}.example/</link>${items.join('')}</channel></rss>`));
    list.push({ id: `farm-${f}`, path, itemIds: guids });
  }
  return { feeds: list, bodies };
}

export interface FarmServer extends LocalServer {
  /** 200 responses by path. */
  served: Map<string, number>;
  /** The most requests ever in flight at once (the per-host test's figure). */
  maxInFlight(): number;
  /** Paths of the requests held unanswered (`hold`), in arrival order. */
  held: string[];
}

export interface FarmServerOptions {
  /** Each answer waits this long (so several requests overlap). */
  delayMs?: number;
  /** Requests this returns true for are never answered (a worker to be killed mid-fetch). */
  hold?: (req: IncomingMessage) => boolean;
  /** No ETag, so every fetch is a 200 with the whole document (as many real hosts do). */
  noValidators?: boolean;
}

export async function startFarmServer(bodies: Map<string, Buffer>, options: FarmServerOptions = {}): Promise<FarmServer> {
  const served = new Map<string, number>();
  const held: string[] = [];
  const etags = new Map([...bodies].map(([path, body]) => [path, `"${crypto.createHash('sha1').update(body).digest('hex').slice(0, 12)}"`]));
  let inFlight = 0;
  let max = 0;
  const answer = (req: IncomingMessage, res: ServerResponse) => {
    const body = bodies.get(req.url ?? '');
    if (!body) return void res.writeHead(404).end();
    const etag = etags.get(req.url!)!;
    if (!options.noValidators && req.headers['if-none-match'] === etag) return void res.writeHead(304, { etag }).end();
    served.set(req.url!, (served.get(req.url!) ?? 0) + 1);
    res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', ...(options.noValidators ? {} : { etag }) }).end(body);
  };
  const server = await startLocalServer((req, res) => {
    inFlight += 1;
    max = Math.max(max, inFlight);
    // Until answered, or until the socket dies with the worker that held it.
    res.on('close', () => (inFlight -= 1));
    if (options.hold?.(req)) return void held.push(req.url ?? '');
    setTimeout(() => answer(req, res), options.delayMs ?? 0);
  });
  return { ...server, served, held, maxInFlight: () => max };
}
