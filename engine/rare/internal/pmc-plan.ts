// Per-batch preparation of permutation Monte Carlo: birth rates per risk-group stratum, the sampler of the
// remaining stratum, the random attack, and the layout of one sample's uniforms.

import {
  applyGroupEvents,
  computeBirthRate,
  resolveElementFailureModel,
  FORCED_NONE,
  type FailureModelOptions,
} from '../../exact/index.ts';
import type { CompiledModel, CompiledScenario } from '../../model.ts';
import { pickAttackElement } from '../../sampling/scenario-draws.ts';
import type { PmcScratch } from '../pmc-scratch.ts';
import { createTurnipService, runTurnip, type TurnipService } from './turnip.ts';

/** Options of the PMC estimators; every field optional. */
export interface PmcOptions {
  /**
   * Risk-group strata enumerated exactly: every combination of at most this many simultaneous group events (among
   * groups whose event probability lies in (0, 1)). Default 2.
   */
  readonly maxSimultaneousEvents?: number;
  /** Upper bound on the number of enumerated combinations; fewer simultaneous events are used if needed. Default 64. */
  readonly maxEnumeratedCombinations?: number;
}

export interface ResolvedPmcOptions {
  readonly maxSimultaneousEvents: number;
  readonly maxEnumeratedCombinations: number;
}

/** Defaults of {@link PmcOptions}: up to 2 simultaneous group events, at most 64 enumerated combinations. */
export const DEFAULT_PMC_OPTIONS: ResolvedPmcOptions = { maxSimultaneousEvents: 2, maxEnumeratedCombinations: 64 };

/** Fills every unset field of {@link PmcOptions} from {@link DEFAULT_PMC_OPTIONS}. */
export function resolvePmcOptions(options: PmcOptions = {}): ResolvedPmcOptions {
  return {
    maxSimultaneousEvents: options.maxSimultaneousEvents ?? DEFAULT_PMC_OPTIONS.maxSimultaneousEvents,
    maxEnumeratedCombinations: options.maxEnumeratedCombinations ?? DEFAULT_PMC_OPTIONS.maxEnumeratedCombinations,
  };
}

/**
 * One sample evaluates every enumerated combination c of risk-group events (probability `comboWeight[c]`) with
 * its own permutation, plus, when combinations with more simultaneous events remain (total probability
 * `restWeight`), one combination drawn from their exact conditional distribution:
 * `Y = Σ_c P(c) Y_c + P(rest) Y_rest`. Each Y is an unbiased conditional estimate, so Y is unbiased for u.
 */
export interface PmcPlan {
  readonly service: TurnipService;
  readonly estimator: 'pmc' | 'conditional-pmc';
  readonly elementCount: number;
  readonly comboCount: number;
  readonly comboWeight: Float64Array;
  /** Birth rates per enumerated combination (views into one buffer). */
  readonly comboRates: readonly Float64Array[];
  readonly restWeight: number;
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
  /** Uniform layout of one sample: births per permutation (elementCount each), then group draws, then attack. */
  readonly groupDrawOffset: number;
  readonly attackOffset: number;
  readonly uniformsPerSample: number;
}

/** Prepares one batch: resolves the scenario, enumerates the risk-group strata and their birth rates. */
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
  const failureModel = resolveElementFailureModel(model, serviceIndex, failureOptions);
  const groups = failureModel.uncertainGroups;
  const groupProbability = failureModel.uncertainGroupProbability;
  const groupCount = groups.length;

  let maxEvents = Math.min(options.maxSimultaneousEvents, groupCount);
  while (maxEvents > 0 && countCombinations(groupCount, maxEvents) > options.maxEnumeratedCombinations) maxEvents--;
  const combos = listCombinations(groupCount, maxEvents);
  const comboCount = combos.length;
  const comboWeight = new Float64Array(comboCount);
  const rateBuffer = new Float64Array(comboCount * m);
  const up = new Float64Array(m);
  const down = new Float64Array(m);
  const occurring = new Uint32Array(groupCount);
  const comboRates: Float64Array[] = [];
  combos.forEach((combo, c) => {
    let weight = 1;
    for (let i = 0; i < groupCount; i++) weight *= combo.includes(i) ? groupProbability[i] : 1 - groupProbability[i];
    comboWeight[c] = weight;
    combo.forEach((i, slot) => (occurring[slot] = groups[i]));
    applyGroupEvents(model, failureModel, occurring, combo.length, up, down);
    const rates = rateBuffer.subarray(c * m, (c + 1) * m);
    for (let e = 0; e < m; e++) rates[e] = computeBirthRate(up[e], down[e]);
    comboRates.push(rates);
  });

  const restNeed = maxEvents + 1;
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
  const restWeight = maxEvents < groupCount ? tailTable[restNeed] : 0;
  const baseRates = new Float64Array(m);
  for (let e = 0; e < m; e++) {
    baseRates[e] = computeBirthRate(failureModel.elementUpProbability[e], failureModel.elementDownProbability[e]);
  }
  const runs = comboCount + (restWeight > 0 ? 1 : 0);
  const groupDrawOffset = runs * m;
  const attackOffset = groupDrawOffset + (restWeight > 0 ? groupCount : 0);
  const attackCount = Math.min(
    failureModel.randomAttack?.count ?? 0,
    failureModel.randomAttack?.candidates.length ?? 0,
  );
  return {
    service: createTurnipService(model.topology, service),
    estimator: groupCount > 0 ? 'conditional-pmc' : 'pmc',
    elementCount: m,
    comboCount,
    comboWeight,
    comboRates,
    restWeight,
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
    groupDrawOffset,
    attackOffset,
    uniformsPerSample: attackOffset + attackCount,
  };
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
 * and, when there is a rest stratum, its group-event combination (sequential conditional sampling given at least
 * `restNeed` events). Returns the number of occurring groups written to `scratch.occurringGroups`.
 */
export function drawPmcSample(plan: PmcPlan, scratch: PmcScratch, random: () => number): number {
  const uniforms = scratch.uniforms;
  for (let i = 0; i < plan.uniformsPerSample; i++) uniforms[i] = random();
  const pool = scratch.attackPool;
  for (let i = 0; i < plan.attackCount; i++) pickAttackElement(pool, i, uniforms[plan.attackOffset + i]);
  if (plan.restWeight === 0) return 0;
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
 * Evaluates the drawn sample: `Σ_c P(c) Y_c + P(rest) Y_rest`, each Y a turnip permutation on its own block of
 * uniforms. An intervention holds one element down (`overrideRate` 0) or up (`overrideRate` Infinity) in every
 * stratum; `overrideElement` -1 means none. The same uniforms give common random numbers across interventions.
 */
export function evaluatePmcSample(
  plan: PmcPlan,
  scratch: PmcScratch,
  occurringCount: number,
  overrideElement: number,
  overrideRate: number,
): number {
  const m = plan.elementCount;
  let estimate = 0;
  for (let c = 0; c < plan.comboCount; c++) {
    const rates = prepareRates(plan, scratch, plan.comboRates[c], overrideElement, overrideRate);
    estimate += plan.comboWeight[c] * runTurnip(plan.service, scratch, rates, scratch.uniforms, c * m);
  }
  if (plan.restWeight > 0) {
    buildRestRates(plan, scratch, occurringCount);
    const rates = prepareRates(plan, scratch, scratch.rate, overrideElement, overrideRate);
    estimate += plan.restWeight * runTurnip(plan.service, scratch, rates, scratch.uniforms, plan.comboCount * m);
  }
  // The stratum weights sum to 1 only up to rounding.
  return estimate > 1 ? 1 : estimate;
}

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
