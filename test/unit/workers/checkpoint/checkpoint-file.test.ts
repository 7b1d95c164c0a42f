import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkBatchAgainstPlan, planBatchTask, runBatch, runPlanBatch, type BatchResult } from '../../../../engine/index.ts';
import {
  CHECKPOINT_FORMAT,
  checkCheckpointBatches,
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

describe('readCheckpoint: problems in the words of the input messages', () => {
  it('names the header field that is missing or wrong in a header of this format, at line 1', async () => {
    const path = join(dir, 'header-fields.jsonl');
    const { kind: _kind, ...withoutKind } = header();
    for (const [value, message] of [
      [withoutKind, 'field "kind" is required: expected one of "static", "time", "paired", "paired-time"'],
      [{ ...header(), kind: 'other' }, 'field "kind": expected one of "static", "time", "paired", "paired-time", got "other"'],
      [{ ...header(), planSha256: 'abc' }, 'field "planSha256": expected a hex SHA-256 (64 characters 0-9, a-f), got "abc"'],
      [{ ...header(), shard: { index: 2, count: 2 } }, 'field "shard.index": expected a whole number below shard.count, got 2'],
      [{ ...header(), extra: 1 }, 'unknown field "extra"'],
    ] as const) {
      writeFileSync(path, `${JSON.stringify(value)}\n${JSON.stringify(batches[0])}\n`);
      const error = await readCheckpoint(path).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CheckpointError);
      expect((error as Error).message).toBe(`${path}:1: checkpoint header: ${message}`);
    }
    // Another version, or another file, is named as such.
    writeFileSync(path, `${JSON.stringify({ ...header(), format: 'neverout-checkpoint/1' })}\n`);
    await expect(readCheckpoint(path)).rejects.toThrow(
      `${path}:1: not a neverout checkpoint header (expected format "neverout-checkpoint/2", this file is neverout-checkpoint/1)`,
    );
  });

  it('names the field of a batch line that fails its schema, never the validation library text', async () => {
    const path = join(dir, 'batch-fields.jsonl');
    const [first] = batches;
    const badTally = { ...first, services: [{ ...first.services[0], down: 'x' }] };
    const { sampleCount: _sampleCount, ...withoutCount } = first;
    for (const [value, message] of [
      [badTally, 'not a batch result: field "services[0].down": expected a number, got "x"'],
      [withoutCount, 'not a batch result: field "sampleCount" is required: expected a number'],
      [{ ...first, code: 1 }, 'not a batch result: unknown field "code"'],
      [{ ...first, services: [{ ...first.services[0], kind: 'other' }] }, 'not a batch result: field "services[0].kind": expected one of "crude", "weighted", got "other"'],
    ] as const) {
      writeFileSync(path, `${JSON.stringify(header())}\n${JSON.stringify(batches[1])}\n${JSON.stringify(value)}\n`);
      const error = await readCheckpoint(path).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CheckpointError);
      expect((error as Error).message).toBe(`${path}:3: ${message}`);
      expect((error as Error).message).not.toMatch(/Invalid|Unrecognized/);
    }
  });
});

describe('checkCheckpointBatches', () => {
  const batchPlan = { kind: 'static', plan } as const;

  it('names the file and the line of a batch that does not belong to the plan', async () => {
    const path = join(dir, 'foreign.jsonl');
    // Line 3 repeats batch 0 (dropped), so the foreign batch is on line 5, not at index 3 + 1 of the batches.
    const lines = [header(), batches[0], batches[0], batches[1], { ...batches[2], sampleCount: 999 }];
    writeFileSync(path, lines.map((l) => `${JSON.stringify(l)}\n`).join(''));
    const checkpoint = await readCheckpoint(path);
    expect(checkpoint.batchLines).toEqual([2, 4, 5]);
    expect(() => checkCheckpointBatches(path, checkpoint, batchPlan)).toThrow(
      new CheckpointError(`${path}:5: batch 2 of scenario 0: 999 samples, the plan prescribes 1000`),
    );
  });

  it('with a shard, refuses a batch of another shard at its line', async () => {
    const path = join(dir, 'shard.jsonl');
    const writer = openCheckpointWriter(path, { ...header(), shard: { index: 0, count: 2 } });
    for (const i of [0, 2, 1]) writer.append(batches[i]);
    writer.close();
    const checkpoint = await readCheckpoint(path);
    expect(() => checkCheckpointBatches(path, checkpoint, batchPlan)).not.toThrow();
    expect(() => checkCheckpointBatches(path, checkpoint, batchPlan, { index: 0, count: 2 })).toThrow(
      `${path}:4: batch 1 of scenario 0 is not in shard 0/2 that the header names (batch index % 2 is 1)`,
    );
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
