import type { Command } from 'commander';
import type { App } from '../app.js';
import { deleteDraft, fillSlot, markSent } from '../commands/draft-lifecycle.js';
import { DRAFT_SLOTS } from '../model/index.js';
import type { CliContext, CommonFlags } from './context.js';
import { withCommonOptions } from './context.js';
import { renderDraftList } from './draft-output.js';
import { EXIT } from './exit-codes.js';

const SENT_HELP = `
Marks the issue as sent to readers: its stories are then "already used" and never drafted again,
and \`secdigest publish\` puts it in the archive site and the Atom feed. Marking it again keeps the
first time. --undo makes it a draft again (its stories can be drafted again).
--json prints {"number", "sentAt", "unchanged"}.`;

const FILL_HELP = `
Parts: ${DRAFT_SLOTS.join(', ')}.
  commentary: the lead story's commentary (several paragraphs; blank lines separate them)
  second: an optional second commentary piece
  teaser: the one line under the issue's headline (default: the lead story's blurb)
  intro, sponsorLine, sponsorBlock, signOff, ps, disclaimer: default from settings.issue
An unfilled part shows as a visible placeholder in the exports. The review page edits them too.
Example: secdigest draft fill 3 commentary --file commentary.md`;

/** `secdigest drafts`, `secdigest draft delete|sent|fill`. */
export function registerLifecycleCommands(program: Command, draft: Command, ctx: CliContext): void {
  // Each of these works on drafts already stored: never creates a database, and exits 0 when done.
  const onDrafts = (flags: CommonFlags, run: (app: App) => Promise<void>) =>
    ctx.withApp(flags, async (app) => {
      await run(app);
      return EXIT.ok;
    }, { existingDatabase: true });

  withCommonOptions(program.command('drafts').description('List the stored drafts and sent issues, newest first.'))
    .addHelpText('after', '\n--json prints a list of {number, date, since, until, createdAt, sentAt, entries}.')
    .action(async (flags: CommonFlags) => {
      await onDrafts(flags, async (app) => {
        const drafts = await app.storage.drafts.list();
        ctx.out(flags.json ? JSON.stringify(drafts, null, 2) : renderDraftList(drafts));
      });
    });

  withCommonOptions(
    draft
      .command('delete')
      .description('Delete a draft and the editor\'s edits to it.')
      .argument('<draft>', 'draft number')
      .option('--force', 'delete even a sent issue'),
  )
    .addHelpText('after', '\nA sent issue is refused without --force (exit 2). --json prints {"number", "deleted"}.')
    .action(async (number: string, _flags: unknown, command: Command) => {
      const flags = globalFlags<{ force?: boolean }>(command);
      await onDrafts(flags, async (app) => {
        const result = await deleteDraft(app, number, { force: flags.force === true });
        ctx.out(flags.json ? JSON.stringify(result) : `Deleted draft #${result.number}`);
      });
    });

  withCommonOptions(
    draft
      .command('sent')
      .description('Mark an issue sent: its stories are used, and publish includes it.')
      .argument('<draft>', 'draft number')
      .option('--undo', 'make it an unsent draft again'),
  )
    .addHelpText('after', SENT_HELP)
    .action(async (number: string, _flags: unknown, command: Command) => {
      const flags = globalFlags<{ undo?: boolean }>(command);
      await onDrafts(flags, async (app) => {
        const result = await markSent(app, number, { undo: flags.undo === true });
        if (flags.json) ctx.out(JSON.stringify(result));
        else if (result.sentAt === null) ctx.out(result.unchanged ? `Issue #${result.number} was not marked sent` : `Issue #${result.number} is a draft again`);
        else ctx.out(`Issue #${result.number} ${result.unchanged ? 'was already' : 'is'} marked sent (${result.sentAt}); publish the archive with: secdigest publish`);
      });
    });

  withCommonOptions(
    draft
      .command('fill')
      .description('Fill an editor-written part of a draft (commentary, intro, sponsor, …) from a file or text.')
      .argument('<draft>', 'draft number')
      .argument('<part>', `one of ${DRAFT_SLOTS.join(', ')}`)
      .option('--file <file>', 'read the text from FILE (Markdown-style plain text)')
      .option('--text <text>', 'the text itself')
      .option('--clear', 'empty the part again (the placeholder or the settings default shows)'),
  )
    .addHelpText('after', FILL_HELP)
    .action(async (number: string, part: string, _flags: unknown, command: Command) => {
      const flags = globalFlags<{ file?: string; text?: string; clear?: boolean }>(command);
      await onDrafts(flags, async (app) => {
        const result = await fillSlot(app, number, part, { file: flags.file, text: flags.text, clear: flags.clear });
        ctx.out(flags.json ? JSON.stringify(result) : result.chars === 0 ? `Cleared ${result.slot} of draft #${result.number}` : `Filled ${result.slot} of draft #${result.number} (${result.chars} characters)`);
      });
    });
}

/**
 * A subcommand's flags with those given to `draft` itself: `draft` declares --db, --config and
 * --json too, and Commander hands them to whichever command the flag follows.
 */
function globalFlags<T>(command: Command): CommonFlags & T {
  return command.optsWithGlobals<CommonFlags & T>();
}
