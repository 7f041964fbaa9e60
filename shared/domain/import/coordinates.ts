/**
 * A need's place as a point, as files write it: a latitude and a longitude column ("ละติจูด", "lat"), or one column of
 * both ("พิกัด", "coords"): "14.5312, 100.9104"; a complaints platform's "100.9104,14.5312" (longitude first); degrees,
 * minutes and seconds ("14°31'52.3\"N 100°54'37.4\"E"); a map link ("https://maps.google.com/?q=14.5312,100.9104",
 * ".../@14.5312,100.9104,17z"). A point must lie in Thailand (latitude 5–21° N, longitude 97–106° E): a file's
 * points are Thai needs, so that catches columns swapped, the two numbers of a pair read the wrong way round (told
 * apart by those ranges) and metres of a map grid (UTM) given for degrees.
 */
import { toArabicDigits } from '../money';
import { shown } from './problems';
import { cellText, remembered, type Cell, type Parsed } from './values';

export type LatLon = Readonly<{ lat: number; lon: number }>;

/** Thailand's extent in degrees, with a margin. */
const LAT_RANGE = [5, 21] as const;
const LON_RANGE = [97, 106] as const;

const inRange = (x: number, [lo, hi]: readonly [number, number]): boolean => x >= lo && x <= hi;

/**
 * Whether a point lies within Thailand's extent (what a file's point must, and what the proposal editor accepts).
 * @example inThailand({ lat: 14.5312, lon: 100.9104 }) // true
 */
export function inThailand(p: LatLon): boolean {
  return Number.isFinite(p.lat) && Number.isFinite(p.lon) && inRange(p.lat, LAT_RANGE) && inRange(p.lon, LON_RANGE);
}

/**
 * A point as the app writes it for people (the proposal's form and grid, its audit, the evidence pack): latitude, then
 * longitude, in degrees as stored; what parseCoordinates reads back.
 * @example pointText({ lat: 14.5312, lon: 100.9104 }) // '14.5312, 100.9104'
 */
export function pointText(p: LatLon): string {
  return `${p.lat}, ${p.lon}`;
}

/** Degrees to six decimals (about 0.1 m): what a phone or a map gives, without the float noise of a conversion. */
const rounded = (x: number): number => Math.round(x * 1e6) / 1e6;

const fail = <T>(en: string, th: string): Parsed<T> => ({ ok: false, en, th });

/** Degrees, minutes and seconds (or degrees and decimal minutes), with an optional hemisphere letter. */
const DMS =
  /(\d{1,3}(?:\.\d+)?)\s*[°º˚]\s*(?:(\d{1,2}(?:\.\d+)?)\s*['′’]\s*(?:(\d{1,2}(?:\.\d+)?)\s*(?:["″”]|''|′′))?)?\s*([NSEW])?/giu;
/** A decimal number of degrees: a sign, up to three digits, a point and at least one decimal. */
const DECIMAL = /(?<![\d.])-?\d{1,3}\.\d+(?![\d.])/gu;

/** The longest text read as a point (characters): a map link with its place's data fits. */
const MAX_POINT_TEXT = 2_000;

/** The numbers of degrees a text gives, in its order (DMS when it writes degree signs, decimals otherwise). */
function degrees(text: string): number[] {
  // A point, even as a map link, is a few hundred characters: a longer cell is none (and is not searched).
  if (text.length > MAX_POINT_TEXT) return [];
  const t = toArabicDigits(text);
  if (/[°º˚]/u.test(t)) {
    return [...t.matchAll(DMS)].map((m) => {
      const value = Number(m[1]) + Number(m[2] ?? 0) / 60 + Number(m[3] ?? 0) / 3600;
      return /^[SW]$/iu.test(m[4] ?? '') ? -value : value;
    });
  }
  // A map link: the point after "@" or in its query ("q=", "ll=", "query=", "destination="), not the link's other numbers.
  const link = /(?:@|[?&](?:q|ll|query|destination|center)=)(-?\d{1,3}\.\d+)\s*,\s*(-?\d{1,3}\.\d+)/u.exec(t);
  if (link) return [Number(link[1]), Number(link[2])];
  return [...t.matchAll(DECIMAL)].map((m) => Number(m[0]));
}

/** A point within other words: a map link, two degrees-minutes-seconds, or two decimals of at least two places. */
const LINK_IN_TEXT = /https?:\/\/\S+/iu;
const DMS_ONE = String.raw`\d{1,3}(?:\.\d+)?\s*[°º˚](?:\s*\d{1,2}(?:\.\d+)?\s*['′’](?:\s*\d{1,2}(?:\.\d+)?\s*(?:["″”]|''|′′))?)?\s*[NSEW]?`;
const DMS_PAIR_IN_TEXT = new RegExp(`${DMS_ONE}\\s*,?\\s*${DMS_ONE}`, 'iu');
const DECIMAL_PAIR_IN_TEXT = /(?<![\d.])-?\d{1,3}\.\d{2,}\s*(?:,|\s)\s*-?\d{1,3}\.\d{2,}(?![\d.])/u;
/** What may stand before a point in a text ("(พิกัด ", "GPS: ", "lat/long ") and after it (")"). */
const BEFORE_POINT = /[([]?\s*(?:พิกัด(?:\s*gps)?|gps|lat\s*\/?\s*long?|latlong|ละติจูด\s*\/?\s*ลองจิจูด)?\s*[:：]?\s*$/iu;
const AFTER_POINT = /^\s*[)\]]/u;

/**
 * A point written among other words (the request form's location column asks for villages, tambons, a district and a
 * point in one cell: "หมู่ 3 ต.ตาลเดี่ยว อ.แก่งคอย พิกัด 14.56, 101.00", "ต.ตาลเดี่ยว (14.56, 101.00)", a map link): the
 * point as parseCoordinates reads it, and the text without it; null when the text holds no point.
 * @example pointInText('ต.ตาลเดี่ยว พิกัด 14.56, 101.00')?.rest // 'ต.ตาลเดี่ยว'
 */
export function pointInText(text: string): { point: Parsed<LatLon>; rest: string } | null {
  if (text.length > MAX_POINT_TEXT) return null;
  const t = toArabicDigits(text);
  const m = LINK_IN_TEXT.exec(t) ?? DMS_PAIR_IN_TEXT.exec(t) ?? DECIMAL_PAIR_IN_TEXT.exec(t);
  if (!m) return null;
  const before = t.slice(0, m.index).replace(BEFORE_POINT, '');
  const after = t.slice(m.index + m[0].length).replace(AFTER_POINT, '');
  const rest = `${before} ${after}`.replace(/\s+/gu, ' ').replace(/^[\s,;]+|[\s,;]+$/gu, '');
  return { point: parseCoordinates(m[0]), rest };
}

/** Numbers of a map grid (metres) rather than degrees: "47P 712345 1605432", "712345.6, 1605432.1". */
const GRID = /\d{5,}/u;

const NOT_A_POINT = (text: string): { en: string; th: string } =>
  GRID.test(text)
    ? {
        en: `'${shown(text, 40)}' looks like a map grid's metres (UTM), not degrees: give the latitude and longitude in degrees ("14.5312, 100.9104"), or leave the column out`,
        th: `'${shown(text, 40)}' เป็นพิกัดกริดแผนที่หน่วยเมตร (UTM) ไม่ใช่องศา กรุณาระบุละติจูดและลองจิจูดเป็นองศา ("14.5312, 100.9104") หรือไม่ใช้คอลัมน์นี้`,
      }
    : {
        en: `'${shown(text, 40)}' is not a point in Thailand: a latitude (5–21) and a longitude (97–106) in degrees, such as "14.5312, 100.9104"`,
        th: `'${shown(text, 40)}' ไม่ใช่พิกัดในประเทศไทย: ต้องเป็นละติจูด (5–21) และลองจิจูด (97–106) เป็นองศา เช่น "14.5312, 100.9104"`,
      };

/**
 * One column of both: the point, whichever way round its two numbers are written (told apart by Thailand's ranges).
 * @example parseCoordinates('100.9104,14.5312') // { ok: true, value: { lat: 14.5312, lon: 100.9104 } }
 */
export function parseCoordinates(cell: Cell): Parsed<LatLon> {
  const text = cellText(cell);
  if (text === null) return fail('the cell is empty', 'ช่องนี้ว่าง');
  const found = degrees(text);
  if (found.length === 2) {
    const [a, b] = found as [number, number];
    if (inRange(a, LAT_RANGE) && inRange(b, LON_RANGE)) return { ok: true, value: { lat: rounded(a), lon: rounded(b) } };
    if (inRange(a, LON_RANGE) && inRange(b, LAT_RANGE)) return { ok: true, value: { lat: rounded(b), lon: rounded(a) } };
  }
  const why = NOT_A_POINT(text);
  return fail(why.en, why.th);
}

/**
 * A latitude's or a longitude's own column: one number of degrees within Thailand's range; one of the other's range
 * says the two columns are swapped.
 * @example parseDegrees('latitude')('14°31\'52.3"N') // { ok: true, value: 14.531194 }
 */
export function parseDegrees(axis: 'latitude' | 'longitude'): (cell: Cell) => Parsed<number> {
  const [range, other] = axis === 'latitude' ? [LAT_RANGE, LON_RANGE] : [LON_RANGE, LAT_RANGE];
  const th = axis === 'latitude' ? 'ละติจูด' : 'ลองจิจูด';
  return (cell) => {
    const text = cellText(cell) ?? '';
    const found = typeof cell === 'number' ? [cell] : degrees(text);
    if (found.length === 1) {
      const x = found[0]!;
      if (inRange(x, range)) return { ok: true, value: rounded(x) };
      if (inRange(x, other)) {
        return fail(
          `${shown(text, 40)} is a ${axis === 'latitude' ? 'longitude' : 'latitude'} in Thailand, not a ${axis}: are the latitude and longitude columns swapped?`,
          `${shown(text, 40)} เป็น${axis === 'latitude' ? 'ลองจิจูด' : 'ละติจูด'}ในประเทศไทย ไม่ใช่${th} คอลัมน์ละติจูดและลองจิจูดสลับกันหรือไม่`,
        );
      }
    }
    return fail(
      `'${shown(text, 40)}' is not a ${axis} in Thailand (${range[0]}–${range[1]} degrees)${GRID.test(text) ? ": it looks like a map grid's metres (UTM)" : ''}`,
      `'${shown(text, 40)}' ไม่ใช่${th}ในประเทศไทย (${range[0]}–${range[1]} องศา)${GRID.test(text) ? ' ดูเหมือนพิกัดกริดแผนที่หน่วยเมตร (UTM)' : ''}`,
    );
  };
}

/** The columns a file may give a point in: a latitude and a longitude, or one column of both. */
export type PointKey = 'lat' | 'lon' | 'coords';

/** A row's point, or what is wrong with its point columns (each by its column). */
export type RowPoint = Readonly<{
  value: LatLon | null;
  problems: readonly Readonly<{ key: PointKey; en: string; th: string }>[];
}>;

/**
 * Reads rows' points the same way for every import (needs and proposals): the latitude and longitude columns, else
 * the column of both; the two agreeing (within about 10 m) when a row gives both; a latitude without its longitude
 * (or the reverse) refused. Each distinct cell is parsed once (a file repeats a village's point on many rows).
 * `label` names a column as the file heads it.
 * @example pointReader((k) => k)((k) => (k === 'coords' ? '14.5312, 100.9104' : null)).value // { lat: 14.5312, lon: 100.9104 }
 */
export function pointReader(label: (key: PointKey) => string): (get: (key: PointKey) => Cell) => RowPoint {
  const latitude = remembered(parseDegrees('latitude'));
  const longitude = remembered(parseDegrees('longitude'));
  const both = remembered(parseCoordinates);
  return (get) => {
    const problems: { key: PointKey; en: string; th: string }[] = [];
    const hasLat = cellText(get('lat')) !== null;
    const hasLon = cellText(get('lon')) !== null;
    if (hasLat !== hasLon) {
      const [given, missing]: PointKey[] = hasLat ? ['lat', 'lon'] : ['lon', 'lat'];
      problems.push({
        key: given!,
        en: `'${label(given!)}' is given without '${label(missing!)}': give both, or neither`,
        th: `มี '${label(given!)}' แต่ไม่มี '${label(missing!)}' กรุณาระบุทั้งสองค่า หรือไม่ระบุเลย`,
      });
      return { value: null, problems };
    }
    const take = <T>(key: PointKey, parse: (c: Cell) => Parsed<T>): T | undefined => {
      const cell = get(key);
      if (cellText(cell) === null) return undefined;
      const r = parse(cell);
      if (r.ok) return r.value;
      problems.push({ key, en: r.en, th: r.th });
      return undefined;
    };
    const lat = take('lat', latitude);
    const lon = take('lon', longitude);
    const pair = take('coords', both);
    if (problems.length > 0) return { value: null, problems };
    if (lat !== undefined && lon !== undefined && pair && (Math.abs(pair.lat - lat) > 1e-4 || Math.abs(pair.lon - lon) > 1e-4)) {
      problems.push({
        key: 'coords',
        en: `'${label('coords')}' (${pair.lat}, ${pair.lon}) is another point than '${label('lat')}' and '${label('lon')}' (${lat}, ${lon}): correct one of them`,
        th: `'${label('coords')}' (${pair.lat}, ${pair.lon}) ไม่ตรงกับ '${label('lat')}' และ '${label('lon')}' (${lat}, ${lon}) กรุณาแก้ไขให้ตรงกัน`,
      });
      return { value: null, problems };
    }
    return { value: lat !== undefined && lon !== undefined ? { lat, lon } : (pair ?? null), problems };
  };
}
