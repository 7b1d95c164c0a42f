// Loads what the user named (a study file, a topology file, an imported GML/GraphML/CSV network, or nothing: the
// embedded default study) into validated models. Every file is read once, through an InputReader, and captured
// with its hash, so the manifest names exactly the bytes that were used and a plan spec can carry them elsewhere.
//
//   path ──key──> reader ──parse──> [extends: base files] ──validate topology──> validate study ──> LoadedInput

import { basename, dirname, resolve } from 'node:path';
import { InputError } from '../../engine/index.ts';
import {
  type ImportError,
  ImportOptionsError,
  importTopology,
  isImportError,
  type ServiceOption,
  type TopologyDocument,
} from '../import/index.ts';
import { DiagnosticCollector } from '../diagnostic-collector.ts';
import { checkDistinctIds } from '../internal/check-distinct-ids.ts';
import { ScenarioError, type Diagnostic, type DiagnosticLogger, SILENT_LOGGER } from '../scenario-error.ts';
import { documentFromParsedValue, parseSourceDocument, type SourceDocument } from '../source-document.ts';
import type { StudyModel } from '../study/study-model.ts';
import { isStudyDocument, readTopologyReference, validateStudy } from '../study/validate-study.ts';
import { extendTopologyDocument, readExtends } from '../topology/extend-topology.ts';
import type { TopologyModel } from '../topology/topology-model.ts';
import { validateTopology } from '../topology/validate-topology.ts';
import {
  createCapturingReader,
  createFileReader,
  EMBEDDED_PREFIX,
  readInputText,
  readParsedSnapshot,
  sha256Hex,
  type CapturedFile,
  type InputReader,
} from './input-reader.ts';

/** Key of the embedded default study. */
export const EMBEDDED_STUDY_KEY = `${EMBEDDED_PREFIX}default-study.yaml`;
/** Key of the embedded illustrative NAFIN topology. */
export const EMBEDDED_TOPOLOGY_KEY = `${EMBEDDED_PREFIX}nafin-topology.yaml`;

/** Identity of one input file for the manifest. */
export interface SourceIdentity {
  readonly name: string;
  /** The path as given, or `embedded:<file>` for the default model. */
  readonly source: string;
  /** SHA-256 of the file's bytes (for a variant that extends another: of its bytes and its base's), hex. */
  readonly sha256: string;
}

/** What to load: the path as the user gave it, the folder it is relative to, and import options. */
export interface InputRequest {
  /** The path as given, or null for the embedded default study. */
  readonly path: string | null;
  /** The folder relative paths are resolved against (the working folder of the process that first loaded it). */
  readonly baseDir: string;
  /** For imported formats (GML, GraphML, CSV): the service to create instead of all-terminal. */
  readonly service?: ServiceOption;
  /** For a CSV import: the links table (the nodes table is the main file), as given. */
  readonly linksCsv?: string;
}

/** A loaded, validated input, with everything needed to load it again elsewhere. */
export interface LoadedInput {
  readonly topology: TopologyModel;
  /** The study; for a bare topology, an implicit study with one baseline scenario. */
  readonly study: StudyModel;
  readonly topologySource: SourceIdentity;
  readonly studySource: SourceIdentity | null;
  readonly request: InputRequest;
  /** Every file read, with its bytes (a plan spec carries them to workers, checkpoints and merges). */
  readonly files: readonly CapturedFile[];
}

/** Options of loadInput; every field optional. */
export interface LoadInputOptions {
  /** Where warnings go; default none. */
  logger?: DiagnosticLogger;
  /** Where files come from; default the file system. */
  reader?: InputReader;
  /** Folder relative paths are resolved against; default the working folder. */
  baseDir?: string;
  /** For imported formats (GML, GraphML, CSV): the service to create instead of all-terminal. */
  service?: ServiceOption;
  /** For a CSV import: the links table (the nodes table is the main file). */
  linksCsv?: string;
}

interface ReadSource {
  document: SourceDocument;
  identity: SourceIdentity;
}

/** The key a reference names from the file with key `fromKey` ("default" is the embedded topology). */
function resolveReference(fromKey: string, reference: string): string {
  if (reference === 'default') return EMBEDDED_TOPOLOGY_KEY;
  if (fromKey.startsWith(EMBEDDED_PREFIX)) return `${EMBEDDED_PREFIX}${reference}`;
  return resolve(dirname(fromKey), reference);
}

/** How diagnostics and the manifest name a referenced file: as written, or the embedded file's name. */
function referenceName(reference: string): { name: string; source: string } {
  if (reference === 'default') return { name: 'nafin-topology.yaml', source: EMBEDDED_TOPOLOGY_KEY };
  return { name: reference, source: reference };
}

async function readSource(reader: InputReader, key: string, displayName: string, sourceLabel: string): Promise<ReadSource> {
  const { bytes, text } = await readInputText(reader, key, displayName);
  const sha256 = sha256Hex(bytes);
  const identity = { name: displayName, source: sourceLabel, sha256 };
  const snapshot = await readParsedSnapshot(key, sha256);
  if (snapshot !== null) return { document: documentFromParsedValue(displayName, text, snapshot), identity };
  const outcome = parseSourceDocument(displayName, text);
  if (outcome.kind === 'syntax-error') throw new ScenarioError(outcome.diagnostics);
  return { document: outcome.document, identity };
}

/**
 * Reads a file another one names in `field` (a study's `topology`, a topology's `extends`): a file that cannot be read
 * is reported where it is named, with the path it resolved to, as well as at the file itself.
 */
async function readReferenced(
  reader: InputReader,
  key: string,
  reference: string,
  from: ReadSource,
  field: 'topology' | 'extends',
): Promise<ReadSource> {
  const named = referenceName(reference);
  try {
    return await readSource(reader, key, named.name, named.source);
  } catch (error) {
    if (!(error instanceof ScenarioError) || !error.diagnostics.every((d) => d.file === named.name && d.line === 0)) throw error;
    const message = error.diagnostics.map((d) => d.message).join('; ');
    const resolved = key.startsWith(EMBEDDED_PREFIX) ? reference : key;
    throw new ScenarioError([
      { severity: 'error', file: from.identity.name, ...from.document.locate([field]), path: field, message: `${resolved}: ${message}` },
    ]);
  }
}

/** Deepest chain of `extends` followed; guards against cycles. */
const MAX_EXTENDS_DEPTH = 8;

/**
 * Resolves `extends` (recursively): merges the file over its base topology. The identity (hash) is that of
 * the extending file with the base's hash folded in, so a change anywhere changes the hash.
 */
async function resolveExtends(reader: InputReader, read: ReadSource, key: string, depth: number): Promise<ReadSource> {
  const parent = readExtends(read.document);
  if (parent === null) return read;
  if (depth >= MAX_EXTENDS_DEPTH) {
    throw new ScenarioError([
      {
        severity: 'error',
        file: read.identity.name,
        ...read.document.locate(['extends']),
        path: 'extends',
        message: `extends goes deeper than ${MAX_EXTENDS_DEPTH} files (a cycle?)`,
      },
    ]);
  }
  const baseKey = resolveReference(key, parent);
  const base = await resolveExtends(reader, await readReferenced(reader, baseKey, parent, read, 'extends'), baseKey, depth + 1);
  checkRemovals(read.document, base.document);
  const sha256 = sha256Hex(Buffer.from(`${read.identity.sha256}${base.identity.sha256}`, 'utf8'));
  return { document: extendTopologyDocument(read.document, base.document), identity: { ...read.identity, sha256 } };
}

function checkRemovals(own: SourceDocument, base: SourceDocument): void {
  const baseValue = base.value as Record<string, unknown> | null;
  const ids = (key: string) =>
    new Set(Array.isArray(baseValue?.[key]) ? (baseValue[key] as Array<{ id?: unknown }>).map((e) => String(e?.id)) : []);
  const collector = new DiagnosticCollector(own);
  const ownValue = own.value as Record<string, unknown> | null;
  for (const [field, key] of [
    ['removeNodes', 'nodes'],
    ['removeLinks', 'links'],
    ['removeRiskGroups', 'riskGroups'],
    ['removeServices', 'services'],
    ['removeCrews', 'crews'],
  ] as const) {
    const known = ids(key);
    const list = ownValue?.[field];
    if (!Array.isArray(list)) continue;
    const what = key.replace(/s$/, '').replace('riskGroup', 'risk group');
    checkDistinctIds(collector, [field], list, (id, i) => {
      if (!known.has(id)) collector.error([field, i], `the base topology has no ${what} "${id}"`);
    });
  }
  if (collector.errorCount > 0) throw new ScenarioError(collector.diagnostics);
}

async function validateTopologySource(read: ReadSource, logger: DiagnosticLogger): Promise<TopologyModel> {
  const validation = await validateTopology(read.document);
  if (validation.kind === 'invalid') throw new ScenarioError(validation.diagnostics);
  validation.warnings.forEach(logger);
  return validation.model;
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

/** True for files neverout imports rather than reads natively. */
export function isImportedFormat(path: string): boolean {
  return /\.(gml|graphml|xml|csv)$/i.test(path);
}

/** Converts an imported-format error into a located diagnostic (exit 2). */
function importDiagnostic(error: ImportError): Diagnostic {
  return {
    severity: 'error',
    file: error.file,
    line: error.line,
    column: error.column,
    path: '',
    message: `expected ${error.expected}, got ${error.received}`,
  };
}

/** An imported network: its topology document, as a source document (positions are those of the converted data). */
interface ImportedSource extends ReadSource {
  readonly topologyDocument: TopologyDocument;
}

/** Imports the file at `path` (as given, relative to `baseDir`) with the import options of `options`. */
async function importSource(
  reader: InputReader,
  baseDir: string,
  path: string,
  options: Pick<LoadInputOptions, 'linksCsv' | 'service'>,
  logger: DiagnosticLogger,
): Promise<ImportedSource> {
  const displayName = path;
  const linksName = options.linksCsv;
  const linksKey = linksName === undefined ? null : resolve(baseDir, linksName);
  const service = options.service;
  const { bytes, text } = await readInputText(reader, resolve(baseDir, path), displayName);
  const links = linksKey === null ? null : await readInputText(reader, linksKey, linksName ?? linksKey);
  let imported;
  try {
    imported = importTopology(text, {
      fileName: displayName,
      ...(service !== undefined ? { service } : {}),
      ...(links !== null && linksName !== undefined ? { linksCsv: { text: links.text, fileName: linksName } } : {}),
    });
  } catch (error) {
    if (isImportError(error)) throw new ScenarioError([importDiagnostic(error)]);
    if (error instanceof ImportOptionsError) {
      // The import API names its options (options.linksCsv, options.service.k); here they came from the flags.
      const flag = service === undefined ? '--service' : describeServiceOption(service);
      const message = error.message.replace(/^options\.linksCsv\b/, '--links').replace(/^options\.service\S*/, flag);
      throw new ScenarioError([{ severity: 'error', file: displayName, line: 0, column: 0, path: '', message }]);
    }
    throw error;
  }
  for (const w of imported.warnings) {
    // Each warning names its own file (the graph, or the --links table) and place.
    logger({ severity: 'warning', file: w.file, line: w.line, column: w.column, path: '', message: w.text });
  }
  const sha256 = links === null ? sha256Hex(bytes) : sha256Hex(Buffer.concat([bytes, links.bytes]));
  const document: SourceDocument = { file: displayName, value: imported.document, locate: () => ({ line: 0, column: 0 }) };
  return {
    document,
    topologyDocument: imported.document,
    identity: { name: imported.document.name, source: displayName, sha256 },
  };
}

/** The --service flag as a user writes it (`connected:a,b`, `reach:a>b,c:2`), to name it in diagnostics. */
function describeServiceOption(option: ServiceOption): string {
  switch (option.kind) {
    case 'connected':
      return `--service connected:${option.endpoints.join(',')}`;
    case 'reach':
      return `--service reach:${option.from.join(',')}>${option.to.join(',')}${option.k === undefined || option.k === 1 ? '' : `:${option.k}`}`;
    default:
      return `--service (a ${option.kind} service)`;
  }
}

/** The path of the service an import creates from the --service flag in its generated document. */
const CREATED_SERVICE_PATH = 'services[0]';

/**
 * A diagnostic about the service created from `--service`, located at the flag instead of the generated document
 * (`--service reach:a>b:5 k: ...` rather than `net.gml services[0].k: ...`); any other diagnostic unchanged.
 */
function locateAtServiceFlag(d: Diagnostic, service: ServiceOption): Diagnostic {
  const rest = d.path.slice(CREATED_SERVICE_PATH.length);
  if (!d.path.startsWith(CREATED_SERVICE_PATH) || !(rest === '' || rest.startsWith('.') || rest.startsWith('['))) return d;
  return { ...d, file: describeServiceOption(service), line: 0, column: 0, path: rest.replace(/^\./, '') };
}

/** Validates an imported topology; problems with the service created from `service` are named at the flag. */
async function validateImported(imported: ImportedSource, service: ServiceOption | undefined, logger: DiagnosticLogger): Promise<TopologyModel> {
  if (service === undefined) return validateTopologySource(imported, logger);
  try {
    return await validateTopologySource(imported, (d) => logger(locateAtServiceFlag(d, service)));
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    throw new ScenarioError(error.diagnostics.map((d) => locateAtServiceFlag(d, service)));
  }
}

/**
 * Imports a GML, GraphML or CSV file as a topology document (for `neverout import`).
 * @throws ScenarioError located at the file when it cannot be read or converted
 */
export async function importTopologyFile(
  path: string,
  options: LoadInputOptions = {},
): Promise<{ document: TopologyDocument; source: SourceDocument; model: TopologyModel }> {
  const reader = options.reader ?? createFileReader();
  const baseDir = options.baseDir ?? process.cwd();
  const logger = options.logger ?? SILENT_LOGGER;
  const imported = await importSource(reader, baseDir, path, options, logger);
  return { document: imported.topologyDocument, source: imported.document, model: await validateImported(imported, options.service, logger) };
}

/**
 * Loads a study or topology file (YAML or JSON; GML, GraphML and CSV are imported), or the embedded default
 * study when `path` is null.
 * @throws ScenarioError with every located diagnostic when an input is invalid
 */
export async function loadInput(path: string | null, options: LoadInputOptions = {}): Promise<LoadedInput> {
  const logger = options.logger ?? SILENT_LOGGER;
  const baseDir = options.baseDir ?? process.cwd();
  const capture = createCapturingReader(options.reader ?? createFileReader());
  const reader = capture.reader;
  const request: InputRequest = {
    path,
    baseDir,
    ...(options.service !== undefined ? { service: options.service } : {}),
    ...(options.linksCsv !== undefined ? { linksCsv: options.linksCsv } : {}),
  };
  const finish = (
    topology: TopologyModel,
    study: StudyModel,
    topologySource: SourceIdentity,
    studySource: SourceIdentity | null,
  ): LoadedInput => ({ topology, study, topologySource, studySource, request, files: capture.files() });

  if (path !== null && isImportedFormat(path)) {
    const imported = await importSource(reader, baseDir, path, options, logger);
    const topology = await validateImported(imported, options.service, logger);
    return finish(topology, implicitStudy(topology), imported.identity, null);
  }
  // A study or topology names its own services and links: the import options would silently do nothing.
  const importOption = options.service !== undefined ? 'a service to create (--service)' : options.linksCsv !== undefined ? 'a links table (--links)' : null;
  if (importOption !== null) {
    throw new InputError(
      `${importOption} applies to an imported network (GML, GraphML or CSV); ${path ?? 'the default study'} is a study or topology, whose file names its services and links`,
    );
  }
  const key = path === null ? EMBEDDED_STUDY_KEY : resolve(baseDir, path);
  const firstRead = await readSource(reader, key, path ?? 'default-study.yaml', path ?? EMBEDDED_STUDY_KEY);
  const read = isStudyDocument(firstRead.document.value) ? firstRead : await resolveExtends(reader, firstRead, key, 0);
  if (!isStudyDocument(read.document.value)) {
    const topology = await validateTopologySource(read, logger);
    return finish(topology, implicitStudy(topology), { ...read.identity, name: topology.name }, null);
  }
  const reference = readTopologyReference(read.document);
  if (reference.kind === 'invalid') throw new ScenarioError(reference.diagnostics);
  const topologyKey = resolveReference(key, reference.topology);
  const topologyRead = await resolveExtends(
    reader,
    await readReferenced(reader, topologyKey, reference.topology, read, 'topology'),
    topologyKey,
    0,
  );
  const topology = await validateTopologySource(topologyRead, logger);
  const study = await validateStudy(read.document, topology);
  if (study.kind === 'invalid') throw new ScenarioError(study.diagnostics);
  study.warnings.forEach(logger);
  return finish(
    topology,
    study.study,
    { ...topologyRead.identity, name: topology.name },
    { ...read.identity, name: study.study.name || basename(key) },
  );
}
