// End-to-end import: a Topology Zoo file converted to neverout's format and run; the all-terminal estimate
// must agree with an exact computation (frontier dynamic programming, engine/exact) on the same model.

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeExactUnavailability } from '../../engine/exact/index.ts';
import type { ResultDocument } from '../../engine/index.ts';
import { compilePlan, loadInput, resolveRunOptions } from '../../scenarios/index.ts';
import { runCli } from '../support/run-cli.ts';

const SURFNET = 'test/fixtures/topologyzoo/Surfnet.gml';

describe('neverout import and run on an imported topology', () => {
  it('imports Surfnet, runs it, and brackets the exact all-terminal unavailability', { timeout: 180_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'neverout-import-'));
    const yamlPath = join(dir, 'surfnet.yaml');
    const imported = await runCli(['import', SURFNET, '--to', yamlPath, '--quiet']);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('50 nodes, 73 links, 1 service(s)');
    expect(readFileSync(yamlPath, 'utf8')).toContain('format: neverout-topology/1');

    const run = await runCli(['run', yamlPath, '--samples', '300000', '--seed', '3', '--json', '--out', join(dir, 'out')]);
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout) as ResultDocument;
    const estimate = doc.scenarios[0].services[0];

    const loaded = await loadInput(yamlPath);
    const compiled = compilePlan(loaded.topology, loaded.study, resolveRunOptions(loaded.study, {}));
    const exact = computeExactUnavailability(compiled.plan.model, 0);
    expect(exact).not.toBeNull();
    const u = exact?.unavailability ?? Number.NaN;
    expect(estimate.unavailability.lower).toBeLessThanOrEqual(u);
    expect(estimate.unavailability.upper).toBeGreaterThanOrEqual(u);
  });

  it('runs a GML file directly, with the same model as its import', { timeout: 180_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'neverout-import-'));
    const direct = await runCli(['run', SURFNET, '--samples', '20000', '--seed', '1', '--json', '--quiet', '--out', join(dir, 'a')]);
    expect(direct.code).toBe(0);
    const doc = JSON.parse(direct.stdout) as ResultDocument;
    expect(doc.model.sites).toHaveLength(50);
    expect(doc.model.links).toHaveLength(73);
    expect(doc.model.services[0].kind).toBe('connected');
  });

  it('reports malformed input with a line number and exit 2, never a stack trace', { timeout: 180_000 }, async () => {
    const out = await runCli(['run', 'test/fixtures/malformed/truncated.gml']);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/truncated\.gml:\d+:\d+: expected /);
    expect(out.stderr).not.toMatch(/\n\s+at /);
  });

  it('prints an import warning once, at its file, line and column', { timeout: 180_000 }, async () => {
    const out = await runCli(['validate', 'test/fixtures/topologyzoo/Belnet2010.gml']);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stderr.split('\n')).toContain(
      'test/fixtures/topologyzoo/Belnet2010.gml:290:3: warning: link "leuven1--leuven2" joins points less than 1 km apart; lengthKm raised to 1 km',
    );
  });

  it('names the --service flag as written when the service it creates is wrong, in every command that takes it', { timeout: 180_000 }, async () => {
    const abilene = 'test/fixtures/topologyzoo/Abilene.gml';
    const to = join(mkdtempSync(join(tmpdir(), 'neverout-import-')), 'abilene.yaml');
    for (const command of [['validate'], ['run', '--no-report', '--samples', '1000'], ['import', '--to', to]]) {
      const [name, ...rest] = command;
      const tooMany = await runCli([name, abilene, '--service', 'reach:new-york>chicago:5', ...rest]);
      expect(tooMany.code, tooMany.stderr).toBe(2);
      expect(tooMany.stderr).toContain('--service reach:new-york>chicago:5 k: k must be at most the number of "to" endpoints (1), got 5\n');
      const twice = await runCli([name, abilene, '--service', 'connected:new-york,new-york', ...rest]);
      expect(twice.code, twice.stderr).toBe(2);
      expect(twice.stderr).toContain('--service connected:new-york,new-york endpoints[1]: endpoint "new-york" is listed twice\n');
      expect(twice.stderr).not.toContain('services[0]');
    }
  });
});

describe('malformed corpus through the loader', () => {
  it('every malformed file gives a located ScenarioError (exit 2), never another exception', { timeout: 180_000 }, async () => {
    const { readdirSync } = await import('node:fs');
    const { ScenarioError } = await import('../../scenarios/index.ts');
    const files = readdirSync('test/fixtures/malformed').filter((f) => /\.(gml|graphml|csv)$/.test(f));
    expect(files.length).toBeGreaterThanOrEqual(25);
    for (const f of files) {
      const error = await loadInput(`test/fixtures/malformed/${f}`).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error, f).toBeInstanceOf(ScenarioError);
      const diagnostics = (error as InstanceType<typeof ScenarioError>).diagnostics;
      expect(diagnostics[0].line, f).toBeGreaterThan(0);
    }
  });
});
