// The checkpoint file OUT/batches.jsonl: a header line (plan hash, engine version, batch kind, shard, the study's
// inputs as a plan spec) followed by one merged batch result (of that kind) per line. Appends are written at once (they survive a killed
// process) and fsync'd at intervals (they survive a power cut up to the last sync). A truncated last line, as a
// crash leaves it, is ignored on read and cut off before appending again.
//
//   runPlan onBatch ──append──> batches.jsonl ──readCheckpoint──> existing batches (resume, merge)

import { closeSync, fsyncSync, ftruncateSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import {
  BATCH_KINDS,
  checkBatchAgainstPlan,
  describePathErrorCode,
  describeSchemaIssue,
  InputError,
  type BatchKind,
  type BatchPlan,
  type PlanBatchResult,
} from '../../engine/index.ts';
import { InvalidBatchResultError, parseBatchResult } from './batch-result-schema.ts';

/** Format tag of a checkpoint header. Version 2: batches of every kind, the kind in the header. */
export const CHECKPOINT_FORMAT = 'neverout-checkpoint/2';
/** Largest header line accepted (it carries the input files' texts), in UTF-16 code units. */
export const MAX_CHECKPOINT_HEADER_CHARS = 64 * 1024 * 1024 + 10_000;
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

/** Whether batch `batchIndex` (of any scenario) belongs to `shard`. */
export function isInShard(shard: ShardSpec, batchIndex: number): boolean {
  return batchIndex % shard.count === shard.index;
}

export interface CheckpointHeader {
  readonly format: typeof CHECKPOINT_FORMAT;
  readonly planSha256: string;
  readonly engineVersion: string;
  /** The kind of every batch line. */
  readonly kind: BatchKind;
  readonly shard: ShardSpec | null;
  /**
   * The inputs and run options (a plan spec, scenarios/): merge and resume rebuild the plan from it and check
   * it against planSha256. Plain JSON here; its reader validates it.
   */
  readonly spec: unknown;
}

/** What a checkpoint file holds. */
export interface Checkpoint {
  readonly header: CheckpointHeader;
  /** Batches in file order, duplicates removed (first kept). */
  readonly batches: readonly PlanBatchResult[];
  /** The line (1-based; the header is line 1) of each of `batches`, for messages. */
  readonly batchLines: readonly number[];
  /** Length in bytes of the valid prefix (header and complete batch lines). */
  readonly validBytes: number;
  /** True when a truncated last line was ignored. */
  readonly truncatedTail: boolean;
}

/** A checkpoint file is unreadable or corrupt (not just truncated at the end): the user named a bad file. */
export class CheckpointError extends InputError {
  override readonly name: string = 'CheckpointError';
}

const headerSchema = z.strictObject({
  format: z.literal(CHECKPOINT_FORMAT),
  planSha256: z.string().regex(/^[0-9a-f]{64}$/, 'a hex SHA-256 (64 characters 0-9, a-f)'),
  engineVersion: z.string().min(1).max(64),
  kind: z.enum(BATCH_KINDS as [BatchKind, ...BatchKind[]]),
  shard: z
    .strictObject({ index: z.number().int().min(0), count: z.number().int().min(1) })
    .refine((shard) => shard.index < shard.count, { path: ['index'], error: 'a whole number below shard.count' })
    .nullable(),
  spec: z.unknown(),
});

function batchKey(batch: PlanBatchResult): string {
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
  const batches: PlanBatchResult[] = [];
  const batchLines: number[] = [];
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
      const batch = parseBatchLine(path, line, text, header.kind);
      if (!seen.has(batchKey(batch))) {
        seen.add(batchKey(batch));
        batches.push(batch);
        batchLines.push(line);
      }
    }
    start = end + 1;
  }
  if (header === null) throw new CheckpointError(`${path}: the checkpoint has no complete header line`);
  return { header, batches, batchLines, validBytes: start, truncatedTail };
}

function parseHeaderLine(path: string, text: string): CheckpointHeader {
  if (text.length > MAX_CHECKPOINT_HEADER_CHARS) throw new CheckpointError(`${path}:1: the header line is too long`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new CheckpointError(`${path}:1: the header is not valid JSON`);
  }
  const parsed = headerSchema.safeParse(value);
  if (!parsed.success) {
    const format = typeof value === 'object' && value !== null ? (value as { format?: unknown }).format : undefined;
    // A header of this format names the field that is wrong; anything else is another file, or another version.
    if (format === CHECKPOINT_FORMAT) {
      throw new CheckpointError(`${path}:1: checkpoint header: ${describeSchemaIssue(parsed.error, value)}`);
    }
    const older = typeof format === 'string' && format.startsWith('neverout-checkpoint/') ? `, this file is ${format}` : '';
    throw new CheckpointError(`${path}:1: not a neverout checkpoint header (expected format "${CHECKPOINT_FORMAT}"${older})`);
  }
  return parsed.data;
}

function parseBatchLine(path: string, line: number, text: string, kind: BatchKind): PlanBatchResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new CheckpointError(`${path}:${line}: not valid JSON (the file is corrupt, not just truncated)`);
  }
  try {
    return parseBatchResult(kind, value);
  } catch (error) {
    if (error instanceof InvalidBatchResultError) throw new CheckpointError(`${path}:${line}: ${error.message}`);
    throw error;
  }
}

/**
 * Refuses batches of a checkpoint that do not belong to the plan (a corrupt or foreign file), naming the file and
 * the batch's line. With `shard`, a batch outside that shard is refused too.
 * @param path the checkpoint file, as messages name it
 * @throws CheckpointError
 */
export function checkCheckpointBatches(path: string, checkpoint: Checkpoint, batchPlan: BatchPlan, shard: ShardSpec | null = null): void {
  checkpoint.batches.forEach((batch, i) => {
    const line = checkpoint.batchLines[i];
    const problem = checkBatchAgainstPlan(batchPlan, batch);
    if (problem !== null) throw new CheckpointError(`${path}:${line}: ${problem}`);
    if (shard !== null && !isInShard(shard, batch.batchIndex)) {
      throw new CheckpointError(
        `${path}:${line}: batch ${batch.batchIndex} of scenario ${batch.scenarioIndex} is not in shard ${shard.index}/${shard.count} ` +
          `that the header names (batch index % ${shard.count} is ${batch.batchIndex % shard.count})`,
      );
    }
  });
}

/** Appends merged batches to a checkpoint file. */
export interface CheckpointWriter {
  readonly path: string;
  /** Writes one batch line (skipped when that batch is already in the file). */
  append(batch: PlanBatchResult): void;
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
  let fd = -1;
  writing(path, () => {
    mkdirSync(dirname(path), { recursive: true });
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
  });
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
      writing(path, () => {
        writeSync(fd, `${JSON.stringify(batch)}\n`);
        dirty = true;
        if (now() - lastSync >= syncIntervalMs) {
          fsyncSync(fd);
          lastSync = now();
          dirty = false;
        }
      });
    },
    close() {
      if (closed) return;
      closed = true;
      try {
        if (dirty) writing(path, () => fsyncSync(fd));
      } finally {
        closeSync(fd);
      }
    },
  };
}

/**
 * Runs a write to the checkpoint, turning a file-system error (a folder or a dangling link in the way, no space, no
 * permission; worded as every writer words it) into a CheckpointError that names the file.
 */
function writing(path: string, write: () => void): void {
  try {
    write();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | null)?.code;
    if (code === undefined) throw error;
    const reason = describePathErrorCode(code) ?? code;
    throw new CheckpointError(`${path}: cannot write the checkpoint (${reason})`, { cause: error });
  }
}
