import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addBatch,
  aggregateServices,
  BatchConflictError,
  createScenarioTally,
  mergeScenarioTallies,
  type BatchResult,
} from '../../../../engine/index.ts';

function batch(batchIndex: number, down: number, samples = 100): BatchResult {
  return {
    scenarioIndex: 0,
    scenarioId: 's',
    batchIndex,
    sampleCount: samples,
    services: [{ kind: 'crude', samples, down, servedEndpoints: 2 * samples - down }],
  };
}

const batchesArbitrary = fc.uniqueArray(fc.integer({ min: 0, max: 30 }), { maxLength: 20 }).map((indices) =>
  indices.map((i) => batch(i, (i * 7) % 13)),
);

function tallyOf(batches: readonly BatchResult[]) {
  const t = createScenarioTally(0);
  for (const b of batches) addBatch(t, b);
  return t;
}

describe('mergeScenarioTallies', () => {
  it('is commutative, associative and idempotent', () => {
    fc.assert(
      fc.property(batchesArbitrary, batchesArbitrary, batchesArbitrary, (a, b, c) => {
        const [ta, tb, tc] = [tallyOf(a), tallyOf(b), tallyOf(c)];
        expect(mergeScenarioTallies(ta, tb)).toEqual(mergeScenarioTallies(tb, ta));
        expect(mergeScenarioTallies(mergeScenarioTallies(ta, tb), tc)).toEqual(mergeScenarioTallies(ta, mergeScenarioTallies(tb, tc)));
        expect(mergeScenarioTallies(ta, ta)).toEqual(ta);
      }),
    );
  });

  it('keeps batches sorted whatever the arrival order', () => {
    fc.assert(
      fc.property(batchesArbitrary, (batches) => {
        const indices = tallyOf(batches).batches.map((b) => b.batchIndex);
        expect(indices).toEqual([...indices].sort((x, y) => x - y));
      }),
    );
  });
});

describe('addBatch', () => {
  it('ignores an identical duplicate and rejects a conflicting one', () => {
    const t = createScenarioTally(0);
    expect(addBatch(t, batch(0, 3))).toBe(true);
    expect(addBatch(t, batch(0, 3))).toBe(false);
    expect(() => addBatch(t, batch(0, 4))).toThrow(BatchConflictError);
  });
});

describe('aggregateServices', () => {
  it('sums a contiguous prefix in batch order', () => {
    const t = tallyOf([batch(2, 5), batch(0, 1), batch(1, 2)]);
    const [agg] = aggregateServices(t, 3);
    expect(agg.samples).toBe(300);
    expect(agg.sum).toBe(8);
    expect(() => aggregateServices(tallyOf([batch(0, 1), batch(2, 1)]), 2)).toThrow(RangeError);
  });
});
