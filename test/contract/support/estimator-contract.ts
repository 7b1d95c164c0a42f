// The one contract every sampler and estimator of neverout fulfils, as a spec factory (graphology's spec, fast-check's
// ArbitraryAssertions): on random small models it agrees with the exact methods within its interval, on deterministic
// scenarios it is exact, and on the reference networks it agrees with their published exact values.
//
//   implementation ──observe(case)──> figures (counts or sums) paired with exact values ──judge──> pass / fail

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ReferenceCase } from '../../support/reference-model.ts';
import { COUNT_ALPHA, judgeCount, judgeMean, STANDARD_ERRORS, summarizeMean } from './agreement.ts';
import {
  contractCaseArbitrary,
  contractSeed,
  listReferenceContractCases,
  toDeterministicCase,
  type ContractCase,
  type ContractCaseOptions,
} from './contract-models.ts';

/** One figure of an implementation with the exact value it must agree with. */
export type Observation =
  /** A binomial count: `count` of `samples` independent trials, each with probability `exact`. */
  | {
      readonly kind: 'count';
      readonly what: string;
      readonly count: number;
      readonly samples: number;
      readonly exact: number;
    }
  /** The sums of `samples` i.i.d. unbiased per-sample estimates of `exact`. */
  | {
      readonly kind: 'mean';
      readonly what: string;
      readonly sum: number;
      readonly sumSquares: number;
      readonly samples: number;
      readonly exact: number;
      /**
       * Values in [0, 1] made mostly of rare, large contributions (a year's downtime fraction): the sample standard
       * error of a few events understates the spread, so the mean is judged with at least the bound that holds for
       * any [0, 1] value of the exact mean, sqrt(exact (1 - exact) / n).
       */
      readonly rareContributions?: boolean;
    };

/** A sampler or estimator under contract. */
export interface EstimatorUnderContract {
  readonly name: string;
  /** Runs it on a case; every figure comes with its exact value (see contract-models.ts for the exact helpers). */
  readonly observe: (c: ContractCase, seed: string) => Observation[];
  /** Whether it applies to a case (e.g. the time simulation ignores attacks); default always. */
  readonly supports?: (c: ContractCase) => boolean;
  /** Random cases checked; default 40. */
  readonly runs?: number;
  /** The kinds of case generated (risk groups, attacks). */
  readonly cases?: ContractCaseOptions;
  /** Two-sided level of the count test; default COUNT_ALPHA (many correlated counts per case need a smaller one). */
  readonly countAlpha?: number;
  /** The reference networks it is run on; default none. */
  readonly references?: (c: ReferenceCase) => boolean;
  /**
   * Reference networks on which it is known to miss (e.g. an interval that under-covers), run as `it.fails` so the
   * suite notices when the gap closes. `issue` names the issue that tracks it.
   */
  readonly knownReferenceGaps?: { readonly references: (c: ReferenceCase) => boolean; readonly issue: string };
}

/** Checks the implementation on reference networks against their published exact values. */
function checkReferences(
  implementation: EstimatorUnderContract,
  filter: (c: ReferenceCase) => boolean,
  countAlpha: number,
): void {
  const supports = implementation.supports ?? (() => true);
  for (const c of listReferenceContractCases(filter)) {
    if (!supports(c)) continue;
    const observations = implementation.observe(c, 'reference');
    // The reference's own exact value, not only engine/exact's, is the truth for the service's unavailability.
    const checked = observations.map((o) => (o.what === 'service 0 unavailability' ? { ...o, exact: c.exact } : o));
    expect(judgeAll(checked, countAlpha), c.label).toEqual([]);
  }
}

/** Judges every observation; returns the disagreements. */
function judgeAll(observations: readonly Observation[], countAlpha: number): string[] {
  const problems: string[] = [];
  for (const o of observations) {
    const problem =
      o.kind === 'count'
        ? judgeCount(o.count, o.samples, o.exact, countAlpha)
        : judgeMean(o.sum, o.sumSquares, o.samples, o.exact, STANDARD_ERRORS, o.rareContributions === true);
    if (problem !== null) problems.push(`${o.what}: ${problem}`);
  }
  return problems;
}

/** Deterministic figures must be exact: a 0/1 truth, every trial agreeing, no variance. */
function judgeExactly(observations: readonly Observation[]): string[] {
  const problems: string[] = [];
  for (const o of observations) {
    const truth = Math.round(o.exact);
    if (Math.abs(o.exact - truth) > 1e-12) {
      problems.push(`${o.what}: the exact value ${o.exact} of a deterministic scenario is not 0 or 1`);
    } else if (
      o.kind === 'count' ? o.count !== truth * o.samples : judgeMean(o.sum, o.sumSquares, o.samples, truth, 0) !== null
    ) {
      const value =
        o.kind === 'count' ? `${o.count}/${o.samples}` : JSON.stringify(summarizeMean(o.sum, o.sumSquares, o.samples));
      problems.push(`${o.what}: ${value} vs exact ${truth}`);
    }
  }
  return problems;
}

/** Registers the contract of one implementation (one `describe` with its properties). */
export function describeEstimatorContract(implementation: EstimatorUnderContract): void {
  const supports = implementation.supports ?? (() => true);
  const countAlpha = implementation.countAlpha ?? COUNT_ALPHA;
  describe(`${implementation.name} (estimator contract)`, () => {
    const seed = contractSeed(implementation.name);

    it(`agrees with the exact values on random small models within its interval (counts: exact binomial tail ${countAlpha}; means: ${STANDARD_ERRORS} se)`, () => {
      let compared = 0;
      fc.assert(
        fc.property(contractCaseArbitrary(implementation.cases), fc.nat(), (c, stream) => {
          if (!supports(c)) return;
          compared++;
          const problems = judgeAll(implementation.observe(c, `contract-${stream}`), countAlpha);
          expect(problems, c.label).toEqual([]);
        }),
        { seed, numRuns: implementation.runs ?? 40 },
      );
      expect(compared).toBeGreaterThanOrEqual((implementation.runs ?? 40) / 4);
    });

    it('is exact on deterministic scenarios (no random failures, certain group members, no random attack)', () => {
      let compared = 0;
      fc.assert(
        fc.property(contractCaseArbitrary(implementation.cases), (random) => {
          const c = toDeterministicCase(random);
          if (!supports(c)) return;
          compared++;
          expect(judgeExactly(implementation.observe(c, 'deterministic')), c.label).toEqual([]);
        }),
        { seed, numRuns: 30 },
      );
      expect(compared).toBeGreaterThan(0);
    });

    const referenceFilter = implementation.references;
    if (referenceFilter !== undefined) {
      it('agrees with the published exact values of the reference networks', () => {
        checkReferences(implementation, referenceFilter, countAlpha);
      });
    }
    const gaps = implementation.knownReferenceGaps;
    if (gaps !== undefined) {
      it.fails(`misses on some reference networks: known gap, ${gaps.issue}`, () => {
        checkReferences(implementation, gaps.references, countAlpha);
      });
    }
  });
}
