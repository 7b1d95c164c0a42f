// Per-batch random streams: each batch's stream is seeded from (study seed, scenario id, batch index) alone, so the
// same batch gives the same numbers on any thread or machine (DESIGN.md invariant 1). Never Math.random.

import seedrandom from 'seedrandom';

/** A uniform random source on [0, 1) (0 included, 1 excluded). */
export type UniformSource = () => number;

/** The seed string of one batch's stream; also recorded for replay. */
export function deriveBatchSeed(studySeed: string, scenarioId: string, batchIndex: number): string {
  return `neverout/1|${studySeed}|${scenarioId}|${batchIndex}`;
}

/**
 * Creates the random stream of one batch: seedrandom's Alea generator (Baagøe), fast and with savable state.
 * @param studySeed the study's seed as text
 * @param scenarioId the scenario's user id
 * @param batchIndex dense batch index, >= 0
 */
export function createBatchStream(studySeed: string, scenarioId: string, batchIndex: number): UniformSource {
  const prng = seedrandom.alea(deriveBatchSeed(studySeed, scenarioId, batchIndex));
  return () => prng();
}

/** A stream for a named purpose other than a batch (e.g. a random attack choice at plan time). */
export function createNamedStream(studySeed: string, purpose: string): UniformSource {
  const prng = seedrandom.alea(`neverout/1|${studySeed}|${purpose}`);
  return () => prng();
}

/**
 * The batch stream with 53-bit resolution: seedrandom's Alea `double()` (two 32-bit outputs per value) on the
 * same seed string as {@link createBatchStream}. The skip sampler uses it so that geometric gaps keep their
 * tail probabilities below 2^-32 exact.
 */
export function createBatchDoubleStream(studySeed: string, scenarioId: string, batchIndex: number): UniformSource {
  const prng = seedrandom.alea(deriveBatchSeed(studySeed, scenarioId, batchIndex));
  return () => prng.double();
}
