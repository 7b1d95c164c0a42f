// The one batch protocol end to end for the other job kinds: `neverout simulate` and `neverout compare` (of samples
// and in time) resume after Ctrl-C, run in shards that merge, and run on `neverout worker` processes through Redis,
// each giving the uninterrupted single run's result bit for bit (run itself: distributed-run.test.ts, local-faults.test.ts).

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResultDocument } from '../../../engine/index.ts';
import { runCli } from '../../support/run-cli.ts';
import {
  countLines,
  expectSameResult,
  LOCAL_REDIS_URL,
  readResult,
  requireLocalRedis,
  spawnCli,
  startWorker,
  stopChild,
  uniqueName,
  waitFor,
  type CliChild,
} from './support.ts';

const available = await requireLocalRedis('every-kind.test.ts');
const TIMEOUT_MS = 240_000;

/** Each job: its command and inputs, and a budget of 120 batches over its scenarios (long enough to interrupt, seconds to run). */
const JOBS = [
  {
    kind: 'simulate',
    args: ['simulate', 'test/fixtures/studies/small-study.yaml', '--years', '4000', '--years-per-batch', '100', '--seed', '5'],
    batches: 120,
  },
  {
    kind: 'compare',
    args: [
      'compare',
      'test/fixtures/topologies/bridge.yaml',
      'test/fixtures/topologies/bridge-plus.yaml',
      '--samples',
      '12000000',
      '--batch-size',
      '100000',
      '--seed',
      '5',
    ],
    batches: 120,
  },
  {
    // A comparison in time (the studies ask for it): paired simulated years, two scenario pairs of 60 batches.
    kind: 'compare-in-time',
    args: [
      'compare',
      'test/fixtures/studies/bridge-time.yaml',
      'test/fixtures/studies/bridge-crew-time.yaml',
      '--samples',
      '3000',
      '--batch-size',
      '50',
      '--seed',
      '5',
    ],
    batches: 120,
  },
] as const;

const dir = mkdtempSync(join(tmpdir(), 'neverout-every-kind-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(JOBS)('neverout $kind', ({ kind, args, batches }) => {
  const QUIET = ['--quiet', '--no-report'];
  let reference: ResultDocument;

  beforeAll(async () => {
    const out = await runCli([...args, ...QUIET, '--workers', '1', '--out', join(dir, `${kind}-reference`)]);
    expect(out.code, out.stderr).toBe(0);
    reference = readResult(join(dir, `${kind}-reference`, 'result.json'));
    expect(reference.manifest.partial).toBe(false);
  }, TIMEOUT_MS);

  it(
    'resumes after Ctrl-C and gives the uninterrupted result',
    async () => {
      const out = join(dir, `${kind}-resumed`);
      const checkpoint = join(out, 'batches.jsonl');
      const victim = spawnCli([...args, ...QUIET, '--workers', '1', '--out', out]);
      await waitFor('batches in the checkpoint', () => countLines(checkpoint) >= 21 || victim.process.exitCode !== null, 60_000, 20);
      victim.process.kill('SIGINT');
      expect(await victim.exited, victim.output()).toBe(130);
      const partial = readResult(join(out, 'result.json'));
      expect(partial.manifest.partial).toBe(true);
      expect(partial.scenarios.some((s) => s.stoppedBy === 'interrupted')).toBe(true);
      const done = countLines(checkpoint) - 1;
      expect(done, 'the run finished before it could be interrupted').toBeLessThan(batches);

      const resumed = await runCli([...args, ...QUIET, '--workers', '1', '--out', out, '--resume']);
      expect(resumed.code, resumed.stderr).toBe(0);
      expectSameResult(readResult(join(out, 'result.json')), reference);
      expect(countLines(checkpoint) - 1).toBe(batches);
    },
    TIMEOUT_MS,
  );

  it(
    'runs in shards that merge into the single-run result',
    async () => {
      const parts = await Promise.all(
        [0, 1, 2].map((i) => runCli([...args, ...QUIET, '--shard', `${i}/3`, '--workers', '1', '--out', join(dir, `${kind}-shard${i}`)])),
      );
      for (const part of parts) expect(part.code, part.stderr).toBe(0);
      const merged = await runCli(['merge', ...[0, 1, 2].map((i) => join(dir, `${kind}-shard${i}`)), ...QUIET, '--out', join(dir, `${kind}-merged`)]);
      expect(merged.code, merged.stderr).toBe(0);
      expectSameResult(readResult(join(dir, `${kind}-merged`, 'result.json')), reference);
    },
    TIMEOUT_MS,
  );

  describe.skipIf(!available)('through Redis', () => {
    const prefix = uniqueName(`kind-${kind}`);
    const workers: CliChild[] = [];
    beforeAll(async () => {
      workers.push(...(await Promise.all([0, 1].map(() => startWorker(LOCAL_REDIS_URL, 'q', ['--redis-prefix', prefix])))));
    }, TIMEOUT_MS);
    afterAll(async () => {
      await Promise.all(workers.map((w) => stopChild(w)));
    }, TIMEOUT_MS);

    it(
      'two worker processes and a coordinator give the local result',
      async () => {
        const out = join(dir, `${kind}-redis`);
        const run = await runCli([...args, ...QUIET, '--redis', LOCAL_REDIS_URL, '--queue', 'q', '--redis-prefix', prefix, '--out', out]);
        expect(run.code, run.stderr).toBe(0);
        expectSameResult(readResult(join(out, 'result.json')), reference);
      },
      TIMEOUT_MS,
    );
  });
});
