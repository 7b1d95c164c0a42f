// The time-simulation fields of the topology file: time distributions (a quantity, the mean of an exponential, or a
// mapping `{ distribution: weibull, shape: 2, scale: 10 h }`), built from the engine's one declaration of each
// distribution (engine/time/time-distribution.ts); risk-group recovery; repair crews. Schemas and their resolution
// into base units with located messages.

import { z } from 'zod';
import {
  TIME_DISTRIBUTION_KINDS,
  TIME_DISTRIBUTION_NAMES,
  type TimeDistribution,
  type TimeDistributionKind,
  type TimeParameterDimension,
} from '../../engine/index.ts';
import { MESSAGES } from '../messages.ts';
import { parseQuantity } from '../quantity.ts';
import { idSchema, text } from './schema-fields.ts';

/** A number in the base unit or a string with units; checked by scenarios/quantity.ts. */
const quantitySchema = z.union([z.number(), z.string()], { error: 'a number or a quantity with units' });

/** The zod schema of one parameter by its dimension. */
function parameterSchema(dimension: TimeParameterDimension): z.ZodType {
  return dimension === 'number' ? z.number({ error: 'a number' }) : quantitySchema;
}

/** Every parameter name of a distribution kind, over all its forms. */
function parameterNames(kind: TimeDistributionKind): string[] {
  return [...new Set(kind.forms.flatMap((f) => f.parameters.map((p) => p.name)))];
}

/** One strict mapping per distribution kind: `distribution` and the parameters of any of its forms (all optional). */
const distributionMappingSchema = z.discriminatedUnion(
  'distribution',
  TIME_DISTRIBUTION_KINDS.map((kind) => {
    const parameters: Record<string, z.ZodType> = {};
    for (const form of kind.forms) {
      for (const p of form.parameters) parameters[p.name] = parameterSchema(p.dimension).optional();
    }
    return z.strictObject(
      { distribution: z.literal(kind.name), ...parameters },
      { error: `a ${kind.name} distribution (${parameterNames(kind).join(', ')})` },
    );
  }) as unknown as [z.ZodObject, ...z.ZodObject[]],
  { error: `a distribution mapping with distribution: one of ${TIME_DISTRIBUTION_NAMES.join(', ')}` },
);

/** A time distribution in a file: a quantity (the mean of an exponential) or a distribution mapping. */
export const timeDistributionSchema = z.union([z.number(), z.string(), distributionMappingSchema], {
  error: `a duration (the mean of an exponential) or a mapping with distribution: ${TIME_DISTRIBUTION_NAMES.join(', ')}`,
});

/** Every field name a distribution mapping may carry, for "did you mean" suggestions. */
export const TIME_DISTRIBUTION_FIELDS: readonly string[] = [
  'distribution',
  ...new Set(TIME_DISTRIBUTION_KINDS.flatMap(parameterNames)),
];

/** Outcome of resolving a time distribution; an error names the field (relative path) it is about. */
export type TimeDistributionOutcome =
  | { readonly kind: 'ok'; readonly distribution: TimeDistribution }
  | { readonly kind: 'error'; readonly path: ReadonlyArray<string | number>; readonly message: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The quantity dimension of scenarios/quantity.ts for a parameter dimension. */
function quantityDimension(dimension: Exclude<TimeParameterDimension, 'number'>): 'duration' | 'ratePerYear' {
  return dimension;
}

/**
 * Resolves a time distribution as written (already checked by timeDistributionSchema) into its kind, mean (hours)
 * and shape. A quantity is the mean of an exponential; a mapping must give exactly the parameters of one of its
 * kind's forms (e.g. lognormal: median and sigma, or mean and sd).
 * @param allowZero accept a quantity of 0 (a response time that is no delay): mean 0
 */
export function resolveTimeDistribution(value: unknown, allowZero = false): TimeDistributionOutcome {
  if (typeof value === 'number' || typeof value === 'string') {
    const parsed = parseQuantity(value, 'duration');
    if (parsed.kind === 'error') return { kind: 'error', path: [], message: parsed.message };
    const valid = allowZero ? parsed.value >= 0 : parsed.value > 0;
    if (!valid || !Number.isFinite(parsed.value)) {
      return { kind: 'error', path: [], message: MESSAGES.expected(allowZero ? 'a duration >= 0' : 'a positive duration', value) };
    }
    return { kind: 'ok', distribution: { kind: 'exponential', meanHours: parsed.value, shape: 0 } };
  }
  if (!isRecord(value)) return { kind: 'error', path: [], message: MESSAGES.expected('a time distribution', value) };
  const kind = TIME_DISTRIBUTION_KINDS.find((k) => k.name === value.distribution);
  if (kind === undefined) {
    return { kind: 'error', path: ['distribution'], message: MESSAGES.expected(`one of ${TIME_DISTRIBUTION_NAMES.join(', ')}`, value.distribution) };
  }
  const given = Object.keys(value).filter((key) => key !== 'distribution');
  const form = kind.forms.find((f) => f.parameters.length === given.length && f.parameters.every((p) => given.includes(p.name)));
  if (form === undefined) {
    const forms = kind.forms.map((f) => f.parameters.map((p) => p.name).join(' and ')).join(', or ');
    return { kind: 'error', path: [], message: `a ${kind.name} distribution needs ${forms} (got ${given.length > 0 ? given.join(', ') : 'none'})` };
  }
  const values: Record<string, number> = {};
  for (const parameter of form.parameters) {
    const raw = value[parameter.name];
    let parsed: number;
    if (parameter.dimension === 'number') {
      if (typeof raw !== 'number') return { kind: 'error', path: [parameter.name], message: MESSAGES.expected(parameter.expected, raw) };
      parsed = raw;
    } else {
      const quantity = parseQuantity(raw, quantityDimension(parameter.dimension));
      if (quantity.kind === 'error') return { kind: 'error', path: [parameter.name], message: quantity.message };
      parsed = quantity.value;
    }
    if (!parameter.check(parsed)) return { kind: 'error', path: [parameter.name], message: MESSAGES.expected(parameter.expected, raw) };
    values[parameter.name] = parsed;
  }
  const fixed = form.toMeanShape(values);
  if (fixed === null || !(fixed.meanHours > 0 && Number.isFinite(fixed.meanHours))) {
    return { kind: 'error', path: [], message: `this ${kind.name} distribution has no finite positive mean` };
  }
  return { kind: 'ok', distribution: { kind: kind.name, meanHours: fixed.meanHours, shape: fixed.shape } };
}

/** How a risk group's members come back after an event (engine/time/group-recovery.ts). */
export const recoverySchema = z.union(
  [
    z.literal('together'),
    z.literal('crews'),
    z.strictObject({ staggered: quantitySchema }, { error: 'a mapping { staggered: <recovery period> }' }),
    z.strictObject({ crew: idSchema }, { error: 'a mapping { crew: <crew id> }' }),
  ],
  { error: 'together, crews, { staggered: <period> } or { crew: <crew id> }' },
);

/** A risk group's recovery, resolved. */
export interface ModelRecovery {
  readonly mode: 'together' | 'staggered' | 'crews';
  /** Staggered: the recovery period in hours (>= 0); otherwise 0. */
  readonly periodHours: number;
  /** Crews: the crew restoring every member, or null for each member's own crew. */
  readonly crew: string | null;
}

/** Recovery of a group that gives none: all members back when the event ends. */
export const TOGETHER_RECOVERY: ModelRecovery = Object.freeze({ mode: 'together', periodHours: 0, crew: null });

/**
 * Resolves a recovery as written (checked by recoverySchema).
 * @param crewIds the crews of the topology, for `{ crew: id }`
 */
export function resolveRecovery(
  value: z.infer<typeof recoverySchema> | undefined,
  crewIds: ReadonlySet<string>,
): { kind: 'ok'; recovery: ModelRecovery } | { kind: 'error'; path: ReadonlyArray<string>; message: string } {
  if (value === undefined || value === 'together') return { kind: 'ok', recovery: TOGETHER_RECOVERY };
  if (value === 'crews') return { kind: 'ok', recovery: { mode: 'crews', periodHours: 0, crew: null } };
  if ('staggered' in value) {
    const period = parseQuantity(value.staggered, 'duration');
    if (period.kind === 'error') return { kind: 'error', path: ['staggered'], message: period.message };
    if (!(period.value >= 0 && Number.isFinite(period.value)))
      return { kind: 'error', path: ['staggered'], message: MESSAGES.expected('a duration >= 0', value.staggered) };
    return { kind: 'ok', recovery: { mode: 'staggered', periodHours: period.value, crew: null } };
  }
  if (!crewIds.has(value.crew)) return { kind: 'error', path: ['crew'], message: `unknown crew id "${value.crew}"` };
  return { kind: 'ok', recovery: { mode: 'crews', periodHours: 0, crew: value.crew } };
}

/** A repair crew in a topology file. */
export function crewSchema<S extends z.ZodType>(selectorSchema: S) {
  return z.strictObject(
    {
      id: idSchema,
      name: text().optional(),
      description: z.string({ error: 'a text' }).optional(),
      count: z
        .number({ error: 'a whole number of crew members >= 1' })
        .int({ error: 'a whole number of crew members >= 1' })
        .positive({ error: 'a whole number of crew members >= 1' }),
      response: timeDistributionSchema,
      repairs: z.union([selectorSchema, z.array(selectorSchema)], { error: 'a selector or a list of selectors' }),
    },
    { error: 'a crew (mapping with id, count, response and repairs)' },
  );
}
