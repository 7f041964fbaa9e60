import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inThailand, parseCoordinates, parseDegrees, pointReader, type PointKey } from './coordinates';
import { suggestMapping } from './headers';
import { PROPOSALS_TARGET } from './proposals-target';
import { NEEDS_TARGET } from './target';

const latitude = parseDegrees('latitude');
const longitude = parseDegrees('longitude');

describe('coordinates of a need', () => {
  it.each([
    ['14.5312, 100.9104', 14.5312, 100.9104],
    // A complaints platform's "coords": longitude first.
    ['100.9104,14.5312', 14.5312, 100.9104],
    ['(14.531200, 100.910400)', 14.5312, 100.9104],
    ['POINT(100.9104 14.5312)', 14.5312, 100.9104],
    ['๑๔.๕๓๑๒, ๑๐๐.๙๑๐๔', 14.5312, 100.9104],
    [`14°31'52.3"N 100°54'37.4"E`, 14.531194, 100.910389],
    ['14°31.872′N, 100°54.623′E', 14.5312, 100.910383],
    ['https://maps.google.com/?q=14.5312,100.9104', 14.5312, 100.9104],
    ['https://www.google.com/maps/place/วัด/@14.5312,100.9104,17z/data=!3m1', 14.5312, 100.9104],
  ])('reads %j as %d, %d', (text, lat, lon) => {
    expect(parseCoordinates(text)).toEqual({ ok: true, value: { lat, lon } });
  });

  it.each([
    ['0,0', 'is not a point in Thailand'],
    ['14.5, 10.2', 'is not a point in Thailand'],
    ['14.5312', 'is not a point in Thailand'],
    ['หน้าวัดหนองโน', 'is not a point in Thailand'],
    ['14.53, 100.91, 14.60', 'is not a point in Thailand'],
    ['47P 712345 1605432', "looks like a map grid's metres (UTM)"],
  ])('refuses %j, saying why', (text, why) => {
    const r = parseCoordinates(text);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.en).toContain(why);
      expect(r.th).toMatch(/ไม่ใช่พิกัดในประเทศไทย|UTM/u);
    }
  });

  it('reads no point in a cell longer than any point or map link', () => {
    expect(parseCoordinates(`14.5312, 100.9104 ${'x'.repeat(3_000)}`)).toMatchObject({ ok: false });
  });

  it('reads a latitude or longitude column alone, and says when the two columns are swapped', () => {
    expect(latitude(14.5312)).toEqual({ ok: true, value: 14.5312 });
    expect(latitude(`14°31'52.3"N`)).toEqual({ ok: true, value: 14.531194 });
    expect(longitude('100.9104')).toEqual({ ok: true, value: 100.9104 });
    expect(latitude('100.9104')).toMatchObject({ ok: false, en: expect.stringContaining('columns swapped') });
    expect(longitude(14.5312)).toMatchObject({ ok: false, th: expect.stringContaining('สลับกัน') });
    expect(latitude(1605432)).toMatchObject({ ok: false, en: expect.stringContaining('UTM') });
    expect(longitude('ไม่ทราบ')).toMatchObject({ ok: false, en: "'ไม่ทราบ' is not a longitude in Thailand (97–106 degrees)" });
  });

  it('property: any point in Thailand written either way round, or as a map link, reads back to six decimals', () => {
    const point = fc.record({
      lat: fc.double({ min: 5, max: 21, noNaN: true }),
      lon: fc.double({ min: 97, max: 106, noNaN: true }),
    });
    fc.assert(
      fc.property(point, fc.constantFrom('lat, lon', 'lon,lat', 'link'), ({ lat, lon }, how) => {
        const [a, b] = [lat.toFixed(6), lon.toFixed(6)];
        const text = how === 'lat, lon' ? `${a}, ${b}` : how === 'lon,lat' ? `${b},${a}` : `https://maps.google.com/?q=${a},${b}`;
        const r = parseCoordinates(text);
        expect(r.ok).toBe(true);
        if (r.ok) {
          expect(r.value.lat).toBeCloseTo(Number(a), 6);
          expect(r.value.lon).toBeCloseTo(Number(b), 6);
        }
      }),
    );
  });
});

describe("a row's point (needs and proposals alike)", () => {
  const read = pointReader((k) => ({ lat: 'ละติจูด', lon: 'ลองจิจูด', coords: 'พิกัด' })[k]);
  const row =
    (cells: Partial<Record<PointKey, string | number>>) =>
    (k: PointKey): string | number | null =>
      cells[k] ?? null;

  it('takes the two columns, else the column of both, and none when all are empty', () => {
    expect(read(row({ lat: 14.5312, lon: '100.9104' }))).toEqual({ value: { lat: 14.5312, lon: 100.9104 }, problems: [] });
    expect(read(row({ coords: '100.9104, 14.5312' }))).toEqual({ value: { lat: 14.5312, lon: 100.9104 }, problems: [] });
    expect(read(row({ lat: '14.5312', lon: '100.9104', coords: '14.53121, 100.91041' })).value).toEqual({
      lat: 14.5312,
      lon: 100.9104,
    });
    expect(read(row({}))).toEqual({ value: null, problems: [] });
  });

  it('refuses half a point, a bad cell (each by its column) and two points that disagree', () => {
    expect(read(row({ lon: '100.9' })).problems).toEqual([
      expect.objectContaining({ key: 'lon', th: "มี 'ลองจิจูด' แต่ไม่มี 'ละติจูด' กรุณาระบุทั้งสองค่า หรือไม่ระบุเลย" }),
    ]);
    expect(read(row({ lat: '200', lon: 'east' })).problems.map((p) => p.key)).toEqual(['lat', 'lon']);
    const far = read(row({ lat: '14.5', lon: '100.9', coords: '14.6, 100.9' }));
    expect(far.value).toBeNull();
    expect(far.problems).toEqual([expect.objectContaining({ key: 'coords' })]);
    expect(far.problems[0]!.en).toContain('another point');
  });

  it('inThailand agrees with what the parsers accept', () => {
    fc.assert(
      fc.property(fc.double({ min: -90, max: 90, noNaN: true }), fc.double({ min: -180, max: 180, noNaN: true }), (lat, lon) => {
        const parsed = parseCoordinates(`${lat.toFixed(6)}, ${lon.toFixed(6)}`);
        const p = { lat: Number(lat.toFixed(6)), lon: Number(lon.toFixed(6)) };
        // A pair the other way round within Thailand is read swapped; otherwise read exactly when in Thailand.
        if (!inThailand({ lat: p.lon, lon: p.lat })) expect(parsed.ok).toBe(inThailand(p));
      }),
    );
    expect(inThailand({ lat: Number.NaN, lon: 100 })).toBe(false);
    expect(inThailand({ lat: 14, lon: Number.POSITIVE_INFINITY })).toBe(false);
  });

  it.each([
    ['พิกัด (ละติจูด, ลองจิจูด)', 'coords'],
    ['Lat, Long', 'coords'],
    ['ละติจูด/ลองจิจูด', 'coords'],
    ['พิกัด', 'coords'],
    ['ละติจูด', 'lat'],
  ])('a heading "%s" is the %s column, in either import', (heading, key) => {
    for (const target of [NEEDS_TARGET, PROPOSALS_TARGET]) {
      expect(suggestMapping(['ชื่อโครงการ', 'ตำบล', heading], target)[key]).toBe(2);
    }
  });
});
