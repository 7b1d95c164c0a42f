// Writers of the exports: files land complete, under the expected names, with no temporary files left behind.

import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildDrillExperiments,
  buildGeoJson,
  formatExportJson,
  writeDrillExperiments,
  writeGeoJson,
} from '../../../../reports/export/index.ts';
import { makeResultDocument } from './export-fixtures.ts';

describe('formatExportJson', () => {
  it('indents by two spaces and ends with a newline', () => {
    expect(formatExportJson({ a: [1] })).toBe('{\n  "a": [\n    1\n  ]\n}\n');
  });
});

describe('writeGeoJson', () => {
  it('writes the collection to the path, creating folders', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'neverout-geojson-'));
    const collection = buildGeoJson(makeResultDocument());
    const path = join(dir, 'maps', 'line.geojson');
    await writeGeoJson(path, collection);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(collection);
    expect(readdirSync(join(dir, 'maps'))).toEqual(['line.geojson']);
  });
});

describe('writeDrillExperiments', () => {
  it('writes one file per experiment and returns the paths in rank order', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'neverout-drills-'));
    const drills = buildDrillExperiments(makeResultDocument());
    const paths = await writeDrillExperiments(join(dir, 'drills'), drills);
    expect(paths).toEqual(drills.map((d) => join(dir, 'drills', d.fileName)));
    expect(readdirSync(join(dir, 'drills')).sort()).toEqual(drills.map((d) => d.fileName).sort());
    expect(JSON.parse(readFileSync(paths[0], 'utf8'))).toEqual(drills[0].experiment);
  });
});
