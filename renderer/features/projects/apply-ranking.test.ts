import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ProjectRow } from '../../../shared/api/types';
import { applyRanking } from './apply-ranking';

const row = (id: number, rank: number, composite: number): ProjectRow =>
  ({ id, code: `P${id}`, title: `โครงการ ${id}`, rank, composite }) as unknown as ProjectRow;

describe('applyRanking', () => {
  it('reorders, renumbers and keeps the objects of rows that did not move', () => {
    const a = row(1, 1, 80);
    const b = row(2, 2, 70);
    const c = row(3, 3, 60);
    const out = applyRanking([a, b, c], { ids: [2, 1, 3], composites: [85, 80, 60] })!;
    expect(out.map((r) => [r.id, r.rank, r.composite])).toEqual([
      [2, 1, 85],
      [1, 2, 80],
      [3, 3, 60],
    ]);
    expect(out[2]).toBe(c);
    expect(out[0]).not.toBe(b);
  });

  it('is null when the ranking is not of the same projects', () => {
    const rows = [row(1, 1, 80), row(2, 2, 70)];
    expect(applyRanking(rows, { ids: [1], composites: [80] })).toBeNull();
    expect(applyRanking(rows, { ids: [1, 3], composites: [80, 1] })).toBeNull();
    expect(applyRanking(rows, { ids: [1, 1], composites: [80, 80] })).toBeNull();
  });

  it('gives every row once, ranks 1…n in the ranking order (property)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 10_000 }), { minLength: 1, maxLength: 60 }),
        fc.integer(),
        (ids, seed) => {
          const rows = ids.map((id, i) => row(id, i + 1, 100 - i));
          const shuffled = [...ids].sort((x, y) => ((x * 31 + seed) % 97) - ((y * 31 + seed) % 97) || x - y);
          const out = applyRanking(rows, { ids: shuffled, composites: shuffled.map((id) => id % 100) })!;
          expect(out.map((r) => r.id)).toEqual(shuffled);
          expect(out.map((r) => r.rank)).toEqual(shuffled.map((_, i) => i + 1));
          expect(new Set(out).size).toBe(rows.length);
        },
      ),
    );
  });
});
