// The checkpoint file OUT/batches.jsonl: a header line (plan hash, engine version, shard, the study's inputs as
// a PlanSpec) followed by one merged BatchResult per line. Appends are written at once (they survive a killed
// process) and fsync'd at intervals (they survive a power cut up to the last sync). A truncated last line, as a
// crash leaves it, is ignored on read and cut off before appending again.
//
//   runPlan onBatch ──append──> batches.jsonl ──readCheckpoint──> existing batches (resume, merge)

import { closeSync, fsyncSync, ftruncateSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { BatchResult } from '../../engine/index.ts';
import { InvalidBatchResultError, parseBatchResult } from './batch-result-schema.ts';
import {
  InvalidPlanSpecError,
  MAX_PLAN_SPEC_CHARS,
  parsePlanSpec,
  sha256HexSchema,
  type PlanSpec,
} from './plan-spec.ts';

/** Format tag of a checkpoint header. */
export const CHECKPOINT_FORMAT = 'neverout-checkpoint/1';
/** File name of the checkpoint inside an output folder. */
export const CHECKPOINT_FILE = 'batches.jsonl';
/** Default interval between fsyncs, in milliseconds. */
export const DEFAULT_SYNC_INTERVAL_MS = 1000;

/** Shard i of N: batches with batchIndex % count === index. */
export interface ShardSpec {
  /** In [0, count). */
  readonly index: number;
  /** >= 1. */
  readonly count: number;
}

export interface CheckpointHeader {
  readonly format: typeof CHECKPOINT_FORMAT;
  readonly planSha256: string;
  readonly engineVersion: string;
  readonly shard: ShardSpec | null;
  /** The inputs and run options; merge rebuilds the plan and result document from it. */
  readonly spec: PlanSpec;
}

/** What a checkpoint file holds. */
export interface Checkpoint {
  readonly header: CheckpointHeader;
  /** Batches in file order, duplicates removed (first kept). */
  readonly batches: readonly BatchResult[];
  /** Length in bytes of the valid prefix (header and complete batch lines). */
  readonly validBytes: number;
  /** True when a truncated last line was ignored. */
  readonly truncatedTail: boolean;
}

/** A checkpoint file is unreadable or corrupt (not just truncated at the end). */
export class CheckpointError extends Error {
  override readonly name: string = 'CheckpointError';
}

const headerSchema = z.object({
  format: z.literal(CHECKPOINT_FORMAT),
  planSha256: sha256HexSchema,
  engineVersion: z.string().min(1).max(64),
  shard: z.strictObject({ index: z.number().int().min(0), count: z.number().int().min(1) }).nullable(),
  spec: z.unknown(),
});

function batchKey(batch: BatchResult): string {
  return `${batch.scenarioIndex}:${batch.batchIndex}`;
}

/**
 * Reads and validates a checkpoint file. A last line without its newline (a write cut short by a crash) is
 * ignored; any other malformed line is an error.
 * @throws CheckpointError
 */
export async function readCheckpoint(path: string): Promise<Checkpoint> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new CheckpointError(`${path}: cannot read the checkpoint (${reason})`);
  }
  let header: CheckpointHeader | null = null;
  const batches: BatchResult[] = [];
  const seen = new Set<string>();
  let start = 0;
  let line = 0;
  let truncatedTail = false;
  while (start < bytes.length) {
    const end = bytes.indexOf(10, start);
    if (end < 0) {
      truncatedTail = true;
      break;
    }
    line++;
    const text = bytes.toString('utf8', start, end);
    if (header === null) {
      header = parseHeaderLine(path, text);
    } else if (text.trim().length > 0) {
      const batch = parseBatchLine(path, line, text);
      if (!seen.has(batchKey(batch))) {
        seen.add(batchKey(batch));
        batches.push(batch);
      }
    }
    start = end + 1;
  }
  if (header === null) throw new CheckpointError(`${path}: the checkpoint has no complete header line`);
  return { header, batches, validBytes: start, truncatedTail };
}

function parseHeaderLine(path: string, text: string): CheckpointHeader {
  if (text.length > MAX_PLAN_SPEC_CHARS + 10_000) throw new CheckpointError(`${path}:1: the header line is too long`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new CheckpointError(`${path}:1: the header is not valid JSON`);
  }
  const parsed = headerSchema.safeParse(value);
  if (!parsed.success)
    throw new CheckpointError(`${path}:1: not a neverout checkpoint header (expected format "${CHECKPOINT_FORMAT}")`);
  let spec: PlanSpec;
  try {
    spec = parsePlanSpec(parsed.data.spec);
  } catch (error) {
    if (error instanceof InvalidPlanSpecError) throw new CheckpointError(`${path}:1: ${error.message}`);
    throw error;
  }
  if (spec.planSha256 !== parsed.data.planSha256)
    throw new CheckpointError(`${path}:1: the header's plan hashes disagree`);
  return { ...parsed.data, spec };
}

function parseBatchLine(path: string, line: number, text: string): BatchResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new CheckpointError(`${path}:${line}: not valid JSON (the file is corrupt, not just truncated)`);
  }
  try {
    return parseBatchResult(value);
  } catch (error) {
    if (error instanceof InvalidBatchResultError) throw new CheckpointError(`${path}:${line}: ${error.message}`);
    throw error;
  }
}

/** Appends merged batches to a checkpoint file. */
export interface CheckpointWriter {
  readonly path: string;
  /** Writes one batch line (skipped when that batch is already in the file). */
  append(batch: BatchResult): void;
  /** Syncs and closes the file; idempotent. */
  close(): void;
}

/** Options of openCheckpointWriter; every field optional. */
export interface CheckpointWriterOptions {
  /** Continue an existing file: cut it to `validBytes` and skip the batches it already holds. */
  resume?: Checkpoint;
  /** Minimum milliseconds between fsyncs, >= 0; default DEFAULT_SYNC_INTERVAL_MS. */
  syncIntervalMs?: number;
  /** Clock in milliseconds, injectable for tests. */
  now?: () => number;
}

/**
 * Starts a checkpoint file (header first) or continues one.
 * Writes are synchronous: runPlan's onBatch is synchronous, and a synchronous append of one short line costs
 * microseconds while keeping the file in merge order without a write queue.
 */
export function openCheckpointWriter(
  path: string,
  header: CheckpointHeader,
  options: CheckpointWriterOptions = {},
): CheckpointWriter {
  const syncIntervalMs = options.syncIntervalMs ?? DEFAULT_SYNC_INTERVAL_MS;
  const now = options.now ?? Date.now;
  const known = new Set<string>();
  mkdirSync(dirname(path), { recursive: true });
  let fd: number;
  if (options.resume !== undefined) {
    for (const b of options.resume.batches) known.add(batchKey(b));
    // Drop a truncated tail so the next line starts on a line of its own.
    const cut = openSync(path, 'r+');
    try {
      ftruncateSync(cut, options.resume.validBytes);
    } finally {
      closeSync(cut);
    }
    fd = openSync(path, 'a');
  } else {
    fd = openSync(path, 'w');
    writeSync(fd, `${JSON.stringify(header)}\n`);
    fsyncSync(fd);
  }
  let lastSync = now();
  let dirty = false;
  let closed = false;
  return {
    path,
    append(batch) {
      if (closed) return;
      const key = batchKey(batch);
      if (known.has(key)) return;
      known.add(key);
      writeSync(fd, `${JSON.stringify(batch)}\n`);
      dirty = true;
      if (now() - lastSync >= syncIntervalMs) {
        fsyncSync(fd);
        lastSync = now();
        dirty = false;
      }
    },
    close() {
      if (closed) return;
      closed = true;
      if (dirty) fsyncSync(fd);
      closeSync(fd);
    },
  };
}
