// Every shipped input (the embedded default study, examples, fixture studies and topologies, imported networks and
// every complete file shown in the docs) goes through every command that accepts it: validate, run, spof,
// simulate, compare, shards with merge, and a distributed run on a Redis worker. A file one command accepts and
// another refuses cannot land again; invalid fixtures are refused by every command alike, located, as InputErrors.
// The commands are driven through the library API, the same use cases the CLI calls (test/e2e/cli.test.ts covers
// the CLI's own flag parsing and exit codes).

import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  compareStudies,
  findWeakSpots,
  InputError,
  mergeParts,
  parseRedisUrl,
  runStudy,
  ScenarioError,
  simulateStudy,
  startWorker,
  validateInput,
  type JobOutcome,
  type QueueWorker,
  type ResultDocument,
} from '../../app/index.ts';
import { requireLocalRedis, uniqueName, LOCAL_REDIS_URL } from './distributed/support.ts';

/** A shipped input: its label, and the path the commands take (null: the embedded default study). */
interface ShippedInput {
  readonly label: string;
  readonly path: string | null;
}

const dir = mkdtempSync(join(tmpdir(), 'neverout-shipped-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every complete YAML file shown in the docs and the README (a snippet that starts with `format:`). */
function docSnippets(): ShippedInput[] {
  const snippets: ShippedInput[] = [];
  const docs = [...readdirSync('docs').map((f) => join('docs', f)), 'README.md'].filter((f) => f.endsWith('.md'));
  for (const doc of docs) {
    const text = readFileSync(doc, 'utf8');
    let i = 0;
    for (const match of text.matchAll(/```yaml\n([\s\S]*?)```/g)) {
      if (!/^\s*format: neverout-/.test(match[1])) continue;
      const folder = join(dir, 'docs');
      mkdirSync(folder, { recursive: true });
      const path = join(folder, `${doc.replace(/[/.]/g, '-')}-${i++}.yaml`);
      writeFileSync(path, match[1]);
      snippets.push({ label: `${doc} snippet ${i}`, path });
    }
  }
  return snippets;
}

const fixtureFiles = (folder: string, pattern: RegExp): ShippedInput[] =>
  readdirSync(folder)
    .filter((f) => pattern.test(f))
    .map((f) => ({ label: join(folder, f), path: join(folder, f) }));

const VALID: readonly ShippedInput[] = [
  { label: 'the embedded default study', path: null },
  { label: 'scenarios/nafin/nafin-topology.yaml', path: 'scenarios/nafin/nafin-topology.yaml' },
  ...fixtureFiles('examples', /\.ya?ml$/),
  ...fixtureFiles('test/fixtures/studies', /\.ya?ml$/),
  ...fixtureFiles('test/fixtures/topologies', /\.ya?ml$/),
  ...fixtureFiles('test/fixtures/topologyzoo', /^(Abilene|Surfnet)\.gml$/),
  ...docSnippets(),
];

const INVALID: readonly ShippedInput[] = [
  ...fixtureFiles('test/fixtures/invalid', /\.ya?ml$/),
  ...fixtureFiles('test/fixtures/malformed', /\.(gml|graphml|csv)$/),
];

/** Budgets large enough that crude sampling reaches every service of these models (no slow rare-event path). */
const RUN = { samples: 100_000, batchSize: 50_000, workers: 0, report: false, seed: 'shipped' } as const;

/** Paired samples cost two evaluations each and never take the rare-event path: a small budget suffices. */
const COMPARE = { samples: 4_000, batchSize: 2_000, workers: 0, report: false, seed: 'shipped' } as const;

function out(label: string, what: string): string {
  return join(dir, `${label.replace(/[^a-z0-9]+/gi, '-')}-${what}`);
}

/** The figures of a result (what must agree between two ways of running the same job). */
function figures(document: ResultDocument): string {
  return JSON.stringify({ scenarios: document.scenarios, comparison: document.comparison, time: document.timeSimulation });
}

const redis = await requireLocalRedis('shipped-files.test.ts');

describe.each(VALID)('$label', { timeout: 180_000 }, ({ label, path }) => {
  let single: JobOutcome;

  beforeAll(async () => {
    single = await runStudy(path, { ...RUN, outDir: out(label, 'run') });
  }, 180_000);

  it('validates, runs every scenario and finds its weak spots', async () => {
    const validation = await validateInput(path);
    expect(validation.counts.scenarios).toBe(single.document.scenarios.length);
    expect(single.document.scenarios.every((s) => s.samples > 0)).toBe(true);
    expect(single.interrupted).toBe(false);
    const { analysis } = await findWeakSpots(path, { order: 2 });
    expect(analysis.services.map((s) => s.serviceId)).toEqual(single.document.model.services.map((s) => s.id));
  });

  it('simulates time, and compares with itself to exactly no difference', async () => {
    const simulated = await simulateStudy(path, { years: 20, yearsPerBatch: 10, workers: 0, report: false, outDir: out(label, 'sim') });
    expect(simulated.document.timeSimulation?.years).toBe(20);
    const compared = await compareStudies(path, path, { ...COMPARE, outDir: out(label, 'cmp') });
    const differences = compared.document.comparison?.scenarios.flatMap((s) => s.services.map((x) => x.difference.estimate)) ?? [];
    expect(differences.length).toBeGreaterThan(0);
    expect(differences.every((d) => d === 0)).toBe(true);
  });

  it('gives the single-run result from two shards and a merge', async () => {
    if (single.job.options.relativeError !== null) {
      // A relative-error target is decided over all batches in order: shards refuse it, naming the rule.
      await expect(runStudy(path, { ...RUN, shard: { index: 0, count: 2 } })).rejects.toThrow(/cannot be split into shards/);
      return;
    }
    for (const index of [0, 1]) await runStudy(path, { ...RUN, shard: { index, count: 2 }, outDir: out(label, `shard${index}`) });
    const merged = await mergeParts([out(label, 'shard0'), out(label, 'shard1')], { outDir: out(label, 'merged'), report: false });
    expect(figures(merged.document)).toBe(figures(single.document));
  });

  describe.skipIf(!redis)('on a Redis worker', () => {
    let worker: QueueWorker;
    const names = { queue: 'shipped', prefix: uniqueName('shipped') };
    beforeAll(async () => {
      worker = await startWorker(parseRedisUrl(LOCAL_REDIS_URL), names, { concurrency: 1 });
    });
    afterAll(async () => {
      await worker.close();
    });

    it('gives the single-run result', async () => {
      const { workers: _local, ...budget } = RUN;
      const distributed = await runStudy(path, {
        ...budget,
        distributed: { settings: parseRedisUrl(LOCAL_REDIS_URL), names },
        outDir: out(label, 'redis'),
      });
      expect(figures(distributed.document)).toBe(figures(single.document));
    });
  });
});

describe.each(INVALID)('$label (invalid)', ({ label, path }) => {
  it('is refused alike, located, by every command that reads it', async () => {
    const refusals: unknown[] = [];
    const commands: Array<() => Promise<unknown>> = [
      () => validateInput(path),
      () => runStudy(path, { ...RUN, outDir: out(label, 'run') }),
      () => findWeakSpots(path),
      () => simulateStudy(path, { years: 10, workers: 0, report: false, outDir: out(label, 'sim') }),
      () => compareStudies(path, path, { ...COMPARE, outDir: out(label, 'cmp') }),
    ];
    for (const command of commands) refusals.push(await command().then(() => null, (error: unknown) => error));
    for (const refusal of refusals) {
      expect(refusal).toBeInstanceOf(InputError);
      expect(refusal).toBeInstanceOf(ScenarioError);
    }
    const messages = refusals.map((r) => (r as ScenarioError).message);
    expect(new Set(messages).size, messages.join('\n---\n')).toBe(1);
    expect((refusals[0] as ScenarioError).diagnostics[0]?.file).toContain(label.split('/').pop() ?? '');
  });
});
