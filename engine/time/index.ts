// Public API of engine/time: discrete-event simulation of outages over simulated years (durations, frequency,
// downtime per year), with mergeable per-batch statistics and estimates with 95% confidence intervals.

export {
  addTimeServiceTallies,
  createEmptyTimeServiceTally,
  DURATION_BIN_COUNT,
  DURATION_BIN_EDGES_HOURS,
  findDurationBin,
  HOURS_PER_YEAR,
  MAX_RECORDED_OUTAGE_HOURS,
  type TimeBatchResult,
  type TimeServiceTally,
} from './time-batch-result.ts';
export { createEventHeap, pushEvent, replaceTopEvent, type EventHeap } from './event-heap.ts';
export {
  DEFAULT_TIME_EVENT_HOURS,
  DEFAULT_TIME_REPAIR_HOURS,
  findLongestMeanDownHours,
  prepareTimeParameters,
  type TimeParameters,
} from './time-parameters.ts';
export { runTimeBatch, timeStreamName } from './run-time-batch.ts';
export { aggregateTimeTally, type TimeTally } from './time-tally.ts';
export {
  estimateTimeFigures,
  poissonInterval,
  TIME_MINUTES_PER_YEAR,
  type TimeServiceFigures,
} from './estimate-time.ts';
export { DEFAULT_YEARS_PER_BATCH, runTimePlanBatch, type TimePlan } from './time-plan.ts';
