// A plan spec carries a job's inputs as the bytes the loader read, so a worker, a merge or a resume elsewhere
// compiles exactly the same plan: for every job kind and input format, from any working folder, never opening a
// file of its own, and refusing texts that were changed.

import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  compileJob,
  compilePlanSpec,
  createPlanSpec,
  loadInput,
  parsePlanSpecText,
  PlanHashMismatchError,
  resolveJobOptions,
  ScenarioError,
  type JobKind,
  type PlanSpec,
} from '../../../scenarios/index.ts';

const CASES: ReadonlyArray<{ job: JobKind; inputs: ReadonlyArray<string | null> }> = [
  { job: 'run', inputs: ['test/fixtures/studies/small-study.yaml'] },
  { job: 'run', inputs: [null] },
  { job: 'run', inputs: ['examples/nafin-second-route-vlissingen.yaml'] },
  { job: 'run', inputs: ['test/fixtures/topologyzoo/Abilene.gml'] },
  { job: 'simulate', inputs: ['test/fixtures/topologies/bridge.yaml'] },
  { job: 'compare', inputs: [null, 'examples/nafin-second-route-vlissingen.yaml'] },
];

async function specOf(job: JobKind, inputs: ReadonlyArray<string | null>) {
  const loaded = [];
  for (const path of inputs) loaded.push(await loadInput(path));
  const compiled = compileJob(job, loaded, resolveJobOptions(job, loaded, { samples: job === 'simulate' ? 50 : 20_000 }));
  return { compiled, spec: parsePlanSpecText(JSON.stringify(createPlanSpec(compiled))) };
}

describe('compilePlanSpec', () => {
  it.each(CASES)('recompiles $job $inputs to the same plan and manifest identities', async ({ job, inputs }) => {
    const { compiled, spec } = await specOf(job, inputs);
    const again = await compilePlanSpec(spec);
    expect(again.planSha256).toBe(compiled.planSha256);
    expect(again.inputs.map((i) => [i.topologySource, i.studySource])).toEqual(compiled.inputs.map((i) => [i.topologySource, i.studySource]));
    expect(again.study.scenarios).toEqual(compiled.study.scenarios);
  });

  it('compiles the same plan from another working folder (a worker or merge elsewhere)', async () => {
    const { compiled, spec } = await specOf('run', ['examples/nafin-second-route-vlissingen.yaml']);
    const cwd = process.cwd();
    process.chdir('/');
    try {
      expect((await compilePlanSpec(spec)).planSha256).toBe(compiled.planSha256);
    } finally {
      process.chdir(cwd);
    }
  });

  it('refuses a changed text, and texts that compile to another plan', async () => {
    const { spec } = await specOf('run', ['test/fixtures/studies/small-study.yaml']);
    const input = spec.inputs[0];
    const topology = input.files.find((f) => f.key.endsWith('small-mesh.yaml'));
    expect(topology?.text).toContain('failureProbability: 0.05');
    const changedText = (topology?.text ?? '').replace('failureProbability: 0.05', 'failureProbability: 0.06');
    const withText = (text: string, sha256: string): PlanSpec => ({
      ...spec,
      inputs: [{ ...input, files: input.files.map((f) => (f === topology ? { ...f, text, sha256 } : f)) }],
    });
    // The text no longer matches its hash: refused as tampered.
    await expect(compilePlanSpec(withText(changedText, topology?.sha256 ?? ''))).rejects.toBeInstanceOf(ScenarioError);
    // Text and hash changed together: it compiles, to another plan than the spec names.
    const sha = createHash('sha256').update(changedText).digest('hex');
    await expect(compilePlanSpec(withText(changedText, sha))).rejects.toBeInstanceOf(PlanHashMismatchError);
  });

  it('never reads a file the spec does not carry', async () => {
    const { spec } = await specOf('run', ['test/fixtures/studies/small-study.yaml']);
    const input = spec.inputs[0];
    const withoutTopology: PlanSpec = { ...spec, inputs: [{ ...input, files: input.files.filter((f) => !f.key.endsWith('small-mesh.yaml')) }] };
    await expect(compilePlanSpec(withoutTopology)).rejects.toThrow(/not among the inputs carried by the plan/);
  });
});
