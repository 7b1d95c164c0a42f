import { describe, expect, it } from 'vitest';
import { compilePlan, loadInput, resolveRunOptions, ScenarioError } from '../../../../scenarios/index.ts';
import { compilePlanSpec, PlanHashMismatchError, readPlanSpec } from '../../../../workers/distributed/index.ts';
import { REPO_ROOT } from '../../../support/run-cli.ts';

const STUDY = `${REPO_ROOT}test/fixtures/studies/small-study.yaml`;

async function specOfSmallStudy() {
  const loaded = await loadInput(STUDY);
  const compiled = compilePlan(loaded.topology, loaded.study, resolveRunOptions(loaded.study, { samples: 20_000 }));
  return { loaded, compiled, spec: await readPlanSpec(STUDY, loaded, compiled) };
}

describe('compilePlanSpec', () => {
  it('compiles the texts to the plan loadInput and compilePlan give, with the same identities', async () => {
    const { loaded, compiled, spec } = await specOfSmallStudy();
    const fromTexts = await compilePlanSpec(spec);
    expect(fromTexts.compiled.planSha256).toBe(compiled.planSha256);
    expect(fromTexts.loaded.topologySource).toEqual(loaded.topologySource);
    expect(fromTexts.loaded.studySource).toEqual(loaded.studySource);
    expect(fromTexts.compiled.scenarios).toEqual(compiled.scenarios);
  });

  it('refuses texts that compile to another plan, and texts that do not validate', async () => {
    const { spec } = await specOfSmallStudy();
    const changed = {
      ...spec,
      topology: {
        ...spec.topology,
        text: spec.topology.text.replace('failureProbability: 0.05', 'failureProbability: 0.06'),
      },
    };
    await expect(compilePlanSpec(changed)).rejects.toBeInstanceOf(PlanHashMismatchError);
    const invalid = {
      ...spec,
      topology: {
        ...spec.topology,
        text: spec.topology.text.replace('failureProbability: 0.05', 'failureProbability: 5'),
      },
    };
    await expect(compilePlanSpec(invalid)).rejects.toBeInstanceOf(ScenarioError);
    const elsewhere = { ...spec, topology: { ...spec.topology, source: '/etc/other.yaml' } };
    await expect(compilePlanSpec(elsewhere)).rejects.toThrow(ScenarioError);
  });
});
