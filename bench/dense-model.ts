// The dense-regime benchmark model: the dodecahedron (20 nodes, 30 links, 3-regular), every link failing with
// q = 0.1 (3 failures per sample on average), two-terminal service between nodes 0 and 15 (the reference case
// /work/shared/reference/dodecahedron-q0.1.json: exact unavailability 0.0028796). Shared by bench/dense-regime.ts
// and the C and networkx references it exports the graph to.

import { buildCsrTopology, type CompiledModel, type CompiledScenario, type SimulationPlan } from '../engine/index.ts';

/** The dodecahedron's links (node pairs), in the reference case's order. */
export const DODECAHEDRON_LINKS: ReadonlyArray<readonly [number, number]> = [
  [0, 1],
  [0, 10],
  [0, 19],
  [1, 2],
  [1, 8],
  [2, 3],
  [2, 6],
  [3, 4],
  [3, 19],
  [4, 5],
  [4, 17],
  [5, 6],
  [5, 15],
  [6, 7],
  [7, 8],
  [7, 14],
  [8, 9],
  [9, 10],
  [9, 13],
  [10, 11],
  [11, 12],
  [11, 18],
  [12, 13],
  [12, 16],
  [13, 14],
  [14, 15],
  [15, 16],
  [16, 17],
  [17, 18],
  [18, 19],
];

/** Node count of the dodecahedron. */
export const DODECAHEDRON_NODES = 20;

/** The two terminals of the service. */
export const DODECAHEDRON_TERMINALS = [0, 15] as const;

/** Exact two-terminal unavailability at link q = 0.1 (the reference case). */
export const DODECAHEDRON_EXACT_UNAVAILABILITY = 0.002879601253393282;

/** The dodecahedron with every link failing with probability `linkFailureProbability` and perfect nodes. */
export function buildDodecahedronModel(linkFailureProbability: number): CompiledModel {
  const n = DODECAHEDRON_NODES;
  const l = DODECAHEDRON_LINKS.length;
  const q = new Float64Array(n + l);
  q.fill(linkFailureProbability, n);
  return {
    topology: buildCsrTopology(
      n,
      DODECAHEDRON_LINKS.map((link) => link[0]),
      DODECAHEDRON_LINKS.map((link) => link[1]),
    ),
    elementCount: n + l,
    elementFailureProbability: q,
    groups: {
      groupCount: 0,
      eventProbability: new Float64Array(0),
      memberStart: new Uint32Array(1),
      memberElement: new Uint32Array(0),
      memberFailureProbability: new Float64Array(0),
    },
    services: [{ kind: 'connected', id: 'two-terminal', terminals: Uint32Array.from(DODECAHEDRON_TERMINALS) }],
    index: {
      nodeIds: Array.from({ length: n }, (_, v) => `n${v}`),
      nodeNames: Array.from({ length: n }, (_, v) => `n${v}`),
      linkIds: DODECAHEDRON_LINKS.map(([a, b]) => `${a}-${b}`),
      groupIds: [],
      groupNames: [],
    },
  };
}

/** A one-scenario crude plan (random failures as modelled) around a model. */
export function planOfModel(model: CompiledModel, seed: string, batchSize: number): SimulationPlan {
  const scenario: CompiledScenario = {
    id: 'baseline',
    name: 'Baseline',
    forcedElements: new Uint32Array(0),
    forcedGroups: new Uint32Array(0),
    randomFailures: true,
    elementFailureProbability: null,
    groupEventProbability: null,
    attack: { kind: 'none' },
  };
  return {
    model,
    scenarios: [scenario],
    seed,
    batchSize,
    stopping: { relativeError: null, maxSamples: 1e15, maxTimeSeconds: null, minSamples: 0 },
  };
}
