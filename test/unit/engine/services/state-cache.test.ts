// The cache of answers by failure state (engine/services/internal/state-cache.ts) against a Map keyed by the list of
// down elements: the same answers found, none invented, through growth and the clearing at its limit.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createStateCache, findState, storeState } from '../../../../engine/services/internal/state-cache.ts';

const seed = Number(process.env['FC_SEED'] ?? Date.now() % 2 ** 31);
console.log(`state-cache: fast-check seed ${seed} (set FC_SEED to replay)`);

describe('findState and storeState', () => {
  it('find what was stored for the same state below the limit, as a Map does that is cleared when 64 are kept', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uniqueArray(fc.nat({ max: 40 }), { maxLength: 6 }), { minLength: 1, maxLength: 300 }),
        fc.integer({ min: 10, max: 45 }),
        (states, limit) => {
          const cache = createStateCache(2, 64);
          const reference = new Map<string, number>();
          const values = new Float64Array(2);
          states.forEach((state, i) => {
            const down = new Uint8Array(48);
            for (const e of state) down[e] = 1;
            const key = state
              .filter((e) => e < limit)
              .sort((a, b) => a - b)
              .join(',');
            const found = findState(cache, down, limit);
            expect(found >= 0).toBe(reference.has(key));
            if (found >= 0) {
              expect(cache.answers[found]).toBe(reference.get(key));
              expect(cache.answers[found + 1]).toBe(-(reference.get(key) ?? 0));
              return;
            }
            // A full cache (64 states) starts afresh.
            if (reference.size === 64) reference.clear();
            values[0] = i;
            values[1] = -i;
            storeState(cache, values, 0);
            reference.set(key, i);
          });
        },
      ),
      { seed, numRuns: 200 },
    );
  });

  it('keeps every state until the limit', () => {
    const cache = createStateCache(1, 64);
    const down = new Uint8Array(16);
    const value = new Float64Array(1);
    for (let s = 0; s < 64; s++) {
      for (let e = 0; e < 16; e++) down[e] = (s >> e) & 1;
      expect(findState(cache, down, 16)).toBe(-1);
      value[0] = s;
      storeState(cache, value, 0);
    }
    for (let s = 0; s < 64; s++) {
      for (let e = 0; e < 16; e++) down[e] = (s >> e) & 1;
      const found = findState(cache, down, 16);
      expect(found).toBeGreaterThanOrEqual(0);
      expect(cache.answers[found]).toBe(s);
    }
  });
});
