// Baseline (a): crude Monte Carlo written the straightforward way, as a reference for the engine's hot path.
// Objects and a Map adjacency, Sets of failed ids, one uniform per element, group event and member per scenario
// (seeded Alea stream, no Math.random), and one breadth-first search per service per scenario (per `from` node
// for reach). Kept in bench/ only; the engine never uses it.

import seedrandom from 'seedrandom';
import { measureTrafficServed, type CompiledModel, type CompiledService } from '../engine/index.ts';
import { oracleDelays, oracleMaxFlow, oracleMinCut, type OracleLink } from '../test/support/traffic-oracle.ts';

interface Neighbour {
  readonly node: number;
  readonly link: number;
}

interface Element {
  readonly id: number;
  readonly failureProbability: number;
}

interface Group {
  readonly eventProbability: number;
  readonly members: Array<{ element: number; failureProbability: number }>;
}

/** A model rebuilt as objects, the way a first implementation would hold it. */
export class StraightforwardModel {
  readonly adjacency = new Map<number, Neighbour[]>();
  readonly elements: Element[] = [];
  readonly groups: Group[] = [];
  readonly nodeCount: number;

  constructor(model: CompiledModel) {
    const t = model.topology;
    this.nodeCount = t.nodeCount;
    for (let v = 0; v < t.nodeCount; v++) this.adjacency.set(v, []);
    for (let j = 0; j < t.linkCount; j++) {
      this.adjacency.get(t.linkSource[j])?.push({ node: t.linkTarget[j], link: j });
      this.adjacency.get(t.linkTarget[j])?.push({ node: t.linkSource[j], link: j });
    }
    for (let e = 0; e < model.elementCount; e++) {
      this.elements.push({ id: e, failureProbability: model.elementFailureProbability[e] });
    }
    const g = model.groups;
    for (let k = 0; k < g.groupCount; k++) {
      const members = [];
      for (let m = g.memberStart[k]; m < g.memberStart[k + 1]; m++) {
        members.push({ element: g.memberElement[m], failureProbability: g.memberFailureProbability[m] });
      }
      this.groups.push({ eventProbability: g.eventProbability[k], members });
    }
  }

  /** Nodes reachable from `start` over surviving links and nodes. */
  reachable(start: number, failed: Set<number>): Set<number> {
    const seen = new Set<number>([start]);
    const queue = [start];
    while (queue.length > 0) {
      const v = queue.shift() as number;
      for (const { node, link } of this.adjacency.get(v) ?? []) {
        if (seen.has(node) || failed.has(node) || failed.has(this.nodeCount + link)) continue;
        seen.add(node);
        queue.push(node);
      }
    }
    return seen;
  }

  isUp(service: CompiledService, failed: Set<number>): boolean {
    if (service.kind === 'connected') {
      const terminals = Array.from(service.terminals);
      if (terminals.some((t) => failed.has(t))) return false;
      const seen = this.reachable(terminals[0], failed);
      return terminals.every((t) => seen.has(t));
    }
    if (service.kind !== 'reach') return this.isTrafficUp(service, failed);
    const to = Array.from(service.to);
    return Array.from(service.from).every((f) => {
      if (failed.has(f)) return false;
      const seen = this.reachable(f, failed);
      return to.filter((t) => !failed.has(t) && seen.has(t)).length >= service.k;
    });
  }

  /** Capacity, latency and protected services with the plain oracles of test/support (Edmonds-Karp, linear Dijkstra). */
  isTrafficUp(service: Exclude<CompiledService, { kind: 'connected' | 'reach' }>, failed: Set<number>): boolean {
    const t = service.network;
    const surviving = (value: (j: number) => number): OracleLink[] => {
      const links: OracleLink[] = [];
      for (let j = 0; j < t.linkCount; j++) {
        const a = t.linkSource[j];
        const b = t.linkTarget[j];
        if (!failed.has(this.nodeCount + j) && !failed.has(a) && !failed.has(b)) links.push({ a, b, value: value(j) });
      }
      return links;
    };
    if (service.kind === 'traffic') {
      // The path-enumeration oracle of test/support is exponential (fine for its small random graphs, not for a
      // backbone): the baseline routes with the engine's routing, on a state array built per call.
      const down = new Uint8Array(this.nodeCount + t.linkCount);
      for (const e of failed) if (e < down.length) down[e] = 1;
      const { served, offered } = measureTrafficServed(service, down);
      return served >= offered * (1 - 1e-9);
    }
    const from = Array.from(service.from).filter((v) => !failed.has(v));
    const to = Array.from(service.to).filter((v) => !failed.has(v));
    if (service.kind === 'capacity') {
      const flow = oracleMaxFlow(this.nodeCount, surviving((j) => service.linkCapacity[j]), from, to);
      return flow >= service.demand * (1 - 1e-9);
    }
    if (from.length < service.from.length) return false;
    if (service.kind === 'latency') {
      const distance = oracleDelays(this.nodeCount, surviving((j) => service.linkDelayMs[j]), to);
      return from.every((f) => distance[f] <= service.boundMs * (1 + 1e-9));
    }
    const links = surviving(() => 1);
    return from.every((f) => {
      if (to.includes(f)) return true;
      if (service.disjoint === 'links') return oracleMaxFlow(this.nodeCount, links, [f], to) >= service.k;
      return oracleMinCut(this.nodeCount, links, f, to, true) >= service.k;
    });
  }
}

/** A straightforward crude Monte Carlo run: `step(n)` samples n more scenarios; `down[s]` counts service s down. */
export interface StraightforwardRun {
  step(scenarios: number): number;
  readonly down: number[];
}

/**
 * Starts crude Monte Carlo the straightforward way (the caller times it).
 * @param services the services to evaluate
 */
export function createStraightforwardRun(
  model: CompiledModel,
  services: readonly CompiledService[],
  seed: string,
): StraightforwardRun {
  const objects = new StraightforwardModel(model);
  const random = seedrandom.alea(seed);
  const down = services.map(() => 0);
  return {
    down,
    step(scenarios: number): number {
      for (let i = 0; i < scenarios; i++) {
        const failed = new Set<number>();
        for (const element of objects.elements) if (random() < element.failureProbability) failed.add(element.id);
        for (const group of objects.groups) {
          const occurred = random() < group.eventProbability;
          for (const member of group.members)
            if (random() < member.failureProbability && occurred) failed.add(member.element);
        }
        services.forEach((service, s) => {
          if (!objects.isUp(service, failed)) down[s]++;
        });
      }
      return scenarios;
    },
  };
}
