// End-to-end: `neverout simulate` as a child process on a fixture: exit code, result.json written atomically
// with a valid timeSimulation section, the input untouched, identical numbers for 1 and 2 workers.
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ResultDocument } from '../../engine/index.ts';
import { REPO_ROOT, runCli, type CliOutcome } from '../support/run-cli.ts';

const BRIDGE = 'test/fixtures/topologies/bridge.yaml';

function runSimulate(args: readonly string[]): Promise<CliOutcome> {
  return runCli(['simulate', ...args]);
}

function sha(path: string): string {
  return createHash('sha256')
    .update(readFileSync(join(REPO_ROOT, path)))
    .digest('hex');
}

describe('neverout simulate', () => {
  it('writes result.json with a valid timeSimulation section and prints the table', { timeout: 60_000 }, async () => {
    const before = sha(BRIDGE);
    const out = mkdtempSync(join(tmpdir(), 'neverout-sim-'));
    const result = await runSimulate([BRIDGE, '--years', '30', '--seed', '1', '--workers', '1', '--out', out]);
    expect(result.stderr).not.toContain('error');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^s-t\s+\d/m);
    for (const column of ['downtime/yr [95% CI]', 'outages/yr [95% CI]', 'P(outage > 15 h)', 'P(no outage in a year)']) {
      expect(result.stdout).toContain(column);
    }
    expect(readdirSync(out).sort()).toEqual(['batches.jsonl', 'charts', 'report.html', 'report.md', 'result.json', 'tables']);
    const doc = JSON.parse(readFileSync(join(out, 'result.json'), 'utf8')) as ResultDocument;
    expect(doc.resultVersion).toBe(1);
    expect(doc.manifest.partial).toBe(false);
    expect(doc.manifest.model.sha256).toBe(before);
    const sim = doc.timeSimulation;
    expect(sim).not.toBeNull();
    if (sim === null) return;
    expect(sim.years).toBe(30);
    expect(sim.services.map((s) => s.serviceId)).toEqual(['s-t']);
    const service = sim.services[0];
    const { edgesHours, counts } = service.durationHistogram;
    expect(edgesHours).toHaveLength(counts.length + 1);
    expect(edgesHours.every((e, i) => Number.isFinite(e) && (i === 0 || e > edgesHours[i - 1]))).toBe(true);
    const outages = Math.round(service.outagesPerYear.estimate * sim.years);
    expect(outages).toBeGreaterThan(0);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(outages);
    for (const i of [service.outagesPerYear, service.downtimeMinutesPerYear]) {
      expect(i.lower).toBeLessThanOrEqual(i.estimate);
      expect(i.upper).toBeGreaterThanOrEqual(i.estimate);
    }
    const estimate = doc.scenarios[0].services[0];
    expect(estimate.estimator).toBe('time-simulation');
    expect(estimate.samples).toBe(30);
    expect(estimate.downtimeMinutesPerYear).toEqual(service.downtimeMinutesPerYear);
    expect(sha(BRIDGE)).toBe(before);
  });

  it('gives identical documents (apart from run facts) for 1 and 2 workers', { timeout: 60_000 }, async () => {
    const args = [BRIDGE, '--years', '40', '--seed', '7', '--json', '--quiet'];
    const one = await runSimulate([...args, '--workers', '1', '--out', mkdtempSync(join(tmpdir(), 'neverout-sim-'))]);
    const two = await runSimulate([...args, '--workers', '2', '--out', mkdtempSync(join(tmpdir(), 'neverout-sim-'))]);
    expect(one.code).toBe(0);
    expect(two.code).toBe(0);
    const a = JSON.parse(one.stdout) as ResultDocument;
    const b = JSON.parse(two.stdout) as ResultDocument;
    expect(b.timeSimulation).toEqual(a.timeSimulation);
    expect(b.scenarios).toEqual(a.scenarios);
    expect(b.manifest.planSha256).toBe(a.manifest.planSha256);
  });

  it(
    'prints, for the default study, every scenario and service with downtime and outages per year, P(outage > 15 h) and P(no outage in a year), with intervals',
    { timeout: 120_000 },
    async () => {
      const out = mkdtempSync(join(tmpdir(), 'neverout-sim-'));
      const result = await runSimulate(['--years', '1000', '--seed', '1', '--no-report', '--out', out]);
      expect(result.code, result.stderr).toBe(0);
      const doc = JSON.parse(readFileSync(join(out, 'result.json'), 'utf8')) as ResultDocument;
      const scenarios = doc.timeSimulation?.scenarios ?? [];
      expect(scenarios.map((s) => s.scenarioId)).toEqual(doc.scenarios.map((s) => s.id));
      expect(scenarios).toHaveLength(11);
      for (const scenario of scenarios) {
        expect(result.stdout).toContain(`[${scenario.scenarioId}]: 1000 years`);
        expect(scenario.services).toHaveLength(doc.model.services.length);
        for (const service of scenario.services) {
          // One row per service: downtime [lo, hi], outages [lo, hi], P(> 15 h) [lo, hi], P(no outage) [lo, hi].
          expect(result.stdout).toMatch(new RegExp(`^${service.serviceId}\\s+\\S+ \\S+ \\[[^\\]]+\\]\\s+\\S+ \\[[^\\]]+\\]\\s+\\S+ \\[[^\\]]+\\]\\s+\\S+ \\[[^\\]]+\\]`, 'm'));
          const p = service.probabilityNoOutageInYear;
          expect(p !== undefined && p.lower <= p.estimate && p.estimate <= p.upper).toBe(true);
          expect(service.probabilityOutageOver15Hours === undefined).toBe(false);
        }
      }
      // The default model's crews: Defence repairs the fibre, the suppliers their leased lines, with utilisation.
      const crews = doc.timeSimulation?.crews ?? [];
      expect(crews.map((c) => c.id)).toEqual(['defence-fibre', 'carrier-x-field', 'carrier-y-field']);
      expect(crews[0].elements.length).toBe(163);
      // 7 leased lines, plus carrier-y's 2 leased circuits and the 9 fibre segments they run over (layers).
      expect(crews[1].elements.length + crews[2].elements.length).toBe(18);
      expect(scenarios[0].crews.every((c) => c.utilisation.estimate > 0 && c.meanWaitHours !== null)).toBe(true);
      expect(result.stdout).toContain('Defence fibre splicing teams');
    },
  );

  it('stops a batch under way at --max-time, and says why no year finished', { timeout: 60_000 }, async () => {
    // Links failing every minute: one batch of 100 simulated years takes minutes, far past the budget.
    const dir = mkdtempSync(join(tmpdir(), 'neverout-e2e-'));
    const model = join(dir, 'fast-failures.yaml');
    writeFileSync(
      model,
      readFileSync(join(REPO_ROOT, BRIDGE), 'utf8').replace("'*': { failureProbability: 0.1 }", "'*': { mtbf: 1 min, mttr: 30 s }"),
    );
    const out = await runSimulate([model, '--years', '1000', '--years-per-batch', '100', '--max-time', '2s', '--no-report', '--out', join(dir, 'out')]);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toContain(
      'no simulated year finished: the first batch (100 simulated years) takes longer than --max-time 2 s; give more time or fewer years per batch (--years-per-batch)',
    );
    const doc = JSON.parse(readFileSync(join(dir, 'out', 'result.json'), 'utf8')) as ResultDocument;
    expect(doc.scenarios.map((s) => s.stoppedBy)).toEqual(['max-time']);
  });

  it('rejects a bad --years with exit 2, naming the flag', { timeout: 60_000 }, async () => {
    const result = await runSimulate([BRIDGE, '--years', '0']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--years must be a positive integer, got "0"');
  });
});
