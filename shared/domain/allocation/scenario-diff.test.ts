import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { diffOutcomes, type DiffSide } from './scenario-diff';

const row = (projectId: number, funded: number, districtCode = '1901') => ({
  projectId,
  code: `P${projectId}`,
  title: `Project ${projectId}`,
  districtCode,
  strategy: 'S1',
  funded,
});

describe('diffOutcomes', () => {
  it('sorts projects into entered, left and changed, and matches totals by key', () => {
    const a: DiffSide = {
      rows: [row(1, 0), row(2, 100), row(3, 100), row(4, 50)],
      byDistrict: [
        { key: '1901', nameTh: 'เมือง', nameEn: 'Mueang', funded: 250 },
        { key: '1902', nameTh: 'แก่งคอย', nameEn: 'Kaeng Khoi', funded: 0 },
      ],
      byStrategy: [],
    };
    const b: DiffSide = {
      rows: [row(1, 70), row(2, 0), row(3, 80), row(4, 50)],
      // Another order: matched by key, not position.
      byDistrict: [
        { key: '1902', nameTh: 'แก่งคอย', nameEn: 'Kaeng Khoi', funded: 20 },
        { key: '1901', nameTh: 'เมือง', nameEn: 'Mueang', funded: 180 },
      ],
      byStrategy: [],
    };
    const d = diffOutcomes(a, b);
    expect(d.entered.map((p) => [p.projectId, p.amountA, p.amountB])).toEqual([[1, 0, 70]]);
    expect(d.left.map((p) => p.projectId)).toEqual([2]);
    expect(d.changed.map((p) => [p.projectId, p.amountA, p.amountB])).toEqual([[3, 100, 80]]);
    expect(d.byDistrict.map((x) => [x.key, x.delta])).toEqual([
      ['1901', -70],
      ['1902', 20],
    ]);
  });

  it('every project whose amount differs is in exactly one list, and district deltas add up to B − A (property)', () => {
    const arb = fc.array(fc.tuple(fc.nat(3), fc.nat(3), fc.constantFrom('1901', '1902', '1903')), { maxLength: 12 });
    fc.assert(
      fc.property(arb, (projects) => {
        const side = (pick: 0 | 1): DiffSide => {
          const rows = projects.map(([x, y, district], i) => row(i + 1, (pick === 0 ? x : y) * 100, district));
          const codes = ['1901', '1902', '1903'];
          const byDistrict = codes.map((key) => ({
            key,
            nameTh: key,
            nameEn: key,
            funded: rows.filter((r) => r.districtCode === key).reduce((s, r) => s + r.funded, 0),
          }));
          return { rows, byDistrict, byStrategy: [] };
        };
        const a = side(0);
        const b = side(1);
        const d = diffOutcomes(a, b);
        const listed = [...d.entered, ...d.left, ...d.changed].map((p) => p.projectId).sort((x, y) => x - y);
        const differing = projects.flatMap(([x, y], i) => (x !== y ? [i + 1] : []));
        expect(listed).toEqual(differing);
        const sum = (s: DiffSide): number => s.rows.reduce((t, r) => t + r.funded, 0);
        expect(d.byDistrict.reduce((t, x) => t + x.delta, 0)).toBe(sum(b) - sum(a));
      }),
    );
  });
});
