import { describe, expect, it } from 'vitest';
import type { BatchResult } from '../../../engine/index.ts';
import { createInlineExecutor, createThreadPoolExecutor, runPlan, type BatchExecutor } from '../../../workers/index.ts';
import { compileReferenceCase, planFor, readReferenceCase } from '../../support/reference-model.ts';

const model = compileReferenceCase(readReferenceCase('dodecahedron-nodes-q0.01'));
const plan = planFor(model, '7', 60_000, 5_000);

function countedDown(run: Awaited<ReturnType<typeof runPlan>>): number[] {
  return run.tallies[0].batches.slice(0, run.countedBatches[0]).map((b) => (b.services[0].kind === 'crude' ? b.services[0].down : -1));
}

describe('runPlan', () => {
  it('gives identical results for 1, 2 and 4 worker threads and inline', async () => {
    const results: number[][] = [];
    for (const threads of [1, 2, 4]) {
      const executor = createThreadPoolExecutor(plan, { threads });
      try {
        results.push(countedDown(await runPlan(plan, [false], executor)));
      } finally {
        await executor.close();
      }
    }
    results.push(countedDown(await runPlan(plan, [false], createInlineExecutor(plan))));
    expect(results[0].length).toBe(12);
    for (const r of results) expect(r).toEqual(results[0]);
  });

  it('is independent of completion order (a slow, shuffling executor)', async () => {
    const inline = createInlineExecutor(plan);
    let calls = 0;
    const shuffling: BatchExecutor = {
      concurrency: 3,
      run: async (task) => {
        const delay = (calls++ * 7) % 5;
        await new Promise((r) => setTimeout(r, delay));
        return inline.run(task);
      },
      close: () => Promise.resolve(),
    };
    const a = await runPlan(plan, [false], shuffling);
    const b = await runPlan(plan, [false], inline);
    expect(countedDown(a)).toEqual(countedDown(b));
  });

  it('retries a failed batch and counts it once', async () => {
    const inline = createInlineExecutor(plan);
    const failedOnce = new Set<number>();
    const flaky: BatchExecutor = {
      concurrency: 2,
      run: async (task) => {
        if (!failedOnce.has(task.batchIndex)) {
          failedOnce.add(task.batchIndex);
          throw new Error('worker died');
        }
        return inline.run(task);
      },
      close: () => Promise.resolve(),
    };
    const run = await runPlan(plan, [false], flaky);
    expect(countedDown(run)).toEqual(countedDown(await runPlan(plan, [false], inline)));
  });

  it('resumes from existing batches without recomputing them', async () => {
    const inline = createInlineExecutor(plan);
    const full = await runPlan(plan, [false], inline);
    const existing: BatchResult[] = full.tallies[0].batches.slice(0, 5);
    const computed: number[] = [];
    const counting: BatchExecutor = { ...inline, run: (task) => (computed.push(task.batchIndex), inline.run(task)) };
    const resumed = await runPlan(plan, [false], counting, { existing });
    expect(computed).toEqual([5, 6, 7, 8, 9, 10, 11]);
    expect(countedDown(resumed)).toEqual(countedDown(full));
  });

  it('stops at the relative-error rule decided in batch order, and says so', async () => {
    const relPlan = { ...plan, stopping: { ...plan.stopping, relativeError: 0.2, maxSamples: 1_000_000, minSamples: 0 } };
    const run = await runPlan(relPlan, [false], createInlineExecutor(relPlan));
    expect(run.stopReasons[0]).toBe('relative-error');
    expect(run.countedBatches[0]).toBeLessThan(200);
    const pool = createThreadPoolExecutor(relPlan, { threads: 2 });
    try {
      const again = await runPlan(relPlan, [false], pool);
      expect(again.countedBatches[0]).toBe(run.countedBatches[0]);
    } finally {
      await pool.close();
    }
  });

  it('stops dispatching when aborted and reports an interrupted run', async () => {
    const controller = new AbortController();
    const run = await runPlan(plan, [false], createInlineExecutor(plan), {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.completedBatches === 3) controller.abort();
      },
    });
    expect(run.interrupted).toBe(true);
    expect(run.stopReasons[0]).toBe('interrupted');
    expect(run.countedBatches[0]).toBeGreaterThanOrEqual(3);
    expect(run.countedBatches[0]).toBeLessThan(12);
  });
});
