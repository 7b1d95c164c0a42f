// Estimation from merged statistics (DESIGN.md invariant 3): point estimates, 95% confidence intervals,
// relative error, implied downtime and nines. Never averaged from per-batch estimates.

import { clopperPearsonInterval, meanInterval, Z_95, type EstimateInterval } from './confidence-interval.ts';
import type { ServiceAggregate } from './study-tally.ts';

/** Minutes in a mean Julian year (365.25 days). */
export const MINUTES_PER_YEAR = 525_960;
/** Nines are capped here so an unavailability of 0 still gives a finite number. */
export const MAX_NINES = 20;

/** Availability figures of one service, all from one aggregate. */
export interface ServiceFigures {
  readonly estimator: string;
  readonly samples: number;
  readonly availability: EstimateInterval;
  readonly unavailability: EstimateInterval;
  /** 95% CI half-width / unavailability estimate; null when the estimate is 0. */
  readonly relativeError: number | null;
  readonly downtimeMinutesPerYear: EstimateInterval;
  readonly nines: EstimateInterval;
  /** Mean fraction of endpoints served, or null when unknown. */
  readonly servedFraction: number | null;
}

/** -log10(u), capped at MAX_NINES. */
export function countNines(unavailability: number): number {
  if (unavailability <= 0) return MAX_NINES;
  return Math.min(MAX_NINES, -Math.log10(unavailability));
}

/**
 * Computes the figures of one service from its merged aggregate.
 * @param aggregate merged statistics (see aggregateServices)
 * @param endpointCount endpoints of the service (>= 1), for the served fraction
 */
export function estimateServiceFigures(aggregate: ServiceAggregate, endpointCount: number): ServiceFigures {
  const u = estimateUnavailabilityInterval(aggregate, 0.05);
  const unavailability = { estimate: u.estimate, lower: u.lower, upper: u.upper };
  const halfWidth = Math.max(u.upper - u.estimate, u.estimate - u.lower);
  return {
    estimator: aggregate.estimator,
    samples: aggregate.samples,
    unavailability,
    availability: { estimate: 1 - u.estimate, lower: 1 - u.upper, upper: 1 - u.lower },
    relativeError: u.estimate > 0 ? halfWidth / u.estimate : null,
    downtimeMinutesPerYear: {
      estimate: u.estimate * MINUTES_PER_YEAR,
      lower: u.lower * MINUTES_PER_YEAR,
      upper: u.upper * MINUTES_PER_YEAR,
    },
    nines: { estimate: countNines(u.estimate), lower: countNines(u.upper), upper: countNines(u.lower) },
    servedFraction:
      aggregate.servedEndpoints < 0 ? null : aggregate.servedEndpoints / (aggregate.samples * endpointCount),
  };
}

/**
 * The estimator's own unavailability interval at confidence 1 - alpha: Clopper-Pearson for crude counts; for
 * stratified sampling Clopper-Pearson on the sampled states down, mapped through constant + weight x (each Y_i is one
 * of two values: an affine map of a binomial count); the skewness-corrected studentized interval for the other
 * rare-event means (engine/estimation/confidence-interval.ts).
 */
export function estimateUnavailabilityInterval(aggregate: ServiceAggregate, alpha: number): EstimateInterval {
  if (aggregate.kind === 'crude') return clopperPearsonInterval(aggregate.sum, aggregate.samples, 1 - alpha);
  const strata = aggregate.strata;
  if (strata !== undefined) {
    const p = clopperPearsonInterval(strata.down, aggregate.samples, 1 - alpha);
    // With no sampled part (weight 0) the exact part is the answer.
    const map = (x: number): number => Math.min(1, strata.constant + strata.weight * x);
    return { estimate: map(p.estimate), lower: map(p.lower), upper: map(p.upper) };
  }
  return meanInterval(aggregate.sum, aggregate.sumSquares, aggregate.samples, aggregate.sumCubes ?? null, 1 - alpha);
}

/**
 * A service's relative error (95% interval, as estimateServiceFigures gives it) when it may be at most `target`,
 * else a cheaper approximation above `target`: a crude aggregate whose normal-approximation relative error exceeds
 * 1.25 x target cannot meet it (the Clopper-Pearson interval is wider than the normal one on the side that counts),
 * so the exact interval is computed only near the target. Infinity while the service was never seen down. The
 * stopping rule asks this after every merged batch for every service still sampling.
 */
export function relativeErrorNear(aggregate: ServiceAggregate, target: number): number {
  if (aggregate.samples <= 0 || aggregate.sum <= 0) return Number.POSITIVE_INFINITY;
  if (aggregate.kind === 'crude') {
    const p = aggregate.sum / aggregate.samples;
    const normal = (Z_95 * Math.sqrt((p * (1 - p)) / aggregate.samples)) / p;
    if (normal > 1.25 * target) return normal;
  }
  return estimateServiceFigures(aggregate, 1).relativeError ?? Number.POSITIVE_INFINITY;
}

