// Use case "compare": what plan B buys over plan A, as paired differences in availability per service and
// scenario with common random numbers (far tighter than two separate runs), written as result.json and a report.

import { executeJob, type JobOptions, type JobOutcome } from './internal/execute-job.ts';

/** Options of compareStudies: those of every job; `relativeError` applies to the differences. */
export type CompareStudiesOptions = JobOptions;

/**
 * Compares a plan with a base (topologies or studies; matched by element, service and scenario ids).
 * @param base the base input; null is the embedded default study
 * @param plan the plan input; null is the embedded default study
 */
export function compareStudies(base: string | null, plan: string | null, options: CompareStudiesOptions = {}): Promise<JobOutcome> {
  return executeJob('compare', [base, plan], options);
}
