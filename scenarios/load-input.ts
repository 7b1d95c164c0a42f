// Loads what the user named (a study file, a topology file, or nothing: the embedded default study) into
// validated models, reading each file once and hashing its bytes for the manifest.
//
//   path ──read──> parse ──validate topology──> validate study ──> LoadedInput | ScenarioError

import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { MESSAGES } from './messages.ts';
import { DEFAULT_STUDY_PATH, DEFAULT_TOPOLOGY_PATH } from './nafin/index.ts';
import { ScenarioError, type Diagnostic, type DiagnosticLogger, SILENT_LOGGER } from './scenario-error.ts';
import { parseSourceDocument, type SourceDocument } from './source-document.ts';
import type { StudyModel } from './study/study-model.ts';
import { isStudyDocument, readTopologyReference, validateStudy } from './study/validate-study.ts';
import type { TopologyModel } from './topology/topology-model.ts';
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

async function loadTopologyFile(path: string, displayName: string, sourceLabel: string, logger: DiagnosticLogger) {
  const read = await readSource(path, displayName, sourceLabel);
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

/**
 * Loads a study or topology file, or the embedded default study when `path` is null.
 * @throws ScenarioError with every located diagnostic when an input is invalid
 */
export async function loadInput(path: string | null, logger: DiagnosticLogger = SILENT_LOGGER): Promise<LoadedInput> {
  const studyPath = path === null ? DEFAULT_STUDY_PATH : resolve(path);
  const studyName = path === null ? 'embedded:default-study.yaml' : path;
  const read = await readSource(studyPath, path === null ? 'default-study.yaml' : path, studyName);
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
