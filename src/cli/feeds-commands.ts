import fs from 'node:fs';
import { Option, type Command } from 'commander';
import { listFeeds, retryFeeds } from '../commands/feeds.js';
import { addFeed, exportOpml, importOpml } from '../commands/feed-list.js';
import { openFetcher } from '../app.js';
import { loadConfig } from '../config/index.js';
import { FEED_KINDS, UsageError, type FeedKind } from '../model/index.js';
import type { CliContext, CommonFlags } from './context.js';
import { withCommonOptions } from './context.js';
import { EXIT } from './exit-codes.js';
import { renderFeedTable } from './render.js';

const kindOption = () =>
  new Option('--kind <kind>', 'kind of the new feed(s)').choices([...FEED_KINDS]).default('news');

/** `secdigest feeds [list]`, `feeds add`, `feeds import`, `feeds export`. */
export function registerFeedCommands(program: Command, ctx: CliContext): void {
  const feeds = program.command('feeds').description('List, add, import and export the configured feeds.');

  withCommonOptions(
    feeds
      .command('list', { isDefault: true })
      .description('List the configured feeds with their health (the default).')
      .option('--retry <id...>', 'fetch these feeds at the next collect: clears backoff, unhealthy, Retry-After and 410'),
  )
    .addHelpText(
      'after',
      '\n--json prints an array of objects: id, name, kind, url, enabled, items, lastStatus, lastHttpStatus,\n' +
        'lastFetchAt, lastSuccessAt, consecutiveErrors, lastErrorCode, lastError, disabledReason, movedTo, retryAt,\n' +
        'health (ok, failing, unhealthy, disabled), nextAttemptAt, errorSince, unhealthySince, intervalMinutes.\n' +
        'With --retry only the feeds named are listed, after the reset; their error count is kept until a success.',
    )
    .action(async (flags: CommonFlags & { retry?: string[] }) => {
      await ctx.withApp(flags, async (app) => {
        const rows = flags.retry ? await retryFeeds(app, flags.retry) : await listFeeds(app);
        const text = renderFeedTable(rows, app.now());
        ctx.out(flags.json ? JSON.stringify(rows, null, 2) : flags.retry ? `${text}\n${rows.map((r) => r.id).join(', ')}: fetched at the next collect` : text);
        return EXIT.ok;
      });
    });

  withCommonOptions(
    feeds
      .command('add')
      .description('Add a feed to feeds.yaml (comments and order kept). Given a web page, finds its feed.')
      .argument('<url>', 'feed URL, or a page that advertises a feed with <link rel="alternate">')
      .addOption(kindOption())
      .option('--id <id>', 'feed id (default: from the feed title)')
      .option('--name <name>', 'display name (default: the feed title)')
      .option('--weight <n>', 'editorial weight 0-10', parseWeight)
      .option('--tag <tag...>', 'tags'),
  ).action(async (url: string, flags: CommonFlags & { kind: FeedKind; id?: string; name?: string; weight?: number; tag?: string[] }) => {
    const { configPath } = ctx.paths(flags);
    const config = loadConfig(configPath);
    const result = await addFeed(
      configPath,
      config,
      url,
      {
        kind: flags.kind,
        ...(flags.id ? { id: flags.id } : {}),
        ...(flags.name ? { name: flags.name } : {}),
        ...(flags.weight !== undefined ? { weight: flags.weight } : {}),
        ...(flags.tag ? { tags: flags.tag } : {}),
      },
      openFetcher(config.settings.fetch),
    );
    ctx.out(
      flags.json
        ? JSON.stringify(result, null, 2)
        : `added "${result.feed.id}" (${result.feed.name}): ${result.feed.url}` +
            (result.discoveredFrom ? `\n  discovered on ${result.discoveredFrom}` : '') +
            `\n  ${result.format}, ${result.items} items now; run \`secdigest collect --feed ${result.feed.id}\` to fetch it`,
    );
  });

  withCommonOptions(
    feeds
      .command('import')
      .description('Append the feeds of an OPML file that feeds.yaml lacks (comments and order kept).')
      .argument('<file>', 'OPML file')
      .addOption(kindOption().default('news', 'news, unless the file gives one (secdigest:kind, or a category or folder naming a kind)')),
  )
    .addHelpText(
      'after',
      '\nReads our own export (ids, kinds, tags, weights, enabled: false) and what Miniflux, FreshRSS, Feedly and\n' +
        'other readers write: folders become tags (every level), a folder named Vendors, Government/Gov or\n' +
        'Press releases sets the kind, miniflux:disabled="true" and a FreshRSS muted feed (negative frss:ttl)\n' +
        'become enabled: false. Ids come from titles, transliterated (Sécurité → securite), else the URL\'s host.\n' +
        'http/https and trailing-slash spellings of one URL are one feed: the repeat is skipped and reported.\n' +
        'Lines already in feeds.yaml are kept byte for byte; the new feeds go after the last one.',
    )
    .action((file: string, flags: CommonFlags & { kind: FeedKind }) => {
    const { configPath } = ctx.paths(flags);
    const config = fs.existsSync(configPath) ? loadConfig(configPath) : null;
    const opml = readInput(file);
    const result = importOpml(configPath, config, opml, flags.kind);
    ctx.out(
      flags.json
        ? JSON.stringify(result, null, 2)
        : [
            `added ${result.added.length} feed(s) to ${configPath}, skipped ${result.skipped.length}`,
            ...result.added.map((f) => `  + ${f.id} (${f.kind}): ${f.url}`),
            ...result.skipped.map((s) => `  - ${s.url}: ${s.reason}`),
          ].join('\n'),
    );
  });

  withCommonOptions(
    feeds
      .command('export')
      .description('Write the configured feeds as OPML (id, kind, weight, enabled, tags in the secdigest: namespace; never headers).')
      .addOption(new Option('--format <format>', 'output format').choices(['opml']).default('opml'))
      .option('--out <file>', 'write to a file instead of stdout'),
  ).action((flags: CommonFlags & { out?: string }) => {
    const config = loadConfig(ctx.paths(flags).configPath);
    const opml = exportOpml(config, ctx.now());
    if (flags.out) fs.writeFileSync(flags.out, opml);
    else ctx.out(opml);
  });
}

function parseWeight(value: string): number {
  const weight = Number(value);
  if (!Number.isFinite(weight) || weight < 0 || weight > 10) throw new UsageError(`--weight must be a number from 0 to 10 (got "${value}")`);
  return weight;
}

function readInput(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (cause) {
    throw new UsageError(`cannot read ${file}: ${(cause as NodeJS.ErrnoException).code ?? (cause as Error).message}`, { cause });
  }
}
