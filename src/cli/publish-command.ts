import type { Command } from 'commander';
import { publishSite, resolveSiteUrl, type PublishResult } from '../commands/publish.js';
import type { CliContext, CommonFlags } from './context.js';
import { withCommonOptions } from './context.js';
import { EXIT } from './exit-codes.js';

interface PublishFlags extends CommonFlags {
  out?: string;
  siteUrl?: string;
}

const PUBLISH_HELP = `
Only issues marked sent (\`secdigest draft sent N\`) are published, newest first: DIR/index.html
lists them, DIR/issues/N.html shows each as \`export --format html\` renders it, and DIR/atom.xml
is an Atom feed of them. Each file is written atomically; an existing DIR is updated in place.
DIR/.secdigest-site.json lists the files publish wrote: the page of an issue no longer sent is
removed only when it is listed there, and nothing else in DIR is ever touched. A DIR without that
list that already holds index.html, atom.xml or an issue page is refused, not overwritten. With no
sent issue yet, the index says so and the feed has no entries.

Without --site-url atom.xml has no links (a relative one would be resolved against wherever a
reader fetched the feed from) and its id is urn:secdigest:<newsletter name>.
--json prints {"dir", "issues": [numbers], "files": [paths], "removed": [paths]}.

Example: secdigest publish --out public --site-url https://news.example.com/
Exit code 0 when the site was written (also with no sent issue), 2 for a bad flag (a --site-url
that is not http or https) or a DIR holding files publish did not write, 3 when a file could not be
written, 4 when the database cannot be used.`;

/** `secdigest publish`. */
export function registerPublishCommand(program: Command, ctx: CliContext): void {
  withCommonOptions(
    program
      .command('publish')
      .description('Write the sent issues as a static archive site with an Atom feed.')
      .option('--out <dir>', 'site directory (default: settings.publish.dir, else site)')
      .option('--site-url <url>', "the site's public http(s) URL, for the feed's links and id (default: settings.publish.siteUrl)"),
  )
    .addHelpText('after', PUBLISH_HELP)
    .action(async (flags: PublishFlags) => {
      // A bad URL is exit 2 before the configuration or the database is opened.
      if (flags.siteUrl !== undefined) resolveSiteUrl(flags.siteUrl, null);
      await ctx.withApp(flags, async (app) => {
        const result = await publishSite(app, { out: flags.out, siteUrl: flags.siteUrl });
        ctx.out(flags.json ? JSON.stringify({ dir: result.dir, issues: result.issues, files: result.files, removed: result.removed }, null, 2) : renderPublishSummary(result));
        return EXIT.ok;
      }, { existingDatabase: true });
    });
}

/** "published 3 issues to site/ (index.html, atom.xml, 3 issue pages)", and what was removed. */
export function renderPublishSummary(result: PublishResult): string {
  const n = result.issues.length;
  const dir = result.dir.endsWith('/') ? result.dir : `${result.dir}/`;
  const pages = n === 0 ? 'no issue pages: no issue is marked sent yet' : `${n} issue ${n === 1 ? 'page' : 'pages'}`;
  const lines = [`published ${n} ${n === 1 ? 'issue' : 'issues'} to ${dir} (index.html, atom.xml, ${pages})`];
  if (result.removed.length > 0) lines.push(`removed ${result.removed.length === 1 ? 'the page' : 'the pages'} of issues no longer sent: ${result.removed.join(', ')}`);
  return lines.join('\n');
}
