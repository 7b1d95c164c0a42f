// Conditional permutation Monte Carlo: risk-group strata enumerated (the default: up to two simultaneous events) or
// sampled from their exact conditional distribution (the rest stratum), one turnip per stratum.

import { expect } from 'vitest';
import { resolveElementFailureModel, resolvePmcEstimatorName } from '../../engine/index.ts';
import { isLayeredReference } from '../support/reference-model.ts';
import { pmcObservations } from './support/implementations.ts';
import { describeEstimatorContract } from './support/estimator-contract.ts';

describeEstimatorContract({
  name: 'conditional permutation Monte Carlo (risk groups)',
  observe: (c, seed) => {
    // Conditional PMC exactly when some risk-group event is uncertain in the scenario.
    const uncertain = resolveElementFailureModel(c.model, 0, { scenario: c.scenario }).uncertainGroups.length > 0;
    expect(resolvePmcEstimatorName(c.model, c.scenario, 0)).toBe(uncertain ? 'conditional-pmc' : 'pmc');
    return pmcObservations(c, seed, 1500);
  },
  cases: { groups: 'always' },
  // Not layered models: PMC assumes independent graph links (select-estimators.ts, LAYERED_MODEL_REASON).
  references: (r) => r.riskGroups !== undefined && !isLayeredReference(r),
});

describeEstimatorContract({
  name: 'conditional permutation Monte Carlo, every event combination sampled (maxSimultaneousEvents 0)',
  observe: (c, seed) => pmcObservations(c, seed, 1500, { maxSimultaneousEvents: 0 }),
  cases: { groups: 'always' },
  runs: 25,
});
