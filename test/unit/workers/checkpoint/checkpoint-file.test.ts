import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkBatchAgainstPlan, planBatchTask, runBatch, runPlanBatch, type BatchResult } from '../../../../engine/index.ts';
import {
  CHECKPOINT_FORMAT,
  CheckpointError,
  CheckpointMismatchError,
  InvalidBatchResultError,
  MAX_BATCH_RESULT_CHARS,
  mergeCheckpoints,
  openCheckpointWriter,
  parseBatchResult,
  parseBatchResultText,
  readCheckpoint,
  type CheckpointHeader,
} from '../../../../workers/checkpoint/index.ts';
import { BATCH_KIND_CASES, planOfKind } from '../../../support/job-plans.ts';
import { compileReferenceCase, planFor, readReferenceCase } from '../../../support/reference-model.ts';

const plan = planFor(compileReferenceCase(readReferenceCase('bridge-q0.1')), '3', 4_000, 1_000);
const batches: BatchResult[] = [0, 1, 2, 3].map((b) => runBatch(plan, 0, b, 1_000));
const dir = mkdtempSync(join(tmpdir(), 'neverout-checkpoint-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function header(planSha256 = 'a'.repeat(64)): CheckpointHeader {
  return {
    format: CHECKPOINT_FORMAT,
    planSha256,
    engineVersion: '0.1.0',
    kind: 'static',
    shard: null,
    spec: {
      // The spec is carried as plain JSON; its reader (scenarios/) validates it.
      format: 'neverout-plan-spec/2',
      planSha256,
    },
  };
}

describe('openCheckpointWriter and readCheckpoint', () => {
  it('round-trips the header and batches, writing each batch once', async () => {
    const path = join(dir, 'round-trip.jsonl');
    const writer = openCheckpointWriter(path, header());
    for (const b of [...batches, batches[1]]) writer.append(b);
    writer.close();
    const checkpoint = await readCheckpoint(path);
    expect(checkpoint.header).toEqual(header());
    expect(checkpoint.batches).toEqual(batches);
    expect(checkpoint.truncatedTail).toBe(false);
    expect(readFileSync(path, 'utf8').trim().split('\n')).toHaveLength(5);
  });

  it('ignores a truncated last line and cuts it off before appending again', async () => {
    const path = join(dir, 'truncated.jsonl');
    const writer = openCheckpointWriter(path, header());
    writer.append(batches[0]);
    writer.append(batches[1]);
    writer.close();
    appendFileSync(path, JSON.stringify(batches[2]).slice(0, 40));
    const checkpoint = await readCheckpoint(path);
    expect(checkpoint.truncatedTail).toBe(true);
    expect(checkpoint.batches).toEqual(batches.slice(0, 2));

    const resumed = openCheckpointWriter(path, header(), { resume: checkpoint });
    resumed.append(batches[1]);
    resumed.append(batches[2]);
    resumed.close();
    const again = await readCheckpoint(path);
    expect(again.truncatedTail).toBe(false);
    expect(again.batches).toEqual(batches.slice(0, 3));
  });

  it('reports a corrupt line that is not the last one, and a file that is not a checkpoint', async () => {
    const path = join(dir, 'corrupt.jsonl');
    writeFileSync(path, `${JSON.stringify(header())}\n{"scenarioIndex":\n${JSON.stringify(batches[0])}\n`);
    await expect(readCheckpoint(path)).rejects.toThrow(/corrupt\.jsonl:2: not valid JSON/);
    writeFileSync(path, '{"hello":1}\n');
    await expect(readCheckpoint(path)).rejects.toBeInstanceOf(CheckpointError);
    await expect(readCheckpoint(join(dir, 'missing.jsonl'))).rejects.toThrow(/no such file/);
  });
});

describe('mergeCheckpoints', () => {
  it('unions parts of one plan and refuses parts of another', async () => {
    const a = join(dir, 'a.jsonl');
    const b = join(dir, 'b.jsonl');
    const c = join(dir, 'c.jsonl');
    for (const [path, part, sha] of [
      [a, [0, 2], 'a'],
      [b, [1, 2, 3], 'a'],
      [c, [1], 'c'],
    ] as const) {
      const writer = openCheckpointWriter(path, header(sha.repeat(64)));
      for (const i of part) writer.append(batches[i]);
      writer.close();
    }
    const merged = await mergeCheckpoints([a, b]);
    expect(merged.batches.map((x) => x.batchIndex).sort()).toEqual([0, 1, 2, 3]);
    await expect(mergeCheckpoints([a, c])).rejects.toBeInstanceOf(CheckpointMismatchError);
  });
});

describe('parseBatchResult', () => {
  it('rebuilds a batch in canonical key order, so re-read batches merge idempotently', () => {
    const b = batches[0];
    const services = b.services.map((t) =>
      t.kind === 'crude' ? { servedEndpoints: t.servedEndpoints, down: t.down, samples: t.samples, kind: t.kind } : t,
    );
    const shuffled = JSON.parse(
      JSON.stringify({
        services,
        sampleCount: b.sampleCount,
        batchIndex: b.batchIndex,
        scenarioId: b.scenarioId,
        scenarioIndex: b.scenarioIndex,
      }),
    ) as unknown;
    expect(JSON.stringify(shuffled)).not.toBe(JSON.stringify(b));
    expect(JSON.stringify(parseBatchResult('static', shuffled))).toBe(JSON.stringify(b));
  });

  it.each(BATCH_KIND_CASES)('round-trips %s batches through JSON exactly, and refuses another kind', async (kind) => {
    const batchPlan = await planOfKind(kind, kind === 'time' || kind === 'paired-time' ? { samples: 20, batchSize: 10 } : { samples: 2_000, batchSize: 1_000 });
    const batch = runPlanBatch(batchPlan, planBatchTask(batchPlan, 0, 1));
    const reread = parseBatchResultText(kind, JSON.stringify(batch));
    expect(JSON.stringify(reread)).toBe(JSON.stringify(batch));
    expect(checkBatchAgainstPlan(batchPlan, reread)).toBeNull();
    for (const other of BATCH_KIND_CASES.filter((k) => k !== kind)) {
      expect(() => parseBatchResult(other, batch)).toThrow(InvalidBatchResultError);
    }
  });

  it('round-trips a static batch that skipped services (they had stopped), and checks it against the plan', async () => {
    const batchPlan = await planOfKind('static', { samples: 2_000, batchSize: 1_000 });
    const skipServices = [0];
    const batch = runPlanBatch(batchPlan, { ...planBatchTask(batchPlan, 0, 1), skipServices });
    expect('skippedServices' in batch && batch.skippedServices).toEqual(skipServices);
    const reread = parseBatchResultText('static', JSON.stringify(batch));
    expect(JSON.stringify(reread)).toBe(JSON.stringify(batch));
    expect(checkBatchAgainstPlan(batchPlan, reread)).toBeNull();
    // A skip list naming no service of the plan, or out of order, is refused.
    expect(checkBatchAgainstPlan(batchPlan, { ...reread, skippedServices: [99] })).toMatch(/skipped services/);
  });

  it('rejects unknown fields, negative counts and oversize texts', () => {
    expect(() => parseBatchResult('static', { ...batches[0], code: 'x' })).toThrow(InvalidBatchResultError);
    expect(() => parseBatchResult('static', { ...batches[0], sampleCount: -1 })).toThrow(InvalidBatchResultError);
    expect(() => parseBatchResultText('static', ' '.repeat(MAX_BATCH_RESULT_CHARS + 1))).toThrow(/exceeds the limit/);
  });
});

describe('checkBatchAgainstPlan', () => {
  it("accepts the plan's batches and refuses ones that do not belong to it", () => {
    const batchPlan = { kind: 'static', plan } as const;
    expect(checkBatchAgainstPlan(batchPlan, batches[1])).toBeNull();
    expect(checkBatchAgainstPlan(batchPlan, { ...batches[1], sampleCount: 999 })).toMatch(/prescribes 1000/);
    expect(checkBatchAgainstPlan(batchPlan, { ...batches[1], batchIndex: 4 })).toMatch(/beyond the sample budget/);
    expect(checkBatchAgainstPlan(batchPlan, { ...batches[1], scenarioId: 'other' })).toMatch(/scenario id/);
  });
});
