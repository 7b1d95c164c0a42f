// `neverout compare BASE PLAN`: what does plan B buy over plan A? Paired (common random numbers) differences in
// availability per service and scenario, or in downtime per simulated year when a study asks for a comparison in
// time, with 95% CIs and the variance reduction achieved.

import { Command } from 'commander';
import { addBudgetFlags, addDistributionFlags, addOutputFlags, inputArgument } from '../internal/flags.ts';
import { runJobCommand, type JobFlags } from '../internal/job-command.ts';

/** Creates the `compare` command. */
export function createCompareCommand(): Command {
  const command = new Command('compare')
    .description(
      'compare two topologies or studies (base, plan): paired differences in availability with common random numbers, or in downtime per simulated year when a study sets simulation.compare: time',
    )
    .argument('<base>', 'base topology or study file ("default" for the embedded default study)')
    .argument('<plan>', 'plan topology or study file ("default" for the embedded default study)');
  addBudgetFlags(command, 'samples', 'the difference');
  addOutputFlags(command);
  addDistributionFlags(command);
  return command.action((base: string, plan: string, flags: JobFlags) => runJobCommand('compare', [inputArgument(base), inputArgument(plan)], flags));
}
