import { Option, type Command } from 'commander';
import type { CliContext, CommonFlags } from './context.js';
import { withCommonOptions } from './context.js';
import { EXIT } from './exit-codes.js';
import { listenForShutdown } from './shutdown.js';
import { UsageError } from '../model/index.js';
import { warn } from './format.js';

interface ReviewFlags extends CommonFlags {
  host: string;
  port: string;
  token?: string;
}

const HELP = `
Serves the review page: the latest draft with every edit saved at once to the database, the
list of drafts, and feed health. Binds 127.0.0.1 by default; binding any other address needs a
token (--token or SECDIGEST_REVIEW_TOKEN, at least 16 characters), which every request must then
carry (the printed URL sets it as a cookie on the first visit). Stop with Ctrl+C.`;

/** `secdigest review`: runs until SIGINT or SIGTERM. */
export function registerReviewCommand(program: Command, ctx: CliContext): void {
  withCommonOptions(program.command('review').description('Serve the draft review page (http://127.0.0.1:4173 by default).'))
    .addOption(new Option('--host <address>', 'address to bind').default('127.0.0.1'))
    .addOption(new Option('--port <number>', 'port to listen on (0: any free port)').default('4173'))
    .addOption(new Option('--token <token>', 'access token every request must carry (env SECDIGEST_REVIEW_TOKEN)'))
    .addHelpText('after', HELP)
    .action(async (flags: ReviewFlags) => {
      if (!/^\d{1,5}$/.test(flags.port) || Number(flags.port) > 65535) throw new UsageError(`--port must be a whole number from 0 to 65535 (got "${flags.port}")`);
      // The web server (fastify) loads only for this command, not at every CLI start.
      const { startReview } = await import('../commands/review.js');
      await ctx.withApp(flags, async (app) => {
        const token = flags.token ?? ctx.io.env.SECDIGEST_REVIEW_TOKEN;
        const handle = await startReview(app, {
          host: flags.host,
          port: Number(flags.port),
          configPath: ctx.paths(flags).configPath,
          ...(token ? { token } : {}),
          onError: (error) => warn(ctx.io.stderr, (error as Error).stack ?? String(error), 'secdigest review'),
        });
        ctx.out(flags.json ? JSON.stringify({ url: handle.url }) : `Review page: ${handle.url}  (Ctrl+C to stop)`);
        // Stopping is how this command ends: the first signal closes the server (exit 0), a second
        // one exits at once (main.ts).
        const shutdown = listenForShutdown(ctx.io);
        try {
          await new Promise<void>((resolve) => shutdown.signal.addEventListener('abort', () => resolve(), { once: true }));
        } finally {
          shutdown.dispose();
        }
        await handle.close();
        return EXIT.ok;
      }, { existingDatabase: true });
    });
}
