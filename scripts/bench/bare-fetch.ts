/**
 * The floor for a cold collection: bare Node `fetch` of the same feeds, bodies read and dropped,
 * at the collector's own concurrency (16). Prints one JSON line {"wallMs"}.
 */
import pLimit from 'p-limit';

const ports = JSON.parse(process.argv[2] ?? '[]') as number[];
const feeds = Number(process.argv[3] ?? 1000);
const concurrency = Number(process.argv[4] ?? 16);

const limit = pLimit(concurrency);
const started = performance.now();
let bytes = 0;
await Promise.all(
  Array.from({ length: feeds }, (_, i) =>
    limit(async () => {
      const response = await fetch(`http://127.0.0.1:${ports[i % ports.length]}/feed/${i}.xml`);
      bytes += (await response.arrayBuffer()).byteLength;
    }),
  ),
);
process.stdout.write(`${JSON.stringify({ wallMs: performance.now() - started, bytes })}\n`);
