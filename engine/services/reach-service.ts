// The 'reach' service kind: every `from` node is up and reaches at least k up `to` nodes (a node in both lists
// reaches itself), e.g. every regional centre reaches two of three data centres. Everything the engine asks of it.

import type { CsrTopology } from '../topology/csr-topology.ts';
import { searchReach, type ComponentSearchScratch } from './component-search.ts';
import { collectDistinctNodes } from './internal/distinct-nodes.ts';
import type { FrontierTagRules, ServiceKindDefinition } from './service-kind.ts';

/** Every `from` node is up and reaches at least `k` up nodes of `to` (a node in both sets reaches itself). */
export interface ReachService {
  readonly kind: 'reach';
  readonly id: string;
  readonly from: Uint32Array;
  readonly to: Uint32Array;
  /** In [1, to.length]. */
  readonly k: number;
}

/** Frontier tags of a reach service: tag = 2 * min(up `to` nodes, k) + (1 when the component has a `from` node). */
const REACH_FRONTIER_RULES: FrontierTagRules = {
  merge(a: number, b: number, k: number): number {
    const reached = Math.min(k, (a >> 1) + (b >> 1));
    return (reached << 1) | ((a | b) & 1);
  },
  failsWhenClosed(tag: number, k: number): boolean {
    return (tag & 1) === 1 && tag >> 1 < k;
  },
  /** A component never settles a reach service on its own: another `from` node may still be cut off. */
  isSuccess(): boolean {
    return false;
  },
};

/** The declaration of the 'reach' kind (see ServiceKindDefinition). */
export const REACH_SERVICE_KIND: ServiceKindDefinition<ReachService> = {
  kind: 'reach',
  estimators: ['crude', 'pmc', 'stratified'],
  reachIsExact: true,
  servedIsMonotone: true,
  countsFromLabels: true,

  countEndpoints(service: ReachService): number {
    return service.from.length;
  },

  /** The number of up `from` nodes that reach at least k up `to` nodes. */
  countServed(service: ReachService, down: Uint8Array, root: Int32Array): number {
    const from = service.from;
    const to = service.to;
    const k = service.k;
    let served = 0;
    for (let i = 0; i < from.length; i++) {
      const f = from[i];
      if (down[f] === 1) continue;
      const r = root[f];
      let reached = 0;
      for (let j = 0; j < to.length && reached < k; j++) {
        const t = to[j];
        if (down[t] === 0 && root[t] === r) reached++;
      }
      if (reached >= k) served++;
    }
    return served;
  },

  /** Every `from` entry is a source; its served count is the number of served sources, exactly. */
  toBitParallelForm(service: ReachService) {
    return { sources: service.from, targets: service.to, k: service.k, served: 'per-source' as const };
  },

  /** `from`, then `to`. */
  listNodes(service: ReachService): Uint32Array {
    const nodes = new Uint32Array(service.from.length + service.to.length);
    nodes.set(service.from, 0);
    nodes.set(service.to, service.from.length);
    return nodes;
  },

  toReachCriterion(service: ReachService) {
    return { from: service.from, to: service.to, k: service.k };
  },

  toReachForm(service: ReachService, nodeCount: number) {
    if (!Number.isInteger(service.k) || service.k < 1)
      throw new RangeError(`service ${service.id}: k must be an integer >= 1`);
    const isFrom = new Uint8Array(nodeCount);
    const isTo = new Uint8Array(nodeCount);
    const from = collectDistinctNodes(service.from, nodeCount, isFrom);
    const to = collectDistinctNodes(service.to, nodeCount, isTo);
    return { from, to, k: service.k, isFrom, isTo };
  },

  /** Down when some `from` node is down or reaches fewer than k up `to` nodes (no `from` nodes: never). */
  isDown(
    topology: CsrTopology,
    service: ReachService,
    down: Uint8Array,
    scratch: ComponentSearchScratch,
    stamp: number,
  ): boolean {
    const from = service.from;
    for (let i = 0; i < from.length; i++) if (down[from[i]] !== 0) return true;
    searchReach(topology, from, service.to, down, scratch, stamp);
    for (let i = 0; i < from.length; i++) {
      if (scratch.componentToCount[scratch.component[from[i]]] < service.k) return true;
    }
    return false;
  },

  fullLevel(service: ReachService): number {
    return service.from.length * service.k;
  },

  /** The sum over up `from` nodes f of min(k, up `to` nodes f reaches), in [0, from.length * k]. */
  measureLevel(
    topology: CsrTopology,
    service: ReachService,
    down: Uint8Array,
    scratch: ComponentSearchScratch,
    stamp: number,
  ): number {
    searchReach(topology, service.from, service.to, down, scratch, stamp);
    let level = 0;
    const from = service.from;
    for (let i = 0; i < from.length; i++) {
      const f = from[i];
      if (down[f] !== 0) continue;
      level += Math.min(service.k, scratch.componentToCount[scratch.component[f]]);
    }
    return level;
  },

  /** `to` nodes tag 2, `from` nodes add 1; every `from` node is critical. */
  describeFrontier(service: ReachService, nodeCount: number) {
    const nodeTag = new Int32Array(nodeCount);
    const critical = new Uint8Array(nodeCount);
    for (const v of service.to) nodeTag[v] = 2;
    for (const v of service.from) {
      nodeTag[v] |= 1;
      critical[v] = 1;
    }
    return {
      rules: REACH_FRONTIER_RULES,
      requiredCount: service.from.length,
      k: service.k,
      nodeTag,
      critical,
      endpoints: REACH_SERVICE_KIND.listNodes(service),
    };
  },
};
