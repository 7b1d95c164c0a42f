// The event queue of the time simulation: a binary min-heap of (time, entity) pairs on preallocated typed arrays.
// Every entity (an element or a risk group) has at most one pending event, so the loop only ever replaces the
// top's time and sifts it down: no allocation per event.

/** A min-heap keyed by time; `size` entries live in positions 0..size-1. Create with createEventHeap. */
export interface EventHeap {
  /** Event time in hours per heap position. */
  readonly time: Float64Array;
  /** Entity per heap position. */
  readonly entity: Int32Array;
  size: number;
}

/** A heap that can hold up to `capacity` events (>= 0). */
export function createEventHeap(capacity: number): EventHeap {
  return { time: new Float64Array(Math.max(1, capacity)), entity: new Int32Array(Math.max(1, capacity)), size: 0 };
}

/** Adds an event; the heap must have room. O(log n). */
export function pushEvent(heap: EventHeap, entity: number, time: number): void {
  const times = heap.time;
  const entities = heap.entity;
  let i = heap.size++;
  // Sift up: move parents down until the new time fits (Williams 1964, "Heapsort").
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (times[parent] <= time) break;
    times[i] = times[parent];
    entities[i] = entities[parent];
    i = parent;
  }
  times[i] = time;
  entities[i] = entity;
}

/** Gives the top event (the earliest) a new time, keeping its entity, and restores the heap order. O(log n). */
export function replaceTopEvent(heap: EventHeap, time: number): void {
  const times = heap.time;
  const entities = heap.entity;
  const size = heap.size;
  const entity = entities[0];
  let i = 0;
  for (;;) {
    const left = 2 * i + 1;
    if (left >= size) break;
    const right = left + 1;
    const child = right < size && times[right] < times[left] ? right : left;
    if (times[child] >= time) break;
    times[i] = times[child];
    entities[i] = entities[child];
    i = child;
  }
  times[i] = time;
  entities[i] = entity;
}
