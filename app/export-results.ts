// Use case "export": hands results and file formats to other tools: a GeoJSON map layer and Chaos Toolkit drill
// experiments (from a result document), and JSON Schemas of the file formats (for editors).

import { join } from 'node:path';
import { InputError, type ResultDocument } from '../engine/index.ts';
import {
  buildDrillExperiments,
  buildGeoJson,
  writeDrillExperiments,
  writeFileAtomic,
  writeGeoJson,
  type DrillExperiment,
  type NeveroutFeatureCollection,
} from '../reports/index.ts';
import { buildJsonSchemaFiles } from '../scenarios/index.ts';
import { readResultFile } from './result/read-result-file.ts';

/** Default folder of drill experiments. */
export const DEFAULT_DRILL_DIR = join('neverout-out', 'drills');

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
  const doc = await readResultFile(resultFile);
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
  const doc = await readResultFile(resultFile);
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
