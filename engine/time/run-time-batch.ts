// Discrete-event simulation of outages over independent simulated years: every element alternates up and down
// with exponential times, risk-group events come and go, and each service's state is re-evaluated after every
// change. One batch (a pure function of model, scenario, seed, batch index and year count) returns mergeable sums.
//
//   per year: stationary start ──> event loop (heap) ──> state change? ──> evaluate services ──> outage records
//             ──> year end at HOURS_PER_YEAR ──> look ahead until the year's last outages end ──> per-year sums

import { labelComponents } from '../evaluation/service-evaluator.ts';
import type { CompiledModel, CompiledScenario } from '../model.ts';
import { resolveServiceKinds, type CompiledService } from '../services/service-kinds.ts';
import type { ServiceKindDefinition } from '../services/service-kind.ts';
import { BatchFailure } from '../run-batch.ts';
import { createBatchStream, type UniformSource } from '../sampling/random-stream.ts';
import { createEventHeap, pushEvent, replaceTopEvent, type EventHeap } from './event-heap.ts';
import {
  DURATION_BIN_COUNT,
  findDurationBin,
  HOURS_PER_YEAR,
  MAX_RECORDED_OUTAGE_HOURS,
  type TimeBatchResult,
  type TimeServiceTally,
} from './time-batch-result.ts';
import { prepareTimeParameters, TIME_ALTERNATING, TIME_ALWAYS_ON, type TimeParameters } from './time-parameters.ts';

/** The scenario part of a time batch's stream name: createBatchStream(seed, timeStreamName(id), batchIndex). */
export function timeStreamName(scenarioId: string): string {
  return `time|${scenarioId}`;
}

/** Mutable state of the event loop; typed arrays allocated once per batch and reset per year with `fill`. */
interface TimeState {
  readonly model: CompiledModel;
  readonly parameters: TimeParameters;
  readonly random: UniformSource;
  readonly serviceCount: number;
  /** Each service's kind definition (looked up once per batch). */
  readonly kinds: readonly ServiceKindDefinition<CompiledService>[];
  readonly endpointCount: Int32Array;
  /** 1 when the element's own (independent) process is in its down phase. */
  readonly independentDown: Uint8Array;
  /** Number of active risk-group events (and forcing) holding the element down. */
  readonly heldCount: Int32Array;
  /** Effective state: independentDown or held; what the service evaluator reads. */
  readonly down: Uint8Array;
  readonly groupActive: Uint8Array;
  /** 1 when the member took its element down at the current event's start (released when the event ends). */
  readonly memberHit: Uint8Array;
  readonly heap: EventHeap;
  readonly parent: Int32Array;
  /** Service states of the all-up network and of each single-element failure (elementIndex * S + s). */
  readonly allUpState: Uint8Array;
  readonly singleDownState: Uint8Array;
  readonly evaluated: Uint8Array;
  readonly serviceDown: Uint8Array;
  readonly outageStart: Float64Array;
  /** 1 when the service's current outage started inside the year (it is counted and its duration recorded). */
  readonly outageCounted: Uint8Array;
  readonly yearOutages: Float64Array;
  readonly yearDowntime: Float64Array;
  readonly outageCount: Float64Array;
  readonly outageCountSquares: Float64Array;
  readonly downtimeHours: Float64Array;
  readonly downtimeHoursSquares: Float64Array;
  readonly outageHours: Float64Array;
  /** serviceIndex * DURATION_BIN_COUNT + bin. */
  readonly durationCounts: Float64Array;
  /** Number of effectively down elements, and the sum of their indices (the element itself when the count is 1). */
  downCount: number;
  downIndexSum: number;
  /** Services whose counted outage was still running at the year end. */
  pendingCount: number;
  pastYearEnd: boolean;
}

function createTimeState(model: CompiledModel, parameters: TimeParameters, random: UniformSource): TimeState {
  const serviceCount = model.services.length;
  const elementCount = model.elementCount;
  const kinds = resolveServiceKinds(model.services);
  return {
    model,
    parameters,
    random,
    serviceCount,
    kinds,
    endpointCount: Int32Array.from(model.services.map((service, s) => kinds[s].countEndpoints(service))),
    independentDown: new Uint8Array(elementCount),
    heldCount: new Int32Array(elementCount),
    down: new Uint8Array(elementCount),
    groupActive: new Uint8Array(model.groups.groupCount),
    memberHit: new Uint8Array(model.groups.memberElement.length),
    heap: createEventHeap(elementCount + model.groups.groupCount),
    parent: new Int32Array(model.topology.nodeCount),
    allUpState: new Uint8Array(serviceCount),
    singleDownState: new Uint8Array(elementCount * serviceCount),
    evaluated: new Uint8Array(serviceCount),
    serviceDown: new Uint8Array(serviceCount),
    outageStart: new Float64Array(serviceCount),
    outageCounted: new Uint8Array(serviceCount),
    yearOutages: new Float64Array(serviceCount),
    yearDowntime: new Float64Array(serviceCount),
    outageCount: new Float64Array(serviceCount),
    outageCountSquares: new Float64Array(serviceCount),
    downtimeHours: new Float64Array(serviceCount),
    downtimeHoursSquares: new Float64Array(serviceCount),
    outageHours: new Float64Array(serviceCount),
    durationCounts: new Float64Array(serviceCount * DURATION_BIN_COUNT),
    downCount: 0,
    downIndexSum: 0,
    pendingCount: 0,
    pastYearEnd: false,
  };
}

/** Exponential variate with the given mean (inversion; 1 - u is in (0, 1], so the logarithm is finite). */
function drawExponential(random: UniformSource, meanHours: number): number {
  return -meanHours * Math.log(1 - random());
}

/** Labels the network in `st.down` and writes each service's state (1 down) into `out` at `offset`. */
function evaluateFully(st: TimeState, out: Uint8Array, offset: number): void {
  const services = st.model.services;
  labelComponents(st.model, st.down, st.parent);
  for (let s = 0; s < st.serviceCount; s++) {
    out[offset + s] = st.kinds[s].countServed(services[s], st.down, st.parent) === st.endpointCount[s] ? 0 : 1;
  }
}

/**
 * Precomputes the service states of the all-up network and of every single failure of an element that can fail:
 * most of the time at most one element is down, so most evaluations become a table lookup.
 */
function precomputeSmallStates(st: TimeState): void {
  const down = st.down;
  down.fill(0);
  evaluateFully(st, st.allUpState, 0);
  const canFail = st.parameters.elementCanFail;
  for (let e = 0; e < st.model.elementCount; e++) {
    if (canFail[e] === 0) continue;
    down[e] = 1;
    evaluateFully(st, st.singleDownState, e * st.serviceCount);
    down[e] = 0;
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

/** Starts a risk-group event: each member fails with its conditional probability. True when a state changed. */
function startGroupEvent(st: TimeState, g: number): boolean {
  const groups = st.model.groups;
  const memberProbability = groups.memberFailureProbability;
  let changed = false;
  st.groupActive[g] = 1;
  for (let m = groups.memberStart[g]; m < groups.memberStart[g + 1]; m++) {
    if (st.random() < memberProbability[m]) {
      st.memberHit[m] = 1;
      if (holdElement(st, groups.memberElement[m])) changed = true;
    }
  }
  return changed;
}

function endGroupEvent(st: TimeState, g: number): boolean {
  const groups = st.model.groups;
  let changed = false;
  st.groupActive[g] = 0;
  for (let m = groups.memberStart[g]; m < groups.memberStart[g + 1]; m++) {
    if (st.memberHit[m] === 1) {
      st.memberHit[m] = 0;
      if (releaseElement(st, groups.memberElement[m])) changed = true;
    }
  }
  return changed;
}

/**
 * Draws the year's starting state from the stationary distribution: element e down with probability q_e, group
 * g active with probability p_g, and (exponential, memoryless) residual times with the current phase's mean, so
 * the year needs no warm-up.
 */
function startYear(st: TimeState): void {
  const p = st.parameters;
  const elementCount = st.model.elementCount;
  const groupCount = st.model.groups.groupCount;
  const random = st.random;
  const heap = st.heap;
  st.independentDown.fill(0);
  st.heldCount.fill(0);
  st.down.fill(0);
  st.groupActive.fill(0);
  st.memberHit.fill(0);
  st.downCount = 0;
  st.downIndexSum = 0;
  st.pendingCount = 0;
  st.pastYearEnd = false;
  heap.size = 0;
  for (let e = 0; e < elementCount; e++) {
    const mode = p.elementMode[e];
    if (mode === TIME_ALWAYS_ON) {
      st.independentDown[e] = 1;
      setEffective(st, e, 1);
    } else if (mode === TIME_ALTERNATING) {
      if (random() < p.elementUnavailability[e]) {
        st.independentDown[e] = 1;
        setEffective(st, e, 1);
        pushEvent(heap, e, drawExponential(random, p.elementDownHours[e]));
      } else {
        pushEvent(heap, e, drawExponential(random, p.elementUpHours[e]));
      }
    }
  }
  // A forced element is held down by a hold that is never released.
  for (let i = 0; i < p.forcedElements.length; i++) holdElement(st, p.forcedElements[i]);
  for (let g = 0; g < groupCount; g++) {
    const mode = p.groupMode[g];
    if (mode === TIME_ALWAYS_ON) {
      startGroupEvent(st, g);
    } else if (mode === TIME_ALTERNATING) {
      if (random() < p.groupProbability[g]) {
        startGroupEvent(st, g);
        pushEvent(heap, elementCount + g, drawExponential(random, p.groupActiveHours[g]));
      } else {
        pushEvent(heap, elementCount + g, drawExponential(random, p.groupQuietHours[g]));
      }
    }
  }
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
  const recorded = hours < MAX_RECORDED_OUTAGE_HOURS ? hours : MAX_RECORDED_OUTAGE_HOURS;
  st.outageHours[s] += recorded;
  st.durationCounts[s * DURATION_BIN_COUNT + findDurationBin(recorded)]++;
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
      // Outages starting after the year end belong to the next (unsimulated) year: not counted.
      if (!st.pastYearEnd) {
        st.outageCounted[s] = 1;
        st.yearOutages[s]++;
      } else st.outageCounted[s] = 0;
    } else {
      if (!st.pastYearEnd) st.yearDowntime[s] += t - st.outageStart[s];
      if (st.outageCounted[s] === 1) {
        st.outageCounted[s] = 0;
        recordDuration(st, s, t - st.outageStart[s]);
        if (st.pastYearEnd) st.pendingCount--;
      }
    }
  }
}

/** Year end: downtime up to HOURS_PER_YEAR; counted outages still running stay pending for the look-ahead. */
function closeYear(st: TimeState): void {
  st.pastYearEnd = true;
  for (let s = 0; s < st.serviceCount; s++) {
    if (st.serviceDown[s] === 0) continue;
    st.yearDowntime[s] += HOURS_PER_YEAR - st.outageStart[s];
    if (st.outageCounted[s] === 1) st.pendingCount++;
  }
}

/** Processes the earliest event; true when some element's effective state changed. */
function processNextEvent(st: TimeState, t: number): boolean {
  const heap = st.heap;
  const p = st.parameters;
  const elementCount = st.model.elementCount;
  const entity = heap.entity[0];
  if (entity < elementCount) {
    const e = entity;
    const nowDown = st.independentDown[e] ^ 1;
    st.independentDown[e] = nowDown;
    replaceTopEvent(heap, t + drawExponential(st.random, nowDown === 1 ? p.elementDownHours[e] : p.elementUpHours[e]));
    if (st.heldCount[e] > 0) return false;
    setEffective(st, e, nowDown);
    return true;
  }
  const g = entity - elementCount;
  if (st.groupActive[g] === 1) {
    replaceTopEvent(heap, t + drawExponential(st.random, p.groupQuietHours[g]));
    return endGroupEvent(st, g);
  }
  // Draw the duration before the member failures so the stream order is fixed per event.
  replaceTopEvent(heap, t + drawExponential(st.random, p.groupActiveHours[g]));
  return startGroupEvent(st, g);
}

/** Simulates one year (plus the look-ahead that finishes its last outages) and adds it to the sums. */
function simulateYear(st: TimeState): void {
  startYear(st);
  const serviceCount = st.serviceCount;
  st.yearOutages.fill(0);
  st.yearDowntime.fill(0);
  // State at the year start: an outage already running belongs to the previous year (not counted), but its
  // remaining downtime falls in this year.
  evaluateServices(st);
  for (let s = 0; s < serviceCount; s++) {
    st.serviceDown[s] = st.evaluated[s];
    st.outageStart[s] = 0;
    st.outageCounted[s] = 0;
  }
  const heap = st.heap;
  const horizon = HOURS_PER_YEAR + MAX_RECORDED_OUTAGE_HOURS;
  for (;;) {
    const t = heap.size > 0 ? heap.time[0] : Infinity;
    if (!st.pastYearEnd && t > HOURS_PER_YEAR) {
      closeYear(st);
      if (st.pendingCount === 0) break;
    }
    if (st.pastYearEnd && t > horizon) {
      // Censor outages still running at the horizon (they have lasted at least MAX_RECORDED_OUTAGE_HOURS).
      for (let s = 0; s < serviceCount; s++) {
        if (st.outageCounted[s] === 1) recordDuration(st, s, horizon - st.outageStart[s]);
      }
      break;
    }
    if (processNextEvent(st, t)) {
      updateServices(st, t);
      if (st.pastYearEnd && st.pendingCount === 0) break;
    }
  }
  for (let s = 0; s < serviceCount; s++) {
    const n = st.yearOutages[s];
    const d = st.yearDowntime[s];
    st.outageCount[s] += n;
    st.outageCountSquares[s] += n * n;
    st.downtimeHours[s] += d;
    st.downtimeHoursSquares[s] += d * d;
  }
}

function collectTallies(st: TimeState, years: number): TimeServiceTally[] {
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
    });
  }
  return tallies;
}

/**
 * Runs one batch of `years` independent simulated years of `scenario` and returns its sufficient statistics.
 *
 * Model: element e alternates up and down; down times ~ Exp(MTTR_e) (`model.elementRepairHours`, default 4 h),
 * up times ~ Exp(MTBF_e) with MTBF_e = MTTR_e (1 - q_e) / q_e, so its long-run down fraction is q_e (an
 * alternating renewal process; Barlow and Proschan 1975, ch. 7). q = 0: never fails; q = 1: down all year.
 * Risk group g alternates quiet ~ Exp(d (1 - p) / p) (events arrive at rate p / (d (1 - p)) while quiet) and
 * active ~ Exp(d) (`groups.eventDurationHours`, default 8 h), so an event is active a fraction p of the time; at
 * an event's start each member fails with its member probability and is held down until the event ends (and
 * until its own repair if it is independently down too). The per-instant state therefore has exactly the
 * steady-state distribution the crude sampler draws from.
 *
 * Conventions: years are independent and each starts in the stationary state. An outage counts in the year in
 * which it starts (one already running at the year start belongs to the previous year) and its full duration
 * is recorded, following it past the year end (censored at MAX_RECORDED_OUTAGE_HOURS); downtime is the time
 * down inside the year. So E[outages per year] = outage frequency x HOURS_PER_YEAR and E[downtime per year] =
 * unavailability x HOURS_PER_YEAR, both without bias.
 *
 * Scenario: probability overrides apply; forced elements are down all year; forced groups are active all year
 * (members drawn once per year); `randomFailures` false leaves only forced failures; attacks are ignored (a time
 * simulation of an adversary needs a model of when they strike, which scenarios do not carry).
 *
 * @param model compiled model; `elementRepairHours` and `groups.eventDurationHours` are optional
 * @param scenario a baseline-like scenario (see above)
 * @param seed study seed; the stream is createBatchStream(seed, `time|${scenario.id}`, batchIndex)
 * @param batchIndex dense batch index, >= 0
 * @param years simulated years in this batch, an integer >= 0
 * @param scenarioIndex index of the scenario in its plan, recorded in the result (default 0)
 * @throws BatchFailure (with seed and batch index) when the simulation fails; RangeError on invalid parameters
 */
export function runTimeBatch(
  model: CompiledModel,
  scenario: CompiledScenario,
  seed: string,
  batchIndex: number,
  years: number,
  scenarioIndex = 0,
): TimeBatchResult {
  if (!Number.isSafeInteger(years) || years < 0)
    throw new RangeError(`years must be a non-negative integer, got ${years}`);
  if (!Number.isSafeInteger(batchIndex) || batchIndex < 0)
    throw new RangeError(`batchIndex must be a non-negative integer, got ${batchIndex}`);
  const parameters = prepareTimeParameters(model, scenario);
  const random = createBatchStream(seed, timeStreamName(scenario.id), batchIndex);
  const st = createTimeState(model, parameters, random);
  try {
    precomputeSmallStates(st);
    for (let y = 0; y < years; y++) simulateYear(st);
  } catch (error) {
    throw new BatchFailure(
      `time simulation failed: ${error instanceof Error ? error.message : String(error)}`,
      seed,
      scenario.id,
      batchIndex,
      { cause: error },
    );
  }
  return { scenarioIndex, scenarioId: scenario.id, batchIndex, sampleCount: years, services: collectTallies(st, years) };
}
