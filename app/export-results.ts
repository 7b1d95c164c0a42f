// Use case "export": hands results and file formats to other tools: a GeoJSON map layer and Chaos Toolkit drill
// experiments (from a result document), and JSON Schemas of the file formats (for editors).

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError, type ResultDocument } from '../engine/index.ts';
import {
  buildDrillExperiments,
  buildGeoJson,
  checkExportInput,
  checkResultDocument,
  findJsonSyntaxError,
  ReportInputError,
  writeDrillExperiments,
  writeFileAtomic,
  writeGeoJson,
  type DrillExperiment,
  type NeveroutFeatureCollection,
} from '../reports/index.ts';
import { buildJsonSchemaFiles, parseSourceDocument, ScenarioError, type Diagnostic } from '../scenarios/index.ts';

/** Default folder of drill experiments. */
export const DEFAULT_DRILL_DIR = join('neverout-out', 'drills');

function fileError(file: string, message: string, line = 0, column = 0): Diagnostic {
  return { severity: 'error', file, line, column, path: '', message };
}

/** 1-based line and column of a character offset. */
function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split('\n');
  return { line: lines.length, column: lines[lines.length - 1].length + 1 };
}

/** Splits a problem path such as `scenarios[0].services[2].availability` into segments for the locator. */
function pathSegments(path: string): Array<string | number> {
  if (path.startsWith('(')) return [];
  return [...path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) => (m[2] !== undefined ? Number(m[2]) : m[1]));
}

/**
 * Reads a result document for export: a missing file, invalid JSON, another result version or a damaged document
 * becomes a ScenarioError whose diagnostics give `file:line:column path` (exit code 2).
 */
export async function readExportInput(file: string): Promise<ResultDocument> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ScenarioError([fileError(file, `cannot read file: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`)]);
  }
  // Editors on some systems start UTF-8 files with a byte order mark, which JSON.parse rejects.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const located = findJsonSyntaxError(text);
    if (located !== null) {
      const where = lineColumnAt(text, located.offset);
      const message = `not a result document: invalid JSON: expected ${located.expected}, got ${located.received}`;
      throw new ScenarioError([fileError(file, message, where.line, where.column)]);
    }
    throw new ScenarioError([
      fileError(file, `not a result document: invalid JSON: ${error instanceof Error ? error.message : String(error)}`),
    ]);
  }
  try {
    return checkExportInput(checkResultDocument(value, file), file);
  } catch (error) {
    if (!(error instanceof ReportInputError)) throw error;
    // Locating is only needed on this path, so the (slower) position-keeping parse runs only for broken documents.
    const source = parseSourceDocument(file, text);
    const locate = (path: Array<string | number>) => (source.kind === 'ok' ? source.document.locate(path) : { line: 0, column: 0 });
    throw new ScenarioError(
      error.problems.map((p) => {
        const segments = pathSegments(p.path);
        const where = locate(segments);
        const path = segments.length === 0 ? '' : p.path;
        const message = `${segments.length === 0 ? 'not a result document: ' : ''}expected ${p.expected}, got ${p.received}`;
        return { severity: 'error', file, line: where.line, column: where.column, path, message };
      }),
    );
  }
}

/** Checks a scenario id against the document, naming the flag and the ids it may take. */
function checkScenarioId(doc: ResultDocument, file: string, scenarioId: string | undefined): void {
  if (scenarioId === undefined || doc.scenarios.some((s) => s.id === scenarioId)) return;
  const known = doc.scenarios.map((s) => s.id).join(', ');
  throw new InputError(`--scenario must be a scenario id of ${file} (${known === '' ? 'it has none' : known}), got "${scenarioId}"`);
}

/** Writes the sites and links of a result as a GeoJSON FeatureCollection (RFC 7946). */
export async function exportGeoJson(
  resultFile: string,
  to: string,
  options: { scenarioId?: string } = {},
): Promise<NeveroutFeatureCollection> {
  const doc = await readExportInput(resultFile);
  checkScenarioId(doc, resultFile, options.scenarioId);
  const collection = buildGeoJson(doc, options.scenarioId === undefined ? {} : { scenarioId: options.scenarioId });
  await writeGeoJson(to, collection);
  return collection;
}

/** Options of exportDrills; every field optional. */
export interface ExportDrillsOptions {
  outDir?: string;
  top?: number;
  scenarioId?: string;
  observeSeconds?: number;
}

/** Writes the top weak spots of a result as Chaos Toolkit experiments; returns them with their paths. */
export async function exportDrills(
  resultFile: string,
  options: ExportDrillsOptions = {},
): Promise<{ drills: readonly DrillExperiment[]; paths: readonly string[] }> {
  const doc = await readExportInput(resultFile);
  checkScenarioId(doc, resultFile, options.scenarioId);
  const drills = buildDrillExperiments(doc, {
    ...(options.top !== undefined ? { top: options.top } : {}),
    ...(options.observeSeconds !== undefined ? { observeSeconds: options.observeSeconds } : {}),
    ...(options.scenarioId !== undefined ? { scenarioId: options.scenarioId } : {}),
  });
  const paths = drills.length === 0 ? [] : await writeDrillExperiments(options.outDir ?? DEFAULT_DRILL_DIR, drills);
  return { drills, paths };
}

/** Writes JSON Schemas of the topology and study formats into a folder; returns the paths. */
export async function exportSchemas(toDir: string): Promise<string[]> {
  const paths: string[] = [];
  for (const file of buildJsonSchemaFiles()) {
    const path = join(toDir, file.fileName);
    await writeFileAtomic(path, file.text);
    paths.push(path);
  }
  return paths;
}
