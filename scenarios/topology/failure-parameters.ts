// Turns a failure-parameter block (availability, failureProbability, mtbf+mttr, cutRate+repairTime) into a
// steady-state failure probability. Alternating renewal process: unavailability = MTTR / (MTBF + MTTR).

import { MESSAGES } from '../messages.ts';
import { parseQuantity } from '../quantity.ts';
import type { FailureParameters } from './topology-schema.ts';

/** Hours in a mean Julian year (365.25 days). */
export const HOURS_PER_YEAR = 8766;

export type FailureOutcome =
  | { readonly kind: 'none' }
  | {
      readonly kind: 'ok';
      readonly failureProbability: number;
      /** Mean time to repair (or event duration) in hours when the parameters give one, else null. */
      readonly repairHours?: number | null;
    }
  | { readonly kind: 'error'; readonly field: string; readonly message: string };

const MODEL_FIELDS = ['failureProbability', 'availability', 'mtbf', 'cutRate'] as const;

/**
 * Steady-state probability of being down from one parameter block.
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
    return { kind: 'none' };
  }
  if (present.length > 1) return { kind: 'error', field: present[1], message: MESSAGES.oneFailureModel(present) };
  const model = present[0];
  switch (model) {
    case 'failureProbability':
      return { kind: 'ok', failureProbability: params.failureProbability ?? 0 };
    case 'availability':
      return { kind: 'ok', failureProbability: 1 - (params.availability ?? 1) };
    case 'mtbf': {
      if (params.mttr === undefined) return { kind: 'error', field: 'mtbf', message: MESSAGES.pairedField('mtbf', 'mttr') };
      const mtbf = parseQuantity(params.mtbf, 'duration');
      if (mtbf.kind === 'error') return { kind: 'error', field: 'mtbf', message: mtbf.message };
      if (!(mtbf.value > 0)) return { kind: 'error', field: 'mtbf', message: MESSAGES.expected('a positive duration', params.mtbf) };
      const mttr = parseQuantity(params.mttr, 'duration');
      if (mttr.kind === 'error') return { kind: 'error', field: 'mttr', message: mttr.message };
      if (!(mttr.value >= 0)) return { kind: 'error', field: 'mttr', message: MESSAGES.expected('a duration >= 0', params.mttr) };
      return { kind: 'ok', failureProbability: mttr.value / (mtbf.value + mttr.value), repairHours: mttr.value };
    }
    case 'cutRate': {
      if (medium !== null && medium !== 'fibre') return { kind: 'error', field: 'cutRate', message: MESSAGES.cutRateFibreOnly(medium) };
      if (params.repairTime === undefined) {
        return { kind: 'error', field: 'cutRate', message: MESSAGES.pairedField('cutRate', 'repairTime') };
      }
      const rate = parseQuantity(params.cutRate, 'ratePerKmYear');
      if (rate.kind === 'error') return { kind: 'error', field: 'cutRate', message: rate.message };
      if (!(rate.value >= 0)) return { kind: 'error', field: 'cutRate', message: MESSAGES.expected('a rate >= 0', params.cutRate) };
      const repair = parseQuantity(params.repairTime, 'duration');
      if (repair.kind === 'error') return { kind: 'error', field: 'repairTime', message: repair.message };
      if (!(repair.value >= 0)) {
        return { kind: 'error', field: 'repairTime', message: MESSAGES.expected('a duration >= 0', params.repairTime) };
      }
      if (lengthKm === null) return { kind: 'error', field: 'cutRate', message: MESSAGES.cutRateNeedsLength() };
      // Cuts per year on this link times the repair time in years: the mean down time per up time.
      const downPerUp = rate.value * lengthKm * (repair.value / HOURS_PER_YEAR);
      return { kind: 'ok', failureProbability: downPerUp / (1 + downPerUp), repairHours: repair.value };
    }
  }
}

/** Event probability of a risk group from `probability`, or `rate` (per year) and `duration`. */
export function resolveEventProbability(group: {
  probability?: number | undefined;
  rate?: number | string | undefined;
  duration?: number | string | undefined;
}): FailureOutcome {
  const hasRate = group.rate !== undefined || group.duration !== undefined;
  if (group.probability !== undefined && hasRate) {
    return { kind: 'error', field: 'probability', message: MESSAGES.riskGroupProbability() };
  }
  if (group.probability !== undefined) return { kind: 'ok', failureProbability: group.probability };
  if (!hasRate) return { kind: 'error', field: 'probability', message: MESSAGES.riskGroupProbability() };
  if (group.rate === undefined) return { kind: 'error', field: 'duration', message: MESSAGES.pairedField('duration', 'rate') };
  if (group.duration === undefined) return { kind: 'error', field: 'rate', message: MESSAGES.pairedField('rate', 'duration') };
  const rate = parseQuantity(group.rate, 'ratePerYear');
  if (rate.kind === 'error') return { kind: 'error', field: 'rate', message: rate.message };
  if (!(rate.value >= 0)) return { kind: 'error', field: 'rate', message: MESSAGES.expected('a rate >= 0', group.rate) };
  const duration = parseQuantity(group.duration, 'duration');
  if (duration.kind === 'error') return { kind: 'error', field: 'duration', message: duration.message };
  if (!(duration.value >= 0)) return { kind: 'error', field: 'duration', message: MESSAGES.expected('a duration >= 0', group.duration) };
  const activePerIdle = rate.value * (duration.value / HOURS_PER_YEAR);
  return { kind: 'ok', failureProbability: activePerIdle / (1 + activePerIdle), repairHours: duration.value };
}
