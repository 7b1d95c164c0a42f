// `neverout simulate [FILE]`: time simulation of the baseline scenario over many simulated years: how often
// services go down, how long outages last, and downtime per year with 95% confidence intervals.

import { join } from 'node:path';
import { Command } from 'commander';
import type { ResultDocument } from '../../engine/index.ts';
import type { TimeServiceFigures } from '../../engine/time/index.ts';
import {
  buildTimeSimulationDocument,
  compileTimeSimulation,
  DEFAULT_SIMULATED_YEARS,
  formatDiagnostic,
  loadInput,
} from '../../scenarios/index.ts';
import { defaultThreadCount } from '../../workers/index.ts';
import { runTimePlan } from '../../workers/time/index.ts';
import { buildReport } from '../../reports/index.ts';
import { writeFileAtomic } from '../internal/atomic-write.ts';
import { CliUsageError, parsePositiveInteger } from '../internal/cli-errors.ts';
import { formatDowntime, renderTable } from '../internal/format-result.ts';

interface SimulateFlags {
  years: number;
  seed?: string;
  workers?: number;
  out: string;
  json?: boolean;
  report?: boolean;
  quiet?: boolean;
}

function parseWorkers(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0)
    throw new CliUsageError(`--workers must be a non-negative integer (0 runs on the main thread), got "${value}"`);
  return n;
}

/** A rate or count with three significant digits, e.g. 1.43, 0.0214, 219. */
function formatRate(x: number): string {
  if (x === 0) return '0';
  if (x >= 1000) return x.toFixed(0);
  return Number(x.toPrecision(3)).toString();
}

/** A duration in hours in readable units. */
function formatDurationHours(hours: number | null): string {
  if (hours === null) return '-';
  return formatDowntime(hours * 60);
}

/** Text table of a time simulation: one row per service. */
export function formatTimeSimulation(doc: ResultDocument, figures: readonly TimeServiceFigures[]): string {
  const simulation = doc.timeSimulation;
  if (simulation === null) return 'no simulated year finished';
  const names = new Map(doc.model.services.map((s) => [s.id, s.name]));
  const scenario = doc.scenarios[0];
  const rows = simulation.services.map((s, i) => {
    const f = figures[i];
    return [
      names.get(s.serviceId) ?? s.serviceId,
      formatRate(s.outagesPerYear.estimate),
      `[${formatRate(s.outagesPerYear.lower)}, ${formatRate(s.outagesPerYear.upper)}]`,
      formatDurationHours(f.meanOutageHours),
      f.fractionOverOneHour === null ? '-' : `${(f.fractionOverOneHour * 100).toFixed(1)}%`,
      formatDowntime(s.downtimeMinutesPerYear.estimate),
      `[${formatDowntime(s.downtimeMinutesPerYear.lower)}, ${formatDowntime(s.downtimeMinutesPerYear.upper)}]`,
    ];
  });
  return [
    `Time simulation of scenario "${scenario?.name ?? '?'}" over ${simulation.years} simulated years (seed ${doc.manifest.seed})`,
    renderTable(['service', 'outages/yr', '95% CI', 'mean outage', 'P(outage > 1 h)', 'downtime/yr', '95% CI'], rows),
  ].join('\n');
}

export const simulateCommand = new Command('simulate')
  .description('time simulation of the baseline scenario: outage frequency, outage durations and downtime per year')
  .argument('[file]', 'study or topology file (default: the embedded illustrative NAFIN study)')
  .option('--years <n>', 'simulated years', parsePositiveInteger('--years'), DEFAULT_SIMULATED_YEARS)
  .option('--seed <seed>', 'study seed (text or number); same seed, same numbers')
  .option('--workers <n>', 'worker threads (default: one per core; 0: main thread)', parseWorkers)
  .option('--out <dir>', 'output folder', 'neverout-out')
  .option('--json', 'print the result document as JSON instead of the table')
  .option('--no-report', 'write result.json only, no charts or report')
  .option('--quiet', 'no warnings or timing line')
  .action(async (file: string | undefined, flags: SimulateFlags) => {
    const warn = (text: string) =>
      flags.quiet === true || flags.json === true ? undefined : process.stderr.write(`${text}\n`);
    const input = await loadInput(file ?? null, (d) => warn(formatDiagnostic(d)));
    const compiled = compileTimeSimulation(input.topology, input.study, {
      years: flags.years,
      ...(flags.seed !== undefined ? { seed: flags.seed } : {}),
    });
    compiled.notes.forEach(warn);
    const threads = flags.workers ?? defaultThreadCount();
    const controller = new AbortController();
    const onSigint = () => controller.abort();
    process.once('SIGINT', onSigint);
    const started = performance.now();
    let run;
    try {
      run = await runTimePlan(compiled.plan, { threads, signal: controller.signal });
    } finally {
      process.off('SIGINT', onSigint);
    }
    const seconds = (performance.now() - started) / 1000;
    const { document, figures } = buildTimeSimulationDocument(compiled, run, {
      command: ['simulate', ...process.argv.slice(3)],
      workers: Math.max(1, threads),
      createdAt: new Date(),
      shard: null,
      marking: null,
      topologySource: input.topologySource,
      studySource: input.studySource,
    });
    const resultPath = join(flags.out, 'result.json');
    const text = `${JSON.stringify(document, null, 2)}\n`;
    await writeFileAtomic(resultPath, text);
    const report = flags.report === false ? null : await buildReport(document, { outDir: flags.out });
    if (flags.json === true) process.stdout.write(text);
    else {
      const reportNote = report === null ? '' : ` and the report (${join(flags.out, 'report.html')})`;
      process.stdout.write(`${formatTimeSimulation(document, figures)}\n\nwrote ${resultPath}${reportNote}\n`);
    }
    const where = threads === 0 ? 'main thread' : `${threads} thread${threads > 1 ? 's' : ''}`;
    warn(
      `simulated ${run.countedYears} years in ${seconds.toFixed(1)} s (${Math.round(run.countedYears / Math.max(seconds, 1e-9))} years/s, ${where})`,
    );
    if (run.interrupted) process.exitCode = 130;
  });
