// Importance estimates from counts: exact counts (state probabilities as weights) must give exactly the measures of
// engine/exact; plus interval conventions, JSON safety, ranking, topN and single points of failure.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeExactImportance } from '../../../../engine/exact/index.ts';
import {
  createImportanceScratch,
  estimateImportance,
  MAX_IMPORTANCE_RATIO,
  runImportanceSamples,
  type ImportanceSums,
} from '../../../../engine/importance/index.ts';
import type { CriticalCounts } from '../../../../engine/importance/internal/critical-state.ts';
import type { ImportancePlan } from '../../../../engine/importance/internal/importance-plan.ts';
import type { CompiledModel, CompiledScenario } from '../../../../engine/model.ts';
import type { ImportanceEntry } from '../../../../engine/result/result-document.ts';
import { createBatchStream } from '../../../../engine/sampling/random-stream.ts';
import { arbitraryModel } from '../exact/random-models.ts';
import { baselineScenario, bridgeModel, seriesModel } from '../exact/model-builders.ts';
import { countUncertainItems, enumerateCriticalCounts, propertySeed, ringModel } from './importance-fixtures.ts';

const MEASURES = ['birnbaum', 'criticality', 'riskAchievementWorth', 'riskReductionWorth', 'fussellVesely'] as const;

/**
 * Exact counts as sums of one "sample" whose counts are probabilities: estimates are then exact values (clamped to
 * 1 against the rounding of the state weights' sum).
 */
function toSums(plan: ImportancePlan, counts: CriticalCounts): ImportanceSums {
  const rows = (values: Float64Array): number[][] =>
    Array.from(plan.serviceIndices, (_, slot) =>
      Array.from(values.subarray(slot * plan.itemCount, (slot + 1) * plan.itemCount), (x) => Math.min(1, x)),
    );
  return {
    serviceIndices: Array.from(plan.serviceIndices),
    elementCount: plan.model.elementCount,
    groupCount: plan.model.groups.groupCount,
    sampleCount: 1,
    serviceDownCount: Array.from(counts.serviceDown, (x) => Math.min(1, x)),
    criticalCount: rows(counts.critical),
    criticalFailedCount: rows(counts.criticalFailed),
  };
}

function itemId(model: CompiledModel, item: number): string {
  const n = model.topology.nodeCount;
  if (item < n) return model.index.nodeIds[item];
  if (item < model.elementCount) return model.index.linkIds[item - n];
  return model.index.groupIds[item - model.elementCount];
}

/** Every measure estimate equals engine/exact's value (relative 1e-9; infinite ratios capped). */
function expectExactEstimates(model: CompiledModel, scenario: CompiledScenario = baselineScenario()): void {
  const services = model.services.map((_, s) => s);
  const { plan, counts } = enumerateCriticalCounts(model, scenario, services);
  const sums = toSums(plan, counts);
  const items = Array.from({ length: plan.itemCount }, (_, i) => i);
  for (const s of services) {
    const exact = computeExactImportance(model, s, { scenario, elements: items });
    if (exact === null) throw new Error('exact importance gave up');
    if (!(exact[0].unavailability > 1e-9)) continue;
    const entries = new Map<string, ImportanceEntry>(
      estimateImportance(model, scenario, s, sums, undefined, { includeUnseen: true }).map((e) => [e.elementId, e]),
    );
    expect(entries.size).toBe(plan.itemCount);
    for (const m of exact) {
      // Structurally zero importance can come out of the exact method as rounding residue.
      if (!(m.birnbaum > 1e-12)) continue;
      const entry = entries.get(itemId(model, m.element));
      for (const measure of MEASURES) {
        const truth = Math.min(m[measure], MAX_IMPORTANCE_RATIO);
        const estimate = entry?.[measure].estimate ?? NaN;
        // Relative 1e-9, widened only where floating point cannot do better: u(e up) = u - q I_B cancels when
        // an item causes almost all of u, and then RRW = u / u(e up) carries a relative rounding error of about
        // machine epsilon times RRW itself (seen at RRW ~ 3e6: 1.3e-9). Hence max(1e-9, 1e-14 |truth|).
        const relative = Math.max(1e-9, 1e-14 * Math.abs(truth));
        expect(Math.abs(estimate - truth), `service ${s} item ${m.element} ${measure}`).toBeLessThanOrEqual(
          relative * Math.max(1, Math.abs(truth)),
        );
      }
    }
  }
}

function expectValidEntry(entry: ImportanceEntry): void {
  for (const measure of MEASURES) {
    const { estimate, lower, upper } = entry[measure];
    expect(Number.isFinite(lower) && Number.isFinite(estimate) && Number.isFinite(upper)).toBe(true);
    expect(lower).toBeLessThanOrEqual(estimate);
    expect(estimate).toBeLessThanOrEqual(upper);
    if (measure === 'riskAchievementWorth' || measure === 'riskReductionWorth') {
      expect(lower).toBeGreaterThanOrEqual(1);
      expect(upper).toBeLessThanOrEqual(MAX_IMPORTANCE_RATIO);
    } else {
      expect(lower).toBeGreaterThanOrEqual(0);
      expect(upper).toBeLessThanOrEqual(1);
    }
  }
}

function run(model: CompiledModel, samples: number, scenario = baselineScenario()): ImportanceSums {
  return runImportanceSamples(
    model,
    scenario,
    model.services.map((_, s) => s),
    createBatchStream('importance', 'estimate', 0),
    samples,
    createImportanceScratch(model),
  );
}

describe('estimateImportance', () => {
  it('gives the exact measures from exact counts: bridge, ring with a risk group (dependent members), scenarios', () => {
    expectExactEstimates(bridgeModel([0.1, 0.2, 0.05, 0.3, 0.15], [0.01, 0.02, 0.05, 0.03]));
    const ring = ringModel(6);
    expectExactEstimates(ring);
    expectExactEstimates(ring, baselineScenario({ forcedElements: Uint32Array.of(6 + 3) }));
    expectExactEstimates(ring, baselineScenario({ forcedGroups: Uint32Array.of(0) }));
    expectExactEstimates(
      ring,
      baselineScenario({
        attack: { kind: 'targeted', elementsByService: [Uint32Array.of(6 + 4), Uint32Array.of(2), new Uint32Array(0)] },
      }),
    );
  });

  it('gives the exact measures from exact counts on random small models (fast-check)', () => {
    const seed = propertySeed('importance estimates');
    fc.assert(
      fc.property(arbitraryModel({ maxNodes: 6, maxLinks: 8, withGroups: true }), (model) => {
        fc.pre(countUncertainItems(model, baselineScenario()) <= 16);
        expectExactEstimates(model);
      }),
      { seed, numRuns: 80 },
    );
  });

  it('returns valid, JSON-safe intervals ranked by Birnbaum then id, cut to topN', () => {
    const model = ringModel(8);
    const sums = run(model, 3000);
    for (let s = 0; s < model.services.length; s++) {
      const entries = estimateImportance(model, baselineScenario(), s, sums);
      expect(entries.length).toBeGreaterThan(0);
      entries.forEach(expectValidEntry);
      expect(JSON.parse(JSON.stringify(entries))).toEqual(entries);
      for (let i = 1; i < entries.length; i++) {
        const a = entries[i - 1];
        const b = entries[i];
        expect(
          a.birnbaum.estimate > b.birnbaum.estimate ||
            (a.birnbaum.estimate === b.birnbaum.estimate && a.elementId < b.elementId),
        ).toBe(true);
      }
      expect(estimateImportance(model, baselineScenario(), s, sums, undefined, { topN: 3 })).toEqual(
        entries.slice(0, 3),
      );
      expect(estimateImportance(model, baselineScenario(), s, sums, undefined, { topN: 0 })).toEqual([]);
    }
    const kinds = new Set(estimateImportance(model, baselineScenario(), 0, sums).map((e) => e.elementKind));
    expect(kinds).toEqual(new Set(['node', 'link', 'group']));
  });

  it('u = 0: ratio measures stay finite (1 unless seen critical while working), criticality and FV 0', () => {
    const model = seriesModel(3, 0);
    const sums = run(model, 200);
    expect(sums.serviceDownCount[0]).toBe(0);
    const entries = estimateImportance(model, baselineScenario(), 0, sums);
    // Every element of a perfect series is a single point of failure and critical in every sample.
    expect(entries).toHaveLength(model.elementCount);
    for (const entry of entries) {
      expectValidEntry(entry);
      expect(entry.birnbaum.estimate).toBe(1);
      expect(entry.criticality.estimate).toBe(0);
      expect(entry.fussellVesely.estimate).toBe(0);
      expect(entry.riskReductionWorth.estimate).toBe(1);
      // u(down) = u + (1 - q) I_B = 1 > 0 = u: infinite, capped.
      expect(entry.riskAchievementWorth.estimate).toBe(MAX_IMPORTANCE_RATIO);
    }
    // An unavailability passed in as exactly 0 with a zero interval keeps the same conventions.
    const zero = { estimate: 0, lower: 0, upper: 0 };
    estimateImportance(model, baselineScenario(), 0, sums, zero).forEach(expectValidEntry);
  });

  it('uses a given unavailability: RAW = 1 + (1 - q) I_B / u for independent elements', () => {
    const model = seriesModel(2, 0.1);
    const sums = run(model, 2000);
    const u = { estimate: 0.2, lower: 0.18, upper: 0.22 };
    const link = estimateImportance(model, baselineScenario(), 0, sums, u).find((e) => e.elementId === 'l0');
    const b = sums.criticalCount[0][model.topology.nodeCount] / sums.sampleCount;
    expect(link?.riskAchievementWorth.estimate).toBeCloseTo(1 + (0.9 * b) / 0.2, 12);
    expect(link?.criticality.estimate).toBeCloseTo((0.1 * b) / 0.2, 12);
    expect(link?.fussellVesely).toEqual(link?.criticality);
    expect(link?.riskReductionWorth.estimate).toBeCloseTo(1 / (1 - (0.1 * b) / 0.2), 12);
  });

  it('lists a single point of failure never seen critical (C = 0)', () => {
    const model = seriesModel(2, 0.01);
    // Link 0 forced down: the service is always down and repairing link 1 never restores it.
    const scenario = baselineScenario({ forcedElements: Uint32Array.of(model.topology.nodeCount) });
    const sums = run(model, 500, scenario);
    const entries = estimateImportance(model, scenario, 0, sums);
    const unseen = entries.find((e) => e.elementId === 'l1');
    expect(sums.criticalCount[0][model.topology.nodeCount + 1]).toBe(0);
    expect(unseen?.birnbaum.estimate).toBe(0);
    expect(unseen?.birnbaum.upper).toBeGreaterThan(0);
    expect(entries[0].elementId).toBe('l0');
    // Link 0 is critical whenever link 1 and both nodes are up (probability 0.99).
    expect(entries[0].birnbaum.estimate).toBeGreaterThan(0.97);
  });

  it('rejects bad arguments', () => {
    const model = ringModel(6);
    const sums = run(model, 10);
    expect(() => estimateImportance(model, baselineScenario(), 5, sums)).toThrow(RangeError);
    expect(() => estimateImportance(model, baselineScenario(), 0, { ...sums, sampleCount: 0 })).toThrow(RangeError);
    expect(() =>
      estimateImportance(model, baselineScenario(), 0, sums, { estimate: 0.5, lower: 0.6, upper: 0.7 }),
    ).toThrow(RangeError);
    expect(() => estimateImportance(model, baselineScenario(), 0, sums, undefined, { topN: -1 })).toThrow(RangeError);
    expect(() => estimateImportance(seriesModel(2, 0.1), baselineScenario(), 0, sums)).toThrow(RangeError);
  });
});
