// Per-batch preparation of the time simulation: turns a model's steady-state probabilities, its time distributions,
// crews and group recovery, and a scenario's overrides and forcing into flat arrays the event loop reads, once per
// batch, outside the loop.

import type { CompiledModel, CompiledScenario } from '../model.ts';
import { RECOVERY_CREWS, RECOVERY_STAGGERED, RECOVERY_TOGETHER } from './group-recovery.ts';
import { checkTimeDistribution, EXPONENTIAL_CODE } from './time-distribution.ts';

/** Mean time to repair in hours when the model carries none (`elementRepairHours` absent). */
export const DEFAULT_TIME_REPAIR_HOURS = 4;
/** Mean risk-group event duration in hours when the model carries none (`groups.eventDurationHours` absent). */
export const DEFAULT_TIME_EVENT_HOURS = 8;

/** Hours in a simulated year (365.25 days), as HOURS_PER_YEAR of time-batch-result.ts. */
const YEAR_HOURS = 8766;

/**
 * Shortest warm-up before the first simulated year of a batch, in hours (30 days). The start state is drawn from the
 * stationary distribution of independent components; crew queues and staggered recoveries settle during the warm-up.
 */
export const MIN_WARM_UP_HOURS = 720;

/** How an element or a risk-group event behaves over time. */
export const TIME_NEVER = 0;
/** Alternates between up and down (element) or quiet and active (group). */
export const TIME_ALTERNATING = 1;
/** Down (element) or active (group) for ever (q = 1 or p = 1). */
export const TIME_ALWAYS_ON = 2;

/** The rates of one scenario as the event loop reads them: flat arrays, one entry per element, group or crew. */
export interface TimeParameters {
  /** TIME_NEVER (q = 0 and not forced by arrivals), TIME_ALTERNATING or TIME_ALWAYS_ON (q = 1). */
  readonly elementMode: Uint8Array;
  /** Time to failure per element: distribution code, mean in hours (Infinity when it never fails) and shape. */
  readonly elementUpKind: Uint8Array;
  readonly elementUpHours: Float64Array;
  readonly elementUpShape: Float64Array;
  /** Repair (work) time per element: code, mean in hours (> 0) and shape. */
  readonly elementRepairKind: Uint8Array;
  readonly elementRepairHours: Float64Array;
  readonly elementRepairShape: Float64Array;
  /** Crew per element, or -1 (repairs start at once). */
  readonly elementCrew: Int32Array;
  /** Probability that an alternating element is down at a random instant, ignoring crew queues. */
  readonly elementStartDown: Float64Array;
  /** 1 when the element can ever be down (its single-failure service state is worth precomputing). */
  readonly elementCanFail: Uint8Array;
  /** Elements and groups forced by the scenario. */
  readonly forcedElements: Uint32Array;
  readonly forcedGroups: Uint32Array;
  /** True when forced elements fail and forced groups start at time 0 of every simulated year. */
  readonly forcedAtYearStart: boolean;
  /**
   * True when forced elements are down and forced groups' events in progress all the time (forcing 'throughout'):
   * the elements and groups are TIME_ALWAYS_ON, and a group's hit members are drawn anew at every year's start.
   */
  readonly forcedThroughout: boolean;
  /** TIME_NEVER (p = 0 and not forced), TIME_ALTERNATING or TIME_ALWAYS_ON (p = 1). */
  readonly groupMode: Uint8Array;
  /** Probability that an alternating group's event is active at a random instant (the static p). */
  readonly groupProbability: Float64Array;
  /** Mean quiet time between events in hours (exponential: Poisson arrivals); Infinity when none arrive. */
  readonly groupQuietHours: Float64Array;
  /** Event duration (crews recovery: each member's work time): code, mean in hours (> 0), shape. */
  readonly groupDurationKind: Uint8Array;
  readonly groupDurationHours: Float64Array;
  readonly groupDurationShape: Float64Array;
  /** Recovery mode, staggered period (hours) and recovery crew (or -1) per group (engine/time/group-recovery.ts). */
  readonly groupRecovery: Uint8Array;
  readonly groupRecoveryHours: Float64Array;
  readonly groupRecoveryCrew: Int32Array;
  readonly crewCount: number;
  readonly crewSize: Uint32Array;
  readonly crewResponseKind: Uint8Array;
  readonly crewResponseHours: Float64Array;
  readonly crewResponseShape: Float64Array;
  /** Hours simulated before the first counted year: MIN_WARM_UP_HOURS up to a year (see findWarmUpHours). */
  readonly warmUpHours: number;
}

function checkProbability(value: number, what: string): void {
  if (!(value >= 0 && value <= 1)) throw new RangeError(`${what} must be a probability in [0, 1], got ${value}`);
}

function checkDistribution(code: number, meanHours: number, shape: number, what: string): void {
  const problem = checkTimeDistribution(code, meanHours, shape);
  if (problem !== null) throw new RangeError(`${what}: ${problem}`);
}

/**
 * Prepares the rates of `scenario` on `model`. Uses the scenario's probability overrides and its forcing (`timeForcing`,
 * default 'start'); without random failures
 * (`randomFailures` false) only the forced elements and groups fail. Attacks are ignored (see runTimeBatch).
 *
 * An alternating element's mean time to failure is MTTR (1 - q) / q with MTTR its mean repair (work) time, so that
 * its long-run down fraction with repairs starting at once is q, the static probability, for any distributions
 * (renewal-reward theorem; Barlow and Proschan 1975, ch. 7). A group's events arrive at rate p / (d (1 - p)) per hour
 * while quiet (d its mean duration), so that with recovery together an event is active a fraction p of the time.
 *
 * @throws RangeError when a probability is outside [0, 1] or a time is not a valid distribution
 */
export function prepareTimeParameters(model: CompiledModel, scenario: CompiledScenario): TimeParameters {
  const elementCount = model.elementCount;
  const groups = model.groups;
  const groupCount = groups.groupCount;
  const time = model.time;
  const random = scenario.randomFailures;
  const q = scenario.elementFailureProbability ?? model.elementFailureProbability;
  const eventProbability = scenario.groupEventProbability ?? groups.eventProbability;
  const forcing = scenario.timeForcing ?? { kind: 'start' };
  const arrivalHours = forcing.kind === 'arrivals' ? YEAR_HOURS / forcing.eventsPerYear : Infinity;
  if (forcing.kind === 'arrivals' && !(arrivalHours > 0 && Number.isFinite(arrivalHours)))
    throw new RangeError(`forced events per year must be positive and finite, got ${forcing.eventsPerYear}`);

  const crews = time?.crews;
  const crewCount = crews?.crewCount ?? 0;
  const crewSize = Uint32Array.from(crews?.size ?? []);
  const crewResponseKind = Uint8Array.from(crews?.responseKind ?? []);
  const crewResponseHours = Float64Array.from(crews?.responseMeanHours ?? []);
  const crewResponseShape = Float64Array.from(crews?.responseShape ?? []);
  for (let c = 0; c < crewCount; c++) {
    if (!(crewSize[c] >= 1)) throw new RangeError(`crew ${c} must have at least one member, got ${crewSize[c]}`);
    if (crewResponseHours[c] !== 0) {
      checkDistribution(crewResponseKind[c], crewResponseHours[c], crewResponseShape[c], `crew ${c} response time`);
    }
  }
  const checkCrew = (c: number, what: string): void => {
    if (c !== -1 && !(Number.isInteger(c) && c >= 0 && c < crewCount))
      throw new RangeError(`${what} names crew ${c}, the model has ${crewCount}`);
  };

  const forcedElement = new Uint8Array(elementCount);
  for (const e of scenario.forcedElements) forcedElement[e] = 1;
  const elementMode = new Uint8Array(elementCount);
  const elementUpKind = new Uint8Array(elementCount);
  const elementUpHours = new Float64Array(elementCount).fill(Infinity);
  const elementUpShape = new Float64Array(elementCount);
  const elementRepairKind = new Uint8Array(elementCount);
  const elementRepairHours = new Float64Array(elementCount);
  const elementRepairShape = new Float64Array(elementCount);
  const elementCrew = new Int32Array(elementCount).fill(-1);
  const elementStartDown = new Float64Array(elementCount);
  const elementCanFail = new Uint8Array(elementCount);
  for (let e = 0; e < elementCount; e++) {
    const qe = random ? q[e] : 0;
    checkProbability(qe, `element ${e} failure probability`);
    const repairKind = time?.elementRepairKind[e] ?? EXPONENTIAL_CODE;
    const repairShape = time?.elementRepairShape[e] ?? 0;
    const mttr = model.elementRepairHours?.[e] ?? DEFAULT_TIME_REPAIR_HOURS;
    checkDistribution(repairKind, mttr, repairShape, `element ${e} repair time`);
    elementRepairKind[e] = repairKind;
    elementRepairHours[e] = mttr;
    elementRepairShape[e] = repairShape;
    const crew = time?.elementCrew[e] ?? -1;
    checkCrew(crew, `element ${e}`);
    elementCrew[e] = crew;
    elementUpKind[e] = time?.elementFailureKind[e] ?? EXPONENTIAL_CODE;
    elementUpShape[e] = time?.elementFailureShape[e] ?? 0;
    if (qe >= 1 || (forcedElement[e] === 1 && forcing.kind === 'throughout')) {
      elementMode[e] = TIME_ALWAYS_ON;
    } else if (forcedElement[e] === 1 && forcing.kind === 'arrivals') {
      // The forced element fails as a Poisson process at the scenario's rate instead of its own.
      elementMode[e] = TIME_ALTERNATING;
      elementUpKind[e] = EXPONENTIAL_CODE;
      elementUpShape[e] = 0;
      elementUpHours[e] = arrivalHours;
    } else if (qe > 0) {
      elementMode[e] = TIME_ALTERNATING;
      elementUpHours[e] = (mttr * (1 - qe)) / qe;
      checkDistribution(elementUpKind[e], elementUpHours[e], elementUpShape[e], `element ${e} time to failure`);
    }
    if (elementMode[e] === TIME_ALTERNATING) {
      const down = mttr + (crew >= 0 ? crewResponseHours[crew] : 0);
      elementStartDown[e] = down / (elementUpHours[e] + down);
    }
    if (elementMode[e] !== TIME_NEVER || forcedElement[e] === 1) elementCanFail[e] = 1;
  }

  const forcedGroup = new Uint8Array(groupCount);
  for (const g of scenario.forcedGroups) forcedGroup[g] = 1;
  const groupMode = new Uint8Array(groupCount);
  const groupProbability = new Float64Array(groupCount);
  const groupQuietHours = new Float64Array(groupCount).fill(Infinity);
  const groupDurationKind = new Uint8Array(groupCount);
  const groupDurationHours = new Float64Array(groupCount);
  const groupDurationShape = new Float64Array(groupCount);
  const groupRecovery = new Uint8Array(groupCount);
  const groupRecoveryHours = new Float64Array(groupCount);
  const groupRecoveryCrew = new Int32Array(groupCount).fill(-1);
  for (let g = 0; g < groupCount; g++) {
    const p = random ? eventProbability[g] : 0;
    checkProbability(p, `risk group ${g} event probability`);
    const d = groups.eventDurationHours?.[g] ?? DEFAULT_TIME_EVENT_HOURS;
    groupDurationKind[g] = time?.groupDurationKind[g] ?? EXPONENTIAL_CODE;
    groupDurationShape[g] = time?.groupDurationShape[g] ?? 0;
    groupDurationHours[g] = d;
    checkDistribution(groupDurationKind[g], d, groupDurationShape[g], `risk group ${g} event duration`);
    const recovery = time?.groupRecovery[g] ?? RECOVERY_TOGETHER;
    if (recovery !== RECOVERY_TOGETHER && recovery !== RECOVERY_STAGGERED && recovery !== RECOVERY_CREWS)
      throw new RangeError(`risk group ${g} has an unknown recovery mode ${recovery}`);
    groupRecovery[g] = recovery;
    groupRecoveryHours[g] = time?.groupRecoveryHours[g] ?? 0;
    if (!(groupRecoveryHours[g] >= 0 && Number.isFinite(groupRecoveryHours[g])))
      throw new RangeError(`risk group ${g} recovery period must be >= 0 hours, got ${groupRecoveryHours[g]}`);
    groupRecoveryCrew[g] = time?.groupRecoveryCrew[g] ?? -1;
    checkCrew(groupRecoveryCrew[g], `risk group ${g} recovery`);
    groupProbability[g] = p;
    if (forcedGroup[g] === 1 && forcing.kind === 'arrivals') {
      groupMode[g] = TIME_ALTERNATING;
      groupQuietHours[g] = arrivalHours;
    } else if (p >= 1 || (forcedGroup[g] === 1 && forcing.kind === 'throughout')) {
      groupMode[g] = TIME_ALWAYS_ON;
    } else if (p > 0) {
      groupMode[g] = TIME_ALTERNATING;
      groupQuietHours[g] = (d * (1 - p)) / p;
    }
    if (groupMode[g] !== TIME_NEVER || forcedGroup[g] === 1) {
      for (let m = groups.memberStart[g]; m < groups.memberStart[g + 1]; m++) {
        checkProbability(groups.memberFailureProbability[m], `risk group ${g} member failure probability`);
        if (groups.memberFailureProbability[m] > 0) elementCanFail[groups.memberElement[m]] = 1;
      }
    }
  }
  const parameters = {
    elementMode,
    elementUpKind,
    elementUpHours,
    elementUpShape,
    elementRepairKind,
    elementRepairHours,
    elementRepairShape,
    elementCrew,
    elementStartDown,
    elementCanFail,
    forcedElements: Uint32Array.from(scenario.forcedElements),
    forcedGroups: Uint32Array.from(scenario.forcedGroups),
    forcedAtYearStart: forcing.kind === 'start',
    forcedThroughout: forcing.kind === 'throughout',
    groupMode,
    groupProbability,
    groupQuietHours,
    groupDurationKind,
    groupDurationHours,
    groupDurationShape,
    groupRecovery,
    groupRecoveryHours,
    groupRecoveryCrew,
    crewCount,
    crewSize,
    crewResponseKind,
    crewResponseHours,
    crewResponseShape,
    warmUpHours: 0,
  };
  return { ...parameters, warmUpHours: findWarmUpHours(parameters) };
}

/**
 * The longest mean down phase (hours) of anything that can fail: an element's repair plus its crew's response, a
 * group's event duration plus its staggered recovery or its crews' response; 0 when nothing can fail. An approximate
 * bound on a service's mean outage duration when none was observed.
 */
export function findLongestMeanDownHours(parameters: Omit<TimeParameters, 'warmUpHours'>): number {
  let longest = 0;
  const response = (c: number): number => (c >= 0 ? parameters.crewResponseHours[c] : 0);
  parameters.elementCanFail.forEach((canFail, e) => {
    if (canFail === 1) {
      longest = Math.max(longest, parameters.elementRepairHours[e] + response(parameters.elementCrew[e]));
    }
  });
  parameters.groupMode.forEach((mode, g) => {
    if (mode === TIME_NEVER && !parameters.forcedGroups.includes(g)) return;
    let down = parameters.groupDurationHours[g];
    if (parameters.groupRecovery[g] === RECOVERY_CREWS) {
      const crew = parameters.groupRecoveryCrew[g];
      down += crew >= 0 ? response(crew) : Math.max(0, ...Array.from(parameters.crewResponseHours));
    }
    longest = Math.max(longest, down);
  });
  return longest;
}

/**
 * The warm-up before the first counted year: five times the longest mean down phase (so crew queues and staggered
 * recoveries started from the independent-components start state have settled), at least MIN_WARM_UP_HOURS and at
 * most a year.
 */
export function findWarmUpHours(parameters: Omit<TimeParameters, 'warmUpHours'>): number {
  return Math.min(YEAR_HOURS, Math.max(MIN_WARM_UP_HOURS, 5 * findLongestMeanDownHours(parameters)));
}
