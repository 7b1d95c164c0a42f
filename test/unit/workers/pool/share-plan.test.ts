import { describe, expect, it } from 'vitest';
import { runBatch } from '../../../../engine/index.ts';
import { sharePlanArrays } from '../../../../workers/pool/share-plan.ts';
import { compileReferenceCase, planFor, readReferenceCase } from '../../../support/reference-model.ts';

function typedArrays(value: unknown, out: ArrayBufferView[] = []): ArrayBufferView[] {
  if (ArrayBuffer.isView(value)) out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => typedArrays(v, out));
  else if (value !== null && typeof value === 'object') Object.values(value).forEach((v) => typedArrays(v, out));
  return out;
}

describe('sharePlanArrays', () => {
  it('moves every typed array of a plan onto SharedArrayBuffers, keeping contents and results', () => {
    const plan = planFor(compileReferenceCase(readReferenceCase('dodecahedron-riskgroup-q0.01')), 'share', 20_000);
    const shared = sharePlanArrays(plan);
    const before = typedArrays(plan);
    const after = typedArrays(shared);
    expect(after.length).toBe(before.length);
    expect(after.length).toBeGreaterThan(8);
    after.forEach((view, i) => {
      expect(view.buffer).toBeInstanceOf(SharedArrayBuffer);
      expect(view.constructor).toBe(before[i].constructor);
      expect(Array.from(view as Uint8Array)).toEqual(Array.from(before[i] as Uint8Array));
    });
    expect(runBatch(shared, 0, 0, 20_000)).toEqual(runBatch(plan, 0, 0, 20_000));
  });

  it('leaves already shared arrays and plain values as they are', () => {
    const array = new Uint32Array(new SharedArrayBuffer(8));
    const value = { a: array, b: 'text', c: [1, 2], d: null };
    const shared = sharePlanArrays(value);
    expect(shared.a).toBe(array);
    expect(shared).toEqual(value);
  });
});
