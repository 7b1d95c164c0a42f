// How the members of a risk group come back after a common-mode event, declared once: all together when the event
// ends, one by one over a recovery period (staggered), or one by one at the pace of the repair crews.

/** The recovery modes of a risk-group event, in code order (the code is the index). */
export const GROUP_RECOVERY_MODES = ['together', 'staggered', 'crews'] as const;
export type GroupRecoveryMode = (typeof GROUP_RECOVERY_MODES)[number];

/** Every hit member comes back when the event's duration ends (the static model's view of an event). */
export const RECOVERY_TOGETHER = 0;
/**
 * Hit members come back one by one, evenly spaced over the last R hours of the event (R the recovery period, at most
 * the duration D), in random order: the k-th of n at D - R (n - k) / n, the last when the event ends.
 */
export const RECOVERY_STAGGERED = 1;
/**
 * Each hit member needs a restoration by a crew (the group's crew, or the member's own repair crew): its job joins the
 * crew's queue at the event start and takes the crew's response time plus a work time drawn from the group's duration
 * distribution; the event ends when the last member is back.
 */
export const RECOVERY_CREWS = 2;

/** Code of a recovery mode by name. */
export function groupRecoveryCode(mode: GroupRecoveryMode): number {
  return GROUP_RECOVERY_MODES.indexOf(mode);
}
