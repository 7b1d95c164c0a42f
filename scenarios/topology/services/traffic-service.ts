// The 'traffic' service kind on the input side: a demand matrix (site pairs and volumes) routed by shortest paths
// with ECMP, then restoration of what failed over the shortest surviving paths with room. One entry becomes a
// service for the whole matrix and one per demand (expand), so the result has the fraction of traffic served overall
// and per demand. Schema, validation, compilation and import option.

import { z } from 'zod';
import type { TrafficService } from '../../../engine/index.ts';
import { MESSAGES } from '../../messages.ts';
import { FIBRE_DELAY_MS_PER_KM, parseBitRateGbps } from '../traffic-quantities.ts';
import { idSchema, serviceCommonFields, targetSchema } from '../schema-fields.ts';
import { trafficQuantitySchema } from './traffic-endpoints.ts';
import type { ServiceCommon, ServiceOptionCommon, TopologyServiceKind } from './topology-service-kind.ts';

const demandSchema = z.strictObject(
  {
    from: idSchema,
    to: idSchema,
    volume: trafficQuantitySchema,
  },
  { error: 'a demand { from, to, volume }' },
);

const schema = z.strictObject({
  ...serviceCommonFields,
  kind: z.literal('traffic'),
  demands: z.array(demandSchema, { error: 'a list of demands { from, to, volume }' }).min(1, { error: 'a list of at least 1 demand' }),
  metric: z.enum(['hops', 'delay'], { error: 'hops or delay' }).optional(),
  restoration: z.boolean({ error: 'true or false' }).optional(),
  target: targetSchema.optional(),
});

/** A traffic service as written in the topology file. */
export type TrafficServiceEntry = z.infer<typeof schema>;

/** One demand of a validated matrix. */
export interface TrafficModelDemand {
  readonly from: string;
  readonly to: string;
  /** Gbit/s, > 0. */
  readonly volumeGbps: number;
}

/** A validated traffic service: the whole matrix (`demandIndex` -1) or one of its demands. */
export interface TrafficModelService extends ServiceCommon {
  readonly kind: 'traffic';
  /** The id of the matrix's own entry (the whole matrix's service id). */
  readonly matrixId: string;
  readonly demands: readonly TrafficModelDemand[];
  /** Link metric of the shortest paths: hop count, or delay (microseconds, from `delay` or `lengthKm`). */
  readonly metric: 'hops' | 'delay';
  /** Whether traffic whose working paths failed is restored (default true). */
  readonly restoration: boolean;
  /** -1: the whole matrix; else the demand this service measures. */
  readonly demandIndex: number;
}

/** An import option creating a traffic service. */
export interface TrafficServiceOption extends ServiceOptionCommon {
  readonly kind: 'traffic';
  readonly demands: readonly TrafficModelDemand[];
  readonly metric?: 'hops' | 'delay';
}

/** The kind's fields of an imported topology document. */
export interface TrafficServiceDocument {
  readonly kind: 'traffic';
  readonly demands: ReadonlyArray<{ readonly from: string; readonly to: string; readonly volume: number }>;
  readonly metric: 'hops' | 'delay';
}

/** The id of a matrix's service for demand d: `<matrix>/<from>:<to>`. */
export function formatDemandServiceId(matrixId: string, demand: TrafficModelDemand): string {
  return `${matrixId}/${demand.from}:${demand.to}`;
}

/** The declaration of the 'traffic' kind on the input side (see TopologyServiceKind). */
export const TRAFFIC_TOPOLOGY_SERVICE: TopologyServiceKind<
  'traffic',
  TrafficServiceEntry,
  TrafficModelService,
  TrafficServiceOption,
  TrafficServiceDocument
> = {
  kind: 'traffic',
  summary:
    'a demand matrix routed by shortest paths with ECMP, then restoration over the shortest surviving paths with room; reports the fraction of traffic served, overall and per demand',
  schema,
  fields: Object.keys(schema.shape),
  fieldDocs: {
    demands: {
      description:
        'The demand matrix: a list of { from, to, volume } (node ids and a bit rate such as "10 Gbit/s"); each ordered pair at most once. The result has one row for the whole matrix and one per demand (id `<matrix>/<from>:<to>`).',
      items: {
        description: 'One demand: traffic from one site to another (one direction).',
        fields: {
          from: 'Id of the node the traffic enters at.',
          to: 'Id of the node the traffic leaves at (not `from`).',
          volume: 'Bit rate: a number in Gbit/s or a text such as "10 Gbit/s", "100G", "400 Mbit/s".',
        },
      },
    },
    metric: {
      description:
        'Link metric of the shortest paths: hops (default) or delay (each link\'s `delay`, else `lengthKm` at 5 µs/km, in whole microseconds). ECMP splits equally over every next hop on a shortest path.',
    },
    restoration: {
      description:
        'true (default): traffic whose working paths failed is restored, in demand order, over the shortest surviving paths with capacity left (per direction, full duplex); false: it is lost.',
    },
  },
  toModel(entry, common, check) {
    let ok = true;
    const demands: TrafficModelDemand[] = [];
    const firstOfPair = new Map<string, number>();
    entry.demands.forEach((demand, k) => {
      let fine = check.nodeId(['demands', k, 'from'], demand.from);
      fine = check.nodeId(['demands', k, 'to'], demand.to) && fine;
      if (demand.from === demand.to) {
        check.error(['demands', k, 'to'], MESSAGES.demandToItself(demand.from));
        fine = false;
      }
      const pair = `${demand.from}\u0000${demand.to}`;
      const first = firstOfPair.get(pair);
      if (first !== undefined) {
        check.error(['demands', k], MESSAGES.duplicateDemand(demand.from, demand.to, `demands[${first}]`));
        fine = false;
      } else firstOfPair.set(pair, k);
      const volume = parseBitRateGbps(demand.volume);
      if (volume.kind === 'error') {
        check.error(['demands', k, 'volume'], volume.message);
        fine = false;
      }
      if (fine && volume.kind === 'ok') demands.push({ from: demand.from, to: demand.to, volumeGbps: volume.value });
      ok = ok && fine;
    });
    const metric = entry.metric ?? 'hops';
    for (const link of check.links) {
      if (link.capacityGbps === null) check.linkWarning(link.id, 'capacity', MESSAGES.linkNeedsRestorationCapacity(common.id));
      if (metric === 'delay' && link.delayMs === null && link.lengthKm === null) {
        check.linkWarning(link.id, 'delay', MESSAGES.linkNeedsDelay(common.id, 'traffic'));
      }
    }
    if (!ok) return null;
    return {
      kind: 'traffic',
      ...common,
      matrixId: common.id,
      demands,
      metric,
      restoration: entry.restoration ?? true,
      demandIndex: -1,
    };
  },
  expand(service) {
    return [
      service,
      ...service.demands.map((demand, d) => ({
        ...service,
        id: formatDemandServiceId(service.id, demand),
        name: `${service.name}: ${demand.from} → ${demand.to}`,
        description: '',
        demandIndex: d,
      })),
    ];
  },
  listNodeIds(service) {
    const demands = service.demandIndex >= 0 ? [service.demands[service.demandIndex]] : service.demands;
    return demands.flatMap((d) => [d.from, d.to]);
  },
  compile(service, nodeIndices, context): TrafficService {
    const linkCount = context.topology.linkCount;
    const linkCost = new Float64Array(linkCount);
    for (let j = 0; j < linkCount; j++) {
      if (service.metric === 'hops') {
        linkCost[j] = 1;
        continue;
      }
      const given = context.linkDelayMs[j];
      const delayMs = Number.isNaN(given) ? context.linkLengthKm[j] * FIBRE_DELAY_MS_PER_KM : given;
      // Whole microseconds, at least 1: integer metrics make equal-cost paths exact ties (as OSPF's integer costs).
      // Neither delay nor length (validation warned): the link is unusable.
      linkCost[j] = delayMs >= 0 ? Math.max(1, Math.round(delayMs * 1000)) : Infinity;
    }
    const source = nodeIndices(service.demands.map((d) => d.from));
    const target = nodeIndices(service.demands.map((d) => d.to));
    const ends = [...new Set([...source, ...target])];
    return {
      kind: 'traffic',
      id: service.id,
      matrixId: service.matrixId,
      demandIndex: service.demandIndex,
      demandSource: source,
      demandTarget: target,
      demandVolume: Float64Array.from(service.demands, (d) => d.volumeGbps),
      linkCost,
      // A link without a capacity has no room for restored traffic (validation warned).
      linkCapacity: Float64Array.from(context.linkCapacityGbps, (c) => (c > 0 ? c : 0)),
      restoration: service.restoration,
      from: Uint32Array.from(ends.slice(0, -1)),
      to: Uint32Array.of(ends[ends.length - 1]),
      network: context.topology,
    };
  },
  checkOption(option) {
    const bad = option.demands.find((d) => !(d.volumeGbps > 0));
    return bad === undefined ? null : { field: 'demands', rule: 'positive-number', value: bad.volumeGbps };
  },
  toDocument(option, resolveNodes) {
    return {
      kind: 'traffic',
      demands: option.demands.map((d, k) => ({
        from: resolveNodes(`demands[${k}].from`, [d.from])[0],
        to: resolveNodes(`demands[${k}].to`, [d.to])[0],
        volume: d.volumeGbps,
      })),
      metric: option.metric ?? 'hops',
    };
  },
};
