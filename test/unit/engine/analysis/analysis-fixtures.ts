// Test helpers for engine/analysis: small CompiledModels built with buildCsrTopology, and brute-force oracles
// (subset enumeration) that the exact algorithms are checked against.

import type { CompiledModel, CompiledService } from '../../../../engine/model.ts';
import { isServiceDown } from '../../../../engine/analysis/index.ts';
import { buildCsrTopology } from '../../../../engine/topology/csr-topology.ts';

export interface TestModelSpec {
  readonly nodeCount: number;
  readonly links: ReadonlyArray<readonly [number, number]>;
  readonly services: readonly CompiledService[];
  /** Risk groups as member element lists (default none). */
  readonly groups?: ReadonlyArray<readonly number[]>;
}

/** A CompiledModel with zero failure probabilities, no ids beyond defaults, and the given groups. */
export function buildTestModel(spec: TestModelSpec): CompiledModel {
  const topology = buildCsrTopology(
    spec.nodeCount,
    spec.links.map((l) => l[0]),
    spec.links.map((l) => l[1]),
  );
  const elementCount = spec.nodeCount + spec.links.length;
  const groupLists = spec.groups ?? [];
  const memberStart = new Uint32Array(groupLists.length + 1);
  const members: number[] = [];
  groupLists.forEach((list, g) => {
    members.push(...list);
    memberStart[g + 1] = members.length;
  });
  return {
    topology,
    elementCount,
    elementFailureProbability: new Float64Array(elementCount),
    groups: {
      groupCount: groupLists.length,
      eventProbability: new Float64Array(groupLists.length),
      memberStart,
      memberElement: Uint32Array.from(members),
      memberFailureProbability: new Float64Array(members.length).fill(1),
    },
    services: spec.services,
    index: {
      nodeIds: Array.from({ length: spec.nodeCount }, (_, i) => `n${i}`),
      nodeNames: Array.from({ length: spec.nodeCount }, (_, i) => `n${i}`),
      linkIds: spec.links.map((_, j) => `l${j}`),
      groupIds: groupLists.map((_, g) => `g${g}`),
      groupNames: groupLists.map((_, g) => `g${g}`),
    },
  };
}

export function connected(...terminals: number[]): CompiledService {
  return { kind: 'connected', id: `c${terminals.join('-')}`, terminals: Uint32Array.from(terminals) };
}

export function reach(from: number[], to: number[], k: number): CompiledService {
  return { kind: 'reach', id: `r${from.join('-')}>${to.join('-')}`, from: Uint32Array.from(from), to: Uint32Array.from(to), k };
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
