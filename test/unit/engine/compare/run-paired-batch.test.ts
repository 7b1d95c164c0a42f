// runPairedBatch's sampling details: the memberships of one element in several risk groups fail independently
// (the contract suite, test/contract/paired-batch.contract.test.ts, checks the marginals on random models).

import { describe, expect, it } from 'vitest';
import { runPairedBatch } from '../../../../engine/index.ts';
import { binomialTwoSidedTail } from '../../../contract/support/agreement.ts';
import { buildPairedCase } from '../../../contract/support/contract-models.ts';
import { buildBaselineScenario, buildTestModel } from '../../../support/build-model.ts';

describe('runPairedBatch', () => {
  it('fails an element in two occurring groups independently in each: 1 - (1 - 0.5)(1 - 0.3) = 0.65', () => {
    // Node 0 is the service's only terminal and a member of two certain events (member probabilities 0.5, 0.3).
    const model = buildTestModel({
      nodeCount: 2,
      links: [[0, 1]],
      services: [{ kind: 'connected', id: 'a', terminals: Uint32Array.of(0) }],
      groups: [
        { eventProbability: 1, members: [[0, 0.5]] },
        { eventProbability: 1, members: [[0, 0.3]] },
      ],
    });
    const samples = 20_000;
    const pair = buildPairedCase({ label: 'two groups', model, scenario: buildBaselineScenario() }, 'groups', samples);
    const tally = runPairedBatch(pair, 0, 0, samples).services[0];
    expect(binomialTwoSidedTail(tally.baseDown, samples, 0.65)).toBeGreaterThan(1e-6);
    expect(binomialTwoSidedTail(tally.planDown, samples, 0.65)).toBeGreaterThan(1e-6);
    // Both models' memberships share their draws: the element fails in both or in neither.
    expect(tally.bothDown).toBe(tally.baseDown);
  });
});
