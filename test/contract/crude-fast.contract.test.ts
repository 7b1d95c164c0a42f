// Crude Monte Carlo with the fast path (skip sampler, structure-aware evaluation): runBatch's default.

import { runBatch } from '../../engine/index.ts';
import { crudeObservations } from './support/implementations.ts';
import { describeEstimatorContract } from './support/estimator-contract.ts';

describeEstimatorContract({
  name: 'crude Monte Carlo, fast path',
  observe: (c, seed) => crudeObservations(c, seed, 50_000, (plan, n) => runBatch(plan, 0, 0, n)),
  references: () => true,
});
