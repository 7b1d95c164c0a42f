// `neverout run [FILE]`: runs a study or topology (default: the embedded illustrative NAFIN study), prints
// the availability tables and writes result.json (and the report) into the output folder.

import { Command, Option } from 'commander';
import { parseDurationSeconds, parseNumberBetween, parsePositiveInteger, CliUsageError } from '../internal/cli-errors.ts';
import { DEFAULT_OUT_DIR, executeRun } from '../internal/execute-run.ts';
import { formatResultSummary } from '../internal/format-result.ts';

interface RunFlags {
  samples?: number;
  maxSamples?: number;
  seed?: string;
  workers?: number;
  batchSize?: number;
  relError?: number;
  maxTime?: number;
  out: string;
  json?: boolean;
  quiet?: boolean;
  marking?: string;
}

function parseWorkers(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) throw new CliUsageError(`--workers must be a non-negative integer (0 runs on the main thread), got "${value}"`);
  return n;
}

export const runCommand = new Command('run')
  .description('estimate the availability of every service under every scenario (default: the embedded illustrative NAFIN study)')
  .argument('[file]', 'study or topology file (YAML or JSON)')
  .option('--samples <n>', 'samples per scenario (maximum with --rel-error)', parsePositiveInteger('--samples'))
  .option('--max-samples <n>', 'upper bound on samples per scenario (same as --samples)', parsePositiveInteger('--max-samples'))
  .option('--seed <seed>', 'study seed (text or number); same seed, same numbers')
  .option('--workers <n>', 'worker threads (default: one per core; 0: main thread)', parseWorkers)
  .option('--batch-size <n>', 'samples per batch', parsePositiveInteger('--batch-size'))
  .option('--rel-error <r>', 'stop when every 95% CI half-width is below r times the unavailability', parseNumberBetween('--rel-error', 0, 1))
  .option('--max-time <duration>', 'wall-clock budget (e.g. 90s, 15m, 2h)', parseDurationSeconds('--max-time'))
  .option('--out <dir>', 'output folder', DEFAULT_OUT_DIR)
  .option('--json', 'print the result document as JSON instead of tables')
  .option('--quiet', 'no progress bar or warnings')
  .addOption(new Option('--marking <text>', 'marking line for report pages (e.g. a classification)'))
  .action(async (file: string | undefined, flags: RunFlags) => {
    if (flags.samples !== undefined && flags.maxSamples !== undefined && flags.samples !== flags.maxSamples) {
      throw new CliUsageError('--samples and --max-samples disagree: give one of them');
    }
    const samples = flags.samples ?? flags.maxSamples;
    const executed = await executeRun(file ?? null, {
      ...(samples !== undefined ? { samples } : {}),
      ...(flags.seed !== undefined ? { seed: flags.seed } : {}),
      ...(flags.workers !== undefined ? { workers: flags.workers } : {}),
      ...(flags.batchSize !== undefined ? { batchSize: flags.batchSize } : {}),
      ...(flags.relError !== undefined ? { relativeError: flags.relError } : {}),
      ...(flags.maxTime !== undefined ? { maxTimeSeconds: flags.maxTime } : {}),
      ...(flags.marking !== undefined ? { marking: flags.marking } : {}),
      outDir: flags.out,
      quiet: flags.quiet === true || flags.json === true,
      command: ['run', ...process.argv.slice(3)],
    });
    if (flags.json === true) process.stdout.write(`${JSON.stringify(executed.document, null, 2)}\n`);
    else {
      process.stdout.write(`${formatResultSummary(executed.document)}\n\nwrote ${executed.resultPath}\n`);
    }
    if (executed.run.interrupted) process.exitCode = 130;
  });
