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

/** Two views of one batch stream: 32-bit and 53-bit uniforms drawn from the same generator, interleaved. */
export interface BatchStreamPair {
  /** Uniform on [0, 1) with 32-bit resolution (one Alea step): enough for Bernoulli and acceptance draws. */
  readonly uniform: UniformSource;
  /** Uniform on [0, 1) with 53-bit resolution (two Alea steps): for inversion, where tails need the bits. */
  readonly fineUniform: UniformSource;
}

/**
 * The batch stream as a {@link BatchStreamPair}: seedrandom's Alea on the same seed string as
 * {@link createBatchStream}. The skip sampler draws geometric gaps by inversion with `fineUniform` (so gap tails
 * below 2^-32 stay exact) and every other decision with `uniform`.
 */
export function createBatchStreamPair(studySeed: string, scenarioId: string, batchIndex: number): BatchStreamPair {
  const prng = seedrandom.alea(deriveBatchSeed(studySeed, scenarioId, batchIndex));
  return { uniform: () => prng(), fineUniform: () => prng.double() };
}
