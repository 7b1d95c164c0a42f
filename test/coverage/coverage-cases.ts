// Interval coverage of every static estimator against exact values: each case runs one estimator through the
// engine's batches, merge and estimate (the interval a user sees) under many seeds, and counts how often the 95%
// interval contains the exact unavailability. Shared by the CI test (coverage.test.ts) and `npm run coverage`.

import {
  addBatch,
  aggregateServices,
  clopperPearsonInterval,
  createScenarioTally,
  estimateServiceFigures,
  runBatch,
  type CompiledModel,
  type CompiledScenario,
  type EstimateInterval,
  type ServiceEstimatorKind,
  type SimulationPlan,
} from '../../engine/index.ts';
import { computeExactUnavailability } from '../../engine/exact/index.ts';
import { buildBaselineScenario } from '../support/build-model.ts';
import { compileReferenceCase, readReferenceCase } from '../support/reference-model.ts';

/** One estimator on one network: how one seed's interval is made, and the exact value it must contain. */
export interface CoverageCase {
  readonly name: string;
  readonly estimator: string;
  readonly exact: number;
  /** Samples per interval (rare-event samples for PMC), split over `batches` batches. */
  readonly samples: number;
  readonly batches: number;
  interval(seed: string): EstimateInterval;
}

/** The result of a case over a number of seeds. */
export interface CoverageResult {
  readonly name: string;
  readonly estimator: string;
  readonly exact: number;
  readonly samples: number;
  readonly seeds: number;
  readonly covered: number;
  /** Intervals entirely below the exact value (they overstate availability). */
  readonly below: number;
  readonly above: number;
  /** Binomial 99% (Clopper-Pearson) band of the coverage. */
  readonly band: EstimateInterval;
  /** True when the band contains the nominal 95%. */
  readonly accepted: boolean;
}

/** A reference network with every failing element's probability replaced by `q` (null: as in the file). */
function referenceModel(name: string, q: number | null = null): CompiledModel {
  const file = readReferenceCase(name);
  if (q !== null) {
    for (const node of file.nodes) if (node.p_fail) node.p_fail = q;
    for (const link of file.links) if (link.p_fail) link.p_fail = q;
  }
  return compileReferenceCase(file);
}

function exactOf(model: CompiledModel, scenario: CompiledScenario, layeredExact: number | null = null): number {
  // A layered model's exact value comes from its reference file (the frontier DP does not take layers).
  if (layeredExact !== null) return layeredExact;
  const exact = computeExactUnavailability(model, 0, { scenario });
  if (exact === null) throw new Error('the exact method gave up on a coverage case');
  return exact.unavailability;
}

/**
 * A case through runBatch: `batches` batches of the plan, merged in batch order, estimated by
 * estimateServiceFigures. For PMC the crude part of each batch is one sample (its tally is replaced).
 */
function batchCase(
  name: string,
  model: CompiledModel,
  scenario: CompiledScenario,
  estimator: ServiceEstimatorKind,
  samples: number,
  batches: number,
  layeredExact: number | null = null,
): CoverageCase {
  const compiled: CompiledScenario = { ...scenario, serviceEstimators: [estimator] };
  const perBatch = Math.ceil(samples / batches);
  const exact = exactOf(model, scenario, layeredExact);
  const endpoints = 2;
  let estimatorName = estimator as string;
  return {
    name,
    get estimator() {
      return estimatorName;
    },
    exact,
    samples,
    batches,
    interval(seed) {
      const plan: SimulationPlan = {
        model,
        scenarios: [compiled],
        seed,
        batchSize: estimator === 'crude' ? perBatch : 1,
        stopping: { relativeError: null, maxSamples: samples, maxTimeSeconds: null, minSamples: 0 },
        rareEventSamplesPerBatch: perBatch,
      };
      const tally = createScenarioTally(0);
      for (let b = 0; b < batches; b++) addBatch(tally, runBatch(plan, 0, b, plan.batchSize));
      const figures = estimateServiceFigures(aggregateServices(tally, batches)[0], endpoints);
      estimatorName = figures.estimator;
      return figures.unavailability;
    },
  };
}

/** The cases of the coverage table, built once (exact values cost a frontier DP each). */
export function listCoverageCases(): CoverageCase[] {
  const bridge = referenceModel('bridge-q0.1');
  const dodecahedron = referenceModel('dodecahedron-q0.001');
  const nodes = referenceModel('dodecahedron-nodes-perfect-terminals-q0.01', 0.001);
  const grouped = referenceModel('dodecahedron-riskgroup-q0.01');
  const baseline = buildBaselineScenario();
  // Link 0 (between terminal 0 and a neighbour) forced down: the forced-link case of issue 12.
  const forced = buildBaselineScenario({
    id: 'link-down',
    name: 'link-down',
    forcedElements: Uint32Array.from([nodes.topology.nodeCount]),
  });
  return [
    batchCase('bridge, q = 0.1', bridge, baseline, 'crude', 5_000, 5),
    batchCase('dodecahedron, links q = 0.001', dodecahedron, baseline, 'pmc', 2_000, 4),
    batchCase('dodecahedron, nodes and links q = 0.001, perfect terminals', nodes, baseline, 'pmc', 2_000, 4),
    batchCase(
      'dodecahedron q = 0.001, one link forced down (PMC given the forced state)',
      dodecahedron,
      forced,
      'pmc',
      2_000,
      4,
    ),
    batchCase('dodecahedron q = 0.01 with a shared duct (risk group)', grouped, baseline, 'pmc', 2_000, 4),
    ...listStratifiedCases(),
  ];
}

/**
 * Stratified sampling (engine/rare/stratified-sampling.ts): a layered model with a duct under a working and a
 * protection segment, a duct whose links fail at random when it is dug (the single-event stratum is sampled), a
 * forced link, and a dug duct whose links fail with probability 0.3 (likely: drawn as background atoms); each with enough sampled failures for its interval to be tested (a handful would make the
 * Clopper-Pearson interval cover nearly always, and fail the band for being too long).
 */
function listStratifiedCases(): CoverageCase[] {
  const circuitsFile = readReferenceCase('circuits-ring6-q0.01');
  const circuits = compileReferenceCase(circuitsFile);
  const dug = referenceModel('dodecahedron-riskgroup-q0.01');
  const randomDuct: CompiledModel = {
    ...dug,
    groups: {
      ...dug.groups,
      eventProbability: Float64Array.from(dug.groups.eventProbability, () => 0.2),
      memberFailureProbability: Float64Array.from(dug.groups.memberFailureProbability, () => 0.5),
    },
  };
  const dodecahedron = referenceModel('dodecahedron-q0.01', 0.05);
  const forced = buildBaselineScenario({
    id: 'link-down',
    name: 'link-down',
    forcedElements: Uint32Array.from([dodecahedron.topology.nodeCount]),
  });
  const baseline = buildBaselineScenario();
  // The duct dug (forced), each of its links failing with probability 0.3: background atoms of the stratified plan.
  const ductDug = buildBaselineScenario({ id: 'duct-dug', name: 'duct-dug', forcedGroups: Uint32Array.of(0) });
  const likelyDuct: CompiledModel = {
    ...dug,
    groups: { ...dug.groups, memberFailureProbability: Float64Array.from(dug.groups.memberFailureProbability, () => 0.3) },
  };
  return [
    batchCase('1+1 circuits over a six-segment ring with a shared duct (layered)', circuits, baseline, 'stratified', 4_000, 4, circuitsFile.exact.unavailability),
    batchCase('dodecahedron q = 0.01, a duct (event 0.2) whose links fail with probability 0.5', randomDuct, baseline, 'stratified', 20_000, 4),
    batchCase('dodecahedron q = 0.05, one link forced down (stratified)', dodecahedron, forced, 'stratified', 4_000, 4),
    batchCase('dodecahedron q = 0.01, its duct dug, links failing with probability 0.3 (background)', likelyDuct, ductDug, 'stratified', 4_000, 4),
  ];
}

/** The seeds per case in CI (npm test): at least 200, and the suite stays well under 3 minutes on 2 cores. */
export const CI_COVERAGE_SEEDS = 300;

/** Runs a case under `seeds` seeds (`coverage-0` ...). */
export function measureCoverage(c: CoverageCase, seeds: number): CoverageResult {
  let covered = 0;
  let below = 0;
  let above = 0;
  for (let i = 0; i < seeds; i++) {
    const interval = c.interval(`coverage-${i}`);
    if (interval.upper < c.exact) below++;
    else if (interval.lower > c.exact) above++;
    else covered++;
  }
  const band = clopperPearsonInterval(covered, seeds, 0.99);
  return {
    name: c.name,
    estimator: c.estimator,
    exact: c.exact,
    samples: c.samples,
    seeds,
    covered,
    below,
    above,
    band,
    accepted: band.lower <= 0.95 && 0.95 <= band.upper,
  };
}

/** The coverage table as Markdown. */
export function formatCoverageTable(results: readonly CoverageResult[]): string {
  const percent = (x: number): string => `${(100 * x).toFixed(1)}%`;
  const lines = [
    '| case | estimator | exact u | samples | seeds | coverage | 99% band | below / above | accepted |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of results) {
    lines.push(
      `| ${r.name} | ${r.estimator} | ${r.exact.toPrecision(4)} | ${r.samples} | ${r.seeds} | ${percent(r.covered / r.seeds)} | ` +
        `${percent(r.band.lower)}-${percent(r.band.upper)} | ${r.below} / ${r.above} | ${r.accepted ? 'yes' : 'NO'} |`,
    );
  }
  return lines.join('\n');
}
