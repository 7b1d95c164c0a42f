// Test helper: loads the reference networks of test/fixtures/reference/ (exact availabilities) as CompiledModels.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CompiledModel } from '../../../engine/model.ts';
import { buildModel, connected } from '../../unit/engine/exact/model-builders.ts';

interface ReferenceFile {
  readonly name: string;
  readonly nodes: ReadonlyArray<{ readonly id: string | number; readonly p_fail?: number }>;
  readonly links: ReadonlyArray<{ readonly a: string | number; readonly b: string | number; readonly p_fail?: number }>;
  readonly riskGroups?: ReadonlyArray<{
    readonly id: string;
    readonly probability: number;
    readonly links: ReadonlyArray<readonly [string | number, string | number]>;
  }>;
  readonly service: { readonly kind: 'connected'; readonly endpoints: ReadonlyArray<string | number> };
  readonly terminalsPerfect: boolean;
  readonly exact: { readonly availability: number; readonly unavailability: number };
}

export interface ReferenceCase {
  readonly name: string;
  readonly model: CompiledModel;
  readonly unavailability: number;
  readonly availability: number;
}

export const REFERENCE_DIRECTORY = join(import.meta.dirname, '../../fixtures/reference');

export function loadReferenceCase(name: string): ReferenceCase {
  const file = JSON.parse(readFileSync(join(REFERENCE_DIRECTORY, `${name}.json`), 'utf8')) as ReferenceFile;
  const nodeIndex = new Map(file.nodes.map((node, i) => [String(node.id), i]));
  const index = (id: string | number): number => {
    const v = nodeIndex.get(String(id));
    if (v === undefined) throw new Error(`${name}: unknown node ${id}`);
    return v;
  };
  const terminals = file.service.endpoints.map(index);
  const terminalSet = new Set(terminals);
  const nodeQ = file.nodes.map((node, i) => (file.terminalsPerfect && terminalSet.has(i) ? 0 : (node.p_fail ?? 0)));
  const links = file.links.map((link) => [index(link.a), index(link.b)] as const);
  const findLink = (a: string | number, b: string | number): number => {
    const va = index(a);
    const vb = index(b);
    const j = links.findIndex(([x, y]) => (x === va && y === vb) || (x === vb && y === va));
    if (j < 0) throw new Error(`${name}: no link ${a}-${b}`);
    return j;
  };
  const model = buildModel({
    nodeCount: file.nodes.length,
    links,
    nodeFailureProbability: nodeQ,
    linkFailureProbability: file.links.map((link) => link.p_fail ?? 0),
    services: [connected(terminals, file.name)],
    groups: (file.riskGroups ?? []).map((group) => ({
      eventProbability: group.probability,
      members: group.links.map(([a, b]) => [file.nodes.length + findLink(a, b), 1] as const),
    })),
  });
  return { name: file.name, model, ...file.exact };
}

/**
 * The reference cases with a `connected` service: the frontier DP and PMC read graph connectivity of independent
 * elements; a layered case (`service.kind: circuits`, logical links over physical links) is for the samplers
 * (test/support/reference-model.ts).
 */
export function listReferenceCaseNames(): string[] {
  return readdirSync(REFERENCE_DIRECTORY)
    .filter((f) => f.endsWith('.json'))
    .filter((f) => (JSON.parse(readFileSync(join(REFERENCE_DIRECTORY, f), 'utf8')) as { service: { kind: string } }).service.kind === 'connected')
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
}
