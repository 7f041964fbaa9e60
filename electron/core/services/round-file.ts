/**
 * The round-setup file (`round-import` / `round-export`): one JSON object describing a round, its development issues
 * and optionally its criteria (with an AHP comparison) and committee. Importing creates the round of that fiscal year
 * or updates it, all in one transaction; a file with any problem changes nothing.
 */
import type Database from 'better-sqlite3';
import type { InputProblem } from '../../../shared/api/errors';
import { AppError } from '../../../shared/api/errors';
import { setupFileSchema, SOURCE_DIRECTION, type SetupFile } from '../../../shared/api/rounds';
import { duplicateJsonName, notJsonReason } from '../../../shared/domain/import/json-syntax';
import { zodIssueTh } from '../../../shared/domain/import/problems';
import { parseBaht } from '../../../shared/domain/money';
import { nameKey } from '../../../shared/domain/names';
import {
  createMember,
  createRound,
  listRounds,
  roundDetail,
  setCriteria,
  setDevelopmentIssues,
  setRoundCeiling,
  updateMember,
  updateRound,
} from './round-setup';

type Sqlite = Database.Database;

export type ImportSummary = Readonly<{
  round_id: number;
  fiscal_year: number;
  created: boolean;
  development_issues: number;
  criteria: number | null;
  members: number | null;
  deactivated_members: number;
  /** False when the round already was what the file describes: nothing was written or recorded. */
  changed: boolean;
}>;

/**
 * What a round is, as a setup file sets it (its name, levels, ceiling, issues, criteria with their weights and AHP
 * comparison, members active or not), without the ids the setters renumber: equal before and after an import when the
 * file changed nothing.
 */
function roundState(sqlite: Sqlite, roundId: number): string {
  const d = roundDetail(sqlite, roundId);
  return JSON.stringify([
    d.name,
    d.levels,
    d.ceiling,
    d.developmentIssues.map(({ id: _id, ...i }) => i),
    d.criteria.map(({ id: _id, ...c }) => c),
    d.ahp,
    [...d.members, ...d.inactiveMembers],
  ]);
}

/** Thrown inside an import's transaction to roll it back when the file changed nothing. */
class Unchanged extends Error {}

/** The value at a validation problem's path in the parsed file. */
function valueAt(json: unknown, path: readonly PropertyKey[]): unknown {
  let v = json;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

/**
 * The slips of a hand-typed file that the validator's words leave a person to guess, said with the value to write: a
 * fiscal year typed in the Christian era (2028 for 2571), a ceiling written as a number or with commas and units.
 */
function typedSlip(path: readonly PropertyKey[], json: unknown): { en: string; th: string } | null {
  if (path.length !== 1) return null;
  const v = valueAt(json, path);
  if (path[0] === 'fiscal_year' && typeof v === 'number' && Number.isInteger(v) && v >= 1900 && v <= 2157) {
    return {
      en: `${v} is a Christian-era year: the fiscal year is written in the Buddhist era, ${v + 543}`,
      th: `${v} เป็นปี ค.ศ. ปีงบประมาณต้องเป็นปี พ.ศ. คือ ${v + 543}`,
    };
  }
  if (path[0] === 'ceiling' && (typeof v === 'number' || typeof v === 'string')) {
    const amount = parseBaht(v);
    if (!amount.ok) return { en: `${amount.en}: write baht as "250000000.00"`, th: `${amount.th} กรุณาเขียนเป็น "250000000.00"` };
    const shown = JSON.stringify(v).slice(0, 40);
    const written = JSON.stringify(bahtText(amount.satang));
    if (!/^"\d{1,13}\./u.test(written)) {
      return {
        en: `${shown} is more than a ceiling can be (13 digits of baht at most)`,
        th: `${shown} มากเกินกว่าที่เพดานงบประมาณจะเป็นได้ (ไม่เกิน 13 หลักของบาท)`,
      };
    }
    return {
      en: `write ${shown} as ${written}: baht as text in quotes, two decimals or none, without commas or units`,
      th: `กรุณาเขียน ${shown} เป็น ${written}: จำนวนเงินบาทเป็นข้อความในเครื่องหมายคำพูด ทศนิยมสองตำแหน่งหรือไม่มี ไม่มีจุลภาคหรือหน่วย`,
    };
  }
  return null;
}

/** A setup file's problems, each at its place, as one refusal that names the first. */
function setupRefusal(problems: readonly InputProblem[]): AppError {
  const first = problems[0]!;
  return new AppError(
    'IMPORT_REJECTED',
    `the round-setup file has ${problems.length} problem(s); first at ${first.column}: ${first.en}`,
    `ไฟล์ตั้งค่ารอบมีปัญหา ${problems.length} รายการ รายการแรกที่ ${first.column}: ${first.th}`,
    problems,
  );
}

/** Parses and validates the file's text; every problem names its place (`development_issues[1].no`). */
export function parseSetupFile(text: string): SetupFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    const why = notJsonReason(text, e);
    throw new AppError('IMPORT_REJECTED', `the file is not valid JSON: ${why.en}`, `ไฟล์ไม่ใช่ JSON ที่ถูกต้อง: ${why.th}`);
  }
  // A field given twice (copied and changed in one place only): JSON.parse would keep the last without a word.
  const twice = duplicateJsonName(text);
  if (twice) {
    throw new AppError(
      'IMPORT_REJECTED',
      `the file gives "${twice.name}" twice in one object (line ${twice.line}, column ${twice.column}): keep one`,
      `ไฟล์ระบุ "${twice.name}" ซ้ำสองครั้งในวัตถุเดียวกัน (บรรทัด ${twice.line} คอลัมน์ ${twice.column}) กรุณาเหลือไว้ค่าเดียว`,
      [{ line: twice.line, column: twice.name, en: `"${twice.name}" given twice`, th: `"${twice.name}" ซ้ำ` }],
    );
  }
  const parsed = setupFileSchema.safeParse(json);
  if (parsed.success) {
    checkWeights(parsed.data);
    return parsed.data;
  }
  const problems: InputProblem[] = parsed.error.issues.slice(0, 50).map((issue) => {
    const column = issue.path.length
      ? issue.path
          .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
          .join('')
          .replace(/^\./u, '')
      : '(file)';
    const typed = typedSlip(issue.path, json);
    return { line: 0, column, code: issue.code, en: typed?.en ?? issue.message, th: typed?.th ?? zodIssueTh(issue) };
  });
  throw setupRefusal(problems);
}

/**
 * Criteria weighed by their `weight`s (no `ahp`) must each have one: a criterion left without was stored with weight 0
 * (scored by the members but counting for nothing), without a word.
 */
function checkWeights(file: SetupFile): void {
  if (!file.criteria || file.ahp) return;
  const missing = file.criteria.flatMap((c, k) => (c.weight === undefined ? [k] : []));
  if (missing.length === 0) return;
  const none = missing.length === file.criteria.length;
  const problems: InputProblem[] = missing.map((k) => ({
    line: 0,
    column: `criteria[${k}].weight`,
    code: 'REQUIRED',
    en: none
      ? 'no criterion has a weight: give each criterion its "weight" (they are normalised to sum 1), or compare them in pairs in "ahp"'
      : `criterion "${file.criteria![k]!.code}" has no weight: give every criterion its "weight" (0 for one that counts for nothing), or compare them in pairs in "ahp"`,
    th: none
      ? 'ไม่มีเกณฑ์ใดระบุน้ำหนัก: กรุณาใส่ "weight" ของทุกเกณฑ์ (ระบบปรับให้รวมกันเป็น 1) หรือเปรียบเทียบเป็นคู่ใน "ahp"'
      : `เกณฑ์ "${file.criteria![k]!.code}" ไม่ได้ระบุน้ำหนัก: กรุณาใส่ "weight" ของทุกเกณฑ์ (ใส่ 0 สำหรับเกณฑ์ที่ไม่นับ) หรือเปรียบเทียบเป็นคู่ใน "ahp"`,
  }));
  throw setupRefusal(problems);
}

/** The round a file's fiscal year names: the one real (non-demo) round of that year, if any. */
function findRound(sqlite: Sqlite, fiscalYear: number): number | null {
  const rounds = listRounds(sqlite).filter((r) => r.fiscalYear === fiscalYear && !r.demo);
  if (rounds.length > 1) {
    throw new AppError(
      'IMPORT_REJECTED',
      `${rounds.length} rounds have fiscal year ${fiscalYear}; the file cannot say which one to update`,
      `มี ${rounds.length} รอบที่เป็นปีงบประมาณ ${fiscalYear} จึงไม่ทราบว่าจะปรับปรุงรอบใด`,
    );
  }
  return rounds[0]?.id ?? null;
}

/** Creates or updates the round the file describes; all or nothing. */
export function importSetup(sqlite: Sqlite, actor: string, file: SetupFile): ImportSummary {
  const ceiling = parseBaht(file.ceiling);
  if (!ceiling.ok) throw new AppError('IMPORT_REJECTED', `ceiling: ${ceiling.en}`, `ceiling (วงเงิน): ${ceiling.th}`);
  let summary: ImportSummary | null = null;
  try {
    return sqlite.transaction((): ImportSummary => {
      summary = writeSetup(sqlite, actor, file, ceiling.satang);
      // The same file imported again: rolled back, so its events (the name, the issues, the members "updated") are
      // not recorded as changes in the audit trail.
      if (!summary.changed) throw new Unchanged();
      return summary;
    })();
  } catch (e) {
    if (e instanceof Unchanged && summary) return summary;
    throw e;
  }
}

/** {@link importSetup}'s writes, inside its transaction. */
function writeSetup(sqlite: Sqlite, actor: string, file: SetupFile, ceiling: number): ImportSummary {
  const existing = findRound(sqlite, file.fiscal_year);
  const roundId =
    existing ??
    createRound(sqlite, actor, {
      fiscalYear: file.fiscal_year,
      name: file.name,
      ceiling,
      levels: file.levels ?? ['province', 'agency', 'local'],
    });
  const before = existing === null ? null : roundState(sqlite, roundId);
  if (existing !== null) {
    updateRound(sqlite, actor, roundId, { name: file.name, levels: file.levels });
    // Recorded as the screen records it (a file that keeps the ceiling records no ceiling change).
    if (roundDetail(sqlite, roundId).ceiling !== ceiling) setRoundCeiling(sqlite, actor, roundId, ceiling);
  }
  setDevelopmentIssues(
    sqlite,
    actor,
    roundId,
    file.development_issues.map((i) => ({
      no: i.no,
      titleTh: i.title,
      titleEn: i.title_en ?? '',
      approaches: i.approaches ?? [],
      nationalStrategy: i.national_strategy ?? null,
      masterPlans: i.master_plans ?? [],
    })),
  );
  if (file.criteria) {
    const criteria = file.criteria.map((c) => {
      const kind = c.kind ?? (c.source ? 'computed' : 'member');
      const source = c.source ?? null;
      return {
        code: c.code,
        nameTh: c.name_th,
        nameEn: c.name_en ?? '',
        kind,
        source,
        direction: c.direction ?? (source ? SOURCE_DIRECTION[source] : 'benefit'),
        scaleMin: c.scale_min ?? (kind === 'member' ? 1 : 0),
        scaleMax: c.scale_max ?? (kind === 'member' ? 5 : 1),
        weight: c.weight ?? 0,
      } as const;
    });
    setCriteria(sqlite, actor, roundId, criteria, file.ahp ?? null);
  } else if (file.ahp) {
    throw new AppError(
      'IMPORT_REJECTED',
      'ahp: a comparison needs the criteria it compares',
      'ahp: การเปรียบเทียบเป็นคู่ต้องมีรายการเกณฑ์ (criteria)',
    );
  }
  let deactivated = 0;
  if (file.members) {
    // Names are compared in one spelling (the schema has dropped invisible characters and doubled spaces; a member
    // stored before that is still found), so a name written another way is never a second member.
    const names = new Set<string>();
    file.members.forEach((m, k) => {
      if (names.has(nameKey(m.name))) {
        throw new AppError('IMPORT_REJECTED', `members[${k}]: "${m.name}" is listed twice`, `members[${k}]: "${m.name}" ซ้ำกัน`);
      }
      names.add(nameKey(m.name));
    });
    const current = [...roundDetail(sqlite, roundId).members, ...roundDetail(sqlite, roundId).inactiveMembers];
    for (const m of file.members) {
      const fields = {
        name: m.name,
        titleTh: m.position ?? '',
        titleEn: m.position_en ?? '',
        agency: m.agency ?? '',
        role: m.role ?? 'member',
      } as const;
      const found = current.find((c) => nameKey(c.name) === nameKey(m.name));
      if (found) updateMember(sqlite, actor, found.id, { ...fields, active: m.active ?? true });
      else {
        const created = createMember(sqlite, actor, roundId, fields);
        if (m.active === false) updateMember(sqlite, actor, created.id, { active: false });
      }
    }
    // The file lists the committee: members it no longer lists are deactivated (kept with their scores).
    for (const c of current) {
      if (!names.has(nameKey(c.name)) && c.active) {
        updateMember(sqlite, actor, c.id, { active: false });
        deactivated++;
      }
    }
  }
  return {
    round_id: roundId,
    fiscal_year: file.fiscal_year,
    created: existing === null,
    development_issues: file.development_issues.length,
    criteria: file.criteria?.length ?? null,
    members: file.members?.length ?? null,
    deactivated_members: deactivated,
    changed: before === null || roundState(sqlite, roundId) !== before,
  };
}

function bahtText(satang: number): string {
  return `${Math.floor(satang / 100)}.${String(satang % 100).padStart(2, '0')}`;
}

/** The round of `fiscalYear` (a real round before the demo), or the current round; as a setup file. */
export function exportSetup(sqlite: Sqlite, fiscalYear?: number): SetupFile {
  const rounds = listRounds(sqlite);
  const round = fiscalYear === undefined ? rounds[0] : rounds.find((r) => r.fiscalYear === fiscalYear);
  if (!round) {
    throw new AppError(
      'NOT_FOUND',
      fiscalYear === undefined ? 'the database has no round' : `no round has fiscal year ${fiscalYear}`,
      fiscalYear === undefined ? 'ฐานข้อมูลยังไม่มีรอบการพิจารณา' : `ไม่พบรอบของปีงบประมาณ ${fiscalYear}`,
    );
  }
  const d = roundDetail(sqlite, round.id);
  const ahpMatches = d.ahp !== null && d.ahp.codes.join('\n') === d.criteria.map((c) => c.code).join('\n');
  return {
    fiscal_year: d.fiscalYear,
    name: d.name,
    ceiling: bahtText(d.ceiling),
    levels: [...d.levels],
    development_issues: d.developmentIssues.map((i) => ({
      no: i.no,
      title: i.titleTh,
      title_en: i.titleEn,
      approaches: [...i.approaches],
      national_strategy: i.nationalStrategy,
      master_plans: [...i.masterPlans],
    })),
    ...(d.criteria.length === 0
      ? {}
      : {
          criteria: d.criteria.map((c) => ({
            code: c.code,
            name_th: c.nameTh,
            name_en: c.nameEn,
            kind: c.kind,
            source: c.source,
            direction: c.direction,
            scale_min: c.scaleMin,
            scale_max: c.scaleMax,
            weight: c.weight,
          })),
        }),
    ...(ahpMatches && d.ahp ? { ahp: { upper: [...d.ahp.upper] } } : {}),
    members: [...d.members, ...d.inactiveMembers].map((m) => ({
      name: m.name,
      position: m.titleTh,
      position_en: m.titleEn,
      agency: m.agency,
      role: m.role,
      active: m.active,
    })),
  };
}
