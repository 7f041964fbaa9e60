/**
 * The province's reference data against a real SQLite file: boundaries (GeoJSON) and populations (reference JSON,
 * CSV) imported all or nothing and counted by `reference.status`; a layer no map can draw (in metres, latitude first,
 * a projection named in `crs`, text or null coordinates, a feature that is not an object, a list nested 100,000 deep)
 * refused with its feature and why, in Thai and English, never as an internal error, and nothing changed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import type { ApiError } from '../../../shared/api/errors';
import { REFERENCE_IMPORT_EXTENSIONS } from '../../../shared/api/import-files';
import type { AreasImportReport, ReferenceStatus } from '../../../shared/api/types';
import { win874 } from '../../../test/fixtures/needs-files';
import { everyTable, owner, useTestCore } from './test-core';

const { core, ok, upload } = useTestCore('chipao-reference-', { needs: 20, projects: 3 });

const SHARED = new URL('../../../../shared/data/', import.meta.url);

/** A square around (lon, lat), as a GeoJSON polygon's coordinates. */
const square = (lon: number, lat: number): number[][][] => [
  [
    [lon, lat],
    [lon + 0.05, lat],
    [lon + 0.05, lat + 0.05],
    [lon, lat + 0.05],
    [lon, lat],
  ],
];

const layer = (features: unknown[], extra: Record<string, unknown> = {}): string =>
  JSON.stringify({ type: 'FeatureCollection', ...extra, features });
const district = (code: string, coordinates: unknown, type = 'Polygon'): unknown => ({
  type: 'Feature',
  properties: { district_code: code },
  geometry: { type, coordinates },
});

async function refused(fileName: string, content: string | Uint8Array): Promise<ApiError> {
  const before = everyTable(core());
  const r = await core().call('reference.importAreas', { uploadId: upload(fileName, content) }, owner);
  if (r.ok) throw new Error('should have been refused');
  expect(r.error.code).toBe('IMPORT_REJECTED');
  expect(everyTable(core())).toEqual(before);
  return r.error;
}

describe('reference data', () => {
  it('imports boundaries and populations, and says how much is loaded', async () => {
    const before = await ok<ReferenceStatus>('reference.status', {});
    expect(before).toMatchObject({ districts: 13, tambons: 111, districtsWithBoundary: 0, tambonsWithBoundary: 0 });
    const boundaries = await ok<AreasImportReport>('reference.importAreas', {
      uploadId: upload(
        'districts.geojson',
        layer([
          district('1901', square(100.9, 14.5)),
          district('1902', [square(101.0, 14.4), square(101.1, 14.4)], 'MultiPolygon'),
        ]),
      ),
    });
    expect(boundaries).toMatchObject({ kind: 'geojson', districts: 2, withGeometry: 2 });
    // A CSV as Thai Windows saves it (TIS-620), its header in Thai, a figure with a thousands separator in quotes.
    // ... and one row with the empty cells a spreadsheet adds at the end of a row when another row is longer.
    const csv = win874('รหัส,ประชากร\r\n1901,"123,456"\r\n190101,๕,๐๐๐\r\n190105,7000,,\r\n');
    const populations = await ok<AreasImportReport>('reference.importAreas', { uploadId: upload('population.csv', csv) });
    expect(populations).toMatchObject({ kind: 'csv', districts: 1, tambons: 2, withPopulation: 3 });
    const status = await ok<ReferenceStatus>('reference.status', {});
    expect(status.districtsWithBoundary).toBe(2);
    expect(status.districtsWithPopulation).toBeGreaterThanOrEqual(1);
    expect(status.tambonsWithPopulation).toBe(before.tambonsWithPopulation + 2);
    const stored = core().store.sqlite.prepare("SELECT population FROM area_tambon WHERE code = '190101'").pluck().get();
    expect(stored).toBe(5000);
    const geometry = await ok<{ features: { properties: { code: string }; geometry: unknown }[] }>('areas.geometry', {
      level: 'district',
    });
    expect(geometry.features.map((f) => f.properties.code)).toEqual(['1901', '1902']);
    expect(geometry.features[0]!.geometry).toEqual({ type: 'Polygon', coordinates: square(100.9, 14.5) });
  });

  it('refuses a layer no map can draw, naming the feature and why, and changes nothing', async () => {
    const utm = [
      [
        [700_000, 1_600_000],
        [700_500, 1_600_000],
        [700_500, 1_600_500],
      ],
    ];
    const metres = await refused('utm.geojson', layer([district('1901', square(100.9, 14.5)), district('1902', utm)]));
    expect(metres.problems?.[0]).toMatchObject({ line: 2, column: 'geometry' });
    expect(metres.problems?.[0]?.en).toContain('feature 2 (1902): the coordinates are in metres');
    expect(metres.problems?.[0]?.en).toContain('EPSG:4326');
    expect(metres.problems?.[0]?.th).toContain('WGS 84');

    const swapped = square(100.9, 14.5).map((ring) => ring.map(([x, y]) => [y, x]));
    expect((await refused('swapped.geojson', layer([district('1901', swapped)]))).message).toContain('swapped');

    const named = layer([district('1901', square(100.9, 14.5))], {
      crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::32647' } },
    });
    const projected = await refused('qgis.geojson', named);
    expect(projected.message).toContain('the layer is in urn:ogc:def:crs:EPSG::32647');
    expect(projected.messageTh).toContain('WGS 84');

    const cases: [unknown[], string][] = [
      [[null], 'feature 1 is not a GeoJSON Feature object'],
      [[district('1901', 'x')], 'feature 1 (1901): a polygon has no ring of positions'],
      [
        [
          district('1901', [
            [
              [100.9, null],
              [101, 14.5],
              [101, 14.6],
            ],
          ]),
        ],
        'two finite numbers',
      ],
      [
        [{ type: 'Feature', properties: { district_code: '1901' }, geometry: { type: 'Point', coordinates: [100.9, 14.5] } }],
        '(Point)',
      ],
    ];
    for (const [features, why] of cases) {
      const e = await refused('bad.geojson', layer(features));
      expect(e.code).toBe('IMPORT_REJECTED');
      expect(e.problems?.[0]?.en).toContain(why);
    }
    const deep = `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"district_code":"1901"},"geometry":{"type":"Polygon","coordinates":${'['.repeat(100_000)}${']'.repeat(100_000)}}}]}`;
    expect((await refused('deep.geojson', deep)).problems?.[0]?.en).toContain('fewer than three positions');
  });

  it("reads a national layer's P-codes (HDX's ADM3_PCODE, DOPA's TAM_CODE), passing over other provinces", async () => {
    const feature = (props: Record<string, unknown>, lon: number): unknown => ({
      type: 'Feature',
      properties: props,
      geometry: { type: 'Polygon', coordinates: square(lon, 14.5) },
    });
    const national = layer([
      feature({ ADM1_PCODE: 'TH19', ADM2_PCODE: 'TH1901', ADM3_PCODE: 'TH190101', ADM3_TH: 'ปากเพรียว' }, 100.9),
      feature({ ADM1_PCODE: 'TH10', ADM2_PCODE: 'TH1001', ADM3_PCODE: 'TH100101', ADM3_TH: 'พระบรมมหาราชวัง' }, 100.5),
      feature({ TAM_CODE: 190105 }, 101.0),
      feature({ AMP_CODE: '5001' }, 98.9),
    ]);
    const report = await ok<AreasImportReport>('reference.importAreas', {
      uploadId: upload('tha_admbnda_adm3.geojson', national),
    });
    expect(report).toMatchObject({ kind: 'geojson', districts: 0, tambons: 2, withGeometry: 2, otherProvinces: 2 });
    const stored = core()
      .store.sqlite.prepare("SELECT code FROM area_tambon WHERE code IN ('190101', '190105') AND geometry_json IS NOT NULL")
      .pluck()
      .all();
    expect(stored).toEqual(['190101', '190105']);
    const elsewhere = await refused('bangkok.geojson', layer([feature({ ADM3_PCODE: 'TH100101' }, 100.5)]));
    expect(elsewhere.message).toContain('the layer holds no area of Saraburi (1 of other provinces)');
  });

  it("takes the layer's English names of areas over the geography package's misspellings, and refuses one that is no name", async () => {
    const nameOf = (code: string): unknown =>
      core().store.sqlite.prepare('SELECT name_en FROM area_tambon WHERE code = ?').pluck().get(code);
    // A database seeded with the geography package's spellings of ปากเพรียว, หินซ้อน and ดาวเรือง (before the app
    // mended them at start, geo/saraburi.ts).
    const seeded = core().store.sqlite.prepare('UPDATE area_tambon SET name_en = ? WHERE code = ?');
    for (const [code, name] of [
      ['190101', 'Pak Pheni'],
      ['190206', 'In Son'],
      ['190105', 'Daonueang'],
    ]) {
      seeded.run(name, code);
    }
    expect(nameOf('190101')).toBe('Pak Pheni');
    expect(nameOf('190206')).toBe('In Son');
    const feature = (props: Record<string, unknown>, lon: number): unknown => ({
      type: 'Feature',
      properties: props,
      geometry: { type: 'Polygon', coordinates: square(lon, 14.5) },
    });
    const report = await ok<AreasImportReport>('reference.importAreas', {
      uploadId: upload(
        'tambons.geojson',
        layer([
          feature({ tambon_code: '190101', name_en: 'Pak Phriao', district_name_en: 'Mueang Saraburi' }, 100.9),
          feature({ ADM3_PCODE: 'TH190206', ADM3_EN: ' Hin  Son ', ADM2_EN: 'Kaeng Khoi' }, 101.0),
          feature({ tambon_code: '190105', name_en: null }, 101.1),
        ]),
      ),
    });
    expect(report).toMatchObject({ tambons: 3, withGeometry: 3, withEnglishName: 2 });
    expect(nameOf('190101')).toBe('Pak Phriao');
    expect(nameOf('190206')).toBe('Hin Son');
    expect(nameOf('190105')).toBe('Daonueang');
    // The district a tambon lies in is not the tambon's name.
    expect(core().store.sqlite.prepare("SELECT name_en FROM area_district WHERE code = '1901'").pluck().get()).toBe(
      'Mueang Saraburi',
    );

    for (const [value, shown] of [
      ['ปากเพรียว', "name_en 'ปากเพรียว' is not an English name"],
      [42, "name_en '42' is not an English name"],
      ['x'.repeat(81), 'is not an English name of up to 80 characters'],
      ['Pak\u0007Phriao', 'is not an English name'],
    ] as const) {
      const e = await refused('names.geojson', layer([feature({ tambon_code: '190101', name_en: value }, 100.9)]));
      expect(e.problems?.[0]).toMatchObject({ line: 1, column: 'properties' });
      expect(e.problems?.[0]?.en).toContain('feature 1 (190101): name_en ');
      expect(e.problems?.[0]?.en).toContain(shown);
      expect(e.problems?.[0]?.th).toContain('ไม่ใช่ชื่อภาษาอังกฤษ');
    }
    expect(nameOf('190101')).toBe('Pak Phriao');
    const json = await ok<AreasImportReport>('reference.importAreas', {
      uploadId: upload('reference.json', JSON.stringify({ tambons: [{ code: '190105', name_en: 'Dao Rueang' }] })),
    });
    expect(json).toMatchObject({ kind: 'reference-json', tambons: 1, withPopulation: 0, withEnglishName: 1 });
    expect(nameOf('190105')).toBe('Dao Rueang');
  });

  it('reads a population sheet saved as CSV under its title rows, taking the total beside men and women', async () => {
    const csv = [
      'จำนวนประชากรจากการทะเบียน จังหวัดสระบุรี',
      'ณ เดือนธันวาคม 2568',
      '',
      'รหัสพื้นที่,ชื่อพื้นที่,ชาย,หญิง,รวม',
      '1901,เมืองสระบุรี,"50,000","52,345","102,345"',
      '1902,แก่งคอย,"35,000","36,000","71,000"',
    ].join('\r\n');
    const report = await ok<AreasImportReport>('reference.importAreas', { uploadId: upload('ประชากร 2568.csv', csv) });
    expect(report).toMatchObject({ kind: 'csv', districts: 2, withPopulation: 2 });
    const stored = core()
      .store.sqlite.prepare("SELECT population FROM area_district WHERE code IN ('1901', '1902') ORDER BY code")
      .pluck()
      .all();
    expect(stored).toEqual([102_345, 71_000]);
    const bad = await refused('x.csv', 'ชื่อ,จำนวน\r\nเมืองสระบุรี,1\r\n');
    expect(bad.message).toContain('no header row naming the areas (รหัสพื้นที่, ตำบล, ท้องที่, อำเภอ) and their population');
    // Rows are named by their line in the file, below the title rows.
    const late = await refused('late.csv', 'ประชากร 2568\r\n\r\nรหัส,ประชากร\r\n1901,abc\r\n');
    expect(late.problems?.[0]).toMatchObject({
      line: 4,
      en: "row 4 (1901), column 'ประชากร': 'abc' is not a whole number of 0 or more",
    });
  });

  it('refuses populations that are not figures, naming the line (an unknown code by its own line)', async () => {
    const e = await refused('population.csv', 'code,population\n1901,1000\n1902,\n1999,50\n1903,12x\n1904,"1,2345"\n');
    expect(e.problems?.map((p) => [p.line, p.column, p.en])).toEqual([
      [3, 'population', "row 3 (1902), column 'population': the population is empty"],
      [4, 'code', "row 4, column 'code': unknown district code '1999'"],
      [5, 'population', "row 5 (1903), column 'population': '12x' is not a whole number of 0 or more"],
      [
        6,
        'population',
        "row 6 (1904), column 'population': '1,2345' has commas that do not separate thousands: write it as 1,200 (a comma every three digits)",
      ],
    ]);
    expect(e.problems?.[0]?.th).toBe("แถวที่ 3 (1902) คอลัมน์ 'population': ไม่ได้กรอกจำนวนประชากร");
    const rows = await refused(
      'reference.json',
      JSON.stringify({ districts: [null, { code: '1901', population: -5 }], tambons: [{ code: '190199', population: 5 }] }),
    );
    expect(rows.problems?.map((p) => [p.line, p.en])).toEqual([
      [1, "districts[0]: '' is not a Saraburi district code"],
      [2, 'districts[1] (1901): the population is not a whole number'],
      [3, "tambons[0]: unknown tambon code '190199'"],
    ]);
  });

  it.skipIf(!existsSync(new URL('saraburi-districts.geojson', SHARED)))(
    "imports the province's published boundary layers (../shared/data)",
    async () => {
      for (const [file, level] of [
        ['saraburi-districts.geojson', 'districts'],
        ['saraburi-tambons.geojson', 'tambons'],
      ] as const) {
        const report = await ok<AreasImportReport>('reference.importAreas', {
          uploadId: upload(file, readFileSync(new URL(file, SHARED))),
        });
        expect(report[level]).toBeGreaterThan(0);
        expect(report.withGeometry).toBe(report[level]);
      }
      const status = await ok<ReferenceStatus>('reference.status', {});
      expect(status.districtsWithBoundary).toBe(13);
      expect(status.tambonsWithBoundary).toBeGreaterThan(100);
    },
  );
});

/** A tambon's or district's code by its Thai name, from the test core's areas (as the province's geography gives them). */
function codeOf(level: 'district' | 'tambon', nameTh: string): string {
  const code = core().store.sqlite.prepare(`SELECT code FROM area_${level} WHERE name_th = ?`).pluck().get(nameTh) as
    string | undefined;
  if (code === undefined) throw new Error(`no ${level} named ${nameTh}`);
  return code;
}

/** Every district's and tambon's population, by code: what a refused file must leave as it was. */
function populations(): Record<string, number | null> {
  const rows = core()
    .store.sqlite.prepare('SELECT code, population FROM area_district UNION ALL SELECT code, population FROM area_tambon')
    .all() as { code: string; population: number | null }[];
  return Object.fromEntries(rows.map((r) => [r.code, r.population]));
}

const book = (sheets: Readonly<Record<string, unknown[][]>>, bookType: XLSX.BookType = 'xlsx'): Buffer => {
  const wb = XLSX.utils.book_new();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = XLSX.utils.aoa_to_sheet(rows);
    // The title merged across the table, as the statistics are published.
    ws['!merges'] = [{ s: { r: 0, c: 0 }, e: { r: 0, c: 5 } }];
    XLSX.utils.book_append_sheet(wb, ws, name);
  }
  return XLSX.write(wb, { type: 'buffer', bookType }) as Buffer;
};

/** Men, women and houses of a made-up area (the total is their sum, as DOPA's tables give it). */
type Figures = readonly [men: number, women: number, houses: number];

/**
 * A table as DOPA's statistics of registered population are published (stat.bora.dopa.go.th, saved to Excel): title
 * rows, 8-digit area codes, the province's row, each district's row above its tambons, ชาย / หญิง / รวม / บ้าน, the
 * province's total row and the source under the table.
 */
function dopaTable(areas: readonly (readonly [code: string, name: string, figures: Figures])[]): unknown[][] {
  const sum = areas.filter(([code]) => code.endsWith('0000')).reduce((s, [, , [m, f]]) => s + m + f, 0);
  return [
    ['จำนวนประชากรแยกรายตำบล จังหวัดสระบุรี ณ เดือนธันวาคม 2568'],
    ['ข้อมูลจากการทะเบียนราษฎร'],
    [],
    ['รหัสพื้นที่', 'ท้องที่', 'ชาย', 'หญิง', 'รวม', 'บ้าน'],
    ['19000000', 'จังหวัดสระบุรี', 1, 1, 2, 1],
    ...areas.map(([code, name, [m, f, h]]) => [code, name, m, f, m + f, h]),
    ['รวมทั้งจังหวัด', '', '', '', sum, ''],
    ['ที่มา: สำนักบริหารการทะเบียน กรมการปกครอง'],
  ];
}

describe('population tables as the province has them', () => {
  const DOPA = (): (readonly [string, string, Figures])[] => [
    [`${codeOf('district', 'เมืองสระบุรี')}0000`, 'อำเภอเมืองสระบุรี', [55_012, 58_410, 40_321]],
    [`${codeOf('tambon', 'ปากเพรียว')}00`, 'ตำบลปากเพรียว', [10_101, 11_202, 9_001]],
    [`${codeOf('tambon', 'ดาวเรือง')}00`, 'ตำบลดาวเรือง', [3_303, 3_404, 2_002]],
    [`${codeOf('district', 'แก่งคอย')}0000`, 'อำเภอแก่งคอย', [50_505, 51_606, 38_003]],
    [`${codeOf('tambon', 'ทับกวาง')}00`, 'ตำบลทับกวาง', [7_707, 7_808, 5_004]],
  ];

  it.each([
    ['ประชากร 2568.xlsx', 'xlsx', 'xlsx'],
    ['ประชากร 2568.xls', 'biff8', 'xls'],
    ['ประชากร 2568.ods', 'ods', 'ods'],
    // A web system's "Excel" export: an HTML table saved as .xls.
    ['stat_t.xls', 'html', 'html'],
  ] as const)(
    "reads DOPA's table (%s): 8-digit codes, the total beside men and women, not the houses; the province's rows passed over",
    async (fileName, bookType, kind) => {
      const report = await ok<AreasImportReport>('reference.importAreas', {
        uploadId: upload(fileName, book({ 'ตำบล ธ.ค. 68': dopaTable(DOPA()) }, bookType)),
      });
      expect(report).toMatchObject({ kind, districts: 2, tambons: 3, withPopulation: 5, withGeometry: 0 });
      expect(report.notes?.map((n) => n.en)).toEqual([
        "column 'บ้าน' counts houses, not people: not read",
        "the province's own row (its total) was passed over",
        "the file gives some tambons only of district(s) เมืองสระบุรี (2 of 11), แก่งคอย (1 of 14): their sum is within the district's figure; the tambons not given keep the figures they had",
      ]);
      const now = populations();
      expect(now[codeOf('district', 'เมืองสระบุรี')]).toBe(113_422);
      expect(now[codeOf('tambon', 'ปากเพรียว')]).toBe(21_303);
      expect(now[codeOf('tambon', 'ดาวเรือง')]).toBe(6_707);
      expect(now[codeOf('district', 'แก่งคอย')]).toBe(102_111);
      expect(now[codeOf('tambon', 'ทับกวาง')]).toBe(15_515);
    },
  );

  it("offers every kind of file read here in the reference panel's file picker", () => {
    for (const name of ['a.xlsx', 'a.xls', 'a.ods', 'a.csv', 'a.txt', 'a.html', 'a.geojson', 'a.json']) {
      expect(REFERENCE_IMPORT_EXTENSIONS).toContain(name.slice(name.lastIndexOf('.')));
    }
  });

  it('reads the same table saved as CSV in UTF-16 (Excel\'s "Unicode text") and in Windows-874', async () => {
    const csv = XLSX.utils.sheet_to_csv(XLSX.utils.aoa_to_sheet(dopaTable(DOPA())));
    for (const [name, bytes] of [
      ['utf16.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv, 'utf16le')])],
      ['tis620.csv', win874(csv)],
    ] as const) {
      const report = await ok<AreasImportReport>('reference.importAreas', { uploadId: upload(name, bytes) });
      expect(report).toMatchObject({ kind: 'csv', districts: 2, tambons: 3, withPopulation: 5 });
    }
    expect(populations()[codeOf('tambon', 'ทับกวาง')]).toBe(15_515);
  });

  it("reads a district office's table by name: district headings, a district's own row, Thai digits, ต. and bare names", async () => {
    const before = populations();
    const rows = [
      ['สรุปจำนวนประชากรรายตำบล ปี พ.ศ. 2568'],
      ['ลำดับ', 'ตำบล', 'ชาย', 'หญิง', 'รวม'],
      ['อำเภอเมืองสระบุรี', 'อำเภอเมืองสระบุรี', 'อำเภอเมืองสระบุรี', 'อำเภอเมืองสระบุรี', 'อำเภอเมืองสระบุรี'],
      [1, 'ต.ปากเพรียว', '๑๐,๑๑๑', '๑๑,๒๒๒', '๒๑,๓๓๓'],
      [2, 'ดาวเรือง', '3,333', '3,444', '6,777'],
      ['รวมอำเภอเมืองสระบุรี', '', '13,444', '14,666', '28,110'],
      ['', 'อำเภอแก่งคอย', '50,000', '51,000', '101,000'],
      [1, 'ตำบลทับกวาง', 7_000, 7_100, 14_100],
      [2, 'ตาลเดี่ยว', 4_000, 4_100, 8_100],
      ['รวม', '', '', '', ''],
    ];
    const ws = XLSX.utils.aoa_to_sheet(rows);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, 'Sheet1');
    const report = await ok<AreasImportReport>('reference.importAreas', {
      uploadId: upload('ประชากรรายตำบล.xlsx', XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer),
    });
    expect(report).toMatchObject({ kind: 'xlsx', districts: 1, tambons: 4, withPopulation: 5 });
    const now = populations();
    expect(now[codeOf('tambon', 'ปากเพรียว')]).toBe(21_333);
    expect(now[codeOf('tambon', 'ดาวเรือง')]).toBe(6_777);
    expect(now[codeOf('district', 'แก่งคอย')]).toBe(101_000);
    expect(now[codeOf('tambon', 'ทับกวาง')]).toBe(14_100);
    expect(now[codeOf('tambon', 'ตาลเดี่ยว')]).toBe(8_100);
    // เมืองสระบุรี has a heading and a total row only: its figure is as before.
    expect(now[codeOf('district', 'เมืองสระบุรี')]).toBe(before[codeOf('district', 'เมืองสระบุรี')]);
  });

  it('sums a tambon given within and outside its municipality, names one given by a part only, and says so', async () => {
    const csv = [
      'ตำบล,อำเภอ,รวม',
      'หินซ้อน (เขตเทศบาล),แก่งคอย,"2,500"',
      'หินซ้อน (นอกเขตเทศบาล),แก่งคอย,"4,250"',
      'ชะอม (นอกเขตเทศบาล),แก่งคอย,"6,010"',
      'ท่ามะปราง,แก่งคอย,"3,300"',
    ].join('\r\n');
    const report = await ok<AreasImportReport>('reference.importAreas', { uploadId: upload('ประชากรแยกเขตเทศบาล.csv', csv) });
    expect(report).toMatchObject({ kind: 'csv', tambons: 3, withPopulation: 3 });
    expect(report.notes?.map((n) => n.en)).toEqual(
      expect.arrayContaining([
        "1 tambon(s) are given in parts (within and outside a municipality): each tambon's population is the sum of its parts",
        '1 tambon(s) are given by one part only, read as the whole tambon: ชะอม (นอกเขตเทศบาล); if a tambon has another part (outside the municipality), give that row too',
      ]),
    );
    const now = populations();
    expect(now[codeOf('tambon', 'หินซ้อน')]).toBe(6_750);
    expect(now[codeOf('tambon', 'ชะอม')]).toBe(6_010);
    expect(now[codeOf('tambon', 'ท่ามะปราง')]).toBe(3_300);
  });

  it('adds men and women when no total is given, and says so', async () => {
    const csv = 'ตำบล,อำเภอ,ชาย,หญิง\r\nหินซ้อน,แก่งคอย,"2,100","2,200"\r\nชะอม,แก่งคอย,"3,100","3,300"\r\n';
    const report = await ok<AreasImportReport>('reference.importAreas', { uploadId: upload('ชายหญิง.csv', csv) });
    expect(report).toMatchObject({ kind: 'csv', tambons: 2, withPopulation: 2 });
    expect(report.notes?.[0]?.en).toBe(
      'the table gives men (ชาย) and women (หญิง) without a total: 2 population(s) are their sum',
    );
    expect(report.notes?.[0]?.th).toContain('ผลบวกของชายและหญิง');
    expect(populations()[codeOf('tambon', 'ชะอม')]).toBe(6_400);
  });

  it('refuses a file with one bad row whole, saying what and where in Thai and English, and changes no population', async () => {
    const before = populations();
    const sheet = (bad: unknown[]): Buffer => {
      const rows = dopaTable(DOPA());
      rows.splice(7, 0, bad);
      return book({ ประชากร: rows });
    };
    const cases: [unknown[], string, string, string][] = [
      [
        ['', 'ต.ปากเพรียง', 1, 2, 3, 1],
        'UNKNOWN_AREA',
        "sheet 'ประชากร', row 8, column 'ท้องที่': unknown tambon 'ต.ปากเพรียง'; did you mean 'ปากเพรียว'?",
        "แผ่นงาน 'ประชากร' แถวที่ 8 คอลัมน์ 'ท้องที่': ไม่พบตำบล 'ต.ปากเพรียง' หรือหมายถึง 'ปากเพรียว'",
      ],
      [
        ['19010103', 'บ้านหนองโน', 1, 2, 3, 1],
        'BAD_FIELD',
        "sheet 'ประชากร', row 8, column 'รหัสพื้นที่': '19010103' is a village's code (village 3 of tambon 190101): only districts and tambons are imported; leave the villages' rows out",
        "แผ่นงาน 'ประชากร' แถวที่ 8 คอลัมน์ 'รหัสพื้นที่': '19010103' เป็นรหัสหมู่บ้าน (หมู่ที่ 3 ของตำบล 190101) ระบบนำเข้าเฉพาะอำเภอและตำบล กรุณานำแถวของหมู่บ้านออก",
      ],
      [
        // A municipality's row: its name holds tambon ตาลเดี่ยว's, but its area (and population) is not the tambon's.
        ['', 'ทต.ตาลเดี่ยว', 1, 2, 3, 1],
        'BAD_FIELD',
        "sheet 'ประชากร', row 8, column 'ท้องที่': 'ทต.ตาลเดี่ยว' is a local government's row",
        "แผ่นงาน 'ประชากร' แถวที่ 8 คอลัมน์ 'ท้องที่': 'ทต.ตาลเดี่ยว' เป็นแถวขององค์กรปกครองส่วนท้องถิ่น",
      ],
      [
        [`${codeOf('tambon', 'ตาลเดี่ยว')}00`, 'ตำบลตาลเดี่ยว', 1, 2, '3,0OO', 1],
        'BAD_COUNT',
        "sheet 'ประชากร', row 8 (190203), column 'รวม': '3,0OO' is not a whole number of 0 or more",
        "แผ่นงาน 'ประชากร' แถวที่ 8 (190203) คอลัมน์ 'รวม': '3,0OO' ไม่ใช่จำนวนเต็มตั้งแต่ 0 ขึ้นไป",
      ],
      [
        [`${codeOf('tambon', 'ตาลเดี่ยว')}00`, 'ตำบลตาลเดี่ยว', 1_000, 2_000, 3_100, 1],
        'BAD_COUNT',
        "sheet 'ประชากร', row 8 (190203), column 'รวม': the total 3,100 is not men 1,000 + women 2,000 (3,000)",
        "แผ่นงาน 'ประชากร' แถวที่ 8 (190203) คอลัมน์ 'รวม': ยอดรวม 3,100 ไม่เท่ากับชาย 1,000 + หญิง 2,000 (3,000)",
      ],
      [
        [`${codeOf('tambon', 'ดาวเรือง')}00`, 'ตำบลดาวเรือง', 1_000, 2_000, 3_000, 1],
        'DUPLICATE_ID',
        "sheet 'ประชากร', row 9 (190105), column 'รวม': the tambon is given twice with different figures: row 8 (3,000) and row 9 (6,707); keep the right one",
        "แผ่นงาน 'ประชากร' แถวที่ 9 (190105) คอลัมน์ 'รวม': ตำบลนี้มีสองแถวที่ตัวเลขต่างกัน: แถวที่ 8 (3,000) และแถวที่ 9 (6,707) กรุณาเหลือไว้แถวที่ถูกต้อง",
      ],
    ];
    for (const [bad, code, en, th] of cases) {
      const e = await refused('ประชากร.xlsx', sheet(bad));
      expect(e.problems).toHaveLength(1);
      expect(e.problems?.[0]).toMatchObject({ code });
      expect(e.problems?.[0]?.en).toContain(en);
      expect(e.problems?.[0]?.th).toContain(th);
      expect(e.message).toContain('1 problem(s), nothing was imported');
      expect(e.messageTh).toContain('ไม่มีการนำเข้าข้อมูลใด ๆ');
    }
    expect(populations()).toEqual(before);
  });

  it("refuses a district's figure its tambons contradict, in one sheet or two, and changes nothing", async () => {
    const before = populations();
    const district = codeOf('district', 'วังม่วง');
    const tambons = core()
      .store.sqlite.prepare('SELECT code, name_th AS name FROM area_tambon WHERE district_code = ? ORDER BY code')
      .all(district) as { code: string; name: string }[];
    expect(tambons.length).toBeGreaterThan(1);
    const tambonRows = (given: number): (readonly [string, string, Figures])[] =>
      tambons.slice(0, given).map((t, i) => [`${t.code}00`, `ตำบล${t.name}`, [1_000 + i, 1_100 + i, 400]] as const);
    // The tambons' total: men 1,000 + women 1,100, then one more of each per tambon.
    const sum = (given: number): number => tambonRows(given).reduce((s, [, , [m, f]]) => s + m + f, 0);
    const all = tambons.length;
    const own = (total: number): readonly [string, string, Figures] => [
      `${district}0000`,
      'อำเภอวังม่วง',
      [1_000, total - 1_000, 900],
    ];
    const n = (x: number): string => x.toLocaleString('en-US');

    const off = await refused('วังม่วง.xlsx', book({ ประชากร: dopaTable([own(sum(all) + 1), ...tambonRows(all)]) }));
    expect(off.problems).toEqual([
      {
        line: 6,
        code: 'BAD_COUNT',
        en: `sheet 'ประชากร', row 6 (${district}): the population ${n(sum(all) + 1)} of district วังม่วง is not the sum of its ${all} tambons (${n(sum(all))}): a figure typed wrong, or the district's and the tambons' figures of different dates`,
        th: `แผ่นงาน 'ประชากร' แถวที่ 6 (${district}): จำนวนประชากร ${n(sum(all) + 1)} ของอำเภอวังม่วง ไม่เท่ากับผลรวมของตำบลทั้ง ${all} ตำบล (${n(sum(all))}) อาจพิมพ์ตัวเลขผิด หรือตัวเลขของอำเภอกับของตำบลเป็นข้อมูลต่างวันที่กัน`,
      },
    ]);
    expect(off.message).toContain('1 problem(s), nothing was imported');
    expect(off.messageTh).toContain('ไม่มีการนำเข้าข้อมูลใด ๆ');

    const some = all - 1;
    const over = await refused('บางตำบล.xlsx', book({ ประชากร: dopaTable([own(sum(some) - 1), ...tambonRows(some)]) }));
    expect(over.problems?.map((p) => p.en)).toEqual([
      `sheet 'ประชากร', row 6 (${district}): the population ${n(sum(some) - 1)} of district วังม่วง is less than the sum of ${some} of its ${all} tambons given (${n(sum(some))}): a figure typed wrong, or the district's and the tambons' figures of different dates`,
    ]);

    // The districts on one sheet, the tambons on another: one file, compared as one table.
    const twoSheets = await refused(
      'สองแผ่น.xlsx',
      book({ อำเภอ: dopaTable([own(sum(all) - 1)]), ตำบล: dopaTable(tambonRows(all)) }),
    );
    expect(twoSheets.problems).toHaveLength(1);
    expect(twoSheets.problems?.[0]).toMatchObject({ line: 6, column: 'สองแผ่น.xlsx#อำเภอ', code: 'BAD_COUNT' });
    expect(twoSheets.problems?.[0]?.en).toMatch(
      new RegExp(
        `^sheet 'อำเภอ', row 6 \\(${district}\\): the population ${n(sum(all) - 1)} of district วังม่วง is not the sum`,
        'u',
      ),
    );
    expect(populations()).toEqual(before);

    // Figures that agree are imported.
    const report = await ok<AreasImportReport>('reference.importAreas', {
      uploadId: upload('วังม่วง.xlsx', book({ ประชากร: dopaTable([own(sum(all)), ...tambonRows(all)]) })),
    });
    expect(report).toMatchObject({ districts: 1, tambons: all, withPopulation: all + 1 });
    expect(report.notes?.map((x) => x.en).join('\n')).not.toContain('some tambons only');
    expect(populations()[district]).toBe(sum(all));
  });

  it("says the place of the shared checks' problems too: a figure merged over two tambons' rows", async () => {
    const ws = XLSX.utils.aoa_to_sheet([
      ['รหัสพื้นที่', 'ท้องที่', 'รวม'],
      ['19010100', 'ตำบลปากเพรียว', 21_000],
      ['19010500', 'ตำบลดาวเรือง', null],
    ]);
    ws['!merges'] = [{ s: { r: 1, c: 2 }, e: { r: 2, c: 2 } }];
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, 'ประชากร');
    const e = await refused('merged.xlsx', XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    expect(e.problems?.[0]).toMatchObject({ line: 2, column: 'รวม', code: 'MERGED_QUANTITY' });
    expect(e.problems?.[0]?.en).toMatch(/^sheet 'ประชากร', row 2, column 'รวม': the figure is in cells merged over rows 2–3/u);
    expect(e.problems?.[0]?.th).toMatch(/^แผ่นงาน 'ประชากร' แถวที่ 2 คอลัมน์ 'รวม': ตัวเลขอยู่ในช่องที่ผสาน/u);
  });

  it('refuses a workbook without a population column, or one whose every area is of another province', async () => {
    const houses = await refused(
      'บ้าน.xlsx',
      book({ บ้าน: [['จำนวนบ้าน ธ.ค. 2568'], ['รหัสพื้นที่', 'ท้องที่', 'บ้าน'], ['19010100', 'ตำบลปากเพรียว', 9_001]] }),
    );
    expect(houses.problems?.[0]).toMatchObject({ line: 0, code: 'MISSING_COLUMN' });
    expect(houses.problems?.[0]?.en).toBe(
      "sheet 'บ้าน', no population column: a total (รวม, ประชากรรวม, จำนวนประชากร, population) or both men (ชาย) and women (หญิง); column 'บ้าน' counts houses, not people",
    );
    expect(houses.problems?.[0]?.th).toContain('เป็นจำนวนบ้าน ไม่ใช่จำนวนประชากร');
    const elsewhere = await refused('lopburi.csv', 'รหัสพื้นที่,รวม\r\n16010100,"12,000"\r\n');
    expect(elsewhere.message).toContain('the table holds no area of Saraburi (1 of other provinces)');
  });
});
