// The only process entry: assembles the commands, runs one, and maps errors to exit codes by their base class
// (InputError 2, InterruptedError 130, anything else 1: a bug). Command modules load the application lazily, so
// `--version` and `--help` load nothing but commander and the flag definitions.

import { Command, CommanderError } from 'commander';
// The one light engine module the CLI loads at start: the version, without the engine around it.
import { ENGINE_VERSION } from '../engine/version.ts';
import { createCompareCommand } from './commands/compare.ts';
import { createExportCommand } from './commands/export.ts';
import { createImportCommand } from './commands/import.ts';
import { createMergeCommand } from './commands/merge.ts';
import { createReportCommand } from './commands/report.ts';
import { createRunCommand } from './commands/run.ts';
import { createSimulateCommand } from './commands/simulate.ts';
import { createSpofCommand } from './commands/spof.ts';
import { createValidateCommand } from './commands/validate.ts';
import { createWorkerCommand } from './commands/worker.ts';
import { setHardExit } from './internal/interrupts.ts';

function buildProgram(): Command {
  const program = new Command('neverout')
    .description('Failure simulation and chaos planning for national fibre backbones: Monte Carlo availability with honest confidence intervals.')
    .version(ENGINE_VERSION)
    .showHelpAfterError()
    .exitOverride();
  const commands = [
    createRunCommand(),
    createValidateCommand(),
    createCompareCommand(),
    createSimulateCommand(),
    createSpofCommand(),
    createImportCommand(),
    createExportCommand(),
    createReportCommand(),
    createWorkerCommand(),
    createMergeCommand(),
  ];
  for (const command of commands) program.addCommand(command.exitOverride());
  return program;
}

async function reportError(error: unknown): Promise<number> {
  if (error instanceof CommanderError) {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return 0;
    // commander has already printed its message.
    return 2;
  }
  // Only errors load the application here; a command that failed has loaded it already.
  const { InputError, InterruptedError, ScenarioError, formatDiagnostic } = await import('../app/index.ts');
  if (error instanceof ScenarioError) {
    for (const d of error.diagnostics) process.stderr.write(`${formatDiagnostic(d)}\n`);
    const count = error.diagnostics.filter((d) => d.severity === 'error').length;
    process.stderr.write(`${count} error${count === 1 ? '' : 's'}\n`);
    return error.exitCode;
  }
  if (error instanceof InputError) {
    process.stderr.write(`error: ${error.message}\n`);
    return error.exitCode;
  }
  if (error instanceof InterruptedError) {
    process.stderr.write(`${error.message}\n`);
    return error.exitCode;
  }
  const text =
    error instanceof Error ? (process.env.NEVEROUT_DEBUG === '1' ? (error.stack ?? error.message) : `${error.name}: ${error.message}`) : String(error);
  process.stderr.write(`internal error: ${text}\nThis is a bug in neverout; set NEVEROUT_DEBUG=1 for the stack trace.\n`);
  return 1;
}

/** Runs the CLI with the given argv; returns the exit code instead of exiting (tests call this). */
export async function main(argv: readonly string[]): Promise<number> {
  try {
    await buildProgram().parseAsync([...argv], { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    return await reportError(error);
  }
}

setHardExit(() => process.exit(130));
const code = await main(process.argv.slice(2));
// Let pending stdout writes drain before exiting.
process.exitCode = code;
