// Golden exact values: the exact method reproduces every reference network of test/fixtures/reference/.

import { describe, expect, it } from 'vitest';
import { computeExactUnavailability } from '../../../engine/exact/index.ts';
import { listReferenceCaseNames, loadReferenceCase } from './reference-cases.ts';

describe('computeExactUnavailability on the reference networks', () => {
  const names = listReferenceCaseNames();

  it('finds all ten reference files', () => {
    expect(names).toHaveLength(10);
  });

  it.each(names)('%s: unavailability and availability to 1e-9 relative error', (name) => {
    const reference = loadReferenceCase(name);
    const result = computeExactUnavailability(reference.model, 0);
    expect(result).not.toBeNull();
    expect(Math.abs((result?.unavailability ?? NaN) / reference.unavailability - 1)).toBeLessThan(1e-9);
    expect(Math.abs((result?.availability ?? NaN) / reference.availability - 1)).toBeLessThan(1e-9);
  });
});
