// Test support: turns a reference network (test/fixtures/reference/*.json, from ../shared/reference) into a
// CompiledModel and a one-scenario SimulationPlan.

import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildLayerModel, type CompiledModel, type CompiledScenario, type SimulationPlan } from '../../engine/index.ts';
import { buildBaselineScenario, buildTestModel } from './build-model.ts';

export const REFERENCE_DIR = fileURLToPath(new URL('../fixtures/reference/', import.meta.url));

export interface ReferenceCase {
  name: string;
  nodes: Array<{ id: string | number; p_fail?: number }>;
  links: Array<{ a: string | number; b: string | number; p_fail?: number }>;
  service: ConnectedReferenceService | CircuitsReferenceService;
  terminalsPerfect: boolean;
  /** Links by end nodes; in a circuits case by link index into `links`. */
  riskGroups?: Array<{ id?: string; links: Array<[string | number, string | number] | number>; probability?: number; p_event?: number }>;
  exact: { availability: number; unavailability: number };
}

interface ConnectedReferenceService {
  kind: 'connected';
  endpoints: Array<string | number>;
}

/**
 * Layers: logical circuits over the case's links (then all physical), each with a working and a 1+1 protection route
 * of link indices; the service is up when every circuit is up.
 */
interface CircuitsReferenceService {
  kind: 'circuits';
  circuits: Array<{ id: string; from: string | number; to: string | number; working: number[]; protection?: number[] }>;
}

/** True for a case with logical circuits routed over physical links (a layered model). */
export function isLayeredReference(c: ReferenceCase): boolean {
  return c.service.kind === 'circuits';
}

export function listReferenceCases(): string[] {
  return readdirSync(REFERENCE_DIR).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, '')).sort();
}

export function readReferenceCase(name: string): ReferenceCase {
  return JSON.parse(readFileSync(`${REFERENCE_DIR}${name}.json`, 'utf8')) as ReferenceCase;
}

/** Builds the engine model of a reference case. */
export function compileReferenceCase(c: ReferenceCase): CompiledModel {
  if (c.service.kind === 'circuits') return compileCircuitsCase(c, c.service);
  const service = c.service;
  const nodeIndex = new Map(c.nodes.map((n, i) => [String(n.id), i]));
  const idx = (id: string | number): number => {
    const i = nodeIndex.get(String(id));
    if (i === undefined) throw new Error(`unknown node ${id}`);
    return i;
  };
  const nodeCount = c.nodes.length;
  const terminals = new Set(service.endpoints.map((e) => idx(e)));
  const linkIndex = (a: string | number, b: string | number): number => {
    const j = c.links.findIndex((l) => (String(l.a) === String(a) && String(l.b) === String(b)) || (String(l.a) === String(b) && String(l.b) === String(a)));
    if (j < 0) throw new Error(`unknown link ${a}-${b}`);
    return nodeCount + j;
  };
  const groups = c.riskGroups ?? [];
  return buildTestModel({
    nodeCount,
    links: c.links.map((l) => [idx(l.a), idx(l.b)] as const),
    nodeFailureProbability: c.nodes.map((n, i) => (c.terminalsPerfect && terminals.has(i) ? 0 : (n.p_fail ?? 0))),
    linkFailureProbability: c.links.map((l) => l.p_fail ?? 0),
    services: [{ kind: 'connected', id: 'service', terminals: Uint32Array.from([...terminals]) }],
    groups: groups.map((g) => ({
      eventProbability: g.probability ?? g.p_event ?? 0,
      members: g.links.map((link) => [typeof link === 'number' ? nodeCount + link : linkIndex(link[0], link[1]), 1] as const),
    })),
    ids: {
      nodes: c.nodes.map((n) => String(n.id)),
      links: c.links.map((l) => `${l.a}-${l.b}`),
      groups: groups.map((g, k) => g.id ?? `group-${k}`),
    },
  });
}

/**
 * A circuits case as a layered model: nodes, then one service-graph link per circuit (perfect equipment), then the
 * case's links as physical links outside the graph; the service is reach from every circuit's `from` node to the
 * circuits' `to` nodes with k = 1 (with only the circuits in the graph, `from` node f reaches a `to` node exactly
 * when its own circuit is up, given distinct circuit end nodes).
 */
function compileCircuitsCase(c: ReferenceCase, service: CircuitsReferenceService): CompiledModel {
  const nodeIndex = new Map(c.nodes.map((n, i) => [String(n.id), i]));
  const idx = (id: string | number): number => {
    const i = nodeIndex.get(String(id));
    if (i === undefined) throw new Error(`unknown node ${id}`);
    return i;
  };
  const nodeCount = c.nodes.length;
  const circuits = service.circuits;
  const physicalBase = nodeCount + circuits.length;
  const groups = c.riskGroups ?? [];
  const graph = buildTestModel({
    nodeCount,
    links: circuits.map((k) => [idx(k.from), idx(k.to)] as const),
    nodeFailureProbability: c.nodes.map((n) => n.p_fail ?? 0),
    linkFailureProbability: 0,
    services: [
      {
        kind: 'reach',
        id: 'service',
        from: Uint32Array.from(circuits.map((k) => idx(k.from))),
        to: Uint32Array.from(circuits.map((k) => idx(k.to))),
        k: 1,
      },
    ],
    groups: groups.map((g) => ({
      eventProbability: g.probability ?? g.p_event ?? 0,
      members: g.links.map((link) => {
        if (typeof link !== 'number') throw new Error('circuits cases name risk-group links by index');
        return [physicalBase + link, 1] as const;
      }),
    })),
    ids: {
      nodes: c.nodes.map((n) => String(n.id)),
      links: circuits.map((k) => k.id),
      groups: groups.map((g, k) => g.id ?? `group-${k}`),
    },
  });
  const elementCount = physicalBase + c.links.length;
  const q = new Float64Array(elementCount);
  q.set(graph.elementFailureProbability);
  c.links.forEach((l, j) => (q[physicalBase + j] = l.p_fail ?? 0));
  const layers = buildLayerModel(
    elementCount,
    physicalBase,
    circuits.map((k, i) => ({
      element: nodeCount + i,
      working: k.working.map((j) => physicalBase + j),
      protection: (k.protection ?? []).map((j) => physicalBase + j),
    })),
  );
  return {
    ...graph,
    elementCount,
    elementFailureProbability: q,
    layers,
    index: { ...graph.index, linkIds: [...graph.index.linkIds, ...c.links.map((l, j) => String((l as { name?: string }).name ?? `link-${j}`))] },
  };
}

/** A baseline scenario: random failures as modelled, nothing forced. */
export function baselineScenario(id = 'baseline'): CompiledScenario {
  return buildBaselineScenario({ id, name: id });
}

/** A one-scenario plan around a model. */
export function planFor(model: CompiledModel, seed: string, maxSamples: number, batchSize = 10_000): SimulationPlan {
  return {
    model,
    scenarios: [baselineScenario()],
    seed,
    batchSize: Math.min(batchSize, maxSamples),
    stopping: { relativeError: null, maxSamples, maxTimeSeconds: null, minSamples: 0 },
  };
}
