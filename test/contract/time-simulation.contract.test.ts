// Time simulation: the long-run fraction of time a service is down equals its steady-state exact unavailability.
// Attacks are outside the time simulation (it ignores them by design), so only cases without one apply.

import { timeObservations } from './support/implementations.ts';
import { describeEstimatorContract } from './support/estimator-contract.ts';

describeEstimatorContract({
  name: 'time simulation (runTimeBatch)',
  observe: (c, seed) => timeObservations(c, seed, 300),
  supports: (c) => c.scenario.attack.kind === 'none',
  cases: { attacks: ['none'] },
  runs: 30,
  references: (r) =>
    r.name === 'bridge-q0.1' || r.name === 'ring10-q0.01' || r.name === 'grid4x4-all-q0.1' || r.name === 'circuits-ring6-q0.01',
});
