// The traffic quantities of the topology file: link capacities and demands (bit rates, base unit Gbit/s) and
// delays and latency bounds (base unit ms). A plain number is in the base unit; a text carries its unit.

import type { QuantityOutcome } from '../quantity.ts';
import { MESSAGES } from '../messages.ts';

/** What a bit rate looks like, for messages. */
export const BIT_RATE_DESCRIPTION = 'a bit rate (e.g. 10 Gbit/s, 100G, 400 Mbit/s; a number is Gbit/s)';
/** What a delay looks like, for messages. */
export const DELAY_DESCRIPTION = 'a delay (e.g. 5 ms, 250 us; a number is ms)';

const NUMBER = '([0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE]([+-]?[0-9]+))?';
const BIT_RATE = new RegExp(`^\\s*${NUMBER}\\s*(?:([kMGT])(?:bit/s|b/s|bps)?|(bit/s|b/s|bps))\\s*$`);
const DELAY = new RegExp(`^\\s*${NUMBER}\\s*(ns|us|µs|μs|ms|s)\\s*$`);
const RATE_PREFIX_GBPS: Readonly<Record<string, number>> = { k: 1e-6, M: 1e-3, G: 1, T: 1e3 };
const DELAY_UNIT_MS: Readonly<Record<string, number>> = { ns: 1e-6, us: 1e-3, µs: 1e-3, μs: 1e-3, ms: 1, s: 1e3 };

function readNumber(mantissa: string, exponent: string | undefined): number {
  return Number(exponent === undefined ? mantissa : `${mantissa}e${exponent}`);
}

/**
 * A link capacity or a demand in Gbit/s, > 0 (finite).
 * @param value a number (Gbit/s) or a text with a unit: `10 Gbit/s`, `100G`, `400 Mbit/s`, `1 Tbit/s`, `10 Gbps`
 */
export function parseBitRateGbps(value: number | string): QuantityOutcome {
  let gbps = Number.NaN;
  if (typeof value === 'number') gbps = value;
  else {
    const match = BIT_RATE.exec(value);
    if (match !== null) {
      const scale = match[3] !== undefined ? RATE_PREFIX_GBPS[match[3]] : 1e-9;
      gbps = readNumber(match[1], match[2]) * scale;
    }
  }
  if (!(gbps > 0 && Number.isFinite(gbps))) return { kind: 'error', message: MESSAGES.expected(BIT_RATE_DESCRIPTION, value) };
  return { kind: 'ok', value: gbps };
}

/**
 * A delay or a latency bound in milliseconds, >= 0 (or > 0 with `positive`).
 * @param value a number (ms) or a text with a unit: `5 ms`, `250 us`, `0.002 s`
 */
export function parseDelayMs(value: number | string, positive: boolean): QuantityOutcome {
  let ms = Number.NaN;
  if (typeof value === 'number') ms = value;
  else {
    const match = DELAY.exec(value);
    if (match !== null) ms = readNumber(match[1], match[2]) * DELAY_UNIT_MS[match[3]];
  }
  if (!(Number.isFinite(ms) && (positive ? ms > 0 : ms >= 0))) {
    return { kind: 'error', message: MESSAGES.expected(positive ? `a positive ${DELAY_DESCRIPTION.slice(2)}` : DELAY_DESCRIPTION, value) };
  }
  return { kind: 'ok', value: ms };
}

/** Propagation delay of light in fibre: 5 µs per km (refractive index about 1.5), in ms per km. */
export const FIBRE_DELAY_MS_PER_KM = 0.005;
