// Validation of batch results that come from outside the process (checkpoint files, Redis), for every batch kind:
// size-bounded, checked against the kind's zod schema, and rebuilt in canonical key order so that idempotent
// merging (addBatch compares serialisations) treats a re-read batch exactly like a freshly computed one.
// Consistency with the plan is the engine's checkBatchAgainstPlan.

import { z } from 'zod';
import {
  describeSchemaIssue,
  InputError,
  type BatchKind,
  type BatchResult,
  type PairedBatchResult,
  type PairedTimeBatchResult,
  type PlanBatchResult,
  type ServiceTally,
  type TimeBatchResult,
  type TimeCrewTally,
  type TimeServiceTally,
} from '../../engine/index.ts';
import { parseBoundedJson } from './internal/bounded-json.ts';

/** Largest serialised batch result accepted, in UTF-16 code units of its JSON text (8 Mi). */
export const MAX_BATCH_RESULT_CHARS = 8 * 1024 * 1024;

const count = z.number().int().min(0);
/** -1 means "unknown" for servedEndpoints. */
const servedCount = z.number().int().min(-1);
const finite = z.number();
const keys = {
  scenarioIndex: count.max(1_000_000),
  scenarioId: z.string().min(1).max(1_000),
  batchIndex: count,
  sampleCount: count.min(1),
};

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
  sumCubes: finite.optional(),
  servedEndpoints: z.number().min(-1),
  strata: z
    .strictObject({ constant: finite.min(0).max(1), weight: finite.min(0).max(1), down: count })
    .refine((t) => t.constant + t.weight <= 1 + 1e-9, 'the exact part and the sampled part weigh more than 1')
    .optional(),
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

const staticResultSchema = z.strictObject({
  ...keys,
  services: z.array(z.discriminatedUnion('kind', [crudeTallySchema, weightedTallySchema])).max(100_000),
  skippedServices: z.array(count).max(100_000).optional(),
  criticality: criticalitySchema.optional(),
});

const timeServiceTallySchema = z.strictObject({
  years: count,
  outageCount: count,
  outageCountSquares: count,
  downtimeHours: finite.min(0),
  downtimeHoursSquares: finite.min(0),
  outageHours: finite.min(0),
  durationCounts: z.array(count).max(1_000),
  outageHoursSquares: finite.min(0),
  outagesOver4Hours: count,
  outagesOver15Hours: count,
  longestOutageHours: finite.min(0),
  yearsWithoutOutage: count,
  worstYearDowntimeHours: finite.min(0),
  worstYearOutages: count,
  durationQuantileCounts: z.array(count).max(1_000),
});

const timeCrewTallySchema = z.strictObject({
  years: count,
  jobs: count,
  waitedJobs: count,
  waitHours: finite.min(0),
  waitHoursSquares: finite.min(0),
  longestWaitHours: finite.min(0),
  busyHours: finite.min(0),
  busyHoursSquares: finite.min(0),
});

const timeResultSchema = z.strictObject({
  ...keys,
  services: z.array(timeServiceTallySchema).max(100_000),
  crews: z.array(timeCrewTallySchema).max(100_000),
});

const pairedTimeResultSchema = z.strictObject({
  ...keys,
  services: z
    .array(
      z.strictObject({
        base: timeServiceTallySchema,
        plan: timeServiceTallySchema,
        downtimeDifferenceHours: finite,
        downtimeDifferenceHoursSquares: finite.min(0),
        outageDifference: z.number().int(),
        outageDifferenceSquares: count,
        yearsWithoutOutageInBoth: count,
      }),
    )
    .max(100_000),
  crews: z.strictObject({
    base: z.array(timeCrewTallySchema).max(100_000),
    plan: z.array(timeCrewTallySchema).max(100_000),
  }),
});

const pairedResultSchema = z.strictObject({
  ...keys,
  services: z
    .array(z.strictObject({ samples: count, baseDown: count, planDown: count, bothDown: count }))
    .max(100_000),
});

/** A batch result from outside failed validation: the checkpoint or Redis entry is corrupt or foreign. */
export class InvalidBatchResultError extends InputError {
  override readonly name = 'InvalidBatchResultError';
}

function canonicalTally(t: z.infer<typeof crudeTallySchema> | z.infer<typeof weightedTallySchema>): ServiceTally {
  // Same key order as runBatch builds them (engine/run-batch.ts).
  if (t.kind === 'crude') return { kind: 'crude', samples: t.samples, down: t.down, servedEndpoints: t.servedEndpoints };
  return {
    kind: 'weighted',
    estimator: t.estimator,
    samples: t.samples,
    sum: t.sum,
    sumSquares: t.sumSquares,
    ...(t.sumCubes === undefined ? {} : { sumCubes: t.sumCubes }),
    servedEndpoints: t.servedEndpoints,
    ...(t.strata === undefined ? {} : { strata: { constant: t.strata.constant, weight: t.strata.weight, down: t.strata.down } }),
  };
}

function canonicalStatic(b: z.infer<typeof staticResultSchema>): BatchResult {
  return {
    scenarioIndex: b.scenarioIndex,
    scenarioId: b.scenarioId,
    batchIndex: b.batchIndex,
    sampleCount: b.sampleCount,
    services: b.services.map(canonicalTally),
    ...(b.skippedServices === undefined ? {} : { skippedServices: b.skippedServices }),
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

function canonicalTimeService(t: z.infer<typeof timeServiceTallySchema>): TimeServiceTally {
  // Same key order as engine/time/simulate-time-history.ts builds them.
  return {
    years: t.years,
    outageCount: t.outageCount,
    outageCountSquares: t.outageCountSquares,
    downtimeHours: t.downtimeHours,
    downtimeHoursSquares: t.downtimeHoursSquares,
    outageHours: t.outageHours,
    durationCounts: t.durationCounts,
    outageHoursSquares: t.outageHoursSquares,
    outagesOver4Hours: t.outagesOver4Hours,
    outagesOver15Hours: t.outagesOver15Hours,
    longestOutageHours: t.longestOutageHours,
    yearsWithoutOutage: t.yearsWithoutOutage,
    worstYearDowntimeHours: t.worstYearDowntimeHours,
    worstYearOutages: t.worstYearOutages,
    durationQuantileCounts: t.durationQuantileCounts,
  };
}

function canonicalTimeCrew(c: z.infer<typeof timeCrewTallySchema>): TimeCrewTally {
  return {
    years: c.years,
    jobs: c.jobs,
    waitedJobs: c.waitedJobs,
    waitHours: c.waitHours,
    waitHoursSquares: c.waitHoursSquares,
    longestWaitHours: c.longestWaitHours,
    busyHours: c.busyHours,
    busyHoursSquares: c.busyHoursSquares,
  };
}

function canonicalTime(b: z.infer<typeof timeResultSchema>): TimeBatchResult {
  // Same key order as engine/time/run-time-batch.ts builds them.
  return {
    scenarioIndex: b.scenarioIndex,
    scenarioId: b.scenarioId,
    batchIndex: b.batchIndex,
    sampleCount: b.sampleCount,
    services: b.services.map(canonicalTimeService),
    crews: b.crews.map(canonicalTimeCrew),
  };
}

function canonicalPairedTime(b: z.infer<typeof pairedTimeResultSchema>): PairedTimeBatchResult {
  // Same key order as engine/time/paired-time.ts builds them.
  return {
    scenarioIndex: b.scenarioIndex,
    scenarioId: b.scenarioId,
    batchIndex: b.batchIndex,
    sampleCount: b.sampleCount,
    services: b.services.map((t) => ({
      base: canonicalTimeService(t.base),
      plan: canonicalTimeService(t.plan),
      downtimeDifferenceHours: t.downtimeDifferenceHours,
      downtimeDifferenceHoursSquares: t.downtimeDifferenceHoursSquares,
      outageDifference: t.outageDifference,
      outageDifferenceSquares: t.outageDifferenceSquares,
      yearsWithoutOutageInBoth: t.yearsWithoutOutageInBoth,
    })),
    crews: { base: b.crews.base.map(canonicalTimeCrew), plan: b.crews.plan.map(canonicalTimeCrew) },
  };
}

function canonicalPaired(b: z.infer<typeof pairedResultSchema>): PairedBatchResult {
  // Same key order as engine/compare/run-paired-batch.ts builds them.
  return {
    scenarioIndex: b.scenarioIndex,
    scenarioId: b.scenarioId,
    batchIndex: b.batchIndex,
    sampleCount: b.sampleCount,
    services: b.services.map((t) => ({ samples: t.samples, baseDown: t.baseDown, planDown: t.planDown, bothDown: t.bothDown })),
  };
}

function fail(error: z.ZodError, value: unknown): never {
  throw new InvalidBatchResultError(`not a batch result: ${describeSchemaIssue(error, value)}`);
}

/**
 * Validates parsed JSON as a batch result of the given kind and rebuilds it in canonical key order.
 * @throws InvalidBatchResultError naming the first problem
 */
export function parseBatchResult(kind: BatchKind, value: unknown): PlanBatchResult {
  if (kind === 'static') {
    const parsed = staticResultSchema.safeParse(value);
    return parsed.success ? canonicalStatic(parsed.data) : fail(parsed.error, value);
  }
  if (kind === 'time') {
    const parsed = timeResultSchema.safeParse(value);
    return parsed.success ? canonicalTime(parsed.data) : fail(parsed.error, value);
  }
  if (kind === 'paired-time') {
    const parsed = pairedTimeResultSchema.safeParse(value);
    return parsed.success ? canonicalPairedTime(parsed.data) : fail(parsed.error, value);
  }
  const parsed = pairedResultSchema.safeParse(value);
  return parsed.success ? canonicalPaired(parsed.data) : fail(parsed.error, value);
}

/**
 * Parses the JSON text of a batch result, refusing texts longer than MAX_BATCH_RESULT_CHARS before parsing.
 * @throws InvalidBatchResultError
 */
export function parseBatchResultText(kind: BatchKind, text: string): PlanBatchResult {
  return parseBatchResult(
    kind,
    parseBoundedJson(text, MAX_BATCH_RESULT_CHARS, 'batch result', (m) => new InvalidBatchResultError(m)),
  );
}
