// Loads a study from its inputs as text (a PlanSpec) rather than from paths, so a remote worker or `merge`
// validates and compiles the study itself and checks the plan hash; no file path from outside is ever opened.
// `readPlanSpec` is the coordinator's side: it captures the texts of the files loadInput has just loaded.
//
//   PlanSpec ──parse──> validate topology ──> validate study ──> compilePlan ──hash == spec.planSha256?──> CompiledStudy

import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { ENGINE_VERSION } from '../../engine/index.ts';
import {
  compilePlan,
  DEFAULT_STUDY_PATH,
  DEFAULT_TOPOLOGY_PATH,
  implicitStudy,
  parseSourceDocument,
  ScenarioError,
  SILENT_LOGGER,
  STUDY_FORMAT,
  validateTopology,
  type CompiledStudy,
  type Diagnostic,
  type DiagnosticLogger,
  type LoadedInput,
  type ResolvedRunOptions,
  type SourceDocument,
  type SourceIdentity,
  type TopologyModel,
} from '../../scenarios/index.ts';
// validateStudy and readTopologyReference are not (yet) exported from scenarios/index.ts; loadInput keeps them
// private because it reads the topology file itself. See docs/distributed.md ("Open points").
import { readTopologyReference, validateStudy } from '../../scenarios/index.ts';
import { PLAN_SPEC_FORMAT, type PlanSource, type PlanSpec } from '../checkpoint/index.ts';

const EMBEDDED_PREFIX = 'embedded:';
const EMBEDDED_TOPOLOGY_SOURCE = 'embedded:nafin-topology.yaml';

/** The plan compiled from a spec has another hash than the spec names (another engine build, or tampering). */
export class PlanHashMismatchError extends Error {
  override readonly name = 'PlanHashMismatchError';
}

/** An input file changed between loading it and capturing its text. */
export class InputChangedError extends Error {
  override readonly name = 'InputChangedError';
}

function fileDiagnostic(file: string, message: string): Diagnostic {
  return { severity: 'error', file, line: 0, column: 0, path: '', message };
}

function displayName(source: string): string {
  return source.startsWith(EMBEDDED_PREFIX) ? source.slice(EMBEDDED_PREFIX.length) : source;
}

function identityOf(source: PlanSource): SourceIdentity {
  return { name: source.name, source: source.source, sha256: source.sha256 };
}

function parseOrThrow(file: string, text: string): SourceDocument {
  const outcome = parseSourceDocument(file, text);
  if (outcome.kind === 'syntax-error') throw new ScenarioError(outcome.diagnostics);
  return outcome.document;
}

function isStudyValue(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as Record<string, unknown>).format === STUDY_FORMAT;
}

async function validateTopologyText(file: string, text: string, logger: DiagnosticLogger): Promise<TopologyModel> {
  const validation = await validateTopology(parseOrThrow(file, text));
  if (validation.kind === 'invalid') throw new ScenarioError(validation.diagnostics);
  validation.warnings.forEach(logger);
  return validation.model;
}

/**
 * Validates a spec's inputs exactly as loadInput validates files, and returns the same LoadedInput (the manifest
 * identities are the spec's).
 * @throws ScenarioError with every located diagnostic when an input is invalid or the texts do not fit together
 */
export async function loadInputFromTexts(
  spec: PlanSpec,
  logger: DiagnosticLogger = SILENT_LOGGER,
): Promise<LoadedInput> {
  if (spec.study === null) {
    const file = displayName(spec.topology.source);
    const document = parseOrThrow(file, spec.topology.text);
    if (isStudyValue(document.value))
      throw new ScenarioError([fileDiagnostic(file, 'expected a topology, got a study')]);
    const topology = await validateTopologyText(file, spec.topology.text, logger);
    return { topology, study: implicitStudy(topology), topologySource: identityOf(spec.topology), studySource: null };
  }
  const studyFile = displayName(spec.study.source);
  const studyDocument = parseOrThrow(studyFile, spec.study.text);
  if (!isStudyValue(studyDocument.value))
    throw new ScenarioError([fileDiagnostic(studyFile, `expected a study (format: ${STUDY_FORMAT})`)]);
  const reference = readTopologyReference(studyDocument);
  if (reference.kind === 'invalid') throw new ScenarioError(reference.diagnostics);
  const expectedSource = reference.topology === 'default' ? EMBEDDED_TOPOLOGY_SOURCE : reference.topology;
  if (spec.topology.source !== expectedSource) {
    throw new ScenarioError([
      fileDiagnostic(
        studyFile,
        `the study names topology "${reference.topology}", the inputs carry "${spec.topology.source}"`,
      ),
    ]);
  }
  const topology = await validateTopologyText(displayName(spec.topology.source), spec.topology.text, logger);
  const study = await validateStudy(studyDocument, topology);
  if (study.kind === 'invalid') throw new ScenarioError(study.diagnostics);
  study.warnings.forEach(logger);
  return {
    topology,
    study: study.study,
    topologySource: identityOf(spec.topology),
    studySource: identityOf(spec.study),
  };
}

/** A spec's inputs, validated and compiled. */
export interface CompiledSpec {
  readonly loaded: LoadedInput;
  readonly compiled: CompiledStudy;
}

/**
 * Validates and compiles a spec, and checks that the plan's hash is the one the spec names.
 * @throws ScenarioError (invalid inputs), PlanHashMismatchError
 */
export async function compilePlanSpec(spec: PlanSpec, logger: DiagnosticLogger = SILENT_LOGGER): Promise<CompiledSpec> {
  const loaded = await loadInputFromTexts(spec, logger);
  const options: ResolvedRunOptions = { ...spec.options };
  const compiled = compilePlan(loaded.topology, loaded.study, options);
  if (compiled.planSha256 !== spec.planSha256) {
    throw new PlanHashMismatchError(
      `the inputs compile to plan ${compiled.planSha256.slice(0, 12)}… with engine ${ENGINE_VERSION}, not the expected ` +
        `${spec.planSha256.slice(0, 12)}… (made with engine ${spec.engineVersion})`,
    );
  }
  return { loaded, compiled };
}

async function readSourceText(path: string, identity: SourceIdentity): Promise<PlanSource> {
  const bytes = await readFile(path);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (sha256 !== identity.sha256)
    throw new InputChangedError(`${identity.source} changed while the run was starting; run again`);
  return { ...identity, text: bytes.toString('utf8') };
}

/**
 * Captures the texts of the inputs loadInput has just loaded (same path resolution) into a PlanSpec.
 * @param input the path given to loadInput (null: the embedded default study)
 * @throws InputChangedError when a file's bytes no longer match the loaded identity
 */
export async function readPlanSpec(
  input: string | null,
  loaded: LoadedInput,
  compiled: CompiledStudy,
): Promise<PlanSpec> {
  const inputPath = input === null ? DEFAULT_STUDY_PATH : resolve(input);
  let topology: PlanSource;
  let study: PlanSource | null = null;
  if (loaded.studySource === null) {
    topology = await readSourceText(inputPath, loaded.topologySource);
  } else {
    study = await readSourceText(inputPath, loaded.studySource);
    const topologyPath =
      loaded.topologySource.source === EMBEDDED_TOPOLOGY_SOURCE
        ? DEFAULT_TOPOLOGY_PATH
        : resolve(dirname(inputPath), loaded.topologySource.source);
    topology = await readSourceText(topologyPath, loaded.topologySource);
  }
  const o = compiled.options;
  return {
    format: PLAN_SPEC_FORMAT,
    engineVersion: ENGINE_VERSION,
    planSha256: compiled.planSha256,
    topology,
    study,
    options: {
      seed: o.seed,
      samples: o.samples,
      batchSize: o.batchSize,
      relativeError: o.relativeError,
      maxTimeSeconds: o.maxTimeSeconds,
    },
  };
}
