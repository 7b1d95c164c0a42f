// zod schema of the study file (docs/file-formats.md): which topology, seed, sample budget, stopping rule and
// named scenarios (forced events, overrides, sabotage).

import { checkSeed, MAX_SEED_LENGTH, SEED_RULE } from './seed.ts';
import { z } from 'zod';
import { idSchema, probabilitySchema, quantitySchema, riskGroupSchema, selectorSchema } from '../topology/topology-schema.ts';

export const STUDY_FORMAT = 'neverout-study/1';
const SEED_ERROR = `a seed: ${SEED_RULE}`;
export const SABOTAGE_STRATEGIES = ['random', 'betweenness', 'greedy', 'optimal'] as const;
export type SabotageStrategy = (typeof SABOTAGE_STRATEGIES)[number];

const positiveInteger = (what: string) =>
  z.number({ error: what }).int({ error: what }).positive({ error: what });

export const sabotageSchema = z.strictObject(
  {
    budget: positiveInteger('a whole number of elements >= 1').optional(),
    cost: z.number({ error: 'a positive attack cost' }).positive({ error: 'a positive attack cost' }).optional(),
    targets: z.enum(['links', 'nodes', 'all'], { error: 'one of links, nodes, all' }).optional(),
    strategy: z.enum(SABOTAGE_STRATEGIES, { error: `one of ${SABOTAGE_STRATEGIES.join(', ')}` }).optional(),
  },
  { error: 'a sabotage mapping (budget or cost, targets, strategy)' },
);

export const overrideSchema = z.strictObject(
  {
    select: z.union([selectorSchema, z.array(selectorSchema)], { error: 'a selector or a list of selectors' }),
    failureProbability: probabilitySchema.optional(),
    availability: probabilitySchema.optional(),
    mtbf: quantitySchema.optional(),
    mttr: quantitySchema.optional(),
    cutRate: quantitySchema.optional(),
    repairTime: quantitySchema.optional(),
  },
  { error: 'an override (select plus failure parameters)' },
);

/** How a scenario's forced events happen in the time simulation: at time 0 of every year, throughout, or as arrivals. */
export const forcedEventsSchema = z.union(
  [z.literal('start'), z.literal('throughout'), z.strictObject({ arrivals: quantitySchema }, { error: 'a mapping { arrivals: <rate per year> }' })],
  { error: 'start, throughout or { arrivals: <rate per year> }' },
);

/** How `neverout compare` compares this study with another: static samples, or simulated years. */
export const COMPARISON_KINDS = ['static', 'time'] as const;

/** The time-simulation settings of a study. */
export const simulationSchema = z.strictObject(
  {
    years: positiveInteger('a whole number of simulated years >= 1').optional(),
    yearsPerBatch: positiveInteger('a whole number of simulated years per batch >= 1').optional(),
    forcedEvents: forcedEventsSchema.optional(),
    compare: z.enum(COMPARISON_KINDS, { error: `one of ${COMPARISON_KINDS.join(', ')}` }).optional(),
  },
  { error: 'a simulation mapping (years, yearsPerBatch, forcedEvents, compare)' },
);

export const scenarioSchema = z.strictObject(
  {
    id: idSchema,
    name: z.string({ error: 'a text' }).min(1, { error: 'a text (not empty)' }).optional(),
    description: z.string({ error: 'a text' }).optional(),
    force: z.array(idSchema, { error: 'a list of risk-group, node or link ids' }).optional(),
    randomFailures: z.boolean({ error: 'true or false' }).optional(),
    sabotage: sabotageSchema.optional(),
    overrides: z.array(overrideSchema, { error: 'a list of overrides' }).optional(),
    forcedEvents: forcedEventsSchema.optional(),
  },
  { error: 'a scenario (mapping with id)' },
);

export const studySchema = z.strictObject(
  {
    $schema: z.string({ error: 'a text (the path or URL of a JSON Schema)' }).optional(),
    format: z.literal(STUDY_FORMAT, { error: `"${STUDY_FORMAT}"` }),
    name: z.string({ error: 'a text' }).min(1, { error: 'a text (not empty)' }),
    description: z.string({ error: 'a text' }).optional(),
    topology: z.string({ error: '"default" or a path to a topology file' }).min(1, { error: '"default" or a path to a topology file' }),
    seed: z
      .union(
        [
          z
            .string()
            .min(1, { error: SEED_ERROR, abort: true })
            .max(MAX_SEED_LENGTH, { error: SEED_ERROR, abort: true })
            .refine((seed) => checkSeed(seed) === null, { error: SEED_ERROR }),
          z
            .number()
            .int()
            .refine((n) => checkSeed(String(n)) === null, { error: SEED_ERROR }),
        ],
        { error: SEED_ERROR },
      )
      .optional(),
    samples: positiveInteger('a whole number of samples >= 1').optional(),
    batchSize: positiveInteger('a whole number of samples per batch >= 1').optional(),
    relativeError: z.number({ error: 'a relative error in (0, 1)' }).gt(0, { error: 'a relative error in (0, 1)' }).lt(1, { error: 'a relative error in (0, 1)' }).optional(),
    maxTime: quantitySchema.optional(),
    services: z.array(idSchema, { error: 'a list of service ids' }).min(1, { error: 'a list of at least 1 service id' }).optional(),
    riskGroups: z.array(z.unknown(), { error: 'a list of risk groups' }).optional(),
    scenarios: z.array(z.unknown(), { error: 'a list of scenarios' }).min(1, { error: 'a list of at least 1 scenario' }),
    simulation: simulationSchema.optional(),
  },
  { error: 'a study (mapping with format, name, topology and scenarios)' },
);

export { riskGroupSchema };
export type StudyFile = z.infer<typeof studySchema>;
export type ScenarioEntry = z.infer<typeof scenarioSchema>;
export type SabotageEntry = z.infer<typeof sabotageSchema>;
export type OverrideEntry = z.infer<typeof overrideSchema>;
export type ForcedEventsEntry = z.infer<typeof forcedEventsSchema>;
