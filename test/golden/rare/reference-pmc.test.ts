// Golden statistical checks of permutation Monte Carlo on the reference networks: fixed-seed confidence intervals,
// coverage over 200 seeds, and agreement with crude Monte Carlo where crude is affordable.

import { describe, expect, it } from 'vitest';
import type { CompiledModel } from '../../../engine/model.ts';
import { createPmcScratch, runPmcSamples } from '../../../engine/rare/index.ts';
import { createBatchStream, type UniformSource } from '../../../engine/sampling/random-stream.ts';
import { baselineScenario } from '../../unit/engine/exact/model-builders.ts';
import { summarize, type SampleStatistics } from '../../unit/engine/rare/pmc-statistics.ts';
import { listReferenceCaseNames, loadReferenceCase } from './reference-cases.ts';

const Z_95 = 1.96;

function runPmc(model: CompiledModel, samples: number, seed: string): SampleStatistics {
  const random = createBatchStream(seed, 'baseline', 0);
  return summarize(runPmcSamples(model, baselineScenario(), 0, random, samples, createPmcScratch(model)));
}

/** Crude Monte Carlo of a connected service (risk-group free models): sample every element, union-find. */
function runCrude(model: CompiledModel, samples: number, random: UniformSource): SampleStatistics {
  const { topology } = model;
  const n = topology.nodeCount;
  const service = model.services[0];
  if (service?.kind !== 'connected') throw new Error('crude sampler handles connected services only');
  const down = new Uint8Array(model.elementCount);
  const parent = new Int32Array(n);
  const find = (v: number): number => {
    while (parent[v] !== v) v = parent[v] = parent[parent[v] ?? v] ?? v;
    return v;
  };
  let failures = 0;
  for (let i = 0; i < samples; i++) {
    for (let e = 0; e < model.elementCount; e++) down[e] = random() < (model.elementFailureProbability[e] ?? 0) ? 1 : 0;
    for (let v = 0; v < n; v++) parent[v] = v;
    for (let j = 0; j < topology.linkCount; j++) {
      const a = topology.linkSource[j] ?? 0;
      const b = topology.linkTarget[j] ?? 0;
      if (down[n + j] || down[a] || down[b]) continue;
      parent[find(a)] = find(b);
    }
    const root = find(service.terminals[0] ?? 0);
    const up = Array.from(service.terminals).every((t) => !down[t] && find(t) === root);
    if (!up) failures++;
  }
  const mean = failures / samples;
  return { mean, standardError: Math.sqrt((mean * (1 - mean)) / samples) };
}

describe('runPmcSamples on the reference networks', () => {
  it.each(listReferenceCaseNames())('%s: the fixed-seed 95-percent CI contains the exact value', (name) => {
    const reference = loadReferenceCase(name);
    const result = runPmc(reference.model, 4000, 'golden-pmc');
    expect(Math.abs(result.mean - reference.unavailability)).toBeLessThanOrEqual(Z_95 * result.standardError);
    // Rare-event behaviour: a few thousand samples give a few percent relative error even at u = 2e-9.
    expect(result.standardError / result.mean).toBeLessThan(0.15);
  });

  it('covers the exact value of dodecahedron-q0.01 in 90-99% of 200 seeded 95% CIs (400 samples each)', () => {
    const reference = loadReferenceCase('dodecahedron-q0.01');
    const scratch = createPmcScratch(reference.model);
    let covered = 0;
    for (let seed = 0; seed < 200; seed++) {
      const random = createBatchStream(`coverage-${seed}`, reference.name, 0);
      const result = summarize(runPmcSamples(reference.model, baselineScenario(), 0, random, 400, scratch));
      if (Math.abs(result.mean - reference.unavailability) <= Z_95 * result.standardError) covered++;
    }
    expect(covered / 200).toBeGreaterThanOrEqual(0.9);
    expect(covered / 200).toBeLessThanOrEqual(0.99);
  });

  it.each([
    ['bridge-q0.1', 20_000, 200_000],
    ['dodecahedron-nodes-q0.01', 5_000, 100_000],
  ] as const)('%s: PMC and crude Monte Carlo agree within their CIs (u ~ 2e-2)', (name, pmcSamples, crudeSamples) => {
    const reference = loadReferenceCase(name);
    const pmc = runPmc(reference.model, pmcSamples, 'unbiased-pmc');
    const crude = runCrude(reference.model, crudeSamples, createBatchStream('unbiased-crude', name, 0));
    // The two 95% CIs overlap...
    const overlap = Z_95 * (pmc.standardError + crude.standardError);
    expect(Math.abs(pmc.mean - crude.mean)).toBeLessThanOrEqual(overlap);
    // ...and the difference is within 3 standard errors of a difference of two unbiased estimates.
    expect(Math.abs(pmc.mean - crude.mean)).toBeLessThanOrEqual(3 * Math.hypot(pmc.standardError, crude.standardError));
  });
});
