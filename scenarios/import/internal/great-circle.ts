// Great-circle distance on a spherical Earth, used to give imported links a length from their ends' coordinates.

/**
 * Mean Earth radius R1 = (2a + b) / 3 of the GRS 80 ellipsoid, in km (IUGG; H. Moritz, "Geodetic Reference
 * System 1980", Journal of Geodesy 74(1), 2000, pp. 128-133). The spherical model errs by up to about 0.5 %.
 */
export const EARTH_MEAN_RADIUS_KM = 6371.0088;

const RADIANS_PER_DEGREE = Math.PI / 180;

/**
 * Haversine great-circle distance in km between two WGS84 points given in degrees (R. W. Sinnott, "Virtues of
 * the Haversine", Sky and Telescope 68(2), 1984, p. 159). Well conditioned for short distances, unlike the
 * spherical law of cosines. Result in [0, π·R].
 */
export function measureGreatCircleKm(latA: number, lonA: number, latB: number, lonB: number): number {
  const phiA = latA * RADIANS_PER_DEGREE;
  const phiB = latB * RADIANS_PER_DEGREE;
  const halfDeltaPhi = (phiB - phiA) / 2;
  const halfDeltaLambda = ((lonB - lonA) * RADIANS_PER_DEGREE) / 2;
  const h = Math.sin(halfDeltaPhi) ** 2 + Math.cos(phiA) * Math.cos(phiB) * Math.sin(halfDeltaLambda) ** 2;
  // Rounding can push h just past 1 for antipodal points; clamp so asin stays defined.
  return 2 * EARTH_MEAN_RADIUS_KM * Math.asin(Math.sqrt(Math.min(1, h)));
}
