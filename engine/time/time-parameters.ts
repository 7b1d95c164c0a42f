// Per-batch preparation of the time simulation's rates: turns a model's steady-state probabilities plus repair and
// event durations into mean up and down times, once per batch, outside the event loop.

import type { CompiledModel, CompiledScenario } from '../model.ts';

/** Mean time to repair in hours when the model carries none (`elementRepairHours` absent). */
export const DEFAULT_TIME_REPAIR_HOURS = 4;
/** Mean risk-group event duration in hours when the model carries none (`groups.eventDurationHours` absent). */
export const DEFAULT_TIME_EVENT_HOURS = 8;

/** How an element or a risk-group event behaves over time. */
export const TIME_STATIC_OFF = 0;
/** Alternates between up and down (element) or quiet and active (group). */
export const TIME_ALTERNATING = 1;
/** Down (element) or active (group) for the whole year. */
export const TIME_ALWAYS_ON = 2;

/** The rates of one scenario as the event loop reads them: flat arrays, one entry per element or group. */
export interface TimeParameters {
  /** TIME_STATIC_OFF (never fails: q = 0), TIME_ALTERNATING (0 < q < 1) or TIME_ALWAYS_ON (q = 1). */
  readonly elementMode: Uint8Array;
  /** Steady-state unavailability q per element, in [0, 1]. */
  readonly elementUnavailability: Float64Array;
  /** Mean down time (MTTR) in hours per element, > 0. */
  readonly elementDownHours: Float64Array;
  /** Mean up time (MTBF) in hours per element: MTTR (1 - q) / q, so the long-run down fraction is q. */
  readonly elementUpHours: Float64Array;
  /** Elements held down all year (forced by the scenario). */
  readonly forcedElements: Uint32Array;
  /** TIME_STATIC_OFF (p = 0), TIME_ALTERNATING (0 < p < 1) or TIME_ALWAYS_ON (p = 1 or forced). */
  readonly groupMode: Uint8Array;
  /** Event probability p per group: the long-run fraction of time an event is active, in [0, 1]. */
  readonly groupProbability: Float64Array;
  /** Mean event duration d in hours per group, > 0. */
  readonly groupActiveHours: Float64Array;
  /** Mean time between events d (1 - p) / p in hours: events arrive at rate p / (d (1 - p)) while quiet. */
  readonly groupQuietHours: Float64Array;
  /** 1 when the element can ever be down (so its single-failure service state is worth precomputing). */
  readonly elementCanFail: Uint8Array;
}

function checkProbability(value: number, what: string): void {
  if (!(value >= 0 && value <= 1)) throw new RangeError(`${what} must be a probability in [0, 1], got ${value}`);
}

function checkHours(value: number, what: string): void {
  if (!(value > 0 && Number.isFinite(value)))
    throw new RangeError(`${what} must be a positive finite number of hours, got ${value}`);
}

/**
 * Prepares the rates of `scenario` on `model`. Uses the scenario's probability overrides; without random
 * failures (`randomFailures` false) only forced elements and groups apply. Attacks are ignored (see runTimeBatch).
 * @throws RangeError when a probability is outside [0, 1] or a duration is not positive
 */
export function prepareTimeParameters(model: CompiledModel, scenario: CompiledScenario): TimeParameters {
  const elementCount = model.elementCount;
  const groups = model.groups;
  const groupCount = groups.groupCount;
  const random = scenario.randomFailures;
  const q = scenario.elementFailureProbability ?? model.elementFailureProbability;
  const eventProbability = scenario.groupEventProbability ?? groups.eventProbability;

  const elementMode = new Uint8Array(elementCount);
  const elementUnavailability = new Float64Array(elementCount);
  const elementDownHours = new Float64Array(elementCount);
  const elementUpHours = new Float64Array(elementCount).fill(Infinity);
  const elementCanFail = new Uint8Array(elementCount);
  for (let e = 0; e < elementCount; e++) {
    const qe = random ? q[e] : 0;
    checkProbability(qe, `element ${e} failure probability`);
    const mttr = model.elementRepairHours?.[e] ?? DEFAULT_TIME_REPAIR_HOURS;
    checkHours(mttr, `element ${e} repair time`);
    elementUnavailability[e] = qe;
    elementDownHours[e] = mttr;
    if (qe >= 1) {
      elementMode[e] = TIME_ALWAYS_ON;
      elementCanFail[e] = 1;
    } else if (qe > 0) {
      elementMode[e] = TIME_ALTERNATING;
      elementUpHours[e] = (mttr * (1 - qe)) / qe;
      elementCanFail[e] = 1;
    }
  }
  const forcedElements = Uint32Array.from(scenario.forcedElements);
  for (let i = 0; i < forcedElements.length; i++) elementCanFail[forcedElements[i]] = 1;

  const groupMode = new Uint8Array(groupCount);
  const groupProbability = new Float64Array(groupCount);
  const groupActiveHours = new Float64Array(groupCount);
  const groupQuietHours = new Float64Array(groupCount).fill(Infinity);
  const forcedGroup = new Uint8Array(groupCount);
  for (let i = 0; i < scenario.forcedGroups.length; i++) forcedGroup[scenario.forcedGroups[i]] = 1;
  for (let g = 0; g < groupCount; g++) {
    const p = forcedGroup[g] === 1 ? 1 : random ? eventProbability[g] : 0;
    checkProbability(p, `risk group ${g} event probability`);
    const d = groups.eventDurationHours?.[g] ?? DEFAULT_TIME_EVENT_HOURS;
    checkHours(d, `risk group ${g} event duration`);
    groupProbability[g] = p;
    groupActiveHours[g] = d;
    if (p >= 1) groupMode[g] = TIME_ALWAYS_ON;
    else if (p > 0) {
      groupMode[g] = TIME_ALTERNATING;
      groupQuietHours[g] = (d * (1 - p)) / p;
    }
    if (p > 0) {
      for (let m = groups.memberStart[g]; m < groups.memberStart[g + 1]; m++) {
        checkProbability(groups.memberFailureProbability[m], `risk group ${g} member failure probability`);
        if (groups.memberFailureProbability[m] > 0) elementCanFail[groups.memberElement[m]] = 1;
      }
    }
  }
  return {
    elementMode,
    elementUnavailability,
    elementDownHours,
    elementUpHours,
    forcedElements,
    groupMode,
    groupProbability,
    groupActiveHours,
    groupQuietHours,
    elementCanFail,
  };
}

/**
 * The longest mean down phase (repair time or event duration, hours) of any element or group that alternates;
 * 0 when nothing does. Used as an approximate bound on a service's mean outage duration when none was observed.
 */
export function findLongestMeanDownHours(parameters: TimeParameters): number {
  let longest = 0;
  parameters.elementMode.forEach((mode, e) => {
    if (mode === TIME_ALTERNATING) longest = Math.max(longest, parameters.elementDownHours[e]);
  });
  parameters.groupMode.forEach((mode, g) => {
    if (mode === TIME_ALTERNATING) longest = Math.max(longest, parameters.groupActiveHours[g]);
  });
  return longest;
}
