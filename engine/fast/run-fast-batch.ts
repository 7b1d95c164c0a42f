// The fast crude Monte Carlo batch: skip sampling (only failures are drawn) and structure-aware evaluation
// (evaluate-failures.ts), with the same tallies as the simple path.
//
//   stream ──nextCandidateSample──> failure-free run: base results × run length
//          ──drawSkipSample──> failure list ──evaluateFailures──> served per service ──> tallies
//
// A scenario where some service has many relevant failures per sample runs the dense-regime loop instead
// (dense-batch.ts): 32 samples per word, drawn by the block sampler and evaluated bit-parallel.

import type { BatchResult, CrudeServiceTally } from '../estimation/batch-result.ts';
import type { SimulationPlan } from '../model.ts';
import { createBatchStreamPair, createSteppableBatchStream } from '../sampling/random-stream.ts';
import { clearSkipSample, drawSkipSample, nextCandidateSample, startSkipBatch } from '../sampling/skip-sampler.ts';
import { getDenseScenario, runDenseSamples, type EvaluatorChoice } from './dense-batch.ts';
import { evaluateFailures } from './evaluate-failures.ts';
import { getFastScenario } from './fast-scenario.ts';

/**
 * Runs one batch of crude Monte Carlo with the skip sampler; same tallies as the simple path, different stream
 * use (so, for a given seed, different but statistically equivalent numbers).
 * @param plan the compiled study
 * @param scenarioIndex index into plan.scenarios
 * @param batchIndex dense batch index (>= 0); determines the random stream
 * @param sampleCount samples in this batch (>= 1)
 * @param evaluator which services are evaluated bit-parallel in blocks of 32 samples (dense-batch.ts); the tallies
 *   are the same whatever the choice
 * @param skip null, or 1 per service not to evaluate (a service that stopped sampling): its tally is meaningless
 *   (runBatch puts the skipped tally in its place); the stream and every other service's tally are the same
 */
export function runFastCrudeBatch(
  plan: SimulationPlan,
  scenarioIndex: number,
  batchIndex: number,
  sampleCount: number,
  evaluator: EvaluatorChoice = 'auto',
  skip: Uint8Array | null = null,
): BatchResult {
  const model = plan.model;
  const scenario = plan.scenarios[scenarioIndex];
  const services = model.services;
  const serviceCount = services.length;
  const fast = getFastScenario(model, scenario);
  const sampler = fast.sampler;
  const scratch = fast.samplerScratch;
  const structures = fast.structures;
  const endpointCount = fast.endpointCount;
  // A random attack or a dense class puts failures in every scenario: nothing to skip.
  const everySample = scenario.attack.kind === 'random' || sampler.denseClassCount > 0;

  const downCount = new Float64Array(serviceCount);
  const servedCount = new Float64Array(serviceCount);
  const serviceDown = new Uint8Array(serviceCount);
  const served = new Float64Array(serviceCount);

  const dense = getDenseScenario(model, scenario, fast, evaluator);
  if (dense.denseCount > 0) {
    // The same batch stream, in the form whose generator the block sampler steps inline.
    const steppable = createSteppableBatchStream(plan.seed, scenario.id, batchIndex);
    runDenseSamples(model, scenario, fast, dense, steppable, sampleCount, downCount, servedCount, skip);
    return toBatchResult(scenarioIndex, scenario.id, batchIndex, sampleCount, downCount, servedCount);
  }
  const active = skip === null ? null : Uint8Array.from(skip, (x) => 1 - x);
  if (active !== null && !active.includes(1)) {
    return toBatchResult(scenarioIndex, scenario.id, batchIndex, sampleCount, downCount, servedCount);
  }
  const stream = createBatchStreamPair(plan.seed, scenario.id, batchIndex);
  startSkipBatch(scenario, sampler, stream, scratch);
  let skipped = 0;
  let i = 0;
  while (i < sampleCount) {
    if (!everySample) {
      const next = nextCandidateSample(sampler, scratch);
      if (next > i) {
        // Scenarios i..next-1 have no random failure: every service takes its base result.
        const end = next < sampleCount ? next : sampleCount;
        skipped += end - i;
        i = end;
        if (i === sampleCount) break;
      }
    }
    const failedCount = drawSkipSample(model, scenario, sampler, stream, scratch, i);
    evaluateFailures(model, fast, failedCount, served, active);
    for (let s = 0; s < serviceCount; s++) {
      servedCount[s] += served[s];
      serviceDown[s] = served[s] < endpointCount[s] ? 1 : 0;
      downCount[s] += serviceDown[s];
    }
    clearSkipSample(scratch);
    i++;
  }
  for (let s = 0; s < serviceCount; s++) {
    const st = structures[s];
    servedCount[s] += skipped * st.baseServed;
    if (!st.baseUp) downCount[s] += skipped;
  }

  return toBatchResult(scenarioIndex, scenario.id, batchIndex, sampleCount, downCount, servedCount);
}

function toBatchResult(
  scenarioIndex: number,
  scenarioId: string,
  batchIndex: number,
  sampleCount: number,
  downCount: Float64Array,
  servedCount: Float64Array,
): BatchResult {
  const tallies: CrudeServiceTally[] = [];
  for (let s = 0; s < downCount.length; s++) {
    tallies.push({ kind: 'crude', samples: sampleCount, down: downCount[s], servedEndpoints: servedCount[s] });
  }
  return { scenarioIndex, scenarioId, batchIndex, sampleCount, services: tallies };
}
