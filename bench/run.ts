// `npm run bench`: the crude Monte Carlo hot path against what users would otherwise run, on the default NAFIN
// model and generated backbones of 250 and 2,500 sites. Prints scenarios per second per core per service kind
// for the fast path, the simple path, a straightforward TypeScript implementation and networkx, with ratios;
// the same speed with one probability for every element; runPlan throughput and peak memory with 1 and 2
// workers; the dense failure regime (dodecahedron at q = 0.1 against a C reference and networkx,
// bench/dense-regime.ts); the CLI's start-up (--version, --help, validate); then the rare-event and distributed
// benchmarks. Saves bench/results/latest.json
// and compares it with bench/results/baseline.json (current / baseline).
//
//   models ──in-process timings──> fast | simple | straightforward ──python3──> networkx
//          ──child processes──> runPlan on 1 and 2 workers (throughput, peak RSS) ──> latest.json vs baseline.json
//
// Options (environment): NEVEROUT_BENCH_QUICK=1 shortens every time budget (smoke test);
// NEVEROUT_BENCH_SKIP_EXTRAS=1 skips the rare-event and distributed benchmarks.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { resourceUsage } from 'node:process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  ENGINE_VERSION,
  runBatch,
  type BatchResult,
  type CompiledModel,
  type CompiledScenario,
  type CrudeSampler,
} from '../engine/index.ts';
import {
  BENCH_MODEL_NAMES,
  benchPlan,
  loadBenchModel,
  serviceSubsets,
  withServices,
  type BenchModel,
  type BenchModelName,
} from './bench-models.ts';
import { withUniformProbability } from './generate-model.ts';
import type { ParallelRunResult } from './parallel-run.ts';
import { formatDenseRegimeRows, runDenseRegimeBench, type DenseRegimeResult } from './dense-regime.ts';
import { formatEndToEndRows, runEndToEndBench, type EndToEndResult } from './end-to-end.ts';
import { formatStartupRows, runStartupBench, type StartupRow } from './startup.ts';
import { createStraightforwardRun } from './straightforward-baseline.ts';

const BENCH_DIR = fileURLToPath(new URL('.', import.meta.url));
const RESULTS_DIR = join(BENCH_DIR, 'results');
const QUICK = process.env.NEVEROUT_BENCH_QUICK === '1';
const SCALE = QUICK ? 0.2 : 1;

/** Seconds per in-process timing. */
const BUDGET = { fast: 1.2 * SCALE, simple: 0.8 * SCALE, straightforward: 0.8 * SCALE, networkx: 2.0 * SCALE };

/** Parallel runs per model: samples for 1 and 2 workers, and the batch size. */
const PARALLEL: Record<BenchModelName, { one: number; two: number; batchSize: number }> = {
  // The fast path does tens of millions of scenarios per second here: big batches keep messaging negligible.
  'nafin-default': { one: 100_000_000, two: 200_000_000, batchSize: 1_000_000 },
  // The traffic-aware kinds search a max-flow or shortest paths whenever a failure touches their witness.
  'nafin-traffic': { one: 20_000_000, two: 40_000_000, batchSize: 1_000_000 },
  'generated-250': { one: 4_000_000, two: 8_000_000, batchSize: 40_000 },
  // The scale check: 1,000,000 scenarios of the 2,500-site model on 2 workers, streaming counts only.
  'generated-2500': { one: 300_000, two: 1_000_000, batchSize: 10_000 },
};

/**
 * A throughput measurement: scenarios per second of the best ~0.15 s chunk (other engineers' jobs share the
 * machine, so the best chunk is the least disturbed one; every implementation is measured the same way), with
 * the median chunk and the overall rate for reference.
 */
interface Timing {
  readonly scenarios: number;
  readonly seconds: number;
  readonly scenariosPerSecond: number;
  readonly medianScenariosPerSecond: number;
  readonly overallScenariosPerSecond: number;
  readonly chunks: number;
  readonly unavailability: number[];
}

interface KindResult {
  readonly services: string[];
  readonly fast: Timing;
  readonly simple: Timing;
  readonly straightforward: Timing;
  readonly networkx: Timing | null;
  readonly ratios: {
    readonly fastOverNetworkx: number | null;
    readonly fastOverStraightforward: number;
    readonly fastOverSimple: number;
    readonly simpleOverNetworkx: number | null;
  };
}

interface ModelResult {
  readonly name: BenchModelName;
  readonly description: string;
  readonly nodes: number;
  readonly links: number;
  readonly groups: number;
  readonly services: number;
  /** Sum of element failure probabilities: the mean number of independent element failures per scenario. */
  readonly meanElementFailures: number;
  readonly kinds: Record<string, KindResult>;
  /**
   * Does the fast path care that probabilities differ? The model as is against every element at the mean
   * probability (same expected failure count), timed A/B: the sampler alone (no services) and end to end (all
   * services; which elements fail then also changes the evaluation work).
   */
  readonly uniformProbability: {
    readonly samplerDiffering: Timing;
    readonly samplerUniform: Timing;
    readonly samplerDifferingOverUniform: number;
    readonly differing: Timing;
    readonly uniform: Timing;
    readonly differingOverUniform: number;
  };
  readonly parallel: {
    readonly oneWorker: ParallelRunResult | null;
    readonly twoWorkers: ParallelRunResult | null;
    readonly speedup: number | null;
    /** Speed-up per core actually obtained: (rate2 / cores2) / (rate1 / cores1); ~1 means linear scaling. */
    readonly efficiencyPerCore: number | null;
    readonly error?: string;
  };
}

interface BenchResults {
  readonly date: string;
  readonly engineVersion: string;
  readonly node: string;
  readonly cpu: string;
  readonly cores: number;
  readonly loadAverageAtStart: number[];
  readonly quick: boolean;
  readonly models: ModelResult[];
  readonly harnessPeakRssBytes: number;
  readonly seconds: number;
  /** CLI start-up: --version, --help, validate (bench/startup.ts). */
  readonly startup: readonly StartupRow[];
  /** What users wait for: the default study to 5% on 1 and 2 workers, its report (bench/end-to-end.ts); null in quick runs. */
  readonly endToEnd: EndToEndResult | null;
  /** The dense failure regime: dodecahedron at q = 0.1 against C and networkx, and the crossover (bench/dense-regime.ts). */
  readonly denseRegime: DenseRegimeResult;
  readonly rareEvent: unknown;
  readonly distributed: unknown;
}

const CHUNK_SECONDS = 0.15;

/** Collects chunk rates from timed units of work; a chunk closes once its own time reaches CHUNK_SECONDS. */
function createChunkTimer() {
  const rates: number[] = [];
  let chunkSeconds = 0;
  let chunkScenarios = 0;
  let scenarios = 0;
  let seconds = 0;
  return {
    /** Records `count` scenarios that took `duration` seconds; returns the total time recorded. */
    record(count: number, duration: number): number {
      chunkScenarios += count;
      chunkSeconds += duration;
      scenarios += count;
      seconds += duration;
      if (chunkSeconds >= CHUNK_SECONDS) {
        rates.push(chunkScenarios / chunkSeconds);
        chunkSeconds = 0;
        chunkScenarios = 0;
      }
      return seconds;
    },
    finish(down: ArrayLike<number>): Timing {
      if (rates.length === 0) rates.push(scenarios / seconds);
      const sorted = [...rates].sort((a, b) => a - b);
      return {
        scenarios,
        seconds,
        scenariosPerSecond: sorted[sorted.length - 1],
        medianScenariosPerSecond: sorted[Math.floor(sorted.length / 2)],
        overallScenariosPerSecond: scenarios / seconds,
        chunks: rates.length,
        unavailability: Array.from(down, (d) => d / scenarios),
      };
    },
  };
}

/** Times one unit of work in seconds. */
function timed(work: () => void): number {
  const started = performance.now();
  work();
  return (performance.now() - started) / 1000;
}

/** Runs batches of one plan in-process for about `budgetSeconds` after one warm-up batch. */
function timeEngine(
  model: CompiledModel,
  scenario: CompiledScenario,
  sampler: CrudeSampler,
  budgetSeconds: number,
  batchSize: number,
): Timing {
  const plan = benchPlan(model, scenario, Number.MAX_SAFE_INTEGER, batchSize);
  const down = new Float64Array(model.services.length);
  // Warm-up on its own batch index: builds the fast-path data and lets the JIT compile the loop.
  runBatch(plan, 0, 1_000_000, batchSize, { sampler });
  const timer = createChunkTimer();
  let batch = 0;
  let seconds = 0;
  while (seconds < budgetSeconds) {
    let result: BatchResult | null = null;
    const duration = timed(() => (result = runBatch(plan, 0, batch++, batchSize, { sampler })));
    (result as BatchResult | null)?.services.forEach((t, s) => (down[s] += t.kind === 'crude' ? t.down : 0));
    seconds = timer.record(batchSize, duration);
  }
  return timer.finish(down);
}

/**
 * A/B timing: alternates batches of several variants (same batch size) so that they share the machine's
 * conditions; each variant gets its own chunk timer over its own batches.
 */
function timeInterleaved(
  variants: ReadonlyArray<{ model: CompiledModel; scenario: CompiledScenario }>,
  budgetSeconds: number,
  batchSize: number,
): Timing[] {
  const plans = variants.map((v) => benchPlan(v.model, v.scenario, Number.MAX_SAFE_INTEGER, batchSize));
  plans.forEach((plan) => runBatch(plan, 0, 1_000_000, batchSize));
  const timers = plans.map(() => createChunkTimer());
  const down = plans.map((plan) => new Float64Array(plan.model.services.length));
  let total = 0;
  for (let batch = 0; total < budgetSeconds; batch++) {
    plans.forEach((plan, v) => {
      let result: BatchResult | null = null;
      const duration = timed(() => (result = runBatch(plan, 0, batch, batchSize)));
      (result as BatchResult | null)?.services.forEach((t, s) => (down[v][s] += t.kind === 'crude' ? t.down : 0));
      timers[v].record(batchSize, duration);
      total += duration;
    });
  }
  return timers.map((timer, v) => timer.finish(down[v]));
}

/** Batch size giving batches of roughly 20 ms at a rough rate estimate (at least 1,000): several per chunk. */
function batchFor(model: CompiledModel, scenario: CompiledScenario, sampler: CrudeSampler): number {
  const probe = 2000;
  const plan = benchPlan(model, scenario, probe, probe);
  runBatch(plan, 0, 999_999, probe, { sampler });
  const started = performance.now();
  runBatch(plan, 0, 999_998, probe, { sampler });
  const perScenario = Math.max(1e-9, (performance.now() - started) / 1000 / probe);
  return Math.max(1000, Math.min(2_000_000, Math.round(0.02 / perScenario / 1000) * 1000));
}

/** The straightforward baseline, 16 scenarios per call, timed in chunks like the engine. */
function timeStraightforward(model: CompiledModel, seed: string, budgetSeconds: number): Timing {
  const run = createStraightforwardRun(model, model.services, seed);
  run.step(16);
  const timer = createChunkTimer();
  let seconds = 0;
  while (seconds < budgetSeconds)
    seconds = timer.record(
      16,
      timed(() => run.step(16)),
    );
  return timer.finish(run.down.map((d) => d));
}

function exportForNetworkx(
  bench: BenchModel,
  subsets: Array<{ name: string; services: number[] }>,
  path: string,
): void {
  const m = bench.model;
  const t = m.topology;
  const g = m.groups;
  const probability = bench.scenario.elementFailureProbability ?? m.elementFailureProbability;
  const data = {
    nodeCount: t.nodeCount,
    links: Array.from({ length: t.linkCount }, (_, j) => [t.linkSource[j], t.linkTarget[j]]),
    elementFailureProbability: Array.from(probability),
    groups: Array.from({ length: g.groupCount }, (_, k) => ({
      eventProbability: (bench.scenario.groupEventProbability ?? g.eventProbability)[k],
      members: Array.from(g.memberElement.subarray(g.memberStart[k], g.memberStart[k + 1])),
      memberFailureProbability: Array.from(g.memberFailureProbability.subarray(g.memberStart[k], g.memberStart[k + 1])),
    })),
    // Layers: logical links (link indices) and their working and protection routes (element indices, carrier
    // links numbered after the service graph's); the Python harness applies the same expansion rule.
    layers:
      m.layers === undefined
        ? []
        : Array.from(m.layers.logicalElement, (element, i) => {
            const layers = m.layers as NonNullable<typeof m.layers>;
            const route = (r: number) =>
              Array.from(layers.routeElement.subarray(layers.routeStart[r], layers.routeStart[r + 1]));
            return { link: element - t.nodeCount, working: route(2 * i), protection: route(2 * i + 1) };
          }),
    // networkx times connectivity only; the traffic-aware kinds are exported by kind and left out of its subsets.
    services: m.services.map((s) =>
      s.kind === 'connected'
        ? { kind: 'connected', terminals: Array.from(s.terminals) }
        : s.kind === 'reach'
          ? { kind: 'reach', from: Array.from(s.from), to: Array.from(s.to), k: s.k }
          : { kind: s.kind },
    ),
    // Subsets with a traffic-aware service (their "all" included) get no networkx row.
    subsets: subsets.filter((subset) =>
      subset.services.every((i) => m.services[i]?.kind === 'connected' || m.services[i]?.kind === 'reach'),
    ),
    budgetSeconds: BUDGET.networkx,
    chunkSeconds: CHUNK_SECONDS,
    seed: 1,
  };
  writeFileSync(path, JSON.stringify(data));
}

interface NetworkxOutput {
  networkx: string;
  python: string;
  subsets: Record<string, Timing>;
}

function runNetworkx(bench: BenchModel, subsets: Array<{ name: string; services: number[] }>): NetworkxOutput | string {
  const dir = join(tmpdir(), `neverout-bench-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${bench.name}.json`);
  exportForNetworkx(bench, subsets, path);
  try {
    const run = spawnSync('python3', [join(BENCH_DIR, 'networkx_baseline.py'), path], {
      encoding: 'utf8',
      timeout: 600_000,
    });
    if (run.error !== undefined) return `python3 failed: ${run.error.message}`;
    if (run.status !== 0)
      return `python3 exited with ${run.status}: ${run.stderr.trim().split('\n').slice(-1)[0] ?? ''}`;
    return JSON.parse(run.stdout) as NetworkxOutput;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function runParallel(name: BenchModelName, threads: number, samples: number, batchSize: number): ParallelRunResult {
  const tsx = join(BENCH_DIR, '..', 'node_modules', '.bin', 'tsx');
  const run = spawnSync(
    tsx,
    [join(BENCH_DIR, 'parallel-run.ts'), name, String(threads), String(samples), String(batchSize)],
    {
      encoding: 'utf8',
      timeout: 600_000,
    },
  );
  if (run.status !== 0)
    throw new Error(`parallel run ${name}/${threads} failed: ${run.stderr.trim().split('\n').slice(-3).join(' ')}`);
  const line = run.stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(line) as ParallelRunResult;
}

/**
 * A parallel run that obtained its cores: other jobs share the machine, so a run that got less than 90% of a
 * core per thread is repeated once, keeping the run that obtained more.
 */
function runParallelObtaining(
  name: BenchModelName,
  threads: number,
  samples: number,
  batchSize: number,
): ParallelRunResult {
  const first = runParallel(name, threads, samples, batchSize);
  if (first.coresUsed >= 0.9 * threads) return first;
  const second = runParallel(name, threads, samples, batchSize);
  return second.coresUsed > first.coresUsed ? second : first;
}

const ratio = (a: number, b: number | undefined | null): number | null =>
  b === undefined || b === null || b <= 0 ? null : a / b;

function formatRate(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  if (x >= 1e6) return `${(x / 1e6).toFixed(2)}M`;
  if (x >= 1e3) return `${(x / 1e3).toFixed(1)}k`;
  return x.toFixed(0);
}

function formatRatio(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  return x >= 100 ? `${x.toFixed(0)}x` : `${x.toFixed(2)}x`;
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

async function benchModel(name: BenchModelName): Promise<ModelResult> {
  const bench = await loadBenchModel(name);
  const model = bench.model;
  const subsets = serviceSubsets(model);
  let meanElementFailures = 0;
  const probability = bench.scenario.elementFailureProbability ?? model.elementFailureProbability;
  for (let e = 0; e < probability.length; e++) meanElementFailures += probability[e];
  console.log(`\n== ${name}: ${bench.description}`);
  console.log(
    `   ${model.topology.nodeCount} nodes, ${model.topology.linkCount} links, ${model.groups.groupCount} risk groups, ` +
      `${model.services.length} services; ${meanElementFailures.toFixed(3)} element failures per scenario on average`,
  );

  const kinds: Record<string, KindResult> = {};
  const engine: Record<string, { fast: Timing; simple: Timing; straightforward: Timing }> = {};
  for (const subset of subsets) {
    const subModel = withServices(model, subset.services);
    const fastBatch = batchFor(subModel, bench.scenario, 'fast');
    const fast = timeEngine(subModel, bench.scenario, 'fast', BUDGET.fast, fastBatch);
    const simple = timeEngine(
      subModel,
      bench.scenario,
      'simple',
      BUDGET.simple,
      batchFor(subModel, bench.scenario, 'simple'),
    );
    const straightforward = timeStraightforward(subModel, `bench|${name}|${subset.name}`, BUDGET.straightforward);
    engine[subset.name] = { fast, simple, straightforward };
  }
  const networkx = runNetworkx(bench, subsets);
  if (typeof networkx === 'string') console.log(`   networkx baseline unavailable: ${networkx}`);
  else console.log(`   networkx ${networkx.networkx} on Python ${networkx.python}`);

  console.log(
    `   ${pad('services', 18)}${pad('fast', 10)}${pad('simple', 10)}${pad('straight', 10)}${pad('networkx', 10)}` +
      `${pad('fast/nx', 10)}${pad('fast/straight', 15)}${pad('fast/simple', 12)}(scenarios/s per core)`,
  );
  for (const subset of subsets) {
    const { fast, simple, straightforward } = engine[subset.name];
    const nx = typeof networkx === 'string' ? null : (networkx.subsets[subset.name] ?? null);
    const result: KindResult = {
      services: subset.services.map((i) => model.services[i].id),
      fast,
      simple,
      straightforward,
      networkx: nx,
      ratios: {
        fastOverNetworkx: ratio(fast.scenariosPerSecond, nx?.scenariosPerSecond),
        fastOverStraightforward: fast.scenariosPerSecond / straightforward.scenariosPerSecond,
        fastOverSimple: fast.scenariosPerSecond / simple.scenariosPerSecond,
        simpleOverNetworkx: ratio(simple.scenariosPerSecond, nx?.scenariosPerSecond),
      },
    };
    kinds[subset.name] = result;
    console.log(
      `   ${pad(`${subset.name} (${subset.services.length})`, 18)}${pad(formatRate(fast.scenariosPerSecond), 10)}` +
        `${pad(formatRate(simple.scenariosPerSecond), 10)}${pad(formatRate(straightforward.scenariosPerSecond), 10)}` +
        `${pad(formatRate(nx?.scenariosPerSecond), 10)}${pad(formatRatio(result.ratios.fastOverNetworkx), 10)}` +
        `${pad(formatRatio(result.ratios.fastOverStraightforward), 15)}${pad(formatRatio(result.ratios.fastOverSimple), 12)}`,
    );
  }

  const differingModel: CompiledModel = { ...model, elementFailureProbability: probability };
  const uniformModel = withUniformProbability(differingModel);
  const plainScenario: CompiledScenario = { ...bench.scenario, elementFailureProbability: null };
  const abBatch = batchFor(uniformModel, plainScenario, 'fast');
  const [samplerDiffering, samplerUniform] = timeInterleaved(
    [
      { model: { ...differingModel, services: [] }, scenario: plainScenario },
      { model: { ...uniformModel, services: [] }, scenario: plainScenario },
    ],
    BUDGET.fast,
    abBatch,
  );
  const [differing, uniform] = timeInterleaved(
    [
      { model: differingModel, scenario: plainScenario },
      { model: uniformModel, scenario: plainScenario },
    ],
    BUDGET.fast,
    abBatch,
  );
  const uniformProbability = {
    samplerDiffering,
    samplerUniform,
    samplerDifferingOverUniform: samplerDiffering.scenariosPerSecond / samplerUniform.scenariosPerSecond,
    differing,
    uniform,
    differingOverUniform: differing.scenariosPerSecond / uniform.scenariosPerSecond,
  };
  console.log(
    `   differing probabilities vs every element at the mean (A/B): sampler only ` +
      `${formatRate(samplerDiffering.scenariosPerSecond)} vs ${formatRate(samplerUniform.scenariosPerSecond)} ` +
      `(${formatRatio(uniformProbability.samplerDifferingOverUniform)}); all services ` +
      `${formatRate(differing.scenariosPerSecond)} vs ${formatRate(uniform.scenariosPerSecond)} ` +
      `(${formatRatio(uniformProbability.differingOverUniform)})`,
  );

  const p = PARALLEL[name];
  const scale = (n: number): number => Math.max(p.batchSize * 4, Math.round((n * SCALE) / p.batchSize) * p.batchSize);
  let parallel: ModelResult['parallel'];
  try {
    const oneWorker = runParallelObtaining(name, 1, scale(p.one), p.batchSize);
    const twoWorkers = runParallelObtaining(name, 2, scale(p.two), p.batchSize);
    const speedup = twoWorkers.scenariosPerSecond / oneWorker.scenariosPerSecond;
    const efficiencyPerCore =
      twoWorkers.scenariosPerSecond / twoWorkers.coresUsed / (oneWorker.scenariosPerSecond / oneWorker.coresUsed);
    parallel = { oneWorker, twoWorkers, speedup, efficiencyPerCore };
    console.log(
      `   runPlan, thread pool, batches of ${p.batchSize}: 1 worker ${formatRate(oneWorker.scenariosPerSecond)}/s ` +
        `(${oneWorker.samples} scenarios), 2 workers ${formatRate(twoWorkers.scenariosPerSecond)}/s ` +
        `(${twoWorkers.samples} scenarios in ${twoWorkers.seconds.toFixed(1)} s); speed-up ${speedup.toFixed(2)}x; ` +
        `peak RSS ${(oneWorker.peakRssBytes / 2 ** 20).toFixed(0)} MiB / ${(twoWorkers.peakRssBytes / 2 ** 20).toFixed(0)} MiB`,
    );
    console.log(
      `   cores obtained ${oneWorker.coresUsed.toFixed(2)} / ${twoWorkers.coresUsed.toFixed(2)} ` +
        `(other jobs share the machine); throughput per core obtained, 2 vs 1 workers: ${formatRatio(efficiencyPerCore)}`,
    );
  } catch (error) {
    parallel = { oneWorker: null, twoWorkers: null, speedup: null, efficiencyPerCore: null, error: String(error) };
    console.log(`   parallel runs failed: ${String(error)}`);
  }

  return {
    name,
    description: bench.description,
    nodes: model.topology.nodeCount,
    links: model.topology.linkCount,
    groups: model.groups.groupCount,
    services: model.services.length,
    meanElementFailures,
    kinds,
    uniformProbability,
    parallel,
  };
}

/** Calls an optional benchmark module's export, if the module exists; failures are reported, not thrown. */
async function runOptional(file: string, exportName: string, guard?: () => Promise<string | null>): Promise<unknown> {
  const path = join(BENCH_DIR, file);
  if (process.env.NEVEROUT_BENCH_SKIP_EXTRAS === '1') return { skipped: 'NEVEROUT_BENCH_SKIP_EXTRAS=1' };
  if (!existsSync(path)) return { skipped: `${file} not present` };
  try {
    const reason = guard === undefined ? null : await guard();
    if (reason !== null) return { skipped: reason };
    const module = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
    const run = module[exportName];
    if (typeof run !== 'function') return { skipped: `${file} does not export ${exportName}()` };
    console.log(`\n== ${file}: ${exportName}()`);
    const started = performance.now();
    const result: unknown = await (run as () => unknown)();
    console.log(`   done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    console.log(`   ${JSON.stringify(result).slice(0, 600)}`);
    return result;
  } catch (error) {
    console.log(`   ${file} failed: ${String(error)}`);
    return { error: String(error) };
  }
}

/** The distributed benchmark needs Redis: probe it for a second before trying. */
function probeRedis(): Promise<string | null> {
  const url = new URL(process.env.NEVEROUT_BENCH_REDIS ?? 'redis://127.0.0.1:6379');
  return new Promise((resolve) => {
    const socket = connect({ host: url.hostname, port: Number(url.port || 6379) });
    const done = (reason: string | null): void => {
      socket.destroy();
      resolve(reason);
    };
    socket.setTimeout(1000, () => done(`no Redis at ${url.host}`));
    socket.once('connect', () => done(null));
    socket.once('error', () => done(`no Redis at ${url.host}`));
  });
}

function compareWithBaseline(current: BenchResults): void {
  const path = join(RESULTS_DIR, 'baseline.json');
  if (!existsSync(path)) {
    console.log('\nNo bench/results/baseline.json yet: copy latest.json there to start comparing.');
    return;
  }
  const baseline = JSON.parse(readFileSync(path, 'utf8')) as BenchResults;
  console.log(
    `\n== current / baseline (baseline of ${baseline.date}, engine ${baseline.engineVersion}); noisy on shared machines`,
  );
  for (const model of current.models) {
    const before = baseline.models.find((m) => m.name === model.name);
    if (before === undefined) continue;
    const cells = Object.entries(model.kinds).map(([kind, k]) => {
      const b = before.kinds[kind]?.fast.scenariosPerSecond;
      return `${kind} ${formatRatio(ratio(k.fast.scenariosPerSecond, b))}`;
    });
    const speedup = ratio(model.parallel.speedup ?? NaN, before.parallel.speedup);
    const rss = ratio(model.parallel.twoWorkers?.peakRssBytes ?? NaN, before.parallel.twoWorkers?.peakRssBytes);
    console.log(
      `   ${pad(model.name, 16)} fast: ${cells.join(', ')}; speed-up ${formatRatio(speedup)}; peak RSS ${formatRatio(rss)}`,
    );
  }
}

function summarize(results: BenchResults): void {
  console.log('\n== targets (measured, not asserted)');
  const nafin = results.models.find((m) => m.name === 'nafin-default');
  const big = results.models.find((m) => m.name === 'generated-2500');
  const worst = (m: ModelResult | undefined): number | null => {
    if (m === undefined) return null;
    const values = Object.values(m.kinds)
      .map((k) => k.ratios.fastOverNetworkx)
      .filter((x): x is number => x !== null);
    return values.length === 0 ? null : Math.min(...values);
  };
  console.log(`   default model, fast / networkx, worst service kind: ${formatRatio(worst(nafin))} (target >= 2000x)`);
  for (const m of results.models) {
    console.log(
      `   ${pad(m.name, 16)} differing / uniform probabilities: sampler ` +
        `${formatRatio(m.uniformProbability.samplerDifferingOverUniform)}, end to end ` +
        `${formatRatio(m.uniformProbability.differingOverUniform)} (target ~1x); speed-up 1 -> 2 workers: ` +
        `${formatRatio(m.parallel.speedup)} (target >= 1.8x; cores obtained ` +
        `${m.parallel.oneWorker?.coresUsed.toFixed(2) ?? '—'} / ${m.parallel.twoWorkers?.coresUsed.toFixed(2) ?? '—'})`,
    );
  }
  if (big?.parallel.twoWorkers) {
    const t = big.parallel.twoWorkers;
    console.log(
      `   generated-2500: ${t.samples} scenarios on 2 workers in ${t.seconds.toFixed(1)} s, peak RSS ` +
        `${(t.peakRssBytes / 2 ** 20).toFixed(0)} MiB (target < 1024 MiB)`,
    );
  }
}

async function main(): Promise<void> {
  const started = performance.now();
  const models: ModelResult[] = [];
  console.log(
    `neverout bench: engine ${ENGINE_VERSION}, Node ${process.version}, ${availableParallelism()} cores ` +
      `(${cpus()[0]?.model ?? 'unknown CPU'}), load average ${loadavg()
        .map((x) => x.toFixed(1))
        .join(' ')}` +
      (QUICK ? ' [quick]' : ''),
  );
  const loadAverageAtStart = loadavg();
  for (const name of BENCH_MODEL_NAMES) models.push(await benchModel(name));
  console.log('\n== dense failure regime (one core; the C reference compiled here with cc -O3 if a compiler is found)');
  const denseRegime = runDenseRegimeBench();
  console.log(formatDenseRegimeRows(denseRegime));
  console.log('\n== start-up (fresh processes of the built CLI)');
  const startup = runStartupBench(QUICK ? 3 : 7);
  console.log(formatStartupRows(startup));
  let endToEnd: EndToEndResult | null = null;
  if (!QUICK) {
    console.log('\n== end to end (fresh processes of the built CLI)');
    endToEnd = await runEndToEndBench();
    console.log(formatEndToEndRows(endToEnd));
  }
  const rareEvent = await runOptional('rare-event.ts', 'runRareEventBench');
  const distributed = await runOptional('distributed.ts', 'runDistributedBench', probeRedis);
  const results: BenchResults = {
    date: new Date().toISOString(),
    engineVersion: ENGINE_VERSION,
    node: process.version,
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: availableParallelism(),
    loadAverageAtStart,
    quick: QUICK,
    models,
    harnessPeakRssBytes: resourceUsage().maxRSS * 1024,
    seconds: (performance.now() - started) / 1000,
    startup,
    endToEnd,
    denseRegime,
    rareEvent,
    distributed,
  };
  summarize(results);
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(join(RESULTS_DIR, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nSaved bench/results/latest.json (${results.seconds.toFixed(0)} s in all).`);
  compareWithBaseline(results);
}

await main();
// Open handles (a Redis client of an optional benchmark) must not keep the process alive.
process.exit(0);
