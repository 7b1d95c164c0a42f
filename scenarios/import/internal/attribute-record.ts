// Attribute records built from untrusted keys: a key such as `__proto__` must become an own property, never a
// prototype change, so the converted document serialises and parses back to the same object.

/** Sets `record[key] = value` as an own, enumerable property whatever the key. */
export function setOwnValue<T>(record: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
}

/** True when `record` already has `key` as an own property. */
export function hasOwnKey(record: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(record, key);
}
