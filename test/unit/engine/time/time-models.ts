// Test support for the time simulation: small compiled models with closed-form answers (single element, series,
// one risk group) and a baseline scenario.

import type { CompiledModel } from '../../../../engine/index.ts';
import { buildTestModel } from '../../../support/build-model.ts';

export { buildBaselineScenario as baselineScenario } from '../../../support/build-model.ts';

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
  const repair = new Float64Array(nodeCount + links.length).fill(4);
  links.forEach((l, j) => (repair[nodeCount + j] = l.repairHours));
  return buildTestModel({
    nodeCount,
    links: links.map((_, j) => [j, j + 1] as const),
    linkFailureProbability: links.map((l) => l.q),
    services: [{ kind: 'connected', id: 'ends', terminals: Uint32Array.from([0, nodeCount - 1]) }],
    groups: groups.map((g) => ({
      eventProbability: g.probability,
      members: g.links.map((j) => [nodeCount + j, g.memberProbability] as const),
    })),
    times: { elementRepairHours: repair, groupEventDurationHours: groups.map((g) => g.durationHours) },
  });
}

/** |estimate - exact| in units of the standard error implied by a 95% interval's half-width. */
export function standardErrors(interval: { estimate: number; lower: number; upper: number }, exact: number): number {
  const halfWidth = (interval.upper - interval.lower) / 2;
  return Math.abs(interval.estimate - exact) / (halfWidth / 1.959963984540054);
}
