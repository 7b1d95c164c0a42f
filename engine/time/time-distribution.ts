// The time distributions of the time simulation (exponential, Weibull, lognormal, fixed), each declared once
// (DESIGN.md "one of each"): its parameters as a file gives them, with their units; how they fix its mean and shape;
// its sampler; its equilibrium residual (for a stationary start); its survival function. Every kind is a scale
// family, so the engine carries a distribution as (kind, mean in hours, shape) and rescales it to any mean.

import jStat from 'jstat';

/** Hours in a simulated year (365.25 days): rates per year become means in hours with it. */
const HOURS_PER_YEAR = 8766;

/** The names of the time distributions, in code order (the code is the index). */
export const TIME_DISTRIBUTION_NAMES = ['exponential', 'weibull', 'lognormal', 'fixed'] as const;
export type TimeDistributionName = (typeof TIME_DISTRIBUTION_NAMES)[number];

/** A time distribution as plain data: its kind, its mean in hours (> 0, finite) and its shape (kind-specific). */
export interface TimeDistribution {
  readonly kind: TimeDistributionName;
  readonly meanHours: number;
  /** Weibull: shape k; lognormal: sigma (standard deviation of the logarithm); exponential and fixed: 0. */
  readonly shape: number;
}

/** What a parameter measures: a duration in hours, a rate per year, or a plain number. */
export type TimeParameterDimension = 'duration' | 'ratePerYear' | 'number';

/** One parameter of a way to give a distribution in a file. */
export interface TimeDistributionParameter {
  readonly name: string;
  readonly dimension: TimeParameterDimension;
  /** The "expected ..." text of its error message, with the range. */
  readonly expected: string;
  /** True when a value (in the dimension's base unit) is in range. */
  readonly check: (value: number) => boolean;
}

/** One way to give a distribution in a file: a set of named parameters, and the mean and shape they fix. */
export interface TimeDistributionForm {
  readonly parameters: readonly TimeDistributionParameter[];
  /** Mean (hours) and shape from the parameters' values in base units; null when they give no valid distribution. */
  readonly toMeanShape: (values: Readonly<Record<string, number>>) => { meanHours: number; shape: number } | null;
}

/** Everything the engine and the file formats know of one kind of time distribution. */
export interface TimeDistributionKind {
  readonly name: TimeDistributionName;
  /** Index in TIME_DISTRIBUTION_KINDS; what compiled models store. */
  readonly code: number;
  /** The ways to give it in a file (the first is the canonical one). */
  readonly forms: readonly TimeDistributionForm[];
  /**
   * A variate by inversion of one uniform `u` in [0, 1): exactly one uniform per draw for every kind, so two plans
   * that draw from one stream stay aligned however their distributions differ (common random numbers).
   */
  readonly sample: (meanHours: number, shape: number, u: number) => number;
  /**
   * A variate of the equilibrium residual (the time left in a phase seen at a random instant of a stationary renewal
   * process, density S(t) / mean) from two uniforms: a length-biased phase length L times a uniform fraction of it.
   */
  readonly sampleResidual: (meanHours: number, shape: number, u1: number, u2: number) => number;
  /** P(X > hours), in [0, 1]. */
  readonly survival: (meanHours: number, shape: number, hours: number) => number;
  /** Its parameters in words, e.g. "Weibull (shape 2, scale 10 h)". */
  readonly describe: (meanHours: number, shape: number) => string;
}

const positive = (x: number): boolean => x > 0 && Number.isFinite(x);

/** A positive duration parameter. */
function durationParameter(name: string): TimeDistributionParameter {
  return { name, dimension: 'duration', expected: 'a positive duration', check: positive };
}

/** A plain-number parameter with its range. */
function numberParameter(name: string, expected: string, check: (x: number) => boolean): TimeDistributionParameter {
  return { name, dimension: 'number', expected, check };
}

/** Weibull shape k in [0.1, 50]: below 0.1 the mean Gamma(1 + 1/k) overflows any planning horizon. */
const isWeibullShape = (k: number): boolean => k >= 0.1 && k <= 50;
/** Lognormal sigma in (0, 5]: beyond 5 the mean is exp(12.5) medians. */
const isLognormalSigma = (sigma: number): boolean => sigma > 0 && sigma <= 5;

// jstat 1.9.6 has the inverse regularised lower incomplete gamma function; the project's typings do not list it.
const gammaInverse = (jStat as unknown as { gammapinv: (p: number, a: number) => number }).gammapinv;

/** Lanczos coefficients (g = 7, n = 9) as published by Godfrey (see Press et al., Numerical Recipes, 3rd ed., 6.1). */
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/**
 * The gamma function by the Lanczos approximation (C. Lanczos, SIAM J. Numer. Anal. B 1, 1964), relative error about
 * 1e-15 for x > 0 (jstat's gammafn is off by 3e-9 at 1.5). Reflection formula below 0.5.
 * @param x the argument, > 0 here
 */
export function gammaFunction(x: number): number {
  if (x < 0.5) return Math.PI / (Math.sin(Math.PI * x) * gammaFunction(1 - x));
  const z = x - 1;
  let sum = LANCZOS[0];
  for (let i = 1; i < LANCZOS.length; i++) sum += LANCZOS[i] / (z + i);
  const t = z + 7.5;
  return Math.sqrt(2 * Math.PI) * Math.pow(t, z + 0.5) * Math.exp(-t) * sum;
}

/** The standard normal quantile Phi^-1(u) for u in (0, 1) (jstat: erfcinv with Newton steps, about 1e-15). */
function normalQuantile(u: number): number {
  return jStat.normal.inv(u, 0, 1);
}

/** The standard normal distribution function Phi(z). */
function normalCdf(z: number): number {
  return jStat.normal.cdf(z, 0, 1);
}

/** A number with at most four significant digits, for descriptions. */
function round(x: number): string {
  return String(Number(x.toPrecision(4)));
}

const EXPONENTIAL: TimeDistributionKind = {
  name: 'exponential',
  code: 0,
  forms: [
    { parameters: [durationParameter('mean')], toMeanShape: (v) => ({ meanHours: v.mean, shape: 0 }) },
    {
      parameters: [{ name: 'rate', dimension: 'ratePerYear', expected: 'a positive rate per year', check: positive }],
      toMeanShape: (v) => ({ meanHours: HOURS_PER_YEAR / v.rate, shape: 0 }),
    },
  ],
  // Inversion: -m ln(1 - u); 1 - u is in (0, 1], so the logarithm is finite.
  sample: (m, _shape, u) => -m * Math.log(1 - u),
  // Memoryless: the residual is the distribution itself.
  sampleResidual: (m, _shape, u1) => -m * Math.log(1 - u1),
  survival: (m, _shape, t) => Math.exp(-t / m),
  describe: (m) => `exponential (mean ${round(m)} h)`,
};

/** Weibull scale lambda = mean / Gamma(1 + 1/k) (mean of a Weibull: lambda Gamma(1 + 1/k)). */
function weibullScale(meanHours: number, shape: number): number {
  return meanHours / gammaFunction(1 + 1 / shape);
}

const WEIBULL: TimeDistributionKind = {
  name: 'weibull',
  code: 1,
  forms: [
    {
      parameters: [numberParameter('shape', 'a number in [0.1, 50]', isWeibullShape), durationParameter('scale')],
      toMeanShape: (v) => ({ meanHours: v.scale * gammaFunction(1 + 1 / v.shape), shape: v.shape }),
    },
  ],
  // Inversion of F(t) = 1 - exp(-(t / lambda)^k).
  sample: (m, k, u) => weibullScale(m, k) * Math.pow(-Math.log(1 - u), 1 / k),
  // Length-biased Weibull: (L / lambda)^k ~ Gamma(1 + 1/k, 1) (density x f(x) / mean); the residual is u2 L.
  sampleResidual: (m, k, u1, u2) => u2 * weibullScale(m, k) * Math.pow(gammaInverse(u1, 1 + 1 / k), 1 / k),
  survival: (m, k, t) => Math.exp(-Math.pow(t / weibullScale(m, k), k)),
  describe: (m, k) => `Weibull (shape ${round(k)}, scale ${round(weibullScale(m, k))} h)`,
};

/** Lognormal median e^mu = mean exp(-sigma^2 / 2) (mean of a lognormal: exp(mu + sigma^2 / 2)). */
function lognormalMedian(meanHours: number, sigma: number): number {
  return meanHours * Math.exp((-sigma * sigma) / 2);
}

const LOGNORMAL: TimeDistributionKind = {
  name: 'lognormal',
  code: 2,
  forms: [
    {
      parameters: [durationParameter('median'), numberParameter('sigma', 'a number in (0, 5]', isLognormalSigma)],
      toMeanShape: (v) => ({ meanHours: v.median * Math.exp((v.sigma * v.sigma) / 2), shape: v.sigma }),
    },
    {
      parameters: [durationParameter('mean'), durationParameter('sd')],
      // sigma^2 = ln(1 + sd^2 / mean^2): the lognormal with this mean and standard deviation.
      toMeanShape: (v) => {
        const sigma = Math.sqrt(Math.log1p((v.sd * v.sd) / (v.mean * v.mean)));
        return isLognormalSigma(sigma) ? { meanHours: v.mean, shape: sigma } : null;
      },
    },
  ],
  // u = 0 gives Phi^-1(0) = -Infinity and a duration of 0 (probability 2^-32 per draw).
  sample: (m, sigma, u) => lognormalMedian(m, sigma) * Math.exp(sigma * normalQuantile(u)),
  // Length-biased lognormal(mu, sigma) is lognormal(mu + sigma^2, sigma); the residual is u2 L.
  sampleResidual: (m, sigma, u1, u2) =>
    u2 * lognormalMedian(m, sigma) * Math.exp(sigma * sigma + sigma * normalQuantile(u1)),
  survival: (m, sigma, t) => (t <= 0 ? 1 : 1 - normalCdf(Math.log(t / lognormalMedian(m, sigma)) / sigma)),
  describe: (m, sigma) => `lognormal (median ${round(lognormalMedian(m, sigma))} h, sigma ${round(sigma)})`,
};

const FIXED: TimeDistributionKind = {
  name: 'fixed',
  code: 3,
  forms: [{ parameters: [durationParameter('value')], toMeanShape: (v) => ({ meanHours: v.value, shape: 0 }) }],
  // The uniform is drawn and unused, so that a plan with a fixed time stays aligned with one with a random time.
  sample: (m) => m,
  sampleResidual: (m, _shape, _u1, u2) => u2 * m,
  survival: (m, _shape, t) => (t < m ? 1 : 0),
  describe: (m) => `fixed (${round(m)} h)`,
};

/** Every time distribution, indexed by code. */
export const TIME_DISTRIBUTION_KINDS: readonly TimeDistributionKind[] = Object.freeze([
  EXPONENTIAL,
  WEIBULL,
  LOGNORMAL,
  FIXED,
]);

/** Code of the exponential distribution (the default of every time in a model without one). */
export const EXPONENTIAL_CODE = EXPONENTIAL.code;

/** The declaration of a distribution by name. */
export function findTimeDistributionKind(name: TimeDistributionName): TimeDistributionKind {
  const kind = TIME_DISTRIBUTION_KINDS.find((k) => k.name === name);
  if (kind === undefined) throw new RangeError(`unknown time distribution "${String(name)}"`);
  return kind;
}

/**
 * Draws a time (hours, >= 0) from distribution `code` with the given mean and shape by inversion of `u` in [0, 1).
 * The hot path's one entry: a table lookup, no allocation.
 */
export function sampleTime(code: number, meanHours: number, shape: number, u: number): number {
  return TIME_DISTRIBUTION_KINDS[code].sample(meanHours, shape, u);
}

/** Draws an equilibrium residual time (hours, >= 0) of distribution `code` from two uniforms in [0, 1). */
export function sampleResidualTime(code: number, meanHours: number, shape: number, u1: number, u2: number): number {
  return TIME_DISTRIBUTION_KINDS[code].sampleResidual(meanHours, shape, u1, u2);
}

/** Checks a distribution's mean and shape; null when valid, else the reason. */
export function checkTimeDistribution(code: number, meanHours: number, shape: number): string | null {
  const kind = TIME_DISTRIBUTION_KINDS[code] as TimeDistributionKind | undefined;
  if (kind === undefined) return `unknown time distribution code ${code}`;
  if (!positive(meanHours)) return `the mean must be a positive finite number of hours, got ${meanHours}`;
  if (kind.name === 'weibull' && !isWeibullShape(shape)) return `a Weibull shape must be in [0.1, 50], got ${shape}`;
  if (kind.name === 'lognormal' && !isLognormalSigma(shape)) return `a lognormal sigma must be in (0, 5], got ${shape}`;
  return null;
}

/** A distribution in words, e.g. "lognormal (median 8 h, sigma 1)". */
export function describeTimeDistribution(distribution: TimeDistribution): string {
  return findTimeDistributionKind(distribution.kind).describe(distribution.meanHours, distribution.shape);
}
