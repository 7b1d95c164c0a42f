// Moves a plan's typed arrays onto SharedArrayBuffers once, so every pool worker receives views of the same
// memory through workerData instead of its own structured-clone copy (STYLE.md: share the topology).

/** A value with every typed array (at any depth) backed by a SharedArrayBuffer. Plain data only, no cycles. */
export function sharePlanArrays<T>(value: T): T {
  return shareValue(value) as T;
}

type TypedArray =
  | Int8Array
  | Uint8Array
  | Uint8ClampedArray
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | Float32Array
  | Float64Array
  | BigInt64Array
  | BigUint64Array;

type TypedArrayConstructor = new (buffer: SharedArrayBuffer) => TypedArray;

function shareValue(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (ArrayBuffer.isView(value)) {
    if (value instanceof DataView) return value;
    const source = value as TypedArray;
    if (source.buffer instanceof SharedArrayBuffer) return source;
    const Constructor = source.constructor as TypedArrayConstructor;
    const shared = new Constructor(new SharedArrayBuffer(source.byteLength));
    (shared as Uint8Array).set(source as Uint8Array);
    return shared;
  }
  if (Array.isArray(value)) return value.map(shareValue);
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) out[key] = shareValue(entry);
  return out;
}
