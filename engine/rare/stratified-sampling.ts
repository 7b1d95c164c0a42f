// Stratified sampling by the number of failure events ('stratified'): the exact sum over the states with at most one
// failure event, plus crude sampling conditioned on the rest. It needs nothing of the service but that its state is
// a function of the failed elements, so it serves every static kind (capacity, latency, protected, traffic too) and
// layered models (logical links over shared physical segments), where permutation Monte Carlo does not apply.
//
//   scenario ──resolve──> base state (forced elements and groups, certain failures, the service's targeted attack)
//                         + independent events ("atoms"): element failures, risk-group events, random members of
//                           forced groups, each with its probability p_a
//   exact part     c = P(no atom) down(base) + Σ_{a deterministic} P(only a) down(base + a)
//   the rest R     = {two or more atoms} ∪ {exactly one atom, a risk-group event whose members fail at random}
//   per sample     a state drawn from R's exact conditional distribution, Y = c + P(R) · 1[service down]
//
// E[Y] = c + P(R) P(down | R) = P(down): unbiased. Y is an affine map of a Bernoulli count, so the interval is the
// Clopper-Pearson interval of the count mapped through c + P(R) x (exact coverage at least the nominal level). The
// variance per sample is P(R)² p (1 - p) (p = P(down | R)), against u (1 - u) for crude sampling: when failures are
// rare and the unavailability is mostly single failures (the service's own sites, single points of failure, one
// forced outage plus one more failure), P(R) is small and the exact part carries most of u. Stratification on the
// number of failed components with exact low-order strata: Fishman, "Monte Carlo: concepts, algorithms and
// applications" (1996), sections 4.1 and 6.2 (stratified sampling); Li and Silvester, "Performance analysis of
// networks with unreliable components", IEEE Trans. Commun. 32 (1984) (the most probable states computed exactly).

import { InternalError } from '../errors.ts';
import type { WeightedServiceTally } from '../estimation/batch-result.ts';
import { ScenarioCache } from '../internal/plan-cache.ts';
import type { CompiledModel, CompiledScenario } from '../model.ts';
import { labelComponents } from '../evaluation/service-evaluator.ts';
import { expandLayerState } from '../sampling/layer-expansion.ts';
import type { UniformSource } from '../sampling/random-stream.ts';
import { serviceKindOf } from '../services/service-kinds.ts';

/** Estimator name of {@link runStratifiedSamples} in results. */
export const STRATIFIED_ESTIMATOR = 'stratified';

/** Why a scenario cannot be stratified, or null when it can. */
export function explainStratifiedUnsupported(scenario: CompiledScenario): string | null {
  return scenario.attack.kind === 'random'
    ? 'a random attack draws its elements per sample, not as independent events'
    : null;
}

/**
 * One (scenario, service)'s strata: the base state, the independent events, the exact part and the tables of the
 * conditional sampler. Atoms are element failures (`atomGroup` -1, `atomElement` fails) and risk-group events
 * (`atomGroup` g: each member of g fails with its member probability, certainly when that is 1).
 */
export interface StratifiedPlan {
  readonly serviceIndex: number;
  /** 1 for elements down in every sample (before the layer expansion). */
  readonly baseDown: Uint8Array;
  readonly atomCount: number;
  readonly atomProbability: Float64Array;
  readonly atomGroup: Int32Array;
  readonly atomElement: Uint32Array;
  /** tailOne[i] = P(at least one atom among i..atomCount-1 occurs); length atomCount + 1. */
  readonly tailOne: Float64Array;
  /** tailTwo[i] = P(at least two atoms among i..atomCount-1 occur); length atomCount + 1. */
  readonly tailTwo: Float64Array;
  /** The random single-atom strata: risk-group atoms whose members fail at random, and cumulative P(only that atom). */
  readonly randomSingleAtoms: Uint32Array;
  readonly randomSingleCumulative: Float64Array;
  /** P(exactly one atom, and it is a random one). */
  readonly randomSingleProbability: number;
  /** P(two or more atoms). */
  readonly atLeastTwoProbability: number;
  /** P(R) = randomSingleProbability + atLeastTwoProbability: the weight of the sampled part. */
  readonly weight: number;
  /** The exact part c: P(service down and the state has at most one atom, not a random one). */
  readonly constant: number;
  /** The exact part of the expected served endpoints: Σ P(state) served(state) over the same states. */
  readonly servedConstant: number;
  readonly endpointCount: number;
}

/** Scratch of the stratified sampler for one model; allocate once per batch and reuse across services. */
export interface StratifiedScratch {
  readonly down: Uint8Array;
  readonly parent: Int32Array;
}

/** Allocates the scratch of {@link runStratifiedSamples} for `model`. */
export function createStratifiedScratch(model: CompiledModel): StratifiedScratch {
  return { down: new Uint8Array(model.elementCount), parent: new Int32Array(model.topology.nodeCount) };
}

const planCache = new ScenarioCache<CompiledModel, CompiledScenario, number, StratifiedPlan>();

/**
 * The strata of service `serviceIndex` in `scenario`, built once per (model, scenario, service) and cached: every
 * batch of a run, in any worker, computes the same plan from the same data (the exact part is a fixed-order sum).
 * @throws RangeError when the scenario cannot be stratified ({@link explainStratifiedUnsupported})
 */
export function getStratifiedPlan(model: CompiledModel, scenario: CompiledScenario, serviceIndex: number): StratifiedPlan {
  return planCache.get(model, scenario, serviceIndex, () => buildStratifiedPlan(model, scenario, serviceIndex));
}

/** Builds the strata (see the file header); {@link getStratifiedPlan} caches it. */
export function buildStratifiedPlan(model: CompiledModel, scenario: CompiledScenario, serviceIndex: number): StratifiedPlan {
  const service = model.services[serviceIndex];
  if (service === undefined) throw new RangeError(`service index ${serviceIndex} is outside the model`);
  const unsupported = explainStratifiedUnsupported(scenario);
  if (unsupported !== null) throw new RangeError(`scenario ${scenario.id}: the estimator 'stratified' does not apply: ${unsupported}`);
  const groups = model.groups;
  const baseDown = new Uint8Array(model.elementCount);
  const atomProbability: number[] = [];
  const atomGroup: number[] = [];
  const atomElement: number[] = [];
  const addElementAtom = (element: number, p: number): void => {
    if (p >= 1) baseDown[element] = 1;
    else if (p > 0) {
      atomProbability.push(p);
      atomGroup.push(-1);
      atomElement.push(element);
    }
  };
  // A group whose event is certain: its members are independent atoms (certain members: the base).
  const occurCertainly = (g: number): void => {
    for (let m = groups.memberStart[g]; m < groups.memberStart[g + 1]; m++) {
      addElementAtom(groups.memberElement[m], groups.memberFailureProbability[m]);
    }
  };
  const forcedGroup = new Uint8Array(groups.groupCount);
  for (const g of scenario.forcedGroups) forcedGroup[g] = 1;
  if (scenario.randomFailures) {
    const q = scenario.elementFailureProbability ?? model.elementFailureProbability;
    for (let e = 0; e < model.elementCount; e++) addElementAtom(e, q[e]);
    const eventProbability = scenario.groupEventProbability ?? groups.eventProbability;
    for (let g = 0; g < groups.groupCount; g++) {
      if (forcedGroup[g] === 1 || eventProbability[g] <= 0) continue;
      if (eventProbability[g] >= 1) occurCertainly(g);
      else {
        atomProbability.push(eventProbability[g]);
        atomGroup.push(g);
        atomElement.push(0);
      }
    }
  }
  for (let g = 0; g < groups.groupCount; g++) if (forcedGroup[g] === 1) occurCertainly(g);
  for (const e of scenario.forcedElements) baseDown[e] = 1;
  if (scenario.attack.kind === 'targeted') for (const e of scenario.attack.elementsByService[serviceIndex]) baseDown[e] = 1;

  const atomCount = atomProbability.length;
  const p = Float64Array.from(atomProbability);
  // Tail probabilities, each a sum of non-negative terms (no cancellation when they are tiny).
  const tailOne = new Float64Array(atomCount + 1);
  const tailTwo = new Float64Array(atomCount + 1);
  for (let i = atomCount - 1; i >= 0; i--) {
    tailOne[i] = p[i] + (1 - p[i]) * tailOne[i + 1];
    tailTwo[i] = p[i] * tailOne[i + 1] + (1 - p[i]) * tailTwo[i + 1];
  }
  let none = 1;
  for (let i = 0; i < atomCount; i++) none *= 1 - p[i];

  const kind = serviceKindOf(service);
  const endpointCount = kind.countEndpoints(service);
  const scratch = createStratifiedScratch(model);
  const evaluate = (atom: number): number => {
    const down = scratch.down;
    down.set(baseDown);
    if (atom >= 0) applyAtom(model, atomGroup[atom], atomElement[atom], down, NO_DRAWS);
    return countServed(model, serviceIndex, down, scratch.parent);
  };
  const randomAtoms: number[] = [];
  const randomCumulative: number[] = [];
  let randomSingle = 0;
  const served0 = evaluate(-1);
  let constant = served0 < endpointCount ? none : 0;
  let servedConstant = none * served0;
  for (let a = 0; a < atomCount; a++) {
    const only = (none / (1 - p[a])) * p[a];
    if (atomGroup[a] >= 0 && !isCertainGroup(model, atomGroup[a])) {
      randomSingle += only;
      randomAtoms.push(a);
      randomCumulative.push(randomSingle);
      continue;
    }
    const served = evaluate(a);
    if (served < endpointCount) constant += only;
    servedConstant += only * served;
  }
  return {
    serviceIndex,
    baseDown,
    atomCount,
    atomProbability: p,
    atomGroup: Int32Array.from(atomGroup),
    atomElement: Uint32Array.from(atomElement),
    tailOne,
    tailTwo,
    randomSingleAtoms: Uint32Array.from(randomAtoms),
    randomSingleCumulative: Float64Array.from(randomCumulative),
    randomSingleProbability: randomSingle,
    atLeastTwoProbability: tailTwo[0],
    weight: randomSingle + tailTwo[0],
    constant,
    servedConstant,
    endpointCount,
  };
}

/** True when every member of group g fails with probability 0 or 1 when its event occurs. */
function isCertainGroup(model: CompiledModel, g: number): boolean {
  const groups = model.groups;
  for (let m = groups.memberStart[g]; m < groups.memberStart[g + 1]; m++) {
    const q = groups.memberFailureProbability[m];
    if (q > 0 && q < 1) return false;
  }
  return true;
}

/** The uniform source of a certain atom's application: it never draws (every member fails with probability 0 or 1). */
const NO_DRAWS: UniformSource = () => {
  throw new InternalError('an atom of certain effect drew a uniform');
};

/** Applies an occurring atom, drawing its random members (one uniform per member with probability in (0, 1)). */
function applyAtom(model: CompiledModel, group: number, element: number, down: Uint8Array, random: UniformSource): void {
  if (group < 0) {
    down[element] = 1;
    return;
  }
  const groups = model.groups;
  for (let m = groups.memberStart[group]; m < groups.memberStart[group + 1]; m++) {
    const q = groups.memberFailureProbability[m];
    if (q >= 1 || (q > 0 && random() < q)) down[groups.memberElement[m]] = 1;
  }
}

/** Served endpoints of the service in state `down` (expanded through the layers here). */
function countServed(model: CompiledModel, serviceIndex: number, down: Uint8Array, parent: Int32Array): number {
  if (model.layers !== undefined) expandLayerState(model.layers, down);
  labelComponents(model, down, parent);
  const service = model.services[serviceIndex];
  return serviceKindOf(service).countServed(service, down, parent);
}

/**
 * Draws one state of R from its exact conditional distribution into `down` (base included, layers not yet expanded):
 * with probability randomSingleProbability / weight a single random atom (chosen by its probability), else two or
 * more atoms, atom i occurring with probability p_i P(at least r - 1 among i+1..) / P(at least r among i..) while r
 * more are needed, and p_i once none is.
 */
export function drawStratifiedState(model: CompiledModel, plan: StratifiedPlan, random: UniformSource, down: Uint8Array): void {
  down.set(plan.baseDown);
  const p = plan.atomProbability;
  const atomGroup = plan.atomGroup;
  const atomElement = plan.atomElement;
  if (random() * plan.weight < plan.randomSingleProbability) {
    const cumulative = plan.randomSingleCumulative;
    const u = random() * plan.randomSingleProbability;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid] > u) hi = mid;
      else lo = mid + 1;
    }
    const a = plan.randomSingleAtoms[lo];
    applyAtom(model, atomGroup[a], atomElement[a], down, random);
    return;
  }
  const tailOne = plan.tailOne;
  const tailTwo = plan.tailTwo;
  let needed = 2;
  for (let i = 0; i < plan.atomCount; i++) {
    let probability = p[i];
    if (needed === 2) probability = (p[i] * tailOne[i + 1]) / tailTwo[i];
    else if (needed === 1) probability = p[i] / tailOne[i];
    if (random() < probability) {
      applyAtom(model, atomGroup[i], atomElement[i], down, random);
      if (needed > 0) needed--;
    }
  }
}

/** Sums of one batch of stratified samples of one service. */
export interface StratifiedSampleSums {
  readonly samples: number;
  /** Samples whose drawn state took the service down. */
  readonly down: number;
  /** Σ served endpoints over the drawn states. */
  readonly served: number;
  readonly plan: StratifiedPlan;
}

/**
 * Runs `sampleCount` stratified samples of service `serviceIndex` (see the file header) on `random`.
 * @param scratch from {@link createStratifiedScratch} for this model
 */
export function runStratifiedSamples(
  model: CompiledModel,
  scenario: CompiledScenario,
  serviceIndex: number,
  random: UniformSource,
  sampleCount: number,
  scratch: StratifiedScratch,
): StratifiedSampleSums {
  const plan = getStratifiedPlan(model, scenario, serviceIndex);
  let down = 0;
  let served = 0;
  // Nothing outside the exact part can happen (no atoms, or a single deterministic one): every sample is skipped.
  if (plan.weight > 0) {
    for (let i = 0; i < sampleCount; i++) {
      drawStratifiedState(model, plan, random, scratch.down);
      const count = countServed(model, serviceIndex, scratch.down, scratch.parent);
      served += count;
      if (count < plan.endpointCount) down++;
    }
  }
  return { samples: sampleCount, down, served, plan };
}

/** The batch tally of stratified sums: kind 'weighted' with the strata counts its interval is computed from. */
export function toStratifiedServiceTally(sums: StratifiedSampleSums): WeightedServiceTally {
  const { constant, weight, servedConstant } = sums.plan;
  const n = sums.samples;
  const down = sums.down;
  const high = constant + weight;
  return {
    kind: 'weighted',
    estimator: STRATIFIED_ESTIMATOR,
    samples: n,
    sum: n * constant + down * weight,
    sumSquares: (n - down) * constant * constant + down * high * high,
    sumCubes: (n - down) * constant * constant * constant + down * high * high * high,
    servedEndpoints: n * servedConstant + weight * sums.served,
    strata: { constant, weight, down },
  };
}
