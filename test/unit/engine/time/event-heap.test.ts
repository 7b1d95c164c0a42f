// The indexed event heap: always yields the earliest pending event, under random sets, moves, cancels and pops.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cancelEvent, createEventHeap, hasEvent, popEvent, setEvent } from '../../../../engine/time/index.ts';

describe('setEvent / cancelEvent / popEvent', () => {
  it('keeps the earliest pending event on top (fast-check against a reference map)', () => {
    const seed = Number(process.env.FC_SEED ?? 42);
    const entityCount = 12;
    const step = fc.record({
      op: fc.constantFrom('set', 'cancel', 'pop'),
      entity: fc.integer({ min: 0, max: entityCount - 1 }),
      time: fc.double({ min: 0, max: 100, noNaN: true }),
    });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 300 }), (steps) => {
        const heap = createEventHeap(entityCount);
        const reference = new Map<number, number>();
        for (const { op, entity, time } of steps) {
          if (op === 'set') {
            setEvent(heap, entity, time);
            reference.set(entity, time);
          } else if (op === 'cancel') {
            cancelEvent(heap, entity);
            reference.delete(entity);
          } else if (reference.size > 0) {
            const earliest = Math.min(...reference.values());
            expect(heap.time[0]).toBe(earliest);
            const popped = popEvent(heap);
            expect(reference.get(popped)).toBe(earliest);
            reference.delete(popped);
          }
          expect(heap.size).toBe(reference.size);
          for (let e = 0; e < entityCount; e++) expect(hasEvent(heap, e)).toBe(reference.has(e));
          if (reference.size > 0) expect(heap.time[0]).toBe(Math.min(...reference.values()));
        }
      }),
      { seed, numRuns: 200 },
    );
  });
});
