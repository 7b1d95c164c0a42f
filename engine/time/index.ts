// Public API of engine/time: discrete-event simulation of outages over simulated years (durations, frequency,
// downtime per year, years without outage), with time distributions, repair crews and staggered recovery, mergeable
// per-batch statistics, estimates with 95% confidence intervals, and paired comparisons of two plans in time.

export {
  addTimeCrewTallies,
  addTimeServiceTallies,
  createEmptyTimeCrewTally,
  createEmptyTimeServiceTally,
  DURATION_BIN_COUNT,
  DURATION_BIN_EDGES_HOURS,
  findDurationBin,
  findQuantileBin,
  HOURS_PER_YEAR,
  LONG_OUTAGE_HOURS,
  MAX_RECORDED_OUTAGE_HOURS,
  QUANTILE_BIN_COUNT,
  quantileBinLowerHours,
  quantileBinUpperHours,
  type TimeBatchResult,
  type TimeCrewTally,
  type TimeServiceTally,
} from './time-batch-result.ts';
export { cancelEvent, clearEvents, createEventHeap, hasEvent, popEvent, setEvent, type EventHeap } from './event-heap.ts';
export {
  checkTimeDistribution,
  describeTimeDistribution,
  EXPONENTIAL_CODE,
  findTimeDistributionKind,
  gammaFunction,
  sampleResidualTime,
  sampleTime,
  TIME_DISTRIBUTION_KINDS,
  TIME_DISTRIBUTION_NAMES,
  type TimeDistribution,
  type TimeDistributionForm,
  type TimeDistributionKind,
  type TimeDistributionName,
  type TimeDistributionParameter,
  type TimeParameterDimension,
} from './time-distribution.ts';
export {
  GROUP_RECOVERY_MODES,
  groupRecoveryCode,
  RECOVERY_CREWS,
  RECOVERY_STAGGERED,
  RECOVERY_TOGETHER,
  type GroupRecoveryMode,
} from './group-recovery.ts';
export {
  DEFAULT_TIME_EVENT_HOURS,
  DEFAULT_TIME_REPAIR_HOURS,
  findLongestMeanDownHours,
  findWarmUpHours,
  MIN_WARM_UP_HOURS,
  prepareTimeParameters,
  type TimeParameters,
} from './time-parameters.ts';
export { createTimeEntityStream, deriveTimeEntitySeed, elementStreamKey, groupStreamKey } from './time-streams.ts';
export { simulateTimeHistory, type TimeHistory, type TimeHistorySource } from './simulate-time-history.ts';
export { runTimeBatch } from './run-time-batch.ts';
export { aggregateTimeCrews, aggregateTimeTally, type TimeTally } from './time-tally.ts';
export {
  estimateTimeCrewFigures,
  estimateTimeFigures,
  OUTAGE_DURATION_QUANTILE,
  poissonInterval,
  TIME_MINUTES_PER_YEAR,
  type TimeCrewFigures,
  type TimeServiceFigures,
} from './estimate-time.ts';
export { DEFAULT_YEARS_PER_BATCH, runTimePlanBatch, type TimePlan } from './time-plan.ts';
export {
  addCrewTallyLists,
  addPairedTimeTallies,
  estimatePairedTimeDifference,
  pairedTimeRelativeError,
  runPairedTimeBatch,
  type PairedTimeBatchResult,
  type PairedTimeDifference,
  type PairedTimePlan,
  type PairedTimeServiceTally,
} from './paired-time.ts';
