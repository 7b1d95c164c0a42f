// Local-mode fault tolerance: a killed run resumes from batches.jsonl (--resume), shards merge into the single-run
// result, and a crashed worker thread's batch is retried; each gives exactly the uninterrupted result.

import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResultDocument } from '../../../engine/index.ts';
import { createInlineExecutor, createThreadPoolExecutor, runPlan } from '../../../workers/index.ts';
import { runCli, REPO_ROOT } from '../../support/run-cli.ts';
import { compileReferenceCase, planFor, readReferenceCase } from '../../support/reference-model.ts';
import { countLines, expectSameResult, readResult, SMALL_STUDY, spawnCli, waitFor } from './support.ts';

// 2 random scenarios x 40 batches + 1 deterministic batch; a few seconds on one thread.
const RUN_ARGS = ['--seed', '11', '--samples', '1200000', '--batch-size', '30000', '--workers', '1', '--quiet'];
const TOTAL_BATCHES = 81;
// Child processes on a shared, loaded machine: generous limits; the runs themselves take seconds.
const TIMEOUT_MS = 240_000;

let dir: string;
let reference: ResultDocument;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'neverout-local-faults-'));
  const out = await runCli(['run', SMALL_STUDY, ...RUN_ARGS, '--out', join(dir, 'reference')]);
  expect(out.code, out.stderr).toBe(0);
  reference = readResult(join(dir, 'reference', 'result.json'));
  expect(countLines(join(dir, 'reference', 'batches.jsonl'))).toBe(1 + TOTAL_BATCHES);
}, TIMEOUT_MS);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('neverout run --resume', () => {
  it(
    'continues a run killed with SIGKILL and gives the uninterrupted result',
    async () => {
      const out = join(dir, 'resumed');
      const checkpoint = join(out, 'batches.jsonl');
      const victim = spawnCli(['run', SMALL_STUDY, ...RUN_ARGS, '--out', out]);
      await waitFor(
        'some batches in the checkpoint',
        () => countLines(checkpoint) >= 11 || victim.process.exitCode !== null,
        60_000,
        20,
      );
      victim.process.kill('SIGKILL');
      await victim.exited;
      const before = countLines(checkpoint) - 1;
      expect(before).toBeGreaterThanOrEqual(10);
      expect(before, 'the run finished before it could be killed').toBeLessThan(TOTAL_BATCHES);

      const resumed = await runCli(['run', SMALL_STUDY, ...RUN_ARGS, '--out', out, '--resume']);
      expect(resumed.code, resumed.stderr).toBe(0);
      expectSameResult(readResult(join(out, 'result.json')), reference);
      // Every batch is in the checkpoint exactly once: the resumed run did not recompute the checkpointed ones.
      const lines = readFileSync(checkpoint, 'utf8').trim().split('\n').slice(1);
      expect(
        new Set(
          lines.map((l) => {
            const b = JSON.parse(l) as { scenarioIndex: number; batchIndex: number };
            return `${b.scenarioIndex}:${b.batchIndex}`;
          }),
        ).size,
      ).toBe(TOTAL_BATCHES);
      expect(lines.length).toBe(TOTAL_BATCHES);
    },
    TIMEOUT_MS,
  );

  it(
    'refuses a checkpoint of another plan with exit code 2',
    async () => {
      const out = await runCli([
        'run',
        SMALL_STUDY,
        ...RUN_ARGS.map((a) => (a === '11' ? '12' : a)),
        '--out',
        join(dir, 'reference'),
        '--resume',
      ]);
      expect(out.code).toBe(2);
      expect(out.stderr).toMatch(/^error: --resume: .*batches\.jsonl belongs to another plan/);
    },
    TIMEOUT_MS,
  );
});

describe('neverout run --shard and neverout merge', () => {
  it(
    'merges shards 0/2 and 1/2 into the single-run result',
    async () => {
      const [s0, s1] = await Promise.all(
        [0, 1].map((i) =>
          runCli(['run', SMALL_STUDY, ...RUN_ARGS, '--shard', `${i}/2`, '--out', join(dir, `shard${i}`)]),
        ),
      );
      expect(s0.code, s0.stderr).toBe(0);
      expect(s1.code, s1.stderr).toBe(0);
      const part = readResult(join(dir, 'shard1', 'result.json'));
      expect(part.manifest.partial).toBe(true);
      expect(part.manifest.shard).toEqual({ index: 1, count: 2 });

      const merged = await runCli([
        'merge',
        join(dir, 'shard0'),
        join(dir, 'shard1', 'batches.jsonl'),
        '--out',
        join(dir, 'merged'),
        '--quiet',
      ]);
      expect(merged.code, merged.stderr).toBe(0);
      const document = readResult(join(dir, 'merged', 'result.json'));
      expect(document.manifest.partial).toBe(false);
      expectSameResult(document, reference);
    },
    TIMEOUT_MS,
  );

  it(
    'refuses --rel-error with --shard, and a merge with a shard missing',
    async () => {
      const rel = await runCli(['run', SMALL_STUDY, '--shard', '0/2', '--rel-error', '0.1', '--out', join(dir, 'x')]);
      expect(rel.code).toBe(2);
      expect(rel.stderr).toContain('--rel-error cannot be combined with --shard');
      const missing = await runCli(['merge', join(dir, 'shard0'), '--out', join(dir, 'x')]);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain('batches are missing');
    },
    TIMEOUT_MS,
  );
});

describe('local pool faults', () => {
  it(
    'retries the batch of a crashed worker thread and counts it once',
    async () => {
      const plan = { kind: 'static', plan: planFor(compileReferenceCase(readReferenceCase('dodecahedron-nodes-q0.01')), '5', 40_000, 5_000) } as const;
      process.env.NEVEROUT_CRASH_MARKER = join(dir, 'crashed');
      const executor = await createThreadPoolExecutor(plan, {
        threads: 2,
        workerFile: join(REPO_ROOT, 'test/fixtures/workers/crash-once-worker.js'),
      });
      let crashed;
      try {
        crashed = await runPlan(plan, executor);
      } finally {
        await executor.close();
      }
      expect(existsSync(join(dir, 'crashed')), 'a task crashed its thread').toBe(true);
      const clean = await runPlan(plan, createInlineExecutor(plan));
      expect(crashed.countedBatches).toEqual([8]);
      expect(crashed.tallies[0].batches).toEqual(clean.tallies[0].batches);
    },
    TIMEOUT_MS,
  );
});
