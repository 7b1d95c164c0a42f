// Use case "spof": single points of failure and all minimal cut sets up to an order, per service: exact and
// deterministic (an exhaustive N-k analysis of the compiled model).

import { InputError, type CutSetAnalysis } from '../engine/index.ts';
import { compileStudyModel, type TopologyModel } from '../scenarios/index.ts';
import { loadJobInputs } from './internal/execute-job.ts';
import { analyseCutSets } from './result/cut-set-analysis.ts';

/** Largest cut-set order the analysis accepts. */
export const MAX_CUT_SET_ORDER = 8;

/** Options of findWeakSpots; every field optional. */
export interface FindWeakSpotsOptions {
  /** Largest cut-set order, in [1, MAX_CUT_SET_ORDER]; default 3. */
  order?: number;
  /** Stop listing a service after this many cut sets; default 10,000. */
  maxCutSets?: number;
  onWarning?: (text: string) => void;
}

/** The analysis, with the topology it names elements of. */
export interface WeakSpots {
  readonly analysis: CutSetAnalysis;
  readonly topology: TopologyModel;
}

/**
 * Finds every service's single points of failure and minimal cut sets (elements and risk groups).
 * @param path a study or topology; null is the embedded default study
 */
export async function findWeakSpots(path: string | null, options: FindWeakSpotsOptions = {}): Promise<WeakSpots> {
  const order = options.order ?? 3;
  if (!Number.isSafeInteger(order) || order < 1 || order > MAX_CUT_SET_ORDER) {
    throw new InputError(`--order must be an integer in [1, ${MAX_CUT_SET_ORDER}], got ${String(order)}`);
  }
  const [input] = await loadJobInputs('run', [path], options);
  // The model alone: the study's scenarios (and the optimal attacks of its sabotage ones) play no part here.
  const { model, topology } = compileStudyModel(input.topology, input.study);
  return { analysis: analyseCutSets(model, order, options.maxCutSets ?? 10_000), topology };
}
