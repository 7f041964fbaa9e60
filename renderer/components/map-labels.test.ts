import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { centroid } from '../../shared/domain/polygon';
import { labelsThatFit, withLabelPoints, type LabelBox } from './map-labels';

const box = (code: string, x: number, y: number, priority: number, width = 60, height = 18): LabelBox => ({
  code,
  x,
  y,
  width,
  height,
  priority,
});

describe('labelsThatFit', () => {
  it('keeps the larger area’s name where two would overprint (Don Phut over Ban Mo), and names apart both', () => {
    const shown = labelsThatFit([box('1908', 100, 100, 1), box('1907', 130, 104, 3), box('1901', 300, 100, 2)]);
    expect([...shown].sort()).toEqual(['1901', '1907']);
  });

  it('keeps names that only touch within the gap apart', () => {
    expect(labelsThatFit([box('a', 0, 0, 1), box('b', 61, 0, 1)]).size).toBe(1);
    expect(labelsThatFit([box('a', 0, 0, 1), box('b', 63, 0, 1)]).size).toBe(2);
  });

  it('property: no two names it keeps overlap, and a name left out overlaps one kept', () => {
    const boxes = fc.array(
      fc.record({
        x: fc.integer({ min: 0, max: 600 }),
        y: fc.integer({ min: 0, max: 400 }),
        width: fc.integer({ min: 10, max: 120 }),
        height: fc.integer({ min: 10, max: 30 }),
        priority: fc.double({ min: 0, max: 1, noNaN: true }),
      }),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(boxes, (raw) => {
        const all = raw.map((b, i) => ({ ...b, code: String(i) }));
        const shown = labelsThatFit(all, 0);
        const overlap = (a: LabelBox, b: LabelBox): boolean =>
          Math.abs(a.x - b.x) * 2 < a.width + b.width && Math.abs(a.y - b.y) * 2 < a.height + b.height;
        const kept = all.filter((b) => shown.has(b.code));
        for (const a of kept) for (const b of kept) if (a !== b) expect(overlap(a, b)).toBe(false);
        for (const b of all.filter((x) => !shown.has(x.code))) expect(kept.some((k) => overlap(k, b))).toBe(true);
      }),
    );
  });
});

describe('withLabelPoints', () => {
  it('writes each area’s label point where the layout reckons it: the centroid of its largest ring', () => {
    const geometry = {
      type: 'MultiPolygon',
      coordinates: [
        [
          [
            [0, 0],
            [1, 0],
            [1, 1],
            [0, 1],
            [0, 0],
          ],
        ],
        [
          [
            [10, 0],
            [14, 0],
            [14, 2],
            [10, 2],
            [10, 0],
          ],
        ],
      ],
    };
    const [f] = withLabelPoints([{ properties: { code: '1901' }, geometry }]);
    expect(f!.properties).toEqual({ code: '1901', cp: [12, 1] });
    expect(centroid(geometry)).toEqual([12, 1]);
  });
});
