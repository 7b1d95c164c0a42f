// What users wait for, end to end, as fresh processes of the built CLI: the default study to 5% relative error
// (wall and CPU seconds, on 1 and on 2 workers, start-up included), the 1 -> 2 worker speed-up of that run and of
// the default study at a fixed budget of 1,000,000 samples per scenario (the issue's own measurement of the
// speed-up: 20.5 s against 13.6 s then), and the report of the default study rendered from its result document,
// each the median of a few repeats (the 1- and 2-worker runs alternate). Beside them, what bounds the speed-up: the plan's compilation (serial) and this
// machine's own ceiling, a pure integer loop on 1 and on 2 threads. Each figure is printed next to its target
// (issue "Performance of the real study"); nothing is asserted. CPU seconds are the children's user + system time
// from /proc/self/stat (Linux); elsewhere they are left out.
// Run with `npm run build && npx tsx bench/end-to-end.ts`; bench/run.ts includes it.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

const CLI = fileURLToPath(new URL('../bin/neverout.js', import.meta.url));

/** One timed end-to-end command: the median of its repeats. */
export interface EndToEndRow {
  readonly what: string;
  readonly command: string;
  /** Median wall seconds over the repeats. */
  readonly wallSeconds: number;
  /** Fastest repeat (a shared machine only ever adds time). */
  readonly minWallSeconds: number;
  /** Median of the children's CPU seconds (user + system), or null where /proc is not available. */
  readonly cpuSeconds: number | null;
  /** Target in seconds (wall), or null when the row only feeds a ratio. */
  readonly targetSeconds: number | null;
}

/** The machine's own ceiling for a 2-thread speed-up: a fixed integer loop on 1 thread and on 2 at once. */
export interface ParallelCeiling {
  readonly oneThreadSeconds: number;
  readonly twoThreadsSeconds: number;
  /** 2 x one / two: what two threads of pure arithmetic gain here (2.0 on two idle dedicated cores). */
  readonly speedup: number;
}

/** The 1 -> 2 worker speed-up of one study: the median wall ratio of its alternating runs. */
export interface SpeedupRow {
  readonly what: string;
  readonly speedup: number;
  readonly target: number;
}

/**
 * The same fixed-budget study on one core (1 worker, the process pinned to CPU 0: V8's compiler and garbage
 * collector threads share that core) against 2 workers on both cores: the process's own parallel efficiency. A
 * 1-worker run on two cores is not a one-core baseline: it keeps about 1.3 cores busy.
 */
export interface CoreScalingRow {
  readonly oneCore: EndToEndRow;
  /** The 2-worker run's median wall over the 1-core run's. */
  readonly speedup: number;
}

/** The rows, the speed-ups of the default study from 1 to 2 workers and what bounds them. */
export interface EndToEndResult {
  readonly rows: readonly EndToEndRow[];
  /** The 5% study first, then the fixed budget. */
  readonly speedups: readonly SpeedupRow[];
  /** Repeats per row (the 1- and 2-worker runs alternate, so that a burst of load hits both). */
  readonly repeats: number;
  readonly ceiling: ParallelCeiling;
  /**
   * Seconds of the default study's plan compilation (estimator choice, optimal attacks) in this process, the
   * median of the repeats: serial, before any batch, on 1 worker and on 2 alike.
   */
  readonly compileSeconds: number;
  /** Null where `taskset` is missing. */
  readonly coreScaling: CoreScalingRow | null;
}

/** Children's CPU time so far in seconds (fields cutime and cstime of /proc/self/stat), or null. */
export function childCpuSeconds(): number | null {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    // Fields after the command name (which may hold spaces) start at field 3; cutime and cstime are fields 16, 17.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticksPerSecond = 100;
    return (Number(fields[13]) + Number(fields[14])) / ticksPerSecond;
  } catch {
    return null;
  }
}

/** The median of a non-empty list. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** One timed command: wall and CPU seconds (CPU null where /proc is missing). */
export interface Timing {
  readonly wallSeconds: number;
  readonly cpuSeconds: number | null;
}

/**
 * Runs a CLI entry (`bin/neverout.js` of some build) once as a fresh process, on every core or, with `oneCore`, on
 * CPU 0 alone (`taskset -c 0`); throws when it fails.
 */
export function timeCli(cli: string, args: readonly string[], oneCore = false): Timing {
  const cpuBefore = childCpuSeconds();
  const started = performance.now();
  const command = oneCore ? ['taskset', '-c', '0', process.execPath] : [process.execPath];
  const result = spawnSync(command[0], [...command.slice(1), cli, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  const wallSeconds = (performance.now() - started) / 1000;
  const cpuAfter = childCpuSeconds();
  if (result.status !== 0) {
    throw new Error(`${cli} ${args.join(' ')} exited with ${result.status}: ${result.stderr.toString().slice(0, 2000)}`);
  }
  return { wallSeconds, cpuSeconds: cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore };
}

function toRow(what: string, args: readonly string[], runs: readonly Timing[], targetSeconds: number | null): EndToEndRow {
  const walls = runs.map((r) => r.wallSeconds);
  const cpus = runs.map((r) => r.cpuSeconds);
  return {
    what,
    command: `neverout ${args.join(' ')}`,
    wallSeconds: median(walls),
    minWallSeconds: Math.min(...walls),
    cpuSeconds: cpus.every((c): c is number => c !== null) ? median(cpus) : null,
    targetSeconds,
  };
}

/** A fixed integer loop (a linear congruential generator, no memory traffic) on `threads` threads at once. */
async function timeIntegerLoop(threads: number): Promise<number> {
  const code = `
    const { parentPort } = require('node:worker_threads');
    let x = 1;
    for (let i = 0; i < 300_000_000; i++) x = (Math.imul(x, 1103515245) + 12345) | 0;
    parentPort.postMessage(x);`;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: threads }, () =>
      new Promise<void>((resolve, reject) => {
        const worker = new Worker(code, { eval: true });
        worker.once('message', () => void worker.terminate().then(() => resolve()));
        worker.once('error', reject);
      }),
    ),
  );
  return (performance.now() - started) / 1000;
}

/** What two threads of pure arithmetic gain on this machine (median of `repeats` alternating pairs). */
export async function measureParallelCeiling(repeats: number): Promise<ParallelCeiling> {
  const one: number[] = [];
  const two: number[] = [];
  for (let r = 0; r < repeats; r++) {
    one.push(await timeIntegerLoop(1));
    two.push(await timeIntegerLoop(2));
  }
  const oneThreadSeconds = median(one);
  const twoThreadsSeconds = median(two);
  return { oneThreadSeconds, twoThreadsSeconds, speedup: (2 * oneThreadSeconds) / twoThreadsSeconds };
}

/** Seconds to compile the default study's plan under the 5% target (median of `repeats`), in this process. */
async function timeDefaultCompile(repeats: number): Promise<number> {
  const { loadJobInputs } = await import('../app/internal/execute-job.ts');
  const { compilePlan, resolveRunOptions } = await import('../scenarios/index.ts');
  const seconds: number[] = [];
  for (let r = 0; r < repeats; r++) {
    // A fresh load each time: compiled plans are cached by model object.
    const [input] = await loadJobInputs('run', [null], {});
    const options = resolveRunOptions(input.study, { relativeError: 0.05, maxTimeSeconds: 900 });
    const started = performance.now();
    compilePlan(input.topology, input.study, options);
    seconds.push((performance.now() - started) / 1000);
  }
  return median(seconds);
}

/** The speed-up target of the issue, CLI end to end on the default study. */
const SPEEDUP_TARGET = 1.8;

/** A study's runs on 1 and on 2 workers, alternating, as two rows and their speed-up. */
function timeWorkerPair(
  what: string,
  study: readonly string[],
  dir: string,
  repeats: number,
  twoWorkerTarget: number | null,
  withOneCore = false,
): { rows: [EndToEndRow, EndToEndRow]; speedup: SpeedupRow; coreScaling: CoreScalingRow | null } {
  const oneArgs = [...study, '--workers', '1', '--out', join(dir, 'w1')];
  const twoArgs = [...study, '--workers', '2', '--out', join(dir, 'w2')];
  const oneRuns: Timing[] = [];
  const twoRuns: Timing[] = [];
  const oneCoreRuns: Timing[] = [];
  for (let r = 0; r < repeats; r++) {
    oneRuns.push(timeCli(CLI, oneArgs));
    twoRuns.push(timeCli(CLI, twoArgs));
    if (withOneCore) oneCoreRuns.push(timeCli(CLI, oneArgs, true));
  }
  const one = toRow(`${what}, 1 worker`, oneArgs, oneRuns, null);
  const two = toRow(`${what}, 2 workers`, twoArgs, twoRuns, twoWorkerTarget);
  const oneCore = withOneCore ? toRow(`${what}, 1 worker on 1 core`, ['(taskset -c 0)', ...oneArgs], oneCoreRuns, null) : null;
  return {
    rows: [one, two],
    speedup: { what, speedup: one.wallSeconds / two.wallSeconds, target: SPEEDUP_TARGET },
    coreScaling: oneCore === null ? null : { oneCore, speedup: oneCore.wallSeconds / two.wallSeconds },
  };
}

/** Whether `taskset` (util-linux) can pin a process here. */
function hasTaskset(): boolean {
  return spawnSync('taskset', ['-c', '0', process.execPath, '--version'], { stdio: 'ignore' }).status === 0;
}

/** Runs the end-to-end rows (about five minutes on 2 cores). */
export async function runEndToEndBench(repeats = 3): Promise<EndToEndResult> {
  const dir = mkdtempSync(join(tmpdir(), 'neverout-bench-e2e-'));
  try {
    const toTarget = timeWorkerPair(
      'default study to 5%',
      ['run', '--rel-error', '0.05', '--max-time', '15m', '--no-report', '--quiet'],
      join(dir, 'rel-error'),
      repeats,
      6,
    );
    const reportArgs = ['report', join(dir, 'rel-error', 'w2', 'result.json'), '--out', join(dir, 'report'), '--quiet'];
    const reportRuns = Array.from({ length: repeats }, () => timeCli(CLI, reportArgs));
    const report = toRow('report of the default study', reportArgs, reportRuns, 2);
    const fixed = timeWorkerPair(
      'default study, 10^6 samples each',
      ['run', '--samples', '1000000', '--stop', 'samples', '--no-report', '--quiet'],
      join(dir, 'fixed'),
      repeats,
      null,
      hasTaskset(),
    );
    const ceiling = await measureParallelCeiling(repeats);
    const compileSeconds = await timeDefaultCompile(repeats);
    return {
      rows: [...toTarget.rows, report, ...fixed.rows, ...(fixed.coreScaling === null ? [] : [fixed.coreScaling.oneCore])],
      speedups: [toTarget.speedup, fixed.speedup],
      repeats,
      ceiling,
      compileSeconds,
      coreScaling: fixed.coreScaling,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One line per row, then the speed-up and what bounds it. */
export function formatEndToEndRows(result: EndToEndResult): string {
  const lines = result.rows.map((r) => {
    // Cores the run keeps busy on average: a 1-worker run above 1 uses the second core too (JIT, GC, main thread).
    const cpu = r.cpuSeconds === null ? '' : `, ${r.cpuSeconds.toFixed(1)} CPU-s (${(r.cpuSeconds / r.wallSeconds).toFixed(2)} cores busy)`;
    const target =
      r.targetSeconds === null ? '' : ` (target <= ${r.targetSeconds} s: ${r.wallSeconds <= r.targetSeconds ? 'met' : 'MISSED'})`;
    return `   ${r.what.padEnd(42)} ${r.wallSeconds.toFixed(2)} s wall (min ${r.minWallSeconds.toFixed(2)})${cpu}${target}`;
  });
  for (const s of result.speedups) {
    lines.push(
      `   ${`speed-up 1 -> 2 workers, ${s.what}`.padEnd(42)} ${s.speedup.toFixed(2)}x ` +
        `(target >= ${s.target}x: ${s.speedup >= s.target ? 'met' : 'MISSED'}); medians of ${result.repeats}, alternating`,
    );
  }
  if (result.coreScaling !== null) {
    lines.push(
      `   ${'speed-up 1 core -> 2 cores, 10^6 each'.padEnd(42)} ${result.coreScaling.speedup.toFixed(2)}x ` +
        '(1 worker pinned to one core against 2 workers on two: what the second core gives the whole process)',
    );
  }
  lines.push(
    `   ${'compiling the plan (5% study)'.padEnd(42)} ${result.compileSeconds.toFixed(2)} s, serial (in-process)`,
    `   ${'this machine, integer loop 1 -> 2'.padEnd(42)} ${result.ceiling.speedup.toFixed(2)}x ` +
      `(${result.ceiling.oneThreadSeconds.toFixed(2)} s on 1 thread, ${result.ceiling.twoThreadsSeconds.toFixed(2)} s for twice the work on 2): ` +
      'the most any 2-worker speed-up can reach here',
  );
  return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log('== end to end (fresh processes of the built CLI)');
  console.log(formatEndToEndRows(await runEndToEndBench()));
}
