// zod schemas of the fields shared by the topology file's entries and the service kinds (ids, names, targets).
// Every schema's `error` is the "expected ..." half of the message (see topology-schema.ts).

import { z } from 'zod';

/** A non-empty text; `what` names it in the message. */
export const text = (what = 'a text') => z.string({ error: what }).min(1, { error: `${what} (not empty)` });

export const idSchema = z
  .string({ error: 'an id (text)' })
  .regex(/^[A-Za-z0-9_][A-Za-z0-9_.:\-/]*$/, { error: 'an id of letters, digits and _ . : - / (no spaces)' })
  .max(200, { error: 'an id of at most 200 characters' });

/** A service's required availability, in (0, 1]. */
export const targetSchema = z
  .number({ error: 'a target availability in (0, 1]' })
  .gt(0, { error: 'a target availability in (0, 1]' })
  .max(1, { error: 'a target availability in (0, 1]' });

/** The fields every service entry has besides its kind-specific ones. */
export const serviceCommonFields = {
  id: idSchema,
  name: text().optional(),
  description: z.string({ error: 'a text' }).optional(),
};
