// `neverout simulate [FILE]`: time simulation over simulated years: how often services go down, how long outages
// last, and downtime per year with 95% confidence intervals.

import { Command } from 'commander';
import { addBudgetFlags, addDistributionFlags, addOutputFlags, inputArgument } from '../internal/flags.ts';
import { runJobCommand, type JobFlags } from '../internal/job-command.ts';

/** Creates the `simulate` command. */
export function createSimulateCommand(): Command {
  const command = new Command('simulate')
    .description('time simulation of every scenario of a study: downtime and outages per year, outage durations, P(no outage in a year), crews')
    .argument('[file]', 'study or topology file; none or "default": the embedded illustrative NAFIN study');
  addBudgetFlags(command, 'years', 'the downtime per year');
  addOutputFlags(command);
  addDistributionFlags(command);
  return command.action((file: string | undefined, flags: JobFlags) => runJobCommand('simulate', [inputArgument(file)], flags));
}
