// zod schemas of the topology file (docs/file-formats.md). Every schema's `error` is the "expected ..." half of
// the message; validation appends ", got <value>" from the input, so messages read
// `links[3].lengthKm: expected a positive number, got -2`.

import { z } from 'zod';
import { idSchema, text } from './schema-fields.ts';
import { serviceSchema } from './services/topology-service-kinds.ts';
import { crewSchema as buildCrewSchema, recoverySchema, timeDistributionSchema } from './time-fields.ts';

export { idSchema, serviceSchema };

export const TOPOLOGY_FORMAT = 'neverout-topology/1';
export const LINK_MEDIA = ['fibre', 'radio', 'satellite', 'leased'] as const;
export type LinkMedium = (typeof LINK_MEDIA)[number];

/** Link layers: `service` (default: part of the service graph) and `physical` (carries logical links only). */
export const LINK_LAYERS = ['service', 'physical'] as const;
export const ROUTE_SHORTEST = 'shortest';
export const ROUTE_DISJOINT_SHORTEST = 'disjoint-shortest';

function routeSchema<K extends string>(keyword: K) {
  const nonEmpty = z.array(idSchema).min(1, { error: `a list of at least 1 physical link id, or ${keyword}` });
  return z.union([z.literal(keyword), nonEmpty], { error: `a list of physical link ids, or ${keyword}` });
}

export const probabilitySchema = z
  .number({ error: 'a number in [0, 1]' })
  .min(0, { error: 'a number in [0, 1]' })
  .max(1, { error: 'a number in [0, 1]' });
/** A number in the base unit or a string with units; checked by scenarios/quantity.ts. */
export const quantitySchema = z.union([z.number(), z.string()], { error: 'a number or a quantity with units' });
const positiveNumber = z.number({ error: 'a positive number' }).positive({ error: 'a positive number' });
const scalar = z.union([z.string(), z.number(), z.boolean()], { error: 'a text, number or true/false' });
export const attributesSchema = z.record(z.string(), scalar, { error: 'a mapping of attribute names to values' });

const failureFields = {
  failureProbability: probabilitySchema.optional(),
  availability: probabilitySchema.optional(),
  mtbf: quantitySchema.optional(),
  mttr: quantitySchema.optional(),
  attackCost: positiveNumber.optional(),
  /** Time simulation: the time-to-failure distribution (its mean fixes q with the repair time). */
  timeToFailure: timeDistributionSchema.optional(),
  /** Time simulation: the repair (work) time distribution; its mean is the MTTR of the static model. */
  timeToRepair: timeDistributionSchema.optional(),
};
const linkFailureFields = { ...failureFields, cutRate: quantitySchema.optional(), repairTime: quantitySchema.optional() };

export const nodeDefaultsSchema = z.strictObject(failureFields, { error: 'a mapping of failure parameters' });
export const linkDefaultsSchema = z.strictObject(linkFailureFields, { error: 'a mapping of failure parameters' });

export const nodeSchema = z.strictObject(
  {
    id: idSchema,
    name: text().optional(),
    kind: text('a node kind (text)'),
    lat: z.number({ error: 'a latitude in [-90, 90]' }).min(-90, { error: 'a latitude in [-90, 90]' }).max(90, { error: 'a latitude in [-90, 90]' }).optional(),
    lon: z
      .number({ error: 'a longitude in [-180, 180]' })
      .min(-180, { error: 'a longitude in [-180, 180]' })
      .max(180, { error: 'a longitude in [-180, 180]' })
      .optional(),
    attributes: attributesSchema.optional(),
    description: z.string({ error: 'a text' }).optional(),
    ...failureFields,
  },
  { error: 'a node (mapping with id and kind)' },
);

export const linkSchema = z.strictObject(
  {
    id: idSchema,
    from: idSchema,
    to: idSchema,
    medium: z.enum(LINK_MEDIA, { error: `one of ${LINK_MEDIA.join(', ')}` }),
    lengthKm: quantitySchema.optional(),
    /** Bit rate the link carries (capacity services); checked by traffic-quantities.ts. */
    capacity: quantitySchema.optional(),
    /** One-way delay (latency services); default from lengthKm at 5 µs/km. */
    delay: quantitySchema.optional(),
    /** `physical`: the link carries logical links only (their routes), not services directly. */
    layer: z.enum(LINK_LAYERS, { error: `one of ${LINK_LAYERS.join(', ')}` }).optional(),
    /** A logical link's working route: physical link ids from `from` to `to`, or `shortest` (computed). */
    over: routeSchema(ROUTE_SHORTEST).optional(),
    /** A logical link's 1+1 protection route: physical link ids, or `disjoint-shortest` (computed). */
    protection: routeSchema(ROUTE_DISJOINT_SHORTEST).optional(),
    attributes: attributesSchema.optional(),
    description: z.string({ error: 'a text' }).optional(),
    ...linkFailureFields,
  },
  { error: 'a link (mapping with id, from, to and medium)' },
);

/** The rule a medium follows, in messages. */
const MEDIUM_RULE = `one of ${LINK_MEDIA.join(', ')}`;

const stringOrList = z.union([text(), z.array(text())], { error: 'a text or a list of texts' });
/** A `where` value: an attribute value, or a list of them (any matches). */
const attributeValuesSchema = z.union([scalar, z.array(scalar)], { error: 'a text, number or true/false, or a list of them' });

export const selectorSchema = z.strictObject(
  {
    ids: z.array(idSchema, { error: 'a list of ids' }).optional(),
    elements: z.enum(['nodes', 'links', 'all'], { error: 'one of nodes, links, all' }).optional(),
    kind: stringOrList.optional(),
    medium: z
      .union([z.enum(LINK_MEDIA, { error: MEDIUM_RULE }), z.array(z.enum(LINK_MEDIA, { error: MEDIUM_RULE }))], {
        error: `a medium or a list of media (${MEDIUM_RULE})`,
      })
      .optional(),
    where: z.record(z.string(), attributeValuesSchema, { error: 'a mapping of attribute values' }).optional(),
    within: z
      .strictObject(
        {
          lat: z.number({ error: 'a latitude in [-90, 90]' }).min(-90, { error: 'a latitude in [-90, 90]' }).max(90, { error: 'a latitude in [-90, 90]' }),
          lon: z.number({ error: 'a longitude in [-180, 180]' }).min(-180, { error: 'a longitude in [-180, 180]' }).max(180, { error: 'a longitude in [-180, 180]' }),
          radiusKm: positiveNumber,
        },
        { error: 'a mapping with lat, lon and radiusKm' },
      )
      .optional(),
  },
  { error: 'a selector (mapping)' },
);

export const riskGroupSchema = z.strictObject(
  {
    id: idSchema,
    name: text().optional(),
    description: z.string({ error: 'a text' }).optional(),
    select: z.union([selectorSchema, z.array(selectorSchema)], { error: 'a selector or a list of selectors' }),
    probability: probabilitySchema.optional(),
    rate: quantitySchema.optional(),
    duration: timeDistributionSchema.optional(),
    memberFailureProbability: probabilitySchema.optional(),
    recovery: recoverySchema.optional(),
  },
  { error: 'a risk group (mapping with id and select)' },
);

export const crewSchema = buildCrewSchema(selectorSchema);

export const topologySchema = z.strictObject(
  {
    $schema: z.string({ error: 'a text (the path or URL of a JSON Schema)' }).optional(),
    format: z.literal(TOPOLOGY_FORMAT, { error: `"${TOPOLOGY_FORMAT}"` }),
    name: text(),
    description: z.string({ error: 'a text' }).optional(),
    illustrative: z.boolean({ error: 'true or false' }).optional(),
    defaults: z
      .strictObject(
        {
          nodes: z.record(z.string(), nodeDefaultsSchema, { error: 'a mapping from node kind to failure parameters' }).optional(),
          links: z.record(z.string(), linkDefaultsSchema, { error: 'a mapping from medium to failure parameters' }).optional(),
        },
        { error: 'a mapping with nodes and links' },
      )
      .optional(),
    /** "default" or a path: this file adds to, replaces in, or removes from that topology. */
    extends: z.string({ error: '"default" or a path to a topology file' }).optional(),
    removeNodes: z.array(idSchema, { error: 'a list of node ids' }).optional(),
    removeLinks: z.array(idSchema, { error: 'a list of link ids' }).optional(),
    removeRiskGroups: z.array(idSchema, { error: 'a list of risk-group ids' }).optional(),
    removeServices: z.array(idSchema, { error: 'a list of service ids' }).optional(),
    removeCrews: z.array(idSchema, { error: 'a list of crew ids' }).optional(),
    // Optional here so that an extending file may add only links; the merged topology must have both.
    nodes: z.array(nodeSchema, { error: 'a list of nodes' }).optional(),
    links: z.array(linkSchema, { error: 'a list of links' }).optional(),
    riskGroups: z.array(riskGroupSchema, { error: 'a list of risk groups' }).optional(),
    services: z.array(serviceSchema, { error: 'a list of services' }).optional(),
    crews: z.array(crewSchema, { error: 'a list of repair crews' }).optional(),
  },
  { error: 'a topology (mapping with format, name, nodes and links)' },
);

export type CrewEntry = z.infer<typeof crewSchema>;
export type TopologyFile = z.infer<typeof topologySchema>;
export type NodeEntry = z.infer<typeof nodeSchema>;
export type LinkEntry = z.infer<typeof linkSchema>;
export type SelectorEntry = z.infer<typeof selectorSchema>;
export type RiskGroupEntry = z.infer<typeof riskGroupSchema>;
export type { ServiceEntry } from './services/topology-service-kinds.ts';
export type FailureParameters = z.infer<typeof linkDefaultsSchema>;
