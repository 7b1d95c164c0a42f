// A saturated repair crew (busy at least 90% of the time: repairs wait for a member most of the time) is named in a
// warning, since the crew rather than the failures then sets the downtime. A crew with spare capacity is not.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { simulateStudy } from '../../app/index.ts';
import { REPO_ROOT } from '../support/run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'neverout-crew-saturation-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The bridge in time (five links, each failing every 36 h for 4 h of work) with one crew of `count` members. */
function bridgeWithCrew(name: string, count: number, response: string): string {
  const path = join(dir, `${name}.yaml`);
  writeFileSync(
    path,
    [
      'format: neverout-topology/1',
      `name: Bridge with crew ${name}`,
      `extends: ${JSON.stringify(join(REPO_ROOT, 'test/fixtures/topologies/bridge-time.yaml'))}`,
      'crews:',
      `  - { id: ${name}, name: Crew ${name}, count: ${count}, response: ${response}, repairs: { elements: links } }`,
      '',
    ].join('\n'),
  );
  return path;
}

async function warningsOf(path: string): Promise<string[]> {
  const warnings: string[] = [];
  await simulateStudy(path, { years: 20, yearsPerBatch: 10, workers: 0, report: false, outDir: join(dir, 'out'), onWarning: (w) => warnings.push(w) });
  return warnings;
}

describe('a saturated repair crew', () => {
  it('is named in a warning when its work exceeds one member (offered load 5/36 per h x 20 h = 2.8 members)', { timeout: 120_000 }, async () => {
    const warnings = await warningsOf(bridgeWithCrew('lone', 1, '16 h'));
    expect(warnings.filter((w) => w.startsWith('crew lone (1 working in parallel) is busy'))).toHaveLength(1);
  });

  it('is not warned about with spare capacity (two members, 2 h response: load 0.42 each)', { timeout: 120_000 }, async () => {
    const warnings = await warningsOf(bridgeWithCrew('pair', 2, '2 h'));
    expect(warnings.filter((w) => w.startsWith('crew '))).toEqual([]);
  });
});
