/**
 * One member's scoring sheet as stored: scores, comments, scores taken back ("not scored" again, their version
 * kept in score_cleared so an old device cannot overwrite), and conflicts of interest. Every write is versioned
 * where it touches a score, audited, and done in one transaction (docs/judgement.md).
 */
import type Database from 'better-sqlite3';
import { AppError } from '../../../shared/api/errors';
import type { CellWrite, ConflictDeclaration, ScoringSheet, SheetCell } from '../../../shared/api/judgement';
import type { MemberScore } from '../../../shared/api/types';
import { checkScore } from '../../../shared/domain/judgement/score-input';
import { appendAudit } from '../audit/audit-log';

type CellRef = Readonly<{ roundId: number; memberId: number; projectId: number; criterionId: number }>;

export type CellContext = Readonly<{
  criterion: { id: number; code: string; name_th: string; name_en: string; scale_min: number; scale_max: number; kind: string };
  member: { id: number; name: string; active: number };
  project: { id: number; code: string };
}>;

/**
 * Refuses a change to the committee's judgement of a round that is closed (final: its ranking is the record) or
 * archived: scores, comments, conflicts of interest, overrides, aggregation.
 */
export function refuseFinishedRound(sqlite: Database.Database, roundId: number): void {
  const round = sqlite.prepare('SELECT name, fiscal_year, status, archived_at FROM round WHERE id = ?').get(roundId) as
    { name: string; fiscal_year: number; status: string; archived_at: string | null } | undefined;
  if (!round || (round.status !== 'closed' && round.archived_at === null)) return;
  const archived = round.archived_at !== null;
  throw new AppError(
    'INVALID_STATE',
    `round "${round.name}" (FY ${round.fiscal_year}) is ${archived ? 'archived' : 'closed'}: its scores, conflicts of interest and the committee's decisions can no longer change`,
    `รอบ "${round.name}" (ปีงบประมาณ ${round.fiscal_year}) ${archived ? 'ถูกเก็บเข้าคลังแล้ว' : 'ปิดแล้ว'} จึงแก้ไขคะแนน การแจ้งส่วนได้เสีย และการตัดสินของคณะกรรมการไม่ได้อีก`,
  );
}

/**
 * The member, project and criterion of a cell, checked to be in the round; for a write, the round not closed, the
 * member active and not conflicted.
 */
export function cellContext(sqlite: Database.Database, ref: CellRef, forWrite = true): CellContext {
  const criterion = sqlite
    .prepare('SELECT id, code, name_th, name_en, scale_min, scale_max, kind FROM criterion WHERE id = ? AND round_id = ?')
    .get(ref.criterionId, ref.roundId) as CellContext['criterion'] | undefined;
  const member = memberIn(sqlite, ref.roundId, ref.memberId);
  const project = projectIn(sqlite, ref.roundId, ref.projectId);
  if (!criterion) {
    throw new AppError(
      'NOT_FOUND',
      'member, project or criterion is not in this round',
      'ไม่พบกรรมการ โครงการ หรือเกณฑ์นี้ในรอบการพิจารณา',
    );
  }
  if (forWrite) refuseFinishedRound(sqlite, ref.roundId);
  if (forWrite && !member.active) {
    throw new AppError(
      'INVALID_STATE',
      `${member.name} is no longer an active committee member; their scores cannot change`,
      `${member.name} ไม่ได้เป็นกรรมการที่ปฏิบัติหน้าที่อยู่แล้ว จึงแก้ไขคะแนนไม่ได้`,
    );
  }
  if (criterion.kind !== 'member') {
    throw new AppError(
      'INVALID_STATE',
      `criterion '${criterion.name_en}' is computed from needs, not scored`,
      `เกณฑ์ '${criterion.name_th}' คำนวณจากข้อมูลความต้องการ ไม่ต้องให้คะแนน`,
    );
  }
  if (forWrite && hasConflict(sqlite, ref.memberId, ref.projectId)) {
    throw new AppError(
      'INVALID_STATE',
      `${member.name} declared a conflict of interest on project ${project.code}; they do not score it`,
      `${member.name} แจ้งส่วนได้เสียกับโครงการ ${project.code} ไว้แล้ว จึงไม่ให้คะแนนโครงการนี้`,
    );
  }
  return { criterion, member, project };
}

function memberIn(sqlite: Database.Database, roundId: number, memberId: number): CellContext['member'] {
  const member = sqlite.prepare('SELECT id, name, active FROM member WHERE id = ? AND round_id = ?').get(memberId, roundId) as
    CellContext['member'] | undefined;
  if (!member)
    throw new AppError('NOT_FOUND', `member ${memberId} is not in this round`, `ไม่พบกรรมการรหัส ${memberId} ในรอบการพิจารณานี้`);
  return member;
}

function projectIn(sqlite: Database.Database, roundId: number, projectId: number): CellContext['project'] {
  const project = sqlite.prepare('SELECT id, code FROM project WHERE id = ? AND round_id = ?').get(projectId, roundId) as
    CellContext['project'] | undefined;
  if (!project)
    throw new AppError('NOT_FOUND', `project ${projectId} is not in this round`, `ไม่พบโครงการรหัส ${projectId} ในรอบการพิจารณานี้`);
  return project;
}

function hasConflict(sqlite: Database.Database, memberId: number, projectId: number): boolean {
  return (
    sqlite.prepare('SELECT 1 FROM conflict_of_interest WHERE member_id = ? AND project_id = ?').get(memberId, projectId) !==
    undefined
  );
}

/** The stored score of a cell and its version (a taken-back score: value null, its version kept). */
export function storedCell(sqlite: Database.Database, ref: CellRef): { value: number | null; version: number } {
  const score = sqlite
    .prepare('SELECT value, version FROM score WHERE member_id = ? AND project_id = ? AND criterion_id = ?')
    .get(ref.memberId, ref.projectId, ref.criterionId) as { value: number; version: number } | undefined;
  if (score) return score;
  const cleared = sqlite
    .prepare('SELECT version FROM score_cleared WHERE member_id = ? AND project_id = ? AND criterion_id = ?')
    .get(ref.memberId, ref.projectId, ref.criterionId) as { version: number } | undefined;
  return { value: null, version: cleared?.version ?? 0 };
}

function checkVersion(ctx: CellContext, current: { value: number | null; version: number }, expected: number): void {
  if (expected === current.version) return;
  const shown = current.value === null ? '—' : `${current.value}`;
  throw new AppError(
    'VERSION_CONFLICT',
    `project ${ctx.project.code}, '${ctx.criterion.name_en}': this score was changed elsewhere (now ${shown}, version ${current.version}); your value was not saved`,
    `โครงการ ${ctx.project.code} เกณฑ์ '${ctx.criterion.name_th}': คะแนนนี้ถูกแก้ไขจากที่อื่นแล้ว (ขณะนี้ ${shown} รุ่น ${current.version}) ค่าที่ท่านกรอกยังไม่ได้บันทึก`,
  );
}

function writeComment(sqlite: Database.Database, ref: CellRef, comment: string, at: string): void {
  const text = comment.trim();
  if (text === '')
    sqlite
      .prepare('DELETE FROM score_comment WHERE member_id = ? AND project_id = ? AND criterion_id = ?')
      .run(ref.memberId, ref.projectId, ref.criterionId);
  else
    sqlite
      .prepare(
        `INSERT INTO score_comment (member_id, project_id, criterion_id, comment, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (member_id, project_id, criterion_id) DO UPDATE SET comment = excluded.comment, updated_at = excluded.updated_at`,
      )
      .run(ref.memberId, ref.projectId, ref.criterionId, text, at);
}

/**
 * Writes one score (scores.set): checks the scale (whole numbers on a whole scale), the member, the conflict
 * declaration and the version, then stores it, its comment when given, and an audit event, in one transaction.
 */
export function setScore(
  sqlite: Database.Database,
  actor: string,
  args: CellRef & Readonly<{ value: number; expectedVersion: number; comment?: string | undefined }>,
): MemberScore {
  const ctx = cellContext(sqlite, args);
  const check = checkScore(args.value, { scaleMin: ctx.criterion.scale_min, scaleMax: ctx.criterion.scale_max });
  if (!check.ok) {
    throw new AppError(
      'SCORE_OUT_OF_RANGE',
      `project ${ctx.project.code}, '${ctx.criterion.name_en}': ${check.en}`,
      `โครงการ ${ctx.project.code} เกณฑ์ '${ctx.criterion.name_th}': ${check.th}`,
    );
  }
  return sqlite.transaction(() => {
    const current = storedCell(sqlite, args);
    checkVersion(ctx, current, args.expectedVersion);
    const version = current.version + 1;
    const at = new Date().toISOString();
    sqlite
      .prepare(
        `INSERT INTO score (member_id, project_id, criterion_id, value, version, updated_at) VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT (member_id, project_id, criterion_id) DO UPDATE SET value = excluded.value, version = excluded.version,
        updated_at = excluded.updated_at`,
      )
      .run(args.memberId, args.projectId, args.criterionId, args.value, version, at);
    sqlite
      .prepare('DELETE FROM score_cleared WHERE member_id = ? AND project_id = ? AND criterion_id = ?')
      .run(args.memberId, args.projectId, args.criterionId);
    if (args.comment !== undefined) writeComment(sqlite, args, args.comment, at);
    appendAudit(sqlite, actor, 'score.set', args);
    const comment = commentOf(sqlite, args);
    return {
      projectId: args.projectId,
      criterionId: args.criterionId,
      value: args.value,
      version,
      ...(comment ? { comment } : {}),
    };
  })();
}

/** The stored comment of a cell ('' when none). */
export function commentOf(sqlite: Database.Database, ref: CellRef): string {
  const row = sqlite
    .prepare('SELECT comment FROM score_comment WHERE member_id = ? AND project_id = ? AND criterion_id = ?')
    .get(ref.memberId, ref.projectId, ref.criterionId) as { comment: string } | undefined;
  return row?.comment ?? '';
}

/** Takes a score back: the cell is "not scored" again; the version moves on (scores.clear). */
export function clearScore(
  sqlite: Database.Database,
  actor: string,
  args: CellRef & Readonly<{ expectedVersion: number }>,
): CellWrite {
  const ctx = cellContext(sqlite, args);
  return sqlite.transaction(() => {
    const current = storedCell(sqlite, args);
    checkVersion(ctx, current, args.expectedVersion);
    if (current.value === null)
      return { projectId: args.projectId, criterionId: args.criterionId, value: null, version: current.version };
    const version = current.version + 1;
    sqlite
      .prepare('DELETE FROM score WHERE member_id = ? AND project_id = ? AND criterion_id = ?')
      .run(args.memberId, args.projectId, args.criterionId);
    sqlite
      .prepare(
        `INSERT INTO score_cleared (member_id, project_id, criterion_id, version, cleared_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (member_id, project_id, criterion_id) DO UPDATE SET version = excluded.version, cleared_at = excluded.cleared_at`,
      )
      .run(args.memberId, args.projectId, args.criterionId, version, new Date().toISOString());
    appendAudit(sqlite, actor, 'score.clear', { ...args, previous: current.value });
    return { projectId: args.projectId, criterionId: args.criterionId, value: null, version };
  })();
}

/** A member's comment on a cell, without touching the score (scores.comment). */
export function commentCell(
  sqlite: Database.Database,
  actor: string,
  args: CellRef & Readonly<{ comment: string }>,
): { projectId: number; criterionId: number; comment: string } {
  cellContext(sqlite, args);
  sqlite.transaction(() => {
    writeComment(sqlite, args, args.comment, new Date().toISOString());
    appendAudit(sqlite, actor, 'score.comment', args);
  })();
  return { projectId: args.projectId, criterionId: args.criterionId, comment: args.comment.trim() };
}

/** Declares or withdraws a conflict of interest (scores.declareConflict); the member's scores stay stored. */
export function declareConflict(
  sqlite: Database.Database,
  actor: string,
  args: Readonly<{ roundId: number; memberId: number; projectId: number; declared: boolean; reason?: string | undefined }>,
): void {
  memberIn(sqlite, args.roundId, args.memberId);
  projectIn(sqlite, args.roundId, args.projectId);
  refuseFinishedRound(sqlite, args.roundId);
  sqlite.transaction(() => {
    if (args.declared)
      sqlite
        .prepare(
          `INSERT INTO conflict_of_interest (member_id, project_id, reason, declared_at, actor) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (member_id, project_id) DO UPDATE SET reason = excluded.reason`,
        )
        .run(args.memberId, args.projectId, (args.reason ?? '').trim(), new Date().toISOString(), actor);
    else
      sqlite
        .prepare('DELETE FROM conflict_of_interest WHERE member_id = ? AND project_id = ?')
        .run(args.memberId, args.projectId);
    appendAudit(sqlite, actor, args.declared ? 'conflict.declare' : 'conflict.withdraw', args);
  })();
}

/** One member's sheet: every cell with a score, a comment or a kept version; conflicts; progress. */
export function memberSheet(sqlite: Database.Database, roundId: number, memberId: number): ScoringSheet {
  memberIn(sqlite, roundId, memberId);
  const cells = sqlite
    .prepare(
      `WITH keys AS (
         SELECT project_id, criterion_id FROM score WHERE member_id = :m
         UNION SELECT project_id, criterion_id FROM score_comment WHERE member_id = :m
         UNION SELECT project_id, criterion_id FROM score_cleared WHERE member_id = :m)
       SELECT k.project_id AS projectId, k.criterion_id AS criterionId, s.value AS value,
              COALESCE(s.version, sc.version, 0) AS version, COALESCE(c.comment, '') AS comment
         FROM keys k JOIN project p ON p.id = k.project_id AND p.round_id = :r
         LEFT JOIN score s ON s.member_id = :m AND s.project_id = k.project_id AND s.criterion_id = k.criterion_id
         LEFT JOIN score_cleared sc ON sc.member_id = :m AND sc.project_id = k.project_id AND sc.criterion_id = k.criterion_id
         LEFT JOIN score_comment c ON c.member_id = :m AND c.project_id = k.project_id AND c.criterion_id = k.criterion_id`,
    )
    .all({ m: memberId, r: roundId }) as SheetCell[];
  const conflicts = conflictsOf(sqlite, roundId, memberId);
  const counts = sqlite
    .prepare(
      `SELECT (SELECT COUNT(*) FROM project WHERE round_id = :r) AS projects,
              (SELECT COUNT(*) FROM criterion WHERE round_id = :r AND kind = 'member') AS criteria,
              (SELECT COUNT(*) FROM score s JOIN project p ON p.id = s.project_id JOIN criterion c ON c.id = s.criterion_id
                WHERE s.member_id = :m AND p.round_id = :r AND c.kind = 'member'
                  AND NOT EXISTS (SELECT 1 FROM conflict_of_interest ci WHERE ci.member_id = :m AND ci.project_id = s.project_id)) AS scored`,
    )
    .get({ m: memberId, r: roundId }) as { projects: number; criteria: number; scored: number };
  return {
    memberId,
    cells,
    conflicts,
    progress: { scored: counts.scored, total: (counts.projects - conflicts.length) * counts.criteria },
  };
}

function conflictsOf(sqlite: Database.Database, roundId: number, memberId: number): ConflictDeclaration[] {
  return sqlite
    .prepare(
      `SELECT ci.member_id AS memberId, ci.project_id AS projectId, ci.reason, ci.declared_at AS declaredAt
         FROM conflict_of_interest ci JOIN project p ON p.id = ci.project_id WHERE ci.member_id = ? AND p.round_id = ?
        ORDER BY p.code`,
    )
    .all(memberId, roundId) as ConflictDeclaration[];
}
