// The benchmark's models: the embedded default NAFIN model (its baseline scenario), the same with the traffic-aware
// services of examples/nafin-traffic-services.yaml (capacity, latency, protected), and generated backbones at
// NAFIN scale (250 sites) and ten times that (2,500 sites, ~4,000 links). Built deterministically by name, so
// the harness and its child processes (parallel runs) agree on the model without passing it around.

import { fileURLToPath } from 'node:url';
import type { CompiledModel, CompiledScenario, CompiledService, SimulationPlan } from '../engine/index.ts';
import { compilePlan, loadInput, resolveRunOptions } from '../scenarios/index.ts';
import { generateBackbone } from './generate-model.ts';

const TRAFFIC_EXAMPLE_NAME = 'examples/nafin-traffic-services.yaml';
const TRAFFIC_EXAMPLE = fileURLToPath(new URL(`../${TRAFFIC_EXAMPLE_NAME}`, import.meta.url));

/** Names of the benchmark models. */
export const BENCH_MODEL_NAMES = ['nafin-default', 'nafin-traffic', 'generated-250', 'generated-2500'] as const;
export type BenchModelName = (typeof BENCH_MODEL_NAMES)[number];

/** One model as the benchmark uses it. */
export interface BenchModel {
  readonly name: BenchModelName;
  readonly description: string;
  readonly model: CompiledModel;
  /** Random failures as modelled, nothing forced. */
  readonly scenario: CompiledScenario;
}

const BASELINE: CompiledScenario = {
  id: 'baseline',
  name: 'Baseline',
  forcedElements: new Uint32Array(0),
  forcedGroups: new Uint32Array(0),
  randomFailures: true,
  elementFailureProbability: null,
  groupEventProbability: null,
  attack: { kind: 'none' },
};

/**
 * The scenario's crude Monte Carlo part only: crude Monte Carlo is what is measured, so add-ons a study may switch
 * on per scenario (rare-event estimators, importance sampling runs) are left out by keeping the core fields.
 */
function crudeScenario(scenario: CompiledScenario): CompiledScenario {
  return {
    id: scenario.id,
    name: scenario.name,
    forcedElements: scenario.forcedElements,
    forcedGroups: scenario.forcedGroups,
    randomFailures: scenario.randomFailures,
    elementFailureProbability: scenario.elementFailureProbability,
    groupEventProbability: scenario.groupEventProbability,
    attack: scenario.attack,
  };
}

/** Builds a benchmark model by name. */
export async function loadBenchModel(name: BenchModelName): Promise<BenchModel> {
  if (name === 'nafin-default') {
    try {
      const input = await loadInput(null);
      const study = compilePlan(input.topology, input.study, resolveRunOptions(input.study));
      const scenario = study.plan.scenarios.find((s) => s.id === 'baseline') ?? study.plan.scenarios[0];
      return {
        name,
        description: `embedded default model (${input.topology.name}), baseline scenario`,
        model: study.plan.model,
        scenario: crudeScenario(scenario),
      };
    } catch (error) {
      // The embedded model is maintained elsewhere; if it cannot be loaded, measure a generated stand-in.
      const generated = generateBackbone({
        nodeCount: 100,
        linksPerNode: 1.75,
        seed: 'nafin-stand-in',
        linkProbability: [1e-5, 2e-3],
        nodeProbability: [5e-6, 1e-4],
      });
      return {
        name,
        description: `generated stand-in for the default model (not loadable: ${String(error)})`,
        model: generated.model,
        scenario: BASELINE,
      };
    }
  }
  if (name === 'nafin-traffic') {
    // The default model (its own light traffic-aware services and traffic matrix) with the heavier capacity and
    // protected services and the unrestored matrix of examples/nafin-traffic-services.yaml
    // (its baseline: an implicit study of the topology file); no stand-in, the example is part of the repository.
    const input = await loadInput(TRAFFIC_EXAMPLE);
    const study = compilePlan(input.topology, input.study, resolveRunOptions(input.study));
    const scenario = study.plan.scenarios[0];
    return {
      name,
      description: `embedded default model with the traffic-aware services of ${TRAFFIC_EXAMPLE_NAME}, baseline scenario`,
      model: study.plan.model,
      scenario: crudeScenario(scenario),
    };
  }
  const nodeCount = name === 'generated-250' ? 250 : 2500;
  const generated = generateBackbone({
    nodeCount,
    linksPerNode: 1.6,
    seed: 'bench',
    linkProbability: [1e-4, 1e-2],
    nodeProbability: [1e-5, 1e-3],
  });
  return {
    name,
    description: `generated backbone, ${nodeCount} sites (links 1e-4..1e-2, nodes 1e-5..1e-3, log-uniform)`,
    model: generated.model,
    scenario: BASELINE,
  };
}

/** Service kinds reported separately. */
export type ServiceKindName =
  | 'two-terminal'
  | 'k-terminal'
  | 'reach'
  | 'capacity'
  | 'latency'
  | 'protected'
  | 'traffic'
  | 'all';

/** Kind of a service: connected with two terminals, connected with more, or reach. */
export function classifyService(service: CompiledService): Exclude<ServiceKindName, 'all'> {
  if (service.kind !== 'connected') return service.kind;
  return service.terminals.length <= 2 ? 'two-terminal' : 'k-terminal';
}

/** Service index subsets per kind (kinds the model lacks are left out), then all services. */
export function serviceSubsets(model: CompiledModel): Array<{ name: ServiceKindName; services: number[] }> {
  const subsets: Array<{ name: ServiceKindName; services: number[] }> = [];
  for (const kind of ['two-terminal', 'k-terminal', 'reach', 'capacity', 'latency', 'protected', 'traffic'] as const) {
    const services = model.services.flatMap((s, i) => (classifyService(s) === kind ? [i] : []));
    if (services.length > 0) subsets.push({ name: kind, services });
  }
  subsets.push({ name: 'all', services: model.services.map((_, i) => i) });
  return subsets;
}

/** The model restricted to some services (a new object, so engine caches treat it as a model of its own). */
export function withServices(model: CompiledModel, services: readonly number[]): CompiledModel {
  return { ...model, services: services.map((i) => model.services[i]) };
}

/** A one-scenario plan for timing. */
export function benchPlan(
  model: CompiledModel,
  scenario: CompiledScenario,
  samples: number,
  batchSize: number,
): SimulationPlan {
  return {
    model,
    scenarios: [scenario],
    seed: 'bench',
    batchSize: Math.min(batchSize, samples),
    stopping: { relativeError: null, maxSamples: samples, maxTimeSeconds: null, minSamples: 0 },
  };
}
