// Number and text formatting for people who will not read JSON: availability as a percentage with enough digits,
// small probabilities in scientific notation, downtime in minutes or hours per year. Pure and locale-independent.

import { MINUTES_PER_YEAR, type Interval } from '../../engine/index.ts';

/** Minutes in a (Julian) year, the engine's constant behind the result document's downtime figures. */
export { MINUTES_PER_YEAR };

/** Below this a probability is written in scientific notation (1.2 × 10⁻⁴); from it (included) as a decimal. */
const SCIENTIFIC_BELOW = 1e-3;
/** Most decimals an availability percentage is ever given with (unavailabilities down to about 1e-14). */
const MAX_PERCENT_DECIMALS = 12;

const SUPERSCRIPT_DIGITS: Readonly<Record<string, string>> = {
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
  '-': '⁻',
};

/** Writes an integer exponent in superscript digits ("-6" becomes "⁻⁶"). */
function toSuperscript(exponent: number): string {
  return [...String(exponent)].map((c) => SUPERSCRIPT_DIGITS[c] ?? c).join('');
}

/** Groups thousands with commas: 2000000 becomes "2,000,000". Integers only; others are rounded first. */
export function formatCount(value: number): string {
  const rounded = Math.round(value);
  const sign = rounded < 0 ? '-' : '';
  return sign + String(Math.abs(rounded)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * Writes a number with `significant` significant digits, without trailing zeros and without exponent for values in
 * [1e-3, 1e6). Used for plain quantities (costs, ratios, years).
 */
export function formatNumber(value: number, significant = 3): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e6 || magnitude < SCIENTIFIC_BELOW) return formatScientific(value, significant);
  const text = value.toPrecision(significant);
  const plain = Number(text);
  if (Math.abs(plain) >= 1000 && Number.isInteger(plain)) return formatCount(plain);
  // toPrecision switches to exponent form when the integer part has more digits than asked: 100 with 2 gives
  // "1.0e+2", which must read "100".
  if (text.includes('e')) return String(plain);
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/** Scientific notation with a superscript exponent: 3.12e-6 becomes "3.12 × 10⁻⁶". */
export function formatScientific(value: number, significant = 3): string {
  const [mantissa = '0', exponent = '0'] = value.toExponential(Math.max(0, significant - 1)).split('e');
  const trimmedMantissa = mantissa.includes('.') ? mantissa.replace(/\.?0+$/, '') : mantissa;
  return `${trimmedMantissa} × 10${toSuperscript(Number(exponent))}`;
}

/**
 * Formats a probability in [0, 1]: 0 and 1 exactly, scientific notation below 1e-3 (excluded), else three
 * significant digits ("0.302").
 */
export function formatProbability(value: number): string {
  if (value === 0) return '0';
  if (value === 1) return '1';
  if (Math.abs(value) < SCIENTIFIC_BELOW) return formatScientific(value);
  return formatNumber(value, 3);
}

/**
 * The number of decimals an availability percentage needs so that its unavailability keeps at least two
 * significant digits, e.g. 0.99999688 needs 6 ("99.999688%"). Takes the most any of the values needs.
 */
export function availabilityPercentDecimals(values: readonly number[]): number {
  let decimals = 1;
  for (const value of values) {
    const unavailabilityPercent = (1 - value) * 100;
    if (unavailabilityPercent <= 0 || !Number.isFinite(unavailabilityPercent)) continue;
    // Rounded first: 1 - 0.99999 is 1.0000000000065e-5 in floating point, which must count as exactly 1e-5.
    const leadingZeros = Math.max(0, Math.ceil(Number((-Math.log10(unavailabilityPercent)).toFixed(9))));
    decimals = Math.max(decimals, leadingZeros + 1);
  }
  return Math.min(decimals, MAX_PERCENT_DECIMALS);
}

/**
 * Availability in [0, 1] as a percentage: "99.999688%". With `decimals` omitted, enough digits are used for the
 * unavailability to keep two significant digits. Exactly 1 is "100%", exactly 0 is "0%".
 */
export function formatAvailability(value: number, decimals?: number): string {
  if (value === 1) return '100%';
  if (value === 0) return '0%';
  const places = decimals ?? availabilityPercentDecimals([value]);
  let text = (value * 100).toFixed(places);
  // Never let rounding claim perfection: 99.99999999 with 6 decimals would print as 100.000000.
  if (text.startsWith('100') && value < 1) text = `>${(100 - 10 ** -places).toFixed(places)}`;
  return `${text}%`;
}

/** An availability interval with one shared number of decimals: "99.99969% (95% CI 99.99968–99.99970%)". */
export function formatAvailabilityInterval(interval: Interval): string {
  if (interval.lower === interval.upper && interval.estimate === interval.lower)
    return formatAvailability(interval.estimate);
  const decimals = availabilityPercentDecimals([interval.estimate, interval.lower, interval.upper]);
  return `${formatAvailability(interval.estimate, decimals)} (95% CI ${formatAvailabilityRange(interval, decimals)})`;
}

/** Just the bounds of an availability interval: "99.99968–99.99970%". */
export function formatAvailabilityRange(interval: Interval, decimals?: number): string {
  const places = decimals ?? availabilityPercentDecimals([interval.estimate, interval.lower, interval.upper]);
  const lower = formatAvailability(interval.lower, places).replace(/%$/, '');
  return `${lower}–${formatAvailability(interval.upper, places)}`;
}

/** A probability interval: "3.12 × 10⁻⁶ (95% CI 2.97 × 10⁻⁶ – 3.27 × 10⁻⁶)"; a degenerate one prints once. */
export function formatProbabilityInterval(interval: Interval): string {
  if (interval.lower === interval.upper) return formatProbability(interval.estimate);
  return `${formatProbability(interval.estimate)} (95% CI ${formatProbability(interval.lower)} – ${formatProbability(interval.upper)})`;
}

/**
 * Expected downtime per year from minutes: below 120 minutes (excluded) in minutes with two or three significant
 * digits ("1.3 min/yr"), from 120 minutes in hours ("5.2 h/yr"). 0 is "0 min/yr".
 */
export function formatDowntime(minutesPerYear: number): string {
  if (minutesPerYear === 0) return '0 min/yr';
  if (minutesPerYear < 120) return `${formatNumber(minutesPerYear, minutesPerYear < 10 ? 2 : 3)} min/yr`;
  return `${formatNumber(minutesPerYear / 60, 3)} h/yr`;
}

/** A downtime interval: "1.3 min/yr (95% CI 1.2–1.4 min/yr)"; bounds in different units keep both units. */
export function formatDowntimeInterval(interval: Interval): string {
  if (interval.lower === interval.upper) return formatDowntime(interval.estimate);
  const lower = formatDowntime(interval.lower);
  const upper = formatDowntime(interval.upper);
  const lowerUnit = lower.slice(lower.indexOf(' '));
  const range =
    lowerUnit === upper.slice(upper.indexOf(' '))
      ? `${lower.slice(0, lower.indexOf(' '))}–${upper}`
      : `${lower} – ${upper}`;
  return `${formatDowntime(interval.estimate)} (95% CI ${range})`;
}

/** Nines, -log10(unavailability), with one decimal: "5.5". */
export function formatNines(nines: number): string {
  return nines.toFixed(1);
}

/** A fraction in [0, 1] as a percentage with up to `significant` significant digits: 0.4213 becomes "42.1%". */
export function formatPercent(fraction: number, significant = 3): string {
  return `${formatNumber(fraction * 100, significant)}%`;
}

/** A fraction interval as percentages with two significant digits: "44% (95% CI 39–49%)". */
export function formatPercentInterval(interval: Interval): string {
  const p = (v: number) => formatNumber(v * 100, 2);
  return `${p(interval.estimate)}% (95% CI ${p(interval.lower)}–${p(interval.upper)}%)`;
}

/** A signed number with an explicit plus: "+1.67 × 10⁻⁶", "−0.5". */
export function formatSigned(value: number, format: (v: number) => string = formatProbability): string {
  if (value === 0) return '0';
  return value > 0 ? `+${format(value)}` : `−${format(-value)}`;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** An ISO 8601 time as "5 October 2026, 14:32 UTC"; text that does not parse is returned unchanged. */
export function formatDateTime(iso: string): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  const date = new Date(time);
  const hours = String(date.getUTCHours()).padStart(2, '0');
  const minutes = String(date.getUTCMinutes()).padStart(2, '0');
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}, ${hours}:${minutes} UTC`;
}

/** An ISO 8601 time as "5 October 2026". */
export function formatDate(iso: string): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  const date = new Date(time);
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

/** A duration in hours for bin labels: 0.25 becomes "15 min", 2 becomes "2 h", 48 becomes "2 d". */
export function formatHours(hours: number): string {
  if (hours === 0) return '0';
  if (hours < 1) return `${formatNumber(hours * 60, 3)} min`;
  if (hours < 24 || hours % 24 !== 0) return `${formatNumber(hours, 3)} h`;
  return `${formatNumber(hours / 24, 3)} d`;
}

/** Label of the bin [from, to) in hours: "1–2 h", "30 min–1 h", "2–7 d". */
export function formatDurationBin(fromHours: number, toHours: number): string {
  const from = formatHours(fromHours);
  const to = formatHours(toHours);
  const [fromValue, fromUnit] = from.split(' ');
  const [, toUnit] = to.split(' ');
  if (fromHours === 0) return `< ${to}`;
  return fromUnit === toUnit ? `${fromValue}–${to}` : `${from}–${to}`;
}

/** Joins items as English prose: "a", "a and b", "a, b and c". */
export function joinProse(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** "1 service", "2 services". */
export function pluralize(count: number, singular: string, plural = `${singular}s`): string {
  return `${formatCount(count)} ${count === 1 ? singular : plural}`;
}

/** The first 12 hex digits of a hash, enough to tell runs apart in prose. */
export function shortHash(sha256: string): string {
  return sha256.slice(0, 12);
}

/** A target availability without trailing zeros: 0.999999 becomes "99.9999%". */
export function formatTarget(value: number): string {
  return formatAvailability(value)
    .replace(/(\.\d*?)0+%$/, '$1%')
    .replace(/\.%$/, '%');
}

/**
 * A span of time given in minutes, for sentences that say "a year" themselves: "under 1 s" below a second, seconds
 * below a minute ("25 s"), then as {@link formatDowntime} without its "/yr" ("14.5 min", "3.12 h").
 */
export function formatMinutes(minutes: number): string {
  if (minutes === 0) return '0 min';
  if (minutes < 1 / 60) return 'under 1 s';
  if (minutes < 1) return `${formatNumber(minutes * 60, 2)} s`;
  return formatDowntime(minutes).replace('/yr', '');
}
