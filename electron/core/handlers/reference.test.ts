/**
 * The province's reference data against a real SQLite file: boundaries (GeoJSON) and populations (reference JSON,
 * CSV) imported all or nothing and counted by `reference.status`; a layer no map can draw (in metres, latitude first,
 * a projection named in `crs`, text or null coordinates, a feature that is not an object, a list nested 100,000 deep)
 * refused with its feature and why, in Thai and English, never as an internal error, and nothing changed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ApiError } from '../../../shared/api/errors';
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
    // The geography package spells ปากเพรียว "Pak Pheni" and หินซ้อน "In Son".
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
    const bad = await refused('x.csv', 'ชื่อพื้นที่,ชาย,หญิง\r\nเมืองสระบุรี,1,2\r\n');
    expect(bad.message).toContain("no header 'code,population' in the first 10 lines");
    // Rows are named by their line in the file, below the title rows.
    const late = await refused('late.csv', 'ประชากร 2568\r\n\r\nรหัส,ประชากร\r\n1901,abc\r\n');
    expect(late.problems?.[0]).toMatchObject({ line: 4, en: "row 4 (1901): 'abc' is not a whole number" });
  });

  it('refuses populations that are not figures, naming the line (an unknown code by its own line)', async () => {
    const e = await refused('population.csv', 'code,population\n1901,1000\n1902,\n1999,50\n1903,12 คน\n1904,"1,2345"\n');
    expect(e.problems?.map((p) => [p.line, p.column, p.en])).toEqual([
      [3, 'population', 'row 3 (1902): the population is empty'],
      [5, 'population', "row 5 (1903): '12 คน' is not a whole number"],
      [6, 'population', "row 6 (1904): '1,2345' is not a whole number"],
      [4, 'code', "row 4: unknown district code '1999'"],
    ]);
    expect(e.problems?.[0]?.th).toBe('แถวที่ 3 (1902): ไม่ได้กรอกจำนวนประชากร');
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
