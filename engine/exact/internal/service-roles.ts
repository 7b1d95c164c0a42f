// A service's criterion as per-component tags, the form the frontier dynamic program reads: each kind declares
// its tags and their rules (engine/services, describeFrontier); these helpers apply them.

import type { CompiledService } from '../../model.ts';
import { serviceKindOf } from '../../services/service-kinds.ts';
import type { FrontierRoles } from '../../services/service-kind.ts';
import type { CsrTopology } from '../../topology/csr-topology.ts';

/** A service as the frontier DP reads it (see FrontierRoles). */
export type ServiceRoles = FrontierRoles;

/** The frontier roles of a service, from its kind. */
export function resolveServiceRoles(topology: CsrTopology, service: CompiledService): ServiceRoles {
  return serviceKindOf(service).describeFrontier(service, topology.nodeCount);
}

/** Tag of the union of two components. */
export function mergeTags(roles: ServiceRoles, a: number, b: number): number {
  return roles.rules.merge(a, b, roles.k);
}

/** True when a component with this tag, complete (never to grow again), means the service is down. */
export function failsWhenClosed(roles: ServiceRoles, tag: number): boolean {
  return roles.rules.failsWhenClosed(tag, roles.k);
}

/** True when a component with this tag already means the service is up, whatever else happens. */
export function isSuccessTag(roles: ServiceRoles, tag: number): boolean {
  return roles.rules.isSuccess(tag, roles.requiredCount);
}
