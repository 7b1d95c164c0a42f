// `neverout merge PARTS... --out DIR`: combines the batches.jsonl checkpoints of shards (or of partial runs) of
// one study into the result.json a single run would have written.

import { Command, Option } from 'commander';
import { DEFAULT_OUT_DIR, executeMerge } from '../internal/execute-run.ts';
import { formatResultSummary } from '../internal/format-result.ts';

interface MergeFlags {
  out: string;
  json?: boolean;
  quiet?: boolean;
  partial?: boolean;
  marking?: string;
}

export const mergeCommand = new Command('merge')
  .description('combine the checkpoints of shards (neverout run --shard i/N) of one study into one result')
  .argument('<parts...>', 'output folders of the parts, or their batches.jsonl files')
  .option('--out <dir>', 'output folder for the merged result.json and batches.jsonl', DEFAULT_OUT_DIR)
  .option('--partial', 'write a partial result when batches are missing instead of failing')
  .option('--json', 'print the result document as JSON instead of tables')
  .option('--quiet', 'no warnings')
  .addOption(new Option('--marking <text>', 'marking line for report pages (e.g. a classification)'))
  .action(async (parts: string[], flags: MergeFlags) => {
    const merged = await executeMerge(parts, {
      outDir: flags.out,
      ...(flags.partial === true ? { partial: true } : {}),
      ...(flags.marking !== undefined ? { marking: flags.marking } : {}),
      ...(flags.quiet === true || flags.json === true ? { warn: () => undefined } : {}),
      command: ['merge', ...process.argv.slice(3)],
    });
    if (flags.json === true) process.stdout.write(`${JSON.stringify(merged.document, null, 2)}\n`);
    else {
      const note = merged.incomplete.length > 0 ? ` (partial: batches missing in ${merged.incomplete.join(', ')})` : '';
      process.stdout.write(
        `${formatResultSummary(merged.document)}\n\nmerged ${merged.batchCount} batches from ${parts.length} part(s); wrote ${merged.resultPath}${note}\n`,
      );
    }
  });
