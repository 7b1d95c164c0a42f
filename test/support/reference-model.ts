// Test support: turns a reference network (test/fixtures/reference/*.json, from ../shared/reference) into a
// CompiledModel and a one-scenario SimulationPlan.

import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CompiledModel, CompiledScenario, SimulationPlan } from '../../engine/index.ts';
import { buildBaselineScenario, buildTestModel } from './build-model.ts';

export const REFERENCE_DIR = fileURLToPath(new URL('../fixtures/reference/', import.meta.url));

export interface ReferenceCase {
  name: string;
  nodes: Array<{ id: string | number; p_fail?: number }>;
  links: Array<{ a: string | number; b: string | number; p_fail?: number }>;
  service: { kind: 'connected'; endpoints: Array<string | number> };
  terminalsPerfect: boolean;
  riskGroups?: Array<{ id?: string; links: Array<[string | number, string | number]>; probability?: number; p_event?: number }>;
  exact: { availability: number; unavailability: number };
}

export function listReferenceCases(): string[] {
  return readdirSync(REFERENCE_DIR).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, '')).sort();
}

export function readReferenceCase(name: string): ReferenceCase {
  return JSON.parse(readFileSync(`${REFERENCE_DIR}${name}.json`, 'utf8')) as ReferenceCase;
}

/** Builds the engine model of a reference case. */
export function compileReferenceCase(c: ReferenceCase): CompiledModel {
  const nodeIndex = new Map(c.nodes.map((n, i) => [String(n.id), i]));
  const idx = (id: string | number): number => {
    const i = nodeIndex.get(String(id));
    if (i === undefined) throw new Error(`unknown node ${id}`);
    return i;
  };
  const nodeCount = c.nodes.length;
  const terminals = new Set(c.service.endpoints.map((e) => idx(e)));
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
      members: g.links.map(([a, b]) => [linkIndex(a, b), 1] as const),
    })),
    ids: {
      nodes: c.nodes.map((n) => String(n.id)),
      links: c.links.map((l) => `${l.a}-${l.b}`),
      groups: groups.map((g, k) => g.id ?? `group-${k}`),
    },
  });
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
