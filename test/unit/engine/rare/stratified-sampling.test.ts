// Stratified sampling by the number of failure events: the strata partition the state space, the exact part and the
// conditional sampler agree with a full enumeration of a small model (element failures, a certain and a random risk
// group, a forced group with random members, a forced element; and one whose likely duct members are background
// atoms), and the tally's interval is the mapped Clopper-Pearson one.

import { describe, expect, it } from 'vitest';
import {
  addBatch,
  aggregateServices,
  clopperPearsonInterval,
  createScenarioTally,
  estimateServiceFigures,
  runBatch,
  type CompiledModel,
  type CompiledScenario,
} from '../../../../engine/index.ts';
import {
  adoptStratifiedPlans,
  buildStratifiedPlan,
  createStratifiedScratch,
  drawStratifiedState,
  exportStratifiedPlans,
  getStratifiedPlan,
  runStratifiedSamples,
  toStratifiedServiceTally,
} from '../../../../engine/rare/index.ts';
import { labelComponents } from '../../../../engine/evaluation/service-evaluator.ts';
import { countServed } from '../../../../engine/rare/internal/background-outcomes.ts';
import { createBatchStream } from '../../../../engine/sampling/random-stream.ts';
import { buildBaselineScenario, buildTestModel } from '../../../support/build-model.ts';
import { enumeratePlanOutcomes } from '../../../support/stratified-enumeration.ts';
import { exactUnavailabilities } from '../../../contract/support/contract-models.ts';

// A 4-cycle 0-1-2-3-0 with a chord 0-2; the service connects 0 and 2. Links fail independently; group g0 (a duct
// under links 0-1 and 1-2, certain members) and g1 (links 2-3 and 3-0, each failing with probability 0.5) occur at
// random; g2 (the chord, member probability 0.4) is forced in the 'forced' scenario.
const LINKS = [
  [0, 1],
  [1, 2],
  [2, 3],
  [3, 0],
  [0, 2],
] as const;
const Q = [0.1, 0.05, 0.2, 0.15, 0.12];

function buildModel(): CompiledModel {
  return buildTestModel({
    nodeCount: 4,
    links: LINKS,
    nodeFailureProbability: [0, 0.03, 0.01, 0.02],
    linkFailureProbability: Q,
    services: [{ kind: 'connected', id: 's', terminals: Uint32Array.from([0, 2]) }],
    groups: [
      { eventProbability: 0.05, members: [[5, 1], [6, 1]] },
      { eventProbability: 0.08, members: [[7, 0.5], [8, 0.5]] },
      { eventProbability: 0.01, members: [[9, 0.4]] },
    ],
  });
}

/** Every joint outcome of the model's independent draws, with its probability and failed-element set. */
function enumerateStates(model: CompiledModel, scenario: CompiledScenario): Array<{ probability: number; down: Uint8Array }> {
  const q = model.elementFailureProbability;
  const groups = model.groups;
  // Trials: each element, each group event, each member (its draw matters only when the event occurs).
  const trials: Array<{ p: number; apply: (down: Uint8Array, occurred: Uint8Array) => void; group?: number }> = [];
  const forced = new Set(scenario.forcedGroups);
  for (let e = 0; e < model.elementCount; e++) if (q[e] > 0) trials.push({ p: q[e], apply: (d) => (d[e] = 1) });
  for (let g = 0; g < groups.groupCount; g++) {
    if (!forced.has(g)) trials.push({ p: groups.eventProbability[g], apply: (_, o) => (o[g] = 1), group: g });
  }
  const states: Array<{ probability: number; down: Uint8Array }> = [];
  const memberCount = groups.memberStart[groups.groupCount];
  for (let mask = 0; mask < 2 ** (trials.length + memberCount); mask++) {
    let probability = 1;
    const down = new Uint8Array(model.elementCount);
    const occurred = new Uint8Array(groups.groupCount);
    trials.forEach((t, i) => {
      const hit = ((mask >>> i) & 1) === 1;
      probability *= hit ? t.p : 1 - t.p;
      if (hit) t.apply(down, occurred);
    });
    for (const g of forced) occurred[g] = 1;
    for (let m = 0; m < memberCount; m++) {
      const hit = ((mask >>> (trials.length + m)) & 1) === 1;
      const p = groups.memberFailureProbability[m];
      probability *= hit ? p : 1 - p;
      const g = [...Array(groups.groupCount).keys()].find((k) => groups.memberStart[k] <= m && m < groups.memberStart[k + 1]) ?? 0;
      if (hit && occurred[g] === 1) down[groups.memberElement[m]] = 1;
    }
    for (const e of scenario.forcedElements) down[e] = 1;
    if (probability > 0) states.push({ probability, down });
  }
  return states;
}

function isDown(model: CompiledModel, down: Uint8Array): boolean {
  const parent = new Int32Array(model.topology.nodeCount);
  labelComponents(model, down, parent);
  return down[0] === 1 || down[2] === 1 || parent[0] !== parent[2];
}

function exactUnavailability(model: CompiledModel, scenario: CompiledScenario): number {
  return enumerateStates(model, scenario).reduce((u, s) => u + (isDown(model, s.down) ? s.probability : 0), 0);
}

const SCENARIOS: CompiledScenario[] = [
  buildBaselineScenario(),
  buildBaselineScenario({ id: 'forced', name: 'forced', forcedGroups: Uint32Array.from([2]), forcedElements: Uint32Array.from([1]) }),
];

// The 4-cycle with its chord and a parallel path 0-4-2 in a duct (group g3, forced in BACKGROUND_SCENARIO, each of its
// two links failing with probability 0.3: background atoms); node 1 and the chord forced down, so the service rests
// on 0-3-2 and the duct's path, and a single failure on 0-3-2 takes it down only when the duct has failed too.
function buildBackgroundModel(): CompiledModel {
  return buildTestModel({
    nodeCount: 5,
    links: [...LINKS, [0, 4], [4, 2]],
    nodeFailureProbability: [0, 0.03, 0.01, 0.02, 0.01],
    linkFailureProbability: [0.01, 0.02, 0.03, 0.04, 0.01, 0.02, 0.03],
    services: [{ kind: 'connected', id: 's', terminals: Uint32Array.from([0, 2]) }],
    groups: [
      { eventProbability: 0.05, members: [[5, 1], [6, 1]] },
      { eventProbability: 0.008, members: [[7, 0.5], [8, 0.5]] },
      { eventProbability: 0.01, members: [[9, 0.4]] },
      { eventProbability: 0.001, members: [[10, 0.3], [11, 0.3]] },
    ],
  });
}

const BACKGROUND_SCENARIO = buildBaselineScenario({
  id: 'duct',
  name: 'duct',
  forcedGroups: Uint32Array.from([3]),
  forcedElements: Uint32Array.from([1, 9]),
});

describe('stratified sampling', () => {
  it.each(SCENARIOS.map((s) => [s.id, s] as const))('partitions the states and is unbiased (%s)', (_, scenario) => {
    const model = buildModel();
    const plan = buildStratifiedPlan(model, scenario, 0);
    let none = 1;
    for (const p of plan.atomProbability) none *= 1 - p;
    let single = 0;
    for (const p of plan.atomProbability) single += (none / (1 - p)) * p;
    expect(none + single + plan.atLeastTwoProbability).toBeCloseTo(1, 14);
    expect(plan.constant).toBeGreaterThan(0);
    expect(plan.weight).toBeGreaterThan(0);
    // E[Y] = c + w P(down | R): the conditional down probability from many draws, against the enumeration.
    const exact = exactUnavailability(model, scenario);
    const n = 200_000;
    const sums = runStratifiedSamples(model, scenario, 0, createBatchStream('t', scenario.id, 0), n, createStratifiedScratch(model));
    const p = (exact - plan.constant) / plan.weight;
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThan(1);
    const sd = Math.sqrt((p * (1 - p)) / n);
    expect(Math.abs(sums.down / n - p)).toBeLessThan(5 * sd);
  });

  it.each([
    ['every atom counted', buildModel, SCENARIOS[0], 0],
    ['background atoms', buildBackgroundModel, BACKGROUND_SCENARIO, 1],
  ] as const)('draws each state of R with its exact conditional probability (%s)', (_, build, scenario, background) => {
    const model = build();
    const plan = buildStratifiedPlan(model, scenario, 0);
    expect(plan.backgroundCount > 0 ? 1 : 0).toBe(background);
    // The exact conditional law of the failed-element set given R, from every outcome of the plan's draws.
    const key = (down: Uint8Array): string => down.join('');
    const exact = new Map<string, number>();
    let exactPart = 0;
    let weight = 0;
    const parent = new Int32Array(model.topology.nodeCount);
    enumeratePlanOutcomes(model, plan, ({ probability, down, inR }) => {
      if (!inR) {
        if (countServed(model, 0, down.slice(), parent) < plan.endpointCount) exactPart += probability;
        return;
      }
      weight += probability;
      exact.set(key(down), (exact.get(key(down)) ?? 0) + probability / plan.weight);
    });
    // The exact part and the weight of R, against the enumeration; the exact part is u's first and main term.
    expect(plan.constant).toBeGreaterThan(0);
    expect(Math.abs(plan.constant - exactPart)).toBeLessThan(1e-12 * plan.constant);
    expect(Math.abs(plan.weight - weight)).toBeLessThan(1e-12 * plan.weight);
    const n = 300_000;
    const counts = new Map<string, number>();
    const random = createBatchStream('law', scenario.id, 0);
    const down = new Uint8Array(model.elementCount);
    for (let i = 0; i < n; i++) {
      drawStratifiedState(model, plan, random, down);
      counts.set(key(down), (counts.get(key(down)) ?? 0) + 1);
    }
    for (const state of counts.keys()) expect(exact.has(state), `drawn state ${state} is not in R`).toBe(true);
    for (const [state, p] of exact) {
      if (p * n < 50) continue;
      const sd = Math.sqrt(p * (1 - p) * n);
      expect(Math.abs((counts.get(state) ?? 0) - p * n), `state ${state}`).toBeLessThan(5 * sd);
    }
    let total = 0;
    for (const p of exact.values()) total += p;
    expect(total).toBeCloseTo(1, 12);
  });

  it('decides states over the background atoms: a lighter sampled part than counting them, the same unavailability', () => {
    const model = buildBackgroundModel();
    const lighter = buildStratifiedPlan(model, BACKGROUND_SCENARIO, 0);
    const counted = buildStratifiedPlan(model, BACKGROUND_SCENARIO, 0, 'never');
    expect(counted.backgroundCount).toBe(0);
    expect(lighter.weight).toBeLessThan(counted.weight / 1.5);
    // Single failures whose effect depends on the background (link 2-3 with the duct's links) are sampled.
    expect(lighter.sampledSingleAtoms.length).toBeGreaterThan(0);
    const exact = exactUnavailabilities(model, BACKGROUND_SCENARIO)[0];
    const parent = new Int32Array(model.topology.nodeCount);
    const down = new Uint8Array(model.elementCount);
    for (const plan of [lighter, counted]) {
      const n = 100_000;
      const random = createBatchStream('bg', String(plan.backgroundCount), 0);
      let downs = 0;
      for (let i = 0; i < n; i++) {
        drawStratifiedState(model, plan, random, down);
        if (countServed(model, 0, down, parent) < plan.endpointCount) downs++;
      }
      const p = (exact - plan.constant) / plan.weight;
      expect(Math.abs(downs / n - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / n));
    }
  });

  it('gives the Clopper-Pearson interval of the sampled downs, mapped through c + w x, through runBatch', () => {
    const model = buildModel();
    const scenario: CompiledScenario = { ...SCENARIOS[0], serviceEstimators: ['stratified'] };
    const plan = { model, scenarios: [scenario], seed: 'cp', batchSize: 1, rareEventSamplesPerBatch: 2_000, stopping: { relativeError: null, maxSamples: 3, maxTimeSeconds: null, minSamples: 0 } };
    const tally = createScenarioTally(0);
    for (let b = 0; b < 3; b++) addBatch(tally, runBatch(plan, 0, b, 1));
    const aggregate = aggregateServices(tally, 3)[0];
    const strata = aggregate.strata;
    if (strata === undefined) throw new Error('no strata');
    expect(aggregate.estimator).toBe('stratified');
    expect(aggregate.samples).toBe(6_000);
    const cp = clopperPearsonInterval(strata.down, 6_000);
    const figures = estimateServiceFigures(aggregate, 2);
    expect(figures.unavailability.lower).toBeCloseTo(strata.constant + strata.weight * cp.lower, 15);
    expect(figures.unavailability.upper).toBeCloseTo(strata.constant + strata.weight * cp.upper, 15);
    expect(figures.unavailability.estimate).toBeCloseTo(aggregate.sum / aggregate.samples, 15);
    const stratified = buildStratifiedPlan(model, SCENARIOS[0], 0);
    const direct = toStratifiedServiceTally({ samples: 10, down: 3, served: 12, plan: stratified });
    expect(direct.strata).toEqual({ constant: stratified.constant, weight: stratified.weight, down: 3 });
    expect(direct.sum / 10).toBeCloseTo(stratified.constant + (stratified.weight * 3) / 10, 15);
  });

  it('shares a plan between scenario objects with the same draws, and hands plans to another thread as plain data', () => {
    const model = buildBackgroundModel();
    const plan = getStratifiedPlan(model, BACKGROUND_SCENARIO, 0);
    // The plan's scenario adds the estimators to the scenario the estimator choice built the plan on: one plan.
    expect(getStratifiedPlan(model, { ...BACKGROUND_SCENARIO, serviceEstimators: ['stratified'] }, 0)).toBe(plan);
    expect(getStratifiedPlan(model, { ...BACKGROUND_SCENARIO, forcedElements: Uint32Array.from([1]) }, 0)).not.toBe(plan);
    // A worker's model is a structured clone: it adopts the plans, and they equal what it would build itself.
    const exported = exportStratifiedPlans(model);
    expect(exported.length).toBe(2);
    const workerModel = structuredClone(model);
    const workerScenario = structuredClone(BACKGROUND_SCENARIO);
    const handed = structuredClone(exported);
    adoptStratifiedPlans(workerModel, handed);
    const adopted = getStratifiedPlan(workerModel, workerScenario, 0);
    expect(handed.some(([, p]) => p === adopted)).toBe(true);
    expect(adopted).toEqual(buildStratifiedPlan(workerModel, workerScenario, 0));
    expect(getStratifiedPlan(structuredClone(model), workerScenario, 0)).toEqual(adopted);
  });

  it('refuses a random attack', () => {
    const model = buildModel();
    const scenario = buildBaselineScenario({ attack: { kind: 'random', candidates: Uint32Array.from([4, 5]), count: 1 } });
    expect(() => buildStratifiedPlan(model, scenario, 0)).toThrow(/random attack/);
  });
});
