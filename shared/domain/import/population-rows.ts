/**
 * Rows of a population table (mapped to POPULATION_TARGET) into one figure per district or tambon. An area is named
 * by its code (a district's 4 digits, a tambon's 6, or DOPA's 8-digit ccaattmm: "19010100" is tambon 190101,
 * "19010000" district 1901, "19000000" the province) or by its names ("ตำบลปากเพรียว", "ต.ปากเพรียว", "ปากเพรียว"),
 * the district from its column, from a heading row above ("อำเภอเมืองสระบุรี" alone on its row) or from the
 * district's own row ("อำเภอแก่งคอย" with its figure). The population is the total beside men and women (รวม), or
 * men and women added when no total is given; a houses column (บ้าน) is never the population. The province's own row
 * and other provinces' codes are passed over and counted; a tambon given in parts ("ปากเพรียว (เขตเทศบาล)" and
 * "ปากเพรียว (นอกเขตเทศบาล)") is their sum; a village's row, a local government's ("ทต.หนองแค", "ท้องถิ่นเทศบาลเมือง
 * สระบุรี": no tambon, whatever name it holds), an unknown or ambiguous name, a figure that is no whole number, a total
 * that is not men plus women, or one area given twice with different figures is a problem saying where (sheet, row,
 * column) in Thai and English. A district's own figure is then checked against
 * its tambons' in the whole file (districtSums).
 */
import type { InputProblem } from '../../api/errors';
import { codeDigits, isLocalGovernment, resolveDistrict, resolveProvince, resolveTambon, type AreaIndex } from './areas';
import type { MappedRow } from './headers';
import { problem, shown, type ProblemCode } from './problems';
import { POPULATION_TARGET } from './population-target';
import { villageHeading, type ColumnMapping } from './target';
import { cellText, parseCount, type Cell, type Parsed } from './values';

export type PopulationFigure = Readonly<{ level: 'district' | 'tambon'; code: string; population: number; row: number }>;

export type PopulationRowsContext = Readonly<{
  areas: AreaIndex;
  /** The column labels of the sheet (for messages) and the mapping used. */
  labels: readonly string[];
  mapping: ColumnMapping;
  /** The sheet's name in a workbook, said in each problem's place. */
  sheet?: string;
  /** A row's own cells by its number (from 1): a district cell of its own, not one its heading filled. */
  cellsOf: (row: number) => readonly Cell[];
}>;

export type PopulationRows = {
  figures: PopulationFigure[];
  problems: InputProblem[];
  /** Rows of the province as a whole ("19000000", "จังหวัดสระบุรี"): its total, passed over. */
  province: number;
  /** Rows of other provinces, by their code (a national table), passed over. */
  otherProvinces: number;
  /** Figures that are men and women added (the sheet has no total column). */
  summed: number;
  /** Tambons given in parts ("ปากเพรียว (เขตเทศบาล)", "ปากเพรียว (นอกเขตเทศบาล)"): their figure is the parts' sum. */
  partsSummed: number;
  /** Tambons given by one part only, named ("ปากเพรียว (เขตเทศบาล)"): read as the whole tambon, and said. */
  partsAlone: string[];
};

/** A figure as the messages write it: digits grouped by thousands ("12,345"). */
const formatCount = (n: number): string => n.toLocaleString('en-US');

type Area =
  Readonly<{ level: 'district' | 'tambon'; code: string }> | Readonly<{ level: 'province' }> | Readonly<{ level: 'other' }>;

type Refusal = Readonly<{ code: ProblemCode; en: string; th: string }>;

const PROVINCE_NAME = /^\s*(?:จังหวัด|จ\.)/u;
const DISTRICT_NAME = /^\s*(?:อำเภอ|อ\.)/u;
const TAMBON_NAME = /^\s*(?:ตำบล|ต\.)/u;

/**
 * The area a code cell names: a district (4 digits), a tambon (6), DOPA's 8 digits ccaattmm, or the province (its
 * 2 digits, or ccaattmm with aa = 00); a village's 8 digits (mm ≠ 00) are refused as a village's.
 * @example areaOfCode(index, '19010100') // { ok: true, value: { level: 'tambon', code: '190101' } } (Saraburi's areas)
 */
export function areaOfCode(index: AreaIndex, text: string): { ok: true; value: Area } | (Refusal & { ok: false }) {
  const digits = codeDigits(text);
  const province = [...index.districts.keys()][0]?.slice(0, 2) ?? '';
  const fail = (code: ProblemCode, en: string, th: string): Refusal & { ok: false } => ({ ok: false, code, en, th });
  let area: { level: 'district' | 'tambon'; code: string } | null = null;
  const m = /^(\d{2})(\d{2})(\d{2})(\d{2})$/u.exec(digits);
  if (m) {
    const [, pp, aa, tt, mm] = m as unknown as [string, string, string, string, string];
    if (mm !== '00') {
      return fail(
        'BAD_FIELD',
        `'${shown(text, 20)}' is a village's code (village ${Number(mm)} of tambon ${pp}${aa}${tt}): only districts and tambons are imported; leave the villages' rows out`,
        `'${shown(text, 20)}' เป็นรหัสหมู่บ้าน (หมู่ที่ ${Number(mm)} ของตำบล ${pp}${aa}${tt}) ระบบนำเข้าเฉพาะอำเภอและตำบล กรุณานำแถวของหมู่บ้านออก`,
      );
    }
    if (pp !== province) return { ok: true, value: { level: 'other' } };
    if (aa === '00' && tt === '00') return { ok: true, value: { level: 'province' } };
    if (aa !== '00') area = tt === '00' ? { level: 'district', code: pp + aa } : { level: 'tambon', code: pp + aa + tt };
  } else if (/^\d{6}$/u.test(digits)) area = { level: 'tambon', code: digits };
  else if (/^\d{4}$/u.test(digits)) area = { level: 'district', code: digits };
  else if (digits === province) return { ok: true, value: { level: 'province' } };
  if (area === null) {
    return fail(
      'UNKNOWN_AREA',
      `'${shown(text, 20)}' is not an area code: a district's 4 digits (1901), a tambon's 6 (190101) or DOPA's 8 (19010100)`,
      `'${shown(text, 20)}' ไม่ใช่รหัสพื้นที่: รหัสอำเภอ 4 หลัก (1901) รหัสตำบล 6 หลัก (190101) หรือรหัสของกรมการปกครอง 8 หลัก (19010100)`,
    );
  }
  if (!area.code.startsWith(province)) return { ok: true, value: { level: 'other' } };
  const known = area.level === 'district' ? index.districts.has(area.code) : index.tambons.has(area.code);
  if (!known) {
    return fail(
      'UNKNOWN_AREA',
      `unknown ${area.level} code '${area.code}'`,
      `ไม่พบรหัส${area.level === 'district' ? 'อำเภอ' : 'ตำบล'} '${area.code}'`,
    );
  }
  return { ok: true, value: area };
}

/**
 * When the name beside a code names another area of the code's level (the code 190101 beside "ตำบลดาวเรือง"): what
 * the code is and what the name names, in English and Thai; null when they agree or the name names no one area.
 */
function namedElse(
  index: AreaIndex,
  area: Area,
  name: string,
): { en: string; th: string; named: { en: string; th: string } } | null {
  if (area.level !== 'district' && area.level !== 'tambon') return null;
  const tambon = area.level === 'tambon';
  if (tambon ? DISTRICT_NAME.test(name) : TAMBON_NAME.test(name)) return null;
  const r = tambon ? resolveTambon(index, name, null) : resolveDistrict(index, name);
  if (!r.ok || r.value === area.code) return null;
  const nameOf = (code: string): string => (tambon ? index.tambons.get(code)?.nameTh : index.districts.get(code)?.nameTh) ?? code;
  const [en, th] = tambon ? ['tambon', 'ตำบล'] : ['district', 'อำเภอ'];
  return {
    en: `the code ${area.code} is ${en} ${nameOf(area.code)}`,
    th: `รหัส ${area.code} คือ${th}${nameOf(area.code)}`,
    named: { en: `${en} ${nameOf(r.value)} (${r.value})`, th: `${th}${nameOf(r.value)} (${r.value})` },
  };
}

/** A part of a tambon named after it: "(เขตเทศบาล)", "(นอกเขตเทศบาล)", " ในเขตเทศบาล", "(เขตเทศบาลเมืองสระบุรี)". */
const PART_WORDS = /\s*[([]?\s*((?:ใน|นอก)?เขต\s*(?:เทศบาล|อบต\.?|องค์การบริหารส่วนตำบล)[^()[\]]*?)\s*[)\]]?\s*$/u;
/** …or by its local government in brackets: "ปากเพรียว (ทม.สระบุรี)", "ตะกุด (อบต.ตะกุด)". */
const PART_LOCAL = /\s*[([]\s*((?:ทน\.|ทม\.|ทต\.|อบต\.|เทศบาล|องค์การบริหารส่วนตำบล)[^()[\]]*?)\s*[)\]]\s*$/u;

/** The longest name read for a tambon's part (characters). */
const MAX_PART_NAME = 200;

/**
 * A tambon's part as a row names it: the tambon's name and the part ("ปากเพรียว (เขตเทศบาล)" → ปากเพรียว, เขตเทศบาล);
 * null when the name names no part.
 * @example tambonPart('ปากเพรียว (นอกเขตเทศบาล)') // { name: 'ปากเพรียว', part: 'นอกเขตเทศบาล' }
 */
export function tambonPart(name: string): { name: string; part: string } | null {
  // A tambon's name and its part are short; a long cell is no such name (and the search is bounded by its length).
  if (name.length > MAX_PART_NAME) return null;
  const m = PART_WORDS.exec(name) ?? PART_LOCAL.exec(name);
  if (!m || m.index === 0) return null;
  return { name: name.slice(0, m.index).trim(), part: m[1]!.replace(/\s+/gu, ' ').trim() };
}

/** Why a local government's row is no district's or tambon's. */
function localRefusal(name: string): Refusal {
  return {
    code: 'BAD_FIELD',
    en: `'${shown(name, 40)}' is a local government's row (a municipality, a tambon administrative organisation or its house registration office), whose area is no district or tambon: its population is not a tambon's; import DOPA's table by area (ท้องที่: districts and tambons) instead`,
    th: `'${shown(name, 40)}' เป็นแถวขององค์กรปกครองส่วนท้องถิ่น (เทศบาล อบต. หรือสำนักทะเบียนท้องถิ่น) ซึ่งพื้นที่ไม่ใช่อำเภอหรือตำบล จำนวนประชากรจึงไม่ใช่ของตำบล กรุณานำเข้าตารางของกรมการปกครองแบบรายท้องที่ (อำเภอและตำบล) แทน`,
  };
}

/** Why a refused name is refused, as a problem code: a name in several districts, or an unknown one. */
function nameCode(r: { th: string }): ProblemCode {
  return /หลายอำเภอ/u.test(r.th) ? 'AMBIGUOUS_AREA' : 'UNKNOWN_AREA';
}

/**
 * The figures of a sheet's rows (see the module comment). File-level problems (line 0) when the mapping has no area
 * column or no population column; the rows are then not read.
 * @example populationsFromRows([{ row: 2, cells: { tambon: 'ต.ปากเพรียว', total: '12,345' } }], ctx).figures
 * // [{ level: 'tambon', code: '190101', population: 12345, row: 2 }]
 */
export function populationsFromRows(rows: readonly MappedRow[], ctx: PopulationRowsContext): PopulationRows {
  const out: PopulationRows = {
    figures: [],
    problems: [],
    province: 0,
    otherProvinces: 0,
    summed: 0,
    partsSummed: 0,
    partsAlone: [],
  };
  const { mapping, areas } = ctx;
  const label = (key: string): string => {
    const col = mapping[key];
    const given = col === undefined ? undefined : ctx.labels[col];
    return given && given !== '' ? given : (POPULATION_TARGET.fields.find((f) => f.key === key)?.th ?? key);
  };
  const sheet = ctx.sheet === undefined ? { en: '', th: '' } : { en: `sheet '${ctx.sheet}', `, th: `แผ่นงาน '${ctx.sheet}' ` };
  const add = (row: number, key: string | undefined, code: ProblemCode, area: string | null, why: { en: string; th: string }) => {
    const of = area === null ? '' : ` (${area})`;
    const col = key === undefined ? { en: '', th: '' } : { en: `, column '${label(key)}'`, th: ` คอลัมน์ '${label(key)}'` };
    out.problems.push(
      problem(
        row,
        key === undefined ? undefined : label(key),
        code,
        `${sheet.en}row ${row}${of}${col.en}: ${why.en}`,
        `${sheet.th}แถวที่ ${row}${of}${col.th}: ${why.th}`,
      ),
    );
  };
  const hasTotal = 'total' in mapping;
  const hasBoth = 'male' in mapping && 'female' in mapping;
  if (!('code' in mapping) && !('tambon' in mapping) && !('district' in mapping)) {
    // A table by local government ("ท้องถิ่น", "อปท."): say why its column is not the areas'.
    const local = ctx.labels.find((l) => /ท้องถิ่น|อปท|เทศบาล|อบต/u.test(l.replace(/[\s.]/gu, '')));
    const why =
      local === undefined
        ? { en: '', th: '' }
        : {
            en: `; column '${shown(local, 40)}' names local governments, whose areas are no districts or tambons: import DOPA's table by area (ท้องที่: districts and tambons) instead`,
            th: ` คอลัมน์ '${shown(local, 40)}' เป็นองค์กรปกครองส่วนท้องถิ่น ซึ่งพื้นที่ไม่ใช่อำเภอหรือตำบล กรุณานำเข้าตารางของกรมการปกครองแบบรายท้องที่ (อำเภอและตำบล) แทน`,
          };
    out.problems.push(
      problem(
        0,
        ctx.sheet,
        'MISSING_COLUMN',
        `${sheet.en}no column names the areas: an area code (รหัสพื้นที่), a tambon (ตำบล, ท้องที่) or a district (อำเภอ)${why.en}`,
        `${sheet.th}ไม่มีคอลัมน์ที่ระบุพื้นที่: รหัสพื้นที่ ตำบล (ท้องที่) หรืออำเภอ${why.th}`,
      ),
    );
  }
  if (!hasTotal && !hasBoth) {
    const houses =
      'houses' in mapping
        ? {
            en: `; column '${label('houses')}' counts houses, not people`,
            th: ` คอลัมน์ '${label('houses')}' เป็นจำนวนบ้าน ไม่ใช่จำนวนประชากร`,
          }
        : { en: '', th: '' };
    out.problems.push(
      problem(
        0,
        ctx.sheet,
        'MISSING_COLUMN',
        `${sheet.en}no population column: a total (รวม, ประชากรรวม, จำนวนประชากร, population) or both men (ชาย) and women (หญิง)${houses.en}`,
        `${sheet.th}ไม่มีคอลัมน์จำนวนประชากร: ยอดรวม (รวม ประชากรรวม จำนวนประชากร) หรือทั้งชายและหญิง${houses.th}`,
      ),
    );
  }
  if (out.problems.length > 0) return out;

  const seen = new Map<string, PopulationFigure>();
  // A tambon's parts by its code, in the order given, summed after the last row (see tambonPart).
  const parts = new Map<string, { part: string; population: number; row: number }[]>();
  // The district in force for tambons named without theirs: from the district cell (its column or a heading above),
  // until a district's own row comes after it.
  let districtText: string | null = null;
  let district: Parsed<string> | null = null;
  const districtCol = mapping['district'];
  for (const { row, cells } of rows) {
    const text = (key: string): string | null => cellText(cells[key] ?? null);
    const d = text('district');
    if (d !== districtText) {
      districtText = d;
      district = d === null ? null : resolveDistrict(areas, d);
    }
    // Which area the row is for, and the column that said so.
    let area: Area;
    let from = 'code';
    const code = text('code');
    const name = text('tambon');
    const ownDistrict = districtCol === undefined ? null : cellText(ctx.cellsOf(row)[districtCol] ?? null);
    if (name !== null && isLocalGovernment(name)) {
      // A municipality's or its registration office's row, whatever code it carries ("ทต.หนองแค" is no tambon).
      add(row, 'tambon', 'BAD_FIELD', null, localRefusal(name));
      continue;
    }
    let part: { name: string; part: string } | null = null;
    if (code !== null) {
      const r = areaOfCode(areas, code);
      if (!r.ok) {
        add(row, 'code', r.code, null, r);
        continue;
      }
      area = r.value;
      const other = name === null ? null : namedElse(areas, area, name);
      if (other) {
        add(row, 'code', 'BAD_FIELD', null, {
          en: `${other.en}, but column '${label('tambon')}' names ${other.named.en}: a row shifted, or a code or a name typed wrong`,
          th: `${other.th} แต่คอลัมน์ '${label('tambon')}' ระบุ${other.named.th} แถวอาจเลื่อน หรือพิมพ์รหัสหรือชื่อผิด`,
        });
        continue;
      }
    } else if (name !== null) {
      from = 'tambon';
      const p = resolveProvince(areas, name);
      if (p.ok || PROVINCE_NAME.test(name)) {
        // This province's own row ("จังหวัดสระบุรี"), or another province's, refused.
        if (!p.ok) {
          add(row, from, 'UNKNOWN_AREA', null, p);
          continue;
        }
        area = { level: 'province' };
      } else if (villageHeading(name) !== null) {
        add(row, from, 'BAD_FIELD', null, {
          en: `'${shown(name, 40)}' is a village's row: only districts and tambons are imported; leave the villages' rows out`,
          th: `'${shown(name, 40)}' เป็นแถวของหมู่บ้าน ระบบนำเข้าเฉพาะอำเภอและตำบล กรุณานำแถวของหมู่บ้านออก`,
        });
        continue;
      } else if (DISTRICT_NAME.test(name)) {
        const r = resolveDistrict(areas, name);
        if (!r.ok) {
          add(row, from, 'UNKNOWN_AREA', null, r);
          continue;
        }
        area = { level: 'district', code: r.value };
      } else {
        if (district !== null && !district.ok) {
          add(row, 'district', 'UNKNOWN_AREA', null, district);
          continue;
        }
        const within = district?.ok ? district.value : null;
        part = tambonPart(name);
        const t = resolveTambon(areas, part?.name ?? name, within);
        // A district's name without อำเภอ in the areas' column ("เมืองสระบุรี"), where no tambon (of the district in
        // force) has that name: the district's own row.
        const asDistrict = t.ok || part !== null || TAMBON_NAME.test(name) ? null : resolveDistrict(areas, name);
        if (t.ok) area = { level: 'tambon', code: t.value };
        else if (asDistrict?.ok) {
          area = { level: 'district', code: asDistrict.value };
        } else {
          add(row, from, nameCode(t), null, t);
          continue;
        }
      }
    } else if (ownDistrict !== null) {
      from = 'district';
      if (isLocalGovernment(ownDistrict)) {
        add(row, from, 'BAD_FIELD', null, localRefusal(ownDistrict));
        continue;
      }
      const r = resolveDistrict(areas, ownDistrict);
      if (!r.ok) {
        add(row, from, 'UNKNOWN_AREA', null, r);
        continue;
      }
      area = { level: 'district', code: r.value };
    } else {
      add(row, undefined, 'REQUIRED', null, {
        en: 'the row names no area (no area code, tambon or district)',
        th: 'แถวนี้ไม่ได้ระบุพื้นที่ (ไม่มีรหัสพื้นที่ ตำบล หรืออำเภอ)',
      });
      continue;
    }
    if (area.level === 'province') {
      out.province++;
      continue;
    }
    if (area.level === 'other') {
      out.otherProvinces++;
      continue;
    }
    // The tambons named after a district's own row (by its name) are that district's.
    if (area.level === 'district' && from === 'tambon') district = { ok: true, value: area.code };
    const population = figureOf(row, area.code, cells, hasTotal, hasBoth, add);
    if (population === null) continue;
    if (!hasTotal) out.summed++;
    if (part !== null && area.level === 'tambon') {
      const list = parts.get(area.code) ?? [];
      list.push({ part: part.part, population, row });
      parts.set(area.code, list);
      continue;
    }
    const before = seen.get(area.code);
    if (before) {
      if (before.population !== population) {
        const what = area.level === 'district' ? { en: 'district', th: 'อำเภอ' } : { en: 'tambon', th: 'ตำบล' };
        add(row, hasTotal ? 'total' : undefined, 'DUPLICATE_ID', area.code, {
          en: `the ${what.en} is given twice with different figures: row ${before.row} (${formatCount(before.population)}) and row ${row} (${formatCount(population)}); keep the right one`,
          th: `${what.th}นี้มีสองแถวที่ตัวเลขต่างกัน: แถวที่ ${before.row} (${formatCount(before.population)}) และแถวที่ ${row} (${formatCount(population)}) กรุณาเหลือไว้แถวที่ถูกต้อง`,
        });
      }
      continue;
    }
    const figure = { level: area.level, code: area.code, population, row };
    seen.set(area.code, figure);
    out.figures.push(figure);
  }
  for (const [code, given] of parts) addParts(out, code, given, seen.get(code), areas, add);
  return out;
}

/**
 * A tambon's parts ("ปากเพรียว (เขตเทศบาล)" and "ปากเพรียว (นอกเขตเทศบาล)") as its figure: their sum. Beside a row for
 * the whole tambon they are its breakdown, and must add up to it; the same part twice with different figures is
 * refused. A tambon given by one part only is read as the whole (a tambon all within a municipality may be written
 * so) and named in the report.
 */
function addParts(
  out: PopulationRows,
  code: string,
  given: readonly { part: string; population: number; row: number }[],
  whole: PopulationFigure | undefined,
  areas: AreaIndex,
  add: (row: number, key: string | undefined, code: ProblemCode, area: string | null, why: { en: string; th: string }) => void,
): void {
  const byPart = new Map<string, { population: number; row: number }>();
  let bad = false;
  for (const g of given) {
    const before = byPart.get(g.part);
    if (!before) byPart.set(g.part, g);
    else if (before.population !== g.population) {
      bad = true;
      add(g.row, 'tambon', 'DUPLICATE_ID', code, {
        en: `the part '${g.part}' of the tambon is given twice with different figures: row ${before.row} (${formatCount(before.population)}) and row ${g.row} (${formatCount(g.population)}); keep the right one`,
        th: `ส่วน '${g.part}' ของตำบลนี้มีสองแถวที่ตัวเลขต่างกัน: แถวที่ ${before.row} (${formatCount(before.population)}) และแถวที่ ${g.row} (${formatCount(g.population)}) กรุณาเหลือไว้แถวที่ถูกต้อง`,
      });
    }
  }
  if (bad) return;
  const first = given[0]!;
  const sum = [...byPart.values()].reduce((s, g) => s + g.population, 0);
  const listed = [...byPart.entries()].map(([part, g]) => `${part} ${formatCount(g.population)}`).join(' + ');
  if (whole) {
    if (whole.population !== sum) {
      add(first.row, 'tambon', 'BAD_COUNT', code, {
        en: `the tambon's parts (${listed} = ${formatCount(sum)}) do not add up to its row ${whole.row} (${formatCount(whole.population)})`,
        th: `ผลรวมของส่วนต่าง ๆ ของตำบล (${listed} = ${formatCount(sum)}) ไม่เท่ากับแถวที่ ${whole.row} ของตำบล (${formatCount(whole.population)})`,
      });
    }
    return;
  }
  out.figures.push({ level: 'tambon', code, population: sum, row: first.row });
  if (byPart.size > 1) out.partsSummed++;
  else out.partsAlone.push(`${areas.tambons.get(code)?.nameTh ?? code} (${first.part})`);
}

/**
 * A row's population: its total, checked against men plus women when the row gives them; or men plus women when the
 * sheet has no total. Null (a problem added) when a figure is missing or no whole number.
 */
function figureOf(
  row: number,
  area: string,
  cells: Readonly<Record<string, Cell>>,
  hasTotal: boolean,
  hasBoth: boolean,
  add: (row: number, key: string | undefined, code: ProblemCode, area: string | null, why: { en: string; th: string }) => void,
): number | null {
  const read = (key: string): number | null => {
    const cell = cells[key] ?? null;
    if (cellText(cell) === null) {
      const written = cell === null ? '' : String(cell).trim();
      add(
        row,
        key,
        'REQUIRED',
        area,
        written === ''
          ? { en: 'the population is empty', th: 'ไม่ได้กรอกจำนวนประชากร' }
          : {
              en: `the population is '${shown(written, 20)}' (none): give the figure, or leave the row out`,
              th: `จำนวนประชากรเป็น '${shown(written, 20)}' (ไม่มีข้อมูล) กรุณากรอกตัวเลข หรือนำแถวนี้ออก`,
            },
      );
      return null;
    }
    const r = parseCount(cell);
    if (!r.ok) {
      add(row, key, 'BAD_COUNT', area, r);
      return null;
    }
    return r.value;
  };
  if (!hasTotal) {
    const men = read('male');
    const women = read('female');
    return men === null || women === null ? null : men + women;
  }
  const total = read('total');
  if (total === null || !hasBoth) return total;
  // Men and women beside the total: they must add up to it (a figure typed wrong, or a row shifted).
  const men = parseCount(cells['male'] ?? null);
  const women = parseCount(cells['female'] ?? null);
  if (men.ok && women.ok && men.value + women.value !== total) {
    add(row, 'total', 'BAD_COUNT', area, {
      en: `the total ${formatCount(total)} is not men ${formatCount(men.value)} + women ${formatCount(women.value)} (${formatCount(men.value + women.value)})`,
      th: `ยอดรวม ${formatCount(total)} ไม่เท่ากับชาย ${formatCount(men.value)} + หญิง ${formatCount(women.value)} (${formatCount(men.value + women.value)})`,
    });
    return null;
  }
  return total;
}

/** A figure of a file with the sheet it is on and, when the file has several parts, the part (said as its column). */
export type FigureInFile = PopulationFigure & Readonly<{ sheet?: string; part?: string }>;

export type DistrictSums = {
  problems: InputProblem[];
  /** Districts whose figure the file gives with some of their tambons only, said once for the report. */
  notes: { en: string; th: string }[];
};

/**
 * A district's own figure against its tambons' figures in the same file. Every tambon the areas know for the
 * district given: their sum must be the district's figure. Some of them given: their sum must not be more than it (a
 * part is never more than the whole), and the report says which districts were given in part. A district given
 * without its figure (a heading row) or without tambons is not checked, nor one whose figure or tambon the file gives
 * twice with different figures (that is its own problem).
 *
 * The whole file, not each sheet: the import writes a file's figures as one table (all or nothing, and an area given
 * twice in two sheets with different figures is refused), so a workbook with its districts on one sheet and their
 * tambons on another would store the same contradiction as one sheet holding both.
 *
 * DOPA's tables by area count each tambon's whole registered population, its municipal part included, so a
 * district's figure is its tambons' sum when both are of one date. A row for what is no tambon (a municipality or a
 * tambon administrative organisation, "เทศบาลตำบลตะกุด", "ทต.หนองแค", whose names may hold a tambon's; a registration
 * office; the central house register; "ในเขตเทศบาล" alone; a village) names no area and is refused before this check,
 * so no such row can make a district's figure legitimately more than its tambons'. A tambon given in parts named after
 * it ("ปากเพรียว (เขตเทศบาล)", "ปากเพรียว (นอกเขตเทศบาล)") comes here as their sum (addParts); one given by a single part
 * is read as the whole tambon (and said), which the district's figure shows when every tambon is given, and the file is
 * refused as any other difference is (a figure typed wrong, or the district's and the tambons' figures taken at
 * different dates), each of which would leave the database with a district that is not its tambons. The figures compared are those stored: a total, or men and women
 * added where the table gives no total.
 * @example districtSums([{ level: 'district', code: '1902', population: 100, row: 2 }, { level: 'tambon', code: '190201', population: 120, row: 3 }], index).problems[0].en
 * // "row 2 (1902): the population 100 of district แก่งคอย is less than the sum of 1 of its 3 tambons given (120): a figure
 * // typed wrong, or the district's and the tambons' figures of different dates" (where แก่งคอย has 3 tambons)
 */
export function districtSums(figures: readonly FigureInFile[], areas: AreaIndex): DistrictSums {
  const out: DistrictSums = { problems: [], notes: [] };
  const byCode = new Map<string, FigureInFile>();
  const twice = new Set<string>();
  for (const f of figures) {
    const before = byCode.get(f.code);
    if (!before) byCode.set(f.code, f);
    else if (before.population !== f.population) twice.add(f.code);
  }
  const tambonsOf = new Map<string, string[]>();
  for (const t of areas.tambons.values()) {
    const list = tambonsOf.get(t.districtCode);
    if (list) list.push(t.code);
    else tambonsOf.set(t.districtCode, [t.code]);
  }
  const partial: { en: string; th: string }[] = [];
  for (const d of byCode.values()) {
    if (d.level !== 'district' || twice.has(d.code)) continue;
    const all = tambonsOf.get(d.code) ?? [];
    const given = all.filter((code) => byCode.has(code));
    if (given.length === 0 || given.some((code) => twice.has(code))) continue;
    const sum = given.reduce((s, code) => s + byCode.get(code)!.population, 0);
    const name = areas.districts.get(d.code)?.nameTh ?? d.code;
    const place = d.sheet === undefined ? { en: '', th: '' } : { en: `sheet '${d.sheet}', `, th: `แผ่นงาน '${d.sheet}' ` };
    const why = {
      en: "a figure typed wrong, or the district's and the tambons' figures of different dates",
      th: 'อาจพิมพ์ตัวเลขผิด หรือตัวเลขของอำเภอกับของตำบลเป็นข้อมูลต่างวันที่กัน',
    };
    const refuse = (en: string, th: string): void => {
      out.problems.push(
        problem(
          d.row,
          d.part,
          'BAD_COUNT',
          `${place.en}row ${d.row} (${d.code}): ${en}: ${why.en}`,
          `${place.th}แถวที่ ${d.row} (${d.code}): ${th} ${why.th}`,
        ),
      );
    };
    if (given.length === all.length) {
      if (sum !== d.population) {
        refuse(
          `the population ${formatCount(d.population)} of district ${name} is not the sum of its ${all.length} tambons (${formatCount(sum)})`,
          `จำนวนประชากร ${formatCount(d.population)} ของอำเภอ${name} ไม่เท่ากับผลรวมของตำบลทั้ง ${all.length} ตำบล (${formatCount(sum)})`,
        );
      }
    } else if (sum > d.population) {
      refuse(
        `the population ${formatCount(d.population)} of district ${name} is less than the sum of ${given.length} of its ${all.length} tambons given (${formatCount(sum)})`,
        `จำนวนประชากร ${formatCount(d.population)} ของอำเภอ${name} น้อยกว่าผลรวมของตำบลที่ให้มา ${given.length} จาก ${all.length} ตำบล (${formatCount(sum)})`,
      );
    } else {
      partial.push({
        en: `${name} (${given.length} of ${all.length})`,
        th: `อำเภอ${name} (${given.length} จาก ${all.length} ตำบล)`,
      });
    }
  }
  if (partial.length > 0) {
    out.notes.push({
      en: `the file gives some tambons only of district(s) ${partial.map((p) => p.en).join(', ')}: their sum is within the district's figure; the tambons not given keep the figures they had`,
      th: `ไฟล์ให้ตัวเลขเพียงบางตำบลของ${partial.map((p) => p.th).join(' ')} ผลรวมไม่เกินตัวเลขของอำเภอ ตำบลที่ไม่ได้ให้มาคงใช้ตัวเลขเดิม`,
    });
  }
  return out;
}
