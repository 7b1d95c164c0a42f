// Crude Monte Carlo with the dense-regime loop forced on every service whose kind supports it (block sampler,
// bit-parallel reachability; engine/fast/dense-batch.ts): runBatch takes it by itself where failures are dense.

import { runFastCrudeBatch } from '../../engine/fast/run-fast-batch.ts';
import { crudeObservations } from './support/implementations.ts';
import { describeEstimatorContract } from './support/estimator-contract.ts';

describeEstimatorContract({
  name: 'crude Monte Carlo, dense-regime evaluator',
  observe: (c, seed) => crudeObservations(c, seed, 50_000, (plan, n) => runFastCrudeBatch(plan, 0, 0, n, 'dense')),
  references: () => true,
});
