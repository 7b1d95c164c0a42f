// Hostile and careless input, as a user would give it on the command line: every case is a clear input error
// (exit code 2, naming the file, flag or path and the rule), returns quickly, and leaves nothing half-written.

import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.ts';
import { TOPOLOGY_WITH_A_WARNING } from '../support/topology-texts.ts';
import { LOCAL_REDIS_URL, requireLocalRedis, startWorker, stopChild, uniqueName } from './distributed/support.ts';

const dir = mkdtempSync(join(tmpdir(), 'neverout-hardening-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const BRIDGE = 'test/fixtures/topologies/bridge.yaml';

function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** A topology of a path of `n` nodes whose links all share one anchored attribute map, used n - 1 times. */
function anchoredTopology(n: number): string {
  const lines = ['format: neverout-topology/1', 'name: shared attributes', 'nodes:'];
  for (let i = 0; i < n; i++) lines.push(`  - { id: n${i}, name: N${i}, kind: site, availability: 0.9999 }`);
  lines.push('links:');
  for (let i = 0; i + 1 < n; i++) {
    const attributes = i === 0 ? '&shared { owner: defence, duct: a12 }' : '*shared';
    lines.push(`  - { id: l${i}, from: n${i}, to: n${i + 1}, medium: fibre, availability: 0.999, attributes: ${attributes} }`);
  }
  lines.push('services:', `  - { id: s, name: S, kind: connected, endpoints: [n0, n${n - 1}] }`);
  return `${lines.join('\n')}\n`;
}

describe('YAML aliases', () => {
  it('refuses an alias bomb as a located input error, naming the limit', async () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (const [i, name] of ['b', 'c', 'd', 'e', 'f', 'g', 'h'].entries()) {
      const previous = String.fromCharCode('a'.charCodeAt(0) + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]`);
    }
    const bomb = write('bomb.yaml', `format: neverout-topology/1\nname: bomb\n${levels.join('\n')}\n`);
    const started = Date.now();
    const out = await runCli(['validate', bomb]);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/bomb\.yaml:4:\d+: YAML aliases expand too far: .* exceed 10000/);
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('accepts a real file that reuses one anchor 300 times, in every command', async () => {
    const file = write('anchored.yaml', anchoredTopology(301));
    const validate = await runCli(['validate', file]);
    expect(validate.stderr).toBe('');
    expect(validate.code).toBe(0);
    const run = await runCli(['run', file, '--samples', '2000', '--no-report', '--quiet', '--out', join(dir, 'anchored')]);
    expect(run.code, run.stderr).toBe(0);
  });
});

describe('input files', () => {
  it('refuses a device and a file over the size limit before reading them whole', async () => {
    const zero = await runCli(['validate', '/dev/zero']);
    expect(zero.code).toBe(2);
    expect(zero.stderr).toContain('/dev/zero: cannot read file: not a regular file');
    const huge = join(dir, 'huge.yaml');
    writeFileSync(huge, '');
    truncateSync(huge, 65 * 1024 * 1024);
    const big = await runCli(['run', huge]);
    expect(big.code).toBe(2);
    expect(big.stderr).toContain('huge.yaml: cannot read file: the file is larger than 64 MiB');
  });

  it('refuses a file that is not UTF-8 at its first bad byte, and accepts one with a byte order mark', async () => {
    const latin1 = join(dir, 'latin1.yaml');
    const text = readFileSync(BRIDGE, 'utf8').replace('name: Bridge', 'name: Caf\u00e9 bridge');
    writeFileSync(latin1, Buffer.from(text, 'latin1'));
    const line = text.split('\n').findIndex((l) => l.startsWith('name: ')) + 1;
    const out = await runCli(['validate', latin1]);
    expect(out.code, out.stderr).toBe(2);
    expect(out.stderr).toContain(`${latin1}:${line}:10: not UTF-8 text (byte 0xE9): save the file as UTF-8`);
    expect(out.stderr).not.toContain('\ufffd');
    expect(out.stderr).not.toContain('bug');
    const bom = join(dir, 'bom.yaml');
    writeFileSync(bom, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]));
    const accepted = await runCli(['validate', bom]);
    expect(accepted.stderr).toBe('');
    expect(accepted.code).toBe(0);
  });

  it('names a folder given as a file', async () => {
    const out = await runCli(['validate', dir]);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/cannot read file: it is a folder/);
  });
});

describe('referenced files', () => {
  it('names a topology or base file that cannot be read where it is named, with the path it resolved to', async () => {
    mkdirSync(join(dir, 'refs'), { recursive: true });
    const study = write('refs/study.yaml', 'format: neverout-study/1\nname: S\ntopology: nothere.yaml\nscenarios:\n  - id: d\n');
    const topology = write('refs/topology.yaml', 'format: neverout-topology/1\nname: T\nextends: ../gone.yaml\n');
    const missingTopology = await runCli(['validate', study]);
    expect(missingTopology.code, missingTopology.stderr).toBe(2);
    expect(missingTopology.stderr).toContain(`${study}:3:11 topology: ${join(dir, 'refs', 'nothere.yaml')}: cannot read file: no such file`);
    const missingBase = await runCli(['validate', topology]);
    expect(missingBase.code, missingBase.stderr).toBe(2);
    expect(missingBase.stderr).toContain(`${topology}:3:10 extends: ${join(dir, 'gone.yaml')}: cannot read file: no such file`);
  });
});

describe('flags', () => {
  it('bounds --workers by the machine', async () => {
    const out = await runCli(['run', BRIDGE, '--workers', '1000', '--out', join(dir, 'w')]);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/--workers must be an integer in \[0, \d+\] on this machine/);
    expect(() => readdirSync(join(dir, 'w'))).toThrow();
  });

  it('applies one seed rule to --seed and to the study file', async () => {
    for (const seed of ['', 'x'.repeat(20_000), 'line\nbreak', ' padded']) {
      const out = await runCli(['run', BRIDGE, '--seed', seed, '--out', join(dir, 'seed')]);
      expect(out.code, JSON.stringify(seed)).toBe(2);
      expect(out.stderr).toContain('--seed must be 1 to 128 printable characters');
    }
    const study = write(
      'bad-seed.yaml',
      `format: neverout-study/1\nname: S\ntopology: ${join(process.cwd(), BRIDGE)}\nseed: "${'y'.repeat(200)}"\nscenarios:\n  - id: baseline\n`,
    );
    const out = await runCli(['validate', study]);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/bad-seed\.yaml:4:\d+ seed: expected a seed: 1 to 128 printable characters/);
  });

  it('refuses a flag that would have no effect, naming it, before any work', async () => {
    for (const [args, rule] of [
      [['run', BRIDGE, '--service', 'connected:a,b'], '(--service) applies to an imported network'],
      [['validate', BRIDGE, '--links', 'links.csv'], '(--links) applies to an imported network'],
      [['run', BRIDGE, '--no-report', '--baseline', 'earlier.json'], '--baseline is what the report compares with'],
      [['run', BRIDGE, '--stop', 'samples', '--rel-error', '0.1'], '--rel-error has no effect with --stop samples'],
    ] as const) {
      const out = join(dir, 'no-effect');
      const result = await runCli(args[0] === 'validate' ? [...args] : [...args, '--out', out]);
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toContain(rule);
      expect(result.stderr).not.toContain('bug');
    }
    // An input problem found after the output folder was checked leaves it as it was: not there.
    expect(() => readdirSync(join(dir, 'no-effect'))).toThrow();
  });

  it('refuses an output folder that cannot be one, naming the path', async () => {
    const file = write('a-file', 'x');
    const dangling = join(dir, 'dangling-out');
    symlinkSync(join(dir, 'nowhere', 'deep'), dangling);
    for (const [out, reason] of [
      [file, 'it is a file, not a folder'],
      [join(file, 'below'), 'a part of the path is a file, not a folder'],
      ['/proc/neverout-x', 'a virtual file system'],
      [dangling, `it is a link to a missing folder (${join(dir, 'nowhere', 'deep')})`],
    ] as const) {
      const result = await runCli(['run', BRIDGE, '--samples', '1000', '--out', out]);
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toMatch(/^error: cannot write( into)? /);
      expect(result.stderr).toContain(out);
      expect(result.stderr).toContain(reason);
      expect(result.stderr).not.toContain('bug');
    }
  });
});

describe('output paths', () => {
  const ABILENE = 'test/fixtures/topologyzoo/Abilene.gml';

  it('refuses every written file inside a virtual file system at once, for every command that writes one', async () => {
    for (const args of [
      ['export', 'schema', '--to', '/proc/neverout-x'],
      ['import', ABILENE, '--to', '/proc/neverout-x/abilene.yaml'],
    ]) {
      const started = performance.now();
      const result = await runCli(args);
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toContain('a virtual file system');
      expect(result.stderr).not.toContain('bug');
      // It used to spin in a recursive mkdir under /proc until killed.
      expect(performance.now() - started).toBeLessThan(30_000);
    }
  });

  it('never replaces a pipe given as the file to write', async () => {
    const fifo = join(dir, 'a-pipe.yaml');
    execFileSync('mkfifo', [fifo]);
    const result = await runCli(['import', ABILENE, '--to', fifo]);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain(`cannot write ${fifo}: it is not a regular file`);
    expect(statSync(fifo).isFIFO()).toBe(true);
  });

  it('names the checkpoint file when it cannot be written (a folder in its place), with exit 2', async () => {
    const out = join(dir, 'checkpoint-blocked');
    mkdirSync(join(out, 'batches.jsonl'), { recursive: true });
    const result = await runCli(['run', BRIDGE, '--samples', '1000', '--workers', '0', '--no-report', '--out', out]);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain(`${join(out, 'batches.jsonl')}: cannot write the checkpoint (it is a folder)`);
    expect(result.stderr).not.toContain('bug');
  });

  it('checks the report folder before sampling: a file in the way of charts/ leaves the previous result.json', async () => {
    const out = join(dir, 'report-blocked');
    const first = await runCli(['run', BRIDGE, '--samples', '1000', '--workers', '0', '--no-report', '--out', out]);
    expect(first.code, first.stderr).toBe(0);
    const before = readFileSync(join(out, 'result.json'));
    writeFileSync(join(out, 'charts'), 'not a folder');
    const result = await runCli(['run', BRIDGE, '--samples', '1000', '--seed', '5', '--workers', '0', '--out', out]);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain(`cannot write the report into ${join(out, 'charts')}: a file is in the way of its folder`);
    expect(readFileSync(join(out, 'result.json'))).toEqual(before);
    expect(readdirSync(out).sort()).toEqual(['batches.jsonl', 'charts', 'result.json']);
  });
});

describe('output folder and stderr on input errors', () => {
  it('creates a missing output folder only with its first file: an input error leaves none behind', async () => {
    const broken = write('broken-baseline.json', '{ "resultVersion": 1,');
    const study = write(
      'unknown-force.yaml',
      `format: neverout-study/1\nname: S\ntopology: ${join(process.cwd(), BRIDGE)}\nscenarios:\n  - id: cut\n    force: [nothere]\n`,
    );
    for (const [args, message] of [
      [['run', 'examples/does-not-exist.yaml'], 'examples/does-not-exist.yaml: cannot read file: no such file'],
      [['run', study], 'scenarios[0].force[0]: unknown node, link or risk-group id "nothere"'],
      [['run', BRIDGE, '--resume'], 'nothing to resume in this output folder'],
      [['run', BRIDGE, '--baseline', broken], 'not a result document: invalid JSON'],
      [['merge', join(dir, 'no-such-part')], 'cannot read the checkpoint (no such file)'],
    ] as const) {
      const out = join(dir, 'never-made', 'out');
      const result = await runCli([...args, '--out', out]);
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toContain(message);
      expect(() => readdirSync(join(dir, 'never-made')), args.join(' ')).toThrow();
    }
    // An existing folder is left as it was; a run that writes creates the missing folders with its first file.
    const existing = join(dir, 'existing-out');
    mkdirSync(existing);
    writeFileSync(join(existing, 'notes.txt'), 'mine');
    expect((await runCli(['run', study, '--out', existing])).code).toBe(2);
    expect(readdirSync(existing)).toEqual(['notes.txt']);
    const made = join(dir, 'made', 'out');
    const run = await runCli(['run', BRIDGE, '--samples', '1000', '--workers', '0', '--no-report', '--quiet', '--out', made]);
    expect(run.code, run.stderr).toBe(0);
    expect(readdirSync(made).sort()).toEqual(['batches.jsonl', 'result.json']);
  });

  it('prints the warnings of a file both compared inputs share once, before a --resume error', async () => {
    write('shared-topology.yaml', TOPOLOGY_WITH_A_WARNING);
    const side = (name: string) =>
      write(`${name}.yaml`, `format: neverout-study/1\nname: ${name}\ntopology: shared-topology.yaml\nscenarios:\n  - id: baseline\n`);
    const [base, plan] = [side('side-base'), side('side-plan')];
    const out = join(dir, 'shared-compare');
    // The studies name the topology as shared-topology.yaml, and diagnostics name it as written.
    const warning = 'shared-topology.yaml:8:5 warning: links[1]: link "st2" never fails (failure probability 0)\n';
    const args = ['compare', base, plan, '--samples', '1000', '--workers', '0', '--no-report', '--out', out];
    const first = await runCli([...args, '--seed', '1']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toBe(warning);
    const resumed = await runCli([...args, '--seed', '2', '--resume']);
    expect(resumed.code, resumed.stderr).toBe(2);
    expect(resumed.stderr.replace(/\b[0-9a-f]{12}…/g, 'HASH…')).toBe(
      `${warning}error: --resume: ${join(out, 'batches.jsonl')} belongs to another plan: plan HASH…, these inputs ` +
        'compile to HASH…; resume with the same command, inputs, seed, samples and batch size as the interrupted run\n',
    );
  });
});

describe('checkpoints and merged parts', () => {
  // Bridge in 4 batches of 5000 samples: a whole run, and its shard 0/2 (batches 0 and 2).
  const RUN = ['--samples', '20000', '--batch-size', '5000', '--stop', 'samples', '--workers', '0', '--no-report', '--quiet'];
  const checkpoint = (out: string) => join(out, 'batches.jsonl');
  let whole = '';
  let shard0 = '';

  /** A copy of a checkpoint in its own folder, with line `line` (1-based) changed by `edit`. */
  function copyWithLine(name: string, from: string, line: number, edit: (value: Record<string, unknown>) => unknown): string {
    const lines = readFileSync(from, 'utf8').split('\n');
    lines[line - 1] = JSON.stringify(edit(JSON.parse(lines[line - 1]) as Record<string, unknown>));
    const out = join(dir, name);
    mkdirSync(out, { recursive: true });
    writeFileSync(checkpoint(out), lines.join('\n'));
    return out;
  }

  function expectInputError(result: { code: number | null; stderr: string }, message: string): void {
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toBe(`error: ${message}\n`);
    expect(result.stderr).not.toMatch(/Invalid input|bug/);
  }

  it('writes a whole run and a shard to start from', async () => {
    whole = join(dir, 'cp-whole');
    shard0 = join(dir, 'cp-shard0');
    const [a, b] = await Promise.all([
      runCli(['run', BRIDGE, ...RUN, '--out', whole]),
      runCli(['run', BRIDGE, ...RUN, '--shard', '0/2', '--out', shard0]),
    ]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
  });

  it('names the part and its header line when the header spec is not a plan spec', async () => {
    const part = copyWithLine('cp-bad-spec', checkpoint(whole), 1, (h) => ({ ...h, spec: { ...(h.spec as object), format: 'nope' } }));
    const merged = await runCli(['merge', part, '--no-report', '--out', join(dir, 'cp-merged-1')]);
    expectInputError(merged, `${checkpoint(part)}:1: checkpoint header: field "spec.format": expected "neverout-plan-spec/2", got "nope"`);
    const notMapping = copyWithLine('cp-spec-number', checkpoint(whole), 1, (h) => ({ ...h, spec: 42 }));
    const second = await runCli(['merge', checkpoint(notMapping), '--no-report', '--out', join(dir, 'cp-merged-1')]);
    expectInputError(second, `${checkpoint(notMapping)}:1: checkpoint header: field "spec": expected a mapping, got 42`);
  });

  it('names the file and line of a batch that does not belong to the plan, in merge and in --resume', async () => {
    const bad = copyWithLine('cp-bad-batch', checkpoint(whole), 3, (b) => ({ ...b, sampleCount: 4999 }));
    const problem = 'batch 1 of scenario 0: 4999 samples, the plan prescribes 5000';
    const merged = await runCli(['merge', shard0, bad, '--no-report', '--out', join(dir, 'cp-merged-2')]);
    expectInputError(merged, `${checkpoint(bad)}:3: ${problem}`);
    const resumed = await runCli(['run', BRIDGE, ...RUN, '--resume', '--out', bad]);
    expectInputError(resumed, `--resume: ${checkpoint(bad)}:3: ${problem}`);
  });

  it('names the missing header field of a checkpoint of the current format', async () => {
    const bad = copyWithLine('cp-no-kind', checkpoint(whole), 1, ({ kind: _kind, ...h }) => h);
    const problem = `${checkpoint(bad)}:1: checkpoint header: field "kind" is required: expected one of "static", "time", "paired", "paired-time"`;
    expectInputError(await runCli(['merge', bad, '--no-report', '--out', join(dir, 'cp-merged-3')]), problem);
    expectInputError(await runCli(['run', BRIDGE, ...RUN, '--resume', '--out', bad]), `--resume: ${problem}`);
  });

  it('resumes a run only with the --shard it was started with, leaving the checkpoint and result as they were', async () => {
    const cases: Array<[from: string, shard: string[], message: string]> = [
      [whole, ['--shard', '0/2'], 'holds the batches of a run without --shard: a resume continues that run with its flags (resume without --shard), or run shard 0/2 into another output folder (--out)'],
      [shard0, [], 'holds the batches of a run with --shard 0/2: a resume continues that run with its flags (resume with --shard 0/2), or combine the shards with `neverout merge`'],
      [shard0, ['--shard', '1/2'], 'holds the batches of a run with --shard 0/2: a resume continues that run with its flags (resume with --shard 0/2), or run shard 1/2 into another output folder (--out)'],
    ];
    for (const [i, [from, shard, message]] of cases.entries()) {
      const out = join(dir, `cp-resume-${i}`);
      rmSync(out, { recursive: true, force: true });
      mkdirSync(out);
      for (const file of ['batches.jsonl', 'result.json']) writeFileSync(join(out, file), readFileSync(join(from, file)));
      const flag = shard.length === 0 ? '' : ` --shard ${shard[1]}`;
      expectInputError(await runCli(['run', BRIDGE, ...RUN, ...shard, '--resume', '--out', out]), `--resume${flag}: ${checkpoint(out)} ${message}`);
      for (const file of ['batches.jsonl', 'result.json']) expect(readFileSync(join(out, file))).toEqual(readFileSync(join(from, file)));
    }
    // The same shard resumes.
    const again = await runCli(['run', BRIDGE, ...RUN, '--shard', '0/2', '--resume', '--out', shard0]);
    expect(again.code, again.stderr).toBe(0);
  });

  it('resumes a shard through Redis with its own batches only, though the shards share the plan there', async () => {
    if (!(await requireLocalRedis('resuming a shard through Redis'))) return;
    const prefix = uniqueName('shard-resume');
    const worker = await startWorker(LOCAL_REDIS_URL, 'q', ['--redis-prefix', prefix]);
    try {
      const redis = ['--redis', LOCAL_REDIS_URL, '--queue', 'q', '--redis-prefix', prefix];
      const batchIndices = (out: string) =>
        readFileSync(checkpoint(out), 'utf8')
          .trim()
          .split('\n')
          .slice(1)
          .map((l) => (JSON.parse(l) as { batchIndex: number }).batchIndex)
          .sort();
      const [first, second] = [join(dir, 'cp-redis-shard0'), join(dir, 'cp-redis-shard1')];
      const RUN_REDIS = RUN.filter((a, i) => a !== '--workers' && RUN[i - 1] !== '--workers');
      const a = await runCli(['run', BRIDGE, ...RUN_REDIS, ...redis, '--shard', '0/2', '--out', first]);
      expect(a.code, a.stderr).toBe(0);
      // Shard 0's results stay in Redis (shards never discard the plan); shard 1 resumed there must not take them.
      const b = await runCli(['run', BRIDGE, ...RUN_REDIS, ...redis, '--shard', '1/2', '--resume', '--out', second]);
      expect(b.code, b.stderr).toBe(0);
      expect(batchIndices(first)).toEqual([0, 2]);
      expect(batchIndices(second)).toEqual([1, 3]);
      const merged = await runCli(['merge', first, second, '--no-report', '--quiet', '--out', join(dir, 'cp-redis-merged')]);
      expect(merged.code, merged.stderr).toBe(0);
    } finally {
      await stopChild(worker);
    }
  });
});
