// Test support for reports/: the fixture result documents, the shipped map outline, a Vega-Lite JSON Schema
// validator (ajv, draft-07) and a helper that looks for drawn (non-white) pixels in a region of an RGBA image.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import type { FeatureCollection } from 'geojson';
import type { ResultDocument } from '../../../../engine/index.ts';
import { checkResultDocument } from '../../../../reports/index.ts';

export const FIXTURES_DIR = fileURLToPath(new URL('../../../fixtures/results/', import.meta.url));

/**
 * The realistic periodic analysis (all sections), its predecessor (a baseline), the minimal document, and a real
 * result of the default study (`neverout run --samples 100000 --no-report`, written compact).
 */
export const FIXTURE_FILES = {
  current: `${FIXTURES_DIR}nafin-2026-q4.result.json`,
  previous: `${FIXTURES_DIR}nafin-2026-q3.result.json`,
  minimal: `${FIXTURES_DIR}minimal.result.json`,
  defaultStudy: `${FIXTURES_DIR}nafin-default-study.result.json`,
} as const;

/** The charts of the `current` fixture (every section present), in report order. */
export const CURRENT_FIXTURE_CHARTS = [
  'headline',
  'availability',
  'weak-spot-matrix',
  'network-map',
  'importance',
  'scenario-heatmap',
  'downtime',
  'outage-durations',
  'comparison',
  'convergence',
  'map-power-nh',
  'map-sabotage-2',
] as const;

/** Loads and checks a fixture result document. */
export function loadFixture(name: keyof typeof FIXTURE_FILES): ResultDocument {
  const file = FIXTURE_FILES[name];
  return checkResultDocument(JSON.parse(readFileSync(file, 'utf8')), file);
}

/** The Netherlands outline shipped in reports/assets. */
export function loadOutline(): FeatureCollection {
  return JSON.parse(
    readFileSync(new URL('../../../../reports/assets/netherlands.geojson', import.meta.url), 'utf8'),
  ) as FeatureCollection;
}

let validator: ValidateFunction | null = null;

/** A validator for the Vega-Lite v6 JSON Schema shipped with vega-lite (draft-07; strict off for its extensions). */
export function vegaLiteValidator(): ValidateFunction {
  if (validator === null) {
    const require = createRequire(import.meta.url);
    const schema = JSON.parse(readFileSync(require.resolve('vega-lite/vega-lite-schema.json'), 'utf8')) as object;
    validator = new Ajv({ strict: false, allErrors: false, validateFormats: false }).compile(schema);
  }
  return validator;
}

/** Counts pixels in a rectangle that are not (near) white; RGBA, 4 bytes a pixel, row-major. */
export function countInkPixels(
  image: { pixels: Uint8Array; width: number; height: number },
  region: { x: number; y: number; width: number; height: number },
): number {
  let ink = 0;
  const xEnd = Math.min(image.width, region.x + region.width);
  const yEnd = Math.min(image.height, region.y + region.height);
  for (let y = Math.max(0, region.y); y < yEnd; y++) {
    for (let x = Math.max(0, region.x); x < xEnd; x++) {
      const i = (y * image.width + x) * 4;
      const r = image.pixels[i] ?? 255;
      const g = image.pixels[i + 1] ?? 255;
      const b = image.pixels[i + 2] ?? 255;
      if (r < 200 || g < 200 || b < 200) ink++;
    }
  }
  return ink;
}
