import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectHeader, mappedRows, suggestMapping } from './headers';
import { headerKey, NEEDS_TARGET } from './target';
import type { Cell } from './values';

describe('header detection and mapping', () => {
  it('finds the header under merged title rows and a blank row', () => {
    const grid: Cell[][] = [
      ['รายงานความต้องการ', 'รายงานความต้องการ', 'รายงานความต้องการ'],
      ['ประจำปี ๒๕๗๑'],
      [],
      ['ลำดับ', 'ตำบล', 'ปัญหา/ความต้องการ', 'ด้าน', 'จำนวนคน'],
      [1, 'ปากเพรียว', 'ขอถนน', 'ถนน', 10],
    ];
    const h = detectHeader(grid, NEEDS_TARGET)!;
    expect(h.headerIndex).toBe(3);
    expect(h.headerRows).toBe(1);
    expect(h.mapping).toEqual({ tambon: 1, title: 2, category: 3, people_affected: 4 });
  });

  it('joins a two-row header when the second row names fields the first does not', () => {
    const grid: Cell[][] = [
      ['ตำบล', 'ความต้องการ', 'ด้าน', 'จำนวน', 'จำนวน'],
      ['', '', '', 'ครัวเรือน', 'ผู้ได้รับผลกระทบ'],
      ['ปากเพรียว', 'ขอถนน', 'ถนน', 3, 10],
    ];
    const h = detectHeader(grid, NEEDS_TARGET)!;
    expect(h.headerRows).toBe(2);
    expect(h.labels[3]).toBe('จำนวน / ครัวเรือน');
    expect(h.mapping).toMatchObject({ tambon: 0, title: 1, category: 2, households: 3, people_affected: 4 });
  });

  it('recognises English headers and units in parentheses', () => {
    expect(
      suggestMapping(['Tambon', 'Title', 'Category', 'People affected', 'Estimated cost (THB)', 'Channel'], NEEDS_TARGET),
    ).toEqual({
      tambon: 0,
      title: 1,
      category: 2,
      people_affected: 3,
      estimated_cost: 4,
      channel: 5,
    });
    expect(headerKey(' งบประมาณ (บาท) ')).toBe('งบประมาณ');
  });

  it('returns null when no row names two fields', () => {
    expect(
      detectHeader(
        [
          ['a', 'b'],
          [1, 2],
        ],
        NEEDS_TARGET,
      ),
    ).toBeNull();
  });

  it('skips blank, total, repeated-header and column-number rows, keeping sheet row numbers', () => {
    const grid: Cell[][] = [
      ['ตำบล', 'ความต้องการ', 'ด้าน', 'ผู้ได้รับผลกระทบ'],
      ['(1)', '(2)', '(3)', '(4)'],
      ['ปากเพรียว', 'ขอถนน', 'ถนน', 10],
      [null, null, null, null],
      ['ตำบล', 'ความต้องการ', 'ด้าน', 'ผู้ได้รับผลกระทบ'],
      ['ดาวเรือง', 'ขอน้ำ', 'น้ำ', 20],
      ['รวมทั้งสิ้น', '', '', 30],
    ];
    const h = detectHeader(grid, NEEDS_TARGET)!;
    const { rows, skipped } = mappedRows(grid, h, h.mapping, NEEDS_TARGET);
    expect(rows.map((r) => r.row)).toEqual([3, 6]);
    expect(rows[1]!.cells).toEqual({ tambon: 'ดาวเรือง', title: 'ขอน้ำ', category: 'น้ำ', people_affected: 20 });
    expect(skipped).toEqual({ blank: 1, total: 1, header: 1, numbers: 1 });
  });

  it('property: the mapping is one-to-one and the header is found below any number of title rows', () => {
    const labels = ['ตำบล', 'ความต้องการ', 'ด้าน', 'ผู้ได้รับผลกระทบ', 'ครัวเรือน', 'หมู่ที่', 'ช่องทาง', 'วันที่', 'งบประมาณ'];
    fc.assert(
      fc.property(fc.shuffledSubarray(labels, { minLength: 3 }), fc.nat({ max: 8 }), (cols, titles) => {
        const grid: Cell[][] = [...Array.from({ length: titles }, (_, i) => [`หัวเรื่องที่ ${i}`]), cols, cols.map(() => 'x')];
        const h = detectHeader(grid, NEEDS_TARGET)!;
        expect(h.headerIndex).toBe(titles);
        const used = Object.values(h.mapping);
        expect(new Set(used).size).toBe(used.length);
        expect(Object.keys(h.mapping)).toHaveLength(cols.length);
      }),
    );
  });
});
