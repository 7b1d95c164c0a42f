// A bounded exact cache from a failure state (its down elements below a limit) to a fixed number of answers, in
// typed arrays: a forced scenario's samples repeat a few thousand states, whose searches (routing, flows) cost far
// more than a look-up. Open addressing with linear probing (Knuth, TAOCP vol. 3, §6.4, algorithm L); it starts small
// (services are copied often outside sampling), doubles as it fills, and once at its limit starts afresh.

/** A cache of answers by failure state; see {@link createStateCache}. */
export interface StateCache {
  /** Answers per state. */
  readonly width: number;
  /** Most states kept; the cache starts afresh when full. */
  readonly limit: number;
  /** States the arrays hold now (doubled up to `limit` as they fill). */
  capacity: number;
  /** Slot table (a power of two, twice the capacity): entry index + 1, 0 when empty. */
  table: Int32Array;
  /** Per entry: hash, start of its key in `keys`, key length. */
  entryHash: Int32Array;
  entryStart: Int32Array;
  entryLength: Int32Array;
  /** Per entry: its answers at [entry × width, (entry + 1) × width). */
  answers: Float64Array;
  /** The keys (down element indices, increasing), one after another. */
  keys: Int32Array;
  keyEnd: number;
  entryCount: number;
  /** The key of the last {@link findState} call, its length and hash (what {@link storeState} stores). */
  probe: Int32Array;
  probeLength: number;
  probeHash: number;
}

/** States an empty cache has room for. */
const INITIAL_CAPACITY = 16;

/** The word view of the last state buffer looked up (the sample loop passes the same buffer every time). */
let lastBytes: Uint8Array | null = null;
let lastWords: Int32Array | null = null;

function wordsOf(bytes: Uint8Array): Int32Array | null {
  if (bytes.byteOffset % 4 !== 0) return null;
  if (lastBytes !== bytes) {
    lastBytes = bytes;
    lastWords = new Int32Array(bytes.buffer, bytes.byteOffset, bytes.length >> 2);
  }
  return lastWords;
}

/**
 * An empty cache.
 * @param width answers per state, >= 1
 * @param limit most states kept, a power of two >= 16
 */
export function createStateCache(width: number, limit: number): StateCache {
  const capacity = Math.min(INITIAL_CAPACITY, limit);
  return {
    width,
    limit,
    capacity,
    table: new Int32Array(2 * capacity),
    entryHash: new Int32Array(capacity),
    entryStart: new Int32Array(capacity),
    entryLength: new Int32Array(capacity),
    answers: new Float64Array(capacity * width),
    keys: new Int32Array(capacity * 8),
    keyEnd: 0,
    entryCount: 0,
    probe: new Int32Array(64),
    probeLength: 0,
    probeHash: 0,
  };
}

/**
 * Looks the state up: the index of its answers' first entry in `cache.answers`, or -1 when it is not kept. Keeps its
 * key for a {@link storeState} call that follows.
 * @param down 1 for down elements
 * @param limit only elements 0..limit-1 are part of the state (those the answers depend on), <= down.length
 */
export function findState(cache: StateCache, down: Uint8Array, limit: number): number {
  if (cache.probe.length < limit) cache.probe = new Int32Array(limit);
  const probe = cache.probe;
  let length = 0;
  // FNV-1a over the indices (Fowler, Noll and Vo), 32-bit.
  let hash = 0x811c9dc5 | 0;
  let e = 0;
  // Few elements are down: skip four up ones at a time where the buffer allows a word view.
  const words = wordsOf(down);
  if (words !== null) {
    const wordCount = Math.min(words.length, limit >> 2);
    for (let i = 0; i < wordCount; i++) {
      if (words[i] === 0) continue;
      for (let b = i << 2; b < (i + 1) << 2; b++) {
        if (down[b] === 0) continue;
        probe[length++] = b;
        hash = Math.imul(hash ^ b, 0x01000193);
      }
    }
    e = wordCount << 2;
  }
  for (; e < limit; e++) {
    if (down[e] === 0) continue;
    probe[length++] = e;
    hash = Math.imul(hash ^ e, 0x01000193);
  }
  cache.probeLength = length;
  cache.probeHash = hash;
  const table = cache.table;
  const mask = table.length - 1;
  for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
    const entry = table[slot] - 1;
    if (entry < 0) return -1;
    if (cache.entryHash[entry] !== hash || cache.entryLength[entry] !== length) continue;
    const start = cache.entryStart[entry];
    const keys = cache.keys;
    let same = true;
    for (let i = 0; i < length && same; i++) if (keys[start + i] !== probe[i]) same = false;
    if (same) return entry * cache.width;
  }
}

/**
 * Stores answers (`width` of them from `values[offset..]`) for the state of the last {@link findState} call, which
 * found none. A full cache is emptied first.
 */
export function storeState(cache: StateCache, values: Float64Array, offset: number): void {
  const length = cache.probeLength;
  if (cache.entryCount === cache.capacity) {
    if (cache.capacity < cache.limit) growStateCache(cache);
    else clearStateCache(cache);
  }
  if (cache.keyEnd + length > cache.keys.length) {
    // Bounded by capacity × the longest key: the pool grows to the states' sizes once, then is reused.
    const grown = new Int32Array(2 * (cache.keys.length + length));
    grown.set(cache.keys.subarray(0, cache.keyEnd));
    cache.keys = grown;
  }
  const entry = cache.entryCount++;
  cache.entryHash[entry] = cache.probeHash;
  cache.entryStart[entry] = cache.keyEnd;
  cache.entryLength[entry] = length;
  cache.keys.set(cache.probe.subarray(0, length), cache.keyEnd);
  cache.keyEnd += length;
  const width = cache.width;
  for (let i = 0; i < width; i++) cache.answers[entry * width + i] = values[offset + i];
  const table = cache.table;
  const mask = table.length - 1;
  let slot = cache.probeHash & mask;
  while (table[slot] !== 0) slot = (slot + 1) & mask;
  table[slot] = entry + 1;
}

/** Doubles the room for states, keeping those kept. */
function growStateCache(cache: StateCache): void {
  const capacity = 2 * cache.capacity;
  const count = cache.entryCount;
  const entryHash = new Int32Array(capacity);
  entryHash.set(cache.entryHash);
  const entryStart = new Int32Array(capacity);
  entryStart.set(cache.entryStart);
  const entryLength = new Int32Array(capacity);
  entryLength.set(cache.entryLength);
  const answers = new Float64Array(capacity * cache.width);
  answers.set(cache.answers);
  const table = new Int32Array(2 * capacity);
  const mask = table.length - 1;
  for (let entry = 0; entry < count; entry++) {
    let slot = entryHash[entry] & mask;
    while (table[slot] !== 0) slot = (slot + 1) & mask;
    table[slot] = entry + 1;
  }
  cache.capacity = capacity;
  cache.table = table;
  cache.entryHash = entryHash;
  cache.entryStart = entryStart;
  cache.entryLength = entryLength;
  cache.answers = answers;
}

/** Empties the cache. */
export function clearStateCache(cache: StateCache): void {
  cache.table.fill(0);
  cache.entryCount = 0;
  cache.keyEnd = 0;
}
