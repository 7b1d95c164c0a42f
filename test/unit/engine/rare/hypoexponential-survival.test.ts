// The hypoexponential tail by uniformization against closed forms, including tails far below 1e-10.

import { describe, expect, it } from 'vitest';
import { computeHypoexponentialSurvival } from '../../../../engine/rare/index.ts';

function survival(rates: readonly number[]): number {
  const first = rates[0] ?? 0;
  return computeHypoexponentialSurvival(
    Float64Array.from(rates),
    Float64Array.from(rates, (r) => first - r),
    rates.length,
    new Float64Array(3 * rates.length),
  );
}

/** Σ_i e^{-Λ_i} Π_{j≠i} Λ_j / (Λ_j - Λ_i): exact in exact arithmetic, fine in floating point for these inputs. */
function closedForm(rates: readonly number[]): number {
  let total = 0;
  rates.forEach((ri, i) => {
    let term = Math.exp(-ri);
    rates.forEach((rj, j) => {
      if (j !== i) term *= rj / (rj - ri);
    });
    total += term;
  });
  return total;
}

describe('computeHypoexponentialSurvival', () => {
  it('is e^{-λ} for one exponential and 0 for none', () => {
    expect(survival([2.5])).toBeCloseTo(Math.exp(-2.5), 16);
    expect(survival([])).toBe(0);
  });

  it('matches the closed form for well-separated rates', () => {
    for (const rates of [
      [3, 2, 1],
      [10, 7, 4, 2.5, 1],
      [60, 50, 40, 30, 20, 10],
      [30, 25, 20.5, 12, 7],
    ]) {
      expect(survival(rates) / closedForm(rates) - 1).toBeLessThan(1e-13);
    }
  });

  it('handles equal rates (Erlang tail Σ_{j<k} e^{-λ} λ^j / j!)', () => {
    const lambda = 4;
    let expected = 0;
    let term = Math.exp(-lambda);
    for (let j = 0; j < 5; j++) {
      expected += term;
      term *= lambda / (j + 1);
    }
    expect(survival([4, 4, 4, 4, 4]) / expected - 1).toBeLessThan(1e-13);
  });

  it('keeps relative precision on tiny tails (3 e^{-100}) and when e^{-Λ_0} underflows (Λ_0 = 1000)', () => {
    expect(Math.abs(survival([300, 200, 100]) / (3 * Math.exp(-100)) - 1)).toBeLessThan(1e-12);
    expect(Math.abs(survival([1000, 30]) / ((Math.exp(-30) * 1000) / 970) - 1)).toBeLessThan(1e-12);
    // Close rates: the closed form cancels catastrophically; compare with the Erlang limit instead.
    const near = survival([50, 50 - 1e-9, 50 - 2e-9]);
    const erlang = Math.exp(-50) * (1 + 50 + 1250);
    expect(Math.abs(near / erlang - 1)).toBeLessThan(1e-7);
  });

  it('grows when a stage is added', () => {
    expect(survival([9, 6, 3, 1])).toBeGreaterThan(survival([9, 6, 3]));
  });
});
