// Public API of engine/importance: Birnbaum, criticality, RAW, RRW and Fussell-Vesely importance of every node, link
// and risk group per service, by critical-state sampling with mergeable counts and Clopper-Pearson intervals.

export { createImportanceScratch, type ImportanceScratch } from './importance-scratch.ts';
export { runImportanceSamples } from './run-importance-samples.ts';
export { createEmptyImportanceSums, mergeImportanceSums, type ImportanceSums } from './importance-sums.ts';
export {
  DEFAULT_IMPORTANCE_OPTIONS,
  estimateImportance,
  MAX_IMPORTANCE_RATIO,
  resolveImportanceOptions,
  type ImportanceOptions,
  type ResolvedImportanceOptions,
} from './estimate-importance.ts';
