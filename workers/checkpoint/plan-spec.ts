// A PlanSpec is a study's inputs as text (topology and study files) plus the resolved run options: everything
// needed to recompile the plan anywhere and verify it by its hash. Checkpoint headers and distributed workers
// use it, so neither ever needs a file path or code from outside.

import { z } from 'zod';
import { parseBoundedJson } from './internal/bounded-json.ts';

/** Format tag of a PlanSpec. */
export const PLAN_SPEC_FORMAT = 'neverout-plan-spec/1';

/** Largest serialised PlanSpec accepted (file texts included), in UTF-16 code units (64 Mi). */
export const MAX_PLAN_SPEC_CHARS = 64 * 1024 * 1024;

/** One input file: its manifest identity and its full text. */
export interface PlanSource {
  /** Display name as recorded in the manifest (the model's or study's name). */
  readonly name: string;
  /** The path as given on the command line, or `embedded:<file>` for the default model. */
  readonly source: string;
  /** SHA-256 of the file's bytes, hex. */
  readonly sha256: string;
  readonly text: string;
}

/** Resolved run options, as compilePlan takes them (scenarios' ResolvedRunOptions). */
export interface PlanSpecOptions {
  readonly seed: string;
  readonly samples: number;
  readonly batchSize: number;
  readonly relativeError: number | null;
  readonly maxTimeSeconds: number | null;
}

export interface PlanSpec {
  readonly format: typeof PLAN_SPEC_FORMAT;
  /** Engine version of the process that compiled the plan. */
  readonly engineVersion: string;
  /** Hash of the plan compiled from these inputs; a recompiled plan must match it. */
  readonly planSha256: string;
  /** The topology: the named input itself when `study` is null (a bare topology file). */
  readonly topology: PlanSource;
  readonly study: PlanSource | null;
  readonly options: PlanSpecOptions;
}

const sourceSchema = z.strictObject({
  name: z.string().max(10_000),
  source: z.string().min(1).max(10_000),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  text: z.string(),
});

/** Hex SHA-256, as in planSha256. */
export const sha256HexSchema = z.string().regex(/^[0-9a-f]{64}$/, 'a hex SHA-256');

/** Schema of a PlanSpec as JSON data (texts unbounded here; callers bound the whole text first). */
export const planSpecSchema = z.strictObject({
  format: z.literal(PLAN_SPEC_FORMAT),
  engineVersion: z.string().min(1).max(64),
  planSha256: sha256HexSchema,
  topology: sourceSchema,
  study: sourceSchema.nullable(),
  options: z.strictObject({
    seed: z.string().min(1).max(10_000),
    samples: z.number().int().min(1),
    batchSize: z.number().int().min(1),
    relativeError: z.number().gt(0).lt(1).nullable(),
    maxTimeSeconds: z.number().gt(0).nullable(),
  }),
});

/** A PlanSpec from outside failed validation. */
export class InvalidPlanSpecError extends Error {
  override readonly name = 'InvalidPlanSpecError';
}

/**
 * Validates parsed JSON as a PlanSpec.
 * @throws InvalidPlanSpecError
 */
export function parsePlanSpec(value: unknown): PlanSpec {
  const parsed = planSpecSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InvalidPlanSpecError(`not a plan spec: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim());
  }
  return parsed.data;
}

/**
 * Parses a PlanSpec's JSON text, refusing texts longer than MAX_PLAN_SPEC_CHARS before parsing.
 * @throws InvalidPlanSpecError
 */
export function parsePlanSpecText(text: string): PlanSpec {
  return parsePlanSpec(parseBoundedJson(text, MAX_PLAN_SPEC_CHARS, 'plan spec', (m) => new InvalidPlanSpecError(m)));
}
