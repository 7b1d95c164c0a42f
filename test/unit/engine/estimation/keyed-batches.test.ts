import { describe, expect, it } from 'vitest';
import { countContiguousBatchIndices, insertBatchByIndex } from '../../../../engine/estimation/keyed-batches.ts';

interface Item {
  readonly batchIndex: number;
  readonly value: number;
}

class ConflictError extends Error {
  override readonly name = 'ConflictError';
}

function conflict(existing: Item): Error {
  return new ConflictError(`conflict at ${existing.batchIndex}`);
}

describe('insertBatchByIndex', () => {
  it('keeps the batches sorted by index whatever the arrival order', () => {
    const batches: Item[] = [];
    for (const i of [3, 0, 5, 1, 4, 2])
      expect(insertBatchByIndex(batches, { batchIndex: i, value: i * 2 }, conflict)).toBe(true);
    expect(batches.map((b) => b.batchIndex)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('ignores an identical duplicate and throws the caller error on a differing one', () => {
    const batches: Item[] = [{ batchIndex: 1, value: 7 }];
    expect(insertBatchByIndex(batches, { batchIndex: 1, value: 7 }, conflict)).toBe(false);
    expect(batches).toHaveLength(1);
    expect(() => insertBatchByIndex(batches, { batchIndex: 1, value: 8 }, conflict)).toThrow(ConflictError);
    expect(batches).toEqual([{ batchIndex: 1, value: 7 }]);
  });
});

describe('countContiguousBatchIndices', () => {
  it('counts the gap-free prefix 0..k-1', () => {
    expect(countContiguousBatchIndices([])).toBe(0);
    expect(countContiguousBatchIndices([{ batchIndex: 0 }, { batchIndex: 1 }, { batchIndex: 3 }])).toBe(2);
    expect(countContiguousBatchIndices([{ batchIndex: 1 }])).toBe(0);
  });
});
