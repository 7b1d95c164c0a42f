// Adapters from each sampler and estimator to the contract's observations: each runs the implementation on a case
// and pairs its sufficient statistics with the exact values they estimate.

import {
  createBatchStream,
  createPmcScratch,
  HOURS_PER_YEAR,
  isReachExact,
  runBatch,
  runPairedBatch,
  runPmcSamples,
  runTimeBatch,
  supportsEstimator,
  type BatchResult,
  type ImportanceSums,
  type PmcOptions,
  type SimulationPlan,
} from '../../../engine/index.ts';
import { createImportanceScratch, runImportanceSamples } from '../../../engine/importance/index.ts';
import {
  buildPairedCase,
  exactCriticalProbabilities,
  exactUnavailabilities,
  planOfCase,
  type ContractCase,
} from './contract-models.ts';
import type { Observation } from './estimator-contract.ts';

/** Service `s`'s unavailability figure name (the reference check looks for service 0's). */
function unavailability(s: number): string {
  return `service ${s} unavailability`;
}

/** Crude tallies (down counts) of one batch of `samples` from `run`. */
export function crudeObservations(
  c: ContractCase,
  seed: string,
  samples: number,
  run: (plan: SimulationPlan, samples: number) => BatchResult,
): Observation[] {
  const exact = exactUnavailabilities(c.model, c.scenario);
  const result = run(planOfCase(c, seed, samples), samples);
  return result.services.map((tally, s): Observation => {
    if (tally.kind !== 'crude') throw new Error(`expected a crude tally, got ${tally.kind}`);
    return { kind: 'count', what: unavailability(s), count: tally.down, samples: tally.samples, exact: exact[s] };
  });
}

/** Permutation Monte Carlo sums of every service (runPmcSamples with `options`), each on its own stream. */
export function pmcObservations(
  c: ContractCase,
  seed: string,
  samples: number,
  options: PmcOptions = {},
): Observation[] {
  const exact = exactUnavailabilities(c.model, c.scenario);
  const scratch = createPmcScratch(c.model);
  // Only the kinds that declare PMC (its permutation reads connectivity); each service has its own stream.
  return c.model.services.flatMap((service, s): Observation[] => {
    if (!supportsEstimator(service, 'pmc')) return [];
    const random = createBatchStream(seed, `pmc|${service.id}`, 0);
    const sums = runPmcSamples(c.model, c.scenario, s, random, samples, scratch, options);
    return [{ kind: 'mean', what: unavailability(s), ...sums, exact: exact[s] }];
  });
}

/** Permutation Monte Carlo through runBatch: the scenario asks for PMC on every service. */
export function pmcBatchObservations(c: ContractCase, seed: string, samples: number): Observation[] {
  const exact = exactUnavailabilities(c.model, c.scenario);
  // Kinds without PMC stay crude in the same batch, and are checked as counts.
  const scenario = {
    ...c.scenario,
    serviceEstimators: c.model.services.map((service) => (supportsEstimator(service, 'pmc') ? ('pmc' as const) : ('crude' as const))),
  };
  const plan: SimulationPlan = { ...planOfCase({ ...c, scenario }, seed, samples), rareEventSamplesPerBatch: samples };
  return runBatch(plan, 0, 0, samples).services.map((tally, s): Observation => {
    if (scenario.serviceEstimators[s] === 'crude' && tally.kind === 'crude') {
      return { kind: 'count', what: unavailability(s), count: tally.down, samples: tally.samples, exact: exact[s] };
    }
    if (tally.kind !== 'weighted') throw new Error(`expected a weighted tally, got ${tally.kind}`);
    return {
      kind: 'mean',
      what: unavailability(s),
      sum: tally.sum,
      sumSquares: tally.sumSquares,
      samples: tally.samples,
      exact: exact[s],
    };
  });
}

/** The names of a model's items (elements, then groups) for messages. */
function itemName(c: ContractCase, item: number): string {
  const n = c.model.topology.nodeCount;
  if (item < n) return `node ${item}`;
  if (item < c.model.elementCount) return `link ${item - n}`;
  return `group ${item - c.model.elementCount}`;
}

/** Critical-state counts: P(down), P(critical) = I_B and P(critical and failed) per item, each a binomial count. */
export function importanceCountObservations(c: ContractCase, sums: ImportanceSums): Observation[] {
  const observations: Observation[] = [];
  const n = sums.sampleCount;
  sums.serviceIndices.forEach((s, slot) => {
    const exact = exactCriticalProbabilities(c.model, c.scenario, s);
    observations.push({
      kind: 'count',
      what: unavailability(s),
      count: sums.serviceDownCount[slot],
      samples: n,
      exact: exact.down,
    });
    sums.criticalCount[slot].forEach((count, item) => {
      const what = `service ${s} ${itemName(c, item)}`;
      observations.push({ kind: 'count', what: `${what} critical`, count, samples: n, exact: exact.critical[item] });
      const failed = sums.criticalFailedCount[slot][item];
      observations.push({
        kind: 'count',
        what: `${what} critical and failed`,
        count: failed,
        samples: n,
        exact: exact.criticalFailed[item],
      });
    });
  });
  return observations;
}

/** Critical-state sampling (runImportanceSamples) of every service. */
export function importanceObservations(c: ContractCase, seed: string, samples: number): Observation[] {
  // Critical-state sampling reads connectivity: only the kinds whose reach criterion is exact.
  const services = c.model.services.flatMap((service, s) => (isReachExact(service) ? [s] : []));
  const random = createBatchStream(seed, 'importance', 0);
  const sums = runImportanceSamples(c.model, c.scenario, services, random, samples, createImportanceScratch(c.model));
  return importanceCountObservations(c, sums);
}

/** Critical-state sampling through runBatch: the scenario asks for importance measures. */
export function importanceBatchObservations(c: ContractCase, seed: string, samples: number): Observation[] {
  const scenario = { ...c.scenario, importance: true };
  const result = runBatch(planOfCase({ ...c, scenario }, seed, samples), 0, 0, samples);
  if (result.criticality === undefined) throw new Error('runBatch gave no criticality counts');
  return importanceCountObservations(c, result.criticality);
}

/** One paired batch: each side's marginal down count against that side's exact unavailability. */
export function pairedObservations(c: ContractCase, seed: string, samples: number): Observation[] {
  const pair = buildPairedCase(c, seed, samples);
  const exactBase = exactUnavailabilities(pair.base.model, pair.base.scenarios[0]);
  const exactPlan = exactUnavailabilities(pair.plan.model, pair.plan.scenarios[0]);
  const result = runPairedBatch(pair, 0, 0, samples);
  return result.services.flatMap((tally, s): Observation[] => [
    {
      kind: 'count',
      what: `base ${unavailability(s)}`,
      count: tally.baseDown,
      samples: tally.samples,
      exact: exactBase[s],
    },
    {
      kind: 'count',
      what: `plan ${unavailability(s)}`,
      count: tally.planDown,
      samples: tally.samples,
      exact: exactPlan[s],
    },
  ]);
}

/** Time simulation: the long-run fraction of time down (per-year downtime over the year) against the exact u. */
export function timeObservations(c: ContractCase, seed: string, years: number): Observation[] {
  const exact = exactUnavailabilities(c.model, c.scenario);
  // Forced events in progress all the time: the static engine's conditional view of a forced scenario.
  const result = runTimeBatch(c.model, { ...c.scenario, timeForcing: { kind: 'throughout' } }, seed, 0, years);
  return result.services.map((tally, s): Observation => ({
    kind: 'mean',
    what: unavailability(s),
    sum: tally.downtimeHours / HOURS_PER_YEAR,
    sumSquares: tally.downtimeHoursSquares / HOURS_PER_YEAR ** 2,
    samples: tally.years,
    exact: exact[s],
    rareContributions: true,
  }));
}
