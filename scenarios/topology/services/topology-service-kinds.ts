// The registry of service kinds on the input side, keyed like the engine's (engine/services/service-kinds.ts): a
// kind the engine knows without an entry here is a type error. Everything else asks the registry, never the kind.

import { z } from 'zod';
import { SERVICE_KIND_NAMES, type CompiledService, type CsrTopology, type ServiceKind } from '../../../engine/index.ts';
import {
  CAPACITY_TOPOLOGY_SERVICE,
  type CapacityModelService,
  type CapacityServiceDocument,
  type CapacityServiceEntry,
  type CapacityServiceOption,
} from './capacity-service.ts';
import {
  CONNECTED_TOPOLOGY_SERVICE,
  type ConnectedModelService,
  type ConnectedServiceDocument,
  type ConnectedServiceEntry,
  type ConnectedServiceOption,
} from './connected-service.ts';
import {
  LATENCY_TOPOLOGY_SERVICE,
  type LatencyModelService,
  type LatencyServiceDocument,
  type LatencyServiceEntry,
  type LatencyServiceOption,
} from './latency-service.ts';
import {
  PROTECTED_TOPOLOGY_SERVICE,
  type ProtectedModelService,
  type ProtectedServiceDocument,
  type ProtectedServiceEntry,
  type ProtectedServiceOption,
} from './protected-service.ts';
import {
  REACH_TOPOLOGY_SERVICE,
  type ReachModelService,
  type ReachServiceDocument,
  type ReachServiceEntry,
  type ReachServiceOption,
} from './reach-service.ts';
import {
  TRAFFIC_TOPOLOGY_SERVICE,
  type TrafficModelService,
  type TrafficServiceDocument,
  type TrafficServiceEntry,
  type TrafficServiceOption,
} from './traffic-service.ts';
import type {
  ServiceCheck,
  ServiceCommon,
  ServiceCompileContext,
  ServiceFieldDoc,
  ServiceOptionProblem,
  TopologyServiceKind,
} from './topology-service-kind.ts';

/** A service entry as written in the topology file, one variant per kind. */
export type ServiceEntry =
  | ConnectedServiceEntry
  | ReachServiceEntry
  | CapacityServiceEntry
  | LatencyServiceEntry
  | ProtectedServiceEntry
  | TrafficServiceEntry;
/** A validated service, one variant per kind. */
export type ModelService =
  | ConnectedModelService
  | ReachModelService
  | CapacityModelService
  | LatencyModelService
  | ProtectedModelService
  | TrafficModelService;
/** A service to create instead of the default all-terminal one on import; endpoints name nodes by id or source id. */
export type ServiceOption =
  | ConnectedServiceOption
  | ReachServiceOption
  | CapacityServiceOption
  | LatencyServiceOption
  | ProtectedServiceOption
  | TrafficServiceOption;
/** A kind's fields of an imported topology document. */
export type ServiceDocumentFields =
  | ConnectedServiceDocument
  | ReachServiceDocument
  | CapacityServiceDocument
  | LatencyServiceDocument
  | ProtectedServiceDocument
  | TrafficServiceDocument;

type Of<U, K extends ServiceKind> = Extract<U, { readonly kind: K }>;

/** Every kind's input-side declaration, keyed by kind. */
export const TOPOLOGY_SERVICE_KINDS: {
  readonly [K in ServiceKind]: TopologyServiceKind<
    K,
    Of<ServiceEntry, K>,
    Of<ModelService, K>,
    Of<ServiceOption, K>,
    Of<ServiceDocumentFields, K>
  >;
} = {
  connected: CONNECTED_TOPOLOGY_SERVICE,
  reach: REACH_TOPOLOGY_SERVICE,
  capacity: CAPACITY_TOPOLOGY_SERVICE,
  latency: LATENCY_TOPOLOGY_SERVICE,
  protected: PROTECTED_TOPOLOGY_SERVICE,
  traffic: TRAFFIC_TOPOLOGY_SERVICE,
};

type AnyTopologyServiceKind = TopologyServiceKind<
  ServiceKind,
  ServiceEntry,
  ModelService,
  ServiceOption,
  ServiceDocumentFields
>;

/**
 * The declaration of a kind, erased to the union of kinds. Sound because every caller passes the kind of the value
 * it then hands to the declaration (entry, service or option of that kind).
 */
function kindOf(kind: ServiceKind): AnyTopologyServiceKind {
  return TOPOLOGY_SERVICE_KINDS[kind] as unknown as AnyTopologyServiceKind;
}

/** "a, b or c". */
function listAlternatives(names: readonly string[]): string {
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

/** The schema of a service entry: one strict object per kind, told apart by `kind`. */
export const serviceSchema = z.discriminatedUnion(
  'kind',
  SERVICE_KIND_NAMES.map((kind) => kindOf(kind).schema) as unknown as [z.ZodObject, ...z.ZodObject[]],
  { error: `a service with kind ${listAlternatives(SERVICE_KIND_NAMES)}` },
) as unknown as z.ZodType<ServiceEntry>;

/** Every field name of every kind's entry, distinct, in registry order. */
export const SERVICE_ENTRY_FIELDS: readonly string[] = [
  ...new Set(SERVICE_KIND_NAMES.flatMap((kind) => kindOf(kind).fields)),
];

/** Fields every service entry has, placed by hand around the kinds' own fields. */
export const SERVICE_COMMON_FIELDS: readonly string[] = ['id', 'name', 'description', 'kind', 'target'];

/** A kind's own entry fields (not the common ones), in schema order. */
export function listKindFields(kind: ServiceKind): string[] {
  return kindOf(kind).fields.filter((field) => !SERVICE_COMMON_FIELDS.includes(field));
}

/** Every kind's own fields, distinct, in registry order. */
export const SERVICE_KIND_FIELDS: readonly string[] = [...new Set(SERVICE_KIND_NAMES.flatMap(listKindFields))];

/** "connected: <summary>; reach: <summary>." for schema docs. */
export function describeServiceKinds(): string {
  return `${SERVICE_KIND_NAMES.map((kind) => `${kind}: ${kindOf(kind).summary}`).join('; ')}.`;
}

/** "kind connected (endpoints) or reach (from, to, k)" for schema docs. */
export function describeServiceShapes(): string {
  return `kind ${listAlternatives(SERVICE_KIND_NAMES.map((kind) => `${kind} (${listKindFields(kind).join(', ')})`))}`;
}

/** Documentation of every kind's own fields (a field two kinds share is documented by the first). */
export function describeServiceFields(): Record<string, ServiceFieldDoc> {
  const docs: Record<string, ServiceFieldDoc> = {};
  for (const kind of SERVICE_KIND_NAMES) {
    for (const [field, doc] of Object.entries(kindOf(kind).fieldDocs)) if (!(field in docs)) docs[field] = doc;
  }
  return docs;
}

/** Validates an entry's kind-specific fields (see TopologyServiceKind.toModel). */
export function validateServiceEntry(
  entry: ServiceEntry,
  common: ServiceCommon,
  check: ServiceCheck,
): ModelService | null {
  return kindOf(entry.kind).toModel(entry, common, check);
}

/** The services a validated entry stands for, itself first (see TopologyServiceKind.expand). */
export function expandService(service: ModelService): ModelService[] {
  const kind = kindOf(service.kind);
  return kind.expand === undefined ? [service] : kind.expand(service);
}

/** A validated service's node ids in the engine's node order (result documents, maps). */
export function listServiceNodeIds(service: ModelService): readonly string[] {
  return kindOf(service.kind).listNodeIds(service);
}

/** Compiles a validated service (see TopologyServiceKind.compile). */
export function compileService(
  service: ModelService,
  nodeIndices: (ids: readonly string[]) => Uint32Array,
  context: ServiceCompileContext,
): CompiledService {
  return kindOf(service.kind).compile(service, nodeIndices, context);
}

/**
 * The compile context of a topology's links (see ServiceCompileContext).
 * @param links the links in link-index order
 */
export function createServiceCompileContext(
  topology: CsrTopology,
  links: ReadonlyArray<{ readonly capacityGbps?: number | null; readonly delayMs?: number | null; readonly lengthKm: number | null }>,
): ServiceCompileContext {
  return {
    topology,
    linkCapacityGbps: Float64Array.from(links, (l) => l.capacityGbps ?? Number.NaN),
    linkDelayMs: Float64Array.from(links, (l) => l.delayMs ?? Number.NaN),
    linkLengthKm: Float64Array.from(links, (l) => l.lengthKm ?? Number.NaN),
  };
}

/** The kind's own problem in an import option, or null. */
export function checkServiceOption(option: ServiceOption): ServiceOptionProblem | null {
  return kindOf(option.kind).checkOption(option);
}

/** The kind's fields of an imported document for an import option (see TopologyServiceKind.toDocument). */
export function buildServiceDocumentFields(
  option: ServiceOption,
  resolveNodes: (field: string, ids: readonly string[]) => string[],
): ServiceDocumentFields {
  return kindOf(option.kind).toDocument(option, resolveNodes);
}
