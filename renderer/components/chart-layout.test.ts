import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { legendHeight, legendRows, valueAxisSplits } from './chart-layout';

/** Sarabun at 12 px, about: 6.5 px a Latin letter. */
const latin = (text: string): number => text.length * 6.5;

describe('legendRows', () => {
  const fairness = ['Share of funds', 'Share of population', 'Share of people in need'];

  it('wraps the fairness chart’s three English names in a third of a 1280-px screen, and keeps them on one row when wide', () => {
    expect(legendRows(fairness, 380, latin)).toBe(2);
    expect(legendRows(fairness, 700, latin)).toBe(1);
  });

  it('counts a row per name when even two do not fit side by side, and none for no names', () => {
    expect(legendRows(fairness, 150, latin)).toBe(3);
    expect(legendRows([], 380, latin)).toBe(0);
  });

  it('starts the bars where the one-row legend always ended (94 px under a legend at 60)', () => {
    expect(60 + legendHeight(1) + 8).toBe(94);
    expect(legendHeight(2)).toBeGreaterThan(legendHeight(1) + 16);
  });

  it('property: a narrower chart never needs fewer rows, and never more rows than names', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ minLength: 1, maxLength: 40 }), { maxLength: 6 }),
        fc.integer({ min: 80, max: 1200 }),
        fc.integer({ min: 0, max: 400 }),
        (names, width, less) => {
          const wide = legendRows(names, width, latin);
          const narrow = legendRows(names, width - less, latin);
          expect(narrow).toBeGreaterThanOrEqual(wide);
          expect(narrow).toBeLessThanOrEqual(names.length);
        },
      ),
    );
  });
});

describe('valueAxisSplits', () => {
  it('gives a narrow axis beside long issue names two or three intervals instead of seven labels run together', () => {
    expect(valueAxisSplits(150)).toBe(2);
    expect(valueAxisSplits(180)).toBe(3);
  });

  it('keeps ECharts’ five on a wide axis and at least one on none', () => {
    expect(valueAxisSplits(600)).toBe(5);
    expect(valueAxisSplits(-20)).toBe(1);
  });
});
