// The 'connected' service kind: every listed terminal is up and all lie in one surviving component (k-terminal
// reliability; two terminals: two-terminal, all nodes: all-terminal). Everything the engine asks of the kind.

import type { CsrTopology } from '../topology/csr-topology.ts';
import { searchComponent, type ComponentSearchScratch } from './component-search.ts';
import { collectDistinctNodes } from './internal/distinct-nodes.ts';
import type { FrontierTagRules, ServiceKindDefinition } from './service-kind.ts';

/** Every listed terminal is up and all lie in one surviving component (k-terminal; two terminals: two-terminal). */
export interface ConnectedService {
  readonly kind: 'connected';
  readonly id: string;
  /** Node indices, distinct. */
  readonly terminals: Uint32Array;
}

/** Frontier tags of a connected service: a component's tag counts its terminals. */
const CONNECTED_FRONTIER_RULES: FrontierTagRules = {
  merge(a: number, b: number): number {
    return a + b;
  },
  failsWhenClosed(tag: number): boolean {
    return tag > 0;
  },
  isSuccess(tag: number, requiredCount: number): boolean {
    return tag === requiredCount;
  },
};

/** The declaration of the 'connected' kind (see ServiceKindDefinition). */
export const CONNECTED_SERVICE_KIND: ServiceKindDefinition<ConnectedService> = {
  kind: 'connected',
  estimators: ['crude', 'pmc', 'stratified'],
  reachIsExact: true,
  servedIsMonotone: true,
  countsFromLabels: true,

  countEndpoints(service: ConnectedService): number {
    return service.terminals.length;
  },

  /** The largest number of up terminals that share one component. */
  countServed(service: ConnectedService, down: Uint8Array, root: Int32Array): number {
    const terminals = service.terminals;
    const count = terminals.length;
    let best = 0;
    for (let i = 0; i < count; i++) {
      const ti = terminals[i];
      if (down[ti] === 1) continue;
      const r = root[ti];
      let same = 0;
      for (let j = 0; j < count; j++) {
        const tj = terminals[j];
        if (down[tj] === 0 && root[tj] === r) same++;
      }
      if (same > best) best = same;
      if (best === count) break;
    }
    return best;
  },

  /** Terminals as sources and targets: the largest group of up terminals in one component, as countServed counts. */
  toBitParallelForm(service: ConnectedService) {
    const terminals = service.terminals;
    return {
      sources: terminals,
      targets: terminals,
      k: Math.max(1, terminals.length),
      served: 'largest-group' as const,
    };
  },

  listNodes(service: ConnectedService): Uint32Array {
    return service.terminals;
  },

  /** Every terminal reaches all terminals: from = to = terminals, k = terminal count (a terminal reaches itself). */
  toReachCriterion(service: ConnectedService) {
    return { from: service.terminals, to: service.terminals, k: service.terminals.length };
  },

  /** Reach from the first terminal to all |T| terminals: up iff every terminal is up and in T0's component. */
  toReachForm(service: ConnectedService, nodeCount: number) {
    const isFrom = new Uint8Array(nodeCount);
    const isTo = new Uint8Array(nodeCount);
    const to = collectDistinctNodes(service.terminals, nodeCount, isTo);
    if (to.length === 0) return { from: new Uint32Array(0), to, k: 1, isFrom, isTo };
    isFrom[to[0]] = 1;
    return { from: Uint32Array.of(to[0]), to, k: to.length, isFrom, isTo };
  },

  /** Down when a terminal is down or the terminals do not all lie in one surviving component (none: never). */
  isDown(
    topology: CsrTopology,
    service: ConnectedService,
    down: Uint8Array,
    scratch: ComponentSearchScratch,
    stamp: number,
  ): boolean {
    const terminals = service.terminals;
    if (terminals.length === 0) return false;
    for (let i = 0; i < terminals.length; i++) if (down[terminals[i]] !== 0) return true;
    searchComponent(topology, down, scratch, stamp, terminals[0], 0);
    for (let i = 1; i < terminals.length; i++) if (scratch.visitStamp[terminals[i]] !== stamp) return true;
    return false;
  },

  fullLevel(service: ConnectedService): number {
    return service.terminals.length;
  },

  /** The largest number of up terminals sharing one surviving component, in [0, terminals.length]. */
  measureLevel(
    topology: CsrTopology,
    service: ConnectedService,
    down: Uint8Array,
    scratch: ComponentSearchScratch,
    stamp: number,
  ): number {
    const terminals = service.terminals;
    for (let i = 0; i < terminals.length; i++) if (down[terminals[i]] === 0) scratch.toStamp[terminals[i]] = stamp;
    let labels = 0;
    let best = 0;
    for (let i = 0; i < terminals.length; i++) {
      const t = terminals[i];
      if (down[t] !== 0 || scratch.visitStamp[t] === stamp) continue;
      const count = searchComponent(topology, down, scratch, stamp, t, labels++);
      if (count > best) best = count;
    }
    return best;
  },

  /** Tag 1 per terminal; every terminal is critical. */
  describeFrontier(service: ConnectedService, nodeCount: number) {
    const nodeTag = new Int32Array(nodeCount);
    const critical = new Uint8Array(nodeCount);
    for (const v of service.terminals) {
      nodeTag[v] = 1;
      critical[v] = 1;
    }
    return {
      rules: CONNECTED_FRONTIER_RULES,
      requiredCount: service.terminals.length,
      k: 1,
      nodeTag,
      critical,
      endpoints: service.terminals,
    };
  },
};
