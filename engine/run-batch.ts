// runBatch: the pure function every runner calls (one thread, the piscina pool, BullMQ workers, shards).
// Its random stream derives from (study seed, scenario id, batch index) alone (DESIGN.md invariant 1).
//
//   plan + (scenario, batch index, samples) ──stream──> sample state ──label──> evaluate services ──> tallies
//
// Crude Monte Carlo has two samplers with the same tallies: 'fast' (default; engine/fast/: skip sampling and
// structure-aware evaluation, docs/performance.md) and 'simple' (one uniform per element per scenario, so that
// models differing only in probabilities share common random numbers).

import { dependsOnLayers, viewWithoutLayers } from './analysis/index.ts';
import { InternalError } from './errors.ts';
import { getOrBuild } from './internal/plan-cache.ts';
import { SKIPPED_CRUDE_TALLY, type BatchResult, type CrudeServiceTally } from './estimation/batch-result.ts';
import { createEvaluationScratch, labelComponents } from './evaluation/service-evaluator.ts';
import { runFastCrudeBatch } from './fast/run-fast-batch.ts';
import { createImportanceScratch, runImportanceSamples } from './importance/index.ts';
import {
  DEFAULT_IMPORTANCE_SAMPLES_PER_BATCH,
  DEFAULT_RARE_EVENT_SAMPLES_PER_BATCH,
  IMPORTANCE_SAMPLE_BUDGET,
  type CompiledScenario,
  type SimulationPlan,
} from './model.ts';
import {
  createPmcScratch,
  createStratifiedScratch,
  runPmcSamples,
  runStratifiedSamples,
  toStratifiedServiceTally,
  toWeightedServiceTally,
  type PmcScratch,
  type StratifiedScratch,
} from './rare/index.ts';
import { createSampleScratch, sampleScenarioState } from './sampling/failure-sampler.ts';
import { expandLayerState, type LayerModel } from './sampling/layer-expansion.ts';
import { isReachExact, resolveServiceKinds, supportsEstimator } from './services/service-kinds.ts';
import { createBatchStream } from './sampling/random-stream.ts';

/** Crude Monte Carlo sampler: see the file header. */
export type CrudeSampler = 'simple' | 'fast';

/** Options of one batch; every field optional. */
export interface BatchOptions {
  /**
   * 'fast' (default): skip sampler and structure-aware evaluation. 'simple': one uniform per element per scenario
   * (common random numbers across models; used by the monotonicity property test). Same distribution, different
   * numbers for a given seed.
   */
  sampler?: CrudeSampler;
  /**
   * Services not to evaluate (ascending, distinct): they stopped sampling before this batch (BatchTask.skipServices).
   * Their tallies are SKIPPED_CRUDE_TALLY and the result lists them in `skippedServices`; every other tally, and
   * the importance counts, are the same as without the list.
   */
  skipServices?: readonly number[];
}

/** A failure inside a batch: an internal error carrying what is needed to replay it. */
export class BatchFailure extends InternalError {
  override readonly name = 'BatchFailure';
  constructor(
    message: string,
    readonly seed: string,
    readonly scenarioId: string,
    readonly batchIndex: number,
    options?: { cause: unknown },
  ) {
    super(`${message} (seed ${seed}, scenario ${scenarioId}, batch ${batchIndex})`, options);
  }
}

/**
 * Runs one batch of crude Monte Carlo samples of one scenario and returns its sufficient statistics.
 * @param plan the compiled study
 * @param scenarioIndex index into plan.scenarios
 * @param batchIndex dense batch index (>= 0); determines the random stream
 * @param sampleCount samples in this batch (>= 1)
 */
export function runBatch(
  plan: SimulationPlan,
  scenarioIndex: number,
  batchIndex: number,
  sampleCount: number,
  options: BatchOptions = {},
): BatchResult {
  const scenario = plan.scenarios[scenarioIndex];
  if (scenario === undefined) throw new RangeError(`scenario index ${scenarioIndex} is out of range`);
  try {
    const skip = toSkipMask(plan, options.skipServices);
    const rare = scenario.serviceEstimators?.some((e) => e !== 'crude') === true;
    // Services a rare-event estimator serves are not sampled crudely (their crude tallies would be replaced).
    const crudeSkip = rare ? withRareEventServices(plan, scenario, skip) : skip;
    const crude = runCrudeBatch(plan, scenarioIndex, batchIndex, sampleCount, options, crudeSkip);
    const estimated = rare ? withRareEventTallies(plan, scenarioIndex, batchIndex, crude, skip) : crude;
    const skipped = skip === null ? estimated : withSkippedServices(estimated, skip);
    return scenario.importance === true ? withCriticality(plan, scenarioIndex, batchIndex, sampleCount, skipped) : skipped;
  } catch (error) {
    throw new BatchFailure(
      error instanceof Error ? error.message : String(error),
      plan.seed,
      scenario.id,
      batchIndex,
      { cause: error },
    );
  }
}

/** 1 per service to skip, or null when none is. */
function toSkipMask(plan: SimulationPlan, skipServices: readonly number[] | undefined): Uint8Array | null {
  if (skipServices === undefined || skipServices.length === 0) return null;
  const mask = new Uint8Array(plan.model.services.length);
  for (const s of skipServices) {
    if (!Number.isSafeInteger(s) || s < 0 || s >= mask.length) throw new RangeError(`skipped service ${s} is not a service index`);
    mask[s] = 1;
  }
  return mask;
}

/** The skip mask with every service the scenario estimates by a rare-event estimator added. */
function withRareEventServices(plan: SimulationPlan, scenario: CompiledScenario, skip: Uint8Array | null): Uint8Array {
  const mask = skip === null ? new Uint8Array(plan.model.services.length) : skip.slice();
  scenario.serviceEstimators?.forEach((estimator, s) => {
    if (estimator !== 'crude') mask[s] = 1;
  });
  return mask;
}

/** The skipped services' tallies replaced by SKIPPED_CRUDE_TALLY, and listed in `skippedServices`. */
function withSkippedServices(result: BatchResult, skip: Uint8Array): BatchResult {
  const skippedServices: number[] = [];
  const services = result.services.map((tally, s) => {
    if (skip[s] === 0) return tally;
    skippedServices.push(s);
    return SKIPPED_CRUDE_TALLY;
  });
  return { ...result, services, skippedServices };
}

/**
 * Replaces the tallies of services the plan estimates by a rare-event estimator (engine/rare: permutation Monte
 * Carlo, stratified sampling) with weighted tallies. Each such service draws from its own stream, derived from
 * (seed, scenario, estimator, service, batch), so its numbers do not depend on which other services use one.
 */
function withRareEventTallies(
  plan: SimulationPlan,
  scenarioIndex: number,
  batchIndex: number,
  crude: BatchResult,
  skip: Uint8Array | null,
): BatchResult {
  const scenario = plan.scenarios[scenarioIndex];
  const model = plan.model;
  const estimators = scenario.serviceEstimators ?? [];
  const samples = plan.rareEventSamplesPerBatch ?? DEFAULT_RARE_EVENT_SAMPLES_PER_BATCH;
  let pmcScratch: PmcScratch | null = null;
  let stratifiedScratch: StratifiedScratch | null = null;
  const services = crude.services.map((tally, s) => {
    const estimator = estimators[s];
    if (estimator === undefined || estimator === 'crude' || skip?.[s] === 1) return tally;
    if (!supportsEstimator(model.services[s], estimator)) {
      throw new RangeError(`service ${model.services[s].id}: its kind does not support the estimator '${estimator}'`);
    }
    const random = createBatchStream(plan.seed, `${scenario.id}|${estimator}|${model.services[s].id}`, batchIndex);
    if (estimator === 'stratified') {
      stratifiedScratch ??= createStratifiedScratch(model);
      const sized = scenario.rareEventSamples?.[s] ?? 0;
      return toStratifiedServiceTally(runStratifiedSamples(model, scenario, s, random, sized > 0 ? sized : samples, stratifiedScratch));
    }
    if (model.layers !== undefined) throw new RangeError(`service ${model.services[s].id}: the estimator 'pmc' does not support layered models`);
    pmcScratch ??= createPmcScratch(model);
    return toWeightedServiceTally(runPmcSamples(model, scenario, s, random, samples, pmcScratch));
  });
  return { ...crude, services };
}

/**
 * Adds critical-state counts for importance measures (engine/importance) from min(sampleCount,
 * DEFAULT_IMPORTANCE_SAMPLES_PER_BATCH) samples on the stream (seed, scenario + "|importance", batch), in the
 * leading batches of the scenario that IMPORTANCE_SAMPLE_BUDGET allows (the result of a later batch has none).
 */
function withCriticality(
  plan: SimulationPlan,
  scenarioIndex: number,
  batchIndex: number,
  sampleCount: number,
  result: BatchResult,
): BatchResult {
  if (batchIndex * Math.min(plan.batchSize, DEFAULT_IMPORTANCE_SAMPLES_PER_BATCH) >= IMPORTANCE_SAMPLE_BUDGET) return result;
  const scenario = plan.scenarios[scenarioIndex];
  const model = plan.model;
  const random = createBatchStream(plan.seed, `${scenario.id}|importance`, batchIndex);
  // Critical-state sampling decides criticality by connectivity: kinds whose state is more (capacity, latency,
  // protected) get no importance measures rather than wrong ones.
  // Layered models: critical-state sampling flips independent graph elements, and a logical link's state derives
  // from its route, so only services that reach no logical link get importance measures, sampled on the graph-only
  // view (engine/analysis/internal/layer-view.ts), and only when the scenario forces and attacks graph elements only.
  const view = viewWithoutLayers(model);
  const graphOnly = view === model || (scenario.attack.kind === 'none' && scenario.forcedElements.every((e) => e < view.elementCount));
  const services = graphOnly
    ? model.services.map((_, s) => s).filter((s) => isReachExact(model.services[s]) && !dependsOnLayers(model, s))
    : [];
  const samples = Math.min(sampleCount, DEFAULT_IMPORTANCE_SAMPLES_PER_BATCH);
  const criticality = runImportanceSamples(view, scenario, services, random, samples, createImportanceScratch(view));
  return { ...result, criticality };
}

function runCrudeBatch(
  plan: SimulationPlan,
  scenarioIndex: number,
  batchIndex: number,
  sampleCount: number,
  options: BatchOptions,
  skip: Uint8Array | null,
): BatchResult {
  // The simple sampler evaluates every service (its tallies of skipped services are replaced afterwards).
  if (options.sampler === 'simple') return runSimpleCrudeBatch(plan, scenarioIndex, batchIndex, sampleCount);
  const result = runFastCrudeBatch(plan, scenarioIndex, batchIndex, sampleCount, 'auto', skip);
  // The fast path applies a targeted attack per service inside the evaluation, after the layer expansion: an attack
  // on a route element (it cuts one route, a sample the other) needs the expansion after it. Such a service is run
  // again with its attack as forced elements (the sampler expands those with every sample), on the same stream.
  const routeAttacks = listRouteAttacks(plan, scenarioIndex);
  if (routeAttacks.length === 0) return result;
  const services = result.services.slice();
  for (const { serviceIndex, plan: forced } of routeAttacks) {
    if (skip?.[serviceIndex] === 1) continue;
    services[serviceIndex] = runFastCrudeBatch(forced, 0, batchIndex, sampleCount).services[0];
  }
  return { ...result, services };
}

/** Per (plan, scenario): the services whose targeted attack hits a route element, each with its forced-attack plan. */
const routeAttackCache = new WeakMap<SimulationPlan, Map<number, Array<{ serviceIndex: number; plan: SimulationPlan }>>>();

function listRouteAttacks(plan: SimulationPlan, scenarioIndex: number): Array<{ serviceIndex: number; plan: SimulationPlan }> {
  const layers = plan.model.layers;
  const scenario = plan.scenarios[scenarioIndex];
  const attack = scenario.attack;
  if (layers === undefined || attack.kind !== 'targeted') return [];
  const byScenario = getOrBuild(routeAttackCache, plan, () => new Map<number, Array<{ serviceIndex: number; plan: SimulationPlan }>>());
  return getOrBuild(byScenario, scenarioIndex, () => {
    const list: Array<{ serviceIndex: number; plan: SimulationPlan }> = [];
    attack.elementsByService.forEach((hit, s) => {
      if (!hitsRoute(layers, hit)) return;
      const forcedElements = Uint32Array.from(new Set([...scenario.forcedElements, ...hit]));
      const forcedScenario: CompiledScenario = { ...scenario, forcedElements, attack: { kind: 'none' } };
      const model = { ...plan.model, services: [plan.model.services[s]] };
      list.push({ serviceIndex: s, plan: { ...plan, model, scenarios: [forcedScenario] } });
    });
    return list;
  });
}

/** True when some element of `elements` lies on a logical link's route. */
function hitsRoute(layers: LayerModel, elements: Uint32Array): boolean {
  for (let h = 0; h < elements.length; h++) {
    const e = elements[h];
    if (layers.carrierStart[e + 1] > layers.carrierStart[e]) return true;
  }
  return false;
}

/** The simple crude batch: one uniform per element, group event and group member per scenario, then union-find. */
function runSimpleCrudeBatch(
  plan: SimulationPlan,
  scenarioIndex: number,
  batchIndex: number,
  sampleCount: number,
): BatchResult {
  const model = plan.model;
  const scenario = plan.scenarios[scenarioIndex];
  const services = model.services;
  const serviceCount = services.length;
  const random = createBatchStream(plan.seed, scenario.id, batchIndex);
  const sampleScratch = createSampleScratch(model, scenario);
  const evaluationScratch = createEvaluationScratch(model);
  const down = sampleScratch.elementDown;
  const parent = evaluationScratch.parent;
  const attackedDown = evaluationScratch.attackedDown;
  const downCount = new Float64Array(serviceCount);
  const servedCount = new Float64Array(serviceCount);
  const endpointCount = new Float64Array(serviceCount);
  const kinds = resolveServiceKinds(services);
  for (let s = 0; s < serviceCount; s++) endpointCount[s] = kinds[s].countEndpoints(services[s]);
  const serviceDown = new Uint8Array(serviceCount);
  const attack = scenario.attack;

  for (let i = 0; i < sampleCount; i++) {
    sampleScenarioState(model, scenario, random, sampleScratch);
    if (attack.kind === 'targeted') {
      for (let s = 0; s < serviceCount; s++) {
        attackedDown.set(down);
        const hit = attack.elementsByService[s];
        for (let h = 0; h < hit.length; h++) attackedDown[hit[h]] = 1;
        if (model.layers !== undefined) expandLayerState(model.layers, attackedDown);
        labelComponents(model, attackedDown, parent);
        const served = kinds[s].countServed(services[s], attackedDown, parent);
        servedCount[s] += served;
        serviceDown[s] = served < endpointCount[s] ? 1 : 0;
        downCount[s] += serviceDown[s];
      }
    } else {
      labelComponents(model, down, parent);
      for (let s = 0; s < serviceCount; s++) {
        const served = kinds[s].countServed(services[s], down, parent);
        servedCount[s] += served;
        serviceDown[s] = served < endpointCount[s] ? 1 : 0;
        downCount[s] += serviceDown[s];
      }
    }
  }

  const tallies: CrudeServiceTally[] = [];
  for (let s = 0; s < serviceCount; s++) {
    tallies.push({ kind: 'crude', samples: sampleCount, down: downCount[s], servedEndpoints: servedCount[s] });
  }
  return { scenarioIndex, scenarioId: scenario.id, batchIndex, sampleCount, services: tallies };
}
