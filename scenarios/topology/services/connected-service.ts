// The 'connected' service kind on the input side: `endpoints` (at least 2 node ids) that must all be up and
// connected to each other. Schema, validation, compilation and import option in one place.

import { z } from 'zod';
import type { ConnectedService } from '../../../engine/index.ts';
import { serviceCommonFields, idSchema, targetSchema } from '../schema-fields.ts';
import type { ServiceCommon, ServiceOptionCommon, TopologyServiceKind } from './topology-service-kind.ts';

const schema = z.strictObject({
  ...serviceCommonFields,
  kind: z.literal('connected'),
  endpoints: z.array(idSchema, { error: 'a list of node ids' }).min(2, { error: 'a list of at least 2 node ids' }),
  target: targetSchema.optional(),
});

/** A connected service as written in the topology file. */
export type ConnectedServiceEntry = z.infer<typeof schema>;

/** A validated connected service. */
export interface ConnectedModelService extends ServiceCommon {
  readonly kind: 'connected';
  readonly endpoints: readonly string[];
}

/** An import option creating a connected service; endpoints name nodes by id or source id. */
export interface ConnectedServiceOption extends ServiceOptionCommon {
  readonly kind: 'connected';
  readonly endpoints: readonly string[];
}

/** The kind's fields of an imported topology document. */
export interface ConnectedServiceDocument {
  readonly kind: 'connected';
  readonly endpoints: readonly string[];
}

/** The declaration of the 'connected' kind on the input side (see TopologyServiceKind). */
export const CONNECTED_TOPOLOGY_SERVICE: TopologyServiceKind<
  'connected',
  ConnectedServiceEntry,
  ConnectedModelService,
  ConnectedServiceOption,
  ConnectedServiceDocument
> = {
  kind: 'connected',
  summary: 'all endpoints up and in one surviving component',
  schema,
  fields: Object.keys(schema.shape),
  fieldDocs: {
    endpoints: { description: 'Node ids that must all be up and connected to each other (at least 2).', nodeIds: true },
  },
  toModel(entry, common, check) {
    return check.nodeIds('endpoints', entry.endpoints)
      ? { kind: 'connected', ...common, endpoints: entry.endpoints }
      : null;
  },
  listNodeIds(service) {
    return service.endpoints;
  },
  compile(service, nodeIndices): ConnectedService {
    return { kind: 'connected', id: service.id, terminals: nodeIndices(service.endpoints) };
  },
  checkOption() {
    return null;
  },
  toDocument(option, resolveNodes) {
    return { kind: 'connected', endpoints: resolveNodes('endpoints', option.endpoints) };
  },
};
