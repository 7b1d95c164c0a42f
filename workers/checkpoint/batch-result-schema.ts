// Validation of BatchResults that come from outside the process (checkpoint files, Redis): size-bounded, checked
// against a zod schema and against the plan, and rebuilt in canonical key order so that idempotent merging
// (addBatch compares serialisations) treats a re-read batch exactly like a freshly computed one.

import { z } from 'zod';
import type { BatchResult, ServiceTally, SimulationPlan } from '../../engine/index.ts';
import { batchSampleCount, plannedBatchCount } from '../run-plan.ts';
import { parseBoundedJson } from './internal/bounded-json.ts';

/** Largest serialised BatchResult accepted, in UTF-16 code units of its JSON text (8 Mi). */
export const MAX_BATCH_RESULT_CHARS = 8 * 1024 * 1024;

const count = z.number().int().min(0);
/** -1 means "unknown" for servedEndpoints. */
const servedCount = z.number().int().min(-1);
const finite = z.number();

const crudeTallySchema = z.strictObject({
  kind: z.literal('crude'),
  samples: count,
  down: count,
  servedEndpoints: servedCount,
});

const weightedTallySchema = z.strictObject({
  kind: z.literal('weighted'),
  estimator: z.string().min(1).max(64),
  samples: count,
  sum: finite,
  sumSquares: finite.min(0),
  servedEndpoints: z.number().min(-1),
});

const criticalitySchema = z.strictObject({
  serviceIndices: z.array(count).max(100_000),
  elementCount: count,
  groupCount: count,
  sampleCount: count,
  serviceDownCount: z.array(count).max(100_000),
  criticalCount: z.array(z.array(count).max(10_000_000)).max(100_000),
  criticalFailedCount: z.array(z.array(count).max(10_000_000)).max(100_000),
});

/** Schema of a BatchResult as JSON data. */
export const batchResultSchema = z.strictObject({
  scenarioIndex: count.max(1_000_000),
  scenarioId: z.string().min(1).max(1_000),
  batchIndex: count,
  sampleCount: count.min(1),
  services: z.array(z.discriminatedUnion('kind', [crudeTallySchema, weightedTallySchema])).max(100_000),
  criticality: criticalitySchema.optional(),
});

/** A batch result from outside failed validation; `reason` says why. */
export class InvalidBatchResultError extends Error {
  override readonly name = 'InvalidBatchResultError';
}

function canonicalTally(t: z.infer<typeof crudeTallySchema> | z.infer<typeof weightedTallySchema>): ServiceTally {
  // Same key order as runBatch builds them (engine/run-batch.ts).
  if (t.kind === 'crude')
    return { kind: 'crude', samples: t.samples, down: t.down, servedEndpoints: t.servedEndpoints };
  return {
    kind: 'weighted',
    estimator: t.estimator,
    samples: t.samples,
    sum: t.sum,
    sumSquares: t.sumSquares,
    servedEndpoints: t.servedEndpoints,
  };
}

/**
 * Validates parsed JSON as a BatchResult and rebuilds it in canonical key order.
 * @throws InvalidBatchResultError naming the first problem
 */
export function parseBatchResult(value: unknown): BatchResult {
  const parsed = batchResultSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InvalidBatchResultError(
      `not a batch result: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim(),
    );
  }
  const b = parsed.data;
  return {
    scenarioIndex: b.scenarioIndex,
    scenarioId: b.scenarioId,
    batchIndex: b.batchIndex,
    sampleCount: b.sampleCount,
    services: b.services.map(canonicalTally),
    // Same key order as engine/importance builds them, so re-read batches serialise identically.
    ...(b.criticality === undefined
      ? {}
      : {
          criticality: {
            serviceIndices: b.criticality.serviceIndices,
            elementCount: b.criticality.elementCount,
            groupCount: b.criticality.groupCount,
            sampleCount: b.criticality.sampleCount,
            serviceDownCount: b.criticality.serviceDownCount,
            criticalCount: b.criticality.criticalCount,
            criticalFailedCount: b.criticality.criticalFailedCount,
          },
        }),
  };
}

/**
 * Parses the JSON text of a BatchResult, refusing texts longer than MAX_BATCH_RESULT_CHARS before parsing.
 * @throws InvalidBatchResultError
 */
export function parseBatchResultText(text: string): BatchResult {
  return parseBatchResult(
    parseBoundedJson(text, MAX_BATCH_RESULT_CHARS, 'batch result', (m) => new InvalidBatchResultError(m)),
  );
}

/**
 * Checks that a batch belongs to a plan: scenario index and id, batch index within the sample budget, the
 * sample count the plan prescribes, one tally per service and consistent counts.
 * @returns null when consistent, else the reason
 */
export function checkBatchAgainstPlan(
  batch: BatchResult,
  plan: SimulationPlan,
  deterministic: readonly boolean[],
): string | null {
  const scenario = plan.scenarios[batch.scenarioIndex];
  const where = `batch ${batch.batchIndex} of scenario ${batch.scenarioIndex}`;
  if (scenario === undefined) return `${where}: the plan has ${plan.scenarios.length} scenarios`;
  if (scenario.id !== batch.scenarioId)
    return `${where}: scenario id "${batch.scenarioId}", the plan says "${scenario.id}"`;
  const isDeterministic = deterministic[batch.scenarioIndex] === true;
  if (batch.batchIndex >= plannedBatchCount(plan, isDeterministic)) return `${where}: beyond the sample budget`;
  const expected = batchSampleCount(plan, isDeterministic, batch.batchIndex);
  if (batch.sampleCount !== expected) return `${where}: ${batch.sampleCount} samples, the plan prescribes ${expected}`;
  if (batch.services.length !== plan.model.services.length) {
    return `${where}: ${batch.services.length} service tallies, the plan has ${plan.model.services.length} services`;
  }
  for (const t of batch.services) {
    // Weighted (rare-event) tallies draw their own number of samples per batch; crude ones evaluate every sample.
    if (t.kind === 'crude' && t.samples !== batch.sampleCount)
      return `${where}: a tally counts ${t.samples} samples, the batch has ${batch.sampleCount}`;
    if (t.kind === 'crude' && t.down > t.samples) return `${where}: more samples down than evaluated`;
  }
  const c = batch.criticality;
  if (c !== undefined) {
    const slots = c.elementCount + c.groupCount;
    if (c.elementCount !== plan.model.elementCount || c.groupCount !== plan.model.groups.groupCount) {
      return `${where}: importance counts for another model size`;
    }
    if (
      c.criticalCount.length !== c.serviceIndices.length ||
      c.criticalFailedCount.length !== c.serviceIndices.length
    ) {
      return `${where}: importance counts for the wrong number of services`;
    }
    if ([...c.criticalCount, ...c.criticalFailedCount].some((row) => row.length !== slots)) {
      return `${where}: importance counts of the wrong length`;
    }
  }
  return null;
}
