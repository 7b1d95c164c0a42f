// Crude Monte Carlo with the simple sampler (one uniform per element, group event and member per scenario).

import { runBatch } from '../../engine/index.ts';
import { crudeObservations } from './support/implementations.ts';
import { describeEstimatorContract } from './support/estimator-contract.ts';

describeEstimatorContract({
  name: 'crude Monte Carlo, simple sampler',
  observe: (c, seed) => crudeObservations(c, seed, 20_000, (plan, n) => runBatch(plan, 0, 0, n, { sampler: 'simple' })),
  references: (r) => r.exact.unavailability > 1e-3,
});
