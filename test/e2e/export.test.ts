// End-to-end: `neverout export geojson|drill|schema` as a child process on the fixture
// result documents: exit codes, the exact located error text, the files written and validated, inputs untouched.

import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from '../support/run-cli.ts';

const RESULT = 'test/fixtures/results/nafin-2026-q4.result.json';
const MINIMAL = 'test/fixtures/results/minimal.result.json';

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

function sha(path: string): string {
  return createHash('sha256')
    .update(readFileSync(join(REPO_ROOT, path)))
    .digest('hex');
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'neverout-export-e2e-'));
}

const validateGeoJson = new Ajv({ allErrors: true, strict: false }).compile(
  readJson(join(REPO_ROOT, 'test/fixtures/geojson/feature-collection.schema.json')) as object,
);
const validateExperiment = new Ajv({ allErrors: true, strict: false }).compile(
  readJson(join(REPO_ROOT, 'test/fixtures/chaostoolkit/experiment.schema.json')) as object,
);

describe('neverout export geojson', () => {
  it('writes a valid FeatureCollection and leaves the result untouched', async () => {
    const before = sha(RESULT);
    const dir = tempDir();
    const out = await runCli(['export', 'geojson', RESULT, '--to', join(dir, 'nafin.geojson')]);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expect(out.stdout).toBe(
      `wrote ${join(dir, 'nafin.geojson')} (21 sites, 30 links; scenario baseline; left off for lack of coordinates: 1 sites, 2 links)\n`,
    );
    const collection = readJson(join(dir, 'nafin.geojson'));
    expect(validateGeoJson(collection), JSON.stringify(validateGeoJson.errors)).toBe(true);
    expect(readdirSync(dir)).toEqual(['nafin.geojson']);
    expect(sha(RESULT)).toBe(before);
  });

  it('shows another scenario with --scenario and names the valid ids for an unknown one', async () => {
    const dir = tempDir();
    const ok = await runCli([
      'export',
      'geojson',
      RESULT,
      '--to',
      join(dir, 'sabotage.geojson'),
      '--scenario',
      'sabotage-2',
    ]);
    expect(ok.code).toBe(0);
    expect(readJson(join(dir, 'sabotage.geojson'))).toMatchObject({ metadata: { scenario: { id: 'sabotage-2' } } });
    const bad = await runCli(['export', 'geojson', RESULT, '--to', join(dir, 'x.geojson'), '--scenario', 'nope']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      `error: --scenario must be a scenario id of ${RESULT} (baseline, power-nh, sabotage-2), got "nope"\n`,
    );
  });
});

describe('neverout export drill', () => {
  it('writes valid Chaos Toolkit experiments, the same on every run', async () => {
    const dir = tempDir();
    const out = await runCli(['export', 'drill', RESULT, '--out', join(dir, 'a'), '--top', '2']);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    const files = readdirSync(join(dir, 'a')).sort();
    expect(files).toEqual([
      '01-sabotage-nmg-vkl+vkl-ein.json',
      '02-sabotage-vls-rtd+wdt-vls.json',
      '03-risk-group-flood-zeeland.json',
      '04-risk-group-platform-vendor-a.json',
    ]);
    expect(out.stdout.split('\n').filter((l) => l.startsWith('wrote '))).toHaveLength(4);
    for (const file of files) {
      const experiment = readJson(join(dir, 'a', file));
      expect(validateExperiment(experiment), `${file}: ${JSON.stringify(validateExperiment.errors)}`).toBe(true);
    }
    const again = await runCli(['export', 'drill', RESULT, '--out', join(dir, 'b'), '--top', '2']);
    expect(again.code).toBe(0);
    for (const file of files)
      expect(readFileSync(join(dir, 'b', file), 'utf8')).toBe(readFileSync(join(dir, 'a', file), 'utf8'));
  });

  it('writes nothing and says so when there are no weak spots', async () => {
    const dir = tempDir();
    const out = await runCli(['export', 'drill', MINIMAL, '--out', join(dir, 'drills')]);
    expect(out.code).toBe(0);
    expect(out.stdout).toBe(
      `no weak spots to drill in ${MINIMAL}: no single point of failure, disconnecting attack or critical risk group\n`,
    );
    expect(readdirSync(dir)).toEqual([]);
  });

  it('names the flag and the rule for a bad --top', async () => {
    const out = await runCli(['export', 'drill', RESULT, '--top', '0']);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('--top must be a positive integer, got "0"');
  });
});

describe('neverout export schema', () => {
  it('writes the committed schema files', async () => {
    const dir = tempDir();
    const out = await runCli(['export', 'schema', '--to', dir]);
    expect(out.code).toBe(0);
    expect(out.stdout).toBe(`wrote ${join(dir, 'topology.schema.json')}\nwrote ${join(dir, 'study.schema.json')}\n`);
    for (const file of ['topology.schema.json', 'study.schema.json']) {
      expect(readJson(join(dir, file))).toEqual(readJson(join(REPO_ROOT, 'schemas', file)));
    }
  });
});

describe('export input errors', () => {
  it('locates a JSON syntax error and exits 2', async () => {
    const dir = tempDir();
    const file = join(dir, 'broken.json');
    writeFileSync(file, '{\n  "resultVersion": 1,\n  "manifest": ,\n}\n');
    const out = await runCli(['export', 'geojson', file, '--to', join(dir, 'x.geojson')]);
    expect(out.code).toBe(2);
    expect(out.stderr).toBe(
      `${file}:3:15: not a result document: invalid JSON: expected a JSON value, got ","\n1 error\n`,
    );
    expect(readdirSync(dir)).toEqual(['broken.json']);
  });

  it('locates a wrong result version and exits 2', async () => {
    const dir = tempDir();
    const file = join(dir, 'future.json');
    const doc = readJson(join(REPO_ROOT, MINIMAL)) as Record<string, unknown>;
    writeFileSync(file, JSON.stringify({ ...doc, resultVersion: 2 }, null, 2));
    const out = await runCli(['export', 'drill', file, '--out', join(dir, 'drills')]);
    expect(out.code).toBe(2);
    expect(out.stderr).toBe(
      `${file}:2:20 resultVersion: expected 1 (this neverout reads result format version 1), got 2\n1 error\n`,
    );
  });

  it('reports every damaged field the exports read, located', async () => {
    const dir = tempDir();
    const file = join(dir, 'damaged.json');
    const doc = readJson(join(REPO_ROOT, RESULT)) as {
      model: { sites: Array<{ lat: number }> };
      cutSets: { services: Array<{ cutSets: Array<{ elements: string[] }> }> };
    };
    doc.model.sites[0].lat = 95;
    doc.cutSets.services[0].cutSets[0].elements = ['ghost'];
    writeFileSync(file, JSON.stringify(doc, null, 2));
    const out = await runCli(['export', 'drill', file, '--out', join(dir, 'drills')]);
    expect(out.code).toBe(2);
    const lines = out.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(
      new RegExp(
        `^${file.replace(/[.+]/g, '\\$&')}:\\d+:\\d+ model\\.sites\\[0\\]\\.lat: expected a latitude in \\[-90, 90\\] or null, got 95$`,
      ),
    );
    expect(lines[1]).toMatch(
      /:\d+:\d+ cutSets\.services\[0\]\.cutSets\[0\]\.elements\[0\]: expected a site, link or risk-group id of model, got "ghost"$/,
    );
    expect(lines[2]).toBe('2 errors');
  });

  it('names a missing file and exits 2', async () => {
    const out = await runCli(['export', 'geojson', 'no/such/result.json', '--to', 'x.geojson']);
    expect(out.code).toBe(2);
    expect(out.stderr).toBe('no/such/result.json: cannot read file: no such file\n1 error\n');
  });
});
