import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkAreaGeometry, foreignCrs, type Position } from './geometry';

const square: Position[] = [
  [100.9, 14.5],
  [101.0, 14.5],
  [101.0, 14.6],
  [100.9, 14.6],
  [100.9, 14.5],
];

const why = (value: unknown): string => {
  const r = checkAreaGeometry(value);
  if (r.ok) throw new Error('should have been refused');
  expect(r.th.length).toBeGreaterThan(0);
  return r.en;
};

describe('checkAreaGeometry', () => {
  it('keeps a polygon and a multipolygon as [lon, lat], dropping altitudes and other members', () => {
    const withAltitude = square.map(([x, y]) => [x, y, 12.5]);
    const r = checkAreaGeometry({ type: 'Polygon', coordinates: [withAltitude], bbox: [0, 0, 1, 1], crs: { deep: [[[[]]]] } });
    expect(r).toEqual({ ok: true, geometry: { type: 'Polygon', coordinates: [square] } });
    const multi = checkAreaGeometry({ type: 'MultiPolygon', coordinates: [[square], [square, square]] });
    expect(multi).toEqual({ ok: true, geometry: { type: 'MultiPolygon', coordinates: [[square], [square, square]] } });
    // An unclosed ring, as some tools write it, is drawn all the same.
    expect(checkAreaGeometry({ type: 'Polygon', coordinates: [square.slice(0, 3)] }).ok).toBe(true);
  });

  it('says why a layer in metres, with latitude first, or of points and lines is no boundary', () => {
    const utm = [
      [700_000, 1_600_000],
      [700_100, 1_600_000],
      [700_100, 1_600_100],
    ];
    expect(why({ type: 'Polygon', coordinates: [utm] })).toContain('in metres');
    expect(why({ type: 'Polygon', coordinates: [square.map(([x, y]) => [y, x])] })).toContain('swapped');
    expect(
      why({
        type: 'Polygon',
        coordinates: [
          [
            [200, 100],
            [1, 1],
            [2, 2],
          ],
        ],
      }),
    ).toContain('no longitude and latitude');
    expect(why({ type: 'Point', coordinates: [100.9, 14.5] })).toBe('the geometry is not a polygon (Point)');
    expect(why({ type: 'LineString', coordinates: square })).toContain('(LineString)');
    expect(why(null)).toBe('the geometry is not a polygon (none)');
    expect(why({ coordinates: [[square]] })).toBe('the geometry is not a polygon (no type)');
  });

  it('refuses what a map cannot draw: text, null or infinite numbers, short rings, empty lists', () => {
    expect(why({ type: 'Polygon', coordinates: 'x' })).toContain('no ring');
    expect(why({ type: 'Polygon', coordinates: [] })).toContain('no ring');
    expect(why({ type: 'Polygon', coordinates: [square.slice(0, 2)] })).toContain('fewer than three');
    expect(why({ type: 'Polygon', coordinates: [[[100.9, null], ...square]] })).toContain('two finite numbers');
    expect(why({ type: 'Polygon', coordinates: [[['100.9', '14.5'], ...square]] })).toContain('two finite numbers');
    expect(why({ type: 'Polygon', coordinates: [[[Infinity, 14.5], ...square]] })).toContain('two finite numbers');
    expect(why({ type: 'Polygon', coordinates: [[[100.9], ...square]] })).toContain('[longitude, latitude]');
    expect(why({ type: 'MultiPolygon', coordinates: [] })).toContain('no polygon');
    // A polygon's coordinates given as a multipolygon's (one level short).
    expect(why({ type: 'MultiPolygon', coordinates: [square] })).toContain('fewer than three');
  });

  it('reads a coordinate list nested 100,000 deep without recursion', () => {
    const deep = JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`) as unknown;
    expect(why({ type: 'Polygon', coordinates: deep })).toContain('fewer than three');
    expect(why({ type: 'MultiPolygon', coordinates: deep })).toBeTypeOf('string');
  });

  it('never throws on any value, and what it keeps is longitude and latitude of the input, at depth 3 or 4 (property)', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const r = checkAreaGeometry({ type: 'Polygon', coordinates: value });
        if (!r.ok) return r.en.length > 0 && r.th.length > 0;
        const positions = r.geometry.type === 'Polygon' ? r.geometry.coordinates.flat() : r.geometry.coordinates.flat(2);
        return positions.every(([x, y]) => Math.abs(x) <= 180 && Math.abs(y) <= 90);
      }),
    );
    const lonLat = fc.tuple(fc.double({ min: -180, max: 180, noNaN: true }), fc.double({ min: -90, max: 90, noNaN: true }));
    const polygon = fc.array(fc.array(lonLat, { minLength: 3, maxLength: 8 }), { minLength: 1, maxLength: 3 });
    fc.assert(
      fc.property(fc.array(polygon, { minLength: 1, maxLength: 3 }), (polygons) => {
        const r = checkAreaGeometry({ type: 'MultiPolygon', coordinates: polygons });
        expect(r).toEqual({ ok: true, geometry: { type: 'MultiPolygon', coordinates: polygons } });
      }),
    );
  });
});

describe('foreignCrs', () => {
  it('names a projection a layer was left in, and passes longitude and latitude on WGS 84', () => {
    const named = (name: string): unknown => ({ type: 'FeatureCollection', crs: { type: 'name', properties: { name } } });
    expect(foreignCrs(named('urn:ogc:def:crs:EPSG::32647'))).toBe('urn:ogc:def:crs:EPSG::32647');
    expect(foreignCrs(named('EPSG:24047'))).toBe('EPSG:24047');
    expect(foreignCrs(named('urn:ogc:def:crs:OGC:1.3:CRS84'))).toBeNull();
    expect(foreignCrs(named('urn:ogc:def:crs:EPSG::4326'))).toBeNull();
    expect(foreignCrs(named('EPSG:4326'))).toBeNull();
    expect(foreignCrs({ type: 'FeatureCollection' })).toBeNull();
    expect(foreignCrs(null)).toBeNull();
  });
});
