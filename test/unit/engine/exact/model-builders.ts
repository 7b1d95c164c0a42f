// Test helpers: build small CompiledModels (series, parallel, bridge, ...) and baseline scenarios by hand.

import type {
  CompiledModel,
  CompiledScenario,
  CompiledService,
  ConnectedService,
  ReachService,
} from '../../../../engine/model.ts';
import { buildCsrTopology } from '../../../../engine/topology/csr-topology.ts';

export interface RiskGroupSpec {
  readonly eventProbability: number;
  /** [element index, member failure probability given the event]. */
  readonly members: ReadonlyArray<readonly [number, number]>;
}

export interface ModelSpec {
  readonly nodeCount: number;
  readonly links: ReadonlyArray<readonly [number, number]>;
  /** Per node, or one value for all nodes. Default 0. */
  readonly nodeFailureProbability?: number | readonly number[];
  /** Per link, or one value for all links. */
  readonly linkFailureProbability: number | readonly number[];
  readonly services: readonly CompiledService[];
  readonly groups?: readonly RiskGroupSpec[];
}

export function buildModel(spec: ModelSpec): CompiledModel {
  const topology = buildCsrTopology(
    spec.nodeCount,
    spec.links.map((l) => l[0]),
    spec.links.map((l) => l[1]),
  );
  const n = spec.nodeCount;
  const l = spec.links.length;
  const q = new Float64Array(n + l);
  for (let v = 0; v < n; v++) q[v] = pick(spec.nodeFailureProbability ?? 0, v);
  for (let j = 0; j < l; j++) q[n + j] = pick(spec.linkFailureProbability, j);
  const groups = spec.groups ?? [];
  const memberStart = new Uint32Array(groups.length + 1);
  const memberElement: number[] = [];
  const memberProbability: number[] = [];
  groups.forEach((g, i) => {
    for (const [e, p] of g.members) {
      memberElement.push(e);
      memberProbability.push(p);
    }
    memberStart[i + 1] = memberElement.length;
  });
  return {
    topology,
    elementCount: n + l,
    elementFailureProbability: q,
    groups: {
      groupCount: groups.length,
      eventProbability: Float64Array.from(groups.map((g) => g.eventProbability)),
      memberStart,
      memberElement: Uint32Array.from(memberElement),
      memberFailureProbability: Float64Array.from(memberProbability),
    },
    services: spec.services,
    index: {
      nodeIds: Array.from({ length: n }, (_, v) => `n${v}`),
      nodeNames: Array.from({ length: n }, (_, v) => `n${v}`),
      linkIds: Array.from({ length: l }, (_, j) => `l${j}`),
      groupIds: groups.map((_, g) => `g${g}`),
      groupNames: groups.map((_, g) => `g${g}`),
    },
  };
}

function pick(value: number | readonly number[], i: number): number {
  return typeof value === 'number' ? value : (value[i] ?? 0);
}

export function connected(terminals: readonly number[], id = 'svc'): ConnectedService {
  return { kind: 'connected', id, terminals: Uint32Array.from(terminals) };
}

export function reach(from: readonly number[], to: readonly number[], k: number, id = 'reach'): ReachService {
  return { kind: 'reach', id, from: Uint32Array.from(from), to: Uint32Array.from(to), k };
}

export function baselineScenario(overrides: Partial<CompiledScenario> = {}): CompiledScenario {
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

/** Two terminals 0 and 1 joined by a chain of `count` links through count - 1 intermediate nodes. */
export function seriesModel(count: number, q: number, nodeQ = 0): CompiledModel {
  const links: Array<[number, number]> = [];
  // Nodes: 0 = s, 1 = t, 2.. intermediates.
  let previous = 0;
  for (let i = 0; i < count - 1; i++) {
    links.push([previous, 2 + i]);
    previous = 2 + i;
  }
  links.push([previous, 1]);
  return buildModel({
    nodeCount: count + 1,
    links,
    linkFailureProbability: q,
    nodeFailureProbability: nodeQ,
    services: [connected([0, 1])],
  });
}

/** Terminals 0 and 1 joined by `count` parallel links. */
export function parallelModel(count: number, q: number): CompiledModel {
  return buildModel({
    nodeCount: 2,
    links: Array.from({ length: count }, () => [0, 1] as const),
    linkFailureProbability: q,
    services: [connected([0, 1])],
  });
}

/** The five-link bridge s=0, t=1, a=2, b=3 (links s-a, s-b, a-b, a-t, b-t), as in the reference fixture. */
export function bridgeModel(q: number | readonly number[], nodeQ: number | readonly number[] = 0): CompiledModel {
  return buildModel({
    nodeCount: 4,
    links: [
      [0, 2],
      [0, 3],
      [2, 3],
      [2, 1],
      [3, 1],
    ],
    linkFailureProbability: q,
    nodeFailureProbability: nodeQ,
    services: [connected([0, 1])],
  });
}

/** Closed-form bridge unavailability for link up-probabilities p1..p5 (s-a, s-b, a-b, a-t, b-t), perfect nodes. */
export function bridgeUnavailability(p: readonly number[]): number {
  const [p1, p2, p3, p4, p5] = p as [number, number, number, number, number];
  // Pivot on the bridge link a-b (pivotal decomposition).
  const withBridge = (1 - (1 - p1) * (1 - p2)) * (1 - (1 - p4) * (1 - p5));
  const withoutBridge = 1 - (1 - p1 * p4) * (1 - p2 * p5);
  return 1 - (p3 * withBridge + (1 - p3) * withoutBridge);
}
