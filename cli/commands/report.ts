// `neverout report RESULT.json [--out DIR] [--baseline OLD.json] [--marking TEXT] [--no-png]`: renders the report
// (charts, CSV tables, report.md, self-contained report.html) of a result document. Only parses flags and calls
// reports/; errors are thrown (ReportInputError, ReportOptionsError, CliUsageError) for cli/main.ts to map.

import { dirname } from 'node:path';
import { Command, Option } from 'commander';
import { MAX_MARKING_LENGTH, buildReport, readResultDocument } from '../../reports/index.ts';
import { CliUsageError } from '../internal/cli-errors.ts';

interface ReportFlags {
  out?: string;
  baseline?: string;
  marking?: string;
  png: boolean;
}

/** Checks --marking: one non-blank line of at most MAX_MARKING_LENGTH characters. */
function parseMarking(value: string): string {
  if (value.trim() === '' || /[\r\n]/.test(value) || value.length > MAX_MARKING_LENGTH) {
    throw new CliUsageError(`--marking must be one non-blank line of at most ${MAX_MARKING_LENGTH} characters`);
  }
  return value.trim();
}

/** Creates the `report` command (a factory, so tests can parse with a fresh instance). */
export function createReportCommand(): Command {
  return new Command('report')
    .description(
      'render the report of a result document: charts (Vega-Lite, SVG, PNG), CSV tables, report.md and report.html',
    )
    .argument('<result>', 'result document (result.json) written by `neverout run`')
    .addOption(new Option('--out <dir>', 'output folder (default: the folder of RESULT)'))
    .option('--baseline <file>', 'an earlier result document to compare with ("what changed since")')
    .addOption(
      new Option(
        '--marking <text>',
        'marking line at the top and bottom of every page (default: the run’s marking)',
      ).argParser(parseMarking),
    )
    .option('--no-png', 'skip the PNG rendering of the charts')
    .action(async (resultFile: string, flags: ReportFlags) => {
      const doc = await readResultDocument(resultFile);
      const baseline = flags.baseline === undefined ? undefined : await readResultDocument(flags.baseline);
      const outDir = flags.out ?? dirname(resultFile);
      const report = await buildReport(doc, {
        outDir,
        png: flags.png,
        ...(baseline !== undefined ? { baseline } : {}),
        ...(flags.marking !== undefined ? { marking: flags.marking } : {}),
        onWarning: (message) => process.stderr.write(`warning: ${message}\n`),
      });
      process.stdout.write(`wrote ${report.files.length} files to ${outDir} (open report.html)\n`);
    });
}

/** The `report` command, for cli/main.ts. */
export const reportCommand = createReportCommand();
