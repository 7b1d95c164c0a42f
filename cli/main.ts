// The only process entry: assembles the commands, runs one, and maps errors to exit codes
// (0 success, 2 invalid input or flags, 1 internal error, 130 interrupted).

import { Command, CommanderError } from 'commander';
import { ENGINE_VERSION } from '../engine/index.ts';
import { ReportInputError, ReportOptionsError } from '../reports/index.ts';
import { ScenarioError, formatDiagnostic } from '../scenarios/index.ts';
import { compareCommand } from './commands/compare.ts';
import { mergeCommand } from './commands/merge.ts';
import { exportCommand, exportDrillCommand } from './commands/export.ts';
import { importCommand } from './commands/import.ts';
import { reportCommand } from './commands/report.ts';
import { runCommand } from './commands/run.ts';
import { simulateCommand } from './commands/simulate.ts';
import { spofCommand } from './commands/spof.ts';
import { validateCommand } from './commands/validate.ts';
import { workerCommand } from './commands/worker.ts';
import { CliUsageError } from './internal/cli-errors.ts';

function buildProgram(): Command {
  const program = new Command('neverout')
    .description('Failure simulation and chaos planning for national fibre backbones: Monte Carlo availability with honest confidence intervals.')
    .version(ENGINE_VERSION)
    .showHelpAfterError()
    .exitOverride();
  for (const command of [runCommand, validateCommand, compareCommand, spofCommand, importCommand, exportCommand, exportDrillCommand, reportCommand, simulateCommand, workerCommand, mergeCommand]) program.addCommand(command.exitOverride());
  return program;
}

/** Runs the CLI with the given argv; returns the exit code instead of exiting (tests call this). */
export async function main(argv: readonly string[]): Promise<number> {
  try {
    await buildProgram().parseAsync([...argv], { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    return reportError(error);
  }
}

function reportError(error: unknown): number {
  if (error instanceof CommanderError) {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return 0;
    // commander has already printed its message.
    return 2;
  }
  if (error instanceof ScenarioError) {
    for (const d of error.diagnostics) process.stderr.write(`${formatDiagnostic(d)}\n`);
    const count = error.diagnostics.filter((d) => d.severity === 'error').length;
    process.stderr.write(`${count} error${count === 1 ? '' : 's'}\n`);
    return 2;
  }
  if (error instanceof ReportInputError || error instanceof ReportOptionsError) {
    process.stderr.write(`${error.message}\n`);
    return 2;
  }
  if (error instanceof CliUsageError || (error instanceof Error && error.name === 'InvalidArgumentError')) {
    process.stderr.write(`error: ${error.message}\n`);
    return 2;
  }
  const text = error instanceof Error ? (process.env.NEVEROUT_DEBUG === '1' ? (error.stack ?? error.message) : `${error.name}: ${error.message}`) : String(error);
  process.stderr.write(`internal error: ${text}\nThis is a bug in neverout; set NEVEROUT_DEBUG=1 for the stack trace.\n`);
  return 1;
}

const code = await main(process.argv.slice(2));
// Let pending stdout writes drain before exiting.
process.exitCode = code;
