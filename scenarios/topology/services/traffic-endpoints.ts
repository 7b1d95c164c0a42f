// What the traffic-aware kinds (capacity, latency, protected) share on the input side: the `from` and `to` node
// lists (schema, validation: known, distinct, disjoint) and the link data their compiled forms copy.

import { z } from 'zod';
import { MESSAGES } from '../../messages.ts';
import { idSchema } from '../schema-fields.ts';
import type { ServiceCheck } from './topology-service-kind.ts';

/** Schema of a non-empty node list. */
export const nodeListSchema = z
  .array(idSchema, { error: 'a list of node ids' })
  .min(1, { error: 'a list of at least 1 node id' });

/** A number in the base unit or a text with units (as topology-schema's quantitySchema; not imported: a cycle). */
export const trafficQuantitySchema = z.union([z.number(), z.string()], { error: 'a number or a quantity with units' });

/** Checks `from` and `to` (known, distinct, no node in both), reporting every problem; true when fine. */
export function checkTrafficEndpoints(check: ServiceCheck, from: readonly string[], to: readonly string[]): boolean {
  let ok = check.nodeIds('from', from);
  ok = check.nodeIds('to', to) && ok;
  const sources = new Set(from);
  for (const id of to) {
    if (sources.has(id)) {
      check.error('to', MESSAGES.sourceIsSink(id));
      ok = false;
    }
  }
  return ok;
}
