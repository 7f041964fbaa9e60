/**
 * Reference-data import: the province's official figures and GIS layers, loaded once. Accepts
 *  - our reference JSON (`{districts:[{code, population | population_2021_registered}], tambons:[…]}`),
 *  - GeoJSON FeatureCollections whose features carry `district_code` (district layer) or `tambon_code`, or the codes
 *    public layers use (HDX's P-codes `ADM3_PCODE` "TH190101" and `ADM2_PCODE`, DOPA's `TAM_CODE` and `AMP_CODE`);
 *    a national layer's features of other provinces are passed over and counted,
 *  - CSV `code,population` (4-digit district or 6-digit tambon codes).
 * A feature's or record's English name (`name_en`, HDX's `ADM3_EN` / `ADM2_EN`) replaces the one the geography package
 * gave the area, which spells many of Saraburi's tambons wrongly ("Pak Pheni" for ปากเพรียว, Pak Phriao).
 * Unknown codes or bad values refuse the whole file; nothing is half-imported.
 */
import { AppError, type InputProblem } from '../../../shared/api/errors';
import type { AreasImportReport } from '../../../shared/api/types';
import { checkAreaGeometry, foreignCrs } from '../../../shared/domain/geometry';
import { notJsonReason } from '../../../shared/domain/import/json-syntax';
import { shown } from '../../../shared/domain/import/problems';
import { thousandsGrouped, toArabicDigits } from '../../../shared/domain/money';
import { appendAudit } from '../audit/audit-log';
import { parseCsv } from '../import/csv';
import type { Store } from '../db/database';

/** Headers of a population CSV's code column (spaces removed, lower case), the first found counts. */
const CODE_HEADERS = ['code', 'รหัส', 'รหัสพื้นที่', 'รหัสตำบล', 'รหัสอำเภอ', 'areacode'];
/** Headers of its population column: the population itself before a total (รวม) beside men and women. */
const POPULATION_HEADERS = ['population', 'ประชากร', 'จำนวนประชากร', 'ประชากรรวม', 'รวม', 'total'];

/** Where a record is in the file, in words ("feature 2", "row 3", "districts[0]"), in English and Thai. */
type Where = Readonly<{ en: string; th: string }>;

/**
 * A feature's area code: ours (`tambon_code`, `district_code`, `code`), HDX's P-codes (`ADM3_PCODE` "TH190101",
 * `ADM2_PCODE` "TH1901") or DOPA's (`TAM_CODE`, `AMP_CODE`), the finest given, without the country's prefix.
 */
function featureCode(props: Record<string, unknown>): { code: string; tambon: boolean } {
  for (const [keys, tambon] of [
    [['tambon_code', 'ADM3_PCODE', 'TAM_CODE'], true],
    [['district_code', 'ADM2_PCODE', 'AMP_CODE'], false],
    [['code'], false],
  ] as const) {
    for (const key of keys) {
      const value = props[key];
      if (value !== undefined && value !== null && value !== '') {
        return { code: String(value).trim().replace(/^TH/iu, '').slice(0, 40), tambon };
      }
    }
  }
  return { code: '', tambon: false };
}

/** One area's new figures, from the file's record `line` (its feature or row number, from 1), at `where`. */
type Update = {
  level: 'district' | 'tambon';
  code: string;
  line: number;
  where: Where;
  population?: number | null;
  geometry?: string;
  nameEn?: string;
};

/** The longest English name of an area kept (characters). */
const MAX_NAME_EN = 80;

/**
 * A record's English name of its area, at `level`: `name_en`, or HDX's `ADM3_EN` (tambon) / `ADM2_EN` (district).
 * `undefined` when it gives none; an error (Thai and English) when what it gives is no English name.
 */
function englishName(
  props: Record<string, unknown>,
  level: 'district' | 'tambon',
): { name?: string; problem?: Readonly<{ en: string; th: string }> } {
  const key = ['name_en', level === 'tambon' ? 'ADM3_EN' : 'ADM2_EN'].find(
    (k) => props[k] !== undefined && props[k] !== null && props[k] !== '',
  );
  if (key === undefined) return {};
  const value = props[key];
  const name = typeof value === 'string' ? value.replace(/\s+/gu, ' ').trim() : '';
  if (name === '' || name.length > MAX_NAME_EN || !/[A-Za-z]/u.test(name) || /[\u0E00-\u0E7F\p{Cc}]/u.test(name))
    return {
      problem: {
        en: `${key} '${shown(value, 40)}' is not an English name of up to ${MAX_NAME_EN} characters`,
        th: `${key} '${shown(value, 40)}' ไม่ใช่ชื่อภาษาอังกฤษที่ยาวไม่เกิน ${MAX_NAME_EN} ตัวอักษร`,
      },
    };
  return { name };
}

function asPopulation(value: unknown): number | null | undefined {
  if (value === undefined || value === null) return value;
  const whole = (n: number): number => (Number.isSafeInteger(n) && n >= 0 ? n : Number.NaN);
  if (typeof value === 'number') return whole(value);
  const text = toArabicDigits(String(value)).replace(/\s/gu, '');
  // A blank cell is no figure (Number('') would read it as 0); commas must separate thousands ("1,2345" is no figure).
  if (text === '' || !thousandsGrouped(text)) return Number.NaN;
  return whole(Number(text.replace(/,/gu, '')));
}

function parse(
  fileName: string,
  content: string,
): { kind: AreasImportReport['kind']; updates: Update[]; problems: InputProblem[]; otherProvinces: number } {
  const text = content.replace(/^\uFEFF/u, '');
  const problems: InputProblem[] = [];
  let otherProvinces = 0;
  const updates: Update[] = [];
  const levelOf = (code: string): 'district' | 'tambon' | null =>
    /^19\d\d$/u.test(code) ? 'district' : /^19\d{4}$/u.test(code) ? 'tambon' : null;
  if (/^\s*[[{]/u.test(text)) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      const why = notJsonReason(text, error);
      throw new AppError('IMPORT_REJECTED', `${fileName}: not valid JSON: ${why.en}`, `${fileName}: ไม่ใช่ JSON ที่ถูกต้อง: ${why.th}`);
    }
    const obj = (typeof json === 'object' && json !== null ? json : {}) as {
      type?: unknown;
      features?: unknown;
      districts?: unknown;
      tambons?: unknown;
    };
    if (obj.type === 'FeatureCollection' && Array.isArray(obj.features)) {
      const crs = foreignCrs(obj);
      if (crs !== null) {
        throw new AppError(
          'IMPORT_REJECTED',
          `${fileName}: the layer is in ${crs}, not longitude and latitude; export it as GeoJSON in WGS 84 (EPSG:4326)`,
          `${fileName}: ชั้นข้อมูลอยู่ในระบบพิกัด ${crs} ไม่ใช่ลองจิจูดและละติจูด กรุณาส่งออกเป็น GeoJSON ในระบบ WGS 84 (EPSG:4326)`,
        );
      }
      (obj.features as unknown[]).forEach((f, i) => {
        const where: Where = { en: `feature ${i + 1}`, th: `รายการที่ ${i + 1}` };
        if (typeof f !== 'object' || f === null || Array.isArray(f)) {
          problems.push({
            line: i + 1,
            column: 'feature',
            en: `${where.en} is not a GeoJSON Feature object`,
            th: `${where.th} ไม่ใช่ Feature ของ GeoJSON`,
          });
          return;
        }
        const feature = f as { properties?: unknown; geometry?: unknown };
        const props = (typeof feature.properties === 'object' && feature.properties !== null ? feature.properties : {}) as Record<
          string,
          unknown
        >;
        const { code, tambon } = featureCode(props);
        // A national layer (HDX's, DOPA's) holds every province: another province's district or tambon is passed over.
        if (/^(?!19)\d{2}(?:\d{2}|\d{4})$/u.test(code)) {
          otherProvinces++;
          return;
        }
        const level = tambon ? 'tambon' : levelOf(code);
        if (!level || levelOf(code) !== level) {
          problems.push({
            line: i + 1,
            column: 'properties',
            en: `${where.en}: no Saraburi district_code or tambon_code ('${code}')`,
            th: `${where.th}: ไม่มีรหัสอำเภอหรือตำบลของสระบุรี ('${code}')`,
          });
          return;
        }
        const checked = checkAreaGeometry(feature.geometry);
        if (!checked.ok) {
          problems.push({
            line: i + 1,
            column: 'geometry',
            en: `${where.en} (${code}): ${checked.en}`,
            th: `${where.th} (${code}): ${checked.th}`,
          });
          return;
        }
        const english = englishName(props, level);
        if (english.problem) {
          problems.push({
            line: i + 1,
            column: 'properties',
            en: `${where.en} (${code}): ${english.problem.en}`,
            th: `${where.th} (${code}): ${english.problem.th}`,
          });
          return;
        }
        updates.push({
          level,
          code,
          line: i + 1,
          where,
          geometry: JSON.stringify(checked.geometry),
          ...(english.name !== undefined ? { nameEn: english.name } : {}),
        });
      });
      if (updates.length === 0 && problems.length === 0 && otherProvinces > 0) {
        throw new AppError(
          'IMPORT_REJECTED',
          `${fileName}: the layer holds no area of Saraburi (${otherProvinces} of other provinces)`,
          `${fileName}: ชั้นข้อมูลนี้ไม่มีพื้นที่ของจังหวัดสระบุรี (มีแต่พื้นที่จังหวัดอื่น ${otherProvinces} รายการ)`,
        );
      }
      return { kind: 'geojson', updates, problems, otherProvinces };
    }
    if (Array.isArray(obj.districts) || Array.isArray(obj.tambons)) {
      const rows = [
        ...((obj.districts as unknown[] | undefined) ?? []).map((r, k) => ['district', r, `districts[${k}]`] as const),
        ...((obj.tambons as unknown[] | undefined) ?? []).map((r, k) => ['tambon', r, `tambons[${k}]`] as const),
      ];
      rows.forEach(([level, row, path], i) => {
        const where: Where = { en: path, th: path };
        const r = (typeof row === 'object' && row !== null ? row : {}) as Record<string, unknown>;
        const code = String(r.code ?? '').slice(0, 40);
        if (levelOf(code) !== level) {
          problems.push({
            line: i + 1,
            column: 'code',
            en: `${path}: '${code}' is not a Saraburi ${level} code`,
            th: `${path}: '${code}' ไม่ใช่รหัส${level === 'district' ? 'อำเภอ' : 'ตำบล'}ของสระบุรี`,
          });
          return;
        }
        const population = asPopulation(r.population ?? r.population_2021_registered);
        if (Number.isNaN(population)) {
          problems.push({
            line: i + 1,
            column: 'population',
            en: `${path} (${code}): the population is not a whole number`,
            th: `${path} (${code}): จำนวนประชากรไม่ใช่จำนวนเต็ม`,
          });
          return;
        }
        const english = englishName(r, level);
        if (english.problem) {
          problems.push({
            line: i + 1,
            column: 'name_en',
            en: `${path} (${code}): ${english.problem.en}`,
            th: `${path} (${code}): ${english.problem.th}`,
          });
          return;
        }
        const nameEn = english.name !== undefined ? { nameEn: english.name } : {};
        if ((population !== undefined && population !== null) || english.name !== undefined)
          updates.push({
            level,
            code,
            line: i + 1,
            where,
            ...(population !== undefined && population !== null ? { population } : {}),
            ...nameEn,
          });
      });
      return { kind: 'reference-json', updates, problems, otherProvinces };
    }
    throw new AppError(
      'IMPORT_REJECTED',
      `${fileName}: neither reference JSON nor a GeoJSON FeatureCollection`,
      `${fileName}: ไม่ใช่ไฟล์ข้อมูลอ้างอิงหรือ GeoJSON`,
    );
  }
  const rows = parseCsv(text, fileName);
  // The header is the first of the first 10 rows that names a code and a population column (a spreadsheet saved as
  // CSV may keep its title rows above it); the population is the column of the total where men and women are apart.
  const labels = (row: readonly unknown[]): string[] =>
    row.map((h) =>
      String(h ?? '')
        .trim()
        .toLowerCase()
        .replace(/\s+/gu, ''),
    );
  const columnOf = (header: readonly string[], names: readonly string[]): number =>
    names.reduce((found, name) => (found >= 0 ? found : header.indexOf(name)), -1);
  const headerAt = rows.slice(0, 10).findIndex((row) => {
    const names = labels(row);
    return columnOf(names, CODE_HEADERS) >= 0 && columnOf(names, POPULATION_HEADERS) >= 0;
  });
  if (headerAt < 0) {
    throw new AppError(
      'IMPORT_REJECTED',
      `${fileName}: no header 'code,population' in the first 10 lines (a code column: code, รหัส, รหัสพื้นที่; a population column: population, ประชากร, จำนวนประชากร, รวม)`,
      `${fileName}: ไม่พบหัวตาราง 'code,population' (รหัส,ประชากร) ใน 10 บรรทัดแรก (คอลัมน์รหัส: รหัส รหัสพื้นที่ รหัสตำบล; คอลัมน์ประชากร: ประชากร จำนวนประชากร รวม)`,
    );
  }
  const header = labels(rows[headerAt]!);
  const codeCol = columnOf(header, CODE_HEADERS);
  const popCol = columnOf(header, POPULATION_HEADERS);
  rows.slice(headerAt + 1).forEach((cells, k) => {
    // The row's number in the file, from 1.
    const line = headerAt + k + 2;
    if (cells.every((c) => String(c ?? '').trim() === '')) return;
    const code = String(cells[codeCol] ?? '').trim();
    const level = levelOf(code);
    const where: Where = { en: `row ${line}`, th: `แถวที่ ${line}` };
    // An unquoted "5,000" in the last column splits into cells: read together, as the figure they write (without the
    // empty cells a spreadsheet adds at a row's end when other rows are longer).
    const tail = cells.slice(popCol).map((c) => String(c ?? '').trim());
    while (tail.length > 1 && tail.at(-1) === '') tail.pop();
    const written = popCol === header.length - 1 ? tail.join(',') : (tail[0] ?? '');
    const population = asPopulation(written);
    if (!level)
      problems.push({
        line,
        column: 'code',
        en: `${where.en}: '${code.slice(0, 40)}' is not a Saraburi district or tambon code`,
        th: `${where.th}: '${code.slice(0, 40)}' ไม่ใช่รหัสอำเภอหรือตำบลของสระบุรี`,
      });
    else if (population === undefined || population === null || Number.isNaN(population))
      problems.push({
        line,
        column: 'population',
        en: `${where.en} (${code}): ${written === '' ? 'the population is empty' : `'${written.slice(0, 40)}' is not a whole number`}`,
        th: `${where.th} (${code}): ${written === '' ? 'ไม่ได้กรอกจำนวนประชากร' : `'${written.slice(0, 40)}' ไม่ใช่จำนวนเต็ม`}`,
      });
    else updates.push({ level, code, line, where, population });
  });
  return { kind: 'csv', updates, problems, otherProvinces };
}

export function importAreas(store: Store, fileName: string, content: string, actor: string): AreasImportReport {
  const { kind, updates, problems, otherProvinces } = parse(fileName, content);
  const { sqlite } = store;
  const known = {
    district: new Set((sqlite.prepare('SELECT code FROM area_district').all() as { code: string }[]).map((r) => r.code)),
    tambon: new Set((sqlite.prepare('SELECT code FROM area_tambon').all() as { code: string }[]).map((r) => r.code)),
  };
  updates.forEach((u) => {
    if (!known[u.level].has(u.code))
      problems.push({
        line: u.line,
        column: 'code',
        en: `${u.where.en}: unknown ${u.level} code '${u.code}'`,
        th: `${u.where.th}: ไม่พบรหัส${u.level === 'district' ? 'อำเภอ' : 'ตำบล'} '${u.code}'`,
      });
  });
  if (problems.length > 0) {
    const first = problems[0]!;
    throw new AppError(
      'IMPORT_REJECTED',
      `${fileName}: ${problems.length} problem(s), nothing was imported. ${first.en}`,
      `${fileName}: พบปัญหา ${problems.length} รายการ ไม่มีการนำเข้าข้อมูลใด ๆ ${first.th}`,
      problems.slice(0, 200),
    );
  }
  return sqlite.transaction((): AreasImportReport => {
    const table = { district: 'area_district', tambon: 'area_tambon' } as const;
    let withPopulation = 0;
    let withGeometry = 0;
    let withEnglishName = 0;
    for (const u of updates) {
      if (u.nameEn !== undefined) {
        sqlite.prepare(`UPDATE ${table[u.level]} SET name_en = ? WHERE code = ?`).run(u.nameEn, u.code);
        withEnglishName++;
      }
      if (u.population !== undefined) {
        sqlite.prepare(`UPDATE ${table[u.level]} SET population = ? WHERE code = ?`).run(u.population, u.code);
        withPopulation++;
      }
      if (u.geometry !== undefined) {
        sqlite.prepare(`UPDATE ${table[u.level]} SET geometry_json = ? WHERE code = ?`).run(u.geometry, u.code);
        withGeometry++;
      }
    }
    const report: AreasImportReport = {
      fileName,
      kind,
      districts: new Set(updates.filter((u) => u.level === 'district').map((u) => u.code)).size,
      tambons: new Set(updates.filter((u) => u.level === 'tambon').map((u) => u.code)).size,
      withPopulation,
      withGeometry,
      withEnglishName,
      otherProvinces,
    };
    appendAudit(sqlite, actor, 'reference.imported', report);
    return report;
  })();
}
