import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createBatchStreamPair,
  createSteppableBatchStream,
  stepAlea,
} from '../../../../engine/sampling/random-stream.ts';

const seed = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);
console.log(`fast-check seed: ${seed} (set FC_SEED to replay)`);

describe('createSteppableBatchStream', () => {
  it("gives the batch stream's numbers (seedrandom's Alea on the same seed), whichever view draws them", () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 20 }),
        fc.string({ maxLength: 20 }),
        fc.nat(),
        fc.array(fc.constantFrom('uniform', 'fine', 'step'), { minLength: 1, maxLength: 400 }),
        (studySeed, scenarioId, batch, views) => {
          const reference = createBatchStreamPair(studySeed, scenarioId, batch);
          const steppable = createSteppableBatchStream(studySeed, scenarioId, batch);
          for (const view of views) {
            if (view === 'fine') expect(steppable.fineUniform()).toBe(reference.fineUniform());
            else if (view === 'uniform') expect(steppable.uniform()).toBe(reference.uniform());
            else expect(stepAlea(steppable.state)).toBe(reference.uniform());
          }
        },
      ),
      { seed, numRuns: 300 },
    );
  });

  it('steps in multiples of 2^-32 on [0, 1)', () => {
    const state = createSteppableBatchStream('s', 'x', 1).state;
    for (let i = 0; i < 100_000; i++) {
      const u = stepAlea(state);
      expect(u >= 0 && u < 1 && Number.isInteger(u * 2 ** 32)).toBe(true);
    }
  });
});
