// Properties of findMinimalCutSets on random multigraphs with at most 14 elements: the result equals a
// brute-force enumeration of all element (and risk-group) subsets up to the order, and is deterministic.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findMinimalCutSets, findSinglePointsOfFailure } from '../../../engine/analysis/index.ts';
import { bruteForceMinimalCutSets } from '../../unit/engine/analysis/analysis-fixtures.ts';
import { propertySeed, randomCaseArbitrary } from './analysis-arbitraries.ts';

const seed = propertySeed('analysis/minimal-cut-sets');

describe('findMinimalCutSets (property)', () => {
  it('matches brute force over all subsets up to the order, with and without risk groups', () => {
    fc.assert(
      fc.property(
        randomCaseArbitrary(14, 2),
        fc.integer({ min: 1, max: 3 }),
        fc.boolean(),
        fc.integer({ min: 0, max: 1 }),
        ({ model }, maxOrder, includeGroups, serviceIndex) => {
          const result = findMinimalCutSets(model, serviceIndex, { maxOrder, includeGroups });
          const expected = bruteForceMinimalCutSets(model, serviceIndex, maxOrder, includeGroups);
          expect(result.truncated).toBe(false);
          expect(result.cutSets.map((c) => c.elements)).toEqual(expected);
          for (const cut of result.cutSets) expect(cut.order).toBe(cut.elements.length);
        },
      ),
      { seed, numRuns: 300 },
    );
  });

  it('matches brute force at order 4 on graphs of at most 11 elements', () => {
    fc.assert(
      fc.property(randomCaseArbitrary(11, 1), fc.integer({ min: 0, max: 1 }), ({ model }, serviceIndex) => {
        const result = findMinimalCutSets(model, serviceIndex, { maxOrder: 4 });
        expect(result.cutSets.map((c) => c.elements)).toEqual(bruteForceMinimalCutSets(model, serviceIndex, 4, true));
      }),
      { seed, numRuns: 100 },
    );
  });

  it('matches brute force within a candidate subset', () => {
    fc.assert(
      fc.property(
        randomCaseArbitrary(12, 0),
        fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
        fc.integer({ min: 0, max: 1 }),
        ({ model }, keep, serviceIndex) => {
          const candidates: number[] = [];
          for (let e = 0; e < model.elementCount; e++) if (keep[e]) candidates.push(e);
          const result = findMinimalCutSets(model, serviceIndex, {
            maxOrder: 3,
            candidateElements: Uint32Array.from(candidates),
          });
          const expected = bruteForceMinimalCutSets(model, serviceIndex, 3, false, candidates);
          expect(result.cutSets.map((c) => c.elements)).toEqual(expected);
        },
      ),
      { seed, numRuns: 150 },
    );
  });

  it('single points of failure are exactly the order-1 cut sets', () => {
    fc.assert(
      fc.property(randomCaseArbitrary(14, 2), fc.integer({ min: 0, max: 1 }), ({ model }, serviceIndex) => {
        const spofs = findSinglePointsOfFailure(model, serviceIndex);
        const expected = bruteForceMinimalCutSets(model, serviceIndex, 1, true)
          .filter((c) => c.length === 1)
          .map((c) => c[0]);
        expect(spofs).toEqual(expected);
      }),
      { seed, numRuns: 150 },
    );
  });

  it('returns a prefix-consistent, deterministic result under a cut set limit', () => {
    fc.assert(
      fc.property(
        randomCaseArbitrary(14, 1),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 0, max: 1 }),
        ({ model }, limit, serviceIndex) => {
          const full = findMinimalCutSets(model, serviceIndex, { maxOrder: 3 });
          const limited = findMinimalCutSets(model, serviceIndex, { maxOrder: 3, maxCutSets: limit });
          expect(findMinimalCutSets(model, serviceIndex, { maxOrder: 3, maxCutSets: limit })).toEqual(limited);
          expect(limited.truncated).toBe(full.cutSets.length > limit);
          expect(limited.cutSets.length).toBe(Math.min(limit, full.cutSets.length));
          const keys = new Set(full.cutSets.map((c) => c.elements.join(',')));
          for (const cut of limited.cutSets) expect(keys.has(cut.elements.join(','))).toBe(true);
        },
      ),
      { seed, numRuns: 150 },
    );
  });
});
