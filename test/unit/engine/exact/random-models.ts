// Test helper: fast-check arbitraries of small random models (<= 7 nodes, <= 9 links) with connected or reach
// services, node failures and risk groups, small enough for the brute-force enumerator.

import fc from 'fast-check';
import type { CompiledModel } from '../../../../engine/model.ts';
import { buildModel, connected, reach, type RiskGroupSpec } from './model-builders.ts';

/** Seed of the property runs: FAST_CHECK_SEED in CI, else a fixed default so local runs reproduce. */
export const PROPERTY_SEED = Number(process.env['FAST_CHECK_SEED'] ?? 20240611);

const probability = fc.oneof(
  fc.constant(0),
  fc.double({ min: 0.001, max: 0.5, noNaN: true }),
  fc.constantFrom(0.01, 0.1, 0.3, 1),
);

export interface RandomModelOptions {
  readonly maxNodes?: number;
  readonly maxLinks?: number;
  readonly withGroups?: boolean;
  readonly withNodeFailures?: boolean;
}

export function arbitraryModel(options: RandomModelOptions = {}): fc.Arbitrary<CompiledModel> {
  const maxNodes = options.maxNodes ?? 7;
  const maxLinks = options.maxLinks ?? 9;
  return fc.integer({ min: 2, max: maxNodes }).chain((nodeCount) =>
    fc
      .record({
        links: fc.array(
          fc
            .tuple(fc.nat({ max: nodeCount - 1 }), fc.nat({ max: nodeCount - 2 }))
            .map(([a, b]) => [a, b >= a ? b + 1 : b] as const),
          { minLength: 1, maxLength: maxLinks },
        ),
        nodeQ: fc.array(options.withNodeFailures === false ? fc.constant(0) : probability, {
          minLength: nodeCount,
          maxLength: nodeCount,
        }),
        linkQ: fc.array(probability, { minLength: maxLinks, maxLength: maxLinks }),
        service: fc.oneof(
          fc
            .uniqueArray(fc.nat({ max: nodeCount - 1 }), { minLength: 1, maxLength: Math.min(4, nodeCount) })
            .map((terminals) => connected(terminals)),
          fc
            .record({
              from: fc.uniqueArray(fc.nat({ max: nodeCount - 1 }), { minLength: 1, maxLength: 2 }),
              to: fc.uniqueArray(fc.nat({ max: nodeCount - 1 }), { minLength: 1, maxLength: 3 }),
              kFraction: fc.double({ min: 0, max: 0.999, noNaN: true }),
            })
            .map(({ from, to, kFraction }) => reach(from, to, 1 + Math.floor(kFraction * to.length))),
        ),
        groups: options.withGroups
          ? fc.array(
              fc.record({
                eventProbability: fc.constantFrom(0.001, 0.05, 0.2, 1),
                members: fc.array(fc.tuple(fc.nat({ max: nodeCount + maxLinks - 1 }), fc.constantFrom(1, 0.5, 0.2)), {
                  minLength: 1,
                  maxLength: 3,
                }),
              }),
              { maxLength: 2 },
            )
          : fc.constant([] as RiskGroupSpec[]),
      })
      .map(({ links, nodeQ, linkQ, service, groups }) =>
        buildModel({
          nodeCount,
          links,
          nodeFailureProbability: nodeQ,
          linkFailureProbability: linkQ.slice(0, links.length),
          services: [service],
          groups: groups.map((g) => ({
            eventProbability: g.eventProbability,
            members: uniqueMembers(g.members.filter(([e]) => e < nodeCount + links.length)),
          })),
        }),
      ),
  );
}

function uniqueMembers(members: ReadonlyArray<readonly [number, number]>): Array<readonly [number, number]> {
  const seen = new Set<number>();
  return members.filter(([e]) => (seen.has(e) ? false : (seen.add(e), true)));
}
