// `neverout spof [FILE]`: exhaustive N-k analysis. For every service: its single points of failure (elements and
// risk groups whose failure alone takes it down) and all minimal cut sets up to an order, exact and deterministic.

import { Command } from 'commander';
import { addImportFlags, inputArgument, parsePositiveInteger, type ImportFlags } from '../internal/flags.ts';
import { formatCutSets } from '../internal/format-job.ts';

interface SpofFlags extends ImportFlags {
  order: number;
  maxCutSets: number;
  json?: boolean;
  quiet?: boolean;
}

/** Creates the `spof` command. */
export function createSpofCommand(): Command {
  const command = new Command('spof')
    .description('list single points of failure and minimal cut sets per service (exact, deterministic)')
    .argument('[file]', 'topology or study file; none or "default": the embedded illustrative NAFIN study')
    .option('--order <k>', 'largest cut-set order, 1 to 8', parsePositiveInteger('--order'), 3)
    .option('--max-cut-sets <n>', 'stop listing a service after this many cut sets', parsePositiveInteger('--max-cut-sets'), 10_000)
    .option('--json', 'print the analysis as JSON')
    .option('--quiet', 'no warnings');
  addImportFlags(command);
  return command.action(async (file: string | undefined, flags: SpofFlags) => {
    const app = await import('../../app/index.ts');
    const quiet = flags.quiet === true || flags.json === true;
    const { analysis, topology } = await app.findWeakSpots(inputArgument(file), {
      order: flags.order,
      maxCutSets: flags.maxCutSets,
      ...(flags.service !== undefined ? { service: flags.service } : {}),
      ...(flags.links !== undefined ? { linksCsv: flags.links } : {}),
      onWarning: (text) => (quiet ? undefined : process.stderr.write(`${text}\n`)),
    });
    if (flags.json === true) process.stdout.write(`${JSON.stringify(analysis, null, 2)}\n`);
    else process.stdout.write(formatCutSets(analysis, topology));
  });
}
