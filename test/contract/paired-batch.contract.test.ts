// The paired comparison batch (common random numbers over the union of two models): each side's marginal must be
// that side's exact unavailability, whatever the other side does.

import { pairedObservations } from './support/implementations.ts';
import { describeEstimatorContract } from './support/estimator-contract.ts';

describeEstimatorContract({
  name: 'paired comparison batch (runPairedBatch)',
  observe: (c, seed) => pairedObservations(c, seed, 20_000),
  references: (r) => r.exact.unavailability > 1e-3,
});
