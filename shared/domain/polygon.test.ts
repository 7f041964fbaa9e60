import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { area, centroid, contains, distanceKm, outerRings } from './polygon';

describe('centroid', () => {
  it('is the middle of a rectangle, whichever way its ring turns', () => {
    expect(
      centroid({
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [4, 0],
            [4, 2],
            [0, 2],
            [0, 0],
          ],
        ],
      }),
    ).toEqual([2, 1]);
    expect(
      centroid({
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [0, 2],
            [4, 2],
            [4, 0],
            [0, 0],
          ],
        ],
      }),
    ).toEqual([2, 1]);
  });

  it('takes the largest part of a MultiPolygon, and has none for other geometries', () => {
    const small = [
      [10, 10],
      [11, 10],
      [11, 11],
      [10, 10],
    ];
    const big = [
      [0, 0],
      [6, 0],
      [6, 6],
      [0, 6],
      [0, 0],
    ];
    expect(centroid({ type: 'MultiPolygon', coordinates: [[small], [big]] })).toEqual([3, 3]);
    expect(centroid({ type: 'Point', coordinates: [1, 2] })).toBeNull();
    expect(centroid(null)).toBeNull();
    expect(outerRings({ type: 'Polygon', coordinates: 'x' })).toEqual([]);
  });

  it('property: the centroid of a triangle is the mean of its corners, and lies inside it', () => {
    const p = fc.tuple(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: -1000, max: 1000 }));
    fc.assert(
      fc.property(p, p, p, (a, b, c) => {
        const area = (b[0] - a[0]) * (c[1] - a[1]) - (c[0] - a[0]) * (b[1] - a[1]);
        fc.pre(area !== 0);
        const got = centroid({ type: 'Polygon', coordinates: [[a, b, c, a]] })!;
        expect(got[0]).toBeCloseTo((a[0] + b[0] + c[0]) / 3, 6);
        expect(got[1]).toBeCloseTo((a[1] + b[1] + c[1]) / 3, 6);
      }),
    );
  });
});

describe('area', () => {
  it('adds up the outer rings of a MultiPolygon, whichever way they turn, and is 0 for other geometries', () => {
    const square = [
      [0, 0],
      [2, 0],
      [2, 2],
      [0, 2],
      [0, 0],
    ];
    const rect = [
      [10, 0],
      [10, 1],
      [13, 1],
      [13, 0],
      [10, 0],
    ];
    expect(area({ type: 'Polygon', coordinates: [square] })).toBe(4);
    expect(area({ type: 'MultiPolygon', coordinates: [[square], [rect]] })).toBe(7);
    expect(area({ type: 'Point', coordinates: [1, 2] })).toBe(0);
    expect(area(null)).toBe(0);
  });
});

describe('contains', () => {
  /** A rectangle's ring, corner to corner. */
  const rect = (x0: number, y0: number, x1: number, y1: number): number[][] => [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
    [x0, y0],
  ];
  const square = { type: 'Polygon', coordinates: [rect(0, 0, 4, 2)] };
  // An L: the corner square (2..4, 1..2) is outside.
  const ell = {
    type: 'Polygon',
    coordinates: [
      [
        [0, 0],
        [4, 0],
        [4, 1],
        [2, 1],
        [2, 2],
        [0, 2],
        [0, 0],
      ],
    ],
  };
  const two = { type: 'MultiPolygon', coordinates: [[rect(0, 0, 1, 1)], [rect(5, 5, 6, 6)]] };

  it('tells points inside from outside, in a concave ring and in either part of a MultiPolygon', () => {
    expect(contains(square, [1, 1])).toBe(true);
    expect(contains(square, [5, 1])).toBe(false);
    expect(contains(ell, [1, 1.5])).toBe(true);
    expect(contains(ell, [3, 1.5])).toBe(false);
    expect(contains(two, [5.5, 5.5])).toBe(true);
    expect(contains(two, [3, 3])).toBe(false);
    expect(contains({ type: 'Point', coordinates: [1, 1] }, [1, 1])).toBe(false);
  });

  it('property: a rectangle contains exactly the points strictly within its bounds', () => {
    fc.assert(
      fc.property(fc.double({ min: -10, max: 10, noNaN: true }), fc.double({ min: -10, max: 10, noNaN: true }), (x, y) => {
        const inside = x > 0 && x < 4 && y > 0 && y < 2;
        const onEdge = x === 0 || x === 4 || y === 0 || y === 2;
        if (!onEdge) expect(contains(square, [x, y])).toBe(inside);
      }),
    );
  });
});

describe('distanceKm', () => {
  it('a degree of latitude is about 111 km, anywhere along a meridian; a point is 0 km from itself', () => {
    expect(distanceKm([100.9, 14.5], [100.9, 15.5])).toBeCloseTo(111.19, 1);
    expect(distanceKm([100.9, -0.5], [100.9, 0.5])).toBeCloseTo(111.19, 1);
    expect(distanceKm([100.9, 14.5], [100.9, 14.5])).toBe(0);
    // A degree of longitude shrinks with the cosine of the latitude.
    expect(distanceKm([100, 60], [101, 60])).toBeCloseTo(55.6, 0);
  });

  it('is symmetric, never negative, and keeps the triangle inequality (property)', () => {
    const point = fc.tuple(fc.double({ min: 97, max: 106, noNaN: true }), fc.double({ min: 5, max: 21, noNaN: true }));
    fc.assert(
      fc.property(point, point, point, (a, b, c) => {
        const ab = distanceKm(a, b);
        expect(ab).toBeGreaterThanOrEqual(0);
        expect(Math.abs(ab - distanceKm(b, a))).toBeLessThan(1e-9);
        expect(distanceKm(a, c)).toBeLessThanOrEqual(ab + distanceKm(b, c) + 1e-9);
      }),
    );
  });
});
