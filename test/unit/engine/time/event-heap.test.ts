// The typed-array event heap: always yields the earliest pending event, under random pushes and replacements.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEventHeap, pushEvent, replaceTopEvent } from '../../../../engine/time/index.ts';

describe('pushEvent / replaceTopEvent', () => {
  it('keeps the earliest event on top (fast-check against a sorted reference)', () => {
    const seed = Number(process.env.FC_SEED ?? 42);
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 1, maxLength: 40 }),
        fc.array(fc.double({ min: 0, max: 50, noNaN: true }), { maxLength: 200 }),
        (initial, steps) => {
          const heap = createEventHeap(initial.length);
          const reference = new Map<number, number>();
          initial.forEach((time, entity) => {
            pushEvent(heap, entity, time);
            reference.set(entity, time);
          });
          for (const step of steps) {
            const earliest = Math.min(...reference.values());
            expect(heap.time[0]).toBe(earliest);
            expect(reference.get(heap.entity[0])).toBe(earliest);
            // Like the event loop: the top entity gets a later time.
            const entity = heap.entity[0];
            replaceTopEvent(heap, earliest + step);
            reference.set(entity, earliest + step);
          }
          expect(heap.size).toBe(initial.length);
        },
      ),
      { seed, numRuns: 200 },
    );
  });
});
