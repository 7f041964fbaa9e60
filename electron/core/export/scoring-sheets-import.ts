/**
 * A filled-in offline scoring sheet back (see scoring-sheets.ts): all of it or nothing. Refused, with the row and
 * column of each problem and nothing changed: a file that is not a ChiPao sheet or whose signature does not verify
 * (tampered, or from another installation), a sheet for another round or a member no longer active, a changed
 * project or criterion list, values that are not scores on the scale, a score on a project under a conflict of
 * interest, and a cell changed on paper that was also changed elsewhere since the sheet was printed (no score is
 * silently overwritten). Cells left as printed are not written.
 *
 * The file is read in two steps: {@link readScoringSheet} (no database: the zip checked by the bounded reader, then
 * ExcelJS; run on the compute worker, `judgement.readSheet`), then {@link importScoringSheet} checks what it read
 * against the round and writes, on the host's connection.
 */
import type ExcelJS from 'exceljs';
import { AppError, type InputProblem } from '../../../shared/api/errors';
import type { SheetImportReport } from '../../../shared/api/judgement';
import { parseScore } from '../../../shared/domain/judgement/score-input';
import { controlCharProblem, findControlChar } from '../../../shared/domain/import/problems';
import { appendAudit } from '../audit/audit-log';
import type { Store } from '../db/database';
import { columnLetter } from '../../../shared/domain/import/columns';
import { readZip } from '../import/zip';
import { clearScore, commentCell, commentOf, setScore, storedCell } from '../services/score-sheet';
import {
  FIXED_COLUMNS,
  HEADER_ROW,
  SCORES_SHEET,
  SIGNATURE_SHEET,
  sheetCriteria,
  sheetHeaders,
  verifySheet,
  type SheetCriterion,
  type SheetSignature,
} from './scoring-sheets';
import { safeText } from './plan-xlsx';
import { loadExcel } from './libs';

/** A scoring sheet is small; anything larger is not one. */
export const MAX_SHEET_BYTES = 64 * 1024 * 1024;

/**
 * What a sheet's parts may inflate to, all together: a sheet of 5,000 projects inflates to about 3 MB, and one with a
 * long comment in every cell of 12 criteria to some 40 MB. A zip built to inflate beyond (a zip bomb) is refused
 * before ExcelJS, which inflates every part it finds in memory, sees it.
 */
export const MAX_SHEET_INFLATED_BYTES = 64 * 1024 * 1024;

const rejected = (en: string, th: string, problems?: readonly InputProblem[]): AppError =>
  new AppError('IMPORT_REJECTED', en, th, problems);

/** A cell as typed: its text (numbers as numbers, rich text and hyperlinks as their text), or a formula (refused). */
export type SheetCell = string | { formula: true };

/**
 * What a scoring sheet file holds, read without the database (plain data: it crosses from the compute worker). Only
 * cells that hold something are listed, so a sheet that names a far cell (XFD1048576) costs no more than its content.
 */
export type ScoringSheetFile = Readonly<{
  /** The signature sheet's text (column A, row by row) and its MAC (B1); null when the file has no such sheet. */
  signature: { text: string; mac: unknown } | null;
  /** The scores sheet's header labels as shown, as [column, label] (columns from 1). */
  headers: readonly (readonly [number, string])[];
  /** The scores sheet's cells under the header that hold something, as [row, column, cell] (from 1). */
  cells: readonly (readonly [number, number, SheetCell])[];
}>;

function cellOf(cell: ExcelJS.Cell): SheetCell {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString();
  if ('formula' in v || 'sharedFormula' in v) return { formula: true };
  if ('richText' in v) return v.richText.map((r) => r.text).join('');
  if ('text' in v) return String(v.text);
  return String(cell.text);
}

/**
 * Reads a scoring sheet file: its zip checked by the bounded reader first (every part, within
 * {@link MAX_SHEET_INFLATED_BYTES}), then its two sheets by ExcelJS. Refuses what is not an XLSX workbook.
 */
export async function readScoringSheet(bytes: Buffer): Promise<ScoringSheetFile> {
  const notXlsx = (): AppError => rejected('the file is not an XLSX workbook', 'ไฟล์นี้ไม่ใช่สมุดงาน XLSX');
  try {
    readZip(bytes, 'scoring sheet', { everyEntry: true, keep: () => false, maxTotalBytes: MAX_SHEET_INFLATED_BYTES });
  } catch (e) {
    if (e instanceof AppError && e.problems?.[0]?.code === 'ZIP_BOMB') {
      throw rejected(
        `the file inflates beyond ${MAX_SHEET_INFLATED_BYTES / (1024 * 1024)} MB: it is not a scoring sheet (refused as a zip bomb)`,
        `ไฟล์ขยายเกิน ${MAX_SHEET_INFLATED_BYTES / (1024 * 1024)} MB จึงไม่ใช่แบบให้คะแนน (ไม่รับ: zip bomb)`,
      );
    }
    if (e instanceof AppError) throw notXlsx();
    throw e;
  }
  const wb = new (await loadExcel()).Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw notXlsx();
  }
  const sigSheet = wb.getWorksheet(SIGNATURE_SHEET);
  const ws = wb.getWorksheet(SCORES_SHEET);
  let signature: ScoringSheetFile['signature'] = null;
  if (sigSheet) {
    let text = '';
    sigSheet.eachRow((row) => {
      const v = row.getCell(1).value;
      if (typeof v === 'string') text += v;
    });
    signature = { text, mac: sigSheet.getCell(1, 2).value };
  }
  const headers: [number, string][] = [];
  const cells: [number, number, SheetCell][] = [];
  ws?.eachRow((row, r) => {
    if (r === HEADER_ROW) row.eachCell((cell, c) => void headers.push([c, String(cell.text)]));
    else if (r > HEADER_ROW) row.eachCell((cell, c) => void cells.push([r, c, cellOf(cell)]));
  });
  return { signature: ws ? signature : null, headers, cells };
}

/**
 * Refuses a sheet whose header row is not the one printed: each criterion is read by its column, so a column deleted,
 * inserted or moved (LibreOffice and Google Sheets let a protected sheet be unprotected) would put one criterion's
 * scores under another, or scores into comments. Names the first column that differs. A sheet printed before its
 * headers were signed is checked against the round's criteria in either language.
 */
function refuseMovedColumns(
  signed: SheetSignature,
  criteria: readonly SheetCriterion[],
  headers: ScoringSheetFile['headers'],
): void {
  const labels = new Map(headers);
  const printed = signed.headers ? [signed.headers] : [sheetHeaders(criteria, 'th'), sheetHeaders(criteria, 'en')];
  const found = (col: number): string => (labels.get(col) ?? '').trim();
  if (printed.some((h) => h.every((label, i) => found(i + 1) === label))) return;
  const expected = printed.find((h) => found(2) === h[1]) ?? printed[0]!;
  const col = expected.findIndex((label, i) => found(i + 1) !== label) + 1;
  const letter = columnLetter(col - 1);
  throw rejected(
    'the sheet was not imported: its columns are not as printed; nothing was changed',
    'ไม่ได้นำเข้าแบบให้คะแนน: คอลัมน์ของแบบไม่ตรงกับที่พิมพ์ออกไป ไม่มีการเปลี่ยนแปลงข้อมูล',
    [
      {
        line: HEADER_ROW,
        column: letter,
        en: `column ${letter} should be '${expected[col - 1]}' but is '${found(col)}': a column was deleted, inserted or moved; fill in the sheet as printed`,
        th: `คอลัมน์ ${letter} ควรเป็น '${expected[col - 1]}' แต่พบ '${found(col)}' มีการลบ แทรก หรือย้ายคอลัมน์ กรุณากรอกในแบบตามที่พิมพ์ออกไป`,
      },
    ],
  );
}

/** Checks a sheet read by {@link readScoringSheet} against the round and applies it (all or nothing). */
export function importScoringSheet(store: Store, actor: string, roundId: number, file: ScoringSheetFile): SheetImportReport {
  const { sqlite } = store;
  if (!file.signature)
    throw rejected(
      'this is not a ChiPao scoring sheet (its signature sheet is missing)',
      'ไฟล์นี้ไม่ใช่แบบให้คะแนนของระบบ (ไม่พบส่วนลายมือชื่อดิจิทัล)',
    );
  const { text, mac } = file.signature;
  if (typeof mac !== 'string' || !verifySheet(sqlite, text, mac))
    throw rejected(
      'the sheet’s signature does not match: it was altered outside its score and comment cells, or made by another installation',
      'ลายมือชื่อดิจิทัลของแบบให้คะแนนไม่ถูกต้อง: มีการแก้ไขนอกช่องคะแนนและความเห็น หรือไม่ได้ออกจากระบบนี้',
    );
  const signed = JSON.parse(text) as SheetSignature;
  if (signed.roundId !== roundId)
    throw rejected(
      `this sheet is for round ${signed.roundId}, not round ${roundId}`,
      `แบบให้คะแนนนี้เป็นของรอบ ${signed.roundId} ไม่ใช่รอบ ${roundId}`,
    );
  const member = sqlite
    .prepare('SELECT id, name, active FROM member WHERE id = ? AND round_id = ?')
    .get(signed.memberId, roundId) as { id: number; name: string; active: number } | undefined;
  if (!member?.active)
    throw rejected(
      `the sheet's member (${signed.memberId}) is not an active member of this round`,
      `กรรมการเจ้าของแบบ (${signed.memberId}) ไม่ได้เป็นกรรมการที่ปฏิบัติหน้าที่ในรอบนี้`,
    );
  const criteria = sheetCriteria(sqlite, roundId);
  if (criteria.map((c) => c.id).join(',') !== signed.criteria.join(','))
    throw rejected(
      "the round's criteria changed since this sheet was printed; print a new sheet",
      'เกณฑ์ของรอบเปลี่ยนไปหลังจากพิมพ์แบบนี้ กรุณาพิมพ์แบบใหม่',
    );
  refuseMovedColumns(signed, criteria, file.headers);
  const projectsNow = new Map(
    (sqlite.prepare('SELECT id, code FROM project WHERE round_id = ?').all(roundId) as { id: number; code: string }[]).map(
      (p) => [p.id, p.code],
    ),
  );
  const conflicts = new Set(
    (
      sqlite.prepare('SELECT project_id AS p FROM conflict_of_interest WHERE member_id = ?').all(member.id) as { p: number }[]
    ).map((r) => r.p),
  );
  const labels = new Map(file.headers);
  const headerOf = (col: number): string => labels.get(col) || `#${col}`;
  const written = new Map(file.cells.map(([r, c, cell]) => [`${r}:${c}`, cell]));
  const cellAt = (line: number, col: number): SheetCell => written.get(`${line}:${col}`) ?? '';
  const codeHeader = headerOf(2);
  const problems: InputProblem[] = [];
  const problem = (line: number, column: string, en: string, th: string) => problems.push({ line, column, en, th });

  type Write = { projectId: number; criterionId: number; value: number | null; comment: string | null; expected: number };
  const writes: Write[] = [];
  signed.projects.forEach(([projectId, code], i) => {
    const line = HEADER_ROW + 1 + i;
    const found = cellAt(line, 2);
    const shown = typeof found === 'string' ? found.trim() : '';
    if (shown !== safeText(code)) {
      problem(
        line,
        codeHeader,
        `expected project ${code} but found '${shown}': the project list of the sheet was changed`,
        `ควรเป็นโครงการ ${code} แต่พบ '${shown}' รายการโครงการในแบบถูกแก้ไข`,
      );
      return;
    }
    if (projectsNow.get(projectId) !== code) {
      problem(line, codeHeader, `project ${code} is no longer in the round`, `โครงการ ${code} ไม่อยู่ในรอบนี้แล้ว`);
      return;
    }
    criteria.forEach((c, k) => {
      const scoreCol = FIXED_COLUMNS + 1 + 2 * k;
      const commentCol = scoreCol + 1;
      const printed = signed.cells[`${projectId}:${c.id}`] ?? [null, 0, ''];
      const rawScore = cellAt(line, scoreCol);
      const rawComment = cellAt(line, commentCol);
      if (typeof rawScore !== 'string' || typeof rawComment !== 'string') {
        problem(
          line,
          headerOf(typeof rawScore !== 'string' ? scoreCol : commentCol),
          'a formula is not a score or comment; type the value',
          'ไม่รับสูตร กรุณากรอกค่าโดยตรง',
        );
        return;
      }
      const parsed = parseScore(rawScore, { scaleMin: c.scale_min, scaleMax: c.scale_max });
      if (!parsed.ok) {
        problem(line, headerOf(scoreCol), `project ${code}: ${parsed.en}`, `โครงการ ${code}: ${parsed.th}`);
        return;
      }
      const comment = rawComment.trim();
      const printedComment = printed[2] ? safeText(printed[2]) : '';
      if (parsed.value === printed[0] && comment === printedComment) return;
      // What the sheet says that is already stored (the same sheet read twice, or typed online too) is neither
      // written again nor a conflict; only what it would change is.
      const ref = { roundId, memberId: member.id, projectId, criterionId: c.id };
      const now = storedCell(sqlite, ref);
      const nowComment = commentOf(sqlite, ref);
      const scoreChanged = parsed.value !== printed[0] && parsed.value !== now.value;
      const commentChanged = comment !== printedComment && comment !== (nowComment ? safeText(nowComment) : '');
      if (!scoreChanged && !commentChanged) return;
      // A typed comment is held to what the screens accept (a bidi override or a lone surrogate is refused there).
      const refusedChar = commentChanged ? findControlChar(comment) : null;
      if (refusedChar) {
        const { en, th } = controlCharProblem(line, headerOf(commentCol), refusedChar);
        problem(line, headerOf(commentCol), `project ${code}: ${en}`, `โครงการ ${code}: ${th}`);
        return;
      }
      if (conflicts.has(projectId)) {
        problem(
          line,
          headerOf(scoreCol),
          `project ${code}: a conflict of interest is declared; it is not scored`,
          `โครงการ ${code}: ได้แจ้งส่วนได้เสียไว้ จึงไม่ให้คะแนน`,
        );
        return;
      }
      if (scoreChanged && now.version !== printed[1]) {
        const current = now.value === null ? '—' : String(now.value);
        problem(
          line,
          headerOf(scoreCol),
          `project ${code}: this score was changed elsewhere after the sheet was printed (now ${current}); the sheet's value was not saved`,
          `โครงการ ${code}: คะแนนนี้ถูกแก้ไขจากที่อื่นหลังพิมพ์แบบ (ขณะนี้ ${current}) ค่าในแบบยังไม่ได้บันทึก`,
        );
        return;
      }
      if (commentChanged && nowComment !== printed[2]) {
        problem(
          line,
          headerOf(commentCol),
          `project ${code}: this comment was changed elsewhere after the sheet was printed (now '${nowComment}'); the sheet's comment was not saved`,
          `โครงการ ${code}: ความเห็นนี้ถูกแก้ไขจากที่อื่นหลังพิมพ์แบบ (ขณะนี้ '${nowComment}') ความเห็นในแบบยังไม่ได้บันทึก`,
        );
        return;
      }
      writes.push({
        projectId,
        criterionId: c.id,
        value: scoreChanged ? parsed.value : (now.value ?? null),
        comment: commentChanged ? comment : null,
        expected: scoreChanged ? now.version : -1,
      });
    });
  });
  const extraLine = HEADER_ROW + 1 + signed.projects.length;
  const extraCode = cellAt(extraLine, 2);
  if (typeof extraCode !== 'string' || extraCode.trim() !== '')
    problem(
      extraLine,
      codeHeader,
      'a row was added below the projects: the project list of the sheet was changed',
      'มีการเพิ่มแถวต่อท้ายรายการโครงการ รายการโครงการในแบบถูกแก้ไข',
    );
  if (problems.length > 0)
    throw rejected(
      `the sheet was not imported: ${problems.length} problem(s); nothing was changed`,
      `ไม่ได้นำเข้าแบบให้คะแนน: พบปัญหา ${problems.length} รายการ ไม่มีการเปลี่ยนแปลงข้อมูล`,
      problems,
    );

  sqlite.transaction(() => {
    for (const w of writes) {
      const ref = { roundId, memberId: member.id, projectId: w.projectId, criterionId: w.criterionId };
      if (w.expected >= 0) {
        if (w.value === null) clearScore(sqlite, actor, { ...ref, expectedVersion: w.expected });
        else setScore(sqlite, actor, { ...ref, value: w.value, expectedVersion: w.expected });
      }
      if (w.comment !== null) commentCell(sqlite, actor, { ...ref, comment: w.comment });
    }
    appendAudit(sqlite, actor, 'sheet.import', {
      roundId,
      memberId: member.id,
      issuedAt: signed.issuedAt,
      changed: writes.length,
    });
  })();
  return {
    memberId: member.id,
    memberName: member.name,
    changed: writes.length,
    unchanged: signed.projects.length * criteria.length - writes.length,
  };
}
