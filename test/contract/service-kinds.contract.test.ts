// The contract of every service kind's declaration (engine/services): its evaluation on labelled states, its
// breadth-first evaluation and levels, its reach criterion and reach form, and its frontier tags all say the same
// thing about the same failure state, and the frontier DP built on its tags matches the brute-force enumerator.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  computeExactUnavailability,
  createComponentSearchScratch,
  enumerateUnavailability,
  labelComponents,
  nextSearchStamp,
  SERVICE_KIND_NAMES,
  SERVICE_KINDS,
  type CompiledModel,
  type CompiledService,
  type ServiceKindDefinition,
} from '../../engine/index.ts';
import { buildBaselineScenario, buildTestModel } from '../support/build-model.ts';
import { contractSeed, SERVICE_ARBITRARIES } from './support/contract-models.ts';

/** A random network of 2 to 7 nodes, a service of the kind on it, and random failure states. */
function caseArbitrary(kind: (typeof SERVICE_KIND_NAMES)[number]) {
  return fc.integer({ min: 2, max: 7 }).chain((nodeCount) =>
    fc.record({
      nodeCount: fc.constant(nodeCount),
      links: fc.array(
        fc
          .tuple(fc.nat({ max: nodeCount - 1 }), fc.nat({ max: nodeCount - 2 }))
          .map(([a, b]) => [a, b >= a ? b + 1 : b] as const),
        { minLength: 1, maxLength: 10 },
      ),
      service: SERVICE_ARBITRARIES[kind](nodeCount) as fc.Arbitrary<CompiledService>,
      states: fc.array(fc.array(fc.boolean(), { minLength: nodeCount + 10, maxLength: nodeCount + 10 }), {
        minLength: 1,
        maxLength: 8,
      }),
    }),
  );
}

/** Whether a reach statement (every `from` node up and reaching k up `to` nodes) holds, by labelled components. */
function isReachSatisfied(from: Uint32Array, to: Uint32Array, k: number, down: Uint8Array, root: Int32Array): boolean {
  for (const f of from) {
    if (down[f] === 1) return false;
    let reached = 0;
    for (const t of to) if (down[t] === 0 && root[t] === root[f]) reached++;
    if (reached < k) return false;
  }
  return true;
}

/** Whether some up `from` node shares a component with some up `to` node. */
function reachesAny(from: Uint32Array, to: Uint32Array, down: Uint8Array, root: Int32Array): boolean {
  for (const f of from) for (const t of to) if (down[f] === 0 && down[t] === 0 && root[f] === root[t]) return true;
  return false;
}

for (const kind of SERVICE_KIND_NAMES) {
  const definition = SERVICE_KINDS[kind] as ServiceKindDefinition<CompiledService>;
  describe(`service kind '${kind}' (service-kind contract)`, () => {
    const seed = contractSeed(`service kind ${kind}`);

    it('evaluates every failure state the same way through each of its forms', () => {
      fc.assert(
        fc.property(caseArbitrary(kind), ({ nodeCount, links, service, states }) => {
          const model: CompiledModel = buildTestModel({ nodeCount, links, services: [service] });
          const scratch = createComponentSearchScratch(nodeCount);
          const root = new Int32Array(nodeCount);
          const criterion = definition.toReachCriterion(service);
          const form = definition.toReachForm(service, nodeCount);
          const named = new Set(definition.listNodes(service));
          for (const v of [...criterion.from, ...criterion.to, ...form.from, ...form.to])
            expect(named.has(v)).toBe(true);
          for (const state of states) {
            const down = Uint8Array.from(state.slice(0, model.elementCount), (b) => (b ? 1 : 0));
            labelComponents(model, down, root);
            const served = definition.countServed(service, down, root);
            const endpoints = definition.countEndpoints(service);
            if (!definition.countsFromLabels) {
              // It ignores the labels: wrong ones (every node its own component, or all in one) give the same count.
              expect(definition.countServed(service, down, Int32Array.from(root, (_, v) => v))).toBe(served);
              expect(definition.countServed(service, down, new Int32Array(nodeCount))).toBe(served);
            }
            expect(served).toBeGreaterThanOrEqual(0);
            expect(served).toBeLessThanOrEqual(endpoints);
            const up = served === endpoints;
            const isDown = definition.isDown(model.topology, service, down, scratch, nextSearchStamp(scratch));
            const level = definition.measureLevel(model.topology, service, down, scratch, nextSearchStamp(scratch));
            expect(isDown).toBe(!up);
            expect(level).toBeGreaterThanOrEqual(0);
            expect(level).toBeLessThanOrEqual(definition.fullLevel(service));
            expect(level === definition.fullLevel(service)).toBe(up);
            if (definition.reachIsExact) {
              expect(isReachSatisfied(criterion.from, criterion.to, criterion.k, down, root)).toBe(up);
              expect(isReachSatisfied(form.from, form.to, form.k, down, root)).toBe(up);
            } else if (!reachesAny(criterion.from, criterion.to, down, root)) {
              // A flow, a path or a set of disjoint paths needs a `from` node connected to a `to` node.
              expect(up).toBe(false);
            }
            if (up && definition.markWitness !== undefined) {
              // The witness keeps the service up: fail everything outside it and the service is still up.
              const witness = new Uint8Array(model.elementCount);
              definition.markWitness(service, down, witness);
              const rest = Uint8Array.from(down, (d, e) => (d === 1 || witness[e] === 0 ? 1 : 0));
              labelComponents(model, rest, root);
              expect(definition.countServed(service, rest, root)).toBe(endpoints);
              // Any part of the rest too (stratified sampling reads it so for the non-monotone traffic kind): the
              // elements outside it that the next state of the case fails.
              const other = states[(states.indexOf(state) + 1) % states.length];
              const some = Uint8Array.from(down, (d, e) => (d === 1 || (witness[e] === 0 && other[e]) ? 1 : 0));
              labelComponents(model, some, root);
              expect(definition.countServed(service, some, root)).toBe(endpoints);
            }
            if (definition.servedIsMonotone) {
              // One more failure never raises the served count.
              for (let e = 0; e < model.elementCount; e++) {
                if (down[e] === 1) continue;
                const more = down.slice();
                more[e] = 1;
                labelComponents(model, more, root);
                expect(definition.countServed(service, more, root)).toBeLessThanOrEqual(served);
              }
            }
          }
        }),
        { seed, numRuns: 300 },
      );
    });

    it('gives the frontier DP (its tags) the brute-force enumerator’s answer', () => {
      fc.assert(
        fc.property(
          caseArbitrary(kind),
          fc.array(fc.constantFrom(0, 0.1, 0.3, 1), { minLength: 17, maxLength: 17 }),
          ({ nodeCount, links, service }, q) => {
            const model = buildTestModel({
              nodeCount,
              links,
              nodeFailureProbability: q.slice(0, nodeCount),
              linkFailureProbability: q.slice(7),
              services: [service],
            });
            const options = { scenario: buildBaselineScenario() };
            const exact = computeExactUnavailability(model, 0, options);
            const enumerated = enumerateUnavailability(model, 0, options);
            // The frontier DP decides connectivity only: it declines the other kinds instead of answering wrongly.
            if (!definition.reachIsExact) expect(exact).toBeNull();
            if (exact === null || enumerated === null) return;
            expect(Math.abs(exact.unavailability - enumerated.unavailability)).toBeLessThan(1e-12);
            expect(Math.abs(exact.availability - enumerated.availability)).toBeLessThan(1e-12);
          },
        ),
        { seed, numRuns: 150 },
      );
    });
  });
}
