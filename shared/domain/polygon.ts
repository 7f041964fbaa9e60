/**
 * Where to put a label or a click inside an area drawn from GeoJSON: the area-weighted centroid of its largest ring.
 * Pure; coordinates are [longitude, latitude] as GeoJSON writes them.
 */

export type Position = readonly [number, number];

/** The rings' outer boundaries of a Polygon or MultiPolygon geometry; anything else has none. */
export function outerRings(geometry: unknown): Position[][] {
  if (typeof geometry !== 'object' || geometry === null) return [];
  const g = geometry as { type?: unknown; coordinates?: unknown };
  const isRing = (r: unknown): r is Position[] =>
    Array.isArray(r) && r.every((p) => Array.isArray(p) && typeof p[0] === 'number' && typeof p[1] === 'number');
  if (g.type === 'Polygon' && Array.isArray(g.coordinates) && isRing(g.coordinates[0])) return [g.coordinates[0]];
  if (g.type === 'MultiPolygon' && Array.isArray(g.coordinates)) {
    return g.coordinates.flatMap((poly: unknown) => (Array.isArray(poly) && isRing(poly[0]) ? [poly[0]] : []));
  }
  return [];
}

/** Twice the signed area of a ring (shoelace formula). */
function doubleArea(ring: readonly Position[]): number {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) a += ring[j]![0] * ring[i]![1] - ring[i]![0] * ring[j]![1];
  return a;
}

/**
 * The area-weighted centroid of the largest ring of a (Multi)Polygon, or null when it has none.
 *
 * @example centroid({ type: 'Polygon', coordinates: [[[0, 0], [4, 0], [4, 2], [0, 2], [0, 0]]] }) // → [2, 1]
 */
export function centroid(geometry: unknown): Position | null {
  const rings = outerRings(geometry).filter((r) => r.length >= 3);
  if (rings.length === 0) return null;
  const ring = rings.reduce((best, r) => (Math.abs(doubleArea(r)) > Math.abs(doubleArea(best)) ? r : best));
  const a = doubleArea(ring);
  if (a === 0) return ring[0]!;
  let cx = 0;
  let cy = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const f = ring[j]![0] * ring[i]![1] - ring[i]![0] * ring[j]![1];
    cx += (ring[j]![0] + ring[i]![0]) * f;
    cy += (ring[j]![1] + ring[i]![1]) * f;
  }
  return [cx / (3 * a), cy / (3 * a)];
}

/**
 * The area of a (Multi)Polygon's outer rings, in squared coordinate units (holes not taken away): which of two areas
 * is larger, as a map draws them, e.g. to give the larger one its label first. 0 for anything else.
 *
 * @example area({ type: 'Polygon', coordinates: [[[0, 0], [4, 0], [4, 2], [0, 2], [0, 0]]] }) // → 8
 */
export function area(geometry: unknown): number {
  return outerRings(geometry).reduce((sum, ring) => sum + Math.abs(doubleArea(ring)) / 2, 0);
}

/**
 * Whether a point lies within a (Multi)Polygon's outer rings (ray casting; a hole counts as inside, a point on an edge
 * either way): whether a need's point is in its tambon as the map draws it.
 *
 * @example contains({ type: 'Polygon', coordinates: [[[0, 0], [4, 0], [4, 2], [0, 2], [0, 0]]] }, [1, 1]) // → true
 */
export function contains(geometry: unknown, [x, y]: Position): boolean {
  for (const ring of outerRings(geometry)) {
    let inside = false;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i]!;
      const [xj, yj] = ring[j]!;
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
    if (inside) return true;
  }
  return false;
}

/** The Earth's mean radius in kilometres (the haversine's sphere). */
const EARTH_KM = 6371.0088;

/**
 * The great-circle distance between two points in degrees (longitude, latitude), in kilometres, on a sphere of the
 * Earth's mean radius (within half a percent of the ellipsoid: enough to say how far a need lies from a project).
 * @example Math.round(distanceKm([100.9, 14.5], [100.9, 15.5])) // 111
 */
export function distanceKm([lon1, lat1]: Position, [lon2, lat2]: Position): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}
