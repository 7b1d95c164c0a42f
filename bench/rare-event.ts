// Benchmark of the rare-event estimator: work-normalized relative variance of permutation Monte Carlo (turnip)
// against crude Monte Carlo on the dodecahedron 0-15 benchmark, and the time PMC needs for 5% relative error.
// Run with `npx tsx bench/rare-event.ts`; a harness can call runRareEventBench() instead.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { computeExactUnavailability } from '../engine/exact/index.ts';
import type { CompiledModel, CompiledScenario } from '../engine/model.ts';
import { createPmcScratch, runPmcSamples } from '../engine/rare/index.ts';
import { createBatchStream, type UniformSource } from '../engine/sampling/random-stream.ts';
import { buildCsrTopology } from '../engine/topology/csr-topology.ts';

/** One benchmark row: one link failure probability q. Work-normalized relative variance = RV per sample × s/sample. */
export interface RareEventBenchRow {
  readonly q: number;
  readonly exactUnavailability: number;
  readonly pmcSamples: number;
  readonly pmcEstimate: number;
  /** Var(Y) / u² per sample. */
  readonly pmcRelativeVariance: number;
  readonly pmcSecondsPerSample: number;
  readonly pmcWorkNormalizedRelativeVariance: number;
  readonly crudeSamples: number;
  /** Crude estimate from the timed run (often 0 when u is tiny). */
  readonly crudeEstimate: number;
  /** (1 - u) / u, the Bernoulli relative variance, from the exact u (the timed run is too short to estimate it). */
  readonly crudeRelativeVariance: number;
  readonly crudeSecondsPerSample: number;
  readonly crudeWorkNormalizedRelativeVariance: number;
  /** crude / PMC work-normalized relative variance: how many times less work PMC needs for the same precision. */
  readonly efficiencyRatio: number;
  /** Predicted seconds to a 95% CI half-width of 5% of u: (1.96 / 0.05)² × RV × s/sample. */
  readonly pmcPredictedSecondsTo5Percent: number;
  readonly crudePredictedSecondsTo5Percent: number;
  /** Measured: PMC run in batches of 1000 until the 95% half-width is <= 5% of the estimate; null if not run. */
  readonly pmcMeasuredSecondsTo5Percent: number | null;
  readonly pmcMeasuredSamplesTo5Percent: number | null;
}

export interface RareEventBenchOptions {
  readonly failureProbabilities?: readonly number[];
  readonly pmcSamples?: number;
  readonly crudeSamples?: number;
  /** q at which the time to 5% relative error is measured. */
  readonly measureTimeAtQ?: number;
  readonly seed?: string;
}

const Z_95 = 1.959963984540054;
const TARGET_RELATIVE_ERROR = 0.05;
const BATCH = 1000;

const BASELINE: CompiledScenario = {
  id: 'baseline',
  name: 'Baseline',
  forcedElements: new Uint32Array(0),
  forcedGroups: new Uint32Array(0),
  randomFailures: true,
  elementFailureProbability: null,
  groupEventProbability: null,
  attack: { kind: 'none' },
};

/** Runs the benchmark: for each q, time PMC and crude Monte Carlo on the dodecahedron 0-15 with links failing. */
export function runRareEventBench(options: RareEventBenchOptions = {}): RareEventBenchRow[] {
  const qs = options.failureProbabilities ?? [0.1, 0.01, 0.001];
  const pmcSamples = options.pmcSamples ?? 20_000;
  const crudeSamples = options.crudeSamples ?? 300_000;
  const measureAt = options.measureTimeAtQ ?? 0.001;
  const seed = options.seed ?? 'bench-rare-event';
  const rows: RareEventBenchRow[] = [];
  for (const q of qs) {
    const model = loadDodecahedron(q);
    const exact = computeExactUnavailability(model, 0)?.unavailability ?? NaN;
    const scratch = createPmcScratch(model);
    // Warm up the JIT on a short run so the timed run measures steady-state code.
    runPmcSamples(model, BASELINE, 0, createBatchStream(seed, 'warmup', 0), 2000, scratch);
    const pmcStart = performance.now();
    const sums = runPmcSamples(model, BASELINE, 0, createBatchStream(seed, `pmc-${q}`, 0), pmcSamples, scratch);
    const pmcSeconds = (performance.now() - pmcStart) / 1000;
    const pmcEstimate = sums.sum / pmcSamples;
    const pmcVariance = (sums.sumSquares - pmcSamples * pmcEstimate * pmcEstimate) / (pmcSamples - 1);
    const pmcRelativeVariance = pmcVariance / (exact * exact);
    const pmcSecondsPerSample = pmcSeconds / pmcSamples;

    const crude = createCrudeSampler(model);
    crude(createBatchStream(seed, 'crude-warmup', 0), 20_000);
    const crudeStart = performance.now();
    const failures = crude(createBatchStream(seed, `crude-${q}`, 0), crudeSamples);
    const crudeSecondsPerSample = (performance.now() - crudeStart) / 1000 / crudeSamples;
    const crudeRelativeVariance = (1 - exact) / exact;

    const factor = (Z_95 / TARGET_RELATIVE_ERROR) ** 2;
    let measuredSeconds: number | null = null;
    let measuredSamples: number | null = null;
    if (q === measureAt) {
      const result = measureTimeToRelativeError(model, seed);
      measuredSeconds = result.seconds;
      measuredSamples = result.samples;
    }
    const pmcWork = pmcRelativeVariance * pmcSecondsPerSample;
    const crudeWork = crudeRelativeVariance * crudeSecondsPerSample;
    rows.push({
      q,
      exactUnavailability: exact,
      pmcSamples,
      pmcEstimate,
      pmcRelativeVariance,
      pmcSecondsPerSample,
      pmcWorkNormalizedRelativeVariance: pmcWork,
      crudeSamples,
      crudeEstimate: failures / crudeSamples,
      crudeRelativeVariance,
      crudeSecondsPerSample,
      crudeWorkNormalizedRelativeVariance: crudeWork,
      efficiencyRatio: crudeWork / pmcWork,
      pmcPredictedSecondsTo5Percent: factor * pmcWork,
      crudePredictedSecondsTo5Percent: factor * crudeWork,
      pmcMeasuredSecondsTo5Percent: measuredSeconds,
      pmcMeasuredSamplesTo5Percent: measuredSamples,
    });
  }
  return rows;
}

/** Runs PMC in batches (merged in order, as the engine's stopping rule does) until the 95% half-width <= 5%. */
function measureTimeToRelativeError(model: CompiledModel, seed: string): { seconds: number; samples: number } {
  const scratch = createPmcScratch(model);
  const start = performance.now();
  let sum = 0;
  let sumSquares = 0;
  let samples = 0;
  for (let batch = 0; batch < 10_000; batch++) {
    const sums = runPmcSamples(model, BASELINE, 0, createBatchStream(seed, 'time-to-5', batch), BATCH, scratch);
    sum += sums.sum;
    sumSquares += sums.sumSquares;
    samples += BATCH;
    const mean = sum / samples;
    const halfWidth = Z_95 * Math.sqrt((sumSquares - samples * mean * mean) / (samples - 1) / samples);
    if (samples >= 2 * BATCH && halfWidth <= TARGET_RELATIVE_ERROR * mean) break;
  }
  return { seconds: (performance.now() - start) / 1000, samples };
}

/** Crude Monte Carlo: sample every link, union-find, test 0-15. Returns the number of samples with the service down. */
function createCrudeSampler(model: CompiledModel): (random: UniformSource, samples: number) => number {
  const { topology } = model;
  const n = topology.nodeCount;
  const parent = new Int32Array(n);
  const { linkSource, linkTarget } = topology;
  const service = model.services[0];
  if (service?.kind !== 'connected') throw new Error('the benchmark service is connected');
  const terminals = service.terminals;
  const q = model.elementFailureProbability;
  const find = (v: number): number => {
    let x = v;
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  return (random, samples) => {
    let failures = 0;
    for (let i = 0; i < samples; i++) {
      for (let v = 0; v < n; v++) parent[v] = v;
      for (let j = 0; j < topology.linkCount; j++) {
        if (random() < q[n + j]) continue;
        const a = find(linkSource[j]);
        const b = find(linkTarget[j]);
        if (a !== b) parent[a] = b;
      }
      const root = find(terminals[0]);
      for (let t = 1; t < terminals.length; t++) {
        if (find(terminals[t]) !== root) {
          failures++;
          break;
        }
      }
    }
    return failures;
  };
}

/** The dodecahedron of test/fixtures/reference (networkx labelling), two-terminal 0-15, links failing with q. */
function loadDodecahedron(q: number): CompiledModel {
  const path = join(import.meta.dirname, '../test/fixtures/reference/dodecahedron-q0.1.json');
  const file = JSON.parse(readFileSync(path, 'utf8')) as {
    nodes: Array<{ id: number }>;
    links: Array<{ a: number; b: number }>;
  };
  const n = file.nodes.length;
  const l = file.links.length;
  const topology = buildCsrTopology(
    n,
    file.links.map((link) => link.a),
    file.links.map((link) => link.b),
  );
  const failure = new Float64Array(n + l);
  failure.fill(q, n);
  return {
    topology,
    elementCount: n + l,
    elementFailureProbability: failure,
    groups: {
      groupCount: 0,
      eventProbability: new Float64Array(0),
      memberStart: new Uint32Array(1),
      memberElement: new Uint32Array(0),
      memberFailureProbability: new Float64Array(0),
    },
    services: [{ kind: 'connected', id: '0-15', terminals: Uint32Array.of(0, 15) }],
    index: {
      nodeIds: file.nodes.map((node) => String(node.id)),
      nodeNames: file.nodes.map((node) => String(node.id)),
      linkIds: file.links.map((link) => `${link.a}-${link.b}`),
      groupIds: [],
      groupNames: [],
    },
  };
}

function formatRows(rows: readonly RareEventBenchRow[]): string {
  const header = [
    'q',
    'exact u',
    'PMC est',
    'PMC RV',
    'PMC us/smp',
    'PMC WNRV',
    'crude RV',
    'crude us/smp',
    'crude WNRV',
    'crude/PMC',
    'PMC s->5%',
    'crude s->5%',
  ];
  const lines = rows.map((r) => [
    String(r.q),
    r.exactUnavailability.toExponential(4),
    r.pmcEstimate.toExponential(4),
    r.pmcRelativeVariance.toFixed(2),
    (r.pmcSecondsPerSample * 1e6).toFixed(2),
    r.pmcWorkNormalizedRelativeVariance.toExponential(2),
    r.crudeRelativeVariance.toExponential(2),
    (r.crudeSecondsPerSample * 1e6).toFixed(2),
    r.crudeWorkNormalizedRelativeVariance.toExponential(2),
    r.efficiencyRatio.toExponential(2),
    r.pmcPredictedSecondsTo5Percent.toFixed(3),
    r.crudePredictedSecondsTo5Percent.toExponential(2),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((line) => (line[i] ?? '').length)));
  const format = (cells: readonly string[]): string => cells.map((c, i) => c.padStart(widths[i] ?? 0)).join('  ');
  return [format(header), ...lines.map(format)].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const rows = runRareEventBench();
  console.log('Dodecahedron 0-15, links fail with q; WNRV = relative variance per sample x seconds per sample.');
  console.log(formatRows(rows));
  for (const row of rows) {
    if (row.pmcMeasuredSecondsTo5Percent !== null) {
      console.log(
        `q=${row.q}: PMC reached 5% relative error (95% CI half-width) in ${row.pmcMeasuredSecondsTo5Percent.toFixed(2)} s ` +
          `(${row.pmcMeasuredSamplesTo5Percent} samples, one core; target < 10 s).`,
      );
    }
  }
}
