import { Option, type Command } from 'commander';
import { runDraft } from '../commands/draft.js';
import { exportDraft } from '../commands/export.js';
import { EXPORT_FORMATS } from '../newsletter/index.js';
import type { CliContext, CommonFlags } from './context.js';
import { withCommonOptions } from './context.js';
import { renderDraftSummary, renderExportNote } from './draft-output.js';
import { EXIT } from './exit-codes.js';
import { registerLifecycleCommands } from './draft-lifecycle-commands.js';

interface DraftFlags extends CommonFlags {
  since?: string;
  window?: string;
  date?: string;
  new?: boolean;
}

interface ExportFlags extends CommonFlags {
  format: string;
  out?: string;
}

const DRAFT_HELP = `
The window defaults to "since the last draft ended", else the last 24 hours (settings.draft.windowHours).
Drafting a date that already has an unsent draft replaces it: same number, window and stories read
again, the editor's edits to it discarded. --new keeps it and stores another draft instead.
With --date D the window ends at the end of day D (UTC), or now if that is earlier, so a past issue
is drafted the same way whenever it is run. Stories of a sent issue (draft sent N) never reappear;
stories not classified yet are left out and counted. Sections, limits and titles: settings.draft.

--json prints the stored draft: number, date, window, createdAt, sentAt, slots, sections with their entries.
A window with no stories stores no draft: it says so, and --json prints null.
Exit code 0 when the draft was stored or the window was empty, 2 for a bad flag or configuration.`;

const EXPORT_HELP = `
Without --out the issue goes to stdout. --out writes a temporary file beside FILE and renames it over
FILE, so a reader never sees half an issue. Exit code 2 when the draft does not exist.`;

/** `secdigest draft` and `secdigest export`. */
export function registerDraftCommands(program: Command, ctx: CliContext): void {
  const draft = withCommonOptions(
    program
      .command('draft')
      .description('Draft the next numbered issue from the stories first seen in a window, and store it.')
      .addOption(new Option('--since <date>', 'window start: YYYY-MM-DD (UTC) or an ISO 8601 time with a zone').conflicts('window'))
      .option('--window <duration>', 'window length before its end, e.g. 24h, 7d')
      .option('--date <YYYY-MM-DD>', "the issue's date (default: today, UTC)")
      .option('--new', 'store another draft even when the date has an unsent one (default: replace it)'),
  )
    .addHelpText('after', DRAFT_HELP)
    .action(async (flags: DraftFlags) => {
      await ctx.withApp(flags, async (app) => {
        const run = await runDraft(app, { since: flags.since, window: flags.window, date: flags.date, forceNew: flags.new === true });
        ctx.out(flags.json ? JSON.stringify(run.draft, null, 2) : renderDraftSummary(run));
        return EXIT.ok;
      }, { existingDatabase: true });
    });
  registerLifecycleCommands(program, draft, ctx);

  withCommonOptions(
    program
      .command('export')
      .description('Render a stored draft (the latest by default) as Markdown, HTML, JSON or plain text.')
      .argument('[draft]', 'draft number (default: the latest)')
      .addOption(new Option('--format <format>', 'output format').choices([...EXPORT_FORMATS]).default('md'))
      .option('--out <file>', 'write to FILE (atomically) instead of stdout'),
  )
    .addHelpText('after', EXPORT_HELP)
    .action(async (draft: string | undefined, flags: ExportFlags) => {
      await ctx.withApp(flags, async (app) => {
        const result = await exportDraft(app, { draft, format: flags.format, out: flags.out });
        if (result.file === null) ctx.io.stdout.write(result.text);
        else ctx.out(flags.json ? JSON.stringify({ number: result.number, date: result.date, format: result.format, file: result.file, bytes: result.bytes }) : renderExportNote(result));
        return EXIT.ok;
      }, { existingDatabase: true });
    });
}
