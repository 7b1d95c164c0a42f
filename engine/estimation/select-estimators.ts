// Automatic estimator choice per (scenario, service), decided from the plan alone so that every worker and
// machine makes the same choice. Crude Monte Carlo is used wherever it can reach the target precision within
// the sample budget; a rare-event estimator (engine/rare) where it cannot: permutation Monte Carlo where it applies
// (connectivity kinds on a single-layer model), else stratified sampling by the number of failure events (every
// static kind, layered models; not under a random attack).
//
// Two deterministic screens, either of which keeps crude: (1) the first-order (rare-event) approximation
// u1 = sum over single points of failure of their failure probability (risk groups: event probability times
// member failure probability); u >= u1 up to higher-order terms (scenarios with nothing forced and no attack only:
// a forced or attacked element makes other elements single points of failure). (2) A crude pilot of PILOT_SAMPLES
// samples on a stream of its own that does not depend on the study seed (PILOT_SEED, scenario), so the choice is a
// function of the model, the scenario and the budget: a re-run with another seed answers with the same method.
// The pilot has 2 budget / (events needed) samples (within PILOT_SAMPLES..MAX_PILOT_SAMPLES), and its estimate is
// (failures + 1) / pilot samples: with no failure seen, crude would see half the events the target needs at the
// budget, so a rare-event estimator is used; with one or more, crude is kept when it would see enough. Crude stays
// when the expected failure events at the sample budget reach what the relative-error target needs. Under the
// verdict rule a service that seeks a verdict needs (VERDICT_Z / d)^2 events, d the pilot estimate's relative
// distance to the service's limit: an estimate near its limit needs a rare-event estimator to be told from it.

import { findSinglePointsOfFailure } from '../analysis/minimal-cut-sets.ts';
import { BUDGET_SAMPLES_PER_RARE_EVENT_SAMPLE, type CompiledModel, type CompiledScenario, type ServiceEstimatorKind } from '../model.ts';
import {
  createStratifiedScratch,
  explainStratifiedUnsupported,
  getStratifiedPlan,
  runStratifiedSamples,
} from '../rare/stratified-sampling.ts';
import { createBatchStream } from '../sampling/random-stream.ts';
import { runBatch } from '../run-batch.ts';
import { supportsEstimator } from '../services/service-kinds.ts';
import { Z_95 } from './confidence-interval.ts';

/** Fewest samples of the crude pilot run. */
export const PILOT_SAMPLES = 20_000;
/** Most samples of the crude pilot run (it costs a few percent of a budget this size at most). */
export const MAX_PILOT_SAMPLES = 500_000;
/** Seed of the pilot's stream: fixed, so that the estimator choice does not depend on the study seed. */
export const PILOT_SEED = 'neverout-estimator-pilot';

/**
 * Without a relative-error target the user asked for a sample budget, and crude sampling honours it unless it
 * would see fewer than this many failures: then its interval says little more than "rare", and permutation
 * Monte Carlo is used. (A PMC sample costs 10 to 1000 crude samples, so it is not chosen merely to tighten
 * an interval the user did not ask to tighten.)
 */
export const MIN_EXPECTED_EVENTS_WITHOUT_TARGET = 10;

/**
 * Why a layered model (logical links routed over physical links, `model.layers`) is estimated by crude sampling
 * only: permutation Monte Carlo (and critical-state importance, which is then given only for services that reach no
 * logical link) treat the graph's links as independent elements with their own failure probabilities, while a
 * logical link's state derives from its route's physical segments and ducts (common causes shared across links).
 * Crude sampling and stratified sampling see derived failures.
 */
export const LAYERED_MODEL_REASON =
  'the model routes logical links over physical links (layers): permutation Monte Carlo assumes independent graph links, so stratified sampling is used where crude sampling cannot reach the target (importance measures only for services that reach no logical link)';

/**
 * Two-sided normal quantile of the level the verdict rule spends at about its seventh look (engine/estimation/
 * sequential-verdict.ts: alpha_6 = 0.05 / (zeta(1.4) 7^1.4) ≈ 1.1e-3), the look a verdict near the budget is taken at.
 */
export const VERDICT_Z = 3.3;

/**
 * True when estimator `estimator` can estimate service s of `model` in `scenario` (its kind supports it; PMC: no
 * layers; stratified sampling: no random attack).
 */
export function canUseEstimator(
  model: CompiledModel,
  serviceIndex: number,
  estimator: ServiceEstimatorKind,
  scenario: CompiledScenario | null = null,
): boolean {
  if (estimator === 'pmc' && model.layers !== undefined) return false;
  if (estimator === 'stratified' && scenario !== null && explainStratifiedUnsupported(scenario) !== null) return false;
  return supportsEstimator(model.services[serviceIndex], estimator);
}

/** The rare-event estimator for service s in `scenario`: PMC where it applies, else stratified sampling, else none. */
export function chooseRareEventEstimator(
  model: CompiledModel,
  scenario: CompiledScenario,
  serviceIndex: number,
): ServiceEstimatorKind | null {
  if (canUseEstimator(model, serviceIndex, 'pmc', scenario)) return 'pmc';
  if (canUseEstimator(model, serviceIndex, 'stratified', scenario)) return 'stratified';
  return null;
}

/** First-order approximation of a service's unavailability in a scenario (see the file header). */
export function approximateFirstOrderUnavailability(model: CompiledModel, scenario: CompiledScenario, serviceIndex: number): number {
  const q = scenario.elementFailureProbability ?? model.elementFailureProbability;
  const eventProbability = scenario.groupEventProbability ?? model.groups.eventProbability;
  let u = 0;
  for (const code of findSinglePointsOfFailure(model, serviceIndex, { includeGroups: true })) {
    if (code < model.elementCount) {
      u += q[code];
    } else {
      const g = code - model.elementCount;
      let memberProbability = 1;
      for (let m = model.groups.memberStart[g]; m < model.groups.memberStart[g + 1]; m++) {
        memberProbability = Math.min(memberProbability, model.groups.memberFailureProbability[m]);
      }
      u += eventProbability[g] * memberProbability;
    }
  }
  return Math.min(1, u);
}

/**
 * Chooses the estimator of every service in a scenario, from the model, the scenario and the budget alone (never
 * the study seed). Scenarios with random failures are screened, forced elements and groups and attacks included
 * (the rare-event estimators run conditionally on the scenario's base state: engine/rare); scenarios without random
 * failures keep crude (their randomness, if any, is an attack draw or group members, which crude sampling resolves).
 * Crude is kept unless the expected number of failure events at the sample budget is below what the relative-error
 * target needs, (z / r)^2 (Clopper-Pearson half-width ~ z * sqrt(u / n)), or without a target below
 * MIN_EXPECTED_EVENTS_WITHOUT_TARGET, or for a service seeking a verdict below (VERDICT_Z / d)^2 (see the file
 * header), and unless no rare-event estimator applies ({@link chooseRareEventEstimator}).
 * @param verdictLimits under the verdict rule, per service the largest unavailability its target allows, or null
 *   where it seeks no verdict; null without the verdict rule
 */
export function selectServiceEstimators(
  model: CompiledModel,
  scenario: CompiledScenario,
  maxSamples: number,
  relativeError: number | null,
  verdictLimits: readonly (number | null)[] | null = null,
): ServiceEstimatorKind[] {
  return selectServiceEstimation(model, scenario, maxSamples, relativeError, verdictLimits, null).estimators;
}

/** How the rare-event samples of a batch are sized under a relative-error target (see {@link ServiceEstimation}). */
export interface RareEventSizing {
  /** Rare-event samples per batch at most (the plan's rareEventSamplesPerBatch). */
  readonly samplesPerBatch: number;
  /** Batches before a service may stop at the target (the stopping rule's minSamples over the batch size). */
  readonly minBatches: number;
}

/** The estimator choice of a scenario, with the stratified services' samples per batch where they were sized. */
export interface ServiceEstimation {
  readonly estimators: ServiceEstimatorKind[];
  /**
   * Per service (model order): stratified samples per batch, sized from the estimator choice's pilot so that the
   * minimum batches reach the relative-error target with a margin (STRATIFIED_SIZING_MARGIN), within
   * [MIN_SIZED_SAMPLES_PER_BATCH, sizing.samplesPerBatch]; 0 where not sized (the plan's count applies). Null when
   * nothing was sized (no target, or no sizing asked).
   */
  readonly rareEventSamples: number[] | null;
}

/** Margin on the pilot's predicted samples when stratified samples per batch are sized (the pilot's p is noisy). */
export const STRATIFIED_SIZING_MARGIN = 2;
/** Fewest stratified samples per batch a sized service draws. */
export const MIN_SIZED_SAMPLES_PER_BATCH = 50;

/**
 * {@link selectServiceEstimators}, and under a relative-error target with `sizing` the stratified services' samples
 * per batch: a stratified sample's variance is w² p (1 - p) (p from the pilot), so the relative half-width z w
 * sqrt(p (1 - p) / n) / u reaches the target r at n = (z w / (r u))² p (1 - p); the minimum batches draw
 * STRATIFIED_SIZING_MARGIN times that (more batches follow, as for any service, while the target is not met).
 * Like the choice, the sizes are a function of the model, the scenario and the budget (the pilot's own stream).
 */
export function selectServiceEstimation(
  model: CompiledModel,
  scenario: CompiledScenario,
  maxSamples: number,
  relativeError: number | null,
  verdictLimits: readonly (number | null)[] | null,
  sizing: RareEventSizing | null,
): ServiceEstimation {
  const crude = model.services.map((): ServiceEstimatorKind => 'crude');
  const unsized = { estimators: crude, rareEventSamples: null };
  if (!scenario.randomFailures) return unsized;
  const unforced =
    scenario.forcedElements.length === 0 && scenario.forcedGroups.length === 0 && scenario.attack.kind === 'none';
  const neededEvents = relativeError === null ? MIN_EXPECTED_EVENTS_WITHOUT_TARGET : (Z_95 / relativeError) ** 2;
  const rare = model.services.map((_, s) => chooseRareEventEstimator(model, scenario, s));
  const limitOf = (s: number): number | null => verdictLimits?.[s] ?? null;
  // Events crude sampling needs at an unavailability near u: the target's, or for a verdict enough to tell u from
  // its limit.
  const needed = (s: number, u: number): number => {
    const limit = limitOf(s);
    return limit === null ? neededEvents : Math.max(neededEvents, ((VERDICT_Z * u) / Math.abs(u - limit)) ** 2);
  };
  // Under a relative-error target stratified sampling is chosen by its cost to reach it, which the first-order
  // screen does not tell.
  const byCost = relativeError !== null;
  // A service without a rare-event estimator stays crude whatever its first-order value: 1 spares its screen and the
  // pilot run. A forced or attacked scenario has no first-order screen: 0 sends its services to the pilot, as does a
  // verdict (how many events it needs depends on the distance to the limit, which the pilot estimates) and a
  // stratified service chosen by cost.
  const firstOrder = model.services.map((_, s) => {
    if (rare[s] === null) return 1;
    const screenable = unforced && limitOf(s) === null && !(rare[s] === 'stratified' && byCost);
    return screenable ? approximateFirstOrderUnavailability(model, scenario, s) : 0;
  });
  const screened = firstOrder.map((u) => u * maxSamples >= neededEvents);
  const chosen = crude.slice();
  // Sizing applies under a relative-error target only (its samples per batch are sized to reach it).
  const size = relativeError !== null && sizing !== null ? (pilot: StratifiedPilot) => sizeStratifiedSamples(pilot, relativeError, sizing) : null;
  const sized = size !== null ? model.services.map(() => 0) : null;
  // Stratified sampling: its exact part c is a lower bound of u; a pilot of its own estimates the rest.
  for (let s = 0; s < chosen.length; s++) {
    if (rare[s] !== 'stratified' || screened[s]) continue;
    const choice = chooseCrudeOrStratified(model, scenario, s, maxSamples, byCost, limitOf(s) !== null, (u) => needed(s, u));
    chosen[s] = choice.estimator;
    if (size !== null && sized !== null && choice.estimator === 'stratified' && choice.pilot !== null) sized[s] = size(choice.pilot);
  }
  const estimation = (): ServiceEstimation => ({ estimators: chosen, rareEventSamples: sized?.some((n) => n > 0) === true ? sized : null });
  if (!rare.some((estimator, s) => estimator === 'pmc' && !screened[s])) return estimation();
  const pilotSamples = Math.min(
    maxSamples,
    Math.max(PILOT_SAMPLES, Math.min(MAX_PILOT_SAMPLES, Math.ceil((2 * maxSamples) / neededEvents))),
  );
  const pilot = runBatch(
    {
      model,
      scenarios: [{ ...scenario, serviceEstimators: crude }],
      seed: PILOT_SEED,
      batchSize: pilotSamples,
      stopping: { relativeError: null, maxSamples: pilotSamples, maxTimeSeconds: null, minSamples: 0 },
    },
    0,
    0,
    pilotSamples,
    { skipServices: rare.flatMap((e, s) => (e === 'pmc' && !screened[s] ? [] : [s])) },
  );
  for (let s = 0; s < chosen.length; s++) {
    if (rare[s] !== 'pmc' || screened[s]) continue;
    const tally = pilot.services[s];
    const pilotEstimate = tally.kind === 'crude' ? (tally.down + 1) / tally.samples : 0;
    chosen[s] = pilotEstimate * maxSamples >= needed(s, pilotEstimate) ? 'crude' : 'pmc';
  }
  return estimation();
}

/** What a stratified pilot found: the weight w, the exact part c and p = P(down | R) (with one down added). */
interface StratifiedPilot {
  readonly weight: number;
  readonly constant: number;
  readonly p: number;
}

/** Stratified samples per batch for a sized service (see {@link selectServiceEstimation}). */
function sizeStratifiedSamples(pilot: StratifiedPilot, relativeError: number, sizing: RareEventSizing): number {
  const u = pilot.constant + pilot.weight * pilot.p;
  const predicted = ((Z_95 * pilot.weight) / (relativeError * u)) ** 2 * pilot.p * (1 - pilot.p);
  const perBatch = Math.ceil((STRATIFIED_SIZING_MARGIN * predicted) / Math.max(1, sizing.minBatches));
  return Math.min(sizing.samplesPerBatch, Math.max(MIN_SIZED_SAMPLES_PER_BATCH, perBatch));
}

/** Stratified pilot samples per (scenario, service), on the pilot's own stream. */
export const STRATIFIED_PILOT_SAMPLES = 500;

/**
 * Crude or stratified sampling for one service. With no sampled part (weight 0) the exact part is the answer:
 * stratified. Else a stratified pilot estimates p = P(down | R) and u = c + w p, and stratified sampling is the
 * better estimator when its variance per sample, w² p (1 - p), times the budget samples one of its samples counts
 * for (BUDGET_SAMPLES_PER_RARE_EVENT_SAMPLE) is below crude's u (1 - u): it then reaches any precision on fewer
 * budget samples. Under a relative-error target (`byCost`) the better one is chosen. Otherwise (a fixed budget, the
 * verdict rule) crude stays wherever it sees the events needed (first by the exact part c <= u, before a pilot, when
 * no verdict is sought), so that the services keep their critical-state importance measures (estimated for crude
 * services only), and stratified sampling is used where crude cannot reach the target and it is the better one.
 */
function chooseCrudeOrStratified(
  model: CompiledModel,
  scenario: CompiledScenario,
  serviceIndex: number,
  maxSamples: number,
  byCost: boolean,
  seeksVerdict: boolean,
  neededAt: (u: number) => number,
): { readonly estimator: ServiceEstimatorKind; readonly pilot: StratifiedPilot | null } {
  const plan = getStratifiedPlan(model, scenario, serviceIndex);
  if (plan.weight === 0) return { estimator: 'stratified', pilot: null };
  if (!byCost && !seeksVerdict && plan.constant * maxSamples >= neededAt(plan.constant)) return { estimator: 'crude', pilot: null };
  const random = createBatchStream(PILOT_SEED, `${scenario.id}|stratified|${model.services[serviceIndex].id}`, 0);
  const sums = runStratifiedSamples(model, scenario, serviceIndex, random, STRATIFIED_PILOT_SAMPLES, createStratifiedScratch(model));
  const p = Math.min(1, (sums.down + 1) / STRATIFIED_PILOT_SAMPLES);
  const u = Math.min(1, plan.constant + plan.weight * p);
  const better = plan.weight * plan.weight * p * (1 - p) * BUDGET_SAMPLES_PER_RARE_EVENT_SAMPLE < u * (1 - u);
  const pilot = { weight: plan.weight, constant: plan.constant, p };
  if (byCost) return { estimator: better ? 'stratified' : 'crude', pilot };
  return { estimator: u * maxSamples < neededAt(u) && better ? 'stratified' : 'crude', pilot };
}
