// Golden exact value of a layered model: the circuits-ring6 reference of ../shared/reference (two 1+1-protected
// circuits over a six-segment physical ring, a duct under one working and one protection segment; copied with its
// topology file to test/fixtures/topologies/layers) read through the topology file, validated and compiled, then
// solved by exact enumeration (to rounding) and by crude Monte Carlo, fast and simple samplers (the 95% interval must
// hold the exact value at a fixed seed); spof, the optimal saboteur and stratified sampling's plan see through the
// layers.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  addBatch,
  aggregateServices,
  clopperPearsonInterval,
  createScenarioTally,
  enumerateUnavailability,
  findSinglePointsOfFailure,
  planAttack,
  runBatch,
  type CompiledModel,
} from '../../engine/index.ts';
import { buildStratifiedPlan } from '../../engine/rare/index.ts';
import { countServed } from '../../engine/rare/internal/background-outcomes.ts';
import { compileModel, parseSourceDocument, validateTopology } from '../../scenarios/index.ts';
import { buildBaselineScenario } from '../support/build-model.ts';
import { enumeratePlanOutcomes } from '../support/stratified-enumeration.ts';

const DIR = new URL('../fixtures/topologies/layers/', import.meta.url);
const NAME = 'circuits-ring6-q0.01';
const SAMPLES = 400_000;
const BATCH = 50_000;

async function loadCase(): Promise<{ model: CompiledModel; exact: number }> {
  const parsed = parseSourceDocument(`${NAME}.yaml`, readFileSync(new URL(`${NAME}.yaml`, DIR), 'utf8'));
  if (parsed.kind !== 'ok') throw new Error(`${NAME}: cannot parse`);
  const validation = await validateTopology(parsed.document);
  if (validation.kind !== 'ok') throw new Error(`${NAME}: ${JSON.stringify(validation.diagnostics)}`);
  const reference = JSON.parse(readFileSync(new URL(`${NAME}.json`, DIR), 'utf8')) as { exact: { unavailability: number } };
  return { model: compileModel(validation.model), exact: reference.exact.unavailability };
}

function crudeInterval(model: CompiledModel, sampler: 'fast' | 'simple') {
  const plan = {
    model,
    scenarios: [buildBaselineScenario()],
    seed: '2',
    batchSize: BATCH,
    stopping: { relativeError: null, maxSamples: SAMPLES, maxTimeSeconds: null, minSamples: 0 },
  };
  const tally = createScenarioTally(0);
  for (let b = 0; b < SAMPLES / BATCH; b++) addBatch(tally, runBatch(plan, 0, b, BATCH, { sampler }));
  const [aggregate] = aggregateServices(tally, SAMPLES / BATCH);
  return clopperPearsonInterval(aggregate.sum, aggregate.samples);
}

describe('layered reference network circuits-ring6-q0.01', () => {
  it('exact enumeration gives the reference unavailability', async () => {
    const { model, exact } = await loadCase();
    expect(enumerateUnavailability(model, 0)?.unavailability ?? NaN).toBeCloseTo(exact, 14);
  });

  for (const sampler of ['fast', 'simple'] as const) {
    it(`crude Monte Carlo (${sampler} sampler): the 95% interval holds the exact unavailability (seed 2)`, async () => {
      const { model, exact } = await loadCase();
      const ci = crudeInterval(model, sampler);
      expect(ci.lower).toBeLessThanOrEqual(exact);
      expect(ci.upper).toBeGreaterThanOrEqual(exact);
    });
  }

  it('a targeted attack on one route segment: fast and simple crude intervals hold the exact value (seed 3)', async () => {
    const { model } = await loadCase();
    // seg0 lies on circuit A's working route and circuit B's protection route; the attack takes neither down alone.
    const seg0 = model.index.linkIds.indexOf('seg0') + model.topology.nodeCount;
    const scenario = buildBaselineScenario({ attack: { kind: 'targeted', elementsByService: [Uint32Array.of(seg0)] } });
    const exact = enumerateUnavailability(model, 0, { scenario })?.unavailability ?? NaN;
    expect(exact).toBeGreaterThan(0.02);
    const plan = {
      model,
      scenarios: [scenario],
      seed: '3',
      batchSize: BATCH,
      stopping: { relativeError: null, maxSamples: 100_000, maxTimeSeconds: null, minSamples: 0 },
    };
    for (const sampler of ['fast', 'simple'] as const) {
      const tally = createScenarioTally(0);
      for (let b = 0; b < 2; b++) addBatch(tally, runBatch(plan, 0, b, BATCH, { sampler }));
      const [aggregate] = aggregateServices(tally, 2);
      const ci = clopperPearsonInterval(aggregate.sum, aggregate.samples);
      expect(ci.lower, sampler).toBeLessThanOrEqual(exact);
      expect(ci.upper, sampler).toBeGreaterThanOrEqual(exact);
    }
  });

  it('without the layers the answer is wrong: the expansion is what the value rests on', async () => {
    const { model, exact } = await loadCase();
    const { layers: _layers, ...single } = model;
    const u = enumerateUnavailability(single, 0)?.unavailability ?? NaN;
    // The circuits alone never fail (perfect equipment): the whole unavailability comes from the routes.
    expect(u).toBe(0);
    expect(exact).toBeGreaterThan(2e-3);
  });

  it('spof names the duct as a single point of failure (of circuit A, and here of B too)', async () => {
    const { model } = await loadCase();
    const spofs = findSinglePointsOfFailure(model, 0, { includeGroups: true });
    const duct = model.elementCount + model.index.groupIds.indexOf('duct-bridge');
    expect(spofs).toContain(duct);
    // No physical segment alone is one: every circuit survives one segment cut on its other route.
    const firstPhysical = model.topology.nodeCount + model.topology.linkCount;
    expect(spofs.filter((e) => e >= firstPhysical && e < model.elementCount)).toEqual([]);
    // Circuit A alone, as a connected service between its ends, has the duct as a single point of failure too.
    const a = { ...model, services: [{ kind: 'connected' as const, id: 'a', terminals: Uint32Array.from([0, 3]) }] };
    expect(findSinglePointsOfFailure(a, 0, { includeGroups: true })).toContain(duct);
  });

  it('the optimal saboteur with one action digs into the duct; without the duct it needs two segment cuts', async () => {
    const { model } = await loadCase();
    const attackCost = new Float64Array(model.elementCount).fill(1);
    // Circuits (logical links) and sites cannot be attacked: only the physical layer.
    const firstPhysical = model.topology.nodeCount + model.topology.linkCount;
    for (let e = 0; e < firstPhysical; e++) attackCost[e] = Infinity;
    const one = planAttack(model, 0, { strategy: 'optimal', budget: { kind: 'count', count: 1 }, targets: 'links', attackCost });
    expect(one).toMatchObject({ disconnects: true, proven: true, groups: [0], cost: 1 });
    const seg = (id: string): number => model.topology.nodeCount + model.index.linkIds.indexOf(id);
    expect(one.elements).toEqual([seg('seg2'), seg('seg5')]);
    // The same network without its duct: no single action takes both circuits down, two segment cuts do.
    const noDuct = { ...model, groups: { ...model.groups, groupCount: 0, eventProbability: new Float64Array(0), memberStart: new Uint32Array(1) } };
    const single = planAttack(noDuct, 0, { strategy: 'optimal', budget: { kind: 'count', count: 1 }, targets: 'links', attackCost });
    expect(single).toMatchObject({ disconnects: false, proven: true });
    const two = planAttack(noDuct, 0, { strategy: 'optimal', budget: { kind: 'count', count: 2 }, targets: 'links', attackCost });
    expect(two).toMatchObject({ disconnects: true, proven: true });
    expect(two.elements.length).toBe(2);
    expect(two.elements.every((e) => e >= firstPhysical)).toBe(true);
    expect(two.groups).toBeUndefined();
  });

  it('stratified sampling: the exact part and the sampled part add up to the exact value, through the layers', async () => {
    const { model, exact } = await loadCase();
    // Every atom is a carrier-only segment or the duct: outside the service graph, each matters only through the
    // circuits it carries (the duct alone takes circuit A down), so the plan must see through the layers.
    const plan = buildStratifiedPlan(model, buildBaselineScenario(), 0);
    const parent = new Int32Array(model.topology.nodeCount);
    let downInside = 0;
    enumeratePlanOutcomes(model, plan, ({ probability, down, inR }) => {
      if (inR && countServed(model, 0, down, parent) < plan.endpointCount) downInside += probability;
    });
    const ductAlone = 1e-3 * 0.99 ** 6;
    expect(plan.constant).toBeGreaterThanOrEqual(ductAlone * (1 - 1e-12));
    expect(plan.constant + downInside).toBeCloseTo(exact, 14);
  });
});
