// End-to-end: the real CLI as a child process on fixture files: exit codes, exact error text, files written,
// inputs untouched.

import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ResultDocument } from '../../engine/index.ts';
import { REPO_ROOT, runCli } from '../support/run-cli.ts';
import { TOPOLOGY_WITH_A_WARNING } from '../support/topology-texts.ts';

const BRIDGE = 'test/fixtures/topologies/bridge.yaml';
const THREE_MISTAKES = 'test/fixtures/invalid/three-mistakes.yaml';

function sha(path: string): string {
  return createHash('sha256').update(readFileSync(join(REPO_ROOT, path))).digest('hex');
}

function estimatesOf(doc: ResultDocument) {
  return doc.scenarios.map((s) => ({ id: s.id, samples: s.samples, services: s.services }));
}

describe('neverout validate', () => {
  it('lists all three mistakes with line numbers and exits 2', { timeout: 180_000 }, async () => {
    const out = await runCli(['validate', THREE_MISTAKES]);
    expect(out.code).toBe(2);
    expect(out.stderr).toBe(
      [
        `${THREE_MISTAKES}:7:25 nodes[0].failureProbability: expected a number in [0, 1], got 1.5`,
        `${THREE_MISTAKES}:19:9 links[1].to: unknown node id "c"`,
        `${THREE_MISTAKES}:26:15 links[2].lengthKm: expected a positive number, got -2`,
        '3 errors',
        '',
      ].join('\n'),
    );
    expect(out.stdout).toBe('');
  });

  it('accepts a valid file and exits 0', { timeout: 180_000 }, async () => {
    const out = await runCli(['validate', BRIDGE]);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('valid (4 nodes, 5 links');
  });

  it('reads "default" as the embedded study, as compare does, and so does no file at all', { timeout: 180_000 }, async () => {
    const named = await runCli(['validate', 'default']);
    const none = await runCli(['validate']);
    expect(named.code, named.stderr).toBe(0);
    expect(named.stdout).toMatch(/^default study: valid \(104 nodes, 189 links/);
    expect(named.stdout).toBe(none.stdout);
  });

  it("prints the topology's warnings beside the study's errors, as run does", { timeout: 180_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'neverout-e2e-'));
    writeFileSync(join(dir, 'topology.yaml'), TOPOLOGY_WITH_A_WARNING);
    const study = join(dir, 'study.yaml');
    writeFileSync(study, 'format: neverout-study/1\nname: S\ntopology: topology.yaml\nscenarios:\n  - id: cut\n    force: [nothere]\n');
    const out = await runCli(['validate', study]);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('topology.yaml:8:5 warning: links[1]: link "st2" never fails (failure probability 0)\n');
    expect(out.stderr).toContain(`${study}:6:13 scenarios[0].force[0]: unknown node, link or risk-group id "nothere"`);
  });

  it('names a missing file and exits 2', { timeout: 180_000 }, async () => {
    const out = await runCli(['validate', 'no/such/file.yaml']);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('no/such/file.yaml: cannot read file: no such file');
  });
});

describe('neverout run', () => {
  it('writes result.json atomically, leaves the input untouched, and prints the service table', { timeout: 180_000 }, async () => {
    const before = sha(BRIDGE);
    const out = mkdtempSync(join(tmpdir(), 'neverout-e2e-'));
    const result = await runCli(['run', BRIDGE, '--samples', '40000', '--seed', '1', '--workers', '2', '--out', out]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/s-t\s+97\.\d+%/);
    expect(readdirSync(out).sort()).toEqual(['batches.jsonl', 'charts', 'report.html', 'report.md', 'result.json', 'tables']);
    expect(readdirSync(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const doc = JSON.parse(readFileSync(join(out, 'result.json'), 'utf8')) as ResultDocument;
    expect(doc.resultVersion).toBe(1);
    expect(doc.manifest.seed).toBe('1');
    expect(doc.manifest.model.sha256).toBe(before);
    expect(doc.manifest.partial).toBe(false);
    expect(doc.scenarios[0].samples).toBe(40000);
    const u = doc.scenarios[0].services[0].unavailability;
    expect(u.lower).toBeLessThanOrEqual(0.02152);
    expect(u.upper).toBeGreaterThanOrEqual(0.02152);
    expect(sha(BRIDGE)).toBe(before);
  });

  it('prints identical estimates with --json for 1 and 2 workers', { timeout: 180_000 }, async () => {
    const args = ['run', BRIDGE, '--samples', '30000', '--batch-size', '5000', '--seed', '1', '--json'];
    const one = await runCli([...args, '--workers', '1', '--out', mkdtempSync(join(tmpdir(), 'neverout-e2e-'))]);
    const two = await runCli([...args, '--workers', '2', '--out', mkdtempSync(join(tmpdir(), 'neverout-e2e-'))]);
    expect(one.code).toBe(0);
    expect(two.code).toBe(0);
    const a = JSON.parse(one.stdout) as ResultDocument;
    const b = JSON.parse(two.stdout) as ResultDocument;
    expect(estimatesOf(a)).toEqual(estimatesOf(b));
    expect(a.manifest.planSha256).toBe(b.manifest.planSha256);
  });

  it('runs its worker and chart threads under Node options a thread cannot take (V8 flags)', { timeout: 180_000 }, async () => {
    // `node --max-old-space-size=8192 neverout run` for a big study: the threads inherit the options, never refuse them.
    const out = mkdtempSync(join(tmpdir(), 'neverout-e2e-'));
    const args = ['run', BRIDGE, '--samples', '20000', '--batch-size', '5000', '--workers', '2', '--out', out];
    const outcome = await runCli(args, { nodeOptions: ['--max-old-space-size=4096', '--stack-size=900'] });
    expect(outcome.stderr).toBe('');
    expect(outcome.code).toBe(0);
    expect(readdirSync(join(out, 'charts')).filter((name) => name.endsWith('.png')).length).toBeGreaterThan(0);
  });

  it('rejects a bad flag, naming the flag and the rule, with exit 2', { timeout: 180_000 }, async () => {
    const out = await runCli(['run', BRIDGE, '--samples', '-5']);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('--samples must be a positive integer, got "-5"');
    const rel = await runCli(['run', BRIDGE, '--rel-error', '2']);
    expect(rel.code).toBe(2);
    expect(rel.stderr).toContain('--rel-error must be a number in (0, 1), got "2"');
  });

  it('reports invalid input with exit 2 and writes nothing', { timeout: 180_000 }, async () => {
    const out = mkdtempSync(join(tmpdir(), 'neverout-e2e-'));
    const result = await runCli(['run', THREE_MISTAKES, '--out', out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('3 errors');
    expect(readdirSync(out)).toEqual([]);
  });
});
