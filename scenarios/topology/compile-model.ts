// compileModel: the one crossing from user objects to engine arrays (STYLE.md "cross once at each boundary").
// Dense numbering: nodes in file order, then links (the service graph's, then physical links: layers); risk groups
// in order; services in order.

import { buildCsrTopology, buildLayerModel, findTimeDistributionKind, groupRecoveryCode } from '../../engine/index.ts';
import type { CompiledModel, CompiledService, LayerModel, TimeModel } from '../../engine/index.ts';
import { compileService, createServiceCompileContext } from './services/topology-service-kinds.ts';
import type { ModelLink, ModelNode, TopologyModel } from './topology-model.ts';

/** Element ids in element-index order: nodes 0..N-1, then links N..N+L-1. */
export function listElementIds(model: TopologyModel): string[] {
  return [...model.nodes.map((n) => n.id), ...model.links.map((l) => l.id)];
}

/** Element index by id (nodes 0..N-1, links N..N+L-1) for a model. */
export function indexElements(model: TopologyModel): Map<string, number> {
  return new Map(listElementIds(model).map((id, e) => [id, e]));
}

/**
 * True when a saboteur may attack the link itself: a physical link or a direct (unrouted) service link. A logical
 * link (routed over physical links) is taken down through its route, not attacked itself.
 */
export function isAttackableLink(link: ModelLink): boolean {
  return link.route === undefined || link.route === null;
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
  // Layers: physical links follow the service graph's links (validation orders them so) and stay out of its CSR.
  const serviceLinks = model.links.filter((l) => l.physical !== true);
  if (model.links.slice(serviceLinks.length).some((l) => l.physical !== true)) {
    throw new Error('internal: physical links must follow the service links');
  }
  const topology = buildCsrTopology(
    nodeCount,
    serviceLinks.map((l) => nodeIndex(l.from)),
    serviceLinks.map((l) => nodeIndex(l.to)),
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
  const context = createServiceCompileContext(topology, serviceLinks);
  const services: CompiledService[] = chosen.map((s) => compileService(s, nodeIndices, context));
  const layers = compileLayers(model, elements, nodeCount + serviceLinks.length);

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
    ...(layers === null ? {} : { layers }),
    services,
    time: compileTimeModel(model, elements),
    index: {
      nodeIds: model.nodes.map((n) => n.id),
      nodeNames: model.nodes.map((n) => n.name),
      linkIds: model.links.map((l) => l.id),
      groupIds: model.riskGroups.map((g) => g.id),
      groupNames: model.riskGroups.map((g) => g.name),
    },
  };
}

/**
 * The layer model (logical links over physical links, CSR) of a topology with routed links, or null without any.
 * @param serviceElementCount nodes plus service-graph links: the first physical link's element index
 */
function compileLayers(model: TopologyModel, elements: ReadonlyMap<string, number>, serviceElementCount: number): LayerModel | null {
  const element = (id: string): number => {
    const e = elements.get(id);
    if (e === undefined) throw new Error(`internal: unresolved route link ${id}`);
    return e;
  };
  const routes = model.links.flatMap((l) =>
    l.route === undefined || l.route === null
      ? []
      : [{ element: element(l.id), working: l.route.working.map(element), protection: (l.route.protection ?? []).map(element) }],
  );
  const hasPhysical = model.links.some((l) => l.physical === true);
  if (routes.length === 0 && !hasPhysical) return null;
  return buildLayerModel(model.nodes.length + model.links.length, serviceElementCount, routes);
}

/**
 * The time-simulation part of a model: distribution codes and shapes per element and group (their means are the
 * model's repair and event hours), each element's crew, group recovery, and the crews.
 */
function compileTimeModel(model: TopologyModel, elements: ReadonlyMap<string, number>): TimeModel {
  const all: ReadonlyArray<ModelNode | ModelLink> = [...model.nodes, ...model.links];
  const code = (name: Parameters<typeof findTimeDistributionKind>[0]): number => findTimeDistributionKind(name).code;
  const crewIndex = new Map(model.crews.map((c, i) => [c.id, i]));
  const elementCrew = new Int32Array(all.length).fill(-1);
  model.crews.forEach((crew, c) => {
    for (const id of crew.elements) {
      const e = elements.get(id);
      if (e === undefined) throw new Error(`internal: unresolved crew element ${id}`);
      elementCrew[e] = c;
    }
  });
  const groups = model.riskGroups;
  return {
    elementFailureKind: Uint8Array.from(all.map((x) => code(x.failureShape?.kind ?? 'exponential'))),
    elementFailureShape: Float64Array.from(all.map((x) => x.failureShape?.shape ?? 0)),
    elementRepairKind: Uint8Array.from(all.map((x) => code(x.timeToRepair?.kind ?? 'exponential'))),
    elementRepairShape: Float64Array.from(all.map((x) => x.timeToRepair?.shape ?? 0)),
    elementCrew,
    groupDurationKind: Uint8Array.from(groups.map((g) => code(g.duration?.kind ?? 'exponential'))),
    groupDurationShape: Float64Array.from(groups.map((g) => g.duration?.shape ?? 0)),
    groupRecovery: Uint8Array.from(groups.map((g) => groupRecoveryCode(g.recovery.mode))),
    groupRecoveryHours: Float64Array.from(groups.map((g) => g.recovery.periodHours)),
    groupRecoveryCrew: Int32Array.from(groups.map((g) => (g.recovery.crew === null ? -1 : (crewIndex.get(g.recovery.crew) ?? -1)))),
    crews: {
      crewCount: model.crews.length,
      ids: model.crews.map((c) => c.id),
      names: model.crews.map((c) => c.name),
      size: Uint32Array.from(model.crews.map((c) => c.count)),
      responseKind: Uint8Array.from(model.crews.map((c) => code(c.response.kind))),
      responseMeanHours: Float64Array.from(model.crews.map((c) => c.response.meanHours)),
      responseShape: Float64Array.from(model.crews.map((c) => c.response.shape)),
    },
  };
}
