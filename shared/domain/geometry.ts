/**
 * Area boundaries as the maps draw them: GeoJSON polygons in longitude and latitude (WGS 84, RFC 7946). A boundary
 * layer from a GIS office is checked before it is stored, since a map cannot draw what is not one: a position that is
 * not two finite numbers, coordinates in metres (a layer left in UTM zone 47N, as Thai GIS data often is), latitude
 * and longitude swapped. What is stored is the polygon alone (type and coordinates, positions as [lon, lat]), so its
 * depth is fixed whatever the file nested elsewhere.
 */

export type Position = [number, number];
export type AreaGeometry =
  Readonly<{ type: 'Polygon'; coordinates: Position[][] }> | Readonly<{ type: 'MultiPolygon'; coordinates: Position[][][] }>;

export type GeometryCheck = { ok: true; geometry: AreaGeometry } | { ok: false; en: string; th: string };

/** The position's numbers, a problem when they are not longitude and latitude (why, in English and Thai). */
function positionOf(value: unknown): Position | { en: string; th: string } {
  if (!Array.isArray(value) || value.length < 2 || value.length > 3) {
    return { en: 'a position is not [longitude, latitude]', th: 'มีพิกัดที่ไม่อยู่ในรูป [ลองจิจูด, ละติจูด]' };
  }
  const [x, y] = value as unknown[];
  if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) {
    return { en: 'a position holds something other than two finite numbers', th: 'มีพิกัดที่ไม่ใช่ตัวเลขสองค่า' };
  }
  if (Math.abs(x) > 180 || Math.abs(y) > 90) {
    if (Math.abs(x) > 1000 && Math.abs(y) > 1000) {
      return {
        en: `the coordinates are in metres, e.g. (${x}, ${y}), as in a projected layer such as UTM zone 47N (EPSG:32647), not longitude and latitude; export the layer as GeoJSON in WGS 84 (EPSG:4326)`,
        th: `พิกัดเป็นหน่วยเมตร เช่น (${x}, ${y}) แบบชั้นข้อมูลในระบบพิกัดฉาก เช่น UTM โซน 47N (EPSG:32647) ไม่ใช่ลองจิจูดและละติจูด กรุณาส่งออกชั้นข้อมูลเป็น GeoJSON ในระบบ WGS 84 (EPSG:4326)`,
      };
    }
    if (Math.abs(x) <= 90 && Math.abs(y) <= 180) {
      return {
        en: `latitude and longitude are swapped (${x}, ${y}): GeoJSON writes longitude first`,
        th: `ละติจูดและลองจิจูดสลับกัน (${x}, ${y}): GeoJSON ต้องเขียนลองจิจูดก่อน`,
      };
    }
    return {
      en: `(${x}, ${y}) is no longitude and latitude`,
      th: `(${x}, ${y}) ไม่ใช่ลองจิจูดและละติจูด`,
    };
  }
  return [x, y];
}

/** A ring: three positions or more (closed or not, as tools write them). */
function ringOf(value: unknown): Position[] | { en: string; th: string } {
  if (!Array.isArray(value) || value.length < 3) {
    return { en: 'a ring has fewer than three positions', th: 'มีวงขอบเขตที่มีพิกัดน้อยกว่าสามจุด' };
  }
  const ring: Position[] = [];
  for (const p of value as unknown[]) {
    const position = positionOf(p);
    if (!Array.isArray(position)) return position;
    ring.push(position);
  }
  return ring;
}

/** A polygon: one ring or more (the outer one, then holes). */
function polygonOf(value: unknown): Position[][] | { en: string; th: string } {
  if (!Array.isArray(value) || value.length === 0) {
    return { en: 'a polygon has no ring of positions', th: 'มีรูปหลายเหลี่ยมที่ไม่มีวงขอบเขต' };
  }
  const rings: Position[][] = [];
  for (const r of value as unknown[]) {
    const ring = ringOf(r);
    if (!Array.isArray(ring)) return ring;
    rings.push(ring);
  }
  return rings;
}

/**
 * A GeoJSON geometry checked as an area's boundary: a Polygon or a MultiPolygon of positions in longitude and
 * latitude. Returns the polygon alone (altitudes and other members dropped) or why it is none.
 *
 * @example
 * checkAreaGeometry({ type: 'Polygon', coordinates: [[[100.9, 14.5], [101, 14.5], [101, 14.6], [100.9, 14.5]]] }).ok // true
 * checkAreaGeometry({ type: 'Polygon', coordinates: [[[700000, 1600000], [700100, 1600000], [700100, 1600100]]] }).ok // false: metres
 */
export function checkAreaGeometry(value: unknown): GeometryCheck {
  const g = typeof value === 'object' && value !== null ? (value as { type?: unknown; coordinates?: unknown }) : null;
  if (g?.type === 'Polygon') {
    const polygon = polygonOf(g.coordinates);
    return Array.isArray(polygon) ? { ok: true, geometry: { type: 'Polygon', coordinates: polygon } } : { ok: false, ...polygon };
  }
  if (g?.type === 'MultiPolygon') {
    if (!Array.isArray(g.coordinates) || g.coordinates.length === 0) {
      return { ok: false, en: 'the multipolygon has no polygon', th: 'รูปหลายเหลี่ยมหลายส่วนไม่มีรูปหลายเหลี่ยมอยู่' };
    }
    const polygons: Position[][][] = [];
    for (const p of g.coordinates as unknown[]) {
      const polygon = polygonOf(p);
      if (!Array.isArray(polygon)) return { ok: false, ...polygon };
      polygons.push(polygon);
    }
    return { ok: true, geometry: { type: 'MultiPolygon', coordinates: polygons } };
  }
  const type = typeof g?.type === 'string' ? g.type.slice(0, 40) : g === null ? 'none' : 'no type';
  return {
    ok: false,
    en: `the geometry is not a polygon (${type})`,
    th: `ขอบเขตไม่ใช่รูปหลายเหลี่ยม (${type})`,
  };
}

/**
 * The coordinate reference system a GeoJSON document names in its (pre-RFC 7946) `crs` member, when it names one other
 * than longitude and latitude on WGS 84 (OGC CRS84, EPSG:4326): QGIS and GDAL write it for a layer they leave in its
 * own projection. Null when it names none or WGS 84.
 */
export function foreignCrs(document: unknown): string | null {
  const crs = typeof document === 'object' && document !== null ? (document as { crs?: unknown }).crs : undefined;
  if (typeof crs !== 'object' || crs === null) return null;
  const name = (crs as { properties?: { name?: unknown } }).properties?.name;
  if (typeof name !== 'string') return null;
  return /CRS84$|EPSG:+4326$/iu.test(name.trim()) ? null : name.trim().slice(0, 80);
}
