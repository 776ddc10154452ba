import { Option, type Command } from 'commander';
import { runTrain, type TrainSummary } from '../commands/train.js';
import { CORRECTION_WEIGHT } from '../pipeline/classify/feedback.js';
import { UsageError } from '../model/index.js';
import { withCommonOptions, type CliContext, type CommonFlags } from './context.js';
import { EXIT } from './exit-codes.js';
import { warn } from './format.js';
import { listenForShutdown, signalExitCode } from './shutdown.js';

const HELP = `
Retrains the topic/section/relevance classifier from the shipped training set (data/training)
plus the editors' corrections stored in the database, stores the model there (collect and analyze
then use the newest one), and reclassifies the stored items published in the last --days days
(default: settings.dedupe.windowDays, the window the next draft draws from) and any item not yet
classified. A corrected item keeps the editor's value; its text also counts as ${CORRECTION_WEIGHT} training
examples and replaces any shipped example with the same headline.

--json prints: modelId, examples, shipped, corrections, correctedItems, overridden, trainMs,
reclassified, reclassifiedSince (null with --all), durationMs, and warning when one applies.`;

interface TrainFlags extends CommonFlags {
  days?: string;
  all?: boolean;
}

export function registerTrainCommand(program: Command, ctx: CliContext): void {
  withCommonOptions(
    program
      .command('train')
      .description('Retrain the classifier from the shipped set plus editor corrections; reclassify recent items.')
      .addOption(new Option('--days <n>', 'reclassify items published in the last N days (default: the dedupe window)'))
      .addOption(new Option('--all', 'reclassify every stored item').conflicts('days')),
  )
    .addHelpText('after', HELP)
    .action(async (flags: TrainFlags) => {
      const days = flags.days === undefined ? undefined : Number(flags.days);
      if (days !== undefined && (!Number.isInteger(days) || days < 1)) throw new UsageError(`--days must be a whole number of at least 1 (got "${flags.days}")`);
      await ctx.withApp(flags, async (app) => {
        const shutdown = listenForShutdown(ctx.io);
        try {
          const summary = await runTrain(app, { ...(days !== undefined ? { days } : {}), ...(flags.all ? { all: true } : {}), signal: shutdown.signal });
          ctx.out(flags.json ? JSON.stringify(summary, null, 2) : renderTrainSummary(summary));
          if (summary.warning) warn(ctx.io.stderr, `warning: ${summary.warning}`);
          const signal = shutdown.received();
          if (!signal) return EXIT.ok;
          warn(ctx.io.stderr, `stopped by ${signal} after reclassifying ${summary.reclassified} item(s); model #${summary.modelId} is stored: run \`secdigest train\` again to reclassify the rest`);
          return signalExitCode(signal);
        } finally {
          shutdown.dispose();
        }
      }, { existingDatabase: true });
    });
}

export function renderTrainSummary(s: TrainSummary): string {
  const corrections = s.corrections === 0 ? 'no corrections' : `${s.corrections} correction(s) on ${s.correctedItems} item(s)`;
  const replaced = s.overridden > 0 ? `, ${s.overridden} shipped example(s) replaced` : '';
  const scope = s.reclassifiedSince === null ? 'all stored items' : `items published since ${s.reclassifiedSince.slice(0, 16).replace('T', ' ')} and any unclassified`;
  return [
    `trained on ${s.examples} examples (${s.shipped} shipped, ${corrections}${replaced}) in ${s.trainMs} ms; stored as model #${s.modelId}`,
    `reclassified ${s.reclassified} item(s): ${scope}`,
    `done in ${(s.durationMs / 1000).toFixed(1)} s`,
  ].join('\n');
}
