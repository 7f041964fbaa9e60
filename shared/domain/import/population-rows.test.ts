import { describe, expect, it } from 'vitest';
import { areaIndex } from './areas';
import type { MappedRow } from './headers';
import { areaOfCode, districtSums, populationsFromRows, tambonPart, type PopulationRowsContext } from './population-rows';
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

describe('local governments and parts of tambons', () => {
  it.each([
    ['ปากเพรียว (เขตเทศบาล)', { name: 'ปากเพรียว', part: 'เขตเทศบาล' }],
    ['ปากเพรียว (นอกเขตเทศบาล)', { name: 'ปากเพรียว', part: 'นอกเขตเทศบาล' }],
    ['ต.ปากเพรียว ในเขตเทศบาล', { name: 'ต.ปากเพรียว', part: 'ในเขตเทศบาล' }],
    ['ปากเพรียว (เขตเทศบาลเมืองสระบุรี)', { name: 'ปากเพรียว', part: 'เขตเทศบาลเมืองสระบุรี' }],
    ['ปากเพรียว (ทม.สระบุรี)', { name: 'ปากเพรียว', part: 'ทม.สระบุรี' }],
    ['ทับกวาง [นอกเขต อบต.]', { name: 'ทับกวาง', part: 'นอกเขต อบต.' }],
    ['ทับกวาง (ทต.ทับกวาง )', { name: 'ทับกวาง', part: 'ทต.ทับกวาง' }],
    ['ปากเพรียว', null],
    ['(เขตเทศบาล)', null],
    ['หนองปลาไหล (อ.แก่งคอย)', null],
  ])('%j is the part %j', (name, part) => expect(tambonPart(name)).toEqual(part));

  it("reads no part in a hostile cell (no tambon's name; searched, it would take seconds)", () => {
    expect(tambonPart(`${'เขตเทศบาล '.repeat(10_000)}x)`)).toBeNull();
  });

  it("refuses a local government's row, whatever tambon its name holds or code it carries; nothing is read as the tambon", () => {
    const out = read([
      ['ทต.หนองปลาไหล', 'แก่งคอย', '4,000'],
      ['เทศบาลตำบลทับกวาง', 'แก่งคอย', '3,000'],
      ['ท้องถิ่นเทศบาลเมืองสระบุรี', null, '60,000'],
      ['อบต. แก่งคอย', 'แก่งคอย', '9,000'],
      ['องค์การบริหารส่วนตำบลทับกวาง', 'แก่งคอย', '2,000'],
    ]);
    expect(out.figures).toEqual([]);
    expect(out.problems.map((p) => [p.line, p.code, p.column])).toEqual([
      [2, 'BAD_FIELD', 'ตำบล'],
      [3, 'BAD_FIELD', 'ตำบล'],
      [4, 'BAD_FIELD', 'ตำบล'],
      [5, 'BAD_FIELD', 'ตำบล'],
      [6, 'BAD_FIELD', 'ตำบล'],
    ]);
    expect(out.problems[0]).toMatchObject({
      en: expect.stringContaining("'ทต.หนองปลาไหล' is a local government's row"),
      th: expect.stringContaining('กรุณานำเข้าตารางของกรมการปกครองแบบรายท้องที่'),
    });
    // Beside a registration office's code (no district's), or a tambon's: the name says what the row is.
    const coded = read(
      [
        ['1999', 'ท้องถิ่นเทศบาลเมืองสระบุรี', '60,000'],
        ['190101', 'ทม.สระบุรี', '60,000'],
      ],
      { code: 0, tambon: 1, total: 2 },
      ['รหัส', 'ท้องที่', 'รวม'],
    );
    expect(coded.problems.map((p) => [p.line, p.code, p.column])).toEqual([
      [2, 'BAD_FIELD', 'ท้องที่'],
      [3, 'BAD_FIELD', 'ท้องที่'],
    ]);
    // In the district column of a row that names no tambon.
    const inDistrict = read([[null, 'เทศบาลเมืองสระบุรี', '60,000']]);
    expect(inDistrict.problems.map((p) => [p.line, p.code, p.column])).toEqual([[2, 'BAD_FIELD', 'อำเภอ']]);
  });

  it("sums a tambon's parts; one part alone is read as the whole and named; a repeated part must agree", () => {
    const out = read([
      ['ปากเพรียว (เขตเทศบาล)', 'เมืองสระบุรี', '15,000'],
      ['ทับกวาง (นอกเขตเทศบาล)', 'แก่งคอย', '8,000'],
      ['ปากเพรียว (นอกเขตเทศบาล)', 'เมืองสระบุรี', '5,500'],
      ['แก่งคอย', 'แก่งคอย', '12,000'],
    ]);
    expect(out.problems).toEqual([]);
    expect(out.figures).toEqual([
      { level: 'tambon', code: '190201', population: 12_000, row: 5 },
      { level: 'tambon', code: '190101', population: 20_500, row: 2 },
      { level: 'tambon', code: '190202', population: 8_000, row: 3 },
    ]);
    expect(out).toMatchObject({ partsSummed: 1, partsAlone: ['ทับกวาง (นอกเขตเทศบาล)'] });
    const twice = read([
      ['ปากเพรียว (เขตเทศบาล)', 'เมืองสระบุรี', '15,000'],
      ['ปากเพรียว (เขตเทศบาล)', 'เมืองสระบุรี', '15,000'],
      ['ทับกวาง (เขตเทศบาล)', 'แก่งคอย', '1,000'],
      ['ทับกวาง (เขตเทศบาล)', 'แก่งคอย', '1,200'],
    ]);
    expect(twice.figures).toEqual([{ level: 'tambon', code: '190101', population: 15_000, row: 2 }]);
    expect(twice.problems.map((p) => [p.line, p.code])).toEqual([[5, 'DUPLICATE_ID']]);
    expect(twice.problems[0]!.en).toContain("the part 'เขตเทศบาล' of the tambon is given twice with different figures");
  });

  it("checks parts beside the whole tambon's row as its breakdown: they must add up to it", () => {
    const ok = read([
      ['ปากเพรียว', 'เมืองสระบุรี', '20,500'],
      ['ปากเพรียว (เขตเทศบาล)', 'เมืองสระบุรี', '15,000'],
      ['ปากเพรียว (นอกเขตเทศบาล)', 'เมืองสระบุรี', '5,500'],
    ]);
    expect(ok.problems).toEqual([]);
    expect(ok.figures).toEqual([{ level: 'tambon', code: '190101', population: 20_500, row: 2 }]);
    expect(ok.partsSummed).toBe(0);
    const bad = read([
      ['ปากเพรียว', 'เมืองสระบุรี', '20,000'],
      ['ปากเพรียว (เขตเทศบาล)', 'เมืองสระบุรี', '15,000'],
      ['ปากเพรียว (นอกเขตเทศบาล)', 'เมืองสระบุรี', '5,500'],
    ]);
    expect(bad.problems.map((p) => [p.line, p.code, p.en])).toEqual([
      [
        3,
        'BAD_COUNT',
        "row 3 (190101), column 'ตำบล': the tambon's parts (เขตเทศบาล 15,000 + นอกเขตเทศบาล 5,500 = 20,500) do not add up to its row 2 (20,000)",
      ],
    ]);
  });

  it("checks a district's figure against its tambons summed from their parts", () => {
    const figures = read([
      ['อำเภอแก่งคอย', null, '21,000'],
      ['แก่งคอย (เขตเทศบาล)', null, '9,000'],
      ['แก่งคอย (นอกเขตเทศบาล)', null, '3,000'],
      ['ทับกวาง', null, '8,000'],
      ['หนองปลาไหล', null, '1,000'],
    ]).figures;
    expect(districtSums(figures, index).problems).toEqual([]);
    const short = read([
      ['อำเภอแก่งคอย', null, '21,000'],
      ['แก่งคอย (เขตเทศบาล)', null, '9,000'],
      ['ทับกวาง', null, '8,000'],
      ['หนองปลาไหล', null, '1,000'],
    ]);
    // One part given as the whole: the district's figure shows the missing part.
    expect(short.partsAlone).toEqual(['แก่งคอย (เขตเทศบาล)']);
    expect(districtSums(short.figures, index).problems.map((p) => p.code)).toEqual(['BAD_COUNT']);
  });
});

// แก่งคอย (1902) has three tambons in this index: แก่งคอย 190201, ทับกวาง 190202 and หนองปลาไหล 190205.
describe("a district's figure against its tambons' in the file", () => {
  /** The figures of rows read as read() reads them, and what districtSums says of them. */
  const sums = (rows: readonly (readonly Cell[])[], mapping?: Record<string, number>) => {
    const r = read(rows, mapping);
    expect(r.problems).toEqual([]);
    return districtSums(r.figures, index);
  };
  const kaengKhoi = (district: string): Cell[][] => [
    ['อำเภอแก่งคอย', null, district],
    ['แก่งคอย', null, '10,000'],
    ['ทับกวาง', null, '12,000'],
    ['หนองปลาไหล', null, '8,500'],
  ];

  it('accepts a district whose every tambon adds up to its figure, and refuses one they do not, in Thai and English', () => {
    expect(sums(kaengKhoi('30,500'))).toEqual({ problems: [], notes: [] });
    const r = sums(kaengKhoi('31,500'));
    expect(r.notes).toEqual([]);
    expect(r.problems).toEqual([
      {
        line: 2,
        code: 'BAD_COUNT',
        en: "row 2 (1902): the population 31,500 of district แก่งคอย is not the sum of its 3 tambons (30,500): a figure typed wrong, or the district's and the tambons' figures of different dates",
        th: 'แถวที่ 2 (1902): จำนวนประชากร 31,500 ของอำเภอแก่งคอย ไม่เท่ากับผลรวมของตำบลทั้ง 3 ตำบล (30,500) อาจพิมพ์ตัวเลขผิด หรือตัวเลขของอำเภอกับของตำบลเป็นข้อมูลต่างวันที่กัน',
      },
    ]);
    // Less than the sum is refused too: every tambon is given, so they are the whole district.
    expect(sums(kaengKhoi('30,499')).problems.map((p) => p.en)).toEqual([
      expect.stringContaining('the population 30,499 of district แก่งคอย is not the sum of its 3 tambons (30,500)'),
    ]);
  });

  it('refuses some of the tambons adding up to more than the district; accepts them within it, saying which are given in part', () => {
    const part = (district: string): Cell[][] => kaengKhoi(district).slice(0, 3);
    const over = sums(part('21,999'));
    expect(over.problems).toEqual([
      {
        line: 2,
        code: 'BAD_COUNT',
        en: "row 2 (1902): the population 21,999 of district แก่งคอย is less than the sum of 2 of its 3 tambons given (22,000): a figure typed wrong, or the district's and the tambons' figures of different dates",
        th: 'แถวที่ 2 (1902): จำนวนประชากร 21,999 ของอำเภอแก่งคอย น้อยกว่าผลรวมของตำบลที่ให้มา 2 จาก 3 ตำบล (22,000) อาจพิมพ์ตัวเลขผิด หรือตัวเลขของอำเภอกับของตำบลเป็นข้อมูลต่างวันที่กัน',
      },
    ]);
    for (const within of ['22,000', '30,500', '1,000,000']) {
      expect(sums(part(within))).toEqual({
        problems: [],
        notes: [
          {
            en: "the file gives some tambons only of district(s) แก่งคอย (2 of 3): their sum is within the district's figure; the tambons not given keep the figures they had",
            th: 'ไฟล์ให้ตัวเลขเพียงบางตำบลของอำเภอแก่งคอย (2 จาก 3 ตำบล) ผลรวมไม่เกินตัวเลขของอำเภอ ตำบลที่ไม่ได้ให้มาคงใช้ตัวเลขเดิม',
          },
        ],
      });
    }
  });

  it("checks a district's own row (above or below its tambons), not a heading, which gives the district no figure", () => {
    // Tambons under a heading (its district filled into their district cells), then the district's subtotal row.
    const headed: Cell[][] = [
      ['แก่งคอย', 'แก่งคอย', '10,000'],
      ['ทับกวาง', 'แก่งคอย', '12,000'],
      ['หนองปลาไหล', 'แก่งคอย', '8,500'],
    ];
    expect(sums(headed)).toEqual({ problems: [], notes: [] });
    const r = sums([...headed, [null, 'แก่งคอย', '40,000']]);
    expect(r.problems.map((p) => [p.line, p.en])).toEqual([
      [
        5,
        expect.stringMatching(
          /^row 5 \(1902\): the population 40,000 of district แก่งคอย is not the sum of its 3 tambons \(30,500\)/u,
        ),
      ],
    ]);
  });

  it("reads DOPA's 8-digit codes, and compares the figures the import stores: men and women added without a total", () => {
    const mapping = { code: 0, tambon: 1, male: 3, female: 4 };
    const dopa = (men: string): Cell[][] => [
      ['19000000', 'จังหวัดสระบุรี', null, '100,000', '100,000'],
      ['19020000', 'อำเภอแก่งคอย', null, men, '15,300'],
      ['19020100', 'ตำบลแก่งคอย', null, '5,000', '5,100'],
      ['19020200', 'ตำบลทับกวาง', null, '6,000', '6,100'],
      ['19020500', 'ตำบลหนองปลาไหล', null, '4,100', '4,100'],
    ];
    expect(sums(dopa('15,100'), mapping).problems).toEqual([]);
    const r = sums(dopa('15,000'), mapping);
    expect(r.problems.map((p) => [p.line, p.en])).toEqual([
      [3, expect.stringContaining('the population 30,300 of district แก่งคอย is not the sum of its 3 tambons (30,400)')],
    ]);
    expect(r.problems[0]!.th).toContain('จำนวนประชากร 30,300 ของอำเภอแก่งคอย ไม่เท่ากับผลรวมของตำบลทั้ง 3 ตำบล (30,400)');
  });

  it('compares the whole file: a district on one sheet, its tambons on another, named by its sheet and part', () => {
    const districts = read([['อำเภอแก่งคอย', null, '30,000']]).figures.map((f) => ({ ...f, sheet: 'อำเภอ', part: 'อำเภอ' }));
    const sheet = read(
      kaengKhoi('0')
        .slice(1)
        .map(([t, , n]) => [t ?? null, 'แก่งคอย', n ?? null]),
    );
    expect(sheet.problems).toEqual([]);
    const tambons = sheet.figures.map((f) => ({ ...f, sheet: 'ตำบล', part: 'ตำบล' }));
    const r = districtSums([...tambons, ...districts], index);
    expect(r.problems).toEqual([
      expect.objectContaining({
        line: 2,
        column: 'อำเภอ',
        en: expect.stringMatching(/^sheet 'อำเภอ', row 2 \(1902\): the population 30,000 of district แก่งคอย is not the sum/u),
        th: expect.stringMatching(/^แผ่นงาน 'อำเภอ' แถวที่ 2 \(1902\): จำนวนประชากร 30,000 ของอำเภอแก่งคอย/u),
      }),
    ]);
  });

  it('leaves a district alone when the file gives it or one of its tambons twice with different figures (a problem of its own)', () => {
    const once = read(kaengKhoi('31,500')).figures;
    const twice = (code: string) => {
      const f = once.find((x) => x.code === code)!;
      return districtSums([...once, { ...f, population: f.population + 1, row: 9, sheet: 'อื่น' }], index);
    };
    expect(districtSums(once, index).problems).toHaveLength(1);
    expect(twice('1902').problems).toEqual([]);
    expect(twice('190202').problems).toEqual([]);
    // The same figure given twice is one figure.
    expect(districtSums([...once, { ...once[1]!, row: 9 }], index).problems).toHaveLength(1);
  });
});
