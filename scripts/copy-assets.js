// Build step after tsc: copies the non-TypeScript files the compiled code reads at run time (the embedded
// illustrative model, the report's font and map) next to the compiled modules in dist/, so dist/ runs on its own.
import { cpSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const assets = [
  'scenarios/nafin/nafin-topology.yaml',
  'scenarios/nafin/default-study.yaml',
  'scenarios/nafin/nl-sites.csv',
  'reports/assets/netherlands.geojson',
  'reports/assets/fonts',
];
for (const asset of assets) {
  const target = join(root, 'dist', asset);
  mkdirSync(dirname(target), { recursive: true });
  cpSync(join(root, asset), target, { recursive: true });
}
