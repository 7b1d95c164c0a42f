// A plan spec is a job's inputs as captured bytes (every file the loader read) plus how they were named and the
// resolved options: everything needed to recompile the plan anywhere and verify it by its hash. Checkpoint
// headers, merges, resumes and Redis workers use it, so none of them ever opens a path from outside.
//
//   CompiledJob ──createPlanSpec──> PlanSpec (JSON) ──parsePlanSpec──> compilePlanSpec ──hash check──> CompiledJob

import { z } from 'zod';
import { describeSchemaIssue, ENGINE_VERSION, InputError } from '../../engine/index.ts';
import { createCapturedReader, MAX_INPUT_FILE_BYTES } from '../input/input-reader.ts';
import { loadInput, type LoadedInput } from '../input/load-input.ts';
import { compileJob, JOB_KINDS, INPUT_COUNT_OF_JOB, type CompiledJob, type JobKind } from '../job/compile-job.ts';
import { formatPath, SILENT_LOGGER, type DiagnosticLogger } from '../scenario-error.ts';
import type { ResolvedRunOptions } from '../study/compile-plan.ts';
import { checkSeed } from '../study/seed.ts';
import type { CapturedFile } from '../input/input-reader.ts';
import type { InputRequest } from '../input/load-input.ts';

/** Format tag of a plan spec. Version 2: any job kind, inputs as captured files. */
export const PLAN_SPEC_FORMAT = 'neverout-plan-spec/2';

/** Largest serialised plan spec accepted (file texts included), in UTF-16 code units (64 Mi). */
export const MAX_PLAN_SPEC_CHARS = 64 * 1024 * 1024;

/** One input of a job: how it was named and every file read while loading it. */
export interface InputSpec {
  readonly request: InputRequest;
  readonly files: readonly CapturedFile[];
}

export interface PlanSpec {
  readonly format: typeof PLAN_SPEC_FORMAT;
  /** Engine version of the process that compiled the plan. */
  readonly engineVersion: string;
  /** Hash of the plan compiled from these inputs; a recompiled plan must match it. */
  readonly planSha256: string;
  readonly job: JobKind;
  /** The job's inputs in order (compare: base, plan). */
  readonly inputs: readonly InputSpec[];
  readonly options: ResolvedRunOptions;
}

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'a hex SHA-256');
/**
 * An import option (the service an imported network gets): its shape belongs to the service kinds
 * (scenarios/topology/services), and the importer checks it when the spec's input is loaded, as for a file.
 */
const serviceOptionSchema = z.looseObject({ kind: z.string().min(1).max(64) });

/** Schema of a plan spec as JSON data (sizes bounded here and by MAX_PLAN_SPEC_CHARS for the whole text). */
export const planSpecSchema = z.strictObject({
  format: z.literal(PLAN_SPEC_FORMAT),
  engineVersion: z.string().min(1).max(64),
  planSha256: sha256Hex,
  job: z.enum(JOB_KINDS as [JobKind, ...JobKind[]]),
  inputs: z
    .array(
      z.strictObject({
        request: z.strictObject({
          path: z.string().min(1).max(10_000).nullable(),
          baseDir: z.string().min(1).max(10_000),
          service: serviceOptionSchema.optional(),
          linksCsv: z.string().min(1).max(10_000).optional(),
        }),
        files: z
          .array(
            z.strictObject({
              key: z.string().min(1).max(10_000),
              sha256: sha256Hex,
              text: z.string().nullable(),
              base64: z.string().max(Math.ceil((MAX_INPUT_FILE_BYTES * 4) / 3) + 4).nullable(),
            }),
          )
          .min(1)
          .max(64),
      }),
    )
    .min(1)
    .max(2),
  options: z.strictObject({
    seed: z.string().refine((seed) => checkSeed(seed) === null, { error: 'a seed by the seed rule' }),
    samples: z.number().int().min(1),
    batchSize: z.number().int().min(1),
    relativeError: z.number().gt(0).lt(1).nullable(),
    maxTimeSeconds: z.number().gt(0).nullable(),
    // Absent in specs written before the verdict rule: they stopped by rel-error with a target, else by samples.
    stop: z.enum(['verdict', 'rel-error', 'samples']).optional(),
    fixedSamples: z.number().int().min(1).nullable().optional(),
  }),
});

/** A plan spec from outside (a checkpoint, Redis) failed validation. */
export class InvalidPlanSpecError extends InputError {
  override readonly name = 'InvalidPlanSpecError';
  /** The problem alone (`field "options.seed": expected ...`), for a caller that says where the spec came from. */
  readonly problem: string;
  constructor(message: string, problem: string = message) {
    super(message);
    this.problem = problem;
  }
}

/** The plan compiled from a spec has another hash than the spec names (another engine build, or tampering). */
export class PlanHashMismatchError extends InputError {
  override readonly name = 'PlanHashMismatchError';
}

/** The spec of a compiled job: its inputs as captured files, and its options. */
export function createPlanSpec(job: CompiledJob): PlanSpec {
  return {
    format: PLAN_SPEC_FORMAT,
    engineVersion: ENGINE_VERSION,
    planSha256: job.planSha256,
    job: job.kind,
    inputs: job.inputs.map((input) => ({ request: input.request, files: input.files })),
    options: job.options,
  };
}

/**
 * Validates parsed JSON as a plan spec.
 * @param at where the spec sits in its file (a checkpoint header: `['spec']`), for the field names in messages
 * @throws InvalidPlanSpecError naming the first field that is wrong
 */
export function parsePlanSpec(value: unknown, at: readonly string[] = []): PlanSpec {
  const parsed = planSpecSchema.safeParse(value);
  if (!parsed.success) {
    const format = typeof value === 'object' && value !== null ? (value as { format?: unknown }).format : undefined;
    // Another version of the format is named as such, whichever of its fields differ.
    const problem =
      typeof format === 'string' && format !== PLAN_SPEC_FORMAT && format.startsWith('neverout-plan-spec/')
        ? `field "${formatPath([...at, 'format'])}": this spec is ${format}, this engine reads ${PLAN_SPEC_FORMAT}`
        : describeSchemaIssue(parsed.error, value, at, 'the plan spec');
    throw new InvalidPlanSpecError(`not a plan spec: ${problem}`, problem);
  }
  // The service option's own fields are checked by the importer when the input is loaded (see serviceOptionSchema).
  const spec = parsed.data as unknown as PlanSpec;
  if (spec.inputs.length !== INPUT_COUNT_OF_JOB[spec.job]) {
    const problem = `field "${formatPath([...at, 'inputs'])}": a ${spec.job} job takes ${INPUT_COUNT_OF_JOB[spec.job]} input(s), got ${spec.inputs.length}`;
    throw new InvalidPlanSpecError(`not a plan spec: ${problem}`, problem);
  }
  return spec;
}

/**
 * Parses a plan spec's JSON text, refusing texts longer than MAX_PLAN_SPEC_CHARS before parsing.
 * @throws InvalidPlanSpecError
 */
export function parsePlanSpecText(text: string): PlanSpec {
  if (text.length > MAX_PLAN_SPEC_CHARS) {
    throw new InvalidPlanSpecError(`plan spec of ${text.length} characters exceeds the limit of ${MAX_PLAN_SPEC_CHARS}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new InvalidPlanSpecError('plan spec is not valid JSON');
  }
  return parsePlanSpec(value);
}

/** Loads one of a spec's inputs from its captured files, as loadInput loaded it from the file system. */
function loadSpecInput(input: InputSpec, logger: DiagnosticLogger): Promise<LoadedInput> {
  const { request } = input;
  return loadInput(request.path, {
    logger,
    reader: createCapturedReader(input.files),
    baseDir: request.baseDir,
    ...(request.service !== undefined ? { service: request.service } : {}),
    ...(request.linksCsv !== undefined ? { linksCsv: request.linksCsv } : {}),
  });
}

/**
 * Validates and compiles a spec's inputs exactly as the original run did, and checks the plan hash.
 * @throws ScenarioError (invalid inputs), PlanHashMismatchError
 */
export async function compilePlanSpec(spec: PlanSpec, logger: DiagnosticLogger = SILENT_LOGGER): Promise<CompiledJob> {
  const inputs: LoadedInput[] = [];
  for (const input of spec.inputs) inputs.push(await loadSpecInput(input, logger));
  const { stop, fixedSamples, ...options } = spec.options;
  const job = compileJob(spec.job, inputs, {
    ...options,
    stop: stop ?? (options.relativeError !== null ? 'rel-error' : 'samples'),
    fixedSamples: fixedSamples ?? null,
  });
  if (job.planSha256 !== spec.planSha256) {
    throw new PlanHashMismatchError(
      `the inputs compile to plan ${job.planSha256.slice(0, 12)}… with engine ${ENGINE_VERSION}, not the expected ` +
        `${spec.planSha256.slice(0, 12)}… (made with engine ${spec.engineVersion})`,
    );
  }
  return job;
}
