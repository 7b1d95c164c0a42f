// The event queue of the time simulation: an indexed binary min-heap of (time, entity) pairs on preallocated typed
// arrays. Every entity (an element, a risk group, a group member's recovery) has at most one pending event, and its
// position is kept, so an event can be set, moved or cancelled in O(log n) without allocation.

/** A min-heap keyed by time; `size` entries live in positions 0..size-1. Create with createEventHeap. */
export interface EventHeap {
  /** Event time in hours per heap position. */
  readonly time: Float64Array;
  /** Entity per heap position. */
  readonly entity: Int32Array;
  /** Heap position per entity, -1 when the entity has no pending event. */
  readonly position: Int32Array;
  size: number;
}

/** A heap for entities 0..entityCount-1 (>= 0), each with at most one pending event. */
export function createEventHeap(entityCount: number): EventHeap {
  const capacity = Math.max(1, entityCount);
  return {
    time: new Float64Array(capacity),
    entity: new Int32Array(capacity),
    position: new Int32Array(capacity).fill(-1),
    size: 0,
  };
}

/** Empties the heap (O(size)). */
export function clearEvents(heap: EventHeap): void {
  for (let i = 0; i < heap.size; i++) heap.position[heap.entity[i]] = -1;
  heap.size = 0;
}

/** Places `entity` with `time` at position i, moving it towards the root while its parent is later. */
function siftUp(heap: EventHeap, i: number, entity: number, time: number): void {
  const { time: times, entity: entities, position } = heap;
  // Sift up: move parents down until the time fits (Williams 1964, "Heapsort").
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (times[parent] <= time) break;
    times[i] = times[parent];
    entities[i] = entities[parent];
    position[entities[i]] = i;
    i = parent;
  }
  times[i] = time;
  entities[i] = entity;
  position[entity] = i;
}

/** Places `entity` with `time` at position i, moving it towards the leaves while a child is earlier. */
function siftDown(heap: EventHeap, i: number, entity: number, time: number): void {
  const { time: times, entity: entities, position } = heap;
  const size = heap.size;
  for (;;) {
    const left = 2 * i + 1;
    if (left >= size) break;
    const right = left + 1;
    const child = right < size && times[right] < times[left] ? right : left;
    if (times[child] >= time) break;
    times[i] = times[child];
    entities[i] = entities[child];
    position[entities[i]] = i;
    i = child;
  }
  times[i] = time;
  entities[i] = entity;
  position[entity] = i;
}

/** Sets the pending event of `entity` to `time` (hours), adding it or moving an existing one. O(log n). */
export function setEvent(heap: EventHeap, entity: number, time: number): void {
  const at = heap.position[entity];
  if (at < 0) {
    siftUp(heap, heap.size++, entity, time);
  } else if (time < heap.time[at]) {
    siftUp(heap, at, entity, time);
  } else {
    siftDown(heap, at, entity, time);
  }
}

/** Cancels the pending event of `entity`, if any. O(log n). */
export function cancelEvent(heap: EventHeap, entity: number): void {
  const at = heap.position[entity];
  if (at < 0) return;
  heap.position[entity] = -1;
  const last = --heap.size;
  if (at === last) return;
  const movedEntity = heap.entity[last];
  const movedTime = heap.time[last];
  // The last entry fills the hole; it may belong above or below it.
  if (at > 0 && movedTime < heap.time[(at - 1) >> 1]) siftUp(heap, at, movedEntity, movedTime);
  else siftDown(heap, at, movedEntity, movedTime);
}

/** Removes the earliest event and returns its entity; the heap must not be empty. O(log n). */
export function popEvent(heap: EventHeap): number {
  const entity = heap.entity[0];
  cancelEvent(heap, entity);
  return entity;
}

/** True when `entity` has a pending event. */
export function hasEvent(heap: EventHeap, entity: number): boolean {
  return heap.position[entity] >= 0;
}
