// Great-circle geometry for link lengths and geographic risk-group footprints.

/** Mean Earth radius in km (IUGG), as used by the haversine formula below. */
export const EARTH_RADIUS_KM = 6371.0088;

/**
 * Great-circle distance in km between two WGS84 points by the haversine formula (Sinnott 1984).
 * @param lat1 latitude in degrees, [-90, 90]
 * @param lon1 longitude in degrees, [-180, 180]
 */
export function greatCircleKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const toRad = Math.PI / 180;
  const dLat = (lat2 - lat1) * toRad;
  const dLon = (lon2 - lon1) * toRad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * toRad) * Math.cos(lat2 * toRad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}
