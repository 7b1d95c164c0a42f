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

  it('draws a forced group\'s members in every sample, with no other random failure: 0.4 down, not a fixed state', () => {
    // A sample without random failures or group events reuses the side's fixed-state answer; a forced group's
    // random members make every sample's state its own.
    const model = buildTestModel({
      nodeCount: 2,
      links: [[0, 1]],
      services: [{ kind: 'connected', id: 'a', terminals: Uint32Array.of(0, 1) }],
      groups: [{ eventProbability: 0, members: [[0, 0.4]] }],
    });
    const samples = 20_000;
    const scenario = buildBaselineScenario({ id: 'forced', forcedGroups: Uint32Array.of(0), randomFailures: false });
    const pair = buildPairedCase({ label: 'forced group', model, scenario }, 'forced', samples);
    const tally = runPairedBatch(pair, 0, 0, samples).services[0];
    expect(binomialTwoSidedTail(tally.baseDown, samples, 0.4)).toBeGreaterThan(1e-6);
    expect(tally.bothDown).toBe(tally.baseDown);
  });

  it('evaluates a targeted attack\'s fixed state once and every other state anew: the exact 1 - (1 - q)^2 of a path', () => {
    // Path 0 - 1 - 2, the attack takes link 0-1 from service b (then down in every sample); service a needs both links.
    const q = 0.2;
    const model = buildTestModel({
      nodeCount: 3,
      links: [
        [0, 1],
        [1, 2],
      ],
      linkFailureProbability: q,
      services: [
        { kind: 'connected', id: 'a', terminals: Uint32Array.of(0, 2) },
        { kind: 'connected', id: 'b', terminals: Uint32Array.of(0, 2) },
      ],
    });
    const samples = 20_000;
    const scenario = buildBaselineScenario({
      id: 'attack',
      attack: { kind: 'targeted', elementsByService: [new Uint32Array(0), Uint32Array.of(3)] },
    });
    const pair = buildPairedCase({ label: 'targeted', model, scenario }, 'targeted', samples);
    const [a, b] = runPairedBatch(pair, 0, 0, samples).services;
    expect(binomialTwoSidedTail(a.baseDown, samples, 1 - (1 - q) ** 2)).toBeGreaterThan(1e-6);
    expect(b.baseDown).toBe(samples);
  });
});
