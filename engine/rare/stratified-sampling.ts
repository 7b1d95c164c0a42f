// Stratified sampling by the number of failure events ('stratified'): the exact sum over the states with at most one
// failure event, plus crude sampling conditioned on the rest. It needs nothing of the service but that its state is
// a function of the failed elements, so it serves every static kind (capacity, latency, protected, traffic too) and
// layered models (logical links over shared physical segments), where permutation Monte Carlo does not apply.
//
//   scenario ──resolve──> base state (forced elements and groups, certain failures, the service's targeted attack)
//                         + independent events ("atoms"): element failures, risk-group events, random members of
//                           forced groups, each with its probability p_a
//   background atoms      the likely atoms (p_a >= 0.1: the random members of a forced regional outage), when the
//                         kind can decide a state over all their outcomes at once; drawn in every sample, not counted
//   exact part     c = Σ P(S) down(base + S) over the states S with at most one counted atom, of certain effect,
//                      whose service state is the same in every background outcome (monotone kinds: the same with
//                      none and with all background members failed; traffic: up, and its witness untouched by them)
//   the rest R     = {two or more counted atoms} ∪ {the other states with at most one}
//   per sample     a state drawn from R's exact conditional distribution (the background from its own law: it is
//                  independent of the counted atoms), Y = c + P(R) · 1[service down]
//
// E[Y] = c + P(R) P(down | R) = P(down): unbiased. Y is an affine map of a Bernoulli count, so the interval is the
// Clopper-Pearson interval of the count mapped through c + P(R) x (exact coverage at least the nominal level). The
// variance per sample is P(R)² p (1 - p) (p = P(down | R)), against u (1 - u) for crude sampling: when failures are
// rare and the unavailability is mostly single failures (the service's own sites, single points of failure, one
// forced outage plus one more failure), P(R) is small and the exact part carries most of u. Stratification on the
// number of failed components with exact low-order strata: Fishman, "Monte Carlo: concepts, algorithms and
// applications" (1996), sections 4.1 and 6.2 (stratified sampling); Li and Silvester, "Performance analysis of
// networks with unreliable components", IEEE Trans. Commun. 32 (1984) (the most probable states computed exactly).

import type { WeightedServiceTally } from '../estimation/batch-result.ts';
import { getOrBuild, ScenarioCache } from '../internal/plan-cache.ts';
import type { CompiledModel, CompiledScenario } from '../model.ts';
import type { UniformSource } from '../sampling/random-stream.ts';
import { serviceKindOf } from '../services/service-kinds.ts';
import {
  applyAtom,
  canBeBackground,
  countServed,
  createAtomRelevance,
  createStateDecider,
  describeRelevantPart,
  NO_ATOM,
  type RelevantPart,
} from './internal/background-outcomes.ts';

/** Estimator name of {@link runStratifiedSamples} in results. */
export const STRATIFIED_ESTIMATOR = 'stratified';

/** Why a scenario cannot be stratified, or null when it can. */
export function explainStratifiedUnsupported(scenario: CompiledScenario): string | null {
  return scenario.attack.kind === 'random'
    ? 'a random attack draws its elements per sample, not as independent events'
    : null;
}

/**
 * Atoms at least this likely are background atoms when the service's kind can decide a state over them (see
 * {@link buildStratifiedPlan}): drawn from their own law in every sample instead of being counted as events. The
 * random members of a forced regional outage (0.3 each, twenty of them) would otherwise put nearly every state in R.
 */
export const BACKGROUND_ATOM_PROBABILITY = 0.1;

/**
 * One (scenario, service)'s strata: the base state, the independent events, the exact part and the tables of the
 * conditional sampler. Atoms are element failures (`group` -1, `element` fails) and risk-group events (`group` g:
 * each member of g fails with its member probability, certainly when that is 1). The stratified atoms are counted
 * (the strata are their number); the background atoms are drawn in every sample of R from their own law.
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
  /** logNonePrefix[i] = ln P(none of atoms 0..i-1 occurs); length atomCount + 1 (the sampler's inversion). */
  readonly logNonePrefix: Float64Array;
  /** Background atoms (probability >= {@link BACKGROUND_ATOM_PROBABILITY}), drawn independently in every sample. */
  readonly backgroundCount: number;
  readonly backgroundProbability: Float64Array;
  readonly backgroundGroup: Int32Array;
  readonly backgroundElement: Uint32Array;
  /**
   * The states with at most one atom that are sampled, not summed: an atom index (a risk-group event whose members
   * fail at random, or a state whose service state depends on the background), or -1 for the state with no atom;
   * with the cumulative P(exactly that atom and no other).
   */
  readonly sampledSingleAtoms: Int32Array;
  readonly sampledSingleCumulative: Float64Array;
  /** P(at most one atom, in a sampled state). */
  readonly sampledSingleProbability: number;
  /** P(two or more atoms). */
  readonly atLeastTwoProbability: number;
  /** P(R) = sampledSingleProbability + atLeastTwoProbability: the weight of the sampled part. */
  readonly weight: number;
  /** The exact part c: P(service down and the state is outside R). */
  readonly constant: number;
  /** The exact part of the expected served endpoints: Σ P(state) served(state) over the states outside R. */
  readonly servedConstant: number;
  readonly endpointCount: number;
  /** The service's relevant part on the base state: samples label only it (connectivity kinds). */
  readonly relevantPart: RelevantPart;
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
 * Plans per model by what they read of a scenario ({@link describePlanDraws}): scenario objects with the same draws
 * share one (the estimator choice's scenario and the plan's, which adds the estimators), and a worker adopts the
 * plans its coordinator built ({@link adoptStratifiedPlans}).
 */
const planByDraws = new WeakMap<CompiledModel, Map<string, StratifiedPlan>>();

/**
 * The strata of service `serviceIndex` in `scenario`, built once per (model, scenario draws, service) and cached:
 * every batch of a run, in any worker, computes the same plan from the same data (the exact part is a fixed-order
 * sum), so a plan built elsewhere from equal data may stand in for it.
 * @throws RangeError when the scenario cannot be stratified ({@link explainStratifiedUnsupported})
 */
export function getStratifiedPlan(model: CompiledModel, scenario: CompiledScenario, serviceIndex: number): StratifiedPlan {
  return planCache.get(model, scenario, serviceIndex, () =>
    getOrBuild(getOrBuild(planByDraws, model, () => new Map<string, StratifiedPlan>()), describePlanDraws(scenario, serviceIndex), () =>
      buildStratifiedPlan(model, scenario, serviceIndex),
    ),
  );
}

/** What a plan of service `serviceIndex` reads of a scenario, as a key (numbers in their shortest exact form). */
function describePlanDraws(scenario: CompiledScenario, serviceIndex: number): string {
  const attack = scenario.attack;
  return [
    serviceIndex,
    scenario.randomFailures ? 'random' : 'fixed',
    scenario.forcedElements.join(','),
    scenario.forcedGroups.join(','),
    scenario.elementFailureProbability?.join(',') ?? '-',
    scenario.groupEventProbability?.join(',') ?? '-',
    attack.kind === 'targeted' ? `targeted:${attack.elementsByService[serviceIndex]?.join(',') ?? ''}` : attack.kind,
  ].join('|');
}

/** The stratified plans built for `model` so far, each with its key: plain data for another thread to adopt. */
export function exportStratifiedPlans(model: CompiledModel): Array<readonly [string, StratifiedPlan]> {
  return [...(planByDraws.get(model) ?? new Map<string, StratifiedPlan>())];
}

/**
 * Adopts plans built by another thread from a model with the same data as `model` ({@link exportStratifiedPlans}),
 * so this thread does not build them again. A key already present keeps its plan.
 */
export function adoptStratifiedPlans(model: CompiledModel, plans: ReadonlyArray<readonly [string, StratifiedPlan]>): void {
  const byDraws = getOrBuild(planByDraws, model, () => new Map<string, StratifiedPlan>());
  for (const [key, plan] of plans) if (!byDraws.has(key)) byDraws.set(key, plan);
}

/**
 * Whether {@link buildStratifiedPlan} draws the likely atoms as background atoms: where that makes the sampled part
 * lighter (the estimator's choice), always where the kind allows it, or never (every atom counted).
 */
export type BackgroundChoice = 'lighter' | 'always' | 'never';

/** The scenario's independent events, before they are split into stratified and background atoms. */
interface AtomTable {
  readonly probability: number[];
  readonly group: number[];
  readonly element: number[];
}

/**
 * Builds the strata (see the file header); {@link getStratifiedPlan} caches it. When the service's kind can decide a
 * state over the likely atoms (its served count is monotone: compare the state with none and with all of them
 * failed; or it has a witness of an up state: none of them can touch it), those atoms become background atoms, if
 * that makes the sampled part lighter than counting them as events.
 */
export function buildStratifiedPlan(
  model: CompiledModel,
  scenario: CompiledScenario,
  serviceIndex: number,
  background: BackgroundChoice = 'lighter',
): StratifiedPlan {
  const service = model.services[serviceIndex];
  if (service === undefined) throw new RangeError(`service index ${serviceIndex} is outside the model`);
  const unsupported = explainStratifiedUnsupported(scenario);
  if (unsupported !== null) throw new RangeError(`scenario ${scenario.id}: the estimator 'stratified' does not apply: ${unsupported}`);
  const groups = model.groups;
  const baseDown = new Uint8Array(model.elementCount);
  const atoms: AtomTable = { probability: [], group: [], element: [] };
  const addElementAtom = (element: number, p: number): void => {
    if (p >= 1) baseDown[element] = 1;
    else if (p > 0) {
      atoms.probability.push(p);
      atoms.group.push(-1);
      atoms.element.push(element);
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
        atoms.probability.push(eventProbability[g]);
        atoms.group.push(g);
        atoms.element.push(0);
      }
    }
  }
  for (let g = 0; g < groups.groupCount; g++) if (forcedGroup[g] === 1) occurCertainly(g);
  for (const e of scenario.forcedElements) baseDown[e] = 1;
  if (scenario.attack.kind === 'targeted') for (const e of scenario.attack.elementsByService[serviceIndex]) baseDown[e] = 1;

  const isBackground = new Uint8Array(atoms.probability.length);
  let backgroundCount = 0;
  for (let a = 0; a < isBackground.length; a++) {
    if (atoms.probability[a] >= BACKGROUND_ATOM_PROBABILITY && canBeBackground(model, serviceIndex, atoms.group[a])) {
      isBackground[a] = 1;
      backgroundCount++;
    }
  }
  const part = describeRelevantPart(model, serviceIndex, baseDown);
  if (backgroundCount > 0 && background !== 'never') {
    const plan = buildStrata(model, serviceIndex, baseDown, part, atoms, isBackground);
    if (background === 'always' || plan.weight < computeCountedWeight(model, atoms)) return plan;
  }
  return buildStrata(model, serviceIndex, baseDown, part, atoms, new Uint8Array(atoms.probability.length));
}

/** P(R) with every atom counted (no background): P(two or more atoms) + P(exactly one, a random group event). */
function computeCountedWeight(model: CompiledModel, atoms: AtomTable): number {
  const p = atoms.probability;
  const { tailTwo } = computeTails(Float64Array.from(p));
  let none = 1;
  for (const pa of p) none *= 1 - pa;
  let randomSingle = 0;
  for (let a = 0; a < p.length; a++) {
    if (atoms.group[a] >= 0 && !isCertainGroup(model, atoms.group[a])) randomSingle += (none / (1 - p[a])) * p[a];
  }
  return tailTwo[0] + randomSingle;
}

/** tailOne[i] = P(at least one of atoms i.. occurs), tailTwo[i] = P(at least two): sums of non-negative terms. */
function computeTails(p: Float64Array): { tailOne: Float64Array; tailTwo: Float64Array } {
  const count = p.length;
  const tailOne = new Float64Array(count + 1);
  const tailTwo = new Float64Array(count + 1);
  for (let i = count - 1; i >= 0; i--) {
    tailOne[i] = p[i] + (1 - p[i]) * tailOne[i + 1];
    tailTwo[i] = p[i] * tailOne[i + 1] + (1 - p[i]) * tailTwo[i + 1];
  }
  return { tailOne, tailTwo };
}

/** The strata with the atoms flagged in `isBackground` drawn in every sample and the others counted. */
function buildStrata(
  model: CompiledModel,
  serviceIndex: number,
  baseDown: Uint8Array,
  part: RelevantPart,
  atoms: AtomTable,
  isBackground: Uint8Array,
): StratifiedPlan {
  const counted: number[] = [];
  const background: number[] = [];
  for (let a = 0; a < isBackground.length; a++) (isBackground[a] === 1 ? background : counted).push(a);
  const p = Float64Array.from(counted, (a) => atoms.probability[a]);
  const atomGroup = Int32Array.from(counted, (a) => atoms.group[a]);
  const atomElement = Uint32Array.from(counted, (a) => atoms.element[a]);
  const backgroundGroup = Int32Array.from(background, (a) => atoms.group[a]);
  const backgroundElement = Uint32Array.from(background, (a) => atoms.element[a]);
  const atomCount = counted.length;
  const { tailOne, tailTwo } = computeTails(p);
  const logNonePrefix = new Float64Array(atomCount + 1);
  for (let i = 0; i < atomCount; i++) logNonePrefix[i + 1] = logNonePrefix[i] + Math.log1p(-p[i]);
  let none = 1;
  for (let i = 0; i < atomCount; i++) none *= 1 - p[i];

  const service = model.services[serviceIndex];
  const endpointCount = serviceKindOf(service).countEndpoints(service);
  const evaluate = createStateDecider(model, serviceIndex, baseDown, part, backgroundGroup, backgroundElement);
  const sampledAtoms: number[] = [];
  const sampledCumulative: number[] = [];
  let sampledSingle = 0;
  let constant = 0;
  let servedConstant = 0;
  // One state with at most one atom: summed exactly when its served count is decided, else a sampled stratum.
  const settle = (atom: number, probability: number, served: number): void => {
    if (served < 0) {
      sampledSingle += probability;
      sampledAtoms.push(atom);
      sampledCumulative.push(sampledSingle);
      return;
    }
    if (served < endpointCount) constant += probability;
    servedConstant += probability * served;
  };
  const noAtom = evaluate(NO_ATOM, 0);
  settle(-1, none, noAtom);
  const isRelevant = createAtomRelevance(model, part);
  for (let a = 0; a < atomCount; a++) {
    const only = (none / (1 - p[a])) * p[a];
    const random = atomGroup[a] >= 0 && !isCertainGroup(model, atomGroup[a]);
    // An atom on no simple path between endpoints changes no outcome of the state: it is decided as the no-atom one.
    const served = random ? -1 : isRelevant(atomGroup[a], atomElement[a]) ? evaluate(atomGroup[a], atomElement[a]) : noAtom;
    settle(a, only, served);
  }
  return {
    serviceIndex,
    baseDown,
    atomCount,
    atomProbability: p,
    atomGroup,
    atomElement,
    tailOne,
    tailTwo,
    logNonePrefix,
    backgroundCount: background.length,
    backgroundProbability: Float64Array.from(background, (a) => atoms.probability[a]),
    backgroundGroup,
    backgroundElement,
    sampledSingleAtoms: Int32Array.from(sampledAtoms),
    sampledSingleCumulative: Float64Array.from(sampledCumulative),
    sampledSingleProbability: sampledSingle,
    atLeastTwoProbability: tailTwo[0],
    weight: sampledSingle + tailTwo[0],
    constant,
    servedConstant,
    endpointCount,
    relevantPart: part,
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

/**
 * Draws one state of R from its exact conditional distribution into `down` (base included, layers not yet expanded):
 * with probability sampledSingleProbability / weight one of the sampled states with at most one atom (chosen by its
 * probability), else two or more atoms (the first given two or more, the next given one or more, then each further
 * one: {@link findFirstAtom}); then each background atom with its own probability (independent of the counted atoms,
 * so its law given R is its law).
 */
export function drawStratifiedState(model: CompiledModel, plan: StratifiedPlan, random: UniformSource, down: Uint8Array): void {
  down.set(plan.baseDown);
  const atomGroup = plan.atomGroup;
  const atomElement = plan.atomElement;
  if (random() * plan.weight < plan.sampledSingleProbability) {
    const cumulative = plan.sampledSingleCumulative;
    const u = random() * plan.sampledSingleProbability;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid] > u) hi = mid;
      else lo = mid + 1;
    }
    const a = plan.sampledSingleAtoms[lo];
    if (a >= 0) applyAtom(model, atomGroup[a], atomElement[a], down, random);
  } else if (plan.atomCount >= 2) {
    // Two or more atoms, by inversion (a few uniforms, not one per atom): the first atom j given two or more, the
    // first after it given one or more, then each further one while one more occurs (P = tailOne[k + 1]).
    const tailOne = plan.tailOne;
    let k = findFirstAtom(plan, plan.tailTwo, 0, random());
    applyAtom(model, atomGroup[k], atomElement[k], down, random);
    k = findFirstAtom(plan, tailOne, k + 1, random());
    applyAtom(model, atomGroup[k], atomElement[k], down, random);
    while (random() < tailOne[k + 1]) {
      k = findFirstAtom(plan, tailOne, k + 1, random());
      applyAtom(model, atomGroup[k], atomElement[k], down, random);
    }
  }
  for (let b = 0; b < plan.backgroundCount; b++) {
    if (random() < plan.backgroundProbability[b]) {
      applyAtom(model, plan.backgroundGroup[b], plan.backgroundElement[b], down, random);
    }
  }
}

/**
 * The first occurring atom at or after `start`, given that at least r occur there (`tail` = tailOne for r = 1,
 * tailTwo for r = 2), by inverting its distribution function with uniform u: P(first > k | ...) =
 * none(start..k) tail[k + 1] / tail[start], non-increasing in k, so the answer is the smallest k >= start with
 * none(start..k) tail[k + 1] <= (1 - u) tail[start] (a binary search; none(start..k) from the log prefix sums).
 */
function findFirstAtom(plan: StratifiedPlan, tail: Float64Array, start: number, u: number): number {
  const logNone = plan.logNonePrefix;
  const bound = (1 - u) * tail[start];
  let lo = start;
  let hi = plan.atomCount - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (Math.exp(logNone[mid + 1] - logNone[start]) * tail[mid + 1] <= bound) hi = mid;
    else lo = mid + 1;
  }
  return lo;
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
      const count = countServed(model, serviceIndex, scratch.down, scratch.parent, plan.relevantPart);
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
