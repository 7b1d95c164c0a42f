// The discrete-event simulation of one batch: a history of consecutive simulated years after a warm-up, in which
// elements fail and are repaired (by crews, in queues), risk-group events come and go with their recovery, forced
// events happen, and each service's state is re-evaluated after every change. Returns the mergeable per-batch sums
// and each year's downtime and outage count per service (for paired comparisons).
//
//   start state (stationary, independent components) ──warm-up──> year 0 ──> ... ──> year n-1 ──look-ahead──> sums
//   each year start: forced events; each event: element fails | repair done | group event starts or ends |
//                    a member is back ──> state changed? ──> evaluate services ──> outage records

import { labelComponents } from '../evaluation/service-evaluator.ts';
import type { CompiledModel } from '../model.ts';
import { expandLayerState } from '../sampling/layer-expansion.ts';
import type { UniformSource } from '../sampling/random-stream.ts';
import { resolveServiceKinds, type CompiledService } from '../services/service-kinds.ts';
import type { ServiceKindDefinition } from '../services/service-kind.ts';
import { cancelEvent, createEventHeap, popEvent, setEvent, type EventHeap } from './event-heap.ts';
import { RECOVERY_CREWS, RECOVERY_STAGGERED } from './group-recovery.ts';
import {
  DURATION_BIN_COUNT,
  findDurationBin,
  findQuantileBin,
  HOURS_PER_YEAR,
  LONG_OUTAGE_HOURS,
  MAX_RECORDED_OUTAGE_HOURS,
  QUANTILE_BIN_COUNT,
  type TimeCrewTally,
  type TimeServiceTally,
} from './time-batch-result.ts';
import { EXPONENTIAL_CODE, sampleResidualTime, sampleTime } from './time-distribution.ts';
import { TIME_ALTERNATING, TIME_ALWAYS_ON, TIME_NEVER, type TimeParameters } from './time-parameters.ts';
import { createTimeEntityStream, elementStreamKey, groupStreamKey } from './time-streams.ts';

/** Where a history's random numbers come from: the entity streams of (seed, scenario id, batch index). */
export interface TimeHistorySource {
  readonly seed: string;
  /** The scenario id in the stream seeds (a comparison: the scenario pair's id, the same on both sides). */
  readonly streamScenarioId: string;
  readonly batchIndex: number;
}

/** A simulated history's statistics. */
export interface TimeHistory {
  readonly services: TimeServiceTally[];
  readonly crews: TimeCrewTally[];
  /** Downtime in hours of year y and service s at y * serviceCount + s. */
  readonly yearDowntimeHours: Float64Array;
  /** Outages starting in year y of service s at y * serviceCount + s. */
  readonly yearOutages: Float64Array;
}

/** Mutable state of the event loop; typed arrays allocated once per batch. */
interface TimeState {
  readonly model: CompiledModel;
  readonly p: TimeParameters;
  readonly elementCount: number;
  readonly groupCount: number;
  /** First entity index of the group-member slots: elementCount + groupCount. */
  readonly slotBase: number;
  readonly serviceCount: number;
  readonly kinds: readonly ServiceKindDefinition<CompiledService>[];
  readonly endpointCount: Int32Array;
  readonly elementRandom: ReadonlyArray<UniformSource | null>;
  readonly groupRandom: ReadonlyArray<UniformSource | null>;
  /** 1 when the element's own process is in its down phase (failed, waiting for or under repair). */
  readonly independentDown: Uint8Array;
  /** Number of active risk-group events (members not yet back) holding the element down. */
  readonly heldCount: Int32Array;
  /** Effective state: independentDown or held; what the service evaluator reads (after the layer expansion). */
  readonly down: Uint8Array;
  /** Layered models: `down` with the logical links whose routes are cut marked down too (evaluation scratch). */
  readonly layerDown: Uint8Array;
  readonly groupActive: Uint8Array;
  /** Crews recovery: members of the group's current event not yet restored. */
  readonly groupOutstanding: Int32Array;
  /** 1 while member m of a group holds its element down (it was hit and is not back yet). */
  readonly memberHit: Uint8Array;
  /** Per job entity (element, or slot of a member): its request time, response and work time in hours. */
  readonly jobRequest: Float64Array;
  readonly jobResponse: Float64Array;
  readonly jobWork: Float64Array;
  /** Crew of the job an entity is waiting for or in (-1: none). */
  readonly jobCrew: Int32Array;
  readonly crewBusy: Int32Array;
  /** Job queues: crew c's ring buffer is queue[queueStart[c] .. queueStart[c + 1]). */
  readonly queue: Int32Array;
  readonly queueStart: Int32Array;
  readonly queueHead: Int32Array;
  readonly queueLength: Int32Array;
  readonly crewBusySince: Float64Array;
  readonly crewYearBusy: Float64Array;
  readonly crewJobs: Float64Array;
  readonly crewWaited: Float64Array;
  readonly crewWait: Float64Array;
  readonly crewWaitSquares: Float64Array;
  readonly crewLongestWait: Float64Array;
  readonly crewBusyTotal: Float64Array;
  readonly crewBusySquares: Float64Array;
  /** Scratch of staggered recovery: hit members of one event and their order keys. */
  readonly orderMembers: Int32Array;
  readonly orderKeys: Float64Array;
  readonly heap: EventHeap;
  readonly parent: Int32Array;
  /** Service states of the all-up network and of each single-element failure (elementIndex * S + s). */
  readonly allUpState: Uint8Array;
  readonly singleDownState: Uint8Array;
  readonly evaluated: Uint8Array;
  readonly serviceDown: Uint8Array;
  readonly outageStart: Float64Array;
  /** Start of the part of the current outage that falls in the open year. */
  readonly downSince: Float64Array;
  /** 1 when the service's current outage started inside a counted year (it is counted; its duration recorded). */
  readonly outageCounted: Uint8Array;
  readonly yearOutage: Float64Array;
  readonly yearDowntime: Float64Array;
  readonly outageCount: Float64Array;
  readonly outageCountSquares: Float64Array;
  readonly downtimeHours: Float64Array;
  readonly downtimeHoursSquares: Float64Array;
  readonly outageHours: Float64Array;
  readonly outageHoursSquares: Float64Array;
  readonly over4: Float64Array;
  readonly over15: Float64Array;
  readonly longest: Float64Array;
  readonly quietYears: Float64Array;
  readonly worstDowntime: Float64Array;
  readonly worstOutages: Float64Array;
  /** serviceIndex * DURATION_BIN_COUNT + bin. */
  readonly durationCounts: Float64Array;
  /** serviceIndex * QUANTILE_BIN_COUNT + bin. */
  readonly quantileCounts: Float64Array;
  readonly perYearDowntime: Float64Array;
  readonly perYearOutages: Float64Array;
  /** Number of effectively down elements, and the sum of their indices (the element itself when the count is 1). */
  downCount: number;
  downIndexSum: number;
  /** True while a counted year is open. */
  yearOpen: boolean;
  /** True after the last year closed (look-ahead for the durations of its last outages). */
  pastEnd: boolean;
  /** Services whose counted outage was still running at the end of the last year. */
  pendingCount: number;
}

function createStreams(model: CompiledModel, p: TimeParameters, source: TimeHistorySource) {
  const stream = (key: string): UniformSource =>
    createTimeEntityStream(source.seed, source.streamScenarioId, source.batchIndex, key);
  const forcedGroup = new Set(p.forcedGroups);
  const nodeCount = model.topology.nodeCount;
  const elementRandom = Array.from({ length: model.elementCount }, (_, e) => {
    if (p.elementMode[e] !== TIME_ALTERNATING && !p.forcedElements.includes(e)) return null;
    const id = e < nodeCount ? model.index.nodeIds[e] : model.index.linkIds[e - nodeCount];
    return stream(elementStreamKey(id));
  });
  const groupRandom = Array.from({ length: model.groups.groupCount }, (_, g) =>
    p.groupMode[g] !== TIME_NEVER || forcedGroup.has(g) ? stream(groupStreamKey(model.index.groupIds[g])) : null,
  );
  return { elementRandom, groupRandom };
}

function createTimeState(model: CompiledModel, p: TimeParameters, source: TimeHistorySource, years: number): TimeState {
  const serviceCount = model.services.length;
  const elementCount = model.elementCount;
  const groupCount = model.groups.groupCount;
  const memberCount = model.groups.memberElement.length;
  const entityCount = elementCount + groupCount + memberCount;
  const kinds = resolveServiceKinds(model.services);
  // Queue capacity per crew: every job that can ever wait for it (its elements, and group members it may restore).
  const queueStart = new Int32Array(p.crewCount + 1);
  const capacity = new Int32Array(p.crewCount);
  for (let e = 0; e < elementCount; e++) if (p.elementCrew[e] >= 0) capacity[p.elementCrew[e]]++;
  for (let g = 0; g < groupCount; g++) {
    if (p.groupRecovery[g] !== RECOVERY_CREWS) continue;
    for (let m = model.groups.memberStart[g]; m < model.groups.memberStart[g + 1]; m++) {
      const crew = p.groupRecoveryCrew[g] >= 0 ? p.groupRecoveryCrew[g] : p.elementCrew[model.groups.memberElement[m]];
      if (crew >= 0) capacity[crew]++;
    }
  }
  for (let c = 0; c < p.crewCount; c++) queueStart[c + 1] = queueStart[c] + capacity[c];
  let largestGroup = 0;
  for (let g = 0; g < groupCount; g++) {
    largestGroup = Math.max(largestGroup, model.groups.memberStart[g + 1] - model.groups.memberStart[g]);
  }
  const { elementRandom, groupRandom } = createStreams(model, p, source);
  const crews = (): Float64Array => new Float64Array(p.crewCount);
  const services = (): Float64Array => new Float64Array(serviceCount);
  return {
    model,
    p,
    elementCount,
    groupCount,
    slotBase: elementCount + groupCount,
    serviceCount,
    kinds,
    endpointCount: Int32Array.from(model.services.map((service, s) => kinds[s].countEndpoints(service))),
    elementRandom,
    groupRandom,
    independentDown: new Uint8Array(elementCount),
    heldCount: new Int32Array(elementCount),
    down: new Uint8Array(elementCount),
    layerDown: new Uint8Array(model.layers === undefined ? 0 : elementCount),
    groupActive: new Uint8Array(groupCount),
    groupOutstanding: new Int32Array(groupCount),
    memberHit: new Uint8Array(memberCount),
    jobRequest: new Float64Array(entityCount),
    jobResponse: new Float64Array(entityCount),
    jobWork: new Float64Array(entityCount),
    jobCrew: new Int32Array(entityCount).fill(-1),
    crewBusy: new Int32Array(p.crewCount),
    queue: new Int32Array(Math.max(1, queueStart[p.crewCount])),
    queueStart,
    queueHead: new Int32Array(p.crewCount),
    queueLength: new Int32Array(p.crewCount),
    crewBusySince: crews(),
    crewYearBusy: crews(),
    crewJobs: crews(),
    crewWaited: crews(),
    crewWait: crews(),
    crewWaitSquares: crews(),
    crewLongestWait: crews(),
    crewBusyTotal: crews(),
    crewBusySquares: crews(),
    orderMembers: new Int32Array(Math.max(1, largestGroup)),
    orderKeys: new Float64Array(Math.max(1, largestGroup)),
    heap: createEventHeap(entityCount),
    parent: new Int32Array(model.topology.nodeCount),
    allUpState: new Uint8Array(serviceCount),
    singleDownState: new Uint8Array(elementCount * serviceCount),
    evaluated: new Uint8Array(serviceCount),
    serviceDown: new Uint8Array(serviceCount),
    outageStart: services(),
    downSince: services(),
    outageCounted: new Uint8Array(serviceCount),
    yearOutage: services(),
    yearDowntime: services(),
    outageCount: services(),
    outageCountSquares: services(),
    downtimeHours: services(),
    downtimeHoursSquares: services(),
    outageHours: services(),
    outageHoursSquares: services(),
    over4: services(),
    over15: services(),
    longest: services(),
    quietYears: services(),
    worstDowntime: services(),
    worstOutages: services(),
    durationCounts: new Float64Array(serviceCount * DURATION_BIN_COUNT),
    quantileCounts: new Float64Array(serviceCount * QUANTILE_BIN_COUNT),
    perYearDowntime: new Float64Array(years * serviceCount),
    perYearOutages: new Float64Array(years * serviceCount),
    downCount: 0,
    downIndexSum: 0,
    yearOpen: false,
    pastEnd: false,
    pendingCount: 0,
  };
}

/** The stream of an element or group that draws; a bug when absent. */
function streamOf(streams: ReadonlyArray<UniformSource | null>, index: number, what: string): UniformSource {
  const stream = streams[index];
  if (stream === null) throw new Error(`${what} ${index} draws without a stream`);
  return stream;
}

/** Labels the network in `st.down` and writes each service's state (1 down) into `out` at `offset`. */
function evaluateFully(st: TimeState, out: Uint8Array, offset: number): void {
  const services = st.model.services;
  let down = st.down;
  if (st.model.layers !== undefined) {
    // Layers: the down physical elements take down the logical links routed over them, recomputed from the current
    // element states at every evaluation (a repaired segment restores its circuits).
    down = st.layerDown;
    down.set(st.down);
    expandLayerState(st.model.layers, down);
  }
  labelComponents(st.model, down, st.parent);
  for (let s = 0; s < st.serviceCount; s++) {
    out[offset + s] = st.kinds[s].countServed(services[s], down, st.parent) === st.endpointCount[s] ? 0 : 1;
  }
}

/**
 * Precomputes the service states of the all-up network and of every single failure of an element that can fail:
 * most of the time at most one element is down, so most evaluations become a table lookup.
 */
function precomputeSmallStates(st: TimeState): void {
  st.down.fill(0);
  evaluateFully(st, st.allUpState, 0);
  for (let e = 0; e < st.elementCount; e++) {
    if (st.p.elementCanFail[e] === 0) continue;
    st.down[e] = 1;
    evaluateFully(st, st.singleDownState, e * st.serviceCount);
    st.down[e] = 0;
  }
}

function setEffective(st: TimeState, e: number, value: number): void {
  st.down[e] = value;
  if (value === 1) {
    st.downCount++;
    st.downIndexSum += e;
  } else {
    st.downCount--;
    st.downIndexSum -= e;
  }
}

/** Adds a hold on element e; true when its effective state changed. */
function holdElement(st: TimeState, e: number): boolean {
  if (st.heldCount[e]++ === 0 && st.independentDown[e] === 0) {
    setEffective(st, e, 1);
    return true;
  }
  return false;
}

/** Releases a hold on element e; true when its effective state changed. */
function releaseElement(st: TimeState, e: number): boolean {
  if (--st.heldCount[e] === 0 && st.independentDown[e] === 0) {
    setEffective(st, e, 0);
    return true;
  }
  return false;
}

/** Adds the busy member-hours of crew c up to time t to the open year. */
function accrueBusy(st: TimeState, c: number, t: number): void {
  if (st.yearOpen) st.crewYearBusy[c] += st.crewBusy[c] * (t - st.crewBusySince[c]);
  st.crewBusySince[c] = t;
}

/** A crew member of crew c takes job `job` at time t: busy for its response plus work. */
function startJob(st: TimeState, job: number, c: number, t: number): void {
  accrueBusy(st, c, t);
  st.crewBusy[c]++;
  if (st.yearOpen) {
    const wait = t - st.jobRequest[job];
    st.crewJobs[c]++;
    if (wait > 0) {
      st.crewWaited[c]++;
      st.crewWait[c] += wait;
      st.crewWaitSquares[c] += wait * wait;
      if (wait > st.crewLongestWait[c]) st.crewLongestWait[c] = wait;
    }
  }
  setEvent(st.heap, job, t + st.jobResponse[job] + st.jobWork[job]);
}

/**
 * Asks for job `job` (an element's repair or a member's restoration) with the given response and work times: taken
 * at once by a free member of crew c, queued (first in, first out) when all are busy, or without a crew (c = -1)
 * done after its work time alone.
 */
function requestJob(st: TimeState, job: number, c: number, t: number, response: number, work: number): void {
  st.jobCrew[job] = c;
  st.jobRequest[job] = t;
  st.jobResponse[job] = c >= 0 ? response : 0;
  st.jobWork[job] = work;
  if (c < 0) {
    setEvent(st.heap, job, t + work);
  } else if (st.crewBusy[c] < st.p.crewSize[c]) {
    startJob(st, job, c, t);
  } else {
    const capacity = st.queueStart[c + 1] - st.queueStart[c];
    st.queue[st.queueStart[c] + ((st.queueHead[c] + st.queueLength[c]) % capacity)] = job;
    st.queueLength[c]++;
  }
}

/** Job `job` is done at time t: its crew member takes the next queued job, if any. */
function finishJob(st: TimeState, job: number, t: number): void {
  const c = st.jobCrew[job];
  st.jobCrew[job] = -1;
  if (c < 0) return;
  accrueBusy(st, c, t);
  st.crewBusy[c]--;
  if (st.queueLength[c] > 0) {
    const capacity = st.queueStart[c + 1] - st.queueStart[c];
    const next = st.queue[st.queueStart[c] + st.queueHead[c]];
    st.queueHead[c] = (st.queueHead[c] + 1) % capacity;
    st.queueLength[c]--;
    startJob(st, next, c, t);
  }
}

/** A response time of crew c from uniform u (0 for a crew that starts at once). */
function drawResponse(st: TimeState, c: number, u: number): number {
  if (c < 0) return 0;
  const mean = st.p.crewResponseHours[c];
  return mean > 0 ? sampleTime(st.p.crewResponseKind[c], mean, st.p.crewResponseShape[c], u) : 0;
}

/**
 * Element e fails at time t: two draws (response, work) ask its crew for a repair. True when its effective state
 * changed.
 */
function failElement(st: TimeState, e: number, t: number): boolean {
  const random = streamOf(st.elementRandom, e, 'element');
  const uResponse = random();
  const uWork = random();
  const p = st.p;
  st.independentDown[e] = 1;
  const work = sampleTime(p.elementRepairKind[e], p.elementRepairHours[e], p.elementRepairShape[e], uWork);
  const crew = p.elementCrew[e];
  requestJob(st, e, crew, t, drawResponse(st, crew, uResponse), work);
  if (st.heldCount[e] > 0) return false;
  setEffective(st, e, 1);
  return true;
}

/** Element e is repaired at time t: one draw for its next time to failure. True when its effective state changed. */
function repairElement(st: TimeState, e: number, t: number): boolean {
  finishJob(st, e, t);
  st.independentDown[e] = 0;
  const p = st.p;
  if (p.elementMode[e] === TIME_ALTERNATING) {
    const u = streamOf(st.elementRandom, e, 'element')();
    setEvent(st.heap, e, t + sampleTime(p.elementUpKind[e], p.elementUpHours[e], p.elementUpShape[e], u));
  }
  if (st.heldCount[e] > 0) return false;
  setEffective(st, e, 0);
  return true;
}

/** Member slot m of group g is back (released, or restored by its crew); true when a state changed. */
function releaseMember(st: TimeState, m: number): boolean {
  if (st.memberHit[m] === 0) return false;
  st.memberHit[m] = 0;
  return releaseElement(st, st.model.groups.memberElement[m]);
}

/** Group g's event ends at time t: remaining members come back, and the next event is scheduled. */
function endGroupEvent(st: TimeState, g: number, t: number): boolean {
  const groups = st.model.groups;
  let changed = false;
  for (let m = groups.memberStart[g]; m < groups.memberStart[g + 1]; m++) {
    cancelEvent(st.heap, st.slotBase + m);
    if (releaseMember(st, m)) changed = true;
  }
  st.groupActive[g] = 0;
  if (st.p.groupMode[g] === TIME_ALTERNATING) {
    const u = streamOf(st.groupRandom, g, 'risk group')();
    setEvent(st.heap, st.elementCount + g, t + sampleTime(EXPONENTIAL_CODE, st.p.groupQuietHours[g], 0, u));
  }
  return changed;
}

/**
 * Group g's event starts at time t. Draws 1 + 3 n uniforms (n members) whatever happens: the duration, then per
 * member its hit, its order key (staggered) or crew response, and its work time (crews). True when a state changed.
 * @param forEver true for a group whose event never ends (p = 1)
 */
function startGroupEvent(st: TimeState, g: number, t: number, forEver: boolean): boolean {
  const groups = st.model.groups;
  const p = st.p;
  const random = streamOf(st.groupRandom, g, 'risk group');
  const duration = sampleTime(p.groupDurationKind[g], p.groupDurationHours[g], p.groupDurationShape[g], random());
  const recovery = forEver ? -1 : p.groupRecovery[g];
  let changed = false;
  let hits = 0;
  st.groupActive[g] = 1;
  for (let m = groups.memberStart[g]; m < groups.memberStart[g + 1]; m++) {
    const uHit = random();
    const uKey = random();
    const uWork = random();
    if (!(uHit < groups.memberFailureProbability[m])) continue;
    st.memberHit[m] = 1;
    if (holdElement(st, groups.memberElement[m])) changed = true;
    if (recovery === RECOVERY_STAGGERED) {
      st.orderMembers[hits] = m;
      st.orderKeys[hits] = uKey;
    } else if (recovery === RECOVERY_CREWS) {
      const crew = p.groupRecoveryCrew[g] >= 0 ? p.groupRecoveryCrew[g] : p.elementCrew[groups.memberElement[m]];
      const work = sampleTime(p.groupDurationKind[g], p.groupDurationHours[g], p.groupDurationShape[g], uWork);
      requestJob(st, st.slotBase + m, crew, t, drawResponse(st, crew, uKey), work);
    }
    hits++;
  }
  if (forEver) return changed;
  if (recovery === RECOVERY_CREWS) {
    st.groupOutstanding[g] = hits;
    // Nothing hit: the event is over at once.
    if (hits === 0 && endGroupEvent(st, g, t)) changed = true;
    return changed;
  }
  if (recovery === RECOVERY_STAGGERED) scheduleStaggered(st, g, t, duration, hits);
  setEvent(st.heap, st.elementCount + g, t + duration);
  return changed;
}

/**
 * Staggered recovery: the `hits` members in st.orderMembers come back in the order of their keys, the k-th of n at
 * D - R (n - k) / n with R = min(recovery period, D); the last at D, when the event itself ends and releases it.
 */
function scheduleStaggered(st: TimeState, g: number, t: number, duration: number, hits: number): void {
  const period = Math.min(st.p.groupRecoveryHours[g], duration);
  // Insertion sort by key: events hit few members, and this runs once per event, outside the year loop's hot part.
  for (let i = 1; i < hits; i++) {
    const key = st.orderKeys[i];
    const member = st.orderMembers[i];
    let j = i - 1;
    while (j >= 0 && st.orderKeys[j] > key) {
      st.orderKeys[j + 1] = st.orderKeys[j];
      st.orderMembers[j + 1] = st.orderMembers[j];
      j--;
    }
    st.orderKeys[j + 1] = key;
    st.orderMembers[j + 1] = member;
  }
  for (let k = 1; k < hits; k++) {
    setEvent(st.heap, st.slotBase + st.orderMembers[k - 1], t + duration - (period * (hits - k)) / hits);
  }
}

/** A member slot's event at time t: a staggered member comes back, or a crew finished its restoration. */
function processMemberSlot(st: TimeState, m: number, t: number): boolean {
  const g = groupOfMember(st, m);
  if (st.p.groupRecovery[g] !== RECOVERY_CREWS) return releaseMember(st, m);
  finishJob(st, st.slotBase + m, t);
  let changed = releaseMember(st, m);
  if (--st.groupOutstanding[g] === 0 && endGroupEvent(st, g, t)) changed = true;
  return changed;
}

/** The group of member slot m (binary search over memberStart). */
function groupOfMember(st: TimeState, m: number): number {
  const start = st.model.groups.memberStart;
  let lo = 0;
  let hi = st.groupCount - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (start[mid] <= m) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Processes the earliest event (at time t); true when some element's effective state changed. */
function processNextEvent(st: TimeState, t: number): boolean {
  const entity = popEvent(st.heap);
  if (entity < st.elementCount) {
    return st.independentDown[entity] === 0 ? failElement(st, entity, t) : repairElement(st, entity, t);
  }
  if (entity < st.slotBase) {
    const g = entity - st.elementCount;
    return st.groupActive[g] === 1 ? endGroupEvent(st, g, t) : startGroupEvent(st, g, t, false);
  }
  return processMemberSlot(st, entity - st.slotBase, t);
}

/**
 * The start state at time 0 (the warm-up's start), each component on its own in its stationary state: an alternating
 * element is down with its long-run probability and its phase has an equilibrium residual (three draws); a group is
 * active with probability p, in an event that started then (exponential durations are memoryless; recovery together
 * ends at an equilibrium residual). Crew queues start empty of history; the warm-up lets them settle.
 */
function startHistory(st: TimeState): void {
  const p = st.p;
  for (let e = 0; e < st.elementCount; e++) {
    const mode = p.elementMode[e];
    if (mode === TIME_ALWAYS_ON) {
      st.independentDown[e] = 1;
      setEffective(st, e, 1);
    } else if (mode === TIME_ALTERNATING) {
      const random = streamOf(st.elementRandom, e, 'element');
      const uState = random();
      const u1 = random();
      const u2 = random();
      if (uState < p.elementStartDown[e]) {
        st.independentDown[e] = 1;
        setEffective(st, e, 1);
        const crew = p.elementCrew[e];
        if (crew >= 0) {
          const work = sampleTime(p.elementRepairKind[e], p.elementRepairHours[e], p.elementRepairShape[e], u1);
          requestJob(st, e, crew, 0, drawResponse(st, crew, u2), work);
        } else {
          const residual = sampleResidualTime(p.elementRepairKind[e], p.elementRepairHours[e], p.elementRepairShape[e], u1, u2);
          requestJob(st, e, -1, 0, 0, residual);
        }
      } else {
        setEvent(st.heap, e, sampleResidualTime(p.elementUpKind[e], p.elementUpHours[e], p.elementUpShape[e], u1, u2));
      }
    }
  }
  for (let g = 0; g < st.groupCount; g++) {
    const mode = p.groupMode[g];
    if (mode === TIME_ALWAYS_ON) {
      startGroupEvent(st, g, 0, true);
    } else if (mode === TIME_ALTERNATING) {
      const random = streamOf(st.groupRandom, g, 'risk group');
      const uState = random();
      const u1 = random();
      const u2 = random();
      if (uState < p.groupProbability[g]) {
        startGroupEvent(st, g, 0, false);
        if (p.groupRecovery[g] !== RECOVERY_CREWS && p.groupRecovery[g] !== RECOVERY_STAGGERED) {
          const residual = sampleResidualTime(p.groupDurationKind[g], p.groupDurationHours[g], p.groupDurationShape[g], u1, u2);
          setEvent(st.heap, st.elementCount + g, residual);
        }
      } else {
        setEvent(st.heap, st.elementCount + g, sampleTime(EXPONENTIAL_CODE, p.groupQuietHours[g], 0, u1));
      }
    }
  }
}

/** At time 0 of every year (forcing 'start'): forced elements fail and forced groups' events start, when not already. */
function injectForcedEvents(st: TimeState, t: number): boolean {
  const p = st.p;
  let changed = false;
  for (let i = 0; i < p.forcedElements.length; i++) {
    const e = p.forcedElements[i];
    if (st.independentDown[e] === 1 || p.elementMode[e] === TIME_ALWAYS_ON) continue;
    cancelEvent(st.heap, e);
    if (failElement(st, e, t)) changed = true;
  }
  for (let i = 0; i < p.forcedGroups.length; i++) {
    const g = p.forcedGroups[i];
    if (st.groupActive[g] === 1) continue;
    cancelEvent(st.heap, st.elementCount + g);
    if (startGroupEvent(st, g, t, false)) changed = true;
  }
  return changed;
}

/**
 * At time 0 of every year: each never-ending group event (a group with event probability 1, or a group forced
 * 'throughout') is replaced by a new one, so that the members it holds are drawn anew every year and years stay
 * independent, as the static samples are (drawn once, a member would be down all years of a batch or none).
 */
function redrawPermanentGroups(st: TimeState, t: number): boolean {
  const p = st.p;
  let changed = false;
  for (let g = 0; g < st.groupCount; g++) {
    if (p.groupMode[g] !== TIME_ALWAYS_ON) continue;
    if (st.groupActive[g] === 1 && endGroupEvent(st, g, t)) changed = true;
    if (startGroupEvent(st, g, t, true)) changed = true;
  }
  return changed;
}

/** Service states of the current element states into `st.evaluated`. */
function evaluateServices(st: TimeState): void {
  const out = st.evaluated;
  const serviceCount = st.serviceCount;
  if (st.downCount === 0) {
    out.set(st.allUpState);
  } else if (st.downCount === 1) {
    const table = st.singleDownState;
    const offset = st.downIndexSum * serviceCount;
    for (let s = 0; s < serviceCount; s++) out[s] = table[offset + s];
  } else {
    evaluateFully(st, out, 0);
  }
}

function recordDuration(st: TimeState, s: number, hours: number): void {
  const d = hours < MAX_RECORDED_OUTAGE_HOURS ? hours : MAX_RECORDED_OUTAGE_HOURS;
  st.outageHours[s] += d;
  st.outageHoursSquares[s] += d * d;
  if (d > LONG_OUTAGE_HOURS.over4) st.over4[s]++;
  if (d > LONG_OUTAGE_HOURS.over15) st.over15[s]++;
  if (d > st.longest[s]) st.longest[s] = d;
  st.durationCounts[s * DURATION_BIN_COUNT + findDurationBin(d)]++;
  st.quantileCounts[s * QUANTILE_BIN_COUNT + findQuantileBin(d)]++;
}

/** Re-evaluates the services at time `t` (hours) and records outage starts and ends. */
function updateServices(st: TimeState, t: number): void {
  evaluateServices(st);
  const evaluated = st.evaluated;
  const serviceDown = st.serviceDown;
  for (let s = 0; s < st.serviceCount; s++) {
    const now = evaluated[s];
    if (now === serviceDown[s]) continue;
    serviceDown[s] = now;
    if (now === 1) {
      st.outageStart[s] = t;
      st.downSince[s] = t;
      // Outages in the warm-up belong to no counted year, those after the last year to the next: not counted.
      if (st.yearOpen) {
        st.outageCounted[s] = 1;
        st.yearOutage[s]++;
      } else st.outageCounted[s] = 0;
    } else {
      if (st.yearOpen) st.yearDowntime[s] += t - st.downSince[s];
      if (st.outageCounted[s] === 1) {
        st.outageCounted[s] = 0;
        recordDuration(st, s, t - st.outageStart[s]);
        if (st.pastEnd) st.pendingCount--;
      }
    }
  }
}

/** Opens year y at time t: downtime of running outages counts from t. */
function openYear(st: TimeState, t: number): void {
  st.yearOpen = true;
  for (let s = 0; s < st.serviceCount; s++) {
    st.yearOutage[s] = 0;
    st.yearDowntime[s] = 0;
    st.downSince[s] = t;
  }
  for (let c = 0; c < st.p.crewCount; c++) {
    st.crewBusySince[c] = t;
    st.crewYearBusy[c] = 0;
  }
}

/** Closes year y at time t and adds it to the sums. */
function closeYear(st: TimeState, y: number, t: number): void {
  const serviceCount = st.serviceCount;
  for (let c = 0; c < st.p.crewCount; c++) {
    accrueBusy(st, c, t);
    const busy = st.crewYearBusy[c];
    st.crewBusyTotal[c] += busy;
    st.crewBusySquares[c] += busy * busy;
  }
  st.yearOpen = false;
  for (let s = 0; s < serviceCount; s++) {
    if (st.serviceDown[s] === 1) st.yearDowntime[s] += t - st.downSince[s];
    const n = st.yearOutage[s];
    const d = st.yearDowntime[s];
    st.outageCount[s] += n;
    st.outageCountSquares[s] += n * n;
    st.downtimeHours[s] += d;
    st.downtimeHoursSquares[s] += d * d;
    if (n === 0 && d === 0) st.quietYears[s]++;
    if (d > st.worstDowntime[s]) st.worstDowntime[s] = d;
    if (n > st.worstOutages[s]) st.worstOutages[s] = n;
    st.perYearDowntime[y * serviceCount + s] = d;
    st.perYearOutages[y * serviceCount + s] = n;
  }
}

/** Runs the history: warm-up, `years` consecutive years, then the look-ahead that finishes the last outages. */
function runHistory(st: TimeState, years: number): void {
  const warmUp = st.p.warmUpHours;
  const horizon = warmUp + years * HOURS_PER_YEAR + MAX_RECORDED_OUTAGE_HOURS;
  const heap = st.heap;
  startHistory(st);
  evaluateServices(st);
  for (let s = 0; s < st.serviceCount; s++) st.serviceDown[s] = st.evaluated[s];
  let nextYear = 0;
  let boundary = warmUp;
  for (;;) {
    const t = heap.size > 0 ? heap.time[0] : Infinity;
    if (!st.pastEnd && boundary <= t) {
      if (nextYear > 0) closeYear(st, nextYear - 1, boundary);
      if (nextYear === years) {
        st.pastEnd = true;
        for (let s = 0; s < st.serviceCount; s++) if (st.outageCounted[s] === 1) st.pendingCount++;
        if (st.pendingCount === 0) return;
        continue;
      }
      openYear(st, boundary);
      if (st.p.forcedAtYearStart && injectForcedEvents(st, boundary)) updateServices(st, boundary);
      if (redrawPermanentGroups(st, boundary)) updateServices(st, boundary);
      nextYear++;
      boundary = warmUp + nextYear * HOURS_PER_YEAR;
      continue;
    }
    if (t > horizon) {
      // Censor outages still running at the horizon (they have lasted at least MAX_RECORDED_OUTAGE_HOURS).
      for (let s = 0; s < st.serviceCount; s++) {
        if (st.outageCounted[s] === 1) recordDuration(st, s, horizon - st.outageStart[s]);
      }
      return;
    }
    if (processNextEvent(st, t)) {
      updateServices(st, t);
      if (st.pastEnd && st.pendingCount === 0) return;
    }
  }
}

function collectServices(st: TimeState, years: number): TimeServiceTally[] {
  const tallies: TimeServiceTally[] = [];
  for (let s = 0; s < st.serviceCount; s++) {
    tallies.push({
      years,
      outageCount: st.outageCount[s],
      outageCountSquares: st.outageCountSquares[s],
      downtimeHours: st.downtimeHours[s],
      downtimeHoursSquares: st.downtimeHoursSquares[s],
      outageHours: st.outageHours[s],
      durationCounts: Array.from(st.durationCounts.subarray(s * DURATION_BIN_COUNT, (s + 1) * DURATION_BIN_COUNT)),
      outageHoursSquares: st.outageHoursSquares[s],
      outagesOver4Hours: st.over4[s],
      outagesOver15Hours: st.over15[s],
      longestOutageHours: st.longest[s],
      yearsWithoutOutage: st.quietYears[s],
      worstYearDowntimeHours: st.worstDowntime[s],
      worstYearOutages: st.worstOutages[s],
      durationQuantileCounts: Array.from(st.quantileCounts.subarray(s * QUANTILE_BIN_COUNT, (s + 1) * QUANTILE_BIN_COUNT)),
    });
  }
  return tallies;
}

function collectCrews(st: TimeState, years: number): TimeCrewTally[] {
  return Array.from({ length: st.p.crewCount }, (_, c) => ({
    years,
    jobs: st.crewJobs[c],
    waitedJobs: st.crewWaited[c],
    waitHours: st.crewWait[c],
    waitHoursSquares: st.crewWaitSquares[c],
    longestWaitHours: st.crewLongestWait[c],
    busyHours: st.crewBusyTotal[c],
    busyHoursSquares: st.crewBusySquares[c],
  }));
}

/**
 * Simulates one history of `years` consecutive years (after the parameters' warm-up) of a scenario on `model`.
 * Pure: the same (model, parameters, source, years) give the same numbers.
 * @param parameters prepareTimeParameters(model, scenario), possibly with a longer warm-up (a comparison gives both
 *   sides the same)
 * @param years simulated years, an integer >= 0
 */
export function simulateTimeHistory(
  model: CompiledModel,
  parameters: TimeParameters,
  source: TimeHistorySource,
  years: number,
): TimeHistory {
  if (!Number.isSafeInteger(years) || years < 0) throw new RangeError(`years must be a non-negative integer, got ${years}`);
  const st = createTimeState(model, parameters, source, years);
  precomputeSmallStates(st);
  st.down.fill(0);
  runHistory(st, years);
  return {
    services: collectServices(st, years),
    crews: collectCrews(st, years),
    yearDowntimeHours: st.perYearDowntime,
    yearOutages: st.perYearOutages,
  };
}
