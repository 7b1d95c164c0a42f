import { describe, expect, it } from 'vitest';
import { checkBatchAgainstPlan, SKIPPED_CRUDE_TALLY, type BatchPlan, type BatchResult, type PlanBatchResult } from '../../../engine/index.ts';
import { buildTestModel } from '../../support/build-model.ts';
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

/**
 * The counted batches of every scenario, as JSON (every kind's result is plain data). A service that stopped before
 * the scenario (per-service rules) counts only its own batches: its tallies in later batches are left out (whether a
 * batch evaluated it or skipped it depends on dispatch timing, never its figures).
 */
function counted(run: StudyRun): string {
  return JSON.stringify(
    run.tallies.map((t, s) =>
      t.batches.slice(0, run.countedBatches[s]).map((batch) => {
        const stops = run.serviceStops[s];
        if (stops === null || !('services' in batch)) return batch;
        const { skippedServices: _skipped, ...rest } = batch as PlanBatchResult & { skippedServices?: number[] };
        return { ...rest, services: batch.services.map((tally, i) => (batch.batchIndex < stops[i].batchCount ? tally : 'beyond its stop')) };
      }),
    ),
  );
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

  it('stops the batches under way when the time budget is spent, counting those completed before', async () => {
    const batchPlan = await plan();
    const timed: BatchPlan = {
      ...batchPlan,
      plan: { ...batchPlan.plan, stopping: { ...batchPlan.plan.stopping, maxTimeSeconds: 0.2 } },
    } as BatchPlan;
    const inline = createInlineExecutor(timed);
    let started = 0;
    const aborted: number[] = [];
    // Two batches complete; every later one would run for ever unless the run stops it.
    const stalling: BatchExecutor = {
      concurrency: 1,
      run: (task, signal) => {
        if (started++ < 2) return inline.run(task);
        return new Promise((_resolve, reject) => {
          signal?.addEventListener('abort', () => {
            aborted.push(task.batchIndex);
            reject(new Error('stopped'));
          });
        });
      },
      close: () => Promise.resolve(),
    };
    const run = await runPlan(timed, stalling);
    expect(run.stopReasons).toContain('max-time');
    expect(aborted.length).toBeGreaterThan(0);
    expect(run.tallies.reduce((n, t) => n + t.batches.length, 0)).toBe(2);
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

  it('stops each service at its own relative-error target, and no longer evaluates it: the figures are unchanged', async () => {
    // Service 0 over one link that fails 20% of the time, service 1 over two parallel links (4%): the first reaches
    // 10% relative error after a few batches, the second needs many more.
    const twoServices = buildTestModel({
      nodeCount: 3,
      links: [
        [0, 1],
        [1, 2],
        [1, 2],
      ],
      linkFailureProbability: [0.2, 0.2, 0.2],
      services: [
        { kind: 'connected', id: 'single', terminals: Uint32Array.of(0, 1) },
        { kind: 'connected', id: 'double', terminals: Uint32Array.of(1, 2) },
      ],
    });
    const base = planFor(twoServices, '3', 1_000_000, 2_000);
    const relPlan: BatchPlan = {
      kind: 'static',
      plan: { ...base, stopping: { ...base.stopping, relativeError: 0.1, maxSamples: 1_000_000, minSamples: 0 } },
    };
    const inline = createInlineExecutor(relPlan);
    let skippingTasks = 0;
    const recording: BatchExecutor = {
      ...inline,
      run: (task) => {
        if (task.skipServices !== undefined) {
          expect(task.skipServices).toEqual([0]);
          skippingTasks++;
        }
        return inline.run(task);
      },
    };
    const run = await runPlan(relPlan, recording);
    const stops = run.serviceStops[0];
    expect(run.stopReasons[0]).toBe('relative-error');
    expect(stops?.map((x) => x.reason)).toEqual(['relative-error', 'relative-error']);
    expect(stops?.[0].batchCount).toBeLessThan(stops?.[1].batchCount ?? 0);
    expect(skippingTasks).toBeGreaterThan(0);
    // A batch past service 0's stop holds its skipped tally and says so; service 1's tally there is a real one.
    const late = run.tallies[0].batches[run.countedBatches[0] - 1] as BatchResult;
    expect(late.skippedServices).toEqual([0]);
    expect(late.services[0]).toEqual(SKIPPED_CRUDE_TALLY);
    expect(late.services[1].samples).toBe(2_000);
    // Evaluating every service in every batch (a coordinator that never skips) gives the same stops and figures, and
    // so do two threads in any completion order.
    const everyService: BatchExecutor = {
      ...inline,
      run: ({ skipServices: _skip, ...task }) => inline.run(task),
    };
    const pool = await createThreadPoolExecutor(relPlan, { threads: 2 });
    try {
      for (const again of [await runPlan(relPlan, everyService), await runPlan(relPlan, pool)]) {
        expect(again.serviceStops).toEqual(run.serviceStops);
        expect(counted(again)).toBe(counted(run));
      }
    } finally {
      await pool.close();
    }
    // Batches that skipped a service are valid batches of the plan (checkpoints, Redis), and a run resumed from them
    // gives the same figures.
    const batches = run.tallies[0].batches;
    expect(batches.map((b) => checkBatchAgainstPlan(relPlan, b)).filter((x) => x !== null)).toEqual([]);
    const forged = { ...late, services: [{ kind: 'crude' as const, samples: 0, down: 0, servedEndpoints: 0 }, late.services[0]] };
    expect(checkBatchAgainstPlan(relPlan, forged)).not.toBeNull();
    const resumed = await runPlan(relPlan, inline, { existing: batches.filter((b) => b.batchIndex % 3 === 0) });
    expect(counted(resumed)).toBe(counted(run));
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
