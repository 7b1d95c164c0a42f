// `neverout merge PARTS...`: combines the checkpoints of shards (or of partial runs) of one job (run, simulate or
// compare) into the result and report a single run would have written.

import { Command } from 'commander';
import { addOutputFlags, type OutputFlags } from '../internal/flags.ts';
import { recordedCommand } from '../internal/job-command.ts';
import { formatResultSummary } from '../internal/format-result.ts';

interface MergeFlags extends OutputFlags {
  partial?: boolean;
}

/** Creates the `merge` command. */
export function createMergeCommand(): Command {
  const command = new Command('merge')
    .description('combine the checkpoints of shards (--shard i/N) of one run, simulation or comparison into one result')
    .argument('<parts...>', 'output folders of the parts, or their batches.jsonl files')
    .option('--partial', 'write a partial result when batches are missing instead of failing');
  addOutputFlags(command);
  return command.action(async (parts: string[], flags: MergeFlags) => {
    const app = await import('../../app/index.ts');
    const quiet = flags.quiet === true || flags.json === true;
    const merged = await app.mergeParts(parts, {
      ...(flags.out !== undefined ? { outDir: flags.out } : {}),
      ...(flags.partial === true ? { partial: true } : {}),
      ...(flags.marking !== undefined ? { marking: flags.marking } : {}),
      ...(flags.baseline !== undefined ? { baseline: flags.baseline } : {}),
      ...(flags.report === false ? { report: false } : {}),
      ...(flags.png === false ? { png: false } : {}),
      command: await recordedCommand('merge'),
      onWarning: (text) => (quiet ? undefined : process.stderr.write(`${text}\n`)),
    });
    if (flags.json === true) {
      process.stdout.write(`${JSON.stringify(merged.document, null, 2)}\n`);
      return;
    }
    const note = merged.incomplete.length > 0 ? ` (partial: batches missing in ${merged.incomplete.join(', ')})` : '';
    process.stdout.write(
      `${formatResultSummary(merged.document)}\n\nmerged ${merged.batchCount} batches from ${parts.length} part(s); wrote ${merged.resultPath}${note}\n`,
    );
  });
}
