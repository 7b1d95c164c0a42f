// `neverout compare BASE PLAN`: what does plan B buy over plan A? Paired (common random numbers) differences in
// availability per service and scenario, with Newcombe's paired 95% CI and the variance reduction achieved.

import { join } from 'node:path';
import { Command } from 'commander';
import { buildReport } from '../../reports/index.ts';
import { buildComparisonDocument, compileComparison, formatDiagnostic, loadInput } from '../../scenarios/index.ts';
import { defaultThreadCount, runPairedPlan } from '../../workers/index.ts';
import { writeFileAtomic } from '../internal/atomic-write.ts';
import { parsePositiveInteger } from '../internal/cli-errors.ts';
import { formatAvailability, renderTable } from '../internal/format-result.ts';
import type { ResultDocument } from '../../engine/index.ts';

interface CompareFlags {
  samples?: number;
  seed?: string;
  workers?: number;
  batchSize?: number;
  out: string;
  json?: boolean;
  quiet?: boolean;
  report?: boolean;
}

function formatSigned(x: number): string {
  const sign = x > 0 ? '+' : x < 0 ? '-' : '±';
  const a = Math.abs(x);
  return a === 0 ? '0' : `${sign}${a < 1e-3 ? a.toExponential(1) : a.toFixed(4)}`;
}

/** Text table of a comparison document. */
export function formatComparison(doc: ResultDocument): string {
  const c = doc.comparison;
  if (c === null) return '';
  const lines = [`Comparison: ${c.plan.name} (plan) against ${c.base.name} (base), paired by common random numbers`];
  const header = ['scenario', 'service', 'base', 'plan', 'difference', '95% CI (paired)', 'var. reduction', 'verdict'];
  const rows = c.scenarios.flatMap((s) =>
    s.services.map((x) => [
      s.scenarioId,
      x.serviceId,
      formatAvailability(x.baseAvailability.estimate),
      formatAvailability(x.planAvailability.estimate),
      formatSigned(x.difference.estimate),
      `[${formatSigned(x.difference.lower)}, ${formatSigned(x.difference.upper)}]`,
      x.varianceReduction === null ? '-' : `${x.varianceReduction.toFixed(1)}x`,
      x.difference.lower > 0 ? 'better' : x.difference.upper < 0 ? 'worse' : 'no clear change',
    ]),
  );
  lines.push(renderTable(header, rows, 2));
  return lines.join('\n');
}

export const compareCommand = new Command('compare')
  .description('compare two topologies or studies (base, plan): paired differences in availability with common random numbers')
  .argument('<base>', 'base topology or study file ("default" for the embedded default study)')
  .argument('<plan>', 'plan topology or study file')
  .option('--samples <n>', 'samples per scenario', parsePositiveInteger('--samples'))
  .option('--seed <seed>', 'seed shared by both sides')
  .option('--workers <n>', 'worker threads (0: main thread)', (v) => (v === '0' ? 0 : parsePositiveInteger('--workers')(v)))
  .option('--batch-size <n>', 'samples per batch', parsePositiveInteger('--batch-size'))
  .option('--out <dir>', 'output folder', 'neverout-out')
  .option('--json', 'print the result document as JSON')
  .option('--no-report', 'write result.json only, no charts or report')
  .option('--quiet', 'no warnings or progress')
  .action(async (baseFile: string, planFile: string, flags: CompareFlags) => {
    const warn = (text: string) => (flags.quiet === true || flags.json === true ? undefined : process.stderr.write(`${text}\n`));
    const logger = (d: Parameters<typeof formatDiagnostic>[0]) => warn(formatDiagnostic(d));
    const base = await loadInput(baseFile === 'default' ? null : baseFile, logger);
    const plan = await loadInput(planFile === 'default' ? null : planFile, logger);
    const comparison = compileComparison(base, plan, {
      ...(flags.samples !== undefined ? { samples: flags.samples } : {}),
      ...(flags.seed !== undefined ? { seed: flags.seed } : {}),
      ...(flags.batchSize !== undefined ? { batchSize: flags.batchSize } : {}),
    });
    const threads = flags.workers ?? defaultThreadCount();
    const controller = new AbortController();
    const onSigint = () => controller.abort();
    process.once('SIGINT', onSigint);
    let run;
    try {
      run = await runPairedPlan(comparison.pair, { threads, signal: controller.signal });
    } finally {
      process.off('SIGINT', onSigint);
    }
    const document = buildComparisonDocument(comparison, run.tallies, run.interrupted, {
      command: ['compare', ...process.argv.slice(3)],
      workers: Math.max(1, threads),
      createdAt: new Date(),
      shard: null,
      marking: null,
      topologySource: plan.topologySource,
      studySource: plan.studySource,
      baseSource: base.topologySource,
    });
    const resultPath = join(flags.out, 'result.json');
    await writeFileAtomic(resultPath, `${JSON.stringify(document, null, 2)}\n`);
    const report = flags.report === false ? null : await buildReport(document, { outDir: flags.out });
    if (flags.json === true) process.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
    else {
      process.stdout.write(`${formatComparison(document)}\n\nwrote ${resultPath}${report === null ? '' : ` and the report (${join(flags.out, 'report.html')})`}\n`);
    }
    if (run.interrupted) process.exitCode = 130;
  });
