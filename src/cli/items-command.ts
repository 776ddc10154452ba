import { Option, type Command } from 'commander';
import { DEFAULT_ITEMS_LIMIT, listStoredItems, MAX_ITEMS_LIMIT } from '../commands/items.js';
import { UsageError } from '../model/index.js';
import type { CliContext, CommonFlags } from './context.js';
import { withCommonOptions } from './context.js';
import { EXIT } from './exit-codes.js';
import { renderItemTable } from './items-output.js';

const ITEMS_HELP = `
Items are listed newest published first. --search matches the title and the summary as plain text
in any case (% and _ are plain characters). --since takes YYYY-MM-DD (midnight UTC) or an ISO 8601
time with a zone. An unknown --feed or --topic is exit 2, naming the known ones.

--json prints one JSON array of objects:
  id           the item's id (feed id and entry id)
  feedId       the feed it came from
  title        its title
  url          its link, or null
  publishedAt  publication time, ISO 8601 UTC (the fetch time when the feed gave none)
  storyId      the story it was filed in (a number), or null while it waits for analysis
  topic        topic id, or null while not classified
  section      "news" or "press-release", or null while not classified
  relevant     true or false, or null while not classified
  victims      organisations named as victims (a list, empty when none)
  cves         CVE ids mentioned (a list, empty when none)`;

interface ItemsFlags extends CommonFlags {
  search?: string;
  since?: string;
  feed?: string[];
  topic?: string;
  limit?: number;
}

/** `secdigest items`: browse what collect stored. */
export function registerItemsCommand(program: Command, ctx: CliContext): void {
  withCommonOptions(
    program
      .command('items')
      .description('List stored items, newest first, with their story and labels.')
      .option('--search <text>', 'only items whose title or summary contains this text (any case)')
      .option('--since <date>', 'only items published from then on: YYYY-MM-DD (UTC) or an ISO 8601 time with a zone')
      .addOption(new Option('--feed <id...>', 'only items of these feed ids (repeatable)'))
      .option('--topic <id>', 'only items with this topic')
      .option('--limit <n>', `at most this many items (default ${DEFAULT_ITEMS_LIMIT}, at most ${MAX_ITEMS_LIMIT})`, parseLimit),
  )
    .addHelpText('after', ITEMS_HELP)
    .action(async (flags: ItemsFlags) => {
      await ctx.withApp(
        flags,
        async (app) => {
          const limit = flags.limit ?? DEFAULT_ITEMS_LIMIT;
          const items = await listStoredItems(app, { search: flags.search, since: flags.since, feedIds: flags.feed, topic: flags.topic, limit });
          const width = (ctx.io.stdout as { columns?: number }).columns ?? 120;
          ctx.out(flags.json ? JSON.stringify(items, null, 2) : renderItemTable(items, { width, limit }));
          return EXIT.ok;
        },
        { existingDatabase: true },
      );
    });
}

function parseLimit(value: string): number {
  const limit = Number(value);
  if (!/^\d+$/.test(value.trim()) || limit < 1 || limit > MAX_ITEMS_LIMIT) {
    throw new UsageError(`--limit must be a whole number from 1 to ${MAX_ITEMS_LIMIT} (got "${value}")`);
  }
  return limit;
}
