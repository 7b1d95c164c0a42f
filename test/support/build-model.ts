// Test support: builds a CompiledModel by hand from a node count, a link list, failure probabilities and risk
// groups, the one builder behind the model helpers of the unit, property and golden tests.

import type { CompiledModel, CompiledScenario, CompiledService, CsrTopology, RiskGroupModel } from '../../engine/index.ts';
import { buildCsrTopology } from '../../engine/index.ts';

/** A risk group of a test model. */
export interface TestRiskGroup {
  /** Probability in [0, 1] of the group event per sample. */
  readonly eventProbability: number;
  /** [element index, member failure probability in [0, 1] given the event]. */
  readonly members: ReadonlyArray<readonly [number, number]>;
}

/** The time-simulation data of a test model. */
export interface TestModelTimes {
  /** Repair time in hours per element. */
  readonly elementRepairHours: Float64Array;
  /** Event duration in hours per risk group, in group order. */
  readonly groupEventDurationHours: readonly number[];
}

/** User ids of a test model's nodes, links and groups (names equal ids); default `n<i>`, `l<j>`, `g<k>`. */
export interface TestModelIds {
  readonly nodes?: readonly string[];
  readonly links?: readonly string[];
  readonly groups?: readonly string[];
}

export interface TestModelSpec {
  readonly nodeCount: number;
  /** [node index, node index] per link; link j is element nodeCount + j. */
  readonly links: ReadonlyArray<readonly [number, number]>;
  /** Failure probability in [0, 1] per node, or one value for all nodes; missing entries are 0. Default 0. */
  readonly nodeFailureProbability?: number | ArrayLike<number>;
  /** Failure probability in [0, 1] per link, or one value for all links; missing entries are 0. Default 0. */
  readonly linkFailureProbability?: number | ArrayLike<number>;
  readonly services: readonly CompiledService[];
  /** Default none. */
  readonly groups?: readonly TestRiskGroup[];
  /** Repair and event durations for the time simulation; default none (an availability-only model). */
  readonly times?: TestModelTimes;
  readonly ids?: TestModelIds;
}

/** The risk-group model of a network without risk groups. */
export function emptyRiskGroups(): RiskGroupModel {
  return {
    groupCount: 0,
    eventProbability: new Float64Array(0),
    memberStart: new Uint32Array(1),
    memberElement: new Uint32Array(0),
    memberFailureProbability: new Float64Array(0),
  };
}

/** Builds the CompiledModel of `spec`: CSR topology, per-element failure probabilities, risk groups and ids. */
export function buildTestModel(spec: TestModelSpec): CompiledModel {
  const n = spec.nodeCount;
  const l = spec.links.length;
  const topology = buildCsrTopology(
    n,
    spec.links.map((link) => link[0]),
    spec.links.map((link) => link[1]),
  );
  const q = new Float64Array(n + l);
  for (let v = 0; v < n; v++) q[v] = pick(spec.nodeFailureProbability ?? 0, v);
  for (let j = 0; j < l; j++) q[n + j] = pick(spec.linkFailureProbability ?? 0, j);
  const groups = spec.groups ?? [];
  const memberStart = new Uint32Array(groups.length + 1);
  const memberElement: number[] = [];
  const memberProbability: number[] = [];
  groups.forEach((g, k) => {
    for (const [e, p] of g.members) {
      memberElement.push(e);
      memberProbability.push(p);
    }
    memberStart[k + 1] = memberElement.length;
  });
  const groupModel: RiskGroupModel = {
    groupCount: groups.length,
    eventProbability: Float64Array.from(groups.map((g) => g.eventProbability)),
    memberStart,
    memberElement: Uint32Array.from(memberElement),
    memberFailureProbability: Float64Array.from(memberProbability),
  };
  const nodeIds = spec.ids?.nodes ?? Array.from({ length: n }, (_, v) => `n${v}`);
  const groupIds = spec.ids?.groups ?? groups.map((_, k) => `g${k}`);
  const index = {
    nodeIds,
    nodeNames: [...nodeIds],
    linkIds: spec.ids?.links ?? spec.links.map((_, j) => `l${j}`),
    groupIds,
    groupNames: [...groupIds],
  };
  if (spec.times === undefined) {
    return {
      topology,
      elementCount: n + l,
      elementFailureProbability: q,
      groups: groupModel,
      services: bindServices(spec.services, topology),
      index,
    };
  }
  return {
    topology,
    elementCount: n + l,
    elementFailureProbability: q,
    elementRepairHours: spec.times.elementRepairHours,
    groups: { ...groupModel, eventDurationHours: Float64Array.from(spec.times.groupEventDurationHours) },
    services: bindServices(spec.services, topology),
    index,
  };
}

/**
 * Binds traffic-aware services (capacity, latency, protected: they carry the network they evaluate on) to the
 * model's topology, so a test may generate them before their links; their per-link arrays must cover the links.
 */
function bindServices(services: readonly CompiledService[], topology: CsrTopology): CompiledService[] {
  return services.map((service) => {
    if (!('network' in service)) return service;
    const values = 'linkCapacity' in service ? service.linkCapacity : 'linkDelayMs' in service ? service.linkDelayMs : null;
    if (values !== null && values.length < topology.linkCount) {
      throw new RangeError(`service ${service.id}: ${values.length} link values for ${topology.linkCount} links`);
    }
    return { ...service, network: topology };
  });
}

function pick(value: number | ArrayLike<number>, i: number): number {
  return typeof value === 'number' ? value : (value[i] ?? 0);
}

/** The baseline scenario: independent failures and risk groups at their modelled rates, nothing forced. */
export function buildBaselineScenario(overrides: Partial<CompiledScenario> = {}): CompiledScenario {
  return {
    id: 'baseline',
    name: 'Baseline',
    forcedElements: new Uint32Array(0),
    forcedGroups: new Uint32Array(0),
    randomFailures: true,
    elementFailureProbability: null,
    groupEventProbability: null,
    attack: { kind: 'none' },
    ...overrides,
  };
}
