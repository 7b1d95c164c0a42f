// `neverout run [FILE]`: the availability of every service under every scenario (default: the embedded
// illustrative NAFIN study); prints the tables and writes result.json, the checkpoint and the report.

import { Command } from 'commander';
import { addBudgetFlags, addDistributionFlags, addImportFlags, addOutputFlags, inputArgument } from '../internal/flags.ts';
import { runJobCommand, type JobFlags } from '../internal/job-command.ts';

/** Creates the `run` command. */
export function createRunCommand(): Command {
  const command = new Command('run')
    .description('estimate the availability of every service under every scenario (default: the embedded illustrative NAFIN study)')
    .argument('[file]', 'study, topology, or network to import (GML, GraphML, CSV); none or "default": the embedded illustrative NAFIN study');
  addBudgetFlags(command, 'samples', 'the unavailability');
  addOutputFlags(command);
  addDistributionFlags(command);
  addImportFlags(command);
  return command.action((file: string | undefined, flags: JobFlags) => runJobCommand('run', [inputArgument(file)], flags));
}
