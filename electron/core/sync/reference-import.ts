/**
 * Reference-data import: the province's official figures and GIS layers, loaded once. Accepts
 *  - our reference JSON (`{districts:[{code, population | population_2021_registered}], tambons:[…]}`),
 *  - GeoJSON FeatureCollections whose features carry `district_code` (district layer) or `tambon_code`, or the codes
 *    public layers use (HDX's P-codes `ADM3_PCODE` "TH190101" and `ADM2_PCODE`, DOPA's `TAM_CODE` and `AMP_CODE`);
 *    a national layer's features of other provinces are passed over and counted,
 *  - population tables: CSV (UTF-8, UTF-16, Windows-874), XLSX, XLS, ODS, HTML saved as .xls, read through the imports'
 *    shared pipeline (parseTable) and population-rows.ts: areas by code (4-digit district, 6-digit tambon, DOPA's
 *    8-digit ccaattmm) or by name (ตำบล / ท้องที่ / อำเภอ columns, or a district's heading row above its tambons), the
 *    total (รวม) beside men and women or men and women added, title, total and province rows passed over;
 *    a district's own figure checked against its tambons' in the whole file (population-rows.ts, districtSums).
 * A feature's or record's English name (`name_en`, HDX's `ADM3_EN` / `ADM2_EN`) replaces the one the area was seeded
 * with (the RTGS spelling, geo/saraburi.ts, or in a database seeded earlier the geography package's, which spells many
 * of Saraburi's tambons wrongly: "Pak Pheni" for ปากเพรียว, Pak Phriao).
 * Unknown codes or bad values refuse the whole file; nothing is half-imported.
 */
import { AppError, type InputProblem } from '../../../shared/api/errors';
import type { AreasImportReport } from '../../../shared/api/types';
import { checkAreaGeometry, foreignCrs } from '../../../shared/domain/geometry';
import { notJsonReason } from '../../../shared/domain/import/json-syntax';
import type { HeaderDetection } from '../../../shared/domain/import/headers';
import { districtSums, populationsFromRows, type FigureInFile } from '../../../shared/domain/import/population-rows';
import { POPULATION_TARGET } from '../../../shared/domain/import/population-target';
import { problem, shown } from '../../../shared/domain/import/problems';
import type { Cell } from '../../../shared/domain/import/values';
import { thousandsGrouped, toArabicDigits } from '../../../shared/domain/money';
import { appendAudit } from '../audit/audit-log';
import { hiddenBeside, inPart, readGridPart, sheetHeaders, defaultSource, storeAreas } from '../import/mapping';
import { readImportFile, type ImportSource } from '../import/read';
import { decodeText } from '../import/text';
import type { Store } from '../db/database';

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

/** What a file gives: the areas' new figures, the problems found, and what was passed over. */
type Parsed = {
  kind: AreasImportReport['kind'];
  updates: Update[];
  problems: InputProblem[];
  otherProvinces: number;
  notes?: { en: string; th: string }[];
};

/** Our reference JSON or a GeoJSON layer. */
function parseJson(fileName: string, content: string): Parsed {
  const text = content.replace(/^\uFEFF/u, '');
  const problems: InputProblem[] = [];
  let otherProvinces = 0;
  const updates: Update[] = [];
  const levelOf = (code: string): 'district' | 'tambon' | null =>
    /^19\d\d$/u.test(code) ? 'district' : /^19\d{4}$/u.test(code) ? 'tambon' : null;
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

/**
 * Whether a file is JSON (our reference JSON or a GeoJSON layer): its first character after a byte-order mark and
 * white space (also UTF-16's zero bytes) is `{` or `[`. Anything else is a table for the imports' shared reader.
 */
export function referenceJson(bytes: Uint8Array): boolean {
  for (let i = 0; i < Math.min(bytes.length, 4096); i++) {
    const b = bytes[i]!;
    if (b === 0x7b || b === 0x5b) return true;
    // White space, zero bytes (UTF-16) and the byte-order marks' bytes.
    if (![0x00, 0x09, 0x0a, 0x0d, 0x20, 0xef, 0xbb, 0xbf, 0xfe, 0xff].includes(b)) return false;
  }
  return false;
}

/** The fields of a population table that hold figures. */
const FIGURES: ReadonlySet<string> = new Set(['total', 'male', 'female', 'houses']);

/**
 * A delimited text file's rows with a figure split at its thousands separator rejoined, when the header's last column
 * holds a figure: "190101,5,000" written without quotes is the two fields 5 and 000, read as 5,000 (as this import
 * always read it; the other imports refuse such a row). Only when every field past the header's width is three digits
 * (Thai or Arabic) and the last column's own one to three.
 */
function thousandsRejoined(rows: Cell[][], header: HeaderDetection): Cell[][] {
  // The header's own width: its labels run over the longest of the first rows, split ones too.
  const width = header.labels.reduce((w, label, c) => (label === '' ? w : c + 1), 0);
  const col = width - 1;
  const figure = Object.entries(header.mapping).some(([key, c]) => c === col && FIGURES.has(key));
  if (!figure) return rows;
  const digits = (c: Cell, n: string): boolean => new RegExp(`^[0-9๐-๙]{${n}}$`, 'u').test(String(c ?? '').trim());
  return rows.map((row, r) => {
    if (r < header.headerIndex + header.headerRows || row.length <= width) return row;
    const tail = row.slice(width);
    while (tail.length > 0 && String(tail.at(-1) ?? '').trim() === '') tail.pop();
    if (tail.length === 0 || !digits(row[col] ?? null, '1,3') || !tail.every((c) => digits(c, '3'))) return row;
    return [...row.slice(0, col), [row[col], ...tail].map((c) => String(c).trim()).join(','), ...row.slice(width + tail.length)];
  });
}

/**
 * A problem with its place (sheet, row, column) said at the start of its text, as population-rows.ts says it.
 * @example placed({ line: 8, column: 'ท้องที่', en: 'the row looks like a total row …', th: '…' }, 'ประชากร').en
 * // "sheet 'ประชากร', row 8, column 'ท้องที่': the row looks like a total row …"
 */
function placed(p: InputProblem, sheet: string | undefined): InputProblem {
  const inSheet = sheet === undefined ? null : { en: `sheet '${sheet}'`, th: `แผ่นงาน '${sheet}'` };
  if (p.line === 0) {
    return inSheet ? { ...p, en: `${inSheet.en}: ${p.en}`, th: `${inSheet.th}: ${p.th}` } : p;
  }
  const col = p.column === undefined ? { en: '', th: '' } : { en: `, column '${p.column}'`, th: ` คอลัมน์ '${p.column}'` };
  return {
    ...p,
    en: `${inSheet ? `${inSheet.en}, ` : ''}row ${p.line}${col.en}: ${p.en}`,
    th: `${inSheet ? `${inSheet.th} ` : ''}แถวที่ ${p.line}${col.th}: ${p.th}`,
  };
}

/**
 * A population table (CSV in any accepted encoding, XLSX, XLS, ODS, HTML saved as .xls, each sheet of a workbook, the
 * files of a zip), read through the imports' shared pipeline: the reader (read.ts), the header under its title rows,
 * the total rows, headings and notes passed over (headers.ts, mapping.ts), then population-rows.ts for each sheet.
 * A sheet without a population table beside one that has it (notes, a chart's data) is passed over and named.
 */
function parseTable(store: Store, fileName: string, source: ImportSource): Parsed {
  const problems: InputProblem[] = [];
  const notes: { en: string; th: string }[] = [];
  const updates: Update[] = [];
  const figures: FigureInFile[] = [];
  let otherProvinces = 0;
  let province = 0;
  let summed = 0;
  let partsSummed = 0;
  const partsAlone: string[] = [];
  const areas = storeAreas(store);
  const feeds = source.parts.filter((p) => p.kind !== 'grid');
  if (feeds.length > 0) {
    throw new AppError(
      'IMPORT_REJECTED',
      `${fileName}: ${feeds[0]!.name} is a feed of records, not a population table`,
      `${fileName}: ${feeds[0]!.name} เป็นข้อมูลรายการ (feed) ไม่ใช่ตารางจำนวนประชากร`,
    );
  }
  const grids = source.parts.flatMap((p) => (p.kind === 'grid' && !hiddenBeside(source.parts, p) ? [p] : []));
  const headers = sheetHeaders(grids, POPULATION_TARGET);
  const many = grids.length > 1;
  const tables = grids.filter((p) => headers.get(p));
  for (const part of grids) {
    const found = headers.get(part) ?? null;
    const name = part.sheet ?? part.name;
    if (!found) {
      if (tables.length > 0) {
        notes.push({
          en: `sheet '${name}' holds no population table: passed over`,
          th: `แผ่นงาน '${name}' ไม่มีตารางจำนวนประชากร จึงข้ามไป`,
        });
        continue;
      }
      problems.push(
        problem(
          0,
          many ? part.name : undefined,
          'NO_HEADER',
          `${many ? `sheet '${name}': ` : ''}no header row naming the areas (รหัสพื้นที่, ตำบล, ท้องที่, อำเภอ) and their population (รวม, ประชากร, ชาย, หญิง) in the first 30 rows`,
          `${many ? `แผ่นงาน '${name}': ` : ''}ไม่พบแถวหัวตารางที่ระบุพื้นที่ (รหัสพื้นที่ ตำบล ท้องที่ อำเภอ) และจำนวนประชากร (รวม ประชากร ชาย หญิง) ใน 30 แถวแรก`,
        ),
      );
      continue;
    }
    const rows = part.delimiter === undefined ? part.rows : thousandsRejoined(part.rows, found);
    const g = readGridPart(
      store,
      POPULATION_TARGET,
      { ...part, rows },
      { sourceName: defaultSource(fileName), areas, given: undefined, firstLayout: null },
      found,
    );
    if (!g) continue;
    const read = populationsFromRows(g.rows, {
      areas,
      labels: g.header.labels,
      mapping: g.mapping,
      ...(part.sheet !== undefined ? { sheet: part.sheet } : {}),
      cellsOf: (row) => rows[row - 1] ?? [],
    });
    const before = problems.length;
    // The shared checks' problems (a total-like row, a formula without its value, a figure merged down) say their
    // place in the problem's fields; here in its text too, as the panel lists the texts only.
    problems.push(...[...g.problems, ...g.rowProblems].map((p) => placed(p, part.sheet)), ...read.problems);
    if (many) {
      for (let i = before; i < problems.length; i++) {
        const p = problems[i]!;
        if (p.line > 0) problems[i] = inPart(p, part.name);
      }
    }
    otherProvinces += read.otherProvinces;
    province += read.province;
    summed += read.summed;
    partsSummed += read.partsSummed;
    partsAlone.push(...read.partsAlone);
    const sheet =
      part.sheet === undefined ? { en: '', th: '' } : { en: `sheet '${part.sheet}', `, th: `แผ่นงาน '${part.sheet}' ` };
    for (const f of read.figures) {
      figures.push({
        ...f,
        ...(part.sheet !== undefined ? { sheet: part.sheet } : {}),
        ...(many ? { part: part.name } : {}),
      });
      updates.push({
        level: f.level,
        code: f.code,
        line: f.row,
        where: { en: `${sheet.en}row ${f.row}`, th: `${sheet.th}แถวที่ ${f.row}` },
        population: f.population,
      });
    }
    if (g.mapping['houses'] !== undefined && read.figures.length > 0) {
      const label = g.header.labels[g.mapping['houses']] ?? 'บ้าน';
      notes.push({
        en: `column '${label}' counts houses, not people: not read`,
        th: `คอลัมน์ '${label}' เป็นจำนวนบ้าน ไม่ใช่จำนวนประชากร จึงไม่ได้อ่าน`,
      });
    }
  }
  // The same area in two sheets (or files of a zip) with different figures.
  const first = new Map<string, Update>();
  for (const u of updates) {
    const seen = first.get(u.code);
    if (!seen) first.set(u.code, u);
    else if (seen.population !== u.population) {
      problems.push(
        problem(
          u.line,
          undefined,
          'DUPLICATE_ID',
          `${u.where.en} (${u.code}): the area is given twice with different figures: ${seen.where.en} (${seen.population?.toLocaleString('en-US')}) and ${u.where.en} (${u.population?.toLocaleString('en-US')}); keep the right one`,
          `${u.where.th} (${u.code}): พื้นที่นี้มีสองแถวที่ตัวเลขต่างกัน: ${seen.where.th} (${seen.population?.toLocaleString('en-US')}) และ${u.where.th} (${u.population?.toLocaleString('en-US')}) กรุณาเหลือไว้แถวที่ถูกต้อง`,
        ),
      );
    }
  }
  // A district's own figure against its tambons' in the whole file (see districtSums).
  const sums = districtSums(figures, areas);
  problems.push(...sums.problems);
  if (problems.length === 0 && updates.length === 0) {
    const why =
      otherProvinces > 0
        ? {
            en: `the table holds no area of Saraburi (${otherProvinces} of other provinces)`,
            th: `ตารางนี้ไม่มีพื้นที่ของจังหวัดสระบุรี (มีแต่พื้นที่จังหวัดอื่น ${otherProvinces} รายการ)`,
          }
        : { en: 'the table gives no district or tambon a population', th: 'ตารางนี้ไม่มีจำนวนประชากรของอำเภอหรือตำบลใด' };
    throw new AppError('IMPORT_REJECTED', `${fileName}: ${why.en}`, `${fileName}: ${why.th}`);
  }
  if (summed > 0) {
    notes.push({
      en: `the table gives men (ชาย) and women (หญิง) without a total: ${summed} population(s) are their sum`,
      th: `ตารางมีจำนวนชายและหญิงแต่ไม่มียอดรวม จำนวนประชากร ${summed} รายการจึงเป็นผลบวกของชายและหญิง`,
    });
  }
  if (partsSummed > 0) {
    notes.push({
      en: `${partsSummed} tambon(s) are given in parts (within and outside a municipality): each tambon's population is the sum of its parts`,
      th: `มี ${partsSummed} ตำบลที่ให้ตัวเลขแยกเป็นส่วน (ในและนอกเขตเทศบาล) จำนวนประชากรของตำบลจึงเป็นผลรวมของส่วนเหล่านั้น`,
    });
  }
  if (partsAlone.length > 0) {
    const named = partsAlone.slice(0, 10).join(', ') + (partsAlone.length > 10 ? ` (+${partsAlone.length - 10})` : '');
    notes.push({
      en: `${partsAlone.length} tambon(s) are given by one part only, read as the whole tambon: ${named}; if a tambon has another part (outside the municipality), give that row too`,
      th: `มี ${partsAlone.length} ตำบลที่ให้ตัวเลขเพียงส่วนเดียว จึงอ่านเป็นตัวเลขของทั้งตำบล: ${named} หากตำบลใดมีส่วนอื่น (นอกเขตเทศบาล) กรุณาเพิ่มแถวนั้นด้วย`,
    });
  }
  if (province > 0) {
    notes.push({
      en: "the province's own row (its total) was passed over",
      th: 'ข้ามแถวของทั้งจังหวัด (ยอดรวมของจังหวัด)',
    });
  }
  notes.push(...sums.notes);
  // A JSON file never comes here (referenceJson); nor does a feed, refused above.
  const kind = source.format === 'json' || source.format === 'ndjson' ? 'reference-json' : source.format;
  return { kind, updates, problems, otherProvinces, notes };
}

/**
 * Imports a reference file, all or nothing (see the module comment). `source`: the file already read into its parts
 * (the handler reads it on the compute worker); read here when absent. JSON is never read into parts.
 */
export function importAreas(
  store: Store,
  fileName: string,
  bytes: Buffer,
  actor: string,
  source?: ImportSource,
): AreasImportReport {
  const { kind, updates, problems, otherProvinces, notes } = referenceJson(bytes)
    ? parseJson(fileName, decodeText(bytes, fileName).text)
    : parseTable(store, fileName, source ?? readImportFile(fileName, bytes));
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
      ...(notes && notes.length > 0 ? { notes } : {}),
    };
    appendAudit(sqlite, actor, 'reference.imported', report);
    return report;
  })();
}
