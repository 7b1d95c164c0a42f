// Test helpers: build small CompiledModels (series, parallel, bridge, ...) and baseline scenarios by hand.

import type { CompiledModel, ConnectedService, ReachService } from '../../../../engine/model.ts';
import { buildTestModel, type TestModelSpec, type TestRiskGroup } from '../../../support/build-model.ts';

export { buildBaselineScenario as baselineScenario } from '../../../support/build-model.ts';

export type RiskGroupSpec = TestRiskGroup;

/** A test model spec whose link failure probabilities are required. */
export interface ModelSpec extends TestModelSpec {
  /** Per link, or one value for all links. */
  readonly linkFailureProbability: number | readonly number[];
}

export function buildModel(spec: ModelSpec): CompiledModel {
  return buildTestModel(spec);
}

export function connected(terminals: readonly number[], id = 'svc'): ConnectedService {
  return { kind: 'connected', id, terminals: Uint32Array.from(terminals) };
}

export function reach(from: readonly number[], to: readonly number[], k: number, id = 'reach'): ReachService {
  return { kind: 'reach', id, from: Uint32Array.from(from), to: Uint32Array.from(to), k };
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

/** Links s-a, s-b, a-b, a-t, b-t of the five-link bridge on nodes s=0, t=1, a=2, b=3. */
export const BRIDGE_LINKS: ReadonlyArray<readonly [number, number]> = [
  [0, 2],
  [0, 3],
  [2, 3],
  [2, 1],
  [3, 1],
];

/** The five-link bridge s=0, t=1, a=2, b=3 (links s-a, s-b, a-b, a-t, b-t), as in the reference fixture. */
export function bridgeModel(q: number | readonly number[], nodeQ: number | readonly number[] = 0): CompiledModel {
  return buildModel({
    nodeCount: 4,
    links: BRIDGE_LINKS,
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
