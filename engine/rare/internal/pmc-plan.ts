// Preparation of permutation Monte Carlo for one (scenario, service): the model reduced to what can change the
// service, birth rates per risk-group stratum, the choice of the sampled stratum, the random attack, and the layout
// of one sample's uniforms.

import { findMinServiceCut } from '../../analysis/max-flow.ts';
import { labelComponents } from '../../evaluation/service-evaluator.ts';
import { analyseServiceStructures, ROLE_IRRELEVANT } from '../../evaluation/service-structure.ts';
import {
  applyGroupEvents,
  computeBirthRate,
  resolveElementFailureModel,
  FORCED_DOWN,
  FORCED_NONE,
  type ElementFailureModel,
  type FailureModelOptions,
} from '../../exact/index.ts';
import type { CompiledModel, CompiledScenario } from '../../model.ts';
import { pickAttackElement } from '../../sampling/scenario-draws.ts';
import { serviceKindOf } from '../../services/service-kinds.ts';
import type { PmcScratch } from '../pmc-scratch.ts';
import { createTurnipService, runTurnip, type TurnipService } from './turnip.ts';
import { ScenarioCache } from '../../internal/plan-cache.ts';

/** Options of the PMC estimators; every field optional. */
export interface PmcOptions {
  /**
   * Risk-group strata evaluated in every sample: every combination of at most this many simultaneous group events
   * (among groups whose event probability lies in (0, 1)). The other combinations are sampled, one per sample (see
   * {@link PmcPlan}). Default 0: only the no-event stratum is evaluated in every sample.
   */
  readonly maxSimultaneousEvents?: number;
  /** Upper bound on the number of enumerated combinations; fewer simultaneous events are used if needed. Default 64. */
  readonly maxEnumeratedCombinations?: number;
  /**
   * Reduce the model to what can change the service given the scenario's base state (see reduceToService). Default
   * true; importance measures turn it off, because holding a forced element up can make other elements relevant.
   */
  readonly reduceToService?: boolean;
}

export interface ResolvedPmcOptions {
  readonly maxSimultaneousEvents: number;
  readonly maxEnumeratedCombinations: number;
  readonly reduceToService: boolean;
}

/** Defaults of {@link PmcOptions}: the no-event stratum enumerated, at most 64 combinations, the reduced model. */
export const DEFAULT_PMC_OPTIONS: ResolvedPmcOptions = {
  maxSimultaneousEvents: 0,
  maxEnumeratedCombinations: 64,
  reduceToService: true,
};

/** Fills every unset field of {@link PmcOptions} from {@link DEFAULT_PMC_OPTIONS}. */
export function resolvePmcOptions(options: PmcOptions = {}): ResolvedPmcOptions {
  return {
    maxSimultaneousEvents: options.maxSimultaneousEvents ?? DEFAULT_PMC_OPTIONS.maxSimultaneousEvents,
    maxEnumeratedCombinations: options.maxEnumeratedCombinations ?? DEFAULT_PMC_OPTIONS.maxEnumeratedCombinations,
    reduceToService: options.reduceToService ?? DEFAULT_PMC_OPTIONS.reduceToService,
  };
}

/**
 * Share of the sampled strata's choice probabilities given in proportion to their probability alone (defensive
 * mixture, Hesterberg 1995): it bounds every importance weight P(c) / π_c by P(sampled) / this, whatever the
 * heuristic scores say.
 */
export const DEFENSIVE_SHARE = 0.2;


/** The failure model of one service reduced to what can change it (see {@link reduceToService}). */
interface ReducedFailureModel {
  readonly failureModel: ElementFailureModel;
  /** P(at least one cutting group's event occurs), in [0, 1]: the service is then down whatever else happens. */
  readonly cutProbability: number;
}

/**
 * The failure model reduced to what can change the service given the base state (elements down in every state:
 * forced, targeted, members of certain risk groups that always fail, elements that always fail).
 * - An element on no simple path between two endpoints of the surviving base graph (outside the biconnected blocks
 *   that span them, engine/evaluation/service-structure.ts) never changes the service, in the base state or in any
 *   state with more failures (a subgraph has fewer simple paths), so it is held down: the creation process never
 *   meets it.
 * - An uncertain risk group none of whose failing members is left changes nothing and is dropped.
 * - An uncertain risk group whose event alone takes the service down (its certain members cut it given the base
 *   state) is a cutting group. Group events are independent of each other and of the elements, so
 *   `u = P(cut) + (1 - P(cut)) u'` with `P(cut) = 1 - Π (1 - p_g)` over the cutting groups and u' the unavailability
 *   with their events suppressed: the cutting groups are taken exactly and dropped from the strata.
 * Returns null when the service is down in the base state: it is then down in every state.
 */
function reduceToService(
  model: CompiledModel,
  serviceIndex: number,
  failureModel: ElementFailureModel,
): ReducedFailureModel | null {
  const m = model.elementCount;
  const service = model.services[serviceIndex];
  const baseDown = new Uint8Array(m);
  for (let e = 0; e < m; e++) if (failureModel.elementUpProbability[e] <= 0) baseDown[e] = 1;
  const structure = analyseServiceStructures(model, baseDown, [service])[0];
  if (!structure.baseUp) return null;
  const up = Float64Array.from(failureModel.elementUpProbability);
  const down = Float64Array.from(failureModel.elementDownProbability);
  const forcedState = Uint8Array.from(failureModel.forcedState);
  for (let e = 0; e < m; e++) {
    if (baseDown[e] === 1 || structure.elementRole[e] !== ROLE_IRRELEVANT) continue;
    baseDown[e] = 1;
    up[e] = 0;
    down[e] = 1;
    forcedState[e] = FORCED_DOWN;
  }
  const groups = model.groups;
  const kind = serviceKindOf(service);
  const endpoints = kind.countEndpoints(service);
  const eventDown = new Uint8Array(m);
  const parent = new Int32Array(model.topology.nodeCount);
  const kept: number[] = [];
  const keptProbability: number[] = [];
  // log P(no cutting event), summed with log1p so that tiny event probabilities keep their precision.
  let logNoCut = 0;
  failureModel.uncertainGroups.forEach((g, i) => {
    let touches = false;
    eventDown.set(baseDown);
    for (let k = groups.memberStart[g]; k < groups.memberStart[g + 1]; k++) {
      const e = groups.memberElement[k];
      const x = groups.memberFailureProbability[k];
      if (x <= 0 || forcedState[e] !== FORCED_NONE) continue;
      touches = true;
      if (x >= 1) eventDown[e] = 1;
    }
    if (!touches) return;
    labelComponents(model, eventDown, parent);
    if (kind.countServed(service, eventDown, parent) < endpoints) {
      logNoCut += Math.log1p(-failureModel.uncertainGroupProbability[i]);
      return;
    }
    kept.push(g);
    keptProbability.push(failureModel.uncertainGroupProbability[i]);
  });
  return {
    failureModel: {
      ...failureModel,
      elementUpProbability: up,
      elementDownProbability: down,
      forcedState,
      uncertainGroups: Uint32Array.from(kept),
      uncertainGroupProbability: Float64Array.from(keptProbability),
    },
    cutProbability: -Math.expm1(logNoCut),
  };
}

/**
 * One sample evaluates every enumerated combination c of risk-group events (probability `comboWeight[c]`; the
 * no-event combination first) with its own permutation, plus one sampled stratum: a single event not enumerated
 * (when `maxSimultaneousEvents` is 0) or the rest, the combinations with at least `restNeed` events (one of them
 * drawn from their exact conditional distribution). The sampled stratum c is chosen with probability π_c and
 * weighted P(c) / π_c (importance sampling over strata), so `Y = Σ_c P(c) Y_c + P(c*) / π_{c*} Y_{c*}` is unbiased
 * for u (given no cutting group's event; see `cutProbability`). π_c is proportional to P(c) times a score, the
 * probability of the most likely cut under the stratum (a lower bound on its unavailability, from a minimum cut
 * with weights -ln q: engine/analysis findMinServiceCut), mixed with DEFENSIVE_SHARE of plain P(c).
 */
export interface PmcPlan {
  readonly service: TurnipService;
  readonly estimator: 'pmc' | 'conditional-pmc';
  /** True when the service is down in the base state, hence in every state: every sample is 1, no permutation runs. */
  readonly alwaysDown: boolean;
  /** P(a cutting group's event occurs) (see reduceToService): `Y = cut + (1 - cut) Y'`, Y' over the other strata. */
  readonly cutProbability: number;
  readonly elementCount: number;
  readonly comboCount: number;
  readonly comboWeight: Float64Array;
  /** Birth rates per enumerated combination (views into one buffer). */
  readonly comboRates: readonly Float64Array[];
  /** Sampled strata: their birth rates (null: the rest stratum, whose rates are built per sample). */
  readonly sampledRates: ReadonlyArray<Float64Array | null>;
  /** Cumulative choice probabilities π of the sampled strata (the last is 1). */
  readonly sampledCumulative: Float64Array;
  /** Importance weight P(c) / π_c of each sampled stratum. */
  readonly sampledFactor: Float64Array;
  /** The rest holds the combinations with at least this many events. */
  readonly restNeed: number;
  readonly uncertainGroups: Uint32Array;
  readonly groupProbability: Float64Array;
  /** tail[g * (restNeed + 1) + k] = P(at least k events among uncertain groups g..G-1). */
  readonly tailTable: Float64Array;
  readonly baseUp: Float64Array;
  readonly baseDown: Float64Array;
  readonly baseRates: Float64Array;
  readonly forcedState: Uint8Array;
  readonly model: CompiledModel;
  readonly attackCandidates: Uint32Array;
  readonly attackCount: number;
  /**
   * Uniform layout of one sample: births per permutation (elementCount each: the enumerated combinations, then the
   * sampled stratum), the stratum choice, the rest's group draws, then the attack.
   */
  readonly chooseOffset: number;
  readonly groupDrawOffset: number;
  readonly attackOffset: number;
  readonly uniformsPerSample: number;
}


const planCache = new ScenarioCache<CompiledModel, CompiledScenario, string, PmcPlan>();

/**
 * The plan of one (model, scenario, service, options), built on first use and cached: plans are immutable and
 * building one costs a minimum cut per risk group, so a worker builds it once rather than once per batch.
 */
export function getPmcPlan(
  model: CompiledModel,
  scenario: CompiledScenario,
  serviceIndex: number,
  options: ResolvedPmcOptions,
): PmcPlan {
  const key = `${serviceIndex}|${options.maxSimultaneousEvents}|${options.maxEnumeratedCombinations}|${options.reduceToService}`;
  return planCache.get(model, scenario, key, () => buildPmcPlan(model, scenario, serviceIndex, options));
}

/** Prepares a plan: resolves the scenario, reduces the model, lays out the risk-group strata and their birth rates. */
export function buildPmcPlan(
  model: CompiledModel,
  scenario: CompiledScenario,
  serviceIndex: number,
  options: ResolvedPmcOptions,
): PmcPlan {
  const service = model.services[serviceIndex];
  if (service === undefined) throw new RangeError(`service index ${serviceIndex} is outside the model`);
  const m = model.elementCount;
  const failureOptions: FailureModelOptions = { scenario };
  const resolved = resolveElementFailureModel(model, serviceIndex, failureOptions);
  const reduced = options.reduceToService
    ? reduceToService(model, serviceIndex, resolved)
    : { failureModel: resolved, cutProbability: 0 };
  const failureModel = reduced?.failureModel ?? resolved;
  const groups = failureModel.uncertainGroups;
  const groupProbability = failureModel.uncertainGroupProbability;
  const groupCount = groups.length;
  const up = new Float64Array(m);
  const down = new Float64Array(m);
  const occurring = new Uint32Array(Math.max(1, groupCount));
  const ratesOf = (combo: readonly number[], into: Float64Array): Float64Array => {
    combo.forEach((i, slot) => (occurring[slot] = groups[i]));
    applyGroupEvents(model, failureModel, occurring, combo.length, up, down);
    for (let e = 0; e < m; e++) into[e] = computeBirthRate(up[e], down[e]);
    return into;
  };
  // P(no event) and P(only group i), from log1p sums so that tiny probabilities keep their precision.
  let logNone = 0;
  for (let i = 0; i < groupCount; i++) logNone += Math.log1p(-groupProbability[i]);
  const comboProbability = (combo: readonly number[]): number => {
    let log = logNone;
    for (const i of combo) log += Math.log(groupProbability[i]) - Math.log1p(-groupProbability[i]);
    return Math.exp(log);
  };

  let maxEvents = Math.min(options.maxSimultaneousEvents, groupCount);
  while (maxEvents > 0 && countCombinations(groupCount, maxEvents) > options.maxEnumeratedCombinations) maxEvents--;
  const combos = listCombinations(groupCount, maxEvents);
  const comboCount = combos.length;
  const comboWeight = Float64Array.from(combos, comboProbability);
  const rateBuffer = new Float64Array(comboCount * m);
  const comboRates = combos.map((combo, c) => ratesOf(combo, rateBuffer.subarray(c * m, (c + 1) * m)));

  // The rest: combinations with at least restNeed events (singles are sampled one by one when not enumerated).
  const restNeed = Math.max(maxEvents, 1) + 1;
  const stride = restNeed + 1;
  const tailTable = new Float64Array((groupCount + 1) * stride);
  tailTable[groupCount * stride] = 1;
  for (let g = groupCount - 1; g >= 0; g--) {
    const p = groupProbability[g];
    tailTable[g * stride] = 1;
    for (let k = 1; k <= restNeed; k++) {
      tailTable[g * stride + k] = p * tailTable[(g + 1) * stride + k - 1] + (1 - p) * tailTable[(g + 1) * stride + k];
    }
  }
  const restWeight = groupCount >= restNeed ? tailTable[restNeed] : 0;

  // Sampled strata with their probabilities and scores (most likely cut under the stratum; rest: the best single).
  const score = (rates: Float64Array): number => {
    const cut = findMinServiceCut(model.topology, service, rates, SCORE_MAX_FLOWS);
    return cut === null ? 1 : Math.exp(-cut.value);
  };
  const sampledRates: Array<Float64Array | null> = [];
  const sampledProbability: number[] = [];
  const sampledScore: number[] = [];
  if (maxEvents === 0) {
    for (let i = 0; i < groupCount; i++) {
      const rates = ratesOf([i], new Float64Array(m));
      sampledRates.push(rates);
      sampledProbability.push(comboProbability([i]));
      sampledScore.push(score(rates));
    }
  }
  if (restWeight > 0) {
    sampledRates.push(null);
    sampledProbability.push(restWeight);
    sampledScore.push(sampledScore.length > 0 ? Math.max(...sampledScore) : 1);
  }
  const { cumulative: sampledCumulative, factor: sampledFactor } = chooseStrata(sampledProbability, sampledScore);

  const baseRates = new Float64Array(m);
  for (let e = 0; e < m; e++) {
    baseRates[e] = computeBirthRate(failureModel.elementUpProbability[e], failureModel.elementDownProbability[e]);
  }
  const sampled = sampledRates.length > 0;
  const chooseOffset = (comboCount + (sampled ? 1 : 0)) * m;
  const groupDrawOffset = chooseOffset + (sampled ? 1 : 0);
  const attackOffset = groupDrawOffset + (restWeight > 0 ? groupCount : 0);
  const attackCount = Math.min(
    failureModel.randomAttack?.count ?? 0,
    failureModel.randomAttack?.candidates.length ?? 0,
  );
  return {
    service: createTurnipService(model.topology, service),
    estimator: resolved.uncertainGroups.length > 0 ? 'conditional-pmc' : 'pmc',
    alwaysDown: reduced === null,
    cutProbability: reduced?.cutProbability ?? 0,
    elementCount: m,
    comboCount,
    comboWeight,
    comboRates,
    sampledRates,
    sampledCumulative,
    sampledFactor,
    restNeed,
    uncertainGroups: groups,
    groupProbability,
    tailTable,
    baseUp: failureModel.elementUpProbability,
    baseDown: failureModel.elementDownProbability,
    baseRates,
    forcedState: failureModel.forcedState,
    model,
    attackCandidates: failureModel.randomAttack?.candidates ?? new Uint32Array(0),
    attackCount,
    chooseOffset,
    groupDrawOffset,
    attackOffset,
    uniformsPerSample: attackOffset + attackCount,
  };
}

/** Largest number of max-flows one stratum's score may cost (reach services with large k enumerate sets of sinks). */
const SCORE_MAX_FLOWS = 64;

/**
 * Choice probabilities π of the sampled strata, proportional to probability times score mixed with DEFENSIVE_SHARE
 * of probability alone, as cumulative sums, and the importance weights P(c) / π_c.
 */
function chooseStrata(
  probability: readonly number[],
  score: readonly number[],
): { cumulative: Float64Array; factor: Float64Array } {
  const count = probability.length;
  let totalProbability = 0;
  let totalScored = 0;
  for (let c = 0; c < count; c++) {
    totalProbability += probability[c];
    totalScored += probability[c] * score[c];
  }
  const cumulative = new Float64Array(count);
  const factor = new Float64Array(count);
  let running = 0;
  for (let c = 0; c < count; c++) {
    const scored = totalScored > 0 ? (probability[c] * score[c]) / totalScored : probability[c] / totalProbability;
    const chance = (1 - DEFENSIVE_SHARE) * scored + (DEFENSIVE_SHARE * probability[c]) / totalProbability;
    running += chance;
    cumulative[c] = running;
    factor[c] = chance > 0 ? probability[c] / chance : 0;
  }
  if (count > 0) cumulative[count - 1] = 1;
  return { cumulative, factor };
}

/** Sizes the scratch for a plan; call before the sample loop (this is where allocation may happen). */
export function preparePmcScratch(plan: PmcPlan, scratch: PmcScratch): void {
  if (scratch.elementCount !== plan.elementCount) throw new RangeError('PMC scratch was created for another model');
  if (scratch.uniforms.length < plan.uniformsPerSample) scratch.uniforms = new Float64Array(plan.uniformsPerSample);
  if (scratch.attackPool.length !== plan.attackCandidates.length) {
    scratch.attackPool = new Uint32Array(plan.attackCandidates.length);
  }
  scratch.attackPool.set(plan.attackCandidates);
  if (scratch.occurringGroups.length < plan.uncertainGroups.length) {
    scratch.occurringGroups = new Uint32Array(plan.uncertainGroups.length);
  }
}

/**
 * Draws one sample's uniforms, then its random attack (partial Fisher-Yates: the first `attackCount` pool entries)
 * and its sampled stratum (into `scratch.sampledStratum`, -1 when none); when that is the rest, its group-event
 * combination (sequential conditional sampling given at least `restNeed` events) into `scratch.occurringGroups`.
 * Returns the number of occurring groups (0 unless the rest was drawn).
 */
export function drawPmcSample(plan: PmcPlan, scratch: PmcScratch, random: () => number): number {
  const uniforms = scratch.uniforms;
  for (let i = 0; i < plan.uniformsPerSample; i++) uniforms[i] = random();
  const pool = scratch.attackPool;
  for (let i = 0; i < plan.attackCount; i++) pickAttackElement(pool, i, uniforms[plan.attackOffset + i]);
  const sampledCount = plan.sampledRates.length;
  if (sampledCount === 0) {
    scratch.sampledStratum = -1;
    return 0;
  }
  const u = uniforms[plan.chooseOffset];
  let chosen = 0;
  while (chosen < sampledCount - 1 && u >= plan.sampledCumulative[chosen]) chosen++;
  scratch.sampledStratum = chosen;
  if (plan.sampledRates[chosen] !== null) return 0;
  const stride = plan.restNeed + 1;
  let need = plan.restNeed;
  let count = 0;
  for (let g = 0; g < plan.uncertainGroups.length; g++) {
    const p = plan.groupProbability[g];
    const probability =
      need === 0 ? p : (p * plan.tailTable[(g + 1) * stride + need - 1]) / plan.tailTable[g * stride + need];
    if (uniforms[plan.groupDrawOffset + g] < probability) {
      scratch.occurringGroups[count++] = plan.uncertainGroups[g];
      if (need > 0) need--;
    }
  }
  return count;
}

/**
 * Evaluates the drawn sample: `Σ_c P(c) Y_c` over the enumerated combinations plus the sampled stratum's
 * `P(c) / π_c Y_c`, each Y a turnip permutation on its own block of uniforms, then the cutting groups (see
 * {@link PmcPlan}). The importance weight can lift a sample above 1; the mean stays unbiased. An intervention holds
 * one element down (`overrideRate` 0) or up (`overrideRate` Infinity) in every stratum; `overrideElement` -1 means
 * none. The same uniforms give common random numbers across interventions.
 */
export function evaluatePmcSample(
  plan: PmcPlan,
  scratch: PmcScratch,
  occurringCount: number,
  overrideElement: number,
  overrideRate: number,
): number {
  if (plan.alwaysDown) return 1;
  const m = plan.elementCount;
  let estimate = 0;
  for (let c = 0; c < plan.comboCount; c++) {
    const rates = prepareRates(plan, scratch, plan.comboRates[c], overrideElement, overrideRate);
    estimate += plan.comboWeight[c] * runTurnip(plan.service, scratch, rates, scratch.uniforms, c * m);
  }
  // The stratum weights sum to 1 only up to rounding.
  if (estimate > 1) estimate = 1;
  const chosen = scratch.sampledStratum;
  if (chosen >= 0) {
    let source = plan.sampledRates[chosen];
    if (source === null) {
      buildRestRates(plan, scratch, occurringCount);
      source = scratch.rate;
    }
    const rates = prepareRates(plan, scratch, source, overrideElement, overrideRate);
    const y = runTurnip(plan.service, scratch, rates, scratch.uniforms, plan.comboCount * m);
    estimate += plan.sampledFactor[chosen] * y;
  }
  return plan.cutProbability > 0 ? plan.cutProbability + (1 - plan.cutProbability) * estimate : estimate;
}

/** The birth rates of one permutation: the stratum's, with the random attack and the intervention on top. */
function prepareRates(
  plan: PmcPlan,
  scratch: PmcScratch,
  source: Float64Array,
  overrideElement: number,
  overrideRate: number,
): Float64Array {
  if (plan.attackCount === 0 && overrideElement < 0) return source;
  const rate = scratch.rate;
  if (source !== rate) rate.set(source);
  for (let i = 0; i < plan.attackCount; i++) rate[scratch.attackPool[i]] = 0;
  if (overrideElement >= 0) rate[overrideElement] = overrideRate;
  return rate;
}

/** Birth rates given the sampled rest combination, touching only the members of occurring groups. */
function buildRestRates(plan: PmcPlan, scratch: PmcScratch, occurringCount: number): void {
  const rate = scratch.rate;
  rate.set(plan.baseRates);
  const groups = plan.model.groups;
  const { workUp, workDown, touched } = scratch;
  const stamp = ++scratch.touchStamp;
  for (let i = 0; i < occurringCount; i++) {
    const g = scratch.occurringGroups[i];
    for (let k = groups.memberStart[g]; k < groups.memberStart[g + 1]; k++) {
      const e = groups.memberElement[k];
      if (plan.forcedState[e] !== FORCED_NONE) continue;
      if (touched[e] !== stamp) {
        touched[e] = stamp;
        workUp[e] = plan.baseUp[e];
        workDown[e] = plan.baseDown[e];
      }
      const x = groups.memberFailureProbability[k];
      workDown[e] += workUp[e] * x;
      workUp[e] *= 1 - x;
      rate[e] = computeBirthRate(workUp[e], workDown[e]);
    }
  }
}

function countCombinations(n: number, maxSize: number): number {
  let total = 0;
  let term = 1;
  for (let k = 0; k <= maxSize; k++) {
    total += term;
    term = (term * (n - k)) / (k + 1);
  }
  return total;
}

/** All subsets of {0..n-1} with at most maxSize members, by size then lexicographically. */
function listCombinations(n: number, maxSize: number): number[][] {
  const result: number[][] = [[]];
  let previous: number[][] = [[]];
  for (let size = 1; size <= maxSize; size++) {
    const next: number[][] = [];
    for (const combo of previous) {
      const from = combo.length === 0 ? 0 : (combo[combo.length - 1] ?? 0) + 1;
      for (let i = from; i < n; i++) next.push([...combo, i]);
    }
    result.push(...next);
    previous = next;
  }
  return result;
}
