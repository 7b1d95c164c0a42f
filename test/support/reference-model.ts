// Test support: turns a reference network (test/fixtures/reference/*.json, from ../shared/reference) into a
// CompiledModel and a one-scenario SimulationPlan.

import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  buildCsrTopology,
  type CompiledModel,
  type CompiledScenario,
  type SimulationPlan,
} from '../../engine/index.ts';

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
  const topology = buildCsrTopology(nodeCount, c.links.map((l) => idx(l.a)), c.links.map((l) => idx(l.b)));
  const probability = new Float64Array(nodeCount + c.links.length);
  const terminals = new Set(c.service.endpoints.map((e) => idx(e)));
  c.nodes.forEach((n, i) => (probability[i] = c.terminalsPerfect && terminals.has(i) ? 0 : (n.p_fail ?? 0)));
  c.links.forEach((l, j) => (probability[nodeCount + j] = l.p_fail ?? 0));
  const linkIndex = (a: string | number, b: string | number): number => {
    const j = c.links.findIndex((l) => (String(l.a) === String(a) && String(l.b) === String(b)) || (String(l.a) === String(b) && String(l.b) === String(a)));
    if (j < 0) throw new Error(`unknown link ${a}-${b}`);
    return nodeCount + j;
  };
  const groups = c.riskGroups ?? [];
  const memberStart = new Uint32Array(groups.length + 1);
  const members: number[] = [];
  groups.forEach((g, k) => {
    for (const [a, b] of g.links) members.push(linkIndex(a, b));
    memberStart[k + 1] = members.length;
  });
  return {
    topology,
    elementCount: nodeCount + c.links.length,
    elementFailureProbability: probability,
    groups: {
      groupCount: groups.length,
      eventProbability: Float64Array.from(groups.map((g) => g.probability ?? g.p_event ?? 0)),
      memberStart,
      memberElement: Uint32Array.from(members),
      memberFailureProbability: new Float64Array(members.length).fill(1),
    },
    services: [{ kind: 'connected', id: 'service', terminals: Uint32Array.from([...terminals]) }],
    index: {
      nodeIds: c.nodes.map((n) => String(n.id)),
      nodeNames: c.nodes.map((n) => String(n.id)),
      linkIds: c.links.map((l) => `${l.a}-${l.b}`),
      groupIds: groups.map((g, k) => g.id ?? `group-${k}`),
      groupNames: groups.map((g, k) => g.id ?? `group-${k}`),
    },
  };
}

/** A baseline scenario: random failures as modelled, nothing forced. */
export function baselineScenario(id = 'baseline'): CompiledScenario {
  return {
    id,
    name: id,
    forcedElements: new Uint32Array(0),
    forcedGroups: new Uint32Array(0),
    randomFailures: true,
    elementFailureProbability: null,
    groupEventProbability: null,
    attack: { kind: 'none' },
  };
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
