// Test helpers for engine/analysis: small CompiledModels (test/support/build-model.ts), and brute-force oracles
// (subset enumeration) that the exact algorithms are checked against.

import type { CompiledModel, CompiledService } from '../../../../engine/model.ts';
import { isServiceDown } from '../../../../engine/analysis/index.ts';
import { createNamedStream } from '../../../../engine/sampling/random-stream.ts';
import { buildTestModel as buildSharedTestModel } from '../../../support/build-model.ts';

export interface TestModelSpec {
  readonly nodeCount: number;
  readonly links: ReadonlyArray<readonly [number, number]>;
  readonly services: readonly CompiledService[];
  /** Risk groups as member element lists (default none). */
  readonly groups?: ReadonlyArray<readonly number[]>;
}

/** A CompiledModel with zero failure probabilities, no ids beyond defaults, and the given groups. */
export function buildTestModel(spec: TestModelSpec): CompiledModel {
  return buildSharedTestModel({
    nodeCount: spec.nodeCount,
    links: spec.links,
    services: spec.services,
    // Analysis groups: event probability 0, every member fails with its group.
    groups: (spec.groups ?? []).map((list) => ({ eventProbability: 0, members: list.map((e) => [e, 1] as const) })),
  });
}

/** Two triangles sharing node 2: links 0-1, 1-2, 2-0, then 2-3, 3-4, 4-2 (elements 5..10 on five nodes). */
export const TWO_RINGS_LINKS: ReadonlyArray<readonly [number, number]> = [
  [0, 1],
  [1, 2],
  [2, 0],
  [2, 3],
  [3, 4],
  [4, 2],
];

export function connected(...terminals: number[]): CompiledService {
  return { kind: 'connected', id: `c${terminals.join('-')}`, terminals: Uint32Array.from(terminals) };
}

export function reach(from: number[], to: number[], k: number): CompiledService {
  return {
    kind: 'reach',
    id: `r${from.join('-')}>${to.join('-')}`,
    from: Uint32Array.from(from),
    to: Uint32Array.from(to),
    k,
  };
}

/** Down-state of a set of member codes (elements, and groups as elementCount + g). */
export function downStateOf(model: CompiledModel, codes: readonly number[]): Uint8Array {
  const down = new Uint8Array(model.elementCount);
  const groups = model.groups;
  for (const code of codes) {
    if (code < model.elementCount) {
      down[code] = 1;
    } else {
      const g = code - model.elementCount;
      for (let m = groups.memberStart[g]; m < groups.memberStart[g + 1]; m++) down[groups.memberElement[m]] = 1;
    }
  }
  return down;
}

export function isCutOf(model: CompiledModel, serviceIndex: number, codes: readonly number[]): boolean {
  return isServiceDown(model.topology, model.services[serviceIndex], downStateOf(model, codes));
}

/** Calls `visit` on every subset of `items` (ascending arrays) with at most `maxSize` members, by size then lex. */
export function forEachSubset(items: readonly number[], maxSize: number, visit: (subset: number[]) => void): void {
  const chosen: number[] = [];
  function recurse(size: number, start: number): void {
    if (chosen.length === size) {
      visit(chosen.slice());
      return;
    }
    for (let i = start; i < items.length; i++) {
      chosen.push(items[i]);
      recurse(size, i + 1);
      chosen.pop();
    }
  }
  for (let size = 0; size <= Math.min(maxSize, items.length); size++) recurse(size, 0);
}

/**
 * Brute-force minimal cut sets: every subset up to `maxOrder` of the universe (all elements, plus groups when
 * `includeGroups`) that is a cut while none of its proper subsets is. Sorted by order then lexicographically.
 */
export function bruteForceMinimalCutSets(
  model: CompiledModel,
  serviceIndex: number,
  maxOrder: number,
  includeGroups: boolean,
  candidates?: readonly number[],
): number[][] {
  const universe: number[] = candidates ? [...candidates].sort((a, b) => a - b) : [];
  if (!candidates) for (let e = 0; e < model.elementCount; e++) universe.push(e);
  if (includeGroups) for (let g = 0; g < model.groups.groupCount; g++) universe.push(model.elementCount + g);
  const isCut = new Map<string, boolean>();
  const result: number[][] = [];
  forEachSubset(universe, maxOrder, (subset) => {
    const cut = isCutOf(model, serviceIndex, subset);
    isCut.set(subset.join(','), cut);
    if (!cut) return;
    let minimal = true;
    forEachSubset(subset, subset.length - 1, (proper) => {
      if (isCut.get(proper.join(',')) === true) minimal = false;
    });
    if (minimal) result.push(subset);
  });
  return result;
}

/** The cheapest disconnecting attack by exhaustive search, or null when none fits the budget. */
export function bruteForceCheapestAttack(
  model: CompiledModel,
  serviceIndex: number,
  attackable: readonly number[],
  attackCost: Float64Array,
  budget: { readonly kind: 'count'; readonly count: number } | { readonly kind: 'cost'; readonly cost: number },
): { count: number; cost: number } | null {
  let best: { count: number; cost: number } | null = null;
  const maxSize = budget.kind === 'count' ? budget.count : attackable.length;
  forEachSubset(attackable, maxSize, (subset) => {
    const cost = subset.reduce((sum, e) => sum + attackCost[e], 0);
    if (budget.kind === 'cost' && cost > budget.cost) return;
    const objective = budget.kind === 'count' ? subset.length : cost;
    if (best !== null && objective >= (budget.kind === 'count' ? best.count : best.cost)) return;
    if (isCutOf(model, serviceIndex, subset)) best = { count: subset.length, cost };
  });
  return best;
}

/** Elements that may be attacked: finite cost and of a kind allowed by `targets`. */
export function attackableElements(
  model: CompiledModel,
  attackCost: Float64Array,
  targets: 'links' | 'nodes' | 'all',
): number[] {
  const nodeCount = model.topology.nodeCount;
  const list: number[] = [];
  for (let e = 0; e < model.elementCount; e++) {
    const kindAllowed = e < nodeCount ? targets !== 'links' : targets !== 'nodes';
    if (kindAllowed && attackCost[e] !== Infinity) list.push(e);
  }
  return list;
}

/**
 * A deterministic backbone-like network: `nodeCount` random points in the unit square joined by a Euclidean
 * minimum spanning tree plus short random chords up to `linkCount` links (many degree-2 chains, some spurs).
 * Every random draw comes from an Alea stream seeded with `seed`.
 */
export function buildBackboneLinks(nodeCount: number, linkCount: number, seed: string): Array<[number, number]> {
  if (linkCount > (nodeCount * (nodeCount - 1)) / 2) throw new RangeError('too many links for a simple graph');
  const random = createNamedStream(seed, 'backbone');
  const x = Array.from({ length: nodeCount }, () => random());
  const y = Array.from({ length: nodeCount }, () => random());
  const distance = (a: number, b: number): number => Math.hypot(x[a] - x[b], y[a] - y[b]);
  const links: Array<[number, number]> = [];
  const inTree = new Uint8Array(nodeCount);
  const best = new Float64Array(nodeCount).fill(Infinity);
  const bestFrom = new Int32Array(nodeCount);
  inTree[0] = 1;
  for (let v = 1; v < nodeCount; v++) best[v] = distance(0, v);
  for (let added = 1; added < nodeCount; added++) {
    let u = -1;
    for (let v = 0; v < nodeCount; v++) if (inTree[v] === 0 && (u < 0 || best[v] < best[u])) u = v;
    inTree[u] = 1;
    links.push([bestFrom[u], u]);
    for (let v = 0; v < nodeCount; v++) {
      if (inTree[v] === 0 && distance(u, v) < best[v]) {
        best[v] = distance(u, v);
        bestFrom[v] = u;
      }
    }
  }
  const present = new Set(links.map(([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`));
  while (links.length < linkCount) {
    const a = Math.floor(random() * nodeCount);
    let chosen = -1;
    let chosenDistance = Infinity;
    for (let v = 0; v < nodeCount; v++) {
      if (v === a || present.has(`${Math.min(a, v)}-${Math.max(a, v)}`)) continue;
      const d = distance(a, v) * (0.5 + random());
      if (d < chosenDistance) {
        chosenDistance = d;
        chosen = v;
      }
    }
    if (chosen < 0) continue;
    present.add(`${Math.min(a, chosen)}-${Math.max(a, chosen)}`);
    links.push([a, chosen]);
  }
  return links;
}

/** fast-check seed: FC_SEED when set (CI), else time-based; printed so a failure can be replayed. */
export function propertySeed(suite: string): number {
  const seed = Number(process.env['FC_SEED'] ?? Date.now() % 2 ** 31);
  console.log(`${suite}: fast-check seed ${seed} (set FC_SEED to replay)`);
  return seed;
}
