// Builds the result document of a comparison: the plan side's estimates for the shared scenarios and services,
// plus the comparison section with the paired differences and the variance reduction pairing achieved.

import {
  estimatePairedDifference,
  type BatchResult,
  type Comparison,
  type PairedServiceTally,
  type ResultDocument,
} from '../../engine/index.ts';
import { buildResultDocument, type RunFacts } from '../result/build-result-document.ts';
import type { CompiledStudy } from '../study/compile-plan.ts';
import type { CompiledComparison } from './compile-comparison.ts';

/** Assembles the comparison result document from the merged paired tables. */
export function buildComparisonDocument(
  comparison: CompiledComparison,
  tallies: readonly (readonly PairedServiceTally[])[],
  interrupted: boolean,
  facts: RunFacts,
): ResultDocument {
  const { pair, plan, base } = comparison;
  const planSide: CompiledStudy = {
    ...plan,
    plan: {
      ...plan.plan,
      model: { ...plan.plan.model, services: pair.servicePairs.map((p) => plan.plan.model.services[p.plan]) },
      scenarios: pair.scenarioPairs.map((p) => plan.plan.scenarios[p.plan]),
    },
    scenarios: pair.scenarioPairs.map((p) => plan.scenarios[p.plan]),
  };
  const batches: BatchResult[] = pair.scenarioPairs.map((p, s) => ({
    scenarioIndex: s,
    scenarioId: p.id,
    batchIndex: 0,
    sampleCount: tallies[s][0]?.samples ?? 0,
    services: tallies[s].map((t) => ({ kind: 'crude', samples: t.samples, down: t.planDown, servedEndpoints: -1 })),
  }));
  const document = buildResultDocument(
    planSide,
    {
      tallies: batches.map((b, s) => ({ scenarioIndex: s, batches: b.sampleCount > 0 ? [b] : [] })),
      countedBatches: batches.map((b) => (b.sampleCount > 0 ? 1 : 0)),
      stopReasons: pair.scenarioPairs.map(() => (interrupted ? 'interrupted' : 'max-samples')),
      interrupted,
    },
    facts,
  );
  const section: Comparison = {
    base: { name: base.topology.name, sha256: facts.baseSource?.sha256 ?? '' },
    plan: { name: plan.topology.name, sha256: facts.topologySource.sha256 },
    scenarios: pair.scenarioPairs.map((p, s) => ({
      scenarioId: p.id,
      services: pair.servicePairs.map((sp, k) => {
        const t = tallies[s][k];
        const d = t.samples > 0 ? estimatePairedDifference(t) : null;
        const empty = { estimate: 0, lower: 0, upper: 1 };
        return {
          serviceId: sp.id,
          baseAvailability: d?.baseAvailability ?? empty,
          planAvailability: d?.planAvailability ?? empty,
          difference: d?.difference ?? { estimate: 0, lower: -1, upper: 1 },
          varianceReduction: d?.varianceReduction ?? null,
        };
      }),
    })),
  };
  return { ...document, comparison: section };
}
