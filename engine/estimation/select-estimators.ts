// Automatic estimator choice per (scenario, service), decided from the plan alone so that every worker and
// machine makes the same choice. Crude Monte Carlo is used wherever it can reach the target precision within
// the sample budget; permutation Monte Carlo (engine/rare) where it cannot: services whose unavailability is
// of second or higher order in the failure probabilities (no single point of failure), i.e. rare.
//
// Two deterministic screens, either of which keeps crude: (1) the first-order (rare-event) approximation
// u1 = sum over single points of failure of their failure probability (risk groups: event probability times
// member failure probability); u >= u1 up to higher-order terms (scenarios with nothing forced and no attack only:
// a forced or attacked element makes other elements single points of failure). (2) A crude pilot of PILOT_SAMPLES
// samples on a stream of its own that does not depend on the study seed (PILOT_SEED, scenario), so the choice is a
// function of the model, the scenario and the budget: a re-run with another seed answers with the same method.
// The pilot has 2 budget / (events needed) samples (within PILOT_SAMPLES..MAX_PILOT_SAMPLES), and its estimate is
// (failures + 1) / pilot samples: with no failure seen, crude would see half the events the target needs at the
// budget, so PMC is used; with one or more, crude is kept when it would see enough. Crude stays when the expected
// failure events at the sample budget reach what the relative-error target needs.

import { findSinglePointsOfFailure } from '../analysis/minimal-cut-sets.ts';
import type { CompiledModel, CompiledScenario, ServiceEstimatorKind } from '../model.ts';
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
 * Crude sampling and risk-group conditioning see derived failures.
 */
export const LAYERED_MODEL_REASON =
  'the model routes logical links over physical links (layers): permutation Monte Carlo assumes independent graph links, so crude sampling is used (importance measures only for services that reach no logical link)';

/** True when estimator `estimator` can estimate service s of `model` (its kind supports it; PMC: no layers). */
export function canUseEstimator(model: CompiledModel, serviceIndex: number, estimator: ServiceEstimatorKind): boolean {
  if (estimator === 'pmc' && model.layers !== undefined) return false;
  return supportsEstimator(model.services[serviceIndex], estimator);
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
 * (PMC runs conditionally on the scenario's base state: engine/rare); scenarios without random failures keep crude
 * (their randomness, if any, is an attack draw or group members, which crude sampling resolves). Crude is kept
 * unless the expected number of failure events at the sample budget is below what the relative-error target needs,
 * (z / r)^2 (Clopper-Pearson half-width ~ z * sqrt(u / n)), or without a target below
 * MIN_EXPECTED_EVENTS_WITHOUT_TARGET, and unless the service's kind does not support PMC or the model is layered
 * ({@link LAYERED_MODEL_REASON}).
 */
export function selectServiceEstimators(
  model: CompiledModel,
  scenario: CompiledScenario,
  maxSamples: number,
  relativeError: number | null,
): ServiceEstimatorKind[] {
  const crude = model.services.map((): ServiceEstimatorKind => 'crude');
  if (!scenario.randomFailures) return crude;
  const unforced =
    scenario.forcedElements.length === 0 && scenario.forcedGroups.length === 0 && scenario.attack.kind === 'none';
  const neededEvents = relativeError === null ? MIN_EXPECTED_EVENTS_WITHOUT_TARGET : (Z_95 / relativeError) ** 2;
  // A kind without PMC stays crude whatever its first-order value: 1 spares its screen and the pilot run. A forced or
  // attacked scenario has no first-order screen: 0 sends its PMC services to the pilot.
  const firstOrder = model.services.map((_, s) =>
    !canUseEstimator(model, s, 'pmc') ? 1 : unforced ? approximateFirstOrderUnavailability(model, scenario, s) : 0,
  );
  if (firstOrder.every((u) => u * maxSamples >= neededEvents)) return crude;
  const pilotSamples = Math.min(
    maxSamples,
    Math.max(PILOT_SAMPLES, Math.min(MAX_PILOT_SAMPLES, Math.ceil((2 * maxSamples) / neededEvents))),
  );
  const pilot = runBatch(
    {
      model,
      scenarios: [scenario],
      seed: PILOT_SEED,
      batchSize: pilotSamples,
      stopping: { relativeError: null, maxSamples: pilotSamples, maxTimeSeconds: null, minSamples: 0 },
    },
    0,
    0,
    pilotSamples,
  );
  return model.services.map((_, s) => {
    const tally = pilot.services[s];
    const pilotEstimate = tally.kind === 'crude' ? (tally.down + 1) / tally.samples : 0;
    const crudeSuffices = Math.max(firstOrder[s], pilotEstimate) * maxSamples >= neededEvents;
    return crudeSuffices || !canUseEstimator(model, s, 'pmc') ? 'crude' : 'pmc';
  });
}
