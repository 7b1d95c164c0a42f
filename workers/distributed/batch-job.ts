// What goes over Redis for a distributed run: the batch job's data (a plan reference and a BatchTask, nothing
// else), the deterministic job id, the key names of plan specs and results, and their size limits.

import { z } from 'zod';
import { MAX_SKIPPED_SERVICES, type BatchTask } from '../protocol.ts';

/**
 * Largest job data accepted, in characters of its JSON: a hash, a version, three numbers and at most
 * MAX_SKIPPED_SERVICES (workers/protocol.ts) service indices to skip.
 */
export const MAX_JOB_DATA_CHARS = 16 * 1024;

/** Default BullMQ queue name. */
export const DEFAULT_QUEUE_NAME = 'neverout';
/** Default key prefix (BullMQ's `prefix`; neverout's own keys live beside the queue's). */
export const DEFAULT_KEY_PREFIX = 'neverout';
/** Prefix of the failure reason of a job a worker refused (version mismatch, a study it cannot validate). */
export const REFUSAL_PREFIX = 'refused: ';

/** Job name of a batch job. */
export const BATCH_JOB_NAME = 'batch';

/** Data of one batch job. */
export interface BatchJobData {
  readonly planSha256: string;
  /** ENGINE_VERSION of the coordinator; a worker of another version refuses the job. */
  readonly engineVersion: string;
  readonly task: BatchTask;
}

/** Schema of BatchJobData: exactly a plan hash, an engine version and a task. */
export const batchJobDataSchema = z.strictObject({
  planSha256: z.string().regex(/^[0-9a-f]{64}$/),
  engineVersion: z.string().min(1).max(64),
  task: z.strictObject({
    scenarioIndex: z.number().int().min(0).max(1_000_000),
    batchIndex: z.number().int().min(0),
    sampleCount: z.number().int().min(1),
    skipServices: z.array(z.number().int().min(0).max(1_000_000)).max(MAX_SKIPPED_SERVICES).optional(),
  }),
});

/** Job data failed validation. */
export class InvalidJobDataError extends Error {
  override readonly name = 'InvalidJobDataError';
}

/**
 * Validates job data taken from Redis, bounded in size.
 * @throws InvalidJobDataError
 */
export function parseBatchJobData(value: unknown): BatchJobData {
  let size: number;
  try {
    size = JSON.stringify(value)?.length ?? 0;
  } catch {
    throw new InvalidJobDataError('job data is not JSON');
  }
  if (size > MAX_JOB_DATA_CHARS)
    throw new InvalidJobDataError(`job data of ${size} characters exceeds the limit of ${MAX_JOB_DATA_CHARS}`);
  const parsed = batchJobDataSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InvalidJobDataError(`invalid job data: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim());
  }
  const { skipServices, ...task } = parsed.data.task;
  return { ...parsed.data, task: skipServices === undefined ? task : { ...task, skipServices } };
}

/** Deterministic job id: a batch is enqueued once however often it is requested. BullMQ allows exactly two colons. */
export function batchJobId(planSha256: string, task: Pick<BatchTask, 'scenarioIndex' | 'batchIndex'>): string {
  return `${planSha256}:${task.scenarioIndex}:${task.batchIndex}`;
}

/** Field of a batch in the plan's results hash. */
export function resultField(task: Pick<BatchTask, 'scenarioIndex' | 'batchIndex'>): string {
  return `${task.scenarioIndex}:${task.batchIndex}`;
}

/** Where one queue's keys live. */
export interface QueueNames {
  /** BullMQ queue name (no colons). */
  readonly queue: string;
  /** Key prefix (BullMQ's `prefix`). */
  readonly prefix: string;
}

/** Key of a plan's spec (its inputs as text), set by the coordinator, read by workers. */
export function planSpecKey(names: QueueNames, planSha256: string): string {
  return `${names.prefix}:${names.queue}:neverout:spec:${planSha256}`;
}

/** Key of a plan's results: a hash from `scenario:batch` to the BatchResult JSON, written once per field. */
export function planResultsKey(names: QueueNames, planSha256: string): string {
  return `${names.prefix}:${names.queue}:neverout:results:${planSha256}`;
}

/** Checks a queue name or prefix: letters, digits, '.', '_' and '-' only (BullMQ forbids ':'). */
export function checkQueueName(flag: string, value: string): string | null {
  return /^[A-Za-z0-9._-]{1,100}$/.test(value)
    ? null
    : `${flag} must be 1-100 letters, digits, '.', '_' or '-', got "${value}"`;
}

/**
 * Stores a result once: only while the plan's spec exists (a finished or abandoned plan takes no more results),
 * HSETNX so a retried or duplicated batch never replaces the first result, and the results hash expires with
 * the spec. KEYS: spec, results. ARGV: field, result JSON. Returns 1 stored, 0 already there, -1 no such plan.
 */
export const STORE_RESULT_SCRIPT = `
if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
local stored = redis.call('HSETNX', KEYS[2], ARGV[1], ARGV[2])
local ttl = redis.call('PTTL', KEYS[1])
if ttl > 0 then redis.call('PEXPIRE', KEYS[2], ttl) end
return stored
`;
