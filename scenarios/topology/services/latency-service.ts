// The 'latency' service kind on the input side: every `from` node has a surviving path to some `to` node with a
// one-way delay of at most `bound`. Link delays: `delay` as given, else `lengthKm` at 5 µs/km; plus `hopDelay` per link.

import { z } from 'zod';
import type { LatencyService } from '../../../engine/index.ts';
import { MESSAGES } from '../../messages.ts';
import { FIBRE_DELAY_MS_PER_KM, parseDelayMs } from '../traffic-quantities.ts';
import { serviceCommonFields, targetSchema } from '../schema-fields.ts';
import { checkTrafficEndpoints, nodeListSchema, trafficQuantitySchema } from './traffic-endpoints.ts';
import type { ServiceCommon, ServiceOptionCommon, TopologyServiceKind } from './topology-service-kind.ts';

const schema = z.strictObject({
  ...serviceCommonFields,
  kind: z.literal('latency'),
  from: nodeListSchema,
  to: nodeListSchema,
  bound: trafficQuantitySchema,
  hopDelay: trafficQuantitySchema.optional(),
  target: targetSchema.optional(),
});

/** A latency service as written in the topology file. */
export type LatencyServiceEntry = z.infer<typeof schema>;

/** A validated latency service. */
export interface LatencyModelService extends ServiceCommon {
  readonly kind: 'latency';
  readonly from: readonly string[];
  readonly to: readonly string[];
  /** ms, > 0. */
  readonly boundMs: number;
  /** Added per link traversed (equipment, regeneration), ms, >= 0. */
  readonly hopDelayMs: number;
}

/** An import option creating a latency service. */
export interface LatencyServiceOption extends ServiceOptionCommon {
  readonly kind: 'latency';
  readonly from: readonly string[];
  readonly to: readonly string[];
  /** ms, > 0. */
  readonly boundMs: number;
}

/** The kind's fields of an imported topology document. */
export interface LatencyServiceDocument {
  readonly kind: 'latency';
  readonly from: readonly string[];
  readonly to: readonly string[];
  /** ms. */
  readonly bound: number;
}

/** The declaration of the 'latency' kind on the input side (see TopologyServiceKind). */
export const LATENCY_TOPOLOGY_SERVICE: TopologyServiceKind<
  'latency',
  LatencyServiceEntry,
  LatencyModelService,
  LatencyServiceOption,
  LatencyServiceDocument
> = {
  kind: 'latency',
  summary: 'every `from` node has a surviving path to a `to` node with a delay of at most `bound`',
  schema,
  fields: Object.keys(schema.shape),
  fieldDocs: {
    from: { description: 'Node ids that must each reach a `to` node within the bound.', nodeIds: true },
    to: { description: 'Node ids to be reached (none may be a `from` node).', nodeIds: true },
    bound: { description: 'Largest one-way delay: a number in ms or a text such as "5 ms", "800 us".' },
    hopDelay: {
      description:
        'Delay added per link traversed (equipment, regeneration): a number in ms or a text such as "50 us"; default 0. Link delays are `delay`, else `lengthKm` at 5 µs/km.',
    },
  },
  toModel(entry, common, check) {
    let ok = checkTrafficEndpoints(check, entry.from, entry.to);
    const bound = parseDelayMs(entry.bound, true);
    if (bound.kind === 'error') {
      check.error('bound', bound.message);
      ok = false;
    }
    const hop = entry.hopDelay === undefined ? ({ kind: 'ok', value: 0 } as const) : parseDelayMs(entry.hopDelay, false);
    if (hop.kind === 'error') {
      check.error('hopDelay', hop.message);
      ok = false;
    }
    // Conservative: a link with neither delay nor length cannot be used within any bound, and a warning says so.
    for (const link of check.links) {
      if (link.delayMs === null && link.lengthKm === null) check.linkWarning(link.id, 'delay', MESSAGES.linkNeedsDelay(common.id));
    }
    if (!ok || bound.kind !== 'ok' || hop.kind !== 'ok') return null;
    return { kind: 'latency', ...common, from: entry.from, to: entry.to, boundMs: bound.value, hopDelayMs: hop.value };
  },
  listNodeIds(service) {
    return [...service.from, ...service.to];
  },
  compile(service, nodeIndices, context): LatencyService {
    const linkDelayMs = new Float64Array(context.topology.linkCount);
    for (let j = 0; j < linkDelayMs.length; j++) {
      const given = context.linkDelayMs[j];
      const propagation = Number.isNaN(given) ? context.linkLengthKm[j] * FIBRE_DELAY_MS_PER_KM : given;
      // Neither delay nor length (validation warned): the link is unusable for this service.
      linkDelayMs[j] = propagation >= 0 ? propagation + service.hopDelayMs : Infinity;
    }
    return {
      kind: 'latency',
      id: service.id,
      from: nodeIndices(service.from),
      to: nodeIndices(service.to),
      boundMs: service.boundMs,
      network: context.topology,
      linkDelayMs,
    };
  },
  checkOption(option) {
    return option.boundMs > 0 ? null : { field: 'boundMs', rule: 'positive-number', value: option.boundMs };
  },
  toDocument(option, resolveNodes) {
    return {
      kind: 'latency',
      from: resolveNodes('from', option.from),
      to: resolveNodes('to', option.to),
      bound: option.boundMs,
    };
  },
};
