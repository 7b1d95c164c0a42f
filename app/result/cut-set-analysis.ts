// Exhaustive N-k analysis for the result document: minimal cut sets (and so single points of failure) of every
// service up to an order, with engine indices turned back into user ids.

import { findMinimalCutSets, type CompiledModel, type CutSetAnalysis } from '../../engine/index.ts';

/** Default largest cut-set order computed by `run` (the `spof` command takes --order). */
export const DEFAULT_RUN_CUT_SET_ORDER = 2;

/** User id of an element index, or of a risk group encoded as elementCount + g. */
export function elementIdOf(model: CompiledModel, code: number): string {
  const n = model.topology.nodeCount;
  if (code < n) return model.index.nodeIds[code];
  if (code < model.elementCount) return model.index.linkIds[code - n];
  return model.index.groupIds[code - model.elementCount];
}

/**
 * Minimal cut sets of every service of a model up to `maxOrder`, exact and deterministic.
 * @param maxCutSets per service, stop after this many (the result says truncated)
 */
export function analyseCutSets(model: CompiledModel, maxOrder: number, maxCutSets = 10_000): CutSetAnalysis {
  return {
    maxOrder,
    services: model.services.map((service, s) => {
      const result = findMinimalCutSets(model, s, { maxOrder, includeGroups: true, maxCutSets });
      return {
        serviceId: service.id,
        cutSets: result.cutSets.map((c) => ({ order: c.order, elements: c.elements.map((code) => elementIdOf(model, code)) })),
        truncated: result.truncated,
      };
    }),
  };
}
