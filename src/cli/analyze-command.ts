import type { Command } from 'commander';
import { loadConfigIfPresent, openStorage } from '../app.js';
import { UsageError } from '../model/index.js';
import { analyzeItems } from '../commands/analyze.js';
import { parseAnalyzeInput } from '../pipeline/parse/jsonl-items.js';
import { runPendingAnalysis } from '../commands/analyze-pending.js';
import { readyClassifier } from '../pipeline/analysis/classifier.js';
import type { CliContext } from './context.js';
import { EXIT } from './exit-codes.js';
import { warn } from './format.js';
import { parseSeconds } from './ops-commands.js';
import { listenForShutdown, lockedRunExitCode, signalExitCode } from './shutdown.js';

const HELP = `
Input: JSON Lines on stdin, one item per line:
  {"id": "...", "title": "...", "summary"?, "url"?, "source"?, "feedKind"?, "publishedAt"?}
  id (a non-empty string or a whole number) and title (non-empty) are required; source names the
  outlet (a feed id from the configuration gives its weight); feedKind is news, vendor, government
  or press; publishedAt is ISO 8601 or RFC 822 (default: now; a future date is clamped to now, one
  before 1990 counts as missing). Lines must be UTF-8. Other fields are ignored; blank lines are
  skipped. A line repeating an earlier line's source and id must repeat its text too.

Output: one JSON line per input line, in the same order, with the fields
  id            the input's id (a number becomes a string)
  canonicalUrl  the url without tracking parameters, fragment and default port, or null
  storyId       a number; inputs with the same storyId tell the same story (one news event)
  threadId      a number; stories of one incident (attack, claim, disclosure, lawsuit...) share
                it: the id of the incident's first story (= storyId for a story opening a thread)
  match         new (opened a story), url (same canonical URL as an earlier item), near
                (near-duplicate of an earlier item), known (same source and id seen before)
  similarity    0..1 similarity to the matched item (1 for a URL match), or null
  storyEvidence why it joined its story or continued a thread, or null: {"rule": "url" | "copy" |
                "event" | "signature" | "thread", "storySimilarity", "memberSimilarity", "matchedItemId",
                "sharedNames": [...], "gapHours", "previousStoryId" (rule thread)}
  topic         the primary topic: vulnerability, ransomware, data-breach, incident, malware,
                phishing-fraud, nation-state, policy-legal, industry, other, or one added in
                settings.classify.topics; every irrelevant item is "other"
  topics        every topic with its 0..1 score, best first: [{"id": "...", "score": 0.83}, ...]
  relevant      true when the item belongs in a security newsletter
  relevanceScore 0..1 (relevant when >= settings.classify.relevanceThreshold)
  section       news or press-release (from feedKind and the text: datelines, wire boilerplate)
  cves          CVE ids named in the text, upper case, first mention first (lists and ranges expanded)
  victims       organisations named as victims of a breach or attack (precise patterns only)
  evidence      {"topic": [...], "relevance": [...], "section": [...]}: the reasons, e.g.
                "rule: CVE-2026-1234", "keyword: ransomware", "wire dateline /PRNewswire/"
Items are matched as a batch, earliest published first, with collect's rules and time window
(settings.dedupe of --config). feedKind (else the configured feed's kind, else news) feeds the
classifier. Nothing is written anywhere unless --db is given: then the batch is matched against
that database's stories and stored in it with its labels, under pseudo-feeds named
"analyze:<source>" (storyId is the stored story's id), and the database's newest trained model
(secdigest train) classifies; without --db, a model trained from the shipped set (~0.4 s).

Exit code 0 on success; 2 on a malformed line (its line number is named) unless --skip-invalid,
which reports it on stderr and goes on without an output line for it.

--pending reads no input: it finishes the items stored in the database (--db, SECDIGEST_DB, default
data/secdigest.db) that a killed or stopped collect left pending analysis, and prints one JSON line
  {"items": N, "newStories": N, "pending": 0, "durationMs": N}
(items analysed, of which opened a story, items still pending). collect runs the same stage after
its fetches, so this is only needed when no collect follows. Exit code 5 when a collect is running
(see --wait), 130/143 when stopped by SIGINT/SIGTERM (finished batches stay analysed).`;

interface AnalyzeFlags {
  config?: string;
  db?: string;
  skipInvalid?: boolean;
  pending?: boolean;
  wait?: number;
}

/** `secdigest analyze`: stdin JSON Lines in, one JSON line per item out (stdout stays pure JSONL). */
export function registerAnalyzeCommand(program: Command, ctx: CliContext): void {
  program
    .command('analyze')
    .description('Group JSON Lines items from stdin into stories and classify them; prints one JSON line per item.')
    .option('--config <file>', 'settings file for the thresholds (env SECDIGEST_CONFIG, default feeds.yaml if present)')
    .option('--db <file|url>', 'match against and store into this SQLite file or postgres:// database (default: nothing is stored)')
    .option('--skip-invalid', 'report malformed lines on stderr and go on')
    .option('--json', 'accepted for symmetry with the other commands: the output is always JSON Lines')
    .option('--pending', 'analyse the stored items a killed collect left pending (reads no input)')
    .option('--wait <seconds>', 'with --pending: wait up to this long for a running collect (default 0: skip)', parseSeconds)
    .addHelpText('after', HELP)
    .action(async (flags: AnalyzeFlags) => {
      // The two modes take different flags: say so rather than ignore one.
      if (flags.pending && flags.skipInvalid) throw new UsageError('--skip-invalid is about input lines; --pending reads no input');
      if (!flags.pending && flags.wait !== undefined) throw new UsageError('--wait applies to --pending only (analyzing stdin takes no lock)');
      if (flags.pending) return analyzeStoredPending(ctx, flags);
      const config = loadConfigIfPresent(flags, ctx.io.env);
      const { inputs, invalid } = parseAnalyzeInput(await readAll(ctx.io.stdin), { skipInvalid: flags.skipInvalid ?? false });
      for (const problem of invalid) warn(ctx.io.stderr, `line ${problem.line} skipped: ${problem.message}`);
      const storage = flags.db ? await openStorage(flags.db) : undefined;
      try {
        const classifier = await readyClassifier(storage?.classification, config.settings.classify);
        if (classifier.warning) warn(ctx.io.stderr, `warning: ${classifier.warning}`);
        const records = await analyzeItems(inputs, { settings: config.settings, feeds: config.feeds, now: ctx.now, classifier, ...(storage ? { storage } : {}) });
        ctx.io.stdout.write(records.map((record) => `${JSON.stringify(record)}\n`).join(''));
      } finally {
        await storage?.close();
      }
      ctx.setExitCode(EXIT.ok);
    });
}

async function readAll(stream: AsyncIterable<string | Buffer> | undefined): Promise<Buffer> {
  if (!stream) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

/** `analyze --pending`: the analysis stage on its own, over the default or named database. */
async function analyzeStoredPending(ctx: CliContext, flags: AnalyzeFlags): Promise<void> {
  await ctx.withApp(
    flags,
    async (app) => {
      const shutdown = listenForShutdown(ctx.io);
      try {
        const summary = await runPendingAnalysis(app, {
          onWarning: (message) => warn(ctx.io.stderr, `warning: ${message}`),
          signal: shutdown.signal,
          waitMs: (flags.wait ?? 0) * 1000,
        });
        ctx.io.stdout.write(`${JSON.stringify(summary)}\n`);
        const signal = shutdown.received();
        return signal ? signalExitCode(signal) : EXIT.ok;
      } catch (error) {
        return lockedRunExitCode(error, shutdown, ctx.io, 'skipped');
      } finally {
        shutdown.dispose();
      }
    },
    { existingDatabase: true },
  );
}
