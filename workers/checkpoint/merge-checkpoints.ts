// Gathers the batches of several checkpoints of one plan (shards, or runs on several machines): checks that
// they share the plan hash and unions their batches by (scenario, batch index).

import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { PlanBatchResult } from '../../engine/index.ts';
import {
  CHECKPOINT_FILE,
  CheckpointError,
  readCheckpoint,
  type Checkpoint,
  type CheckpointHeader,
} from './checkpoint-file.ts';

/** The union of several checkpoints. */
export interface MergedCheckpoints {
  /** Header of the first part (all parts share its plan hash). */
  readonly header: CheckpointHeader;
  readonly parts: ReadonlyArray<{ readonly path: string; readonly checkpoint: Checkpoint }>;
  /** Every distinct batch, in part then file order. */
  readonly batches: readonly PlanBatchResult[];
}

/** Plan hashes of the parts differ: they are not batches of one study. */
export class CheckpointMismatchError extends CheckpointError {
  override readonly name = 'CheckpointMismatchError';
}

/** A part given as a folder stands for its batches.jsonl. */
export async function resolveCheckpointPath(part: string): Promise<string> {
  try {
    if ((await stat(part)).isDirectory()) return join(part, CHECKPOINT_FILE);
  } catch {
    // Not there: readCheckpoint reports it with the path as given.
  }
  return part;
}

/**
 * Reads every part and unions their batches.
 * @param parts checkpoint files or output folders holding batches.jsonl; at least one
 * @throws CheckpointError, CheckpointMismatchError
 */
export async function mergeCheckpoints(parts: readonly string[]): Promise<MergedCheckpoints> {
  if (parts.length === 0) throw new CheckpointError('no checkpoints to merge');
  const read: Array<{ path: string; checkpoint: Checkpoint }> = [];
  for (const part of parts) {
    const path = await resolveCheckpointPath(part);
    read.push({ path, checkpoint: await readCheckpoint(path) });
  }
  const first = read[0];
  for (const { path, checkpoint } of read) {
    if (checkpoint.header.planSha256 !== first.checkpoint.header.planSha256) {
      throw new CheckpointMismatchError(
        `${path} holds batches of plan ${checkpoint.header.planSha256.slice(0, 12)}…, ${first.path} of plan ` +
          `${first.checkpoint.header.planSha256.slice(0, 12)}…: only parts of one study (same inputs, seed, samples and batch size) merge`,
      );
    }
  }
  const seen = new Set<string>();
  const batches: PlanBatchResult[] = [];
  for (const { checkpoint } of read) {
    for (const b of checkpoint.batches) {
      const key = `${b.scenarioIndex}:${b.batchIndex}`;
      if (seen.has(key)) continue;
      seen.add(key);
      batches.push(b);
    }
  }
  return { header: first.checkpoint.header, parts: read, batches };
}
