/**
 * A filled-in offline scoring sheet back (see scoring-sheets.ts): all of it or nothing. Refused, with the row and
 * column of each problem and nothing changed: a file that is not a ChiPao sheet or whose signature does not verify
 * (tampered, or from another installation), a sheet for another round or a member no longer active, a changed
 * project or criterion list, values that are not scores on the scale, a score on a project under a conflict of
 * interest, and a cell changed on paper that was also changed elsewhere since the sheet was printed (no score is
 * silently overwritten). Cells left as printed are not written.
 */
import type ExcelJS from 'exceljs';
import { AppError, type InputProblem } from '../../../shared/api/errors';
import type { SheetImportReport } from '../../../shared/api/judgement';
import { parseScore } from '../../../shared/domain/judgement/score-input';
import { appendAudit } from '../audit/audit-log';
import type { Store } from '../db/database';
import { clearScore, commentCell, setScore, storedCell } from '../services/score-sheet';
import {
  FIXED_COLUMNS,
  HEADER_ROW,
  SCORES_SHEET,
  SIGNATURE_SHEET,
  sheetCriteria,
  verifySheet,
  type SheetSignature,
} from './scoring-sheets';
import { safeText } from './plan-xlsx';
import { loadExcel } from './libs';

/** A scoring sheet is small; anything larger is not one. */
export const MAX_SHEET_BYTES = 64 * 1024 * 1024;

const rejected = (en: string, th: string, problems?: readonly InputProblem[]): AppError =>
  new AppError('IMPORT_REJECTED', en, th, problems);

/** The text of a cell as typed: numbers as numbers, rich text and hyperlinks as their text, formulas refused. */
function cellText(cell: ExcelJS.Cell): { text: string } | { formula: true } {
  const v = cell.value;
  if (v === null || v === undefined) return { text: '' };
  if (typeof v === 'number') return { text: String(v) };
  if (typeof v === 'string') return { text: v };
  if (typeof v === 'boolean') return { text: String(v) };
  if (v instanceof Date) return { text: v.toISOString() };
  if ('formula' in v || 'sharedFormula' in v) return { formula: true };
  if ('richText' in v) return { text: v.richText.map((r) => r.text).join('') };
  if ('text' in v) return { text: String(v.text) };
  return { text: String(cell.text) };
}

/** Reads, checks and applies one sheet. */
export async function importScoringSheet(
  store: Store,
  actor: string,
  roundId: number,
  bytes: Buffer,
): Promise<SheetImportReport> {
  const { sqlite } = store;
  const wb = new (await loadExcel()).Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw rejected('the file is not an XLSX workbook', 'ไฟล์นี้ไม่ใช่สมุดงาน XLSX');
  }
  const sigSheet = wb.getWorksheet(SIGNATURE_SHEET);
  const ws = wb.getWorksheet(SCORES_SHEET);
  if (!sigSheet || !ws)
    throw rejected(
      'this is not a ChiPao scoring sheet (its signature sheet is missing)',
      'ไฟล์นี้ไม่ใช่แบบให้คะแนนของระบบ (ไม่พบส่วนลายมือชื่อดิจิทัล)',
    );
  let text = '';
  for (let r = 1; r <= sigSheet.rowCount; r++) {
    const v = sigSheet.getCell(r, 1).value;
    if (typeof v === 'string') text += v;
  }
  const mac = sigSheet.getCell(1, 2).value;
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
  const headerOf = (col: number): string => String(ws.getRow(HEADER_ROW).getCell(col).text || `#${col}`);
  const codeHeader = headerOf(2);
  const problems: InputProblem[] = [];
  const problem = (line: number, column: string, en: string, th: string) => problems.push({ line, column, en, th });

  type Write = { projectId: number; criterionId: number; value: number | null; comment: string | null; expected: number };
  const writes: Write[] = [];
  signed.projects.forEach(([projectId, code], i) => {
    const line = HEADER_ROW + 1 + i;
    const row = ws.getRow(line);
    const found = cellText(row.getCell(2));
    const shown = 'text' in found ? found.text.trim() : '';
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
      const rawScore = cellText(row.getCell(scoreCol));
      const rawComment = cellText(row.getCell(commentCol));
      if ('formula' in rawScore || 'formula' in rawComment) {
        problem(
          line,
          headerOf('formula' in rawScore ? scoreCol : commentCol),
          'a formula is not a score or comment; type the value',
          'ไม่รับสูตร กรุณากรอกค่าโดยตรง',
        );
        return;
      }
      const parsed = parseScore(rawScore.text, { scaleMin: c.scale_min, scaleMax: c.scale_max });
      if (!parsed.ok) {
        problem(line, headerOf(scoreCol), `project ${code}: ${parsed.en}`, `โครงการ ${code}: ${parsed.th}`);
        return;
      }
      const comment = rawComment.text.trim();
      const printedComment = printed[2] ? safeText(printed[2]) : '';
      const scoreChanged = parsed.value !== printed[0];
      const commentChanged = comment !== printedComment;
      if (!scoreChanged && !commentChanged) return;
      if (conflicts.has(projectId)) {
        problem(
          line,
          headerOf(scoreCol),
          `project ${code}: a conflict of interest is declared; it is not scored`,
          `โครงการ ${code}: ได้แจ้งส่วนได้เสียไว้ จึงไม่ให้คะแนน`,
        );
        return;
      }
      const now = storedCell(sqlite, { roundId, memberId: member.id, projectId, criterionId: c.id });
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
      writes.push({
        projectId,
        criterionId: c.id,
        value: scoreChanged ? parsed.value : (now.value ?? null),
        comment: commentChanged ? comment : null,
        expected: scoreChanged ? now.version : -1,
      });
    });
  });
  const extra = ws.getRow(HEADER_ROW + 1 + signed.projects.length);
  const extraCode = cellText(extra.getCell(2));
  if (!('text' in extraCode) || extraCode.text.trim() !== '')
    problem(
      extra.number,
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
