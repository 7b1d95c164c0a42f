// Public API of workers/time: runs a time-simulation plan's batches on worker threads (or the calling thread).

export { runTimePlan, type RunTimePlanOptions, type TimeRun } from './run-time-plan.ts';
