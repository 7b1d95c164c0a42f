// Permutation Monte Carlo (Lomonosov's turnip), called directly and through runBatch, on models without risk groups.
// With rare node failures its per-sample estimates are so skewed that the normal interval under-covers, one-sided
// (issue 12, item 1): on the dodecahedron with failing inner nodes and perfect terminals, 1,500 samples miss the
// exact value by more than 4.5 se (the estimate is unbiased: 40,000 samples land within 2 se). That case is marked
// as a known gap until issue 12 gives PMC an interval that holds for skewed estimates.

import { pmcBatchObservations, pmcObservations } from './support/implementations.ts';
import { describeEstimatorContract } from './support/estimator-contract.ts';

const NODE_FAILURE_GAP = 'dodecahedron-nodes-perfect-terminals-q0.01';

describeEstimatorContract({
  name: 'permutation Monte Carlo (runPmcSamples)',
  observe: (c, seed) => pmcObservations(c, seed, 1500),
  cases: { groups: 'never' },
  // Not layered models either (they also have risk groups): PMC assumes independent graph links.
  references: (r) => r.riskGroups === undefined && r.name !== NODE_FAILURE_GAP,
  knownReferenceGaps: { references: (r) => r.name === NODE_FAILURE_GAP, issue: 'issue 12 item 1' },
});

describeEstimatorContract({
  name: 'permutation Monte Carlo through runBatch (serviceEstimators pmc)',
  observe: (c, seed) => pmcBatchObservations(c, seed, 1000),
  cases: { groups: 'never' },
  runs: 25,
});
