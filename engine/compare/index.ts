// Plan comparison with common random numbers: paired plans, paired batches, paired estimates.
export type { PairedBatchResult, PairedPlan, PairedServiceTally } from './paired-plan.ts';
export { isRandomScenario } from './paired-plan.ts';
export { runPairedBatch } from './run-paired-batch.ts';
export { addPairedTallies, estimatePairedDifference, type PairedDifference } from './paired-estimate.ts';
