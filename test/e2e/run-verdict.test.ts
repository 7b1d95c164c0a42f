// End-to-end: the verdict rule through the built CLI: the default `neverout run` stops each baseline service once its
// target is clearly met or missed and says why each stopped; a service uncertain at a fixed budget gets its verdict;
// results are identical for any worker count.

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUDGET_SAMPLES_PER_RARE_EVENT_SAMPLE, type ResultDocument } from '../../engine/index.ts';
import { runCli } from '../support/run-cli.ts';

const NEAR_TARGET = 'test/fixtures/topologies/bridge-near-target.yaml';

async function runTo(args: readonly string[]): Promise<{ doc: ResultDocument; stdout: string }> {
  const out = mkdtempSync(join(tmpdir(), 'neverout-verdict-'));
  const result = await runCli(['run', ...args, '--out', out, '--no-report'], { timeoutMs: 170_000 });
  expect(result.code, result.stderr).toBe(0);
  return { doc: JSON.parse(readFileSync(join(out, 'result.json'), 'utf8')) as ResultDocument, stdout: result.stdout };
}

describe('neverout run --stop verdict', () => {
  it(
    'turns a service that is uncertain at a fixed budget into a verdict, the same for any worker count',
    { timeout: 180_000 },
    async () => {
      const fixed = await runTo([NEAR_TARGET, '--samples', '20000', '--seed', '1', '--workers', '0']);
      expect(fixed.doc.manifest.stopping.rule).toBe('samples');
      expect(fixed.doc.scenarios[0].services[0].targetStatus).toBe('uncertain');

      const inline = await runTo([NEAR_TARGET, '--seed', '1', '--workers', '0']);
      const pooled = await runTo([NEAR_TARGET, '--seed', '1', '--workers', '2']);
      expect(inline.doc.manifest.stopping.rule).toBe('verdict');
      const estimate = inline.doc.scenarios[0].services[0];
      expect(estimate.targetStatus).toBe('met');
      expect(estimate.stoppedBy).toBe('verdict');
      expect(inline.stdout).toMatch(/s-t .*met .*verdict/);
      expect(pooled.doc.scenarios).toEqual(inline.doc.scenarios);
    },
  );

  it(
    'is the default of the default study: every baseline service gets a verdict',
    { timeout: 180_000 },
    async () => {
      const { doc, stdout } = await runTo(['--seed', '1']);
      expect(doc.manifest.stopping.rule).toBe('verdict');
      expect(doc.manifest.stopping.verdict?.alpha).toBe(0.05);
      const baseline = doc.scenarios[0];
      expect(baseline.stoppedBy).toBe('services');
      // c2-land (u about 1.01e-3 against a limit of 1e-3) and critical-traffic lie too near their limits for crude
      // sampling: the estimator choice gives them stratified sampling, and every service ends with a verdict.
      for (const estimate of baseline.services) {
        expect(estimate.targetStatus, estimate.serviceId).toMatch(/^(met|missed)$/);
        expect(estimate.stoppedBy).toBe('verdict');
        const crude = estimate.estimator === 'crude';
        expect(estimate.samples).toBeGreaterThanOrEqual(crude ? 200_000 : 200_000 / BUDGET_SAMPLES_PER_RARE_EVENT_SAMPLE);
      }
      expect(baseline.services.find((e) => e.serviceId === 'c2-land')?.estimator).toBe('stratified');
      expect(stdout).not.toContain('NO VERDICT');
      // Forced and sabotage scenarios seek no verdict: every figure there takes the fixed 200,000 samples (or one).
      for (const scenario of doc.scenarios.slice(1))
        expect(scenario.samples === 200_000 || scenario.samples === 1).toBe(true);
      // The traffic-aware kinds of the default model, and the critical traffic matrix: the whole and each demand
      // report the fraction of traffic served with its interval, in every scenario, and the terminal prints it: one
      // row per service with a figure per scenario (the intervals stay in the document and the report).
      const kinds = new Set(doc.model.services.map((s) => s.kind));
      for (const kind of ['capacity', 'latency', 'protected', 'traffic'] as const) expect(kinds.has(kind)).toBe(true);
      const traffic = doc.model.services.filter((s) => s.kind === 'traffic').map((s) => s.id);
      expect(traffic[0]).toBe('critical-traffic');
      expect(traffic.length).toBeGreaterThan(2);
      for (const scenario of doc.scenarios) {
        for (const id of traffic) {
          const served = scenario.services.find((e) => e.serviceId === id)?.demandServed;
          expect(served).toBeDefined();
          if (served === undefined) continue;
          expect(served.lower).toBeGreaterThanOrEqual(0);
          expect(served.lower).toBeLessThanOrEqual(served.estimate);
          expect(served.estimate).toBeLessThanOrEqual(served.upper);
          expect(served.upper).toBeLessThanOrEqual(1);
        }
      }
      expect(stdout).toContain('Expected fraction of demand or traffic served');
      for (const id of traffic) {
        const name = id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        expect(stdout).toMatch(new RegExp(`^${name}(\\s+\\d+\\.\\d{3}){${doc.scenarios.length}}$`, 'm'));
      }
      expect(stdout).not.toMatch(/baseline \/ critical-traffic: \d/);
    },
  );

  it(
    'refuses --stop verdict with --shard, rel-error without a target, and an unknown rule (exit 2)',
    { timeout: 180_000 },
    async () => {
      const shard = await runCli([
        'run',
        NEAR_TARGET,
        '--stop',
        'verdict',
        '--shard',
        '0/2',
        '--out',
        mkdtempSync(join(tmpdir(), 'neverout-verdict-')),
      ]);
      expect(shard.code).toBe(2);
      expect(shard.stderr).toContain('--stop verdict cannot be combined with --shard');
      const relError = await runCli([
        'run',
        NEAR_TARGET,
        '--stop',
        'rel-error',
        '--out',
        mkdtempSync(join(tmpdir(), 'neverout-verdict-')),
      ]);
      expect(relError.code).toBe(2);
      expect(relError.stderr).toContain('--stop rel-error needs a relative-error target');
      const bad = await runCli(['run', NEAR_TARGET, '--stop', 'sometimes']);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('--stop must be one of verdict, rel-error, samples');
    },
  );
});
