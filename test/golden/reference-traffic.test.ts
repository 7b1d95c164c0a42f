// Golden exact values of the traffic-aware kinds: the reference networks of ../shared/reference (capacity, latency,
// protected; copied with topology files to test/fixtures/topologies/traffic) read through the topology file,
// validated and compiled, then solved by exact enumeration (to rounding) and by crude Monte Carlo (the 95% interval
// must hold the exact value at a fixed seed); for capacity also the expected fraction of the demand served.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  addBatch,
  aggregateServices,
  CAPACITY_SERVED_UNITS,
  clopperPearsonInterval,
  computeCarriedFlow,
  createScenarioTally,
  enumerateUnavailability,
  estimateServiceFigures,
  runBatch,
  type CapacityService,
  type CompiledModel,
} from '../../engine/index.ts';
import { compileModel, parseSourceDocument, validateTopology } from '../../scenarios/index.ts';
import { buildBaselineScenario } from '../support/build-model.ts';

const DIR = new URL('../fixtures/topologies/traffic/', import.meta.url);
const CASES = ['capacity-grid3-q0.01', 'latency-grid3-q0.01', 'protected-grid3-q0.01'] as const;
const SAMPLES = 200_000;
const BATCH = 50_000;

interface Reference {
  readonly exact: { readonly unavailability: number; readonly expectedServedFraction?: number };
}

async function loadCase(name: string): Promise<{ model: CompiledModel; reference: Reference }> {
  const parsed = parseSourceDocument(`${name}.yaml`, readFileSync(new URL(`${name}.yaml`, DIR), 'utf8'));
  if (parsed.kind !== 'ok') throw new Error(`${name}: cannot parse`);
  const validation = await validateTopology(parsed.document);
  if (validation.kind !== 'ok') throw new Error(`${name}: ${JSON.stringify(validation.diagnostics)}`);
  const reference = JSON.parse(readFileSync(new URL(`${name}.json`, DIR), 'utf8')) as Reference;
  return { model: compileModel(validation.model), reference };
}

function planOf(model: CompiledModel, seed: string) {
  return {
    model,
    scenarios: [buildBaselineScenario()],
    seed,
    batchSize: BATCH,
    stopping: { relativeError: null, maxSamples: SAMPLES, maxTimeSeconds: null, minSamples: 0 },
  };
}

describe('traffic-aware reference networks', () => {
  for (const name of CASES) {
    it(`${name}: exact enumeration gives the reference unavailability`, async () => {
      const { model, reference } = await loadCase(name);
      const exact = enumerateUnavailability(model, 0);
      expect(exact).not.toBeNull();
      expect(exact?.unavailability ?? NaN).toBeCloseTo(reference.exact.unavailability, 14);
    });

    it(`${name}: the crude 95% interval holds the reference unavailability (seed 2)`, async () => {
      const { model, reference } = await loadCase(name);
      const plan = planOf(model, '2');
      const tally = createScenarioTally(0);
      for (let b = 0; b < SAMPLES / BATCH; b++) addBatch(tally, runBatch(plan, 0, b, BATCH));
      const [aggregate] = aggregateServices(tally, SAMPLES / BATCH);
      const ci = clopperPearsonInterval(aggregate.sum, aggregate.samples);
      expect(ci.lower).toBeLessThanOrEqual(reference.exact.unavailability);
      expect(ci.upper).toBeGreaterThanOrEqual(reference.exact.unavailability);
    });
  }

  it('capacity-grid3-q0.01: the expected fraction of demand served, exactly and as the crude served fraction', async () => {
    const { model, reference } = await loadCase('capacity-grid3-q0.01');
    const expected = reference.exact.expectedServedFraction ?? NaN;
    // Exact: every state of the 12 links (nodes are perfect), weighted by its probability.
    const service = model.services[0] as CapacityService;
    const n = model.topology.nodeCount;
    const l = model.topology.linkCount;
    const down = new Uint8Array(n + l);
    let served = 0;
    for (let mask = 0; mask < 2 ** l; mask++) {
      let weight = 1;
      for (let j = 0; j < l; j++) {
        const q = model.elementFailureProbability[n + j];
        down[n + j] = (mask >> j) & 1;
        weight *= down[n + j] === 1 ? q : 1 - q;
      }
      served += (weight * computeCarriedFlow(service, down)) / service.demand;
    }
    expect(served).toBeCloseTo(expected, 12);
    // Crude: the result's served fraction, within 4.5 standard errors (Var(F) <= E[1 - F] for F in [0, 1], F = 1 when up).
    const plan = planOf(model, '2');
    const tally = createScenarioTally(0);
    for (let b = 0; b < SAMPLES / BATCH; b++) addBatch(tally, runBatch(plan, 0, b, BATCH));
    const [aggregate] = aggregateServices(tally, SAMPLES / BATCH);
    const figures = estimateServiceFigures(aggregate, CAPACITY_SERVED_UNITS);
    const standardError = Math.sqrt((1 - expected) / SAMPLES);
    expect(Math.abs((figures.servedFraction ?? NaN) - expected)).toBeLessThan(4.5 * standardError);
  });
});
