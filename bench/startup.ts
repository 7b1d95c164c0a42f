// Start-up of the CLI as users wait for it: `neverout --version`, `--help` and `validate` on the embedded default
// model, each run as a fresh process of the built CLI (bin/neverout.js -> dist/). Median and best of several runs;
// the targets (--version and --help under 0.3 s, validate under 1 s) are printed, never asserted.
// Run with `npm run build && npx tsx bench/startup.ts`; bench/run.ts includes it.

import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';

const CLI = fileURLToPath(new URL('../bin/neverout.js', import.meta.url));

/** One timed command. */
export interface StartupRow {
  readonly command: string;
  readonly runs: number;
  readonly medianSeconds: number;
  readonly bestSeconds: number;
  /** The target it is measured against, in seconds. */
  readonly targetSeconds: number;
}

const COMMANDS: ReadonlyArray<{ args: readonly string[]; target: number }> = [
  { args: ['--version'], target: 0.3 },
  { args: ['--help'], target: 0.3 },
  { args: ['validate'], target: 1 },
];

function timeOnce(args: readonly string[]): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, [CLI, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`neverout ${args.join(' ')} exited with ${result.status}: ${result.stderr.toString()}`);
  return seconds;
}

/** Times each start-up command `runs` times (after one warm-up run that fills the file cache). */
export function runStartupBench(runs = Number(process.env.NEVEROUT_BENCH_STARTUP_RUNS ?? 7)): StartupRow[] {
  return COMMANDS.map(({ args, target }) => {
    timeOnce(args);
    const times = Array.from({ length: runs }, () => timeOnce(args)).sort((a, b) => a - b);
    return {
      command: `neverout ${args.join(' ')}`,
      runs,
      medianSeconds: times[Math.floor(times.length / 2)],
      bestSeconds: times[0],
      targetSeconds: target,
    };
  });
}

/** One line per command: median, best and the target. */
export function formatStartupRows(rows: readonly StartupRow[]): string {
  return rows
    .map(
      (r) =>
        `   ${r.command.padEnd(22)} median ${r.medianSeconds.toFixed(3)} s, best ${r.bestSeconds.toFixed(3)} s ` +
        `(${r.runs} runs; target < ${r.targetSeconds} s: ${r.medianSeconds < r.targetSeconds ? 'met' : 'MISSED'})`,
    )
    .join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log('== start-up (fresh processes of the built CLI)');
  console.log(formatStartupRows(runStartupBench()));
}
