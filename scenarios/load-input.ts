// Loads what the user named (a study file, a topology file, or nothing: the embedded default study) into
// validated models, reading each file once and hashing its bytes for the manifest.
//
//   path ──read──> parse ──validate topology──> validate study ──> LoadedInput | ScenarioError

import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { MESSAGES } from './messages.ts';
import {
  type ImportError,
  ImportOptionsError,
  importTopology,
  isImportError,
  type ServiceOption,
  type TopologyDocument,
} from './import/index.ts';
import { DEFAULT_STUDY_PATH, DEFAULT_TOPOLOGY_PATH } from './nafin/index.ts';
import { ScenarioError, type Diagnostic, type DiagnosticLogger, SILENT_LOGGER } from './scenario-error.ts';
import { parseSourceDocument, type SourceDocument } from './source-document.ts';
import type { StudyModel } from './study/study-model.ts';
import { isStudyDocument, readTopologyReference, validateStudy } from './study/validate-study.ts';
import type { TopologyModel } from './topology/topology-model.ts';
import { extendTopologyDocument, readExtends } from './topology/extend-topology.ts';
import { validateTopology } from './topology/validate-topology.ts';

/** Identity of one input file for the manifest. */
export interface SourceIdentity {
  readonly name: string;
  /** The path as given, or `embedded:<file>` for the default model. */
  readonly source: string;
  /** SHA-256 of the file's bytes, hex. */
  readonly sha256: string;
}

export interface LoadedInput {
  readonly topology: TopologyModel;
  /** The study; for a bare topology, an implicit study with one baseline scenario. */
  readonly study: StudyModel;
  readonly topologySource: SourceIdentity;
  readonly studySource: SourceIdentity | null;
}

interface ReadSource {
  document: SourceDocument;
  identity: SourceIdentity;
}

async function readSource(path: string, displayName: string, sourceLabel: string): Promise<ReadSource> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new ScenarioError([fileDiagnostic(displayName, MESSAGES.readFailed(reason))]);
  }
  const outcome = parseSourceDocument(displayName, bytes.toString('utf8'));
  if (outcome.kind === 'syntax-error') throw new ScenarioError(outcome.diagnostics);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return { document: outcome.document, identity: { name: displayName, source: sourceLabel, sha256 } };
}

function fileDiagnostic(file: string, message: string): Diagnostic {
  return { severity: 'error', file, line: 0, column: 0, path: '', message };
}

/** Deepest chain of `extends` followed; guards against cycles. */
const MAX_EXTENDS_DEPTH = 8;

/**
 * Resolves `extends` (recursively): merges the file over its base topology. The identity (hash) is that of
 * the extending file; the base's hash is folded in, so a change anywhere changes the hash.
 */
async function resolveExtends(read: ReadSource, path: string, depth: number): Promise<ReadSource> {
  const parent = readExtends(read.document);
  if (parent === null) return read;
  if (depth >= MAX_EXTENDS_DEPTH) {
    throw new ScenarioError([{ severity: 'error', file: read.identity.name, ...read.document.locate(['extends']), path: 'extends', message: `extends goes deeper than ${MAX_EXTENDS_DEPTH} files (a cycle?)` }]);
  }
  const baseRead =
    parent === 'default'
      ? await readSource(DEFAULT_TOPOLOGY_PATH, 'nafin-topology.yaml', 'embedded:nafin-topology.yaml')
      : await readSource(resolve(dirname(path), parent), parent, parent);
  const base = await resolveExtends(baseRead, parent === 'default' ? DEFAULT_TOPOLOGY_PATH : resolve(dirname(path), parent), depth + 1);
  checkRemovals(read.document, base.document);
  const sha256 = createHash('sha256').update(read.identity.sha256).update(base.identity.sha256).digest('hex');
  return { document: extendTopologyDocument(read.document, base.document), identity: { ...read.identity, sha256 } };
}

function checkRemovals(own: SourceDocument, base: SourceDocument): void {
  const baseValue = base.value as Record<string, unknown> | null;
  const ids = (key: string) =>
    new Set(Array.isArray(baseValue?.[key]) ? (baseValue[key] as Array<{ id?: unknown }>).map((e) => String(e?.id)) : []);
  const diagnostics: Diagnostic[] = [];
  const ownValue = own.value as Record<string, unknown> | null;
  for (const [field, key] of [['removeNodes', 'nodes'], ['removeLinks', 'links'], ['removeRiskGroups', 'riskGroups'], ['removeServices', 'services']] as const) {
    const known = ids(key);
    const list = ownValue?.[field];
    if (!Array.isArray(list)) continue;
    list.forEach((id, i) => {
      if (typeof id === 'string' && !known.has(id)) {
        diagnostics.push({ severity: 'error', file: own.file, ...own.locate([field, i]), path: `${field}[${i}]`, message: `the base topology has no ${key.replace(/s$/, '').replace('riskGroup', 'risk group')} "${id}"` });
      }
    });
  }
  if (diagnostics.length > 0) throw new ScenarioError(diagnostics);
}

async function loadTopologyFile(path: string, displayName: string, sourceLabel: string, logger: DiagnosticLogger) {
  const read = await resolveExtends(await readSource(path, displayName, sourceLabel), path, 0);
  const validation = await validateTopology(read.document);
  if (validation.kind === 'invalid') throw new ScenarioError(validation.diagnostics);
  validation.warnings.forEach(logger);
  return { model: validation.model, identity: { ...read.identity, name: validation.model.name } };
}

/** An implicit study for a bare topology: one baseline scenario, every service. */
export function implicitStudy(topology: TopologyModel): StudyModel {
  return {
    name: topology.name,
    description: '',
    topology: 'file',
    seed: null,
    samples: null,
    batchSize: null,
    relativeError: null,
    maxTimeSeconds: null,
    services: null,
    riskGroups: [],
    scenarios: [
      {
        id: 'baseline',
        name: 'Baseline',
        description: 'Independent failures and risk-group events as modelled.',
        forcedGroups: [],
        forcedElements: [],
        randomFailures: true,
        sabotage: null,
        overrides: [],
      },
    ],
  };
}

/** Options of loadInput; every field optional. */
export interface LoadInputOptions {
  /** For imported formats (GML, GraphML, CSV): the service to create instead of all-terminal. */
  service?: ServiceOption;
  /** For a CSV import: the links table (the nodes table is the main file). */
  linksCsv?: string;
}

/** True for files neverout imports rather than reads natively. */
export function isImportedFormat(path: string): boolean {
  return /\.(gml|graphml|xml|csv)$/i.test(path);
}

/** Converts an imported-format error into a located diagnostic (exit 2). */
function importDiagnostic(error: ImportError): Diagnostic {
  return { severity: 'error', file: error.file, line: error.line, column: error.column, path: '', message: `expected ${error.expected}, got ${error.received}` };
}

/**
 * Imports a GML, GraphML or CSV file as a topology document and wraps it as a source document (positions are
 * those of the converted data, which has no lines of its own).
 */
export async function importTopologyFile(
  path: string,
  options: LoadInputOptions = {},
  logger: DiagnosticLogger = SILENT_LOGGER,
): Promise<{ document: TopologyDocument; source: ReadSource }> {
  let bytes: Buffer;
  let linksBytes: Buffer | null = null;
  try {
    bytes = await readFile(path);
    if (options.linksCsv !== undefined) linksBytes = await readFile(options.linksCsv);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new ScenarioError([fileDiagnostic((error as NodeJS.ErrnoException).path ?? path, MESSAGES.readFailed(reason))]);
  }
  let imported;
  try {
    imported = importTopology(bytes, {
      fileName: path,
      ...(options.service !== undefined ? { service: options.service } : {}),
      ...(linksBytes !== null && options.linksCsv !== undefined ? { linksCsv: { text: linksBytes.toString('utf8'), fileName: options.linksCsv } } : {}),
    });
  } catch (error) {
    if (isImportError(error)) throw new ScenarioError([importDiagnostic(error)]);
    if (error instanceof ImportOptionsError) throw new ScenarioError([fileDiagnostic(path, error.message)]);
    throw error;
  }
  for (const w of imported.warnings) {
    logger({ severity: 'warning', file: path, line: w.line ?? 0, column: w.column ?? 0, path: '', message: w.message });
  }
  const hash = createHash('sha256').update(bytes);
  if (linksBytes !== null) hash.update(linksBytes);
  const document: SourceDocument = { file: path, value: imported.document, locate: () => ({ line: 0, column: 0 }) };
  return { document: imported.document, source: { document, identity: { name: imported.document.name, source: path, sha256: hash.digest('hex') } } };
}

/**
 * Loads a study or topology file (YAML or JSON; GML, GraphML and CSV are imported), or the embedded default
 * study when `path` is null.
 * @throws ScenarioError with every located diagnostic when an input is invalid
 */
export async function loadInput(
  path: string | null,
  logger: DiagnosticLogger = SILENT_LOGGER,
  options: LoadInputOptions = {},
): Promise<LoadedInput> {
  if (path !== null && isImportedFormat(path)) {
    const { source } = await importTopologyFile(path, options, logger);
    const validation = await validateTopology(source.document);
    if (validation.kind === 'invalid') throw new ScenarioError(validation.diagnostics);
    validation.warnings.forEach(logger);
    return { topology: validation.model, study: implicitStudy(validation.model), topologySource: source.identity, studySource: null };
  }
  const studyPath = path === null ? DEFAULT_STUDY_PATH : resolve(path);
  const studyName = path === null ? 'embedded:default-study.yaml' : path;
  const firstRead = await readSource(studyPath, path === null ? 'default-study.yaml' : path, studyName);
  const read = isStudyDocument(firstRead.document.value) ? firstRead : await resolveExtends(firstRead, studyPath, 0);
  if (!isStudyDocument(read.document.value)) {
    const validation = await validateTopology(read.document);
    if (validation.kind === 'invalid') throw new ScenarioError(validation.diagnostics);
    validation.warnings.forEach(logger);
    const topology = validation.model;
    return {
      topology,
      study: implicitStudy(topology),
      topologySource: { ...read.identity, name: topology.name },
      studySource: null,
    };
  }
  const reference = readTopologyReference(read.document);
  if (reference.kind === 'invalid') throw new ScenarioError(reference.diagnostics);
  const topologyFile =
    reference.topology === 'default'
      ? await loadTopologyFile(DEFAULT_TOPOLOGY_PATH, 'nafin-topology.yaml', 'embedded:nafin-topology.yaml', logger)
      : await loadTopologyFile(
          resolve(dirname(studyPath), reference.topology),
          reference.topology,
          reference.topology,
          logger,
        );
  const study = await validateStudy(read.document, topologyFile.model);
  if (study.kind === 'invalid') throw new ScenarioError(study.diagnostics);
  study.warnings.forEach(logger);
  return {
    topology: topologyFile.model,
    study: study.study,
    topologySource: topologyFile.identity,
    studySource: { ...read.identity, name: study.study.name || basename(studyPath) },
  };
}
