// `neverout report RESULT.json [--out DIR] [--baseline OLD.json] [--marking TEXT] [--no-png]`: renders the report
// (charts, CSV tables, report.md, self-contained report.html) of a result document.

import { Command } from 'commander';
import { delayOptimisingCompiler } from '../internal/compile-tuning.ts';

interface ReportFlags {
  out?: string;
  baseline?: string;
  marking?: string;
  png: boolean;
  quiet?: boolean;
}

/** Creates the `report` command. */
export function createReportCommand(): Command {
  return new Command('report')
    .description('render the report of a result document: charts (Vega-Lite, SVG, PNG), CSV tables, report.md and report.html')
    .argument('<result>', 'result document (result.json) written by run, simulate, compare or merge')
    .option('--out <dir>', 'output folder (default: the folder of RESULT)')
    .option('--baseline <file>', 'an earlier result document to compare with ("what changed since")')
    .option('--marking <text>', 'marking line on every page, chart and table (default: the run’s marking)')
    .option('--no-png', 'skip the PNG rendering of the charts')
    .option('--quiet', 'no warnings')
    .action(async (resultFile: string, flags: ReportFlags) => {
      // Before the application and the chart threads load: this process only renders the report.
      delayOptimisingCompiler();
      const app = await import('../../app/index.ts');
      const { outDir, report } = await app.renderReport(resultFile, {
        ...(flags.out !== undefined ? { outDir: flags.out } : {}),
        ...(flags.baseline !== undefined ? { baseline: flags.baseline } : {}),
        ...(flags.marking !== undefined ? { marking: flags.marking } : {}),
        png: flags.png,
        onWarning: (message) => (flags.quiet === true ? undefined : process.stderr.write(`warning: ${message}\n`)),
      });
      process.stdout.write(`wrote ${report.files.length} files to ${outDir} (open report.html)\n`);
    });
}
