// The contract of a service kind on the input side: its entry in the topology file (zod schema), its validated
// form, its compilation into the engine's compiled service, and its import option. One object per kind
// (scenarios/topology/services/<kind>-service.ts); the engine side of the kind lives in engine/services/.

import type { z } from 'zod';
import type { CsrTopology, ServiceOfKind, ServiceKind } from '../../../engine/index.ts';

/** The fields every validated service has. */
export interface ServiceCommon {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  /** Required availability in (0, 1], or null. */
  readonly target: number | null;
}

/** The fields every import option (a service created instead of the default one) may set. */
export interface ServiceOptionCommon {
  readonly id?: string;
  readonly name?: string;
  /** Required availability in [0, 1]. */
  readonly target?: number;
}

/** How validation checks and reports a kind's fields. */
export interface ServiceCheck {
  /**
   * Checks that `ids` name distinct known nodes, reporting each problem at `<field>[i]`.
   * @returns true when every id is fine
   */
  nodeIds(field: string, ids: readonly string[]): boolean;
  /**
   * Checks that `id`, at `field` (a path below the service, e.g. ['demands', 2, 'from']), names a known node.
   * @returns true when it does
   */
  nodeId(field: ServiceFieldPath, id: string): boolean;
  /** Reports a problem with a kind-specific field (a name, or a path below the service). */
  error(field: string | ServiceFieldPath, message: string): void;
  /** The topology's valid links, in file order, with what the traffic-aware kinds read of them. */
  readonly links: readonly ServiceLinkFacts[];
  /** Reports a problem at a link's own field (`links[i].<field>`). */
  linkError(linkId: string, field: string, message: string): void;
  /** Warns at a link's own field (`links[i].<field>`), e.g. a capacity a service would use; once per link and field. */
  linkWarning(linkId: string, field: string, message: string): void;
}

/** A path below a service entry, e.g. ['demands', 2, 'volume']. */
export type ServiceFieldPath = ReadonlyArray<string | number>;

/** A link as the traffic-aware kinds check it. */
export interface ServiceLinkFacts {
  readonly id: string;
  /** Gbit/s, or null when not given. */
  readonly capacityGbps: number | null;
  /** One-way delay in ms as given, or null. */
  readonly delayMs: number | null;
  /** Given or computed from coordinates, or null when unknown. */
  readonly lengthKm: number | null;
}

/** What compilation gives a kind besides node indices: the compiled topology and its links' traffic data. */
export interface ServiceCompileContext {
  readonly topology: CsrTopology;
  /** Per link, Gbit/s; NaN where not given. */
  readonly linkCapacityGbps: Float64Array;
  /** Per link, one-way delay in ms as given; NaN where not given. */
  readonly linkDelayMs: Float64Array;
  /** Per link, km; NaN where unknown. */
  readonly linkLengthKm: Float64Array;
}

/** Documentation of one kind-specific field, shown by editors while a planner types (scenarios/schema). */
export interface ServiceFieldDoc {
  readonly description: string;
  /** True for a list of node ids (its items are documented as ids). */
  readonly nodeIds?: boolean;
  /** For a list of mappings: what one item is, and each of its fields (e.g. a demand's from, to and volume). */
  readonly items?: { readonly description: string; readonly fields: Readonly<Record<string, string>> };
}

/** A problem with an import option's own field (node lists are checked by the caller). */
export interface ServiceOptionProblem {
  readonly field: string;
  readonly rule: 'positive-integer' | 'positive-number';
  readonly value: unknown;
}

/** The check of an optional path count `k` of an import option (reach, protected): a positive integer when given. */
export function checkOptionK(k: number | undefined): ServiceOptionProblem | null {
  return k !== undefined && !(Number.isInteger(k) && k > 0) ? { field: 'k', rule: 'positive-integer', value: k } : null;
}

/**
 * One service kind as the topology file, validation, compilation and import see it.
 * @typeParam Entry the entry as written in the file (after the schema)
 * @typeParam Model the validated service (ids resolved, defaults applied)
 * @typeParam Option the import option creating such a service
 * @typeParam Document the kind's fields in an imported topology document
 */
export interface TopologyServiceKind<
  K extends ServiceKind,
  Entry extends { readonly kind: K },
  Model extends ServiceCommon & { readonly kind: K },
  Option extends ServiceOptionCommon & { readonly kind: K },
  Document extends { readonly kind: K },
> {
  readonly kind: K;
  /** What the kind means, one sentence (schema docs and messages). */
  readonly summary: string;
  /** The entry's schema: a strict object with `kind` as a literal discriminator and the common service fields. */
  readonly schema: z.ZodType<Entry>;
  /** Every field name of the entry, for "did you mean" suggestions. */
  readonly fields: readonly string[];
  /** Documentation of the kind's own fields (not id, name, description, kind, target) for the JSON Schema. */
  readonly fieldDocs: Readonly<Record<string, ServiceFieldDoc>>;
  /**
   * Validates the kind's fields (node ids through `check.nodeIds`, every problem reported) and applies defaults.
   * @returns the validated service, or null when something was reported
   */
  toModel(entry: Entry, common: ServiceCommon, check: ServiceCheck): Model | null;
  /** The service's node ids, in the order the engine lists its nodes (result documents, maps). */
  listNodeIds(service: Model): readonly string[];
  /**
   * Kinds whose one entry reports several figures (traffic: the whole matrix and each demand): the services the
   * entry stands for, itself first. Absent: the entry is one service.
   */
  expand?(service: Model): Model[];
  /**
   * Compiles a validated service into the engine's form; `nodeIndices` maps node ids to dense indices, `context`
   * gives the topology and link data (the traffic-aware kinds copy what they evaluate on).
   */
  compile(
    service: Model,
    nodeIndices: (ids: readonly string[]) => Uint32Array,
    context: ServiceCompileContext,
  ): ServiceOfKind<K>;
  /** The kind's own problems in an import option (null when fine). */
  checkOption(option: Option): ServiceOptionProblem | null;
  /**
   * The kind's fields of an imported document, node lists resolved by `resolveNodes` (which names the option path
   * `service.<field>[i]` in its errors) and defaults applied.
   */
  toDocument(option: Option, resolveNodes: (field: string, ids: readonly string[]) => string[]): Document;
}
