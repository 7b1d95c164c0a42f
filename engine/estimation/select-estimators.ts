// Automatic estimator choice per (scenario, service), decided from the plan alone so that every worker and
// machine makes the same choice. Crude Monte Carlo is used wherever it can reach the target precision within
// the sample budget; permutation Monte Carlo (engine/rare) where it cannot: services whose unavailability is
// of second or higher order in the failure probabilities (no single point of failure), i.e. rare.
//
// Two deterministic screens, either of which keeps crude: (1) the first-order (rare-event) approximation
// u1 = sum over single points of failure of their failure probability (risk groups: event probability times
// member failure probability); u >= u1 up to higher-order terms. (2) A crude pilot of PILOT_SAMPLES samples on
// its own stream (seed, "pilot", scenario): when it sees at least PILOT_MIN_EVENTS failures, its estimate is used.
// Crude stays when the expected failure events at the sample budget reach what the relative-error target needs.

import { findSinglePointsOfFailure } from '../analysis/minimal-cut-sets.ts';
import type { CompiledModel, CompiledScenario, ServiceEstimatorKind } from '../model.ts';
import { runBatch } from '../run-batch.ts';
import { supportsEstimator } from '../services/service-kinds.ts';
import { Z_95 } from './confidence-interval.ts';

/** Samples of the crude pilot run. */
export const PILOT_SAMPLES = 20_000;
/** Failures the pilot must see before its estimate is trusted over the first-order screen. */
export const PILOT_MIN_EVENTS = 10;

/**
 * Without a relative-error target the user asked for a sample budget, and crude sampling honours it unless it
 * would see fewer than this many failures: then its interval says little more than "rare", and permutation
 * Monte Carlo is used. (A PMC sample costs 10 to 1000 crude samples, so it is not chosen merely to tighten
 * an interval the user did not ask to tighten.)
 */
export const MIN_EXPECTED_EVENTS_WITHOUT_TARGET = 10;

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
 * Chooses the estimator of every service in a scenario. Only scenarios with independent random failures and
 * nothing forced are screened (forced events and attacks make failures common); crude is kept unless the
 * expected number of failure events at the sample budget is below what the relative-error target needs,
 * (z / r)^2 (Clopper-Pearson half-width ~ z * sqrt(u / n)), or without a target below
 * MIN_EXPECTED_EVENTS_WITHOUT_TARGET, and unless the service's kind does not support PMC.
 */
export function selectServiceEstimators(
  model: CompiledModel,
  scenario: CompiledScenario,
  maxSamples: number,
  relativeError: number | null,
  seed: string,
): ServiceEstimatorKind[] {
  const crude = model.services.map((): ServiceEstimatorKind => 'crude');
  const screened =
    scenario.randomFailures &&
    scenario.forcedElements.length === 0 &&
    scenario.forcedGroups.length === 0 &&
    scenario.attack.kind === 'none';
  if (!screened) return crude;
  const neededEvents = relativeError === null ? MIN_EXPECTED_EVENTS_WITHOUT_TARGET : (Z_95 / relativeError) ** 2;
  // A kind without PMC stays crude whatever its first-order value: 1 spares its screen and the pilot run.
  const firstOrder = model.services.map((service, s) =>
    supportsEstimator(service, 'pmc') ? approximateFirstOrderUnavailability(model, scenario, s) : 1,
  );
  if (firstOrder.every((u) => u * maxSamples >= neededEvents)) return crude;
  const pilotSamples = Math.min(PILOT_SAMPLES, maxSamples);
  const pilot = runBatch(
    {
      model,
      scenarios: [scenario],
      seed: `${seed}|pilot`,
      batchSize: pilotSamples,
      stopping: { relativeError: null, maxSamples: pilotSamples, maxTimeSeconds: null, minSamples: 0 },
    },
    0,
    0,
    pilotSamples,
  );
  return model.services.map((service, s) => {
    const tally = pilot.services[s];
    const pilotEstimate = tally.kind === 'crude' && tally.down >= PILOT_MIN_EVENTS ? tally.down / tally.samples : 0;
    const crudeSuffices = Math.max(firstOrder[s], pilotEstimate) * maxSamples >= neededEvents;
    return crudeSuffices || !supportsEstimator(service, 'pmc') ? 'crude' : 'pmc';
  });
}
