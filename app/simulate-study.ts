// Use case "simulate": a time simulation over many simulated years (how often services go down, how long outages
// last, downtime per year), with confidence intervals, written as result.json and a report.

import { executeJob, type JobOptions, type JobOutcome } from './internal/execute-job.ts';

/** Options of simulateStudy: those of every job, with the budget in simulated years. */
export interface SimulateStudyOptions extends Omit<JobOptions, 'samples' | 'batchSize'> {
  /** Simulated years per scenario, >= 1; default DEFAULT_SIMULATED_YEARS. */
  years?: number;
  /** Simulated years per batch, >= 1; default DEFAULT_YEARS_PER_BATCH. */
  yearsPerBatch?: number;
}

/**
 * Simulates every scenario of a study over simulated years.
 * @param path the input file; null simulates the embedded default study
 */
export function simulateStudy(path: string | null, options: SimulateStudyOptions = {}): Promise<JobOutcome> {
  const { years, yearsPerBatch, ...rest } = options;
  return executeJob('simulate', [path], {
    ...rest,
    ...(years !== undefined ? { samples: years } : {}),
    ...(yearsPerBatch !== undefined ? { batchSize: yearsPerBatch } : {}),
  });
}
