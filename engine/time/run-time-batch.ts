// One time-simulation batch: a pure function of (model, scenario, seed, batch index, years) returning mergeable sums.
// The model of the simulation is documented on runTimeBatch; the event loop is simulate-time-history.ts.

import { BatchFailure } from '../run-batch.ts';
import type { CompiledModel, CompiledScenario } from '../model.ts';
import { simulateTimeHistory } from './simulate-time-history.ts';
import type { TimeBatchResult } from './time-batch-result.ts';
import { prepareTimeParameters } from './time-parameters.ts';

/**
 * Runs one batch of `years` consecutive simulated years of `scenario` and returns its sufficient statistics.
 *
 * Model. Each element alternates up and down. Its time to failure has its distribution (exponential unless the model
 * gives one) with mean MTTR (1 - q) / q, q its steady-state probability (after the scenario's overrides). When it
 * fails, a repair is requested from its crew: the job waits first-in first-out while every member of the crew is
 * busy, then a member responds (the crew's response-time distribution) and works (the element's repair-time
 * distribution, mean MTTR); without a crew the work starts at once. q = 0: it never fails; q = 1: down throughout.
 * Risk-group events arrive as a Poisson process while the group is quiet, at rate p / (d (1 - p)) with p its
 * static probability and d its mean duration; at an event's start each member fails with its member probability and
 * is held down until it is back: all together when the event's duration (its distribution) ends, one by one over a
 * staggered recovery period ending then, or each after a crew restored it (engine/time/group-recovery.ts). An element
 * held by an event and failed on its own is down until both are over.
 *
 * With repairs starting at once and recovery together, the state at a random instant has exactly the steady-state
 * distribution the static samplers draw from, for any time distributions (renewal-reward theorem; Barlow and
 * Proschan 1975, ch. 7): the long-run down fraction of a service is its static unavailability. Crews (response
 * times, queues) and staggered or crew recovery make outages longer than the static model assumes.
 *
 * Conventions. A batch is one history: a warm-up (parameters.warmUpHours) from the stationary state of independent
 * components, then `years` consecutive years of HOURS_PER_YEAR. An outage counts in the year in which it starts (one
 * running at the first year's start belongs to the warm-up) and its full duration is recorded, followed past the last
 * year's end (censored at MAX_RECORDED_OUTAGE_HOURS); downtime is the time down inside each year. A year without
 * outage has no downtime at all.
 *
 * Scenario. Probability overrides apply; forced elements fail, and forced groups' events start, at time 0 of every
 * year (`timeForcing` 'start', the default), arrive as a Poisson process at the scenario's rate ('arrivals'), or are
 * down and in progress all the time ('throughout', the static engine's view; a group's hits drawn anew each year);
 * `randomFailures` false leaves only forced failures; attacks are ignored (a time simulation of an adversary needs a
 * model of when they strike, which scenarios do not carry).
 *
 * Random numbers. Each element and each group draws from its own stream (engine/time/time-streams.ts) seeded from
 * (seed, scenario id, batch index, its id), a fixed number of uniforms per phase, so that plans sharing an element
 * share its failure history (common random numbers).
 *
 * @param model compiled model; `elementRepairHours`, `groups.eventDurationHours` and `time` are optional
 * @param seed study seed
 * @param batchIndex dense batch index, >= 0
 * @param years simulated years in this batch, an integer >= 0
 * @param scenarioIndex index of the scenario in its plan, recorded in the result (default 0)
 * @throws BatchFailure (with seed and batch index) when the simulation fails; RangeError on invalid parameters
 */
export function runTimeBatch(
  model: CompiledModel,
  scenario: CompiledScenario,
  seed: string,
  batchIndex: number,
  years: number,
  scenarioIndex = 0,
): TimeBatchResult {
  if (!Number.isSafeInteger(years) || years < 0)
    throw new RangeError(`years must be a non-negative integer, got ${years}`);
  if (!Number.isSafeInteger(batchIndex) || batchIndex < 0)
    throw new RangeError(`batchIndex must be a non-negative integer, got ${batchIndex}`);
  const parameters = prepareTimeParameters(model, scenario);
  try {
    const history = simulateTimeHistory(model, parameters, { seed, streamScenarioId: scenario.id, batchIndex }, years);
    return {
      scenarioIndex,
      scenarioId: scenario.id,
      batchIndex,
      sampleCount: years,
      services: history.services,
      crews: history.crews,
    };
  } catch (error) {
    throw new BatchFailure(
      `time simulation failed: ${error instanceof Error ? error.message : String(error)}`,
      seed,
      scenario.id,
      batchIndex,
      { cause: error },
    );
  }
}
