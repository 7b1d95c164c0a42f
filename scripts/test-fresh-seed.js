// Runs every property-based test file once more with a fresh random fast-check seed, printed first, so that a
// seed which breaks a property is found in CI (the fixed FC_SEED run alone never explores new seeds). Replay a
// failure with FC_SEED=<printed seed> FAST_CHECK_SEED=<printed seed> npx vitest run <file>.

import { spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Markers of a file whose cases come from fast-check, directly or through a seeded support module. */
const MARKERS = [
  'fast-check',
  'FC_SEED',
  'FAST_CHECK_SEED',
  'propertySeed',
  'contractSeed',
  'PROPERTY_SEED',
  'estimator-contract',
  'analysis-arbitraries',
  'import-test-support',
];

function listTestFiles(directory) {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) return name === 'e2e' ? [] : listTestFiles(path);
    return name.endsWith('.test.ts') ? [path] : [];
  });
}

const files = listTestFiles('test').filter((file) => {
  const text = readFileSync(file, 'utf8');
  return MARKERS.some((marker) => text.includes(marker));
});
const seed = process.env.FRESH_FC_SEED ?? String(randomInt(1, 2 ** 31 - 1));
console.log(`fresh fast-check seed: FC_SEED=${seed} FAST_CHECK_SEED=${seed} (${files.length} property test files)`);
const result = spawnSync('npx', ['vitest', 'run', ...files], {
  stdio: 'inherit',
  env: { ...process.env, FC_SEED: seed, FAST_CHECK_SEED: seed },
});
if (result.status !== 0)
  console.log(`fresh fast-check seed ${seed} failed: replay with FC_SEED=${seed} FAST_CHECK_SEED=${seed}`);
process.exit(result.status ?? 1);
