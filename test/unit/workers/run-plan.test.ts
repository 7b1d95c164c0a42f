import { describe, expect, it } from 'vitest';
import type { BatchPlan, PlanBatchResult } from '../../../engine/index.ts';
import { createInlineExecutor, createThreadPoolExecutor, runPlan, type BatchExecutor, type StudyRun } from '../../../workers/index.ts';
import { computeExactUnavailability } from '../../../engine/exact/index.ts';
import { BATCH_KIND_CASES, planOfKind } from '../../support/job-plans.ts';
import { compileReferenceCase, planFor, readReferenceCase } from '../../support/reference-model.ts';

/** Small budgets per kind: samples (static, paired) or simulated years (time, paired-time). */
const BUDGET = {
  static: { samples: 40_000, batchSize: 5_000 },
  time: { samples: 240, batchSize: 20 },
  paired: { samples: 40_000, batchSize: 5_000 },
  'paired-time': { samples: 120, batchSize: 20 },
} as const;

/** The counted batches of every scenario, as JSON (every kind's result is plain data). */
function counted(run: StudyRun): string {
  return JSON.stringify(run.tallies.map((t, s) => t.batches.slice(0, run.countedBatches[s])));
}

describe.each(BATCH_KIND_CASES)('runPlan, %s batches', (kind) => {
  const plan = (): Promise<BatchPlan> => planOfKind(kind, BUDGET[kind]);

  it('gives identical results for 1 and 2 worker threads and inline', async () => {
    const batchPlan = await plan();
    const inline = await runPlan(batchPlan, createInlineExecutor(batchPlan));
    for (const threads of [1, 2]) {
      const executor = await createThreadPoolExecutor(batchPlan, { threads });
      try {
        expect(counted(await runPlan(batchPlan, executor))).toBe(counted(inline));
      } finally {
        await executor.close();
      }
    }
    expect(inline.countedBatches.every((c, s) => c === inline.tallies[s].batches.length)).toBe(true);
  });

  it('is independent of completion order, and retries a failed batch counting it once', async () => {
    const batchPlan = await plan();
    const inline = createInlineExecutor(batchPlan);
    let calls = 0;
    const failedOnce = new Set<string>();
    const shufflingFlaky: BatchExecutor = {
      concurrency: 3,
      run: async (task) => {
        const key = `${task.scenarioIndex}:${task.batchIndex}`;
        if (!failedOnce.has(key)) {
          failedOnce.add(key);
          throw new Error('worker died');
        }
        await new Promise((r) => setTimeout(r, (calls++ * 7) % 5));
        return inline.run(task);
      },
      close: () => Promise.resolve(),
    };
    expect(counted(await runPlan(batchPlan, shufflingFlaky))).toBe(counted(await runPlan(batchPlan, inline)));
  });

  it('resumes from existing batches without recomputing them', async () => {
    const batchPlan = await plan();
    const inline = createInlineExecutor(batchPlan);
    const full = await runPlan(batchPlan, inline);
    const existing: PlanBatchResult[] = full.tallies.flatMap((t) => t.batches.filter((b) => b.batchIndex % 2 === 0));
    const computed: string[] = [];
    const counting: BatchExecutor = {
      ...inline,
      run: (task) => (computed.push(`${task.scenarioIndex}:${task.batchIndex}`), inline.run(task)),
    };
    const resumed = await runPlan(batchPlan, counting, { existing });
    expect(computed.every((key) => Number(key.split(':')[1]) % 2 === 1)).toBe(true);
    expect(counted(resumed)).toBe(counted(full));
  });

  it('stops dispatching when aborted and reports an interrupted run', async () => {
    const batchPlan = await plan();
    const controller = new AbortController();
    const run = await runPlan(batchPlan, createInlineExecutor(batchPlan), {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.completedBatches === 2) controller.abort();
      },
    });
    expect(run.interrupted).toBe(true);
    expect(run.stopReasons).toContain('interrupted');
    expect(run.tallies.reduce((n, t) => n + t.batches.length, 0)).toBeLessThan(
      (await runPlan(batchPlan, createInlineExecutor(batchPlan))).tallies.reduce((n, t) => n + t.batches.length, 0),
    );
  });

  it('runs only its shard of batches, and the shards together are the whole run', async () => {
    const batchPlan = await plan();
    const inline = createInlineExecutor(batchPlan);
    const full = await runPlan(batchPlan, inline);
    const parts = await Promise.all(
      [0, 1, 2].map((i) => runPlan(batchPlan, inline, { includeBatch: (_s, b) => b % 3 === i })),
    );
    const merged = await runPlan(batchPlan, inline, {
      existing: parts.flatMap((p) => p.tallies.flatMap((t) => t.batches)),
      signal: AbortSignal.abort(),
    });
    expect(counted(merged)).toBe(counted(full));
    expect(merged.stopReasons).toEqual(full.stopReasons);
  });
});

describe('runPlan stopping rule', () => {
  const model = compileReferenceCase(readReferenceCase('dodecahedron-nodes-q0.01'));
  const plan = planFor(model, '7', 60_000, 5_000);

  it('stops at the relative-error rule decided in batch order, and says so', async () => {
    const relPlan: BatchPlan = {
      kind: 'static',
      plan: { ...plan, stopping: { ...plan.stopping, relativeError: 0.2, maxSamples: 1_000_000, minSamples: 0 } },
    };
    const run = await runPlan(relPlan, createInlineExecutor(relPlan));
    expect(run.stopReasons[0]).toBe('relative-error');
    expect(run.countedBatches[0]).toBeLessThan(200);
    const pool = await createThreadPoolExecutor(relPlan, { threads: 2 });
    try {
      const again = await runPlan(relPlan, pool);
      expect(again.countedBatches[0]).toBe(run.countedBatches[0]);
    } finally {
      await pool.close();
    }
  });

  it('stops each service by the verdict rule in batch order, the same inline, on 2 threads and in any completion order', async () => {
    const exact = computeExactUnavailability(model, 0)?.unavailability ?? Number.NaN;
    const verdictPlan: BatchPlan = {
      kind: 'static',
      plan: {
        ...plan,
        stopping: {
          ...plan.stopping,
          maxSamples: 2_000_000,
          verdict: { unavailabilityLimits: [[1.3 * exact]], fixedSamples: 20_000, firstLookBatches: 4 },
        },
      },
    };
    const inline = createInlineExecutor(verdictPlan);
    const run = await runPlan(verdictPlan, inline);
    expect(run.stopReasons[0]).toBe('services');
    expect(run.serviceStops[0]).toEqual([{ batchCount: run.countedBatches[0], reason: 'verdict', verdict: 'met' }]);
    expect(run.countedBatches[0]).toBeGreaterThanOrEqual(4);
    let calls = 0;
    const shuffled: BatchExecutor = {
      concurrency: 3,
      run: async (task) => {
        await new Promise((r) => setTimeout(r, (calls++ * 7) % 5));
        return inline.run(task);
      },
      close: () => Promise.resolve(),
    };
    const pool = await createThreadPoolExecutor(verdictPlan, { threads: 2 });
    try {
      for (const again of [await runPlan(verdictPlan, pool), await runPlan(verdictPlan, shuffled)]) {
        expect(again.serviceStops).toEqual(run.serviceStops);
        expect(counted(again)).toBe(counted(run));
      }
    } finally {
      await pool.close();
    }
  });

  it('projects the samples a relative-error target needs, and reports them as progress', async () => {
    const relPlan: BatchPlan = {
      kind: 'static',
      plan: { ...plan, stopping: { ...plan.stopping, relativeError: 0.05, maxSamples: 50_000_000, minSamples: 0 } },
    };
    const seen: number[] = [];
    const run = await runPlan(relPlan, createInlineExecutor(relPlan), { onProgress: (p) => seen.push(p.expectedSamples) });
    expect(run.stopReasons[0]).toBe('relative-error');
    const used = run.tallies[0].batches.slice(0, run.countedBatches[0]).reduce((n, b) => n + b.sampleCount, 0);
    // After the first batches the projection is within a factor 2 of what the target really took, far below the cap.
    // At the end it is what was done: the counted batches, and the few in flight when the rule was met.
    expect(seen[seen.length - 1]).toBeGreaterThanOrEqual(used);
    expect(seen[seen.length - 1]).toBeLessThanOrEqual(used + 2 * 5_000);
    expect(seen[3]).toBeGreaterThan(used / 2);
    expect(seen[3]).toBeLessThan(used * 2);
  });

  it('stops the relative-error rule of every kind, in batch order, independent of the worker count', async () => {
    for (const kind of BATCH_KIND_CASES) {
      const options = kind === 'time' || kind === 'paired-time' ? { samples: 20_000, batchSize: 20, relativeError: 0.2 } : { samples: 2_000_000, batchSize: 2_000, relativeError: 0.2 };
      const batchPlan = await planOfKind(kind, options);
      const inline = await runPlan(batchPlan, createInlineExecutor(batchPlan));
      expect(inline.stopReasons.every((r) => r === 'relative-error' || r === 'deterministic'), `${kind}: ${inline.stopReasons.join(',')}`).toBe(true);
      const pool = await createThreadPoolExecutor(batchPlan, { threads: 2 });
      try {
        expect(counted(await runPlan(batchPlan, pool))).toBe(counted(inline));
      } finally {
        await pool.close();
      }
    }
  });
});
