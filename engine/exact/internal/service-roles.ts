// A service's criterion as per-component tags, the form the frontier dynamic program and the enumerator read.
// connected: a component's tag counts its terminals; reach: tag = 2 * min(to nodes, k) + (has a from node).

import type { CompiledService } from '../../model.ts';
import type { CsrTopology } from '../../topology/csr-topology.ts';

export const SERVICE_CONNECTED = 0;
export const SERVICE_REACH = 1;

export interface ServiceRoles {
  readonly kind: typeof SERVICE_CONNECTED | typeof SERVICE_REACH;
  /** connected: number of terminals; reach: number of from nodes. 0 means the service is always up. */
  readonly requiredCount: number;
  /** reach: k; connected: unused (1). */
  readonly k: number;
  /** Tag of a one-node component holding node v when v is up. */
  readonly nodeTag: Int32Array;
  /** 1 when node v down takes the service down (a terminal, or a from node). */
  readonly critical: Uint8Array;
  /** The service's endpoints (terminals, or from then to), for choosing start vertices. */
  readonly endpoints: Uint32Array;
}

export function resolveServiceRoles(topology: CsrTopology, service: CompiledService): ServiceRoles {
  const n = topology.nodeCount;
  const nodeTag = new Int32Array(n);
  const critical = new Uint8Array(n);
  if (service.kind === 'connected') {
    for (const v of service.terminals) {
      nodeTag[v] = 1;
      critical[v] = 1;
    }
    return {
      kind: SERVICE_CONNECTED,
      requiredCount: service.terminals.length,
      k: 1,
      nodeTag,
      critical,
      endpoints: service.terminals,
    };
  }
  for (const v of service.to) nodeTag[v] = 2;
  for (const v of service.from) {
    nodeTag[v] |= 1;
    critical[v] = 1;
  }
  const endpoints = new Uint32Array(service.from.length + service.to.length);
  endpoints.set(service.from, 0);
  endpoints.set(service.to, service.from.length);
  return { kind: SERVICE_REACH, requiredCount: service.from.length, k: service.k, nodeTag, critical, endpoints };
}

/** Tag of the union of two components. */
export function mergeTags(roles: ServiceRoles, a: number, b: number): number {
  if (roles.kind === SERVICE_CONNECTED) return a + b;
  const reached = Math.min(roles.k, (a >> 1) + (b >> 1));
  return (reached << 1) | ((a | b) & 1);
}

/** True when a component with this tag, complete (never to grow again), means the service is down. */
export function failsWhenClosed(roles: ServiceRoles, tag: number): boolean {
  if (roles.kind === SERVICE_CONNECTED) return tag > 0;
  return (tag & 1) === 1 && tag >> 1 < roles.k;
}

/** True when a component with this tag already means the service is up, whatever else happens. */
export function isSuccessTag(roles: ServiceRoles, tag: number): boolean {
  return roles.kind === SERVICE_CONNECTED && tag === roles.requiredCount;
}
