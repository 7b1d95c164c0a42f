// The dense failure regime (issue 17): the dodecahedron with links failing at q = 0.1 (3 failures per sample),
// two-terminal service, crude Monte Carlo on one core. Rows, measured in one run and printed next to their targets:
//   engine, default choice (the dense-regime loop: block sampler, bit-parallel reachability) │ engine, scalar loop
//   │ C reference of the same bit-parallel algorithm (bench/dense_reference.c, cc -O3, 64 samples per word)
//   │ networkx (bench/networkx_baseline.py, the baseline of the other rows)
// and the crossover of the choice: the scalar and the dense loop at several q. Nothing is asserted.
// Run with `npx tsx bench/dense-regime.ts`; bench/run.ts includes it.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runBatch, type BatchResult } from '../engine/index.ts';
import { runFastCrudeBatch } from '../engine/fast/run-fast-batch.ts';
import { expectRelevantFailures, getDenseScenario } from '../engine/fast/dense-batch.ts';
import { getFastScenario } from '../engine/fast/fast-scenario.ts';
import {
  buildDodecahedronModel,
  DODECAHEDRON_EXACT_UNAVAILABILITY,
  DODECAHEDRON_LINKS,
  DODECAHEDRON_NODES,
  DODECAHEDRON_TERMINALS,
  planOfModel,
} from './dense-model.ts';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const QUICK = process.env.NEVEROUT_BENCH_QUICK === '1';
const CHUNK_SECONDS = 0.15;
const BUDGET_SECONDS = QUICK ? 0.6 : 1.5;
const Q = 0.1;

/** Targets of issue 17 for this row. */
export const DENSE_TARGETS = { samplesPerSecond: 10e6, overNetworkx: 700, withinOfC: 4 } as const;

/** Rates of one implementation: the best ~0.15 s chunk (the least disturbed), the median chunk, and overall. */
export interface DenseTiming {
  readonly scenariosPerSecond: number;
  /** Samples per CPU second of the process over the whole run (steadier on a loaded machine); null if unknown. */
  readonly scenariosPerCpuSecond?: number | null;
  readonly medianScenariosPerSecond: number;
  readonly overallScenariosPerSecond: number;
  readonly scenarios: number;
  readonly unavailability: number;
}

/** One point of the crossover: both loops at link probability q (ratio dense / scalar). */
export interface CrossoverPoint {
  readonly q: number;
  readonly expectedFailures: number;
  readonly chosen: 'dense' | 'scalar';
  readonly scalar: number;
  readonly dense: number;
}

export interface DenseRegimeResult {
  readonly q: number;
  readonly exactUnavailability: number;
  readonly engine: DenseTiming;
  readonly scalar: DenseTiming;
  /** null (with the reason in `cSkipped`) when no C compiler is found. */
  readonly c: DenseTiming | null;
  readonly cSkipped: string | null;
  readonly networkx: DenseTiming | null;
  readonly networkxSkipped: string | null;
  readonly crossover: readonly CrossoverPoint[];
}

/** Times batches of `run` for about `budgetSeconds` after a warm-up batch. */
function timeBatches(
  run: (batch: number, samples: number) => BatchResult,
  budgetSeconds: number,
  samples: number,
): DenseTiming {
  run(1_000_000, samples);
  const rates: number[] = [];
  let chunkSeconds = 0;
  let chunkScenarios = 0;
  let seconds = 0;
  let scenarios = 0;
  let down = 0;
  const cpuBefore = process.cpuUsage();
  for (let batch = 0; seconds < budgetSeconds; batch++) {
    const started = performance.now();
    const result = run(batch, samples);
    const duration = (performance.now() - started) / 1000;
    const tally = result.services[0];
    down += tally.kind === 'crude' ? tally.down : 0;
    seconds += duration;
    scenarios += samples;
    chunkSeconds += duration;
    chunkScenarios += samples;
    if (chunkSeconds >= CHUNK_SECONDS) {
      rates.push(chunkScenarios / chunkSeconds);
      chunkSeconds = 0;
      chunkScenarios = 0;
    }
  }
  const cpu = process.cpuUsage(cpuBefore);
  if (rates.length === 0) rates.push(scenarios / seconds);
  rates.sort((a, b) => a - b);
  return {
    scenariosPerSecond: rates[rates.length - 1],
    scenariosPerCpuSecond: scenarios / ((cpu.user + cpu.system) / 1e6),
    medianScenariosPerSecond: rates[Math.floor(rates.length / 2)],
    overallScenariosPerSecond: scenarios / seconds,
    scenarios,
    unavailability: down / scenarios,
  };
}

/** Compiles and runs the C reference; a string says why it was skipped. */
function runC(dir: string): DenseTiming | string {
  const binary = join(dir, 'dense_reference');
  const compilers = ['cc', 'gcc', 'clang'];
  let compiled = false;
  for (const compiler of compilers) {
    const build = spawnSync(compiler, ['-O3', '-o', binary, join(BENCH_DIR, 'dense_reference.c'), '-lm'], {
      encoding: 'utf8',
    });
    if (build.error === undefined && build.status === 0) {
      compiled = true;
      break;
    }
  }
  if (!compiled) return `no C compiler found (tried ${compilers.join(', ')})`;
  const args = [
    String(DODECAHEDRON_NODES),
    String(DODECAHEDRON_TERMINALS[0]),
    String(DODECAHEDRON_TERMINALS[1]),
    String(Q),
    String(BUDGET_SECONDS),
    ...DODECAHEDRON_LINKS.flatMap(([a, b]) => [String(a), String(b)]),
  ];
  const run = spawnSync(binary, args, { encoding: 'utf8', timeout: 120_000 });
  if (run.status !== 0) return `the C reference exited with ${run.status}: ${run.stderr}`;
  const out = JSON.parse(run.stdout) as Omit<DenseTiming, 'unavailability'> & { unavailability: number[] };
  return { ...out, unavailability: out.unavailability[0] };
}

/** Runs bench/networkx_baseline.py on the dodecahedron; a string says why it was skipped. */
function runNetworkx(dir: string): DenseTiming | string {
  const path = join(dir, 'dodecahedron.json');
  const q = new Array<number>(DODECAHEDRON_NODES).fill(0).concat(new Array<number>(DODECAHEDRON_LINKS.length).fill(Q));
  writeFileSync(
    path,
    JSON.stringify({
      nodeCount: DODECAHEDRON_NODES,
      links: DODECAHEDRON_LINKS,
      elementFailureProbability: q,
      groups: [],
      layers: [],
      services: [{ kind: 'connected', terminals: [...DODECAHEDRON_TERMINALS] }],
      subsets: [{ name: 'two-terminal', services: [0] }],
      budgetSeconds: QUICK ? 1 : 2,
      chunkSeconds: CHUNK_SECONDS,
      seed: 1,
    }),
  );
  const run = spawnSync('python3', [join(BENCH_DIR, 'networkx_baseline.py'), path], {
    encoding: 'utf8',
    timeout: 300_000,
  });
  if (run.error !== undefined) return `python3 failed: ${run.error.message}`;
  if (run.status !== 0) return `python3 exited with ${run.status}: ${run.stderr.trim().split('\n').slice(-1)[0] ?? ''}`;
  const out = JSON.parse(run.stdout) as {
    subsets: Record<string, Omit<DenseTiming, 'unavailability'> & { unavailability: number[] }>;
  };
  const subset = out.subsets['two-terminal'];
  return { ...subset, unavailability: subset.unavailability[0] };
}

/** Runs the dense-regime rows (about 15 s). */
export function runDenseRegimeBench(): DenseRegimeResult {
  const plan = planOfModel(buildDodecahedronModel(Q), 'bench', 100_000);
  const samples = 100_000;
  const engine = timeBatches((b, n) => runBatch(plan, 0, b, n), BUDGET_SECONDS, samples);
  const scalar = timeBatches((b, n) => runFastCrudeBatch(plan, 0, b, n, 'scalar'), BUDGET_SECONDS / 2, samples / 10);
  const crossover = [0.003, 0.01, 0.02, 0.05, 0.1, 0.3].map((q): CrossoverPoint => {
    const p = planOfModel(buildDodecahedronModel(q), 'bench', 50_000);
    const fast = getFastScenario(p.model, p.scenarios[0]);
    const chosen = getDenseScenario(p.model, p.scenarios[0], fast, 'auto').denseCount > 0 ? 'dense' : 'scalar';
    const budget = BUDGET_SECONDS / 3;
    return {
      q,
      expectedFailures: expectRelevantFailures(p.model, p.scenarios[0], fast)[0],
      chosen,
      scalar: timeBatches((b, n) => runFastCrudeBatch(p, 0, b, n, 'scalar'), budget, 20_000).scenariosPerSecond,
      dense: timeBatches((b, n) => runFastCrudeBatch(p, 0, b, n, 'dense'), budget, 20_000).scenariosPerSecond,
    };
  });
  const dir = mkdtempSync(join(tmpdir(), 'neverout-bench-dense-'));
  try {
    const c = runC(dir);
    const networkx = runNetworkx(dir);
    return {
      q: Q,
      exactUnavailability: DODECAHEDRON_EXACT_UNAVAILABILITY,
      engine,
      scalar,
      c: typeof c === 'string' ? null : c,
      cSkipped: typeof c === 'string' ? c : null,
      networkx: typeof networkx === 'string' ? null : networkx,
      networkxSkipped: typeof networkx === 'string' ? networkx : null,
      crossover,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function formatRate(x: number): string {
  return x >= 1e6 ? `${(x / 1e6).toFixed(2)}M/s` : `${(x / 1e3).toFixed(1)}k/s`;
}

function met(ok: boolean): string {
  return ok ? 'met' : 'MISSED';
}

/** The rows as printed by the harness. */
export function formatDenseRegimeRows(r: DenseRegimeResult): string {
  const lines: string[] = [];
  const u = (t: DenseTiming): string =>
    `u = ${t.unavailability.toExponential(3)}` +
    (t.scenariosPerCpuSecond == null ? '' : `, ${formatRate(t.scenariosPerCpuSecond)} of CPU time`);
  lines.push(
    `   dodecahedron, links q = ${r.q}, two-terminal, crude, one core (exact u = ${r.exactUnavailability.toExponential(4)})`,
  );
  lines.push(
    `   ${'engine (dense-regime loop)'.padEnd(34)} ${formatRate(r.engine.scenariosPerSecond).padStart(10)}  ${u(r.engine)}` +
      `  (target >= ${formatRate(DENSE_TARGETS.samplesPerSecond)}: ${met(r.engine.scenariosPerSecond >= DENSE_TARGETS.samplesPerSecond)})`,
  );
  lines.push(
    `   ${'engine, scalar loop'.padEnd(34)} ${formatRate(r.scalar.scenariosPerSecond).padStart(10)}  ${u(r.scalar)}` +
      `  (dense / scalar ${(r.engine.scenariosPerSecond / r.scalar.scenariosPerSecond).toFixed(1)}x)`,
  );
  if (r.c === null) lines.push(`   C reference skipped: ${r.cSkipped ?? ''}`);
  else {
    const within = r.c.scenariosPerSecond / r.engine.scenariosPerSecond;
    const cpuWithin =
      r.c.scenariosPerCpuSecond == null || r.engine.scenariosPerCpuSecond == null
        ? ''
        : `, in CPU time ${(r.c.scenariosPerCpuSecond / r.engine.scenariosPerCpuSecond).toFixed(2)}x`;
    lines.push(
      `   ${'C -O3, same algorithm, 64 per word'.padEnd(34)} ${formatRate(r.c.scenariosPerSecond).padStart(10)}  ${u(r.c)}` +
        `  (C / engine ${within.toFixed(2)}x${cpuWithin}; target <= ${DENSE_TARGETS.withinOfC}x: ${met(within <= DENSE_TARGETS.withinOfC)})`,
    );
  }
  if (r.networkx === null) lines.push(`   networkx skipped: ${r.networkxSkipped ?? ''}`);
  else {
    const over = r.engine.scenariosPerSecond / r.networkx.scenariosPerSecond;
    lines.push(
      `   ${'networkx'.padEnd(34)} ${formatRate(r.networkx.scenariosPerSecond).padStart(10)}  ${u(r.networkx)}` +
        `  (engine / networkx ${over.toFixed(0)}x; target >= ${DENSE_TARGETS.overNetworkx}x: ${met(over >= DENSE_TARGETS.overNetworkx)})`,
    );
  }
  lines.push(
    '   crossover (best chunk, M samples/s): q, expected failures per sample, scalar, dense, dense / scalar, chosen',
  );
  for (const p of r.crossover) {
    lines.push(
      `     q = ${String(p.q).padEnd(6)} ${p.expectedFailures.toFixed(2).padStart(5)}  ${(p.scalar / 1e6).toFixed(2).padStart(6)}` +
        `  ${(p.dense / 1e6).toFixed(2).padStart(6)}  ${(p.dense / p.scalar).toFixed(2).padStart(5)}x  ${p.chosen}`,
    );
  }
  return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log('== dense failure regime');
  console.log(formatDenseRegimeRows(runDenseRegimeBench()));
}
