// The result document of a comparison: the plan side's estimates for the shared scenarios and services, plus the
// comparison section with the paired differences and the variance reduction pairing achieved. Estimates use the
// counted prefix of each scenario pair's batches, merged in batch order.

import {
  addPairedTallies,
  estimatePairedDifference,
  type BatchResult,
  type Comparison,
  type Interval,
  type PairedBatchResult,
  type PairedServiceTally,
  type ResultDocument,
  type ScenarioTally,
  type StopReason,
} from '../../engine/index.ts';
import type { CompiledComparison, CompiledStudy } from '../../scenarios/index.ts';
import { buildResultDocument, type RunFacts } from './build-result-document.ts';

/** What a comparison run hands to the document builder. */
export interface PairedRunTallies {
  readonly tallies: readonly ScenarioTally<PairedBatchResult>[];
  readonly countedBatches: readonly number[];
  readonly stopReasons: readonly StopReason[];
  readonly interrupted: boolean;
}

const ZERO: PairedServiceTally = { samples: 0, baseDown: 0, planDown: 0, bothDown: 0 };

/** Merged table per service pair over the counted batches of one scenario pair. */
function mergeCounted(tally: ScenarioTally<PairedBatchResult>, counted: number, servicePairs: number): PairedServiceTally[] {
  const merged = Array.from({ length: servicePairs }, () => ZERO);
  for (const batch of tally.batches.slice(0, counted)) batch.services.forEach((t, k) => (merged[k] = addPairedTallies(merged[k], t)));
  return merged;
}

const point = (i: Interval): Interval => ({ estimate: i.estimate, lower: i.estimate, upper: i.estimate });

/** Assembles the comparison result document from the merged paired tables. */
export function buildComparisonDocument(comparison: CompiledComparison, run: PairedRunTallies, facts: RunFacts): ResultDocument {
  const { pair, plan, base } = comparison;
  const tables = run.tallies.map((t) => mergeCounted(t, run.countedBatches[t.scenarioIndex] ?? 0, pair.servicePairs.length));
  const planSide: CompiledStudy = {
    ...plan,
    plan: {
      ...plan.plan,
      model: { ...plan.plan.model, services: pair.servicePairs.map((p) => plan.plan.model.services[p.plan]) },
      scenarios: pair.scenarioPairs.map((p) => plan.plan.scenarios[p.plan]),
      stopping: pair.stopping,
      batchSize: pair.batchSize,
    },
    scenarios: pair.scenarioPairs.map((p) => plan.scenarios[p.plan]),
  };
  const batches: BatchResult[] = pair.scenarioPairs.map((p, s) => ({
    scenarioIndex: s,
    scenarioId: p.id,
    batchIndex: 0,
    sampleCount: tables[s][0]?.samples ?? 0,
    services: tables[s].map((t) => ({ kind: 'crude', samples: t.samples, down: t.planDown, servedEndpoints: -1 })),
  }));
  const document = buildResultDocument(
    planSide,
    {
      tallies: batches.map((b, s) => ({ scenarioIndex: s, batches: b.sampleCount > 0 ? [b] : [] })),
      countedBatches: batches.map((b) => (b.sampleCount > 0 ? 1 : 0)),
      stopReasons: run.stopReasons,
      interrupted: run.interrupted,
    },
    facts,
  );
  const section: Comparison = {
    base: { name: base.topology.name, sha256: facts.baseSource?.sha256 ?? '' },
    plan: { name: plan.topology.name, sha256: facts.topologySource.sha256 },
    scenarios: pair.scenarioPairs.map((p, s) => {
      // Nothing random on either side: the one sample is the exact answer.
      const exact = run.stopReasons[s] === 'deterministic';
      return {
        scenarioId: p.id,
        services: pair.servicePairs.map((sp, k) => {
          const t = tables[s][k];
          const d = t.samples > 0 ? estimatePairedDifference(t) : null;
          const empty = { estimate: 0, lower: 0, upper: 1 };
          const interval = (i: Interval | undefined, fallback: Interval) => (i === undefined ? fallback : exact ? point(i) : i);
          return {
            serviceId: sp.id,
            baseAvailability: interval(d?.baseAvailability, empty),
            planAvailability: interval(d?.planAvailability, empty),
            difference: interval(d?.difference, { estimate: 0, lower: -1, upper: 1 }),
            varianceReduction: exact ? null : (d?.varianceReduction ?? null),
          };
        }),
      };
    }),
  };
  return { ...document, comparison: section };
}
