// Build step after tsc: copies the non-TypeScript files the compiled code reads at run time (the embedded
// illustrative model, the report's font and map) next to the compiled modules in dist/, so dist/ runs on its own,
// and records the parsed value of the embedded YAML files (scenarios/input/input-reader.ts readParsedSnapshot).
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const assets = [
  'scenarios/nafin/nafin-topology.yaml',
  'scenarios/nafin/default-study.yaml',
  'scenarios/nafin/nl-sites.csv',
  'reports/assets/netherlands.geojson',
  'reports/assets/fonts',
  // The pools' CommonJS thread entries (tsc copies no .cjs file).
  'workers/pool/batch-worker.cjs',
  'reports/render/chart-render-worker.cjs',
];
for (const asset of assets) {
  const target = join(root, 'dist', asset);
  mkdirSync(dirname(target), { recursive: true });
  cpSync(join(root, asset), target, { recursive: true });
}

// The parse snapshots, made by the compiled parser itself from the copied bytes; a value JSON cannot carry exactly
// (none today) gets no snapshot and is parsed at run time.
const { parseSourceDocument } = await import(join(root, 'dist/scenarios/source-document.js'));
for (const asset of ['scenarios/nafin/nafin-topology.yaml', 'scenarios/nafin/default-study.yaml']) {
  const target = join(root, 'dist', asset);
  const bytes = readFileSync(target);
  const outcome = parseSourceDocument(asset, bytes.toString('utf8'));
  if (outcome.kind !== 'ok') throw new Error(`${asset} does not parse`);
  const value = outcome.document.value;
  if (!isDeepStrictEqual(JSON.parse(JSON.stringify(value)), value)) continue;
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  writeFileSync(`${target}.parsed.json`, JSON.stringify({ sha256, value }));
}

