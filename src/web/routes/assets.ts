import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';

/**
 * The page's script and style, served from the app itself (no CDN, no build step). Read once at
 * start-up from `assets/` beside this module (`npm run build` copies them into dist/).
 */
const ASSETS = {
  'review.js': 'text/javascript; charset=utf-8',
  'review.css': 'text/css; charset=utf-8',
} as const;

export function registerAssetRoutes(app: FastifyInstance): void {
  for (const [name, type] of Object.entries(ASSETS)) {
    const body = readFileSync(new URL(`../assets/${name}`, import.meta.url));
    app.get(`/assets/${name}`, async (_request, reply) => reply.type(type).header('Cache-Control', 'no-cache').send(body));
  }
}
