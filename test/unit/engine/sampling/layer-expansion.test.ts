// The layer expansion (engine/sampling/layer-expansion.ts) against a direct evaluation, by exhaustive enumeration on
// small random layered models (fast-check): every state of the physical links and the logical links' own equipment,
// both forms of the expansion (whole state and failure list), and the exact enumerator's unavailability against a
// direct sum over states with a plain graph search over the surviving logical links.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildLayerModel,
  enumerateUnavailability,
  expandLayerState,
  type CompiledModel,
  type LayerModel,
} from '../../../../engine/index.ts';
import { expandLayerFailureList } from '../../../../engine/sampling/layer-expansion.ts';
import { buildTestModel } from '../../../support/build-model.ts';

const seed = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);
console.log(`fast-check seed: ${seed} (set FC_SEED to replay)`);

interface LayeredSpec {
  readonly nodeCount: number;
  /** Logical links (service graph): end nodes, own failure probability, working and protection routes (indices into physical). */
  readonly logical: ReadonlyArray<{ readonly ends: readonly [number, number]; readonly q: number; readonly working: readonly number[]; readonly protection: readonly number[] }>;
  readonly physicalQ: readonly number[];
  readonly terminals: readonly number[];
  /** Risk groups over physical links: event probability and member indices into physical. */
  readonly groups: ReadonlyArray<{ readonly p: number; readonly members: readonly number[] }>;
}

const specArbitrary: fc.Arbitrary<LayeredSpec> = fc
  .record({ nodeCount: fc.integer({ min: 2, max: 5 }), physicalCount: fc.integer({ min: 1, max: 6 }) })
  .chain(({ nodeCount, physicalCount }) => {
    const route = fc.uniqueArray(fc.integer({ min: 0, max: physicalCount - 1 }), { minLength: 1, maxLength: physicalCount });
    return fc.record({
      nodeCount: fc.constant(nodeCount),
      logical: fc.array(
        fc.record({
          ends: fc.tuple(fc.integer({ min: 0, max: nodeCount - 1 }), fc.integer({ min: 0, max: nodeCount - 1 })).filter(([a, b]) => a !== b),
          q: fc.constantFrom(0, 0.05, 0.3),
          working: route,
          // Protection: none, or a route (disjointness is the file format's rule; the engine rule does not need it).
          protection: fc.oneof(fc.constant([] as number[]), route),
        }),
        { minLength: 1, maxLength: 5 },
      ),
      physicalQ: fc.array(fc.constantFrom(0.02, 0.1, 0.5), { minLength: physicalCount, maxLength: physicalCount }),
      terminals: fc.uniqueArray(fc.integer({ min: 0, max: nodeCount - 1 }), { minLength: 2, maxLength: Math.min(3, nodeCount) }),
      groups: fc.array(
        fc.record({ p: fc.constantFrom(0.01, 0.2), members: fc.uniqueArray(fc.integer({ min: 0, max: physicalCount - 1 }), { minLength: 1, maxLength: 3 }) }),
        { maxLength: 2 },
      ),
    });
  });

/** Element layout: nodes, logical links (graph), physical links. */
function buildModel(spec: LayeredSpec): CompiledModel {
  const n = spec.nodeCount;
  const l = spec.logical.length;
  const physicalBase = n + l;
  const elementCount = physicalBase + spec.physicalQ.length;
  const graph = buildTestModel({
    nodeCount: n,
    links: spec.logical.map((x) => x.ends),
    linkFailureProbability: spec.logical.map((x) => x.q),
    services: [{ kind: 'connected', id: 's', terminals: Uint32Array.from(spec.terminals) }],
    groups: spec.groups.map((g) => ({ eventProbability: g.p, members: g.members.map((m) => [physicalBase + m, 1] as const) })),
  });
  const q = new Float64Array(elementCount);
  q.set(graph.elementFailureProbability);
  spec.physicalQ.forEach((p, j) => (q[physicalBase + j] = p));
  const layers = buildLayerModel(
    elementCount,
    physicalBase,
    spec.logical.map((x, i) => ({
      element: n + i,
      working: x.working.map((j) => physicalBase + j),
      protection: x.protection.map((j) => physicalBase + j),
    })),
  );
  return { ...graph, elementCount, elementFailureProbability: q, layers };
}

/** The rule written out plainly: down by its own failure, or working route hit and (no protection or protection hit). */
function directLogicalDown(spec: LayeredSpec, ownDown: readonly boolean[], physicalDown: readonly boolean[]): boolean[] {
  return spec.logical.map((x, i) => {
    const hit = (route: readonly number[]): boolean => route.some((j) => physicalDown[j]);
    return ownDown[i] || (hit(x.working) && (x.protection.length === 0 || hit(x.protection)));
  });
}

/** Terminals in one component of the surviving logical links (nodes perfect), by a plain depth-first search. */
function directConnected(spec: LayeredSpec, logicalDown: readonly boolean[]): boolean {
  const seen = new Set<number>([spec.terminals[0]]);
  const stack = [spec.terminals[0]];
  while (stack.length > 0) {
    const v = stack.pop() ?? 0;
    spec.logical.forEach((x, i) => {
      if (logicalDown[i]) return;
      const [a, b] = x.ends;
      const w = a === v ? b : b === v ? a : -1;
      if (w >= 0 && !seen.has(w)) {
        seen.add(w);
        stack.push(w);
      }
    });
  }
  return spec.terminals.every((t) => seen.has(t));
}

function bits(mask: number, count: number): boolean[] {
  return Array.from({ length: count }, (_, i) => ((mask >>> i) & 1) === 1);
}

describe('expandLayerState and expandLayerFailureList', () => {
  it('mark exactly the logical links the direct rule takes down, in every state of small random models', () => {
    fc.assert(
      fc.property(specArbitrary, (spec) => {
        const model = buildModel(spec);
        const layers = model.layers as LayerModel;
        const n = spec.nodeCount;
        const l = spec.logical.length;
        const p = spec.physicalQ.length;
        const down = new Uint8Array(model.elementCount);
        const mark = new Uint8Array(model.elementCount);
        const failed = new Uint32Array(model.elementCount);
        const counts = new Uint32Array(2);
        for (let mask = 0; mask < 2 ** (l + p); mask++) {
          const own = bits(mask, l);
          const physical = bits(mask >>> l, p);
          const expected = directLogicalDown(spec, own, physical);
          down.fill(0);
          own.forEach((d, i) => d && (down[n + i] = 1));
          physical.forEach((d, j) => d && (down[n + l + j] = 1));
          const before = down.reduce((a, b) => a + b, 0);
          const added = expandLayerState(layers, down);
          expect(Array.from(down.subarray(n, n + l), (x) => x === 1)).toEqual(expected);
          expect(added).toBe(down.reduce((a, b) => a + b, 0) - before);
          // Idempotent.
          expect(expandLayerState(layers, down)).toBe(0);
          // The list form: same set, service-graph elements first.
          mark.fill(0);
          let count = 0;
          for (let e = 0; e < model.elementCount; e++) {
            if ((e >= n && e < n + l && own[e - n]) || (e >= n + l && physical[e - n - l])) {
              mark[e] = 1;
              failed[count++] = e;
            }
          }
          expandLayerFailureList(layers, mark, failed, count, counts);
          const listed = Array.from(failed.subarray(0, counts[1])).sort((a, b) => a - b);
          const expectedList = [...down.keys()].filter((e) => down[e] === 1);
          expect(listed).toEqual(expectedList);
          expect(Array.from(failed.subarray(0, counts[0])).every((e) => e < n + l)).toBe(true);
          expect(Array.from(failed.subarray(counts[0], counts[1])).every((e) => e >= n + l)).toBe(true);
          expect(Array.from(mark)).toEqual(Array.from(down));
        }
      }),
      { seed, numRuns: 60 },
    );
  });

  it('make the exact enumerator agree with a direct sum over all states (risk groups included)', () => {
    fc.assert(
      fc.property(specArbitrary, (spec) => {
        const model = buildModel(spec);
        const l = spec.logical.length;
        const p = spec.physicalQ.length;
        const g = spec.groups.length;
        let unavailability = 0;
        for (let mask = 0; mask < 2 ** (l + p + g); mask++) {
          const own = bits(mask, l);
          const physicalOwn = bits(mask >>> l, p);
          const events = bits(mask >>> (l + p), g);
          let weight = 1;
          own.forEach((d, i) => (weight *= d ? spec.logical[i].q : 1 - spec.logical[i].q));
          physicalOwn.forEach((d, j) => (weight *= d ? spec.physicalQ[j] : 1 - spec.physicalQ[j]));
          events.forEach((d, k) => (weight *= d ? spec.groups[k].p : 1 - spec.groups[k].p));
          if (weight === 0) continue;
          const physical = physicalOwn.map((d, j) => d || spec.groups.some((grp, k) => events[k] && grp.members.includes(j)));
          if (!directConnected(spec, directLogicalDown(spec, own, physical))) unavailability += weight;
        }
        const exact = enumerateUnavailability(model, 0, { maxUncertain: 24 });
        expect(exact).not.toBeNull();
        expect(exact?.unavailability ?? NaN).toBeCloseTo(unavailability, 12);
      }),
      { seed, numRuns: 60 },
    );
  });
});
