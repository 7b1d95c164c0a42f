import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  countServedEndpoints,
  createEvaluationScratch,
  labelComponents,
  type CompiledModel,
  type CompiledService,
} from '../../../../engine/index.ts';
import { labelRelevantComponents } from '../../../../engine/evaluation/relevant-components.ts';
import {
  analyseServiceStructures,
  ROLE_CRITICAL,
  ROLE_IRRELEVANT,
} from '../../../../engine/evaluation/service-structure.ts';
import { buildTestModel } from '../../../support/build-model.ts';

const seed = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);
console.log(`fast-check seed: ${seed} (set FC_SEED to replay)`);

const caseArbitrary = fc.integer({ min: 2, max: 10 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    links: fc.array(
      fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 })).filter(([a, b]) => a !== b),
      { minLength: 0, maxLength: 18 },
    ),
    baseDown: fc.array(
      fc.integer({ min: 0, max: 99 }).map((x) => x < 12),
      { minLength: n + 18, maxLength: n + 18 },
    ),
    terminals: fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { minLength: 1, maxLength: Math.min(4, n) }),
    from: fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { minLength: 1, maxLength: Math.min(3, n) }),
    to: fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { minLength: 1, maxLength: Math.min(4, n) }),
    k: fc.integer({ min: 1, max: 4 }),
    extra: fc.array(fc.nat(), { minLength: 0, maxLength: 6 }),
  }),
);

function makeModel(n: number, links: Array<[number, number]>, services: CompiledService[]): CompiledModel {
  return buildTestModel({ nodeCount: n, links, services });
}

function served(model: CompiledModel, service: CompiledService, down: Uint8Array): number {
  const { parent } = createEvaluationScratch(model);
  labelComponents(model, down, parent);
  return countServedEndpoints(service, down, parent);
}

describe('analyseServiceStructures', () => {
  it('flags exactly the single failures that take an up service down, and irrelevant failures never matter', () => {
    fc.assert(
      fc.property(caseArbitrary, ({ n, links, baseDown, terminals, from, to, k, extra }) => {
        const services: CompiledService[] = [
          { kind: 'connected', id: 'c', terminals: Uint32Array.from(terminals) },
          { kind: 'reach', id: 'r', from: Uint32Array.from(from), to: Uint32Array.from(to), k: Math.min(k, to.length) },
        ];
        const model = makeModel(n, links, services);
        const base = Uint8Array.from(baseDown.slice(0, model.elementCount).map((b) => (b ? 1 : 0)));
        const structures = analyseServiceStructures(model, base, services);
        services.forEach((service, s) => {
          const st = structures[s];
          const endpoints = service.kind === 'connected' ? service.terminals.length : service.from.length;
          expect(st.baseServed).toBe(served(model, service, base));
          expect(st.baseUp).toBe(st.baseServed === endpoints);
          for (let e = 0; e < model.elementCount; e++) {
            if (base[e] === 1) {
              expect(st.elementRole[e]).toBe(ROLE_IRRELEVANT);
              continue;
            }
            const down = Uint8Array.from(base);
            down[e] = 1;
            const single = served(model, service, down);
            if (st.elementRole[e] === ROLE_IRRELEVANT) expect(single).toBe(st.baseServed);
            if (st.baseUp) expect(st.elementRole[e] === ROLE_CRITICAL).toBe(single < endpoints);
          }
          // Any failure set: dropping its irrelevant part changes nothing, and restricted union-find agrees.
          const down = Uint8Array.from(base);
          const relevantOnly = Uint8Array.from(base);
          for (const x of extra) {
            const e = x % model.elementCount;
            down[e] = 1;
            if (st.elementRole[e] !== ROLE_IRRELEVANT) relevantOnly[e] = 1;
          }
          const full = served(model, service, down);
          expect(served(model, service, relevantOnly)).toBe(full);
          const parent = new Int32Array(n).fill(-7);
          labelRelevantComponents(model.topology, down, parent, st.relevantLinks, st.relevantNodes);
          expect(countServedEndpoints(service, down, parent)).toBe(full);
        });
      }),
      { seed, numRuns: 3000 },
    );
  });
});
