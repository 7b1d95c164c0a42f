// Two exact shortcuts of the traffic-aware kinds (capacity, latency, protected), whose searches (max-flow, Dijkstra,
// disjoint paths) cost far more than a look at the failure state:
//
// - Witnesses: the elements of a flow or set of paths that served the service fully in an earlier state. While none
//   of them is down, the same flow or paths still serve it (capacities, delays and the demand do not change between
//   states), so the state is fully served without a search. The last few are kept (a forced risk group hits a
//   different few of its members in each sample, breaking one witness but seldom all); a search that finds the
//   service fully served with every witness broken replaces the oldest.
// - The answers of earlier searches by failure state: a forced scenario's samples repeat a few states (the forced
//   elements down, or some members of a forced risk group), in which the service is often not fully served and has
//   no witness. A bounded cache from the state (its down nodes and links) to the answer (state-cache.ts, typed
//   arrays: no key strings); a service whose states seldom repeat (the time simulation) stops keeping it after a
//   trial, where the look-ups cost more than they save.
//
// One record per service object and thread (module-level, as the flow scratch of traffic-network.ts).

import { clearStateCache, createStateCache, findState, storeState, type StateCache } from './state-cache.ts';
import type { TrafficServiceBase } from './traffic-kind-base.ts';

interface ServiceMemo {
  /** Element indices (nodes 0..N-1, links N..N+L-1) of witness w at [w × size, w × size + witnessCount[w]). */
  witnesses: Int32Array;
  /** Elements per witness; 0: none yet. */
  witnessCount: Int32Array;
  /** The witness the next renewal replaces. */
  oldest: number;
  /** Element count of the states seen (a service object belongs to one topology). */
  size: number;
  /** Answers of earlier searches by state (its down nodes and links). */
  readonly answers: StateCache;
  /** Lookups of the answers and how many found one, until the map proves itself or is switched off. */
  lookups: number;
  hits: number;
  /** True once the answers seldom repeat (the time simulation's ever-new states): no more keys or answers. */
  recallOff: boolean;
}

/** Witnesses kept per service. */
const WITNESS_LIMIT = 4;

/** Most answers kept per service; the cache starts afresh when full (a scenario's states repeat within it). */
const ANSWER_LIMIT = 16384;

/** The answer to store (a one-entry buffer for storeState). */
const ANSWER = new Float64Array(1);

const memos = new WeakMap<TrafficServiceBase, ServiceMemo>();

/** Marks of markWitness, all 0 between calls; grown on demand. */
let mark = new Uint8Array(64);

function memoOf(service: TrafficServiceBase, size: number): ServiceMemo {
  let memo = memos.get(service);
  if (memo === undefined || memo.size !== size) {
    memo = {
      witnesses: new Int32Array(WITNESS_LIMIT * size),
      witnessCount: new Int32Array(WITNESS_LIMIT),
      oldest: 0,
      size,
      answers: createStateCache(1, ANSWER_LIMIT),
      lookups: 0,
      hits: 0,
      recallOff: false,
    };
    memos.set(service, memo);
  }
  return memo;
}

/** True when one of the service's witnesses is intact in this state: it is then fully served. */
export function isWitnessIntact(service: TrafficServiceBase, down: Uint8Array): boolean {
  const memo = memos.get(service);
  if (memo === undefined || memo.size !== down.length) return false;
  const { witnesses, witnessCount, size } = memo;
  for (let w = 0; w < WITNESS_LIMIT; w++) {
    const end = w * size + witnessCount[w];
    if (end === w * size) continue;
    let intact = true;
    for (let i = w * size; i < end && intact; i++) if (down[witnesses[i]] !== 0) intact = false;
    if (intact) return true;
  }
  return false;
}

/**
 * Records a new witness (in place of the oldest) for a state in which the service is fully served.
 * @param markWitness marks (sets to 1) every element of one flow or path set serving it
 */
export function renewWitness<S extends TrafficServiceBase>(
  service: S,
  down: Uint8Array,
  markWitness: (service: S, down: Uint8Array, mark: Uint8Array) => void,
): void {
  const size = down.length;
  if (mark.length < size) mark = new Uint8Array(size);
  const memo = memoOf(service, size);
  markWitness(service, down, mark);
  const w = memo.oldest;
  const start = w * size;
  let count = 0;
  for (let e = 0; e < size; e++) {
    if (mark[e] === 0) continue;
    mark[e] = 0;
    memo.witnesses[start + count++] = e;
  }
  memo.witnessCount[w] = count;
  memo.oldest = (w + 1) % WITNESS_LIMIT;
}

/**
 * Lookups after which the answers must have been found at least once in RECALL_MIN_HIT_SHARE of them, else the
 * service stops keeping answers: a look-up only pays where states repeat (a forced scenario's few states), and the
 * time simulation's ever-new states would fill the cache for nothing.
 */
const RECALL_TRIAL_LOOKUPS = 4096;
const RECALL_MIN_HIT_SHARE = 0.125;

/**
 * The answer of an earlier search in this state (its down nodes and links), else -1; a {@link rememberSearch} of
 * the same service and state may follow. The services' searches read only nodes and links, so later elements of
 * `down` are not part of the state.
 */
export function recallSearch(service: TrafficServiceBase, down: Uint8Array): number {
  const memo = memoOf(service, down.length);
  if (memo.recallOff) return -1;
  const found = findState(memo.answers, down, service.network.nodeCount + service.network.linkCount);
  memo.lookups++;
  if (found >= 0) memo.hits++;
  if (memo.lookups === RECALL_TRIAL_LOOKUPS && memo.hits < RECALL_MIN_HIT_SHARE * memo.lookups) {
    memo.recallOff = true;
    clearStateCache(memo.answers);
    return -1;
  }
  return found >= 0 ? memo.answers.answers[found] : -1;
}

/** Remembers a search's answer (served >= 0) in the state of the service's last {@link recallSearch}, which found none. */
export function rememberSearch(service: TrafficServiceBase, down: Uint8Array, served: number): void {
  const memo = memoOf(service, down.length);
  if (memo.recallOff) return;
  ANSWER[0] = served;
  storeState(memo.answers, ANSWER, 0);
}
