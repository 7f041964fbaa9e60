import { describe, expect, it } from 'vitest';
import { areaIndex } from './areas';
import type { MappedRow } from './headers';
import { areaOfCode, populationsFromRows, type PopulationRowsContext } from './population-rows';
import type { Cell } from './values';

const index = areaIndex(
  [
    { code: '1901', nameTh: 'เมืองสระบุรี', nameEn: 'Mueang Saraburi' },
    { code: '1902', nameTh: 'แก่งคอย', nameEn: 'Kaeng Khoi' },
    { code: '1903', nameTh: 'หนองแค', nameEn: 'Nong Khae' },
  ],
  [
    { code: '190101', districtCode: '1901', nameTh: 'ปากเพรียว', nameEn: 'Pak Phriao' },
    { code: '190201', districtCode: '1902', nameTh: 'แก่งคอย', nameEn: 'Kaeng Khoi' },
    { code: '190202', districtCode: '1902', nameTh: 'ทับกวาง', nameEn: 'Thap Kwang' },
    // The same name in two districts (as happens across a province).
    { code: '190205', districtCode: '1902', nameTh: 'หนองปลาไหล', nameEn: 'Nong Pla Lai' },
    { code: '190305', districtCode: '1903', nameTh: 'หนองปลาไหล', nameEn: 'Nong Pla Lai' },
  ],
);

/** Rows with the columns ตำบล (0), อำเภอ (1), รวม (2), numbered from row 2 under the header. */
function read(
  rows: readonly (readonly Cell[])[],
  mapping: Record<string, number> = { tambon: 0, district: 1, total: 2 },
  labels: readonly string[] = ['ตำบล', 'อำเภอ', 'รวม', 'ชาย', 'หญิง'],
) {
  const mapped: MappedRow[] = rows.map((cells, i) => ({
    row: i + 2,
    cells: Object.fromEntries(Object.entries(mapping).map(([key, col]) => [key, cells[col] ?? null])),
  }));
  const ctx: PopulationRowsContext = {
    areas: index,
    labels,
    mapping,
    cellsOf: (row) => rows[row - 2] ?? [],
  };
  return populationsFromRows(mapped, ctx);
}

describe('population rows', () => {
  it.each([
    ['19010100', { level: 'tambon', code: '190101' }],
    ['๑๙๐๒๐๐๐๐', { level: 'district', code: '1902' }],
    ['19000000', { level: 'province' }],
    ['19', { level: 'province' }],
    ['190202', { level: 'tambon', code: '190202' }],
    ['1903', { level: 'district', code: '1903' }],
    ['16010100', { level: 'other' }],
  ])('the code %j names %j', (text, area) => expect(areaOfCode(index, text)).toEqual({ ok: true, value: area }));

  it("refuses a village's code, an unknown code and what is no code", () => {
    expect(areaOfCode(index, '19010103')).toMatchObject({
      ok: false,
      code: 'BAD_FIELD',
      en: expect.stringContaining("a village's code"),
    });
    expect(areaOfCode(index, '19099900')).toMatchObject({ ok: false, en: "unknown tambon code '190999'" });
    expect(areaOfCode(index, '1901-01')).toMatchObject({ ok: false, en: expect.stringContaining('is not an area code') });
  });

  it('refuses a code beside the name of another area of its level (a shifted row); a name it cannot place is not checked', () => {
    const mapping = { code: 0, tambon: 1, total: 2 };
    const r = read(
      [
        ['19010100', 'ตำบลทับกวาง', '1,000'],
        ['19020000', 'อำเภอหนองแค', '2,000'],
        ['19020100', 'แก่งคอย', '3,000'],
        ['19020000', 'อำเภอแก่งคอย', '4,000'],
        ['19020200', 'Thap Kwang', '5,000'],
        ['19020500', 'ต.หนองปลาไหล', '6,000'],
      ],
      mapping,
      ['รหัสพื้นที่', 'ท้องที่', 'รวม'],
    );
    expect(r.problems.map((p) => [p.line, p.en])).toEqual([
      [
        2,
        "row 2, column 'รหัสพื้นที่': the code 190101 is tambon ปากเพรียว, but column 'ท้องที่' names tambon ทับกวาง (190202): a row shifted, or a code or a name typed wrong",
      ],
      [
        3,
        "row 3, column 'รหัสพื้นที่': the code 1902 is district แก่งคอย, but column 'ท้องที่' names district หนองแค (1903): a row shifted, or a code or a name typed wrong",
      ],
    ]);
    expect(r.problems[0]!.th).toBe(
      "แถวที่ 2 คอลัมน์ 'รหัสพื้นที่': รหัส 190101 คือตำบลปากเพรียว แต่คอลัมน์ 'ท้องที่' ระบุตำบลทับกวาง (190202) แถวอาจเลื่อน หรือพิมพ์รหัสหรือชื่อผิด",
    );
    expect(r.figures.map((f) => f.code)).toEqual(['190201', '1902', '190202', '190205']);
  });

  it('refuses a tambon name two districts share when no district is given, naming both; a district decides it', () => {
    const r = read([['ต.หนองปลาไหล', null, '1,000']]);
    expect(r.figures).toEqual([]);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ line: 2, column: 'ตำบล', code: 'AMBIGUOUS_AREA' });
    expect(r.problems[0]!.en).toContain('190205 (แก่งคอย), 190305 (หนองแค)');
    expect(r.problems[0]!.th).toContain('มีในหลายอำเภอ');
    expect(read([['ต.หนองปลาไหล', 'หนองแค', '1,000']]).figures).toEqual([
      { level: 'tambon', code: '190305', population: 1000, row: 2 },
    ]);
  });

  it("takes the district from a district's own row above its tambons, and a bare name as a tambon before a district", () => {
    const r = read([
      ['อำเภอหนองแค', null, '90,000'],
      ['หนองปลาไหล', null, '5,000'],
      ['อำเภอแก่งคอย', null, '100,000'],
      ['แก่งคอย', null, '20,000'],
      ['หนองปลาไหล', null, '6,000'],
      ['เมืองสระบุรี', null, '110,000'],
    ]);
    expect(r.problems).toEqual([]);
    expect(r.figures.map((f) => [f.level, f.code, f.population])).toEqual([
      ['district', '1903', 90_000],
      ['tambon', '190305', 5_000],
      ['district', '1902', 100_000],
      ['tambon', '190201', 20_000],
      ['tambon', '190205', 6_000],
      ['district', '1901', 110_000],
    ]);
  });

  it("reads a district's row from the district column when the tambon's is empty; the province's row is passed over", () => {
    const r = read([
      ['จังหวัดสระบุรี', null, '600,000'],
      [null, 'แก่งคอย', '100,000'],
      ['ทับกวาง', 'แก่งคอย', '15,000'],
    ]);
    expect(r.province).toBe(1);
    expect(r.figures.map((f) => [f.code, f.population])).toEqual([
      ['1902', 100_000],
      ['190202', 15_000],
    ]);
  });

  it('adds men and women without a total; refuses a village named in the areas column and a row naming no area', () => {
    const summed = read([['ทับกวาง', null, null, '7,000', '7,100']], { tambon: 0, district: 1, male: 3, female: 4 });
    expect(summed).toMatchObject({ summed: 1, figures: [{ code: '190202', population: 14_100 }] });
    const bad = read([
      ['หมู่ที่ 3 บ้านหนองโน', null, '500'],
      [null, null, '500'],
    ]);
    expect(bad.problems.map((p) => [p.line, p.code, p.en])).toEqual([
      [
        2,
        'BAD_FIELD',
        "row 2, column 'ตำบล': 'หมู่ที่ 3 บ้านหนองโน' is a village's row: only districts and tambons are imported; leave the villages' rows out",
      ],
      [3, 'REQUIRED', 'row 3: the row names no area (no area code, tambon or district)'],
    ]);
  });
});
