// Use case "run": the availability of every service under every scenario of a study (static estimators), with
// confidence intervals, written as result.json and a report.

import { executeJob, type JobOptions, type JobOutcome } from './internal/execute-job.ts';

/** Options of runStudy: those of every job (samples, seed, workers, out folder, resume, shard, Redis, report…). */
export type RunStudyOptions = JobOptions;

/**
 * Runs a study, a topology (one baseline scenario) or an imported network (GML, GraphML, CSV).
 * @param path the input file; null runs the embedded default study on the illustrative NAFIN model
 * @example
 * const { document } = await runStudy('my-study.yaml', { samples: 200_000, seed: '7', outDir: 'analysis-2026q4' });
 * console.log(document.scenarios[0].services.map((s) => [s.serviceId, s.availability]));
 */
export function runStudy(path: string | null, options: RunStudyOptions = {}): Promise<JobOutcome> {
  return executeJob('run', [path], options);
}
