// Layers in the analyses: most services of a layered model never see a logical link (none lies in the part of the
// service graph their endpoints reach), and for them the single-layer algorithms (extension scans, max-flow) are
// exact on the graph alone. This module decides that and gives the graph-only view of the model.

import type { CompiledModel, RiskGroupModel } from '../../model.ts';
import { serviceKindOf } from '../../services/service-kinds.ts';

/**
 * True when service s of a layered model may depend on the layers: a logical link lies in the intact service
 * graph's component of one of its nodes. False for a single-layer model. (Otherwise no logical link is on any path
 * between its endpoints, so no physical element or duct can change its state through the layers.)
 */
export function dependsOnLayers(model: CompiledModel, serviceIndex: number): boolean {
  const layers = model.layers;
  if (layers === undefined) return false;
  if (layers.logicalCount === 0) return false;
  const topology = model.topology;
  const n = topology.nodeCount;
  const isLogical = new Uint8Array(topology.linkCount);
  for (let i = 0; i < layers.logicalCount; i++) isLogical[layers.logicalElement[i] - n] = 1;
  const seen = new Uint8Array(n);
  const stack: number[] = [];
  for (const v of serviceKindOf(model.services[serviceIndex]).listNodes(model.services[serviceIndex])) {
    if (seen[v] === 0) {
      seen[v] = 1;
      stack.push(v);
    }
  }
  while (stack.length > 0) {
    const v = stack.pop() ?? 0;
    for (let h = topology.adjacencyStart[v]; h < topology.adjacencyStart[v + 1]; h++) {
      if (isLogical[topology.adjacencyEdge[h]] === 1) return true;
      const w = topology.adjacencyNode[h];
      if (seen[w] === 0) {
        seen[w] = 1;
        stack.push(w);
      }
    }
  }
  return false;
}

const views = new WeakMap<CompiledModel, CompiledModel>();

/**
 * The graph-only view of a layered model for the analyses (cut sets, sabotage): elements are the nodes and the
 * service graph's links only, risk groups keep their members among them (a group of physical links only becomes
 * empty), no layers and no time model. Risk group g keeps index g, so a group code is elementCount + g in either
 * model's numbering ({@link toFullModelCode}). The model itself when it has no layers. Cached per model.
 */
export function viewWithoutLayers(model: CompiledModel): CompiledModel {
  if (model.layers === undefined) return model;
  const cached = views.get(model);
  if (cached !== undefined) return cached;
  const count = model.topology.nodeCount + model.topology.linkCount;
  const groups = model.groups;
  const memberStart = new Uint32Array(groups.groupCount + 1);
  const memberElement: number[] = [];
  const memberProbability: number[] = [];
  for (let g = 0; g < groups.groupCount; g++) {
    for (let m = groups.memberStart[g]; m < groups.memberStart[g + 1]; m++) {
      if (groups.memberElement[m] >= count) continue;
      memberElement.push(groups.memberElement[m]);
      memberProbability.push(groups.memberFailureProbability[m]);
    }
    memberStart[g + 1] = memberElement.length;
  }
  const filtered: RiskGroupModel = {
    groupCount: groups.groupCount,
    eventProbability: groups.eventProbability,
    memberStart,
    memberElement: Uint32Array.from(memberElement),
    memberFailureProbability: Float64Array.from(memberProbability),
  };
  const view: CompiledModel = {
    topology: model.topology,
    elementCount: count,
    elementFailureProbability: model.elementFailureProbability.slice(0, count),
    groups: filtered,
    services: model.services,
    index: { ...model.index, linkIds: model.index.linkIds.slice(0, model.topology.linkCount) },
  };
  views.set(model, view);
  return view;
}

/** A code of the graph-only view (element, or risk group as view.elementCount + g) in the full model's numbering. */
export function toFullModelCode(model: CompiledModel, view: CompiledModel, code: number): number {
  return code < view.elementCount ? code : code - view.elementCount + model.elementCount;
}
