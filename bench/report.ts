// Report rendering, end to end: makes one result document of the default study, then times fresh processes of the
// built CLI's `neverout report` on it, with and without PNGs, printing wall and CPU seconds (the children's user +
// system time from /proc/self/stat, as bench/end-to-end.ts) next to the 2 s target (issue 17). With `--baseline REV`
// it also builds that git revision in a temporary directory and times its CLI in the same run, alternating, so the
// ratios hold on a noisy machine, and checks that both wrote the same chart files. Nothing is asserted.
// Run with `npm run build && npx tsx bench/report.ts [--baseline REV] [--repeat N]`.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { median, timeCli, type Timing } from './end-to-end.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(ROOT, 'bin', 'neverout.js');
const TARGET_SECONDS = 2;

/** Builds a git revision of this repository into a temporary directory; returns its directory. */
function buildRevision(revision: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'neverout-bench-report-base-'));
  execFileSync('sh', ['-c', `git -C "${ROOT}" archive "${revision}" | tar -x -C "${dir}"`]);
  symlinkSync(realpathSync(join(ROOT, 'node_modules')), join(dir, 'node_modules'));
  execFileSync(process.execPath, [join(dir, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
    cwd: dir,
  });
  execFileSync(process.execPath, [join(dir, 'scripts/copy-assets.js')], { cwd: dir });
  return dir;
}

/** Names of the chart files that differ (or exist in one directory only). */
function differingFiles(a: string, b: string): string[] {
  const names = new Set([...readdirSync(a), ...readdirSync(b)]);
  const differing: string[] = [];
  for (const name of [...names].sort()) {
    try {
      if (!readFileSync(join(a, name)).equals(readFileSync(join(b, name)))) differing.push(name);
    } catch {
      differing.push(name);
    }
  }
  return differing;
}

function formatTiming(what: string, timings: readonly Timing[]): string {
  const walls = timings.map((t) => t.wallSeconds);
  const wall = median(walls);
  const cpus = timings.map((t) => t.cpuSeconds).filter((c): c is number => c !== null);
  // The minimum beside the median: on a shared machine other jobs only ever add time.
  const cpu =
    cpus.length === timings.length ? `, ${median(cpus).toFixed(2)} CPU-s (min ${Math.min(...cpus).toFixed(2)})` : '';
  const verdict = wall <= TARGET_SECONDS ? 'met' : 'MISSED';
  return (
    `   ${what.padEnd(32)} ${wall.toFixed(2)} s wall (min ${Math.min(...walls).toFixed(2)})${cpu}; ` +
    `median of ${timings.length}; target <= ${TARGET_SECONDS} s: ${verdict}`
  );
}

function main(): void {
  const { values } = parseArgs({
    options: { baseline: { type: 'string' }, repeat: { type: 'string', default: '3' } },
  });
  const repeat = Math.max(1, Number(values.repeat));
  const dir = mkdtempSync(join(tmpdir(), 'neverout-bench-report-'));
  const baseDir = values.baseline === undefined ? null : buildRevision(values.baseline);
  try {
    timeCli(CLI, ['run', '--out', join(dir, 'run'), '--quiet', '--no-report']);
    const result = join(dir, 'run', 'result.json');
    const variants = [
      { label: 'this tree', cli: CLI },
      ...(baseDir === null ? [] : [{ label: `baseline ${values.baseline}`, cli: join(baseDir, 'bin', 'neverout.js') }]),
    ];
    const modes = [
      { label: 'with PNG', flags: [] as string[] },
      { label: '--no-png', flags: ['--no-png'] },
    ];
    const timings = new Map<string, Timing[]>();
    // Alternate variants and modes in every round, so machine noise falls on all of them alike.
    for (let round = 0; round < repeat; round++) {
      for (const mode of modes) {
        for (const [v, variant] of variants.entries()) {
          const out = join(dir, `report-${v}-${mode.flags.length}`);
          const key = `${variant.label}, ${mode.label}`;
          timings.set(key, [
            ...(timings.get(key) ?? []),
            timeCli(variant.cli, ['report', result, '--out', out, '--quiet', ...mode.flags]),
          ]);
        }
      }
    }
    console.log('== report of the default study (fresh processes of the built CLI)');
    for (const [key, list] of timings) console.log(formatTiming(key, list));
    if (baseDir !== null) {
      for (const mode of modes) {
        const now = timings.get(`${variants[0].label}, ${mode.label}`) ?? [];
        const before = timings.get(`${variants[1].label}, ${mode.label}`) ?? [];
        const wallRatio = median(before.map((t) => t.wallSeconds)) / median(now.map((t) => t.wallSeconds));
        const cpuRatio = median(before.map((t) => t.cpuSeconds ?? NaN)) / median(now.map((t) => t.cpuSeconds ?? NaN));
        const minCpuRatio =
          Math.min(...before.map((t) => t.cpuSeconds ?? NaN)) / Math.min(...now.map((t) => t.cpuSeconds ?? NaN));
        console.log(
          `   ${`baseline / this tree, ${mode.label}`.padEnd(40)} ${wallRatio.toFixed(2)}x wall, ${cpuRatio.toFixed(2)}x CPU (of the minima ${minCpuRatio.toFixed(2)}x)`,
        );
      }
      for (const flags of [0, 1]) {
        const differing = differingFiles(
          join(dir, `report-0-${flags}`, 'charts'),
          join(dir, `report-1-${flags}`, 'charts'),
        );
        console.log(
          `   chart files ${flags === 0 ? 'with PNG' : '--no-png'}: ${differing.length === 0 ? 'identical to the baseline' : `differ: ${differing.join(', ')}`}`,
        );
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    if (baseDir !== null) rmSync(baseDir, { recursive: true, force: true });
  }
}

main();
