// Everything the fast batch loop precomputes for one (model, scenario): the skip sampler's probability classes,
// each service's base state and element roles, and the scratch buffers. Built once per worker and cached, so a
// batch allocates only its result.

import { createRelabelScratch, type RelabelScratch } from '../evaluation/relabel-locally.ts';
import {
  analyseServiceStructures,
  describeBaseForest,
  type BaseForest,
  type ServiceStructure,
} from '../evaluation/service-structure.ts';
import { labelComponents } from '../evaluation/service-evaluator.ts';
import type { CompiledModel, CompiledScenario } from '../model.ts';
import { resolveServiceKinds, type CompiledService } from '../services/service-kinds.ts';
import type { ServiceKindDefinition } from '../services/service-kind.ts';
import {
  compileSkipSampler,
  createSkipSamplerScratch,
  type SkipSamplerPlan,
  type SkipSamplerScratch,
} from '../sampling/skip-sampler.ts';
import { ScenarioCache } from '../internal/plan-cache.ts';

/** Compiled fast-path data of one scenario (read-only after construction, apart from the scratch buffers). */
export interface FastScenario {
  readonly sampler: SkipSamplerPlan;
  readonly samplerScratch: SkipSamplerScratch;
  /** One per service, under the scenario's certain failures plus, for a targeted attack, that service's targets. */
  readonly structures: readonly ServiceStructure[];
  /** Per service: elements forced down by a targeted attack (empty arrays otherwise). */
  readonly attackElements: readonly Uint32Array[];
  readonly targeted: boolean;
  /** Each service's kind definition, looked up once here so the batch loop calls it directly. */
  readonly kinds: readonly ServiceKindDefinition<CompiledService>[];
  /** Per service: 1 when its kind counts from component labels (ServiceKindDefinition.countsFromLabels). */
  readonly countsFromLabels: Uint8Array;
  readonly endpointCount: Float64Array;
  /** Union-find parents, one per node. */
  readonly parent: Int32Array;
  /** Per service: 1 when the current scenario needs a union-find evaluation. */
  readonly needsLabel: Uint8Array;
  /** Attack elements marked down for the current evaluation, to unmark afterwards. */
  readonly attackUndo: Uint32Array;
  /** 1 for the scenario's certain failures (the base state shared by all services without a targeted attack). */
  readonly baseDown: Uint8Array;
  /** Component roots of the base state (see labelComponents). */
  readonly baseRoot: Int32Array;
  /** Base roots patched by local relabelling for the current scenario (equal to baseRoot between scenarios). */
  readonly scenarioRoot: Int32Array;
  /** Per node: 1 when relevant to at least one service. */
  readonly relevantNode: Uint8Array;
  /** The union of every service's relevant links and nodes: one labelling of these serves all services. */
  readonly unionLinks: Uint32Array;
  readonly unionNodes: Uint32Array;
  /** Every service endpoint (terminals, from and to nodes), distinct. */
  readonly endpointNodes: Uint32Array;
  /** DFS forest and bridges of the base state. */
  readonly forest: BaseForest;
  readonly relabel: RelabelScratch;
  /** Nodes one local search may visit before giving up (then the scenario is labelled with union-find). */
  searchBudget: number;
  /** Per entry of the failure list: 1 when local relabelling must cover it. */
  readonly relabelChecked: Uint8Array;
}

const cache = new ScenarioCache<CompiledModel, CompiledScenario, 'fast', FastScenario>();

/**
 * Returns the cached fast-path data of a scenario, building it on first use. Plans are immutable, so caching by
 * object identity is safe; a worker builds each scenario's data once.
 */
export function getFastScenario(model: CompiledModel, scenario: CompiledScenario): FastScenario {
  return cache.get(model, scenario, 'fast', () => buildFastScenario(model, scenario));
}

/** Builds the fast-path data of a scenario (no caching). */
export function buildFastScenario(model: CompiledModel, scenario: CompiledScenario): FastScenario {
  const sampler = compileSkipSampler(model, scenario);
  const base = new Uint8Array(model.elementCount);
  for (let i = 0; i < sampler.certainElements.length; i++) base[sampler.certainElements[i]] = 1;
  const attack = scenario.attack;
  const services = model.services;
  const kinds = resolveServiceKinds(services);
  let structures: ServiceStructure[];
  let attackElements: Uint32Array[];
  if (attack.kind === 'targeted') {
    attackElements = services.map((_, s) => attack.elementsByService[s] ?? new Uint32Array(0));
    structures = services.map((service, s) => {
      const attacked = Uint8Array.from(base);
      const hit = attackElements[s];
      for (let h = 0; h < hit.length; h++) attacked[hit[h]] = 1;
      return analyseServiceStructures(model, attacked, [service])[0];
    });
  } else {
    attackElements = services.map(() => new Uint32Array(0));
    structures = analyseServiceStructures(model, base, services);
  }
  const baseRoot = new Int32Array(model.topology.nodeCount);
  labelComponents(model, base, baseRoot);
  const relevantNode = new Uint8Array(model.topology.nodeCount);
  const relevantLink = new Uint8Array(model.topology.linkCount);
  for (const st of structures) {
    for (let i = 0; i < st.relevantNodes.length; i++) relevantNode[st.relevantNodes[i]] = 1;
    for (let i = 0; i < st.relevantLinks.length; i++) relevantLink[st.relevantLinks[i]] = 1;
  }
  const unionNodes: number[] = [];
  const unionLinks: number[] = [];
  relevantNode.forEach((r, v) => r === 1 && unionNodes.push(v));
  relevantLink.forEach((r, j) => r === 1 && unionLinks.push(j));
  const endpoints = new Set<number>();
  services.forEach((service, s) => kinds[s].listNodes(service).forEach((v) => endpoints.add(v)));
  let undoSize = 0;
  for (const hit of attackElements) undoSize = Math.max(undoSize, hit.length);
  return {
    sampler,
    samplerScratch: createSkipSamplerScratch(model, scenario, sampler),
    structures,
    attackElements,
    targeted: attack.kind === 'targeted',
    kinds,
    countsFromLabels: Uint8Array.from(kinds.map((kind) => (kind.countsFromLabels ? 1 : 0))),
    endpointCount: Float64Array.from(services.map((service, s) => kinds[s].countEndpoints(service))),
    parent: new Int32Array(model.topology.nodeCount),
    needsLabel: new Uint8Array(services.length),
    attackUndo: new Uint32Array(undoSize),
    baseDown: base,
    baseRoot,
    scenarioRoot: Int32Array.from(baseRoot),
    relevantNode,
    unionLinks: Uint32Array.from(unionLinks),
    unionNodes: Uint32Array.from(unionNodes),
    endpointNodes: Uint32Array.from([...endpoints].sort((a, b) => a - b)),
    forest: describeBaseForest(model, base),
    relabel: createRelabelScratch(model.topology),
    searchBudget: defaultSearchBudget(model),
    relabelChecked: new Uint8Array(model.elementCount),
  };
}

/**
 * A local search pays off while it is cheaper than labelling the whole network: allow it a fraction of the
 * nodes (measured on the benchmark's 250- and 2,500-node meshes, bench/run.ts).
 */
export function defaultSearchBudget(model: CompiledModel): number {
  return Math.max(32, Math.ceil(model.topology.nodeCount / 8));
}
