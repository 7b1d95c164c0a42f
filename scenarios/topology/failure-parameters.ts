// Turns a failure-parameter block (availability, failureProbability, mtbf+mttr, cutRate+repairTime, timeToFailure
// with a repair time) into a steady-state failure probability, and the time simulation's distributions: the repair
// time (mttr, repairTime or timeToRepair) and the shape of the time to failure. Alternating renewal process:
// unavailability = MTTR / (MTBF + MTTR) for any distributions (renewal-reward theorem).

import type { TimeDistribution, TimeDistributionName } from '../../engine/index.ts';
import { MESSAGES } from '../messages.ts';
import { parseQuantity } from '../quantity.ts';
import { resolveTimeDistribution } from './time-fields.ts';
import type { FailureParameters } from './topology-schema.ts';

/** Hours in a mean Julian year (365.25 days). */
export const HOURS_PER_YEAR = 8766;

/** The shape of a time-to-failure distribution; its mean follows from q and the repair time. */
export interface FailureShape {
  readonly kind: TimeDistributionName;
  readonly shape: number;
}

export type FailureOutcome =
  | { readonly kind: 'none' }
  | {
      readonly kind: 'ok';
      readonly failureProbability: number;
      /** Mean time to repair (or event duration) in hours when the parameters give one, else null. */
      readonly repairHours?: number | null;
      /** The repair-time distribution when the parameters give one (mttr, repairTime: exponential), else null. */
      readonly repair?: TimeDistribution | null;
      /** The time-to-failure distribution's kind and shape when given (timeToFailure), else null: exponential. */
      readonly failure?: FailureShape | null;
    }
  | { readonly kind: 'error'; readonly field: string; readonly message: string };

const MODEL_FIELDS = ['failureProbability', 'availability', 'mtbf', 'cutRate', 'timeToFailure'] as const;

type RepairOutcome =
  | { readonly kind: 'ok'; readonly repair: TimeDistribution | null; readonly field: string | null }
  | { readonly kind: 'error'; readonly field: string; readonly message: string };

/** Joins a nested path of a distribution error to its field, e.g. `timeToRepair.sigma`. */
function fieldPath(field: string, path: ReadonlyArray<string | number>): string {
  return [field, ...path].join('.');
}

/**
 * The repair-time distribution of a block: `timeToRepair`, or `mttr` (exponential), or `repairTime` (exponential,
 * with cutRate); null when none is given or it is 0. Two of them are an error.
 */
function resolveRepair(params: FailureParameters): RepairOutcome {
  const given = (['timeToRepair', 'mttr', 'repairTime'] as const).filter((f) => params[f] !== undefined);
  if (given.length > 1) {
    return { kind: 'error', field: given[1], message: `give one repair time, not several: ${given.join(', ')}` };
  }
  if (params.timeToRepair !== undefined) {
    const outcome = resolveTimeDistribution(params.timeToRepair);
    if (outcome.kind === 'error') return { kind: 'error', field: fieldPath('timeToRepair', outcome.path), message: outcome.message };
    return { kind: 'ok', repair: outcome.distribution, field: 'timeToRepair' };
  }
  const field = params.mttr !== undefined ? 'mttr' : params.repairTime !== undefined ? 'repairTime' : null;
  if (field === null) return { kind: 'ok', repair: null, field: null };
  const raw = params[field];
  const parsed = parseQuantity(raw, 'duration');
  if (parsed.kind === 'error') return { kind: 'error', field, message: parsed.message };
  if (!(parsed.value >= 0)) return { kind: 'error', field, message: MESSAGES.expected('a duration >= 0', raw) };
  // A zero repair time gives q = 0; it has no distribution (the time simulation never repairs such an element).
  return { kind: 'ok', repair: parsed.value > 0 ? { kind: 'exponential', meanHours: parsed.value, shape: 0 } : null, field };
}

/** The repair mean as the static formulas read it: the quantity itself for mttr/repairTime (bit-identical q). */
function repairMean(repair: TimeDistribution | null): number {
  return repair?.meanHours ?? 0;
}

/**
 * Steady-state probability of being down from one parameter block, with the time simulation's distributions.
 * @param lengthKm the link's length, needed by cutRate (null for nodes or unknown)
 * @param medium the link's medium, or null for nodes
 */
export function resolveFailureProbability(
  params: FailureParameters,
  lengthKm: number | null,
  medium: string | null,
): FailureOutcome {
  const present = MODEL_FIELDS.filter((f) => params[f] !== undefined);
  if (present.length === 0) {
    if (params.mttr !== undefined) return { kind: 'error', field: 'mttr', message: MESSAGES.pairedField('mttr', 'mtbf') };
    if (params.repairTime !== undefined) {
      return { kind: 'error', field: 'repairTime', message: MESSAGES.pairedField('repairTime', 'cutRate') };
    }
    if (params.timeToRepair !== undefined) {
      return {
        kind: 'error',
        field: 'timeToRepair',
        message: 'timeToRepair needs a failure model as well (mtbf, cutRate, timeToFailure, availability or failureProbability)',
      };
    }
    return { kind: 'none' };
  }
  if (present.length > 1) return { kind: 'error', field: present[1], message: MESSAGES.oneFailureModel(present) };
  const model = present[0];
  if (params.repairTime !== undefined && model !== 'cutRate') {
    return { kind: 'error', field: 'repairTime', message: MESSAGES.pairedField('repairTime', 'cutRate') };
  }
  const repairOutcome = resolveRepair(params);
  if (repairOutcome.kind === 'error') return repairOutcome;
  const repair = repairOutcome.repair;
  switch (model) {
    case 'failureProbability':
    case 'availability': {
      // The repair time (mttr or timeToRepair) only shapes the time simulation; q is as given.
      const failureProbability = model === 'failureProbability' ? (params.failureProbability ?? 0) : 1 - (params.availability ?? 1);
      return { kind: 'ok', failureProbability, repairHours: repair?.meanHours ?? null, repair, failure: null };
    }
    case 'mtbf': {
      if (repairOutcome.field === null) return { kind: 'error', field: 'mtbf', message: MESSAGES.pairedField('mtbf', 'mttr') };
      const mtbf = parseQuantity(params.mtbf, 'duration');
      if (mtbf.kind === 'error') return { kind: 'error', field: 'mtbf', message: mtbf.message };
      if (!(mtbf.value > 0)) return { kind: 'error', field: 'mtbf', message: MESSAGES.expected('a positive duration', params.mtbf) };
      const mttr = repairMean(repair);
      return { kind: 'ok', failureProbability: mttr / (mtbf.value + mttr), repairHours: mttr, repair, failure: null };
    }
    case 'cutRate': {
      if (medium !== null && medium !== 'fibre') return { kind: 'error', field: 'cutRate', message: MESSAGES.cutRateFibreOnly(medium) };
      if (repairOutcome.field === null) {
        return { kind: 'error', field: 'cutRate', message: MESSAGES.pairedField('cutRate', 'repairTime') };
      }
      const rate = parseQuantity(params.cutRate, 'ratePerKmYear');
      if (rate.kind === 'error') return { kind: 'error', field: 'cutRate', message: rate.message };
      if (!(rate.value >= 0)) return { kind: 'error', field: 'cutRate', message: MESSAGES.expected('a rate >= 0', params.cutRate) };
      if (lengthKm === null) return { kind: 'error', field: 'cutRate', message: MESSAGES.cutRateNeedsLength() };
      const repairHours = repairMean(repair);
      // Cuts per year on this link times the repair time in years: the mean down time per up time.
      const downPerUp = rate.value * lengthKm * (repairHours / HOURS_PER_YEAR);
      return { kind: 'ok', failureProbability: downPerUp / (1 + downPerUp), repairHours, repair, failure: null };
    }
    case 'timeToFailure': {
      if (repairOutcome.field === null) {
        return { kind: 'error', field: 'timeToFailure', message: MESSAGES.pairedField('timeToFailure', 'mttr or timeToRepair') };
      }
      const outcome = resolveTimeDistribution(params.timeToFailure);
      if (outcome.kind === 'error') return { kind: 'error', field: fieldPath('timeToFailure', outcome.path), message: outcome.message };
      const mttf = outcome.distribution.meanHours;
      const mttr = repairMean(repair);
      return {
        kind: 'ok',
        failureProbability: mttr / (mttf + mttr),
        repairHours: mttr,
        repair,
        failure: { kind: outcome.distribution.kind, shape: outcome.distribution.shape },
      };
    }
  }
}

/** The outcome of a risk group's event parameters: its probability and its duration distribution. */
export type EventOutcome =
  | {
      readonly kind: 'ok';
      readonly failureProbability: number;
      /** The event-duration distribution when `duration` is given (with rate), else null. */
      readonly duration: TimeDistribution | null;
    }
  | { readonly kind: 'error'; readonly field: string; readonly message: string };

/**
 * Event probability of a risk group from `probability`, or `rate` (per year) and `duration` (a quantity: the mean
 * of an exponential, or a distribution; its mean enters p = r d / (1 + r d)).
 */
export function resolveEventProbability(group: {
  probability?: number | undefined;
  rate?: number | string | undefined;
  duration?: unknown;
}): EventOutcome {
  const hasRate = group.rate !== undefined || group.duration !== undefined;
  if (group.probability !== undefined && hasRate) {
    return { kind: 'error', field: 'probability', message: MESSAGES.riskGroupProbability() };
  }
  if (group.probability !== undefined) return { kind: 'ok', failureProbability: group.probability, duration: null };
  if (!hasRate) return { kind: 'error', field: 'probability', message: MESSAGES.riskGroupProbability() };
  if (group.rate === undefined) return { kind: 'error', field: 'duration', message: MESSAGES.pairedField('duration', 'rate') };
  if (group.duration === undefined) return { kind: 'error', field: 'rate', message: MESSAGES.pairedField('rate', 'duration') };
  const rate = parseQuantity(group.rate, 'ratePerYear');
  if (rate.kind === 'error') return { kind: 'error', field: 'rate', message: rate.message };
  if (!(rate.value >= 0)) return { kind: 'error', field: 'rate', message: MESSAGES.expected('a rate >= 0', group.rate) };
  let durationHours: number;
  let duration: TimeDistribution | null;
  if (typeof group.duration === 'number' || typeof group.duration === 'string') {
    const parsed = parseQuantity(group.duration, 'duration');
    if (parsed.kind === 'error') return { kind: 'error', field: 'duration', message: parsed.message };
    if (!(parsed.value >= 0)) return { kind: 'error', field: 'duration', message: MESSAGES.expected('a duration >= 0', group.duration) };
    durationHours = parsed.value;
    duration = parsed.value > 0 ? { kind: 'exponential', meanHours: parsed.value, shape: 0 } : null;
  } else {
    const outcome = resolveTimeDistribution(group.duration);
    if (outcome.kind === 'error') return { kind: 'error', field: fieldPath('duration', outcome.path), message: outcome.message };
    durationHours = outcome.distribution.meanHours;
    duration = outcome.distribution;
  }
  const activePerIdle = rate.value * (durationHours / HOURS_PER_YEAR);
  return { kind: 'ok', failureProbability: activePerIdle / (1 + activePerIdle), duration };
}
