// Random streams of the time simulation: one per element and per risk group, seeded from (study seed, scenario id,
// batch index, entity id) alone (DESIGN.md invariant 1). Because an entity's draws never depend on other entities,
// two plans simulated on the same streams share every failure history where an element exists in both (common
// random numbers), whatever else differs between them.

import seedrandom from 'seedrandom';
import type { UniformSource } from '../sampling/random-stream.ts';

/** The seed string of one entity's stream in one batch; also recorded for replay. */
export function deriveTimeEntitySeed(studySeed: string, scenarioId: string, batchIndex: number, entityKey: string): string {
  return `neverout/1|${studySeed}|time|${scenarioId}|${batchIndex}|${entityKey}`;
}

/** The key of element `id` in deriveTimeEntitySeed (element ids are unique among nodes and links). */
export function elementStreamKey(id: string): string {
  return `e:${id}`;
}

/** The key of risk group `id` in deriveTimeEntitySeed. */
export function groupStreamKey(id: string): string {
  return `g:${id}`;
}

/**
 * Creates one entity's stream: seedrandom's Alea generator (Baagøe), as every batch stream of the engine.
 * @param entityKey elementStreamKey(id) or groupStreamKey(id)
 */
export function createTimeEntityStream(
  studySeed: string,
  scenarioId: string,
  batchIndex: number,
  entityKey: string,
): UniformSource {
  const prng = seedrandom.alea(deriveTimeEntitySeed(studySeed, scenarioId, batchIndex, entityKey));
  return () => prng();
}
