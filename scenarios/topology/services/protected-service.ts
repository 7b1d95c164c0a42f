// The 'protected' service kind on the input side: every `from` node keeps at least k link-disjoint (or
// node-disjoint) surviving paths to the `to` nodes. Schema, validation, compilation and import option.

import { z } from 'zod';
import type { ProtectedService } from '../../../engine/index.ts';
import { serviceCommonFields, targetSchema } from '../schema-fields.ts';
import { checkTrafficEndpoints, nodeListSchema } from './traffic-endpoints.ts';
import { checkOptionK, type ServiceCommon, type ServiceOptionCommon, type TopologyServiceKind } from './topology-service-kind.ts';

const DISJOINT = ['links', 'nodes'] as const;

const schema = z.strictObject({
  ...serviceCommonFields,
  kind: z.literal('protected'),
  from: nodeListSchema,
  to: nodeListSchema,
  k: z
    .number({ error: 'a whole number >= 1' })
    .int({ error: 'a whole number >= 1' })
    .min(1, { error: 'a whole number >= 1' })
    .optional(),
  disjoint: z.enum(DISJOINT, { error: 'one of links, nodes' }).optional(),
  target: targetSchema.optional(),
});

/** A protected service as written in the topology file. */
export type ProtectedServiceEntry = z.infer<typeof schema>;

/** A validated protected service. */
export interface ProtectedModelService extends ServiceCommon {
  readonly kind: 'protected';
  readonly from: readonly string[];
  readonly to: readonly string[];
  /** Disjoint paths required, >= 1. */
  readonly k: number;
  readonly disjoint: 'links' | 'nodes';
}

/** An import option creating a protected service. */
export interface ProtectedServiceOption extends ServiceOptionCommon {
  readonly kind: 'protected';
  readonly from: readonly string[];
  readonly to: readonly string[];
  /** Positive integer; default 2. */
  readonly k?: number;
  readonly disjoint?: 'links' | 'nodes';
}

/** The kind's fields of an imported topology document. */
export interface ProtectedServiceDocument {
  readonly kind: 'protected';
  readonly from: readonly string[];
  readonly to: readonly string[];
  readonly k: number;
  readonly disjoint: 'links' | 'nodes';
}

/** The declaration of the 'protected' kind on the input side (see TopologyServiceKind). */
export const PROTECTED_TOPOLOGY_SERVICE: TopologyServiceKind<
  'protected',
  ProtectedServiceEntry,
  ProtectedModelService,
  ProtectedServiceOption,
  ProtectedServiceDocument
> = {
  kind: 'protected',
  summary: 'every `from` node keeps at least k disjoint surviving paths to the `to` nodes',
  schema,
  fields: Object.keys(schema.shape),
  fieldDocs: {
    from: { description: 'Node ids that must each keep k disjoint paths to the `to` nodes.', nodeIds: true },
    to: { description: 'Node ids the paths lead to (none may be a `from` node).', nodeIds: true },
    k: { description: 'Disjoint paths required per `from` node (whole number >= 1, default 2).' },
    disjoint: { description: 'What the paths may not share: links (default) or nodes (intermediate nodes and links).' },
  },
  toModel(entry, common, check) {
    const ok = checkTrafficEndpoints(check, entry.from, entry.to);
    if (!ok) return null;
    return { kind: 'protected', ...common, from: entry.from, to: entry.to, k: entry.k ?? 2, disjoint: entry.disjoint ?? 'links' };
  },
  listNodeIds(service) {
    return [...service.from, ...service.to];
  },
  compile(service, nodeIndices, context): ProtectedService {
    return {
      kind: 'protected',
      id: service.id,
      from: nodeIndices(service.from),
      to: nodeIndices(service.to),
      k: service.k,
      disjoint: service.disjoint,
      network: context.topology,
    };
  },
  checkOption(option) {
    return checkOptionK(option.k);
  },
  toDocument(option, resolveNodes) {
    return {
      kind: 'protected',
      from: resolveNodes('from', option.from),
      to: resolveNodes('to', option.to),
      k: option.k ?? 2,
      disjoint: option.disjoint ?? 'links',
    };
  },
};
