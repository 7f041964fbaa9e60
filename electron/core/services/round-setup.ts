/**
 * Rounds as the secretariat prepares them: read a round with its setup, create one (optionally copying an earlier
 * round's settings), change its status, and replace its development issues, members and criteria. Every write is
 * one SQLite transaction with its audit event; a refused write changes nothing. Synchronous (better-sqlite3), so the
 * command line and the handlers share it.
 */
import type Database from 'better-sqlite3';
import { AppError } from '../../../shared/api/errors';
import {
  PLANNING_LEVELS,
  SOURCE_DIRECTION,
  STATUS_MOVES,
  type AhpComparison,
  type CriterionInput,
  type DevelopmentIssue,
  type DevelopmentIssueInput,
  type MemberRole,
  type PlanningLevel,
  type ProgressStep,
  type RoundProgress,
  type RoundStatus,
  type StepState,
} from '../../../shared/api/rounds';
import type { Criterion, Member, RoundDetail, RoundSummary } from '../../../shared/api/types';
import { AhpMatrixError, ahpWeights, matrixFromUpper, roundWeights, type AhpResult } from '../../../shared/domain/ahp';
import { nameKey } from '../../../shared/domain/names';
import { appendAudit } from '../audit/audit-log';

type Sqlite = Database.Database;

type RoundRow = {
  id: number;
  name: string;
  fiscal_year: number;
  ceiling: number;
  status: RoundStatus;
  aggregation: RoundDetail['aggregation'];
  levels_json: string;
  archived_at: string | null;
  demo: number;
  ahp_json: string | null;
  project_count: number;
  approval_count: number;
};
type CriterionRow = {
  id: number;
  code: string;
  name_th: string;
  name_en: string;
  weight: number;
  scale_min: number;
  scale_max: number;
  kind: 'member' | 'computed';
  sort: number;
  direction: 'benefit' | 'cost';
  source: Criterion['source'];
};
type MemberRow = {
  id: number;
  round_id: number;
  name: string;
  title_th: string;
  title_en: string;
  agency: string;
  role: MemberRole;
  active: number;
};
type IssueRow = {
  id: number;
  no: number;
  title_th: string;
  title_en: string;
  approaches_json: string;
  national_strategy: number | null;
  master_plans_json: string;
};

const ROUND_COLUMNS = `r.id, r.name, r.fiscal_year, r.ceiling, r.status, r.aggregation, r.levels_json, r.archived_at,
  r.demo, r.ahp_json, (SELECT COUNT(*) FROM project p WHERE p.round_id = r.id) AS project_count,
  (SELECT COUNT(*) FROM approval a WHERE a.round_id = r.id) AS approval_count`;

function parseJsonArray<T>(text: string): T[] {
  const v = JSON.parse(text) as unknown;
  return Array.isArray(v) ? (v as T[]) : [];
}

function summary(r: RoundRow): RoundSummary {
  return {
    id: r.id,
    name: r.name,
    fiscalYear: r.fiscal_year,
    ceiling: r.ceiling,
    status: r.status,
    projectCount: r.project_count,
    approvalCount: r.approval_count,
    levels: parseJsonArray<PlanningLevel>(r.levels_json),
    archived: r.archived_at !== null,
    demo: r.demo === 1,
  };
}

function toMember(m: MemberRow): Member {
  return {
    id: m.id,
    name: m.name,
    titleTh: m.title_th,
    titleEn: m.title_en,
    agency: m.agency,
    role: m.role,
    active: m.active === 1,
  };
}

function toIssue(i: IssueRow): DevelopmentIssue {
  return {
    id: i.id,
    no: i.no,
    titleTh: i.title_th,
    titleEn: i.title_en,
    approaches: parseJsonArray<string>(i.approaches_json),
    nationalStrategy: i.national_strategy,
    masterPlans: parseJsonArray<number>(i.master_plans_json),
  };
}

function notFound(roundId: number): AppError {
  return new AppError('NOT_FOUND', `round ${roundId} does not exist`, `ไม่พบรอบการพิจารณา ${roundId}`);
}

/** Every round: current ones first (not archived, not the demo), then by fiscal year, newest first. */
export function listRounds(sqlite: Sqlite): RoundSummary[] {
  const rows = sqlite
    .prepare(
      `SELECT ${ROUND_COLUMNS} FROM round r
        ORDER BY (r.archived_at IS NOT NULL), r.demo, r.fiscal_year DESC, r.id DESC`,
    )
    .all() as RoundRow[];
  return rows.map(summary);
}

export function roundDetail(sqlite: Sqlite, roundId: number): RoundDetail {
  const r = sqlite.prepare(`SELECT ${ROUND_COLUMNS} FROM round r WHERE r.id = ?`).get(roundId) as RoundRow | undefined;
  if (!r) throw notFound(roundId);
  const criteria = sqlite
    .prepare(
      `SELECT id, code, name_th, name_en, weight, scale_min, scale_max, kind, sort, direction, source
         FROM criterion WHERE round_id = ? ORDER BY sort, id`,
    )
    .all(roundId) as CriterionRow[];
  const members = (sqlite.prepare('SELECT * FROM member WHERE round_id = ? ORDER BY id').all(roundId) as MemberRow[]).map(
    toMember,
  );
  const issues = sqlite.prepare('SELECT * FROM development_issue WHERE round_id = ? ORDER BY no').all(roundId) as IssueRow[];
  return {
    ...summary(r),
    aggregation: r.aggregation,
    criteria: criteria.map((c) => ({
      id: c.id,
      code: c.code,
      nameTh: c.name_th,
      nameEn: c.name_en,
      weight: c.weight,
      scaleMin: c.scale_min,
      scaleMax: c.scale_max,
      kind: c.kind,
      direction: c.direction,
      // Computed criteria stored before sources existed were all "people reached".
      source: c.kind === 'computed' ? (c.source ?? 'people') : null,
    })),
    members: members.filter((m) => m.active),
    inactiveMembers: members.filter((m) => !m.active),
    developmentIssues: issues.map(toIssue),
    ahp: r.ahp_json ? (JSON.parse(r.ahp_json) as AhpComparison) : null,
  };
}

function requireRound(sqlite: Sqlite, roundId: number): RoundRow {
  const r = sqlite.prepare(`SELECT ${ROUND_COLUMNS} FROM round r WHERE r.id = ?`).get(roundId) as RoundRow | undefined;
  if (!r) throw notFound(roundId);
  return r;
}

function refuseClosed(r: RoundRow): void {
  if (r.status === 'closed' || r.archived_at !== null) {
    throw new AppError(
      'INVALID_STATE',
      `round "${r.name}" (FY ${r.fiscal_year}) is ${r.archived_at !== null ? 'archived' : 'closed'}; its settings can no longer change`,
      `รอบ "${r.name}" (ปีงบประมาณ ${r.fiscal_year}) ${r.archived_at !== null ? 'ถูกเก็บเข้าคลังแล้ว' : 'ปิดแล้ว'} จึงแก้ไขการตั้งค่าไม่ได้`,
    );
  }
}

export type NewRound = Readonly<{
  fiscalYear: number;
  name: string;
  ceiling: number;
  levels: readonly PlanningLevel[];
  copyFromRoundId?: number | undefined;
}>;

/** Creates a round (status preparing) with its first scenario; copies settings from another round when asked. */
export function createRound(sqlite: Sqlite, actor: string, input: NewRound): number {
  return sqlite.transaction(() => {
    const source = input.copyFromRoundId === undefined ? undefined : requireRound(sqlite, input.copyFromRoundId);
    const levels = PLANNING_LEVELS.filter((l) => input.levels.includes(l));
    const info = sqlite
      .prepare(
        `INSERT INTO round (name, fiscal_year, ceiling, status, aggregation, levels_json, ahp_json)
         VALUES (?, ?, ?, 'preparing', ?, ?, ?)`,
      )
      .run(
        input.name,
        input.fiscalYear,
        input.ceiling,
        source?.aggregation ?? 'mean',
        JSON.stringify(levels),
        source?.ahp_json ?? null,
      );
    const roundId = Number(info.lastInsertRowid);
    if (source) copySettings(sqlite, source.id, roundId);
    const now = new Date().toISOString();
    sqlite
      .prepare(
        `INSERT INTO scenario (round_id, name, rule, params_json, locks_json, created_at, updated_at)
         VALUES (?, 'ร่างที่ 1 ตามลำดับคะแนน', 'greedy', '{}', '{}', ?, ?)`,
      )
      .run(roundId, now, now);
    appendAudit(sqlite, actor, 'round.created', { ...input, levels, roundId });
    return roundId;
  })();
}

function copySettings(sqlite: Sqlite, from: number, to: number): void {
  sqlite
    .prepare(
      `INSERT INTO development_issue (round_id, no, title_th, title_en, approaches_json, national_strategy, master_plans_json)
       SELECT ?, no, title_th, title_en, approaches_json, national_strategy, master_plans_json
         FROM development_issue WHERE round_id = ? ORDER BY no`,
    )
    .run(to, from);
  sqlite
    .prepare(
      `INSERT INTO criterion (round_id, code, name_th, name_en, weight, scale_min, scale_max, kind, sort, direction, source)
       SELECT ?, code, name_th, name_en, weight, scale_min, scale_max, kind, sort, direction,
              CASE WHEN kind = 'computed' THEN COALESCE(source, 'people') END
         FROM criterion WHERE round_id = ? ORDER BY sort, id`,
    )
    .run(to, from);
  sqlite
    .prepare(
      `INSERT INTO member (round_id, name, title_th, title_en, agency, role, active)
       SELECT ?, name, title_th, title_en, agency, role, 1 FROM member WHERE round_id = ? AND active = 1 ORDER BY id`,
    )
    .run(to, from);
}

export function updateRound(
  sqlite: Sqlite,
  actor: string,
  roundId: number,
  patch: Readonly<{ fiscalYear?: number | undefined; name?: string | undefined; levels?: readonly PlanningLevel[] | undefined }>,
): void {
  sqlite.transaction(() => {
    const r = requireRound(sqlite, roundId);
    refuseClosed(r);
    const levels = patch.levels ? PLANNING_LEVELS.filter((l) => patch.levels!.includes(l)) : undefined;
    sqlite
      .prepare('UPDATE round SET name = ?, fiscal_year = ?, levels_json = ? WHERE id = ?')
      .run(patch.name ?? r.name, patch.fiscalYear ?? r.fiscal_year, levels ? JSON.stringify(levels) : r.levels_json, roundId);
    appendAudit(sqlite, actor, 'round.updated', { roundId, ...patch });
  })();
}

/**
 * Sets the round's ceiling (satang) with its audit event `round.ceiling_set` `{roundId, ceiling}`: the screen's
 * `rounds.setCeiling` and the round-setup file's import record the change alike.
 */
export function setRoundCeiling(sqlite: Sqlite, actor: string, roundId: number, ceiling: number): void {
  sqlite.transaction(() => {
    requireRound(sqlite, roundId);
    sqlite.prepare('UPDATE round SET ceiling = ? WHERE id = ?').run(ceiling, roundId);
    appendAudit(sqlite, actor, 'round.ceiling_set', { roundId, ceiling });
  })();
}

const STATUS_TH: Readonly<Record<RoundStatus, string>> = {
  preparing: 'เตรียมการ',
  in_session: 'อยู่ระหว่างประชุม',
  approved: 'อนุมัติแล้ว',
  closed: 'ปิดรอบแล้ว',
};

/**
 * Moves a round one step along preparing → in session → approved → closed (or one step back to reopen).
 * A session needs at least one member-scored criterion and one active member.
 */
export function setRoundStatus(sqlite: Sqlite, actor: string, roundId: number, status: RoundStatus): void {
  sqlite.transaction(() => {
    const r = requireRound(sqlite, roundId);
    if (r.status === status) return;
    if (!STATUS_MOVES[r.status].includes(status)) {
      throw new AppError(
        'INVALID_STATE',
        `round "${r.name}" cannot go from ${r.status} to ${status}`,
        `รอบ "${r.name}" เปลี่ยนสถานะจาก "${STATUS_TH[r.status]}" เป็น "${STATUS_TH[status]}" ไม่ได้`,
      );
    }
    // "Approved" says a plan of the round was approved (approving one moves the round there): never without one.
    if (status === 'approved') {
      const approvals = sqlite.prepare('SELECT COUNT(*) AS n FROM approval WHERE round_id = ?').get(roundId) as { n: number };
      if (approvals.n === 0) {
        throw new AppError(
          'INVALID_STATE',
          `no plan of round "${r.name}" has been approved: approve a scenario with the meeting's resolution on the allocation screen, which marks the round approved`,
          `ยังไม่มีแผนของรอบ "${r.name}" ที่ได้รับอนุมัติ กรุณาอนุมัติสถานการณ์พร้อมมติที่ประชุมในหน้าจัดสรรงบประมาณ ซึ่งจะเปลี่ยนสถานะรอบเป็นอนุมัติแล้วเอง`,
        );
      }
    }
    if (status === 'in_session') {
      const c = sqlite.prepare(`SELECT COUNT(*) AS n FROM criterion WHERE round_id = ? AND kind = 'member'`).get(roundId) as {
        n: number;
      };
      const m = sqlite.prepare('SELECT COUNT(*) AS n FROM member WHERE round_id = ? AND active = 1').get(roundId) as {
        n: number;
      };
      if (c.n === 0 || m.n === 0) {
        throw new AppError(
          'INVALID_STATE',
          `a session needs at least one criterion members score and one active member (round has ${c.n} and ${m.n})`,
          `การประชุมต้องมีเกณฑ์ที่กรรมการให้คะแนนอย่างน้อย 1 ข้อและกรรมการอย่างน้อย 1 คน (รอบนี้มี ${c.n} ข้อ และ ${m.n} คน)`,
        );
      }
    }
    sqlite.prepare('UPDATE round SET status = ? WHERE id = ?').run(status, roundId);
    appendAudit(sqlite, actor, 'round.status_set', { roundId, from: r.status, to: status });
  })();
}

/** Archives (or restores) a round: only a closed round or the demo round can be archived. */
export function archiveRound(sqlite: Sqlite, actor: string, roundId: number, archived: boolean): void {
  sqlite.transaction(() => {
    const r = requireRound(sqlite, roundId);
    if (archived && r.status !== 'closed' && r.demo !== 1) {
      throw new AppError(
        'INVALID_STATE',
        `only a closed round can be archived; round "${r.name}" is ${r.status}`,
        `เก็บเข้าคลังได้เฉพาะรอบที่ปิดแล้ว รอบ "${r.name}" มีสถานะ "${STATUS_TH[r.status]}"`,
      );
    }
    sqlite.prepare('UPDATE round SET archived_at = ? WHERE id = ?').run(archived ? new Date().toISOString() : null, roundId);
    appendAudit(sqlite, actor, archived ? 'round.archived' : 'round.restored', { roundId });
  })();
}

/**
 * Replaces the round's development issues. Numbers are unique; a number that proposals refer to cannot disappear.
 */
export function setDevelopmentIssues(
  sqlite: Sqlite,
  actor: string,
  roundId: number,
  issues: readonly DevelopmentIssueInput[],
): void {
  sqlite.transaction(() => {
    refuseClosed(requireRound(sqlite, roundId));
    const seen = new Set<number>();
    issues.forEach((i, k) => {
      if (seen.has(i.no)) {
        throw new AppError(
          'BAD_ARGS',
          `development issue ${k + 1}: number ${i.no} is used twice`,
          `ประเด็นการพัฒนาลำดับที่ ${k + 1}: หมายเลข ${i.no} ซ้ำกัน`,
        );
      }
      seen.add(i.no);
    });
    const used = sqlite
      .prepare(
        `SELECT development_issue_no AS no, COUNT(*) AS n FROM project
          WHERE round_id = ? AND development_issue_no IS NOT NULL GROUP BY development_issue_no`,
      )
      .all(roundId) as { no: number; n: number }[];
    const orphan = used.find((u) => !seen.has(u.no));
    if (orphan) {
      throw new AppError(
        'INVALID_STATE',
        `development issue ${orphan.no} is the issue of ${orphan.n} proposal(s); move them to another issue first`,
        `ประเด็นการพัฒนาที่ ${orphan.no} มีโครงการ ${orphan.n} โครงการอ้างถึง กรุณาย้ายโครงการไปประเด็นอื่นก่อน`,
      );
    }
    sqlite.prepare('DELETE FROM development_issue WHERE round_id = ?').run(roundId);
    const insert = sqlite.prepare(
      `INSERT INTO development_issue (round_id, no, title_th, title_en, approaches_json, national_strategy, master_plans_json)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const i of [...issues].sort((a, b) => a.no - b.no)) {
      insert.run(
        roundId,
        i.no,
        i.titleTh,
        i.titleEn,
        JSON.stringify(i.approaches),
        i.nationalStrategy,
        JSON.stringify([...i.masterPlans].sort((a, b) => a - b)),
      );
    }
    appendAudit(sqlite, actor, 'round.development_issues_set', { roundId, issues });
  })();
}

export type MemberInput = Readonly<{ name: string; titleTh: string; titleEn: string; agency: string; role: MemberRole }>;

/**
 * Refuses a name another member of the round (active or not) already holds, compared in one spelling (`nameKey`): the
 * approver is named by name on the command line, and a member typed twice is one person.
 */
function refuseSameName(sqlite: Sqlite, roundId: number, name: string, memberId: number | null): void {
  const rows = sqlite.prepare('SELECT id, name FROM member WHERE round_id = ?').all(roundId) as { id: number; name: string }[];
  const other = rows.find((r) => r.id !== memberId && nameKey(r.name) === nameKey(name));
  if (other) {
    throw new AppError(
      'BAD_ARGS',
      `the round already has a member named "${other.name}" (member ${other.id})`,
      `รอบนี้มีกรรมการชื่อ "${other.name}" อยู่แล้ว (หมายเลข ${other.id})`,
    );
  }
}

export function createMember(sqlite: Sqlite, actor: string, roundId: number, m: MemberInput): Member {
  return sqlite.transaction(() => {
    refuseClosed(requireRound(sqlite, roundId));
    refuseSameName(sqlite, roundId, m.name, null);
    const info = sqlite
      .prepare('INSERT INTO member (round_id, name, title_th, title_en, agency, role, active) VALUES (?, ?, ?, ?, ?, ?, 1)')
      .run(roundId, m.name, m.titleTh, m.titleEn, m.agency, m.role);
    const id = Number(info.lastInsertRowid);
    appendAudit(sqlite, actor, 'member.created', { roundId, id, ...m });
    return toMember(sqlite.prepare('SELECT * FROM member WHERE id = ?').get(id) as MemberRow);
  })();
}

export function updateMember(
  sqlite: Sqlite,
  actor: string,
  memberId: number,
  patch: Partial<MemberInput> & Readonly<{ active?: boolean | undefined }>,
): Member {
  return sqlite.transaction(() => {
    const m = sqlite.prepare('SELECT * FROM member WHERE id = ?').get(memberId) as MemberRow | undefined;
    if (!m) throw new AppError('NOT_FOUND', `member ${memberId} does not exist`, `ไม่พบกรรมการหมายเลข ${memberId}`);
    refuseClosed(requireRound(sqlite, m.round_id));
    if (patch.name !== undefined) refuseSameName(sqlite, m.round_id, patch.name, memberId);
    sqlite
      .prepare('UPDATE member SET name = ?, title_th = ?, title_en = ?, agency = ?, role = ?, active = ? WHERE id = ?')
      .run(
        patch.name ?? m.name,
        patch.titleTh ?? m.title_th,
        patch.titleEn ?? m.title_en,
        patch.agency ?? m.agency,
        patch.role ?? m.role,
        patch.active === undefined ? m.active : patch.active ? 1 : 0,
        memberId,
      );
    appendAudit(sqlite, actor, 'member.updated', { memberId, ...patch });
    return toMember(sqlite.prepare('SELECT * FROM member WHERE id = ?').get(memberId) as MemberRow);
  })();
}

/** The widest scale a criterion members score may have, either way from 0. */
const SCALE_LIMIT = 1000;

/** Checks one criterion's fields together; `k` is its 1-based place in the list. */
function checkCriterion(c: CriterionInput, k: number): void {
  const where = (en: string, th: string): AppError =>
    new AppError('BAD_ARGS', `criterion ${k} (${c.code}): ${en}`, `เกณฑ์ข้อที่ ${k} (${c.code}): ${th}`);
  if (c.kind === 'computed' && c.source === null) {
    throw where('a computed criterion needs its evidence source', 'เกณฑ์ที่คำนวณจากหลักฐานต้องระบุแหล่งหลักฐาน');
  }
  if (c.kind === 'member' && c.source !== null) {
    throw where('a criterion members score has no evidence source', 'เกณฑ์ที่กรรมการให้คะแนนต้องไม่มีแหล่งหลักฐาน');
  }
  if (c.kind === 'member' && (Math.abs(c.scaleMin) > SCALE_LIMIT || Math.abs(c.scaleMax) > SCALE_LIMIT)) {
    throw where(
      `the scale ${c.scaleMin}–${c.scaleMax} goes beyond ±${SCALE_LIMIT} (a committee scores on a scale such as 1–5 or 0–100)`,
      `ช่วงคะแนน ${c.scaleMin}–${c.scaleMax} เกิน ±${SCALE_LIMIT} (กรรมการให้คะแนนในช่วงเช่น 1–5 หรือ 0–100)`,
    );
  }
  if (c.kind === 'member' && !(c.scaleMax > c.scaleMin)) {
    throw where(
      `the scale's top (${c.scaleMax}) must be above its bottom (${c.scaleMin})`,
      `คะแนนสูงสุด (${c.scaleMax}) ต้องมากกว่าคะแนนต่ำสุด (${c.scaleMin})`,
    );
  }
  if (c.kind === 'computed' && c.source !== null && c.direction !== SOURCE_DIRECTION[c.source]) {
    throw where(
      `${c.source} is a ${SOURCE_DIRECTION[c.source]} criterion, not ${c.direction}`,
      `เกณฑ์ ${c.source} ต้องมีทิศทาง ${SOURCE_DIRECTION[c.source] === 'cost' ? 'ยิ่งน้อยยิ่งดี' : 'ยิ่งมากยิ่งดี'}`,
    );
  }
}

/** The AHP result of a comparison, or the matrix's problem as a refusal in both languages. */
function comparisonWeights(n: number, upper: readonly number[]): AhpResult {
  try {
    return ahpWeights(matrixFromUpper(n, upper));
  } catch (e) {
    if (e instanceof AhpMatrixError) {
      throw new AppError('BAD_ARGS', `pairwise comparison: ${e.en}`, `การเปรียบเทียบเป็นคู่: ${e.th}`);
    }
    throw e;
  }
}

/**
 * Replaces the round's criteria, matched by code so that kept criteria keep their ids and scores. Weights are stored
 * normalised to sum 1 (4 decimals); with `ahp` they are the comparison's principal eigenvector. Refused as a whole
 * when a removed criterion has scores, codes repeat, or the comparison is malformed.
 */
export function setCriteria(
  sqlite: Sqlite,
  actor: string,
  roundId: number,
  criteria: readonly CriterionInput[],
  ahp: Readonly<{ upper: readonly number[] }> | null,
): { cr: number | null } {
  return sqlite.transaction(() => {
    refuseClosed(requireRound(sqlite, roundId));
    const codes = new Set<string>();
    criteria.forEach((c, k) => {
      if (codes.has(c.code)) {
        throw new AppError(
          'BAD_ARGS',
          `criterion ${k + 1}: code "${c.code}" is used twice`,
          `เกณฑ์ข้อที่ ${k + 1}: รหัส "${c.code}" ซ้ำกัน`,
        );
      }
      codes.add(c.code);
      checkCriterion(c, k + 1);
    });
    let weights: number[];
    let comparison: AhpComparison | null = null;
    if (ahp) {
      const result = comparisonWeights(criteria.length, ahp.upper);
      weights = roundWeights(result.weights);
      comparison = { codes: criteria.map((c) => c.code), upper: [...ahp.upper], cr: result.cr };
    } else {
      const total = criteria.reduce((s, c) => s + c.weight, 0);
      if (!(total > 0)) {
        throw new AppError(
          'BAD_ARGS',
          'criteria weights: at least one weight must be above 0',
          'น้ำหนักเกณฑ์: ต้องมีน้ำหนักมากกว่า 0 อย่างน้อยหนึ่งเกณฑ์',
        );
      }
      weights = roundWeights(criteria.map((c) => c.weight));
    }
    const existing = sqlite.prepare('SELECT id, code, kind FROM criterion WHERE round_id = ?').all(roundId) as {
      id: number;
      code: string;
      kind: string;
    }[];
    const countScores = sqlite.prepare('SELECT COUNT(*) AS n FROM score WHERE criterion_id = ?');
    for (const old of existing) {
      const next = criteria.find((c) => c.code === old.code);
      const scored = (countScores.get(old.id) as { n: number }).n;
      if (scored > 0 && (!next || next.kind !== 'member')) {
        throw new AppError(
          'INVALID_STATE',
          `criterion "${old.code}" has ${scored} score(s) and cannot be ${next ? 'made computed' : 'removed'}`,
          `เกณฑ์ "${old.code}" มีคะแนนแล้ว ${scored} รายการ จึง${next ? 'เปลี่ยนเป็นเกณฑ์คำนวณ' : 'ลบ'}ไม่ได้`,
        );
      }
    }
    // A kept criterion's new scale must hold the scores already given on it (else they would count past its ends).
    const outside = sqlite.prepare(
      'SELECT COUNT(*) AS n, MIN(value) AS lo, MAX(value) AS hi FROM score WHERE criterion_id = ? AND (value < ? OR value > ?)',
    );
    for (const old of existing) {
      const next = criteria.find((c) => c.code === old.code);
      if (next?.kind !== 'member') continue;
      const o = outside.get(old.id, next.scaleMin, next.scaleMax) as { n: number; lo: number | null; hi: number | null };
      if (o.n > 0) {
        throw new AppError(
          'INVALID_STATE',
          `criterion "${old.code}": ${o.n} score(s) already given (${o.lo}–${o.hi}) lie outside the new scale ${next.scaleMin}–${next.scaleMax}; keep a scale that holds them, or clear those scores first`,
          `เกณฑ์ "${old.code}": คะแนนที่ให้ไว้แล้ว ${o.n} รายการ (${o.lo}–${o.hi}) อยู่นอกช่วงคะแนนใหม่ ${next.scaleMin}–${next.scaleMax} กรุณาใช้ช่วงที่ครอบคะแนนเหล่านั้น หรือล้างคะแนนเหล่านั้นก่อน`,
        );
      }
    }
    const keep = new Set(criteria.map((c) => c.code));
    const remove = sqlite.prepare('DELETE FROM criterion WHERE id = ?');
    for (const old of existing) if (!keep.has(old.code)) remove.run(old.id);
    const update = sqlite.prepare(
      `UPDATE criterion SET name_th = ?, name_en = ?, weight = ?, scale_min = ?, scale_max = ?, kind = ?, sort = ?,
              direction = ?, source = ? WHERE round_id = ? AND code = ?`,
    );
    const insert = sqlite.prepare(
      `INSERT INTO criterion (name_th, name_en, weight, scale_min, scale_max, kind, sort, direction, source, round_id, code)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    criteria.forEach((c, k) => {
      // Computed criteria are normalised against the round (0 … 1), whatever scale was sent.
      const scale = c.kind === 'member' ? [c.scaleMin, c.scaleMax] : [0, 1];
      const values = [c.nameTh, c.nameEn, weights[k]!, scale[0], scale[1], c.kind, k, c.direction, c.source, roundId, c.code];
      if (existing.some((o) => o.code === c.code)) update.run(...values);
      else insert.run(...values);
    });
    sqlite.prepare('UPDATE round SET ahp_json = ? WHERE id = ?').run(comparison ? JSON.stringify(comparison) : null, roundId);
    appendAudit(sqlite, actor, 'round.criteria_set', { roundId, criteria, ahp, weights });
    return { cr: comparison?.cr ?? null };
  })();
}

const state = (done: number, total: number): StepState =>
  total > 0 && done >= total ? 'done' : done > 0 ? 'in_progress' : 'todo';

/** The round's steps in order, each one's state computed from the database, and the first one not done. */
export function roundProgress(sqlite: Sqlite, roundId: number): RoundProgress {
  const r = requireRound(sqlite, roundId);
  const one = (q: string, ...args: unknown[]): number => (sqlite.prepare(q).get(...args) as { n: number }).n;
  const needs = one(`SELECT COUNT(*) AS n FROM need WHERE status = 'active'`);
  const projects = r.project_count;
  const linked = one(
    `SELECT COUNT(*) AS n FROM project p WHERE p.round_id = ? AND EXISTS (SELECT 1 FROM project_need pn WHERE pn.project_id = p.id)`,
    roundId,
  );
  const memberCriteria = one(`SELECT COUNT(*) AS n FROM criterion WHERE round_id = ? AND kind = 'member'`, roundId);
  const activeMembers = one('SELECT COUNT(*) AS n FROM member WHERE round_id = ? AND active = 1', roundId);
  const expectedScores = projects * memberCriteria * activeMembers;
  const scores = one(
    `SELECT COUNT(*) AS n FROM score s JOIN member m ON m.id = s.member_id AND m.active = 1
       JOIN criterion c ON c.id = s.criterion_id AND c.kind = 'member' WHERE m.round_id = ?`,
    roundId,
  );
  const scenarios = one('SELECT COUNT(*) AS n FROM scenario WHERE round_id = ?', roundId);
  // The round's first draft is made with it; a scenario the secretariat has made or edited counts as work done.
  const worked = one(
    'SELECT COUNT(*) AS n FROM scenario WHERE round_id = ? AND (updated_at <> created_at OR id <> (SELECT MIN(id) FROM scenario WHERE round_id = ?))',
    roundId,
    roundId,
  );
  // The step is the approved plan's workbook: drafts (marked ร่าง) and a superseded approval's files do not count.
  const exported = one(
    `SELECT COUNT(*) AS n FROM audit_event
       WHERE kind = 'plan.exported' AND json_extract(payload_json, '$.roundId') = ?
         AND json_extract(payload_json, '$.format') = 'xlsx'
         AND json_extract(payload_json, '$.approvalId') IN (
           SELECT a.id FROM approval a WHERE a.round_id = ? AND NOT EXISTS (SELECT 1 FROM approval b WHERE b.supersedes = a.id))`,
    roundId,
    roundId,
  );
  const approved = r.status === 'approved' || r.status === 'closed';
  const steps: ProgressStep[] = [
    { key: 'needs', state: needs > 0 ? 'done' : 'todo', done: needs, total: null },
    { key: 'proposals', state: projects > 0 ? 'done' : 'todo', done: projects, total: null },
    { key: 'linked', state: state(linked, projects), done: linked, total: projects },
    { key: 'scored', state: state(scores, expectedScores), done: scores, total: expectedScores },
    { key: 'scenarios', state: worked > 0 ? 'done' : 'todo', done: worked, total: scenarios },
    { key: 'approved', state: approved ? 'done' : 'todo', done: null, total: null },
    { key: 'exported', state: exported > 0 ? 'done' : 'todo', done: exported, total: null },
  ];
  const criteria = sqlite.prepare('SELECT weight FROM criterion WHERE round_id = ?').all(roundId) as { weight: number }[];
  return {
    roundId,
    steps,
    next: steps.find((s) => s.state !== 'done')?.key ?? null,
    setup: {
      developmentIssues: one('SELECT COUNT(*) AS n FROM development_issue WHERE round_id = ?', roundId),
      activeMembers,
      criteria: criteria.length,
      memberCriteria,
      weightSum: Math.round(criteria.reduce((s, c) => s + c.weight, 0) * 1e4) / 1e4,
    },
  };
}
