// What users wait for, end to end, as fresh processes of the built CLI: the default study to 5% relative error
// (wall and CPU seconds, on 1 and on 2 workers, start-up included), the 1 -> 2 worker speed-up of that run, and
// the report of the default study rendered from its result document. Each figure is printed next to its target
// (issue "Performance of the real study"); nothing is asserted. CPU seconds are the children's user + system time
// from /proc/self/stat (Linux); elsewhere they are left out.
// Run with `npm run build && npx tsx bench/end-to-end.ts`; bench/run.ts includes it.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const CLI = fileURLToPath(new URL('../bin/neverout.js', import.meta.url));

/** One timed end-to-end command. */
export interface EndToEndRow {
  readonly what: string;
  readonly command: string;
  readonly wallSeconds: number;
  /** The children's CPU seconds (user + system), or null where /proc is not available. */
  readonly cpuSeconds: number | null;
  /** Target in seconds (wall), or null when the row only feeds a ratio. */
  readonly targetSeconds: number | null;
}

/** The rows and the speed-up of the default study from 1 to 2 workers (wall time ratio). */
export interface EndToEndResult {
  readonly rows: readonly EndToEndRow[];
  readonly speedup: number;
  readonly speedupTarget: number;
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

function timeCommand(what: string, args: readonly string[], targetSeconds: number | null): EndToEndRow {
  const cpuBefore = childCpuSeconds();
  const started = performance.now();
  const result = spawnSync(process.execPath, [CLI, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  const wallSeconds = (performance.now() - started) / 1000;
  const cpuAfter = childCpuSeconds();
  if (result.status !== 0) {
    throw new Error(`neverout ${args.join(' ')} exited with ${result.status}: ${result.stderr.toString().slice(0, 2000)}`);
  }
  return {
    what,
    command: `neverout ${args.join(' ')}`,
    wallSeconds,
    cpuSeconds: cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore,
    targetSeconds,
  };
}

/** Runs the end-to-end rows (a few minutes on 2 cores). */
export function runEndToEndBench(): EndToEndResult {
  const dir = mkdtempSync(join(tmpdir(), 'neverout-bench-e2e-'));
  try {
    const study = ['run', '--rel-error', '0.05', '--max-time', '15m', '--no-report', '--quiet'];
    const one = timeCommand('default study to 5%, 1 worker', [...study, '--workers', '1', '--out', join(dir, 'w1')], null);
    const two = timeCommand('default study to 5%, 2 workers', [...study, '--workers', '2', '--out', join(dir, 'w2')], 6);
    const report = timeCommand(
      'report of the default study',
      ['report', join(dir, 'w2', 'result.json'), '--out', join(dir, 'report'), '--quiet'],
      2,
    );
    return { rows: [one, two, report], speedup: one.wallSeconds / two.wallSeconds, speedupTarget: 1.8 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One line per row, then the speed-up. */
export function formatEndToEndRows(result: EndToEndResult): string {
  const lines = result.rows.map((r) => {
    const cpu = r.cpuSeconds === null ? '' : `, ${r.cpuSeconds.toFixed(1)} CPU-s`;
    const target =
      r.targetSeconds === null ? '' : ` (target <= ${r.targetSeconds} s: ${r.wallSeconds <= r.targetSeconds ? 'met' : 'MISSED'})`;
    return `   ${r.what.padEnd(34)} ${r.wallSeconds.toFixed(1)} s wall${cpu}${target}`;
  });
  lines.push(
    `   ${'speed-up 1 -> 2 workers'.padEnd(34)} ${result.speedup.toFixed(2)}x ` +
      `(target >= ${result.speedupTarget}x: ${result.speedup >= result.speedupTarget ? 'met' : 'MISSED'})`,
  );
  return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log('== end to end (fresh processes of the built CLI)');
  console.log(formatEndToEndRows(runEndToEndBench()));
}
