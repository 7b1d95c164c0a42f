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

/**
 * The batch stream of {@link createBatchStreamPair} with its generator state exposed, so that a hot loop can step it
 * inline (the block sampler's Bernoulli words): the same Alea generator (Baagøe 2010, as seedrandom 3.0.5
 * implements it, including its Mash seeding) on the same seed string, hence the same numbers in the same order.
 */
export interface SteppableBatchStream extends BatchStreamPair {
  /** Alea's state [s0, s1, s2, c]; {@link stepAlea} advances it and returns the next uniform. */
  readonly state: Float64Array;
}

/** Alea's state index of the carry c (s0, s1, s2 are at 0, 1, 2). */
const ALEA_CARRY = 3;

/** Creates the steppable form of one batch's stream (see {@link SteppableBatchStream}). */
export function createSteppableBatchStream(
  studySeed: string,
  scenarioId: string,
  batchIndex: number,
): SteppableBatchStream {
  const state = seedAlea(deriveBatchSeed(studySeed, scenarioId, batchIndex));
  const uniform = (): number => stepAlea(state);
  // seedrandom's prng.double(): a second step supplies 21 more bits.
  const fineUniform = (): number => uniform() + ((uniform() * 0x200000) | 0) * 1.1102230246251565e-16;
  return { state, uniform, fineUniform };
}

/**
 * One step of Alea: returns a uniform on [0, 1) with 32-bit resolution (a multiple of 2^-32) and advances `state`.
 * Multiply-with-carry: t = 2091639 s0 + c 2^-32; (s0, s1, s2) <- (s1, s2, frac(t)); c <- floor(t).
 */
export function stepAlea(state: Float64Array): number {
  const t = 2091639 * state[0] + state[ALEA_CARRY] * 2.3283064365386963e-10;
  state[0] = state[1];
  state[1] = state[2];
  const carry = t | 0;
  state[ALEA_CARRY] = carry;
  return (state[2] = t - carry);
}

/** Alea's seeding: three Mash hashes of ' ' minus Mash hashes of the seed, wrapped into [0, 1); carry 1. */
function seedAlea(seed: string): Float64Array {
  let n = 0xefc8249d;
  const mash = (data: string): number => {
    for (let i = 0; i < data.length; i++) {
      n += data.charCodeAt(i);
      let h = 0.02519603282416938 * n;
      n = h >>> 0;
      h -= n;
      h *= n;
      n = h >>> 0;
      h -= n;
      n += h * 0x100000000;
    }
    return (n >>> 0) * 2.3283064365386963e-10;
  };
  const state = new Float64Array(4);
  state[0] = mash(' ');
  state[1] = mash(' ');
  state[2] = mash(' ');
  for (let i = 0; i < 3; i++) {
    state[i] -= mash(seed);
    if (state[i] < 0) state[i] += 1;
  }
  state[ALEA_CARRY] = 1;
  return state;
}
