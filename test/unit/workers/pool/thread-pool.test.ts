// The thread pool's scheduler: a scenario's batches stay on the thread it first ran on (that thread keeps what it
// derived for the scenario), and an idle thread takes a batch from a backlog. A fixture worker reports its thread.

import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { BACKLOG_BEFORE_STEALING, createThreadPoolExecutor } from '../../../../workers/pool/thread-pool.ts';
import type { BatchExecutor, BatchTask } from '../../../../workers/protocol.ts';
import { compileReferenceCase, planFor, readReferenceCase } from '../../../support/reference-model.ts';

const WORKER = fileURLToPath(new URL('../../../fixtures/workers/thread-id-worker.js', import.meta.url));
const PLAN = { kind: 'static', plan: planFor(compileReferenceCase(readReferenceCase('dodecahedron-riskgroup-q0.01')), 'pool', 1_000) } as const;

function task(scenarioIndex: number, batchIndex: number): BatchTask {
  return { scenarioIndex, batchIndex, sampleCount: 1 };
}

async function threadOf(executor: BatchExecutor, tasks: readonly BatchTask[]): Promise<number[]> {
  const results = await Promise.all(tasks.map((t) => executor.run(t)));
  return results.map((r) => (r as unknown as { threadId: number }).threadId);
}

describe('thread pool scheduler', () => {
  let executor: BatchExecutor | null = null;
  afterEach(async () => {
    await executor?.close();
    executor = null;
  });

  it('keeps each scenario on the thread it first ran on, and starts new scenarios on the least busy thread', async () => {
    executor = await createThreadPoolExecutor(PLAN, { threads: 2, workerFile: WORKER });
    // Two scenarios in flight at once, as runPlan's lanes dispatch them: each gets its own thread.
    const first = await threadOf(executor, [task(0, 0), task(1, 0)]);
    expect(first[0]).not.toBe(first[1]);
    // Later batches, sent one at a time, go back to their scenario's thread.
    for (let b = 1; b <= 3; b++) {
      expect(await threadOf(executor, [task(0, b)])).toEqual([first[0]]);
      expect(await threadOf(executor, [task(1, b)])).toEqual([first[1]]);
    }
  });

  it('lets an idle thread take a batch when the scenario’s thread has a backlog', async () => {
    executor = await createThreadPoolExecutor(PLAN, { threads: 2, workerFile: WORKER });
    const [home] = await threadOf(executor, [task(0, 0)]);
    // Up to the backlog the scenario's thread takes them all; the next batch goes to the idle thread.
    const tasks = Array.from({ length: BACKLOG_BEFORE_STEALING + 1 }, (_, i) => task(0, i + 1));
    const threads = await threadOf(executor, tasks);
    expect(threads.slice(0, BACKLOG_BEFORE_STEALING)).toEqual(new Array<number>(BACKLOG_BEFORE_STEALING).fill(home));
    expect(threads[BACKLOG_BEFORE_STEALING]).not.toBe(home);
  });
});
