// The registry of service kinds: the compiled service union and one definition per kind. Adding a kind adds a
// file next to this one and a line in each of the two declarations below; the type checker enforces the pairing.

import { CAPACITY_SERVICE_KIND, type CapacityService } from './capacity-service.ts';
import { CONNECTED_SERVICE_KIND, type ConnectedService } from './connected-service.ts';
import { LATENCY_SERVICE_KIND, type LatencyService } from './latency-service.ts';
import { PROTECTED_SERVICE_KIND, type ProtectedService } from './protected-service.ts';
import { REACH_SERVICE_KIND, type ReachService } from './reach-service.ts';
import type { ServiceEstimatorKind, ServiceKindDefinition } from './service-kind.ts';
import { TRAFFIC_SERVICE_KIND, type TrafficService } from './traffic-service.ts';

export type { CapacityService, ConnectedService, LatencyService, ProtectedService, ReachService, TrafficService };

/** A compiled service: plain data (node index arrays and parameters), one variant per kind. */
export type CompiledService =
  | ConnectedService
  | ReachService
  | CapacityService
  | LatencyService
  | ProtectedService
  | TrafficService;

/** The name of a service kind. */
export type ServiceKind = CompiledService['kind'];

/** The compiled service of kind K. */
export type ServiceOfKind<K extends ServiceKind> = Extract<CompiledService, { readonly kind: K }>;

/** Every kind's definition, keyed by kind: a kind of CompiledService without an entry here is a type error. */
export const SERVICE_KINDS: { readonly [K in ServiceKind]: ServiceKindDefinition<ServiceOfKind<K>> } = {
  connected: CONNECTED_SERVICE_KIND,
  reach: REACH_SERVICE_KIND,
  capacity: CAPACITY_SERVICE_KIND,
  latency: LATENCY_SERVICE_KIND,
  protected: PROTECTED_SERVICE_KIND,
  traffic: TRAFFIC_SERVICE_KIND,
};

/** The known kind names, in registry order. */
export const SERVICE_KIND_NAMES: readonly ServiceKind[] = Object.freeze(Object.keys(SERVICE_KINDS) as ServiceKind[]);

/** True when `name` is a known service kind. */
export function isServiceKind(name: unknown): name is ServiceKind {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(SERVICE_KINDS, name);
}

/**
 * The definition of a service's kind. Look it up once per batch (or per plan) on hot paths, not per sample.
 * @throws RangeError when the service's kind is unknown (a plan built by another engine version)
 */
export function serviceKindOf<S extends CompiledService>(service: S): ServiceKindDefinition<S> {
  const kind: string = service.kind;
  if (!isServiceKind(kind)) throw new RangeError(`service ${service.id} has unknown kind ${JSON.stringify(kind)}`);
  return SERVICE_KINDS[kind] as ServiceKindDefinition<CompiledService> as ServiceKindDefinition<S>;
}

/** The definition of each service's kind, in order: the per-batch lookup of the hot paths. */
export function resolveServiceKinds(services: readonly CompiledService[]): ServiceKindDefinition<CompiledService>[] {
  return services.map((service) => serviceKindOf<CompiledService>(service));
}

/** True when the service's kind supports `estimator`. */
export function supportsEstimator(service: CompiledService, estimator: ServiceEstimatorKind): boolean {
  return serviceKindOf(service).estimators.includes(estimator);
}

/** True when the service is up exactly when its reach criterion holds (see ServiceKindDefinition.reachIsExact). */
export function isReachExact(service: CompiledService): boolean {
  return serviceKindOf(service).reachIsExact;
}
