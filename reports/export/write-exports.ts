// Small writers for the exports: each file is written atomically (temporary file, then rename), so a map tool or
// an exercise team never picks up a half-written file.

import { join } from 'node:path';
import { writeFileAtomic } from '../internal/write-atomic.ts';
import type { NeveroutFeatureCollection } from './build-geojson.ts';
import type { DrillExperiment } from './build-drill-experiments.ts';

/** Formats an export as 2-space indented JSON with a final newline. */
export function formatExportJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** Writes a FeatureCollection to `path` (conventionally `*.geojson`). */
export async function writeGeoJson(path: string, collection: NeveroutFeatureCollection): Promise<void> {
  await writeFileAtomic(path, formatExportJson(collection));
}

/**
 * Writes every experiment as `outDir/<fileName>`; creates the folder. Other files in it are left alone.
 * @returns the paths written, in rank order
 */
export async function writeDrillExperiments(outDir: string, drills: readonly DrillExperiment[]): Promise<string[]> {
  const paths: string[] = [];
  for (const drill of drills) {
    const path = join(outDir, drill.fileName);
    await writeFileAtomic(path, formatExportJson(drill.experiment));
    paths.push(path);
  }
  return paths;
}
