// compileModel: the one crossing from user objects to engine arrays (STYLE.md "cross once at each boundary").
// Dense numbering: nodes in file order, then links; risk groups in order; services in order.

import { buildCsrTopology } from '../../engine/index.ts';
import type { CompiledModel, CompiledService } from '../../engine/index.ts';
import { compileService, createServiceCompileContext } from './services/topology-service-kinds.ts';
import type { TopologyModel } from './topology-model.ts';

/** Element ids in element-index order: nodes 0..N-1, then links N..N+L-1. */
export function listElementIds(model: TopologyModel): string[] {
  return [...model.nodes.map((n) => n.id), ...model.links.map((l) => l.id)];
}

/** Element index by id (nodes 0..N-1, links N..N+L-1) for a model. */
export function indexElements(model: TopologyModel): Map<string, number> {
  return new Map(listElementIds(model).map((id, e) => [id, e]));
}

/**
 * Compiles a validated topology into the engine's CompiledModel.
 * @param serviceIds optional subset (and order) of services to evaluate; default all, in file order
 */
export function compileModel(model: TopologyModel, serviceIds?: readonly string[]): CompiledModel {
  const nodeCount = model.nodes.length;
  const linkCount = model.links.length;
  const elements = indexElements(model);
  const nodeIndex = (id: string): number => {
    const i = elements.get(id);
    if (i === undefined || i >= nodeCount) throw new Error(`internal: unresolved node id ${id}`);
    return i;
  };
  const topology = buildCsrTopology(
    nodeCount,
    model.links.map((l) => nodeIndex(l.from)),
    model.links.map((l) => nodeIndex(l.to)),
  );
  const elementFailureProbability = new Float64Array(nodeCount + linkCount);
  model.nodes.forEach((n, i) => (elementFailureProbability[i] = n.failureProbability));
  model.links.forEach((l, j) => (elementFailureProbability[nodeCount + j] = l.failureProbability));
  const elementRepairHours = Float64Array.from([...model.nodes.map((n) => n.repairHours), ...model.links.map((l) => l.repairHours)]);

  const groupCount = model.riskGroups.length;
  const memberStart = new Uint32Array(groupCount + 1);
  model.riskGroups.forEach((g, k) => (memberStart[k + 1] = memberStart[k] + g.members.length));
  const memberElement = new Uint32Array(memberStart[groupCount]);
  const memberFailureProbability = new Float64Array(memberStart[groupCount]);
  model.riskGroups.forEach((g, k) => {
    g.members.forEach((id, m) => {
      const e = elements.get(id);
      if (e === undefined) throw new Error(`internal: unresolved risk-group member ${id}`);
      memberElement[memberStart[k] + m] = e;
      memberFailureProbability[memberStart[k] + m] = g.memberFailureProbability;
    });
  });

  const chosen = serviceIds === undefined ? model.services : serviceIds.map((id) => {
    const s = model.services.find((x) => x.id === id);
    if (s === undefined) throw new Error(`internal: unresolved service id ${id}`);
    return s;
  });
  const nodeIndices = (ids: readonly string[]): Uint32Array => Uint32Array.from(ids.map(nodeIndex));
  const context = createServiceCompileContext(topology, model.links);
  const services: CompiledService[] = chosen.map((s) => compileService(s, nodeIndices, context));

  return {
    topology,
    elementCount: nodeCount + linkCount,
    elementFailureProbability,
    elementRepairHours,
    groups: {
      groupCount,
      eventProbability: Float64Array.from(model.riskGroups.map((g) => g.eventProbability)),
      memberStart,
      memberElement,
      memberFailureProbability,
      eventDurationHours: Float64Array.from(model.riskGroups.map((g) => g.durationHours)),
    },
    services,
    index: {
      nodeIds: model.nodes.map((n) => n.id),
      nodeNames: model.nodes.map((n) => n.name),
      linkIds: model.links.map((l) => l.id),
      groupIds: model.riskGroups.map((g) => g.id),
      groupNames: model.riskGroups.map((g) => g.name),
    },
  };
}
