// Sets of batch results keyed by batch index, shared by the availability tally (study-tally.ts) and the time tally
// (time/time-tally.ts): both keep their batches sorted by index, store a retried batch once and treat a differing
// duplicate as a reproducibility bug (DESIGN.md invariant 2).

/**
 * Inserts `batch` into `batches` (sorted by ascending `batchIndex`, without duplicates) in place, keeping the order.
 * A batch whose index is already present is ignored when its JSON serialisation equals the stored one (idempotent
 * retries); otherwise the error built by `onConflict` from the stored batch is thrown.
 * @returns true when the batch was new
 */
export function insertBatchByIndex<T extends { readonly batchIndex: number }>(
  batches: T[],
  batch: T,
  onConflict: (existing: T) => Error,
): boolean {
  // Binary search for the first stored batch whose index is not below the new one.
  let lo = 0;
  let hi = batches.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (batches[mid].batchIndex < batch.batchIndex) lo = mid + 1;
    else hi = mid;
  }
  const existing = batches[lo];
  if (existing !== undefined && existing.batchIndex === batch.batchIndex) {
    if (JSON.stringify(existing) !== JSON.stringify(batch)) throw onConflict(existing);
    return false;
  }
  batches.splice(lo, 0, batch);
  return true;
}

/**
 * Length k of the gap-free prefix of batch indices 0..k-1 in `batches` (sorted by index, without duplicates):
 * only such a prefix may be estimated from after an interruption.
 */
export function countContiguousBatchIndices(batches: readonly { readonly batchIndex: number }[]): number {
  // Indices are distinct, ascending and >= 0, so batches[i].batchIndex >= i, with equality exactly up to the first
  // gap: binary search for it (a long run asks after every merged batch).
  let lo = 0;
  let hi = batches.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (batches[mid].batchIndex === mid) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** True when `batches` (sorted by ascending index, without duplicates) holds batch `batchIndex`. */
export function hasBatchIndex(batches: readonly { readonly batchIndex: number }[], batchIndex: number): boolean {
  let lo = 0;
  let hi = batches.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (batches[mid].batchIndex < batchIndex) lo = mid + 1;
    else hi = mid;
  }
  return lo < batches.length && batches[lo].batchIndex === batchIndex;
}
