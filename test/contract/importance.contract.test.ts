// Critical-state sampling for importance measures: P(down), and per element and risk group P(critical) (Birnbaum)
// and P(critical and failed), against engine/exact/exact-importance.ts. Hundreds of correlated counts per case, so
// each count is judged at a two-sided level of 1e-9.

import { importanceBatchObservations, importanceObservations } from './support/implementations.ts';
import { describeEstimatorContract } from './support/estimator-contract.ts';

describeEstimatorContract({
  name: 'critical-state importance sampling (runImportanceSamples)',
  observe: (c, seed) => importanceObservations(c, seed, 4000),
  countAlpha: 1e-9,
  runs: 30,
  references: (r) => r.name === 'bridge-q0.1' || r.name === 'ring10-q0.01' || r.name === 'dodecahedron-riskgroup-q0.01',
});

describeEstimatorContract({
  name: 'critical-state importance sampling through runBatch (scenario.importance)',
  observe: (c, seed) => importanceBatchObservations(c, seed, 1000),
  countAlpha: 1e-9,
  runs: 20,
});
