import { describe, expect, it } from 'vitest';
import { clopperPearsonInterval, meanInterval } from '../../../../engine/index.ts';

describe('clopperPearsonInterval', () => {
  it('matches published values', () => {
    // Clopper and Pearson (1934) / standard tables: x = 0, n = 10 gives [0, 0.3085]; x = 5, n = 10 gives [0.1871, 0.8129].
    const zero = clopperPearsonInterval(0, 10);
    expect(zero.lower).toBe(0);
    expect(zero.upper).toBeCloseTo(0.30850, 4);
    const half = clopperPearsonInterval(5, 10);
    expect(half.lower).toBeCloseTo(0.18709, 4);
    expect(half.upper).toBeCloseTo(0.81291, 4);
  });

  it('stays valid at the edges: no failures in n samples gives an upper bound near 3.69/n', () => {
    const i = clopperPearsonInterval(0, 1_000_000);
    expect(i.estimate).toBe(0);
    expect(i.upper).toBeGreaterThan(3.6e-6);
    expect(i.upper).toBeLessThan(3.8e-6);
    const all = clopperPearsonInterval(50, 50);
    expect(all.upper).toBe(1);
    expect(all.lower).toBeLessThan(1);
  });

  it('rejects impossible counts', () => {
    expect(() => clopperPearsonInterval(3, 2)).toThrow(RangeError);
    expect(() => clopperPearsonInterval(0, 0)).toThrow(RangeError);
  });
});

describe('meanInterval', () => {
  it('is the normal interval of the sample mean, clamped to [0, 1]', () => {
    const values = [0.1, 0.2, 0.3, 0.4];
    const sum = values.reduce((a, b) => a + b, 0);
    const sumSquares = values.reduce((a, b) => a + b * b, 0);
    const i = meanInterval(sum, sumSquares, values.length);
    expect(i.estimate).toBeCloseTo(0.25, 12);
    expect(i.variance).toBeCloseTo(0.016666666, 8);
    expect(i.upper - i.estimate).toBeCloseTo(1.959963984540054 * Math.sqrt(0.0166666666 / 4), 6);
    expect(meanInterval(0, 0, 3).lower).toBe(0);
  });
});
