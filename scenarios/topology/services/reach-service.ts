// The 'reach' service kind on the input side: every `from` node reaches at least k of the `to` nodes (k in
// [1, to count], default 1). Schema, validation, compilation and import option in one place.

import { z } from 'zod';
import type { ReachService } from '../../../engine/index.ts';
import { MESSAGES } from '../../messages.ts';
import { serviceCommonFields, idSchema, targetSchema } from '../schema-fields.ts';
import { checkOptionK, type ServiceCommon, type ServiceOptionCommon, type TopologyServiceKind } from './topology-service-kind.ts';

const schema = z.strictObject({
  ...serviceCommonFields,
  kind: z.literal('reach'),
  from: z.array(idSchema, { error: 'a list of node ids' }).min(1, { error: 'a list of at least 1 node id' }),
  to: z.array(idSchema, { error: 'a list of node ids' }).min(1, { error: 'a list of at least 1 node id' }),
  k: z
    .number({ error: 'a whole number >= 1' })
    .int({ error: 'a whole number >= 1' })
    .min(1, { error: 'a whole number >= 1' })
    .optional(),
  target: targetSchema.optional(),
});

/** A reach service as written in the topology file. */
export type ReachServiceEntry = z.infer<typeof schema>;

/** A validated reach service. */
export interface ReachModelService extends ServiceCommon {
  readonly kind: 'reach';
  readonly from: readonly string[];
  readonly to: readonly string[];
  /** In [1, to.length]. */
  readonly k: number;
}

/** An import option creating a reach service; node lists name nodes by id or source id. */
export interface ReachServiceOption extends ServiceOptionCommon {
  readonly kind: 'reach';
  readonly from: readonly string[];
  readonly to: readonly string[];
  /** Positive integer; default 1. */
  readonly k?: number;
}

/** The kind's fields of an imported topology document. */
export interface ReachServiceDocument {
  readonly kind: 'reach';
  readonly from: readonly string[];
  readonly to: readonly string[];
  readonly k: number;
}

/** The declaration of the 'reach' kind on the input side (see TopologyServiceKind). */
export const REACH_TOPOLOGY_SERVICE: TopologyServiceKind<
  'reach',
  ReachServiceEntry,
  ReachModelService,
  ReachServiceOption,
  ReachServiceDocument
> = {
  kind: 'reach',
  summary: 'every `from` endpoint reaches at least k `to` endpoints',
  schema,
  fields: Object.keys(schema.shape),
  fieldDocs: {
    from: { description: 'Node ids that must each reach at least k of the `to` endpoints.', nodeIds: true },
    to: { description: 'Node ids to be reached.', nodeIds: true },
    k: { description: 'How many `to` endpoints each `from` endpoint must reach (whole number >= 1, default 1).' },
  },
  toModel(entry, common, check) {
    // Check both lists and k, so that every problem is reported.
    let ok = check.nodeIds('from', entry.from);
    ok = check.nodeIds('to', entry.to) && ok;
    const k = entry.k ?? 1;
    if (k > entry.to.length) {
      check.error('k', MESSAGES.reachK(k, entry.to.length));
      ok = false;
    }
    return ok ? { kind: 'reach', ...common, from: entry.from, to: entry.to, k } : null;
  },
  listNodeIds(service) {
    return [...service.from, ...service.to];
  },
  compile(service, nodeIndices): ReachService {
    return {
      kind: 'reach',
      id: service.id,
      from: nodeIndices(service.from),
      to: nodeIndices(service.to),
      k: service.k,
    };
  },
  checkOption(option) {
    return checkOptionK(option.k);
  },
  toDocument(option, resolveNodes) {
    return {
      kind: 'reach',
      from: resolveNodes('from', option.from),
      to: resolveNodes('to', option.to),
      k: option.k ?? 1,
    };
  },
};
