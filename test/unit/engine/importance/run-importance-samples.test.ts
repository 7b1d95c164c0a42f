// Critical-state sampling against exact importance: Birnbaum values inside the Clopper-Pearson intervals, merging
// laws, reproducibility, and a speed sanity run on a generated 100-node backbone.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeExactImportance } from '../../../../engine/exact/index.ts';
import {
  createEmptyImportanceSums,
  createImportanceScratch,
  estimateImportance,
  mergeImportanceSums,
  runImportanceSamples,
  type ImportanceSums,
} from '../../../../engine/importance/index.ts';
import type { CompiledModel, CompiledScenario } from '../../../../engine/model.ts';
import type { ImportanceEntry } from '../../../../engine/result/result-document.ts';
import { createBatchStream } from '../../../../engine/sampling/random-stream.ts';
import { arbitraryModel } from '../exact/random-models.ts';
import { baselineScenario, bridgeModel, parallelModel, seriesModel } from '../exact/model-builders.ts';
import { backboneModel, propertySeed, ringModel } from './importance-fixtures.ts';

const MEASURES = ['birnbaum', 'criticality', 'riskAchievementWorth', 'riskReductionWorth', 'fussellVesely'] as const;

function sample(
  model: CompiledModel,
  samples: number,
  batch = 0,
  scenario: CompiledScenario = baselineScenario(),
): ImportanceSums {
  const services = model.services.map((_, s) => s);
  return runImportanceSamples(
    model,
    scenario,
    services,
    createBatchStream('importance', 'test', batch),
    samples,
    createImportanceScratch(model),
  );
}

interface Coverage {
  checked: number;
  covered: number;
  misses: string[];
}

/**
 * Counts, over the items with exact I_B > 0 of every service, how often each measure's interval holds the truth.
 * Items with equal exact values in one service (typically in series: the same critical states, hence the same
 * counts) are one trial, so the coverage fraction is not dominated by a few perfectly correlated clusters.
 */
function addCoverage(
  coverage: Record<(typeof MEASURES)[number], Coverage>,
  model: CompiledModel,
  sums: ImportanceSums,
  label: string,
): void {
  const itemCount = model.elementCount + model.groups.groupCount;
  const ids = (item: number): string =>
    item < model.topology.nodeCount
      ? model.index.nodeIds[item]
      : item < model.elementCount
        ? model.index.linkIds[item - model.topology.nodeCount]
        : model.index.groupIds[item - model.elementCount];
  model.services.forEach((_, s) => {
    const exact = computeExactImportance(model, s, { elements: Array.from({ length: itemCount }, (_, i) => i) });
    if (exact === null) throw new Error('exact importance gave up');
    const entries = new Map<string, ImportanceEntry>(
      estimateImportance(model, baselineScenario(), s, sums, undefined, { includeUnseen: true }).map((e) => [
        e.elementId,
        e,
      ]),
    );
    for (const measure of MEASURES) {
      const seen = new Set<string>();
      for (const m of exact) {
        // Exact values below 1e-12 are rounding residue of structurally zero importance.
        if (!(m.birnbaum > 1e-12) || !(m.unavailability > 1e-12)) continue;
        const truth = Math.min(m[measure], 1e12);
        const cluster = `${m.birnbaum.toPrecision(12)}|${truth.toPrecision(12)}`;
        if (seen.has(cluster)) continue;
        seen.add(cluster);
        const interval = entries.get(ids(m.element))?.[measure];
        const c = coverage[measure];
        c.checked++;
        if (interval !== undefined && interval.lower <= truth + 1e-12 && truth <= interval.upper + 1e-12) c.covered++;
        else c.misses.push(`${label} s${s} ${ids(m.element)} ${measure}: ${truth} not in ${JSON.stringify(interval)}`);
      }
    }
  });
}

describe('runImportanceSamples', () => {
  it('exact measures lie inside the 95% intervals for >= 90% of items (series, parallel, bridge, ring, random)', () => {
    const coverage = Object.fromEntries(
      MEASURES.map((m) => [m, { checked: 0, covered: 0, misses: [] as string[] }]),
    ) as unknown as Record<(typeof MEASURES)[number], Coverage>;
    const models: Array<[string, CompiledModel]> = [
      ['series', seriesModel(4, 0.05, 0.01)],
      ['parallel', parallelModel(3, 0.2)],
      ['bridge', bridgeModel([0.1, 0.2, 0.05, 0.3, 0.15], [0.01, 0.02, 0.05, 0.03])],
      ['ring', ringModel(6)],
    ];
    const seed = propertySeed('importance coverage');
    fc.sample(arbitraryModel({ maxNodes: 6, maxLinks: 8, withGroups: true }), { seed, numRuns: 80 }).forEach((m, i) =>
      models.push([`random${i}`, m]),
    );
    models.forEach(([label, model], i) => addCoverage(coverage, model, sample(model, 20_000, i), label));
    for (const measure of MEASURES) {
      const c = coverage[measure];
      console.log(`${measure}: ${c.covered}/${c.checked} covered`, c.misses.slice(0, 3));
      expect(c.checked).toBeGreaterThan(120);
      expect(c.covered / c.checked, measure).toBeGreaterThanOrEqual(0.9);
    }
  });

  it('gives identical sums for the same seed, and a split run merges into the unsplit one', () => {
    const model = ringModel(8);
    expect(sample(model, 3000, 7)).toEqual(sample(model, 3000, 7));
    const services = model.services.map((_, s) => s);
    const scratch = createImportanceScratch(model);
    const stream = createBatchStream('importance', 'split', 0);
    const first = runImportanceSamples(model, baselineScenario(), services, stream, 1200, scratch);
    const second = runImportanceSamples(model, baselineScenario(), services, stream, 1800, scratch);
    const whole = runImportanceSamples(
      model,
      baselineScenario(),
      services,
      createBatchStream('importance', 'split', 0),
      3000,
      createImportanceScratch(model),
    );
    expect(mergeImportanceSums(first, second)).toEqual(whole);
  });

  it('rejects bad arguments', () => {
    const model = ringModel(6);
    const scratch = createImportanceScratch(model);
    const random = createBatchStream('importance', 'bad', 0);
    expect(() => runImportanceSamples(model, baselineScenario(), [3], random, 10, scratch)).toThrow(RangeError);
    expect(() => runImportanceSamples(model, baselineScenario(), [0, 0], random, 10, scratch)).toThrow(RangeError);
    expect(() => runImportanceSamples(model, baselineScenario(), [0], random, -1, scratch)).toThrow(RangeError);
    expect(() =>
      runImportanceSamples(model, baselineScenario(), [0], random, 1, createImportanceScratch(seriesModel(3, 0.1))),
    ).toThrow(RangeError);
  });

  it('speed sanity: 2000 samples of a 100-node, 180-link, 30-group backbone with 11 services (no time limit)', () => {
    const model = backboneModel(100, 180, 30, 11);
    expect(model.topology.linkCount).toBe(180);
    const services = model.services.map((_, s) => s);
    const scratch = createImportanceScratch(model);
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    const sums = runImportanceSamples(
      model,
      baselineScenario(),
      services,
      createBatchStream('importance', 'backbone', 0),
      2000,
      scratch,
    );
    const elapsedMs = performance.now() - started;
    const cpuMs = process.cpuUsage(cpuStarted).user / 1000;
    console.log(
      `backbone 100/180/30 x 11 services: 2000 samples in ${elapsedMs.toFixed(0)} ms wall ` +
        `(${((2000 / elapsedMs) * 1000).toFixed(0)} samples/s), ${cpuMs.toFixed(0)} ms CPU ` +
        `(${((2000 / cpuMs) * 1000).toFixed(0)} samples/s)`,
    );
    expect(sums.sampleCount).toBe(2000);
    const entries = estimateImportance(model, baselineScenario(), 0, sums, undefined, { topN: 10 });
    expect(entries.length).toBeLessThanOrEqual(10);
  });
});

describe('mergeImportanceSums', () => {
  const model = ringModel(6);
  const batches = [0, 1, 2].map((b) => sample(model, 400 + 100 * b, b));

  it('is associative and commutative, with the empty sums as identity', () => {
    const [a, b, c] = batches;
    expect(mergeImportanceSums(a, mergeImportanceSums(b, c))).toEqual(
      mergeImportanceSums(mergeImportanceSums(a, b), c),
    );
    expect(mergeImportanceSums(a, b)).toEqual(mergeImportanceSums(b, a));
    const empty = createEmptyImportanceSums(model, [0, 1, 2]);
    expect(mergeImportanceSums(empty, a)).toEqual(a);
    expect(mergeImportanceSums(a, empty)).toEqual(a);
  });

  it('holds for any merge order of batch lists (fast-check)', () => {
    const seed = propertySeed('importance merge');
    fc.assert(
      fc.property(fc.shuffledSubarray([0, 1, 2], { minLength: 3, maxLength: 3 }), (order) => {
        const merged = order.map((i) => batches[i]).reduce(mergeImportanceSums);
        expect(merged).toEqual(batches.reduce(mergeImportanceSums));
      }),
      { seed, numRuns: 20 },
    );
  });

  it('rejects sums of different services', () => {
    const other = runImportanceSamples(
      model,
      baselineScenario(),
      [1],
      createBatchStream('importance', 'other', 0),
      10,
      createImportanceScratch(model),
    );
    expect(() => mergeImportanceSums(batches[0], other)).toThrow(RangeError);
  });
});
