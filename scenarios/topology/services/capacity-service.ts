// The 'capacity' service kind on the input side: the surviving network carries `demand` (a bit rate) from the
// `from` nodes to the `to` nodes, over link capacities. Schema, validation, compilation and import option.

import { z } from 'zod';
import type { CapacityService } from '../../../engine/index.ts';
import { MESSAGES } from '../../messages.ts';
import { parseBitRateGbps } from '../traffic-quantities.ts';
import { serviceCommonFields, targetSchema } from '../schema-fields.ts';
import { checkTrafficEndpoints, nodeListSchema, trafficQuantitySchema } from './traffic-endpoints.ts';
import type { ServiceCommon, ServiceOptionCommon, TopologyServiceKind } from './topology-service-kind.ts';

const schema = z.strictObject({
  ...serviceCommonFields,
  kind: z.literal('capacity'),
  from: nodeListSchema,
  to: nodeListSchema,
  demand: trafficQuantitySchema,
  target: targetSchema.optional(),
});

/** A capacity service as written in the topology file. */
export type CapacityServiceEntry = z.infer<typeof schema>;

/** A validated capacity service. */
export interface CapacityModelService extends ServiceCommon {
  readonly kind: 'capacity';
  readonly from: readonly string[];
  readonly to: readonly string[];
  /** Gbit/s, > 0. */
  readonly demandGbps: number;
}

/** An import option creating a capacity service (the imported links need capacities before it can run). */
export interface CapacityServiceOption extends ServiceOptionCommon {
  readonly kind: 'capacity';
  readonly from: readonly string[];
  readonly to: readonly string[];
  /** Gbit/s, > 0. */
  readonly demandGbps: number;
}

/** The kind's fields of an imported topology document. */
export interface CapacityServiceDocument {
  readonly kind: 'capacity';
  readonly from: readonly string[];
  readonly to: readonly string[];
  /** Gbit/s. */
  readonly demand: number;
}

/** The declaration of the 'capacity' kind on the input side (see TopologyServiceKind). */
export const CAPACITY_TOPOLOGY_SERVICE: TopologyServiceKind<
  'capacity',
  CapacityServiceEntry,
  CapacityModelService,
  CapacityServiceOption,
  CapacityServiceDocument
> = {
  kind: 'capacity',
  summary: 'the surviving network carries the demand from the `from` nodes to the `to` nodes (max-flow over link capacities)',
  schema,
  fields: Object.keys(schema.shape),
  fieldDocs: {
    from: { description: 'Source node ids (the demand may enter at any of them).', nodeIds: true },
    to: { description: 'Sink node ids (the demand may leave at any of them); none may be a source.', nodeIds: true },
    demand: {
      description:
        'Bit rate to carry: a number in Gbit/s or a text such as "30 Gbit/s", "100G", "400 Mbit/s". A link without a capacity carries nothing (with a warning).',
    },
  },
  toModel(entry, common, check) {
    let ok = checkTrafficEndpoints(check, entry.from, entry.to);
    const demand = parseBitRateGbps(entry.demand);
    if (demand.kind === 'error') {
      check.error('demand', demand.message);
      ok = false;
    }
    // Conservative: a link without a capacity (e.g. one a variant adds) carries nothing, and a warning says so.
    for (const link of check.links) {
      if (link.capacityGbps === null) check.linkWarning(link.id, 'capacity', MESSAGES.linkNeedsCapacity(common.id));
    }
    if (!ok || demand.kind !== 'ok') return null;
    return { kind: 'capacity', ...common, from: entry.from, to: entry.to, demandGbps: demand.value };
  },
  listNodeIds(service) {
    return [...service.from, ...service.to];
  },
  compile(service, nodeIndices, context): CapacityService {
    // A link without a capacity carries nothing (validation warned).
    const linkCapacity = Float64Array.from(context.linkCapacityGbps, (c) => (c > 0 ? c : 0));
    return {
      kind: 'capacity',
      id: service.id,
      from: nodeIndices(service.from),
      to: nodeIndices(service.to),
      demand: service.demandGbps,
      network: context.topology,
      linkCapacity,
    };
  },
  checkOption(option) {
    return option.demandGbps > 0 ? null : { field: 'demandGbps', rule: 'positive-number', value: option.demandGbps };
  },
  toDocument(option, resolveNodes) {
    return {
      kind: 'capacity',
      from: resolveNodes('from', option.from),
      to: resolveNodes('to', option.to),
      demand: option.demandGbps,
    };
  },
};
