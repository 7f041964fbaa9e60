/**
 * A member's offline scoring sheet (XLSX), for meetings without a network: the round's projects down, each member
 * criterion across as a score column (its scale as a data-validation list) and a comment column; every other cell
 * locked; projects the member declared a conflict on are marked and stay locked. A very hidden sheet carries the
 * signed facts the import checks: round, member, the project and criterion lists, and each cell as it was printed
 * (value, version, comment), under an HMAC-SHA256 with a key kept in the database (docs/judgement.md).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type Database from 'better-sqlite3';
import { AppError } from '../../../shared/api/errors';
import { isIntegerScale } from '../../../shared/domain/judgement/score-input';
import { formatThaiDate } from '../../../shared/domain/thai-date';
import { appendAudit } from '../audit/audit-log';
import type { Store } from '../db/database';
import { memberSheet } from '../services/score-sheet';
import { safeText } from './plan-xlsx';
import { loadExcel } from './libs';

export const SCORES_SHEET = 'คะแนน';
export const SIGNATURE_SHEET = '_chipao';
/** The header row; projects start on the row below it. */
export const HEADER_ROW = 5;
/** Columns before the first criterion: no., code, title, note. */
export const FIXED_COLUMNS = 4;
const KEY_SETTING = 'judgement.sheet_key';
/** Characters of signed text per cell of the hidden sheet (spreadsheets keep at most 32,767 in a cell). */
export const CHUNK = 30_000;

/** What the hidden sheet signs. `cells` maps `${projectId}:${criterionId}` → [value, version, comment]. */
export type SheetSignature = Readonly<{
  v: 1;
  roundId: number;
  memberId: number;
  issuedAt: string;
  criteria: readonly number[];
  projects: readonly (readonly [number, string])[];
  cells: Readonly<Record<string, readonly [number | null, number, string]>>;
  /** The header row as printed, column by column from A (absent in sheets printed before it was signed). */
  headers?: readonly string[];
}>;

export type SheetCriterion = Readonly<{
  id: number;
  code: string;
  name_th: string;
  name_en: string;
  scale_min: number;
  scale_max: number;
}>;

/** The round's member-scored criteria, in the round's order. */
export function sheetCriteria(sqlite: Database.Database, roundId: number): SheetCriterion[] {
  return sqlite
    .prepare(
      `SELECT id, code, name_th, name_en, scale_min, scale_max FROM criterion WHERE round_id = ? AND kind = 'member' ORDER BY sort, id`,
    )
    .all(roundId) as SheetCriterion[];
}

/** The signing key, made on first use and kept in the database's settings. */
function sheetKey(sqlite: Database.Database): Buffer {
  const row = sqlite.prepare('SELECT value FROM setting WHERE key = ?').get(KEY_SETTING) as { value: string } | undefined;
  if (row) return Buffer.from(row.value, 'hex');
  const key = randomBytes(32);
  sqlite.prepare('INSERT INTO setting (key, value) VALUES (?, ?)').run(KEY_SETTING, key.toString('hex'));
  return key;
}

/** HMAC-SHA256 (hex) of the signed text. */
export function signSheet(sqlite: Database.Database, text: string): string {
  return createHmac('sha256', sheetKey(sqlite)).update(text, 'utf8').digest('hex');
}

/** Whether `signature` is the HMAC of `text` under this database's key (constant time). */
export function verifySheet(sqlite: Database.Database, text: string, signature: string): boolean {
  const expected = Buffer.from(signSheet(sqlite, text), 'hex');
  const given = /^[0-9a-f]{64}$/u.test(signature) ? Buffer.from(signature, 'hex') : Buffer.alloc(0);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const L = {
  th: {
    title: (round: string, fy: number) => `แบบให้คะแนนโครงการ ${round} ปีงบประมาณ พ.ศ. ${fy}`,
    member: (name: string, date: string) => `กรรมการ: ${name}   พิมพ์เมื่อ ${date}`,
    help: 'กรอกคะแนนในช่องคะแนน (เว้นว่าง = ยังไม่ให้คะแนน ซึ่งไม่ใช่ศูนย์) และความเห็นในช่องความเห็น ห้ามแก้ไขช่องอื่น แล้วนำเข้าไฟล์นี้กลับเข้าระบบ',
    no: 'ลำดับ',
    code: 'รหัสโครงการ',
    name: 'ชื่อโครงการ',
    note: 'หมายเหตุ',
    conflict: 'มีส่วนได้เสีย (ไม่ให้คะแนน)',
    comment: (c: string) => `ความเห็น: ${c}`,
    badValue: (min: number, max: number) => `คะแนนต้องอยู่ในช่วง ${min}–${max}`,
  },
  en: {
    title: (round: string, fy: number) => `Project scoring sheet, ${round}, fiscal year ${fy} BE`,
    member: (name: string, date: string) => `Committee member: ${name}   printed ${date}`,
    help: 'Type scores in the score columns (blank = not scored, which is not zero) and comments in the comment columns; change nothing else, then import this file back.',
    no: 'No.',
    code: 'Project code',
    name: 'Project',
    note: 'Note',
    conflict: 'Conflict of interest (not scored)',
    comment: (c: string) => `Comment: ${c}`,
    badValue: (min: number, max: number) => `A score is a number from ${min} to ${max}`,
  },
} as const;

/** The score column's header for a criterion (the import matches headers by it). */
export function scoreHeader(c: SheetCriterion, lang: 'th' | 'en'): string {
  return `${lang === 'th' ? c.name_th : c.name_en} (${c.scale_min}–${c.scale_max})`;
}

/**
 * The header row's labels, column by column from A: the fixed columns, then each criterion's score and comment. The
 * import reads each criterion by its column, so it checks these first: a column deleted, inserted or moved would
 * otherwise put one criterion's scores under another's, or scores into comments.
 */
export function sheetHeaders(criteria: readonly SheetCriterion[], lang: 'th' | 'en'): string[] {
  const t = L[lang];
  return [
    t.no,
    t.code,
    t.name,
    t.note,
    ...criteria.flatMap((c) => [scoreHeader(c, lang), t.comment(lang === 'th' ? c.name_th : c.name_en)]),
  ];
}

/** A member's sheet made and its export recorded: its bytes, offered for download by the handler. */
export type MadeSheet = Readonly<{ fileName: string; mimeType: string; bytes: Buffer; projects: number }>;

/** Builds one member's sheet and records that it was issued (audited). */
export async function exportScoringSheet(
  store: Store,
  actor: string,
  roundId: number,
  memberId: number,
  lang: 'th' | 'en',
): Promise<MadeSheet> {
  const { sqlite } = store;
  const round = sqlite.prepare('SELECT name, fiscal_year FROM round WHERE id = ?').get(roundId) as
    { name: string; fiscal_year: number } | undefined;
  const member = sqlite.prepare('SELECT name, active FROM member WHERE id = ? AND round_id = ?').get(memberId, roundId) as
    { name: string; active: number } | undefined;
  if (!round || !member) throw new AppError('NOT_FOUND', 'round or member not found', 'ไม่พบรอบการพิจารณาหรือกรรมการ');
  if (!member.active)
    throw new AppError(
      'INVALID_STATE',
      `${member.name} is no longer an active member`,
      `${member.name} ไม่ได้เป็นกรรมการที่ปฏิบัติหน้าที่อยู่แล้ว`,
    );
  const criteria = sheetCriteria(sqlite, roundId);
  const projects = sqlite.prepare('SELECT id, code, title FROM project WHERE round_id = ? ORDER BY code').all(roundId) as {
    id: number;
    code: string;
    title: string;
  }[];
  const sheet = memberSheet(sqlite, roundId, memberId);
  const conflicted = new Set(sheet.conflicts.map((c) => c.projectId));
  const cells: Record<string, readonly [number | null, number, string]> = {};
  for (const c of sheet.cells) cells[`${c.projectId}:${c.criterionId}`] = [c.value, c.version, c.comment];
  const now = new Date();
  const signature: SheetSignature = {
    v: 1,
    roundId,
    memberId,
    issuedAt: now.toISOString(),
    criteria: criteria.map((c) => c.id),
    projects: projects.map((p) => [p.id, p.code] as const),
    cells,
    headers: sheetHeaders(criteria, lang),
  };
  const t = L[lang];

  const wb = new (await loadExcel()).Workbook();
  wb.creator = 'ChiPao';
  const ws = wb.addWorksheet(SCORES_SHEET, { views: [{ state: 'frozen', xSplit: 3, ySplit: HEADER_ROW }] });
  ws.getCell(1, 1).value = t.title(round.name, round.fiscal_year);
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.getCell(2, 1).value = t.member(member.name, formatThaiDate(now, lang));
  ws.getCell(3, 1).value = t.help;
  const header = ws.getRow(HEADER_ROW);
  sheetHeaders(criteria, lang).forEach((h, i) => (header.getCell(i + 1).value = h));
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle' };
  ws.columns.forEach((col, i) => (col.width = i === 2 ? 48 : i < FIXED_COLUMNS ? 14 : i % 2 === 0 ? 14 : 30));
  ws.getColumn(3).width = 48;
  ws.getColumn(4).width = 24;
  criteria.forEach((_, k) => {
    ws.getColumn(FIXED_COLUMNS + 1 + 2 * k).width = 14;
    ws.getColumn(FIXED_COLUMNS + 2 + 2 * k).width = 30;
  });

  projects.forEach((p, i) => {
    const row = ws.getRow(HEADER_ROW + 1 + i);
    row.getCell(1).value = i + 1;
    row.getCell(2).value = safeText(p.code);
    row.getCell(3).value = safeText(p.title);
    const conflict = conflicted.has(p.id);
    if (conflict) row.getCell(4).value = t.conflict;
    criteria.forEach((c, k) => {
      const stored = cells[`${p.id}:${c.id}`];
      const score = row.getCell(FIXED_COLUMNS + 1 + 2 * k);
      const comment = row.getCell(FIXED_COLUMNS + 2 + 2 * k);
      score.value = stored?.[0] ?? null;
      comment.value = stored?.[2] ? safeText(stored[2]) : null;
      if (conflict) {
        score.fill = comment.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE0E0E0' } };
        return;
      }
      score.protection = { locked: false };
      comment.protection = { locked: false };
      const whole = isIntegerScale({ scaleMin: c.scale_min, scaleMax: c.scale_max });
      score.dataValidation =
        whole && c.scale_max - c.scale_min <= 20
          ? {
              type: 'list',
              allowBlank: true,
              formulae: [`"${Array.from({ length: c.scale_max - c.scale_min + 1 }, (_, v) => c.scale_min + v).join(',')}"`],
              showErrorMessage: true,
              error: t.badValue(c.scale_min, c.scale_max),
            }
          : {
              type: whole ? 'whole' : 'decimal',
              operator: 'between',
              allowBlank: true,
              formulae: [c.scale_min, c.scale_max],
              showErrorMessage: true,
              error: t.badValue(c.scale_min, c.scale_max),
            };
    });
  });
  await ws.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, spinCount: 1000 });

  const text = JSON.stringify(signature);
  const sig = wb.addWorksheet(SIGNATURE_SHEET, { state: 'veryHidden' });
  // A cell holds at most 32,767 characters: the signed text goes in chunks down column A, the MAC in B1.
  for (let i = 0; i * CHUNK < text.length; i++) sig.getCell(i + 1, 1).value = text.slice(i * CHUNK, (i + 1) * CHUNK);
  sig.getCell(1, 2).value = sqlite.transaction(() => {
    const mac = signSheet(sqlite, text);
    appendAudit(sqlite, actor, 'sheet.export', { roundId, memberId, projects: projects.length, issuedAt: signature.issuedAt });
    return mac;
  })();
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  const safeName = member.name.replace(/[^\p{L}\p{M}\p{N}_-]+/gu, '_');
  return {
    fileName: `scoring-${round.fiscal_year}-${safeName}.xlsx`,
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    bytes: buffer,
    projects: projects.length,
  };
}
