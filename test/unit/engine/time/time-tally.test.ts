// Merging time batches (the one tally of every batch kind): set union by batch index, reductions in index order,
// identical in any arrival order.

import { describe, expect, it } from 'vitest';
import {
  addBatch as addTimeBatch,
  aggregateTimeTally,
  BatchConflictError,
  countContiguousBatches as countContiguousTimeBatches,
  createScenarioTally,
  mergeScenarioTallies as mergeTimeTallies,
  runTimeBatch,
  type TimeBatchResult,
} from '../../../../engine/index.ts';
import { baselineScenario, buildPathModel } from './time-models.ts';

const model = buildPathModel(
  [
    { q: 0.05, repairHours: 3 },
    { q: 0.02, repairHours: 7 },
  ],
  [{ probability: 0.02, durationHours: 8, links: [1], memberProbability: 1 }],
);
const batches: TimeBatchResult[] = [0, 1, 2, 3, 4].map((b) => runTimeBatch(model, baselineScenario(), '9', b, 7));

function tallyOf(order: readonly number[]) {
  const tally = createScenarioTally<TimeBatchResult>(0);
  for (const b of order) addTimeBatch(tally, batches[b]);
  return tally;
}

describe('addTimeBatch / aggregateTimeTally', () => {
  it('gives bit-identical sums for any arrival order', () => {
    const expected = aggregateTimeTally(tallyOf([0, 1, 2, 3, 4]), 1);
    for (const order of [
      [4, 3, 2, 1, 0],
      [2, 0, 4, 1, 3],
      [1, 3, 0, 2, 4],
    ]) {
      expect(aggregateTimeTally(tallyOf(order), 1)).toEqual(expected);
    }
    expect(expected[0].years).toBe(35);
    expect(expected[0].durationCounts.reduce((a, b) => a + b, 0)).toBe(expected[0].outageCount);
  });

  it('is idempotent for duplicates and rejects a conflicting batch', () => {
    const tally = tallyOf([0, 1]);
    expect(addTimeBatch(tally, batches[1])).toBe(false);
    expect(tally.batches).toHaveLength(2);
    const forged = { ...batches[1], services: batches[0].services };
    expect(() => addTimeBatch(tally, forged)).toThrow(BatchConflictError);
  });
});

describe('mergeTimeTallies', () => {
  it('is commutative and associative', () => {
    const a = tallyOf([0, 3]);
    const b = tallyOf([1, 4]);
    const c = tallyOf([2]);
    const left = mergeTimeTallies(mergeTimeTallies(a, b), c);
    const right = mergeTimeTallies(c, mergeTimeTallies(b, a));
    expect(right).toEqual(left);
    expect(aggregateTimeTally(left, 1)).toEqual(aggregateTimeTally(tallyOf([0, 1, 2, 3, 4]), 1));
  });
});

describe('countContiguousTimeBatches', () => {
  it('counts the gap-free prefix', () => {
    expect(countContiguousTimeBatches(tallyOf([0, 1, 3]))).toBe(2);
    expect(countContiguousTimeBatches(tallyOf([1, 2]))).toBe(0);
  });
});
