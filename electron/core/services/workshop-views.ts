/**
 * What the workshop's screens read: a member's own sheet, each member's progress, and the projector (results,
 * disagreement and the live allocation, only once the facilitator has revealed them).
 */
import type Database from 'better-sqlite3';
import { AppError } from '../../../shared/api/errors';
import type { MemberSheet, ProjectorView } from '../../../shared/api/workshop';
import { disagreement, type CriterionScores } from '../../../shared/domain/workshop';
import type { Store } from '../db/database';
import { runGreedy } from './allocation';
import { readCache } from './read-cache';
import type { SessionRow, WorkshopIdentity } from './workshop';

/** The projector shows the top of the ranking (a room reads 50 rows at most; every device refetches after each edit). */
export const PROJECTOR_ROWS = 50;

type Assignment = Readonly<{ member_id: number | null; projects_json: string | null; criteria_json: string | null }>;

/** A score (`s`) that counts: its member declared no conflict of interest on its project. */
const NOT_CONFLICTED =
  'NOT EXISTS (SELECT 1 FROM conflict_of_interest ci WHERE ci.member_id = s.member_id AND ci.project_id = s.project_id)';

/**
 * The cells a member participant scores: assigned projects × member-scored criteria, less the projects they declared
 * a conflict of interest on (not due, as on their own sheet); and how many of the due cells they scored.
 */
export function participantProgress(
  sqlite: Database.Database,
  roundId: number,
  p: Assignment,
): { assigned: number; scored: number } {
  if (p.member_id === null) return { assigned: 0, scored: 0 };
  const projects = p.projects_json
    ? (JSON.parse(p.projects_json) as number[]).length
    : (sqlite.prepare('SELECT COUNT(*) AS n FROM project WHERE round_id = ?').get(roundId) as { n: number }).n;
  const criteria = p.criteria_json
    ? (JSON.parse(p.criteria_json) as number[]).length
    : (sqlite.prepare(`SELECT COUNT(*) AS n FROM criterion WHERE round_id = ? AND kind = 'member'`).get(roundId) as { n: number })
        .n;
  const conflicted = (
    sqlite
      .prepare(
        `SELECT COUNT(*) AS n FROM conflict_of_interest ci JOIN project p ON p.id = ci.project_id
         WHERE ci.member_id = ? AND p.round_id = ? AND (? IS NULL OR ci.project_id IN (SELECT value FROM json_each(?)))`,
      )
      .get(p.member_id, roundId, p.projects_json, p.projects_json) as { n: number }
  ).n;
  const scored = (
    sqlite
      .prepare(
        `SELECT COUNT(*) AS n FROM score s JOIN project p ON p.id = s.project_id JOIN criterion c ON c.id = s.criterion_id
         WHERE s.member_id = ? AND p.round_id = ? AND c.kind = 'member'
           AND (? IS NULL OR s.project_id IN (SELECT value FROM json_each(?)))
           AND (? IS NULL OR s.criterion_id IN (SELECT value FROM json_each(?)))
           AND ${NOT_CONFLICTED}`,
      )
      .get(p.member_id, roundId, p.projects_json, p.projects_json, p.criteria_json, p.criteria_json) as { n: number }
  ).n;
  return { assigned: (projects - conflicted) * criteria, scored };
}

/**
 * A signed-in member's sheet: their assigned projects and criteria, only their own scores (and the versions of those
 * taken back), and the conflicts of interest they declared on those projects.
 */
export function memberSheet(sqlite: Database.Database, who: WorkshopIdentity): MemberSheet {
  if (who.memberId === null) {
    throw new AppError('FORBIDDEN', 'only a member has a scoring sheet', 'แบบให้คะแนนมีเฉพาะกรรมการผู้ให้คะแนน');
  }
  const assignment = sqlite
    .prepare('SELECT projects_json, criteria_json FROM workshop_participant WHERE id = ?')
    .get(who.participantId) as Assignment;
  const projects = sqlite
    .prepare(
      `SELECT id, code, title, agency, requested FROM project WHERE round_id = ?
         AND (? IS NULL OR id IN (SELECT value FROM json_each(?))) ORDER BY code`,
    )
    .all(who.roundId, assignment.projects_json, assignment.projects_json) as MemberSheet['projects'];
  const criteria = (
    sqlite
      .prepare(
        `SELECT id, code, name_th, name_en, scale_min, scale_max FROM criterion WHERE round_id = ? AND kind = 'member'
           AND (? IS NULL OR id IN (SELECT value FROM json_each(?))) ORDER BY sort, id`,
      )
      .all(who.roundId, assignment.criteria_json, assignment.criteria_json) as {
      id: number;
      code: string;
      name_th: string;
      name_en: string;
      scale_min: number;
      scale_max: number;
    }[]
  ).map((c) => ({ id: c.id, code: c.code, nameTh: c.name_th, nameEn: c.name_en, scaleMin: c.scale_min, scaleMax: c.scale_max }));
  const scores = sqlite
    .prepare(
      `SELECT s.project_id AS projectId, s.criterion_id AS criterionId, s.value, s.version FROM score s
       JOIN project p ON p.id = s.project_id WHERE p.round_id = ? AND s.member_id = ?`,
    )
    .all(who.roundId, who.memberId) as MemberSheet['scores'];
  const cleared = sqlite
    .prepare(
      `SELECT sc.project_id AS projectId, sc.criterion_id AS criterionId, sc.version FROM score_cleared sc
       JOIN project p ON p.id = sc.project_id WHERE p.round_id = ? AND sc.member_id = ?`,
    )
    .all(who.roundId, who.memberId) as MemberSheet['cleared'];
  const onSheet = new Set(projects.map((p) => p.id));
  const conflicts = (
    sqlite
      .prepare(
        `SELECT ci.project_id AS projectId, ci.reason FROM conflict_of_interest ci JOIN project p ON p.id = ci.project_id
          WHERE p.round_id = ? AND ci.member_id = ? ORDER BY p.code`,
      )
      .all(who.roundId, who.memberId) as MemberSheet['conflicts']
  ).filter((c) => onSheet.has(c.projectId));
  return { roundId: who.roundId, memberId: who.memberId, name: who.name, projects, criteria, scores, cleared, conflicts };
}

/**
 * Each member participant's progress at once: one grouped count for those who score the whole round, one count each
 * for those with their own list (30 devices refetching after every edit must not cost 30 × 30 queries).
 */
export function progressOf(
  sqlite: Database.Database,
  roundId: number,
  participants: readonly (Assignment & { id: number })[],
): Map<number, { assigned: number; scored: number }> {
  const whole = new Map(
    (
      sqlite
        .prepare(
          `SELECT s.member_id AS memberId, COUNT(*) AS n FROM score s JOIN project p ON p.id = s.project_id
           JOIN criterion c ON c.id = s.criterion_id WHERE p.round_id = ? AND c.kind = 'member' AND ${NOT_CONFLICTED}
           GROUP BY s.member_id`,
        )
        .all(roundId) as { memberId: number; n: number }[]
    ).map((r) => [r.memberId, r.n]),
  );
  const projects = (sqlite.prepare('SELECT COUNT(*) AS n FROM project WHERE round_id = ?').get(roundId) as { n: number }).n;
  const criteria = (
    sqlite.prepare(`SELECT COUNT(*) AS n FROM criterion WHERE round_id = ? AND kind = 'member'`).get(roundId) as { n: number }
  ).n;
  const conflicts = new Map(
    (
      sqlite
        .prepare(
          `SELECT ci.member_id AS memberId, COUNT(*) AS n FROM conflict_of_interest ci JOIN project p ON p.id = ci.project_id
           WHERE p.round_id = ? GROUP BY ci.member_id`,
        )
        .all(roundId) as { memberId: number; n: number }[]
    ).map((r) => [r.memberId, r.n]),
  );
  const out = new Map<number, { assigned: number; scored: number }>();
  for (const p of participants) {
    if (p.member_id === null) out.set(p.id, { assigned: 0, scored: 0 });
    else if (p.projects_json === null && p.criteria_json === null) {
      const due = (projects - (conflicts.get(p.member_id) ?? 0)) * criteria;
      out.set(p.id, { assigned: due, scored: whole.get(p.member_id) ?? 0 });
    } else out.set(p.id, participantProgress(sqlite, roundId, p));
  }
  return out;
}

/**
 * The projector: progress per member always; ranking, disagreement and allocation only once revealed. Computed once
 * per state of the database, however many screens ask after an edit.
 */
export function projectorView(store: Store, session: SessionRow): Promise<ProjectorView> {
  return readCache(store).get(`workshop-projector:${session.id}:${session.revealed}`, () => computeProjector(store, session));
}

async function computeProjector(store: Store, session: SessionRow): Promise<ProjectorView> {
  const { sqlite } = store;
  const round = sqlite.prepare('SELECT name FROM round WHERE id = ?').get(session.round_id) as { name: string };
  const members = sqlite
    .prepare(
      `SELECT id, name, member_id, projects_json, criteria_json FROM workshop_participant
       WHERE session_id = ? AND role = 'member' AND removed_at IS NULL ORDER BY name`,
    )
    .all(session.id) as (Assignment & { id: number; name: string })[];
  const counts = progressOf(sqlite, session.round_id, members);
  const progress = members.map((m) => ({ participantId: m.id, name: m.name, ...counts.get(m.id)! }));
  const base = { roundId: session.round_id, roundName: round.name, revealed: session.revealed === 1, progress };
  if (session.revealed !== 1) return { ...base, results: null };
  const allocation = await runGreedy(store, session.round_id);
  const top = [...allocation.rows].sort((a, b) => a.rank - b.rank).slice(0, PROJECTOR_ROWS);
  const spread = disagreementByProject(
    sqlite,
    top.map((r) => r.projectId),
  );
  return {
    ...base,
    results: {
      ceiling: allocation.budget,
      totalFunded: allocation.totalFunded,
      fundedCount: allocation.fundedCount,
      includedOverCeiling: allocation.includedOverCeiling,
      rows: top.map((r) => ({
        projectId: r.projectId,
        code: r.code,
        title: r.title,
        rank: r.rank,
        composite: r.composite,
        disagreement: spread.get(r.projectId) ?? 0,
        requested: r.requested,
        funded: r.funded,
      })),
    },
  };
}

/**
 * Disagreement of the projects shown (only those: every device refetches after each edit); a member's scores on a
 * project they declared a conflict of interest on leave it, as they leave every aggregate.
 */
function disagreementByProject(sqlite: Database.Database, projectIds: readonly number[]): Map<number, number> {
  const rows = sqlite
    .prepare(
      `SELECT s.project_id AS projectId, s.criterion_id AS criterionId, s.value, c.scale_min AS scaleMin, c.scale_max AS scaleMax
       FROM score s JOIN criterion c ON c.id = s.criterion_id
       WHERE s.project_id IN (SELECT value FROM json_each(?)) AND c.kind = 'member' AND ${NOT_CONFLICTED}
       ORDER BY s.project_id, s.criterion_id`,
    )
    .all(JSON.stringify(projectIds)) as {
    projectId: number;
    criterionId: number;
    value: number;
    scaleMin: number;
    scaleMax: number;
  }[];
  const byProject = new Map<number, Map<number, { values: number[]; scaleMin: number; scaleMax: number }>>();
  for (const r of rows) {
    let criteria = byProject.get(r.projectId);
    if (!criteria) byProject.set(r.projectId, (criteria = new Map()));
    let cell = criteria.get(r.criterionId);
    if (!cell) criteria.set(r.criterionId, (cell = { values: [], scaleMin: r.scaleMin, scaleMax: r.scaleMax }));
    cell.values.push(r.value);
  }
  const out = new Map<number, number>();
  for (const [projectId, criteria] of byProject) out.set(projectId, disagreement([...criteria.values()] as CriterionScores[]));
  return out;
}
