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

const read = (name: string): Buffer => readFileSync(new URL(`../assets/${name}`, import.meta.url));

export function registerAssetRoutes(app: FastifyInstance): void {
  for (const [name, type] of Object.entries(ASSETS)) {
    const body = read(name);
    app.get(`/assets/${name}`, async (_request, reply) => reply.type(type).header('Cache-Control', 'no-cache').send(body));
  }
  // The icon the layout names (<link rel="icon">), and the same at /favicon.ico, which browsers
  // ask for on pages without that link (the preview frame's, an export): no 404 in the console.
  const icon = read('favicon.svg');
  for (const path of ['/favicon.svg', '/favicon.ico']) {
    app.get(path, async (_request, reply) => reply.type('image/svg+xml').header('Cache-Control', 'max-age=86400').send(icon));
  }
}
