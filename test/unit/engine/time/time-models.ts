// Test support for the time simulation: small compiled models with closed-form answers (single element, series,
// one risk group) and a baseline scenario.

import { buildCsrTopology, type CompiledModel, type CompiledScenario } from '../../../../engine/index.ts';

/** A path network s = node 0 ... node n with one link per element description; nodes never fail. */
export interface PathLink {
  readonly q: number;
  readonly repairHours: number;
}

export interface TestGroup {
  readonly probability: number;
  readonly durationHours: number;
  /** Link indices (0-based along the path). */
  readonly links: readonly number[];
  readonly memberProbability: number;
}

/** A series path of links from node 0 to node links.length, one two-terminal service between the ends. */
export function buildPathModel(links: readonly PathLink[], groups: readonly TestGroup[] = []): CompiledModel {
  const nodeCount = links.length + 1;
  const source = links.map((_, j) => j);
  const target = links.map((_, j) => j + 1);
  const elementCount = nodeCount + links.length;
  const q = new Float64Array(elementCount);
  const repair = new Float64Array(elementCount).fill(4);
  links.forEach((l, j) => {
    q[nodeCount + j] = l.q;
    repair[nodeCount + j] = l.repairHours;
  });
  const memberStart = new Uint32Array(groups.length + 1);
  groups.forEach((g, k) => (memberStart[k + 1] = memberStart[k] + g.links.length));
  return {
    topology: buildCsrTopology(nodeCount, source, target),
    elementCount,
    elementFailureProbability: q,
    elementRepairHours: repair,
    groups: {
      groupCount: groups.length,
      eventProbability: Float64Array.from(groups.map((g) => g.probability)),
      memberStart,
      memberElement: Uint32Array.from(groups.flatMap((g) => g.links.map((j) => nodeCount + j))),
      memberFailureProbability: Float64Array.from(groups.flatMap((g) => g.links.map(() => g.memberProbability))),
      eventDurationHours: Float64Array.from(groups.map((g) => g.durationHours)),
    },
    services: [{ kind: 'connected', id: 'ends', terminals: Uint32Array.from([0, nodeCount - 1]) }],
    index: {
      nodeIds: Array.from({ length: nodeCount }, (_, i) => `n${i}`),
      nodeNames: Array.from({ length: nodeCount }, (_, i) => `n${i}`),
      linkIds: links.map((_, j) => `l${j}`),
      groupIds: groups.map((_, k) => `g${k}`),
      groupNames: groups.map((_, k) => `g${k}`),
    },
  };
}

/** The baseline scenario: independent failures and risk groups at their rates, nothing forced. */
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

/** |estimate - exact| in units of the standard error implied by a 95% interval's half-width. */
export function standardErrors(interval: { estimate: number; lower: number; upper: number }, exact: number): number {
  const halfWidth = (interval.upper - interval.lower) / 2;
  return Math.abs(interval.estimate - exact) / (halfWidth / 1.959963984540054);
}
