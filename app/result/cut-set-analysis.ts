// Exhaustive N-k analysis for the result document: minimal cut sets (and so single points of failure) of every
// service up to an order, with engine indices turned back into user ids.

import {
  findAllMinimalCutSets,
  listLogicalLinkCuts,
  type CompiledModel,
  type CutSetAnalysis,
} from '../../engine/index.ts';

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
  const members = new Set<number>();
  const results = findAllMinimalCutSets(model, { maxOrder, includeGroups: true, maxCutSets });
  const services = model.services.map((service, s) => {
    const result = results[s];
    for (const c of result.cutSets) for (const code of c.elements) members.add(code);
    return {
      serviceId: service.id,
      cutSets: result.cutSets.map((c) => ({ order: c.order, elements: c.elements.map((code) => elementIdOf(model, code)) })),
      truncated: result.truncated,
    };
  });
  if (model.layers === undefined) return { maxOrder, services };
  return { maxOrder, services, layerEffects: describeLayerEffects(model, [...members].sort((a, b) => a - b)) };
}

/**
 * Layers: the logical links each cut-set member (an element, or a risk group as elementCount + g with all its
 * members down) takes down through their routes on its own.
 */
function describeLayerEffects(model: CompiledModel, codes: readonly number[]): NonNullable<CutSetAnalysis['layerEffects']> {
  const layers = model.layers;
  if (layers === undefined) return [];
  const down = new Uint8Array(model.elementCount);
  const effects: Array<NonNullable<CutSetAnalysis['layerEffects']>[number]> = [];
  for (const code of codes) {
    down.fill(0);
    if (code < model.elementCount) down[code] = 1;
    else {
      const g = code - model.elementCount;
      for (let m = model.groups.memberStart[g]; m < model.groups.memberStart[g + 1]; m++) down[model.groups.memberElement[m]] = 1;
    }
    const cuts = listLogicalLinkCuts(layers, down);
    if (cuts.length === 0) continue;
    effects.push({
      element: elementIdOf(model, code),
      links: cuts.map((c) => ({ linkId: elementIdOf(model, layers.logicalElement[c.logical]), protected: c.protectionCut === true })),
    });
  }
  return effects;
}
