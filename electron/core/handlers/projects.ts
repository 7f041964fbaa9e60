/**
 * Proposal editing from the grid: read one or a round's proposals with what depends on them, create, update and
 * remove. Every write goes through the proposal store (checked, versioned, audited) and tells every window to
 * refetch the round's projects and ranking.
 */
import type Database from 'better-sqlite3';
import { AppError } from '../../../shared/api/errors';
import { MAX_PROPOSAL_POINTS, type ProposalDetail, type ProposalWriteResult } from '../../../shared/api/projects';
import { PROPOSAL_FIELD_NAMES, type Proposal, type ProposalInput } from '../../../shared/domain/proposals';
import { appendAudit } from '../audit/audit-log';
import type { CoreContext } from '../context';
import type { Store } from '../db/database';
import { namedTambons, recordsOutside } from '../import/point-notes';
import { listProposals, priorityHolders, proposalPoints, readProposal, writeProposal } from '../services/proposal-store';
import type { HandlerMap } from './types';

type Dependants = { scores: number; links: number };

/** Score and link counts of a round's proposals, by project id (one grouped scan each, not one query per proposal). */
function dependantsOf(sqlite: Database.Database, roundId: number): Map<number, Dependants> {
  const out = new Map<number, Dependants>();
  const counts = (table: 'score' | 'project_need'): [number, number][] =>
    sqlite
      .prepare(
        `SELECT t.project_id, COUNT(*) FROM ${table} t JOIN project p ON p.id = t.project_id
         WHERE p.round_id = ? GROUP BY t.project_id`,
      )
      .raw()
      .all(roundId) as [number, number][];
  for (const [pid, n] of counts('score')) out.set(pid, { scores: n, links: 0 });
  for (const [pid, n] of counts('project_need')) out.set(pid, { scores: out.get(pid)?.scores ?? 0, links: n });
  return out;
}

/**
 * Score and link counts of one proposal: what a score edit can change in its row, read for it alone (every screen
 * showing the proposals asks after each edit, and the round's counts group every score of a province's round).
 */
function dependantsOfOne(sqlite: Database.Database, projectId: number): Dependants {
  const count = (table: 'score' | 'project_need'): number =>
    sqlite.prepare(`SELECT COUNT(*) FROM ${table} WHERE project_id = ?`).pluck().get(projectId) as number;
  return { scores: count('score'), links: count('project_need') };
}

function detail(p: Proposal, d: Dependants | undefined, outside: ReadonlySet<number>): ProposalDetail {
  return { ...p, scoreCount: d?.scores ?? 0, linkCount: d?.links ?? 0, ...(outside.has(p.id) ? { pointOutside: true } : {}) };
}

/** The ids of the proposals whose point lies in none of the tambons they cover (see import/point-notes.ts). */
function pointsOutside(store: Store, proposals: readonly Proposal[]): ReadonlySet<number> {
  const placed = proposals.flatMap((p) => (p.point ? [{ id: p.id, tambons: p.coveredTambons, point: p.point }] : []));
  return new Set(recordsOutside(store, placed).map((o) => o.record.id));
}

function existing(sqlite: Database.Database, projectId: number): Proposal {
  const p = readProposal(sqlite, projectId);
  if (!p) throw new AppError('NOT_FOUND', `proposal ${projectId} does not exist`, `ไม่พบโครงการที่ ${projectId}`);
  return p;
}

const when = (iso: string, locale: string): string =>
  new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Bangkok' }).format(new Date(iso));

/**
 * A version conflict, saying who changed the proposal last, when and which fields (from its audit trail), so the
 * editor can tell the user what happened before reloading.
 */
function conflict(sqlite: Database.Database, p: Proposal, expectedVersion: number): AppError {
  const last = sqlite
    .prepare(
      `SELECT actor, at, payload_json FROM audit_event
       WHERE kind IN ('proposal.created', 'proposal.updated') AND json_extract(payload_json, '$.projectId') = ?
       ORDER BY id DESC LIMIT 1`,
    )
    .get(p.id) as { actor: string; at: string; payload_json: string } | undefined;
  const changes = last ? (JSON.parse(last.payload_json) as { changes?: Record<string, unknown> }).changes : undefined;
  const fields = Object.keys(changes ?? {});
  const en = last ? ` by ${last.actor} at ${when(last.at, 'en-GB')}${fields.length ? `: ${fields.join(', ')}` : ''}` : '';
  const th = last
    ? ` โดย ${last.actor} เมื่อ ${when(last.at, 'th-TH-u-ca-buddhist')}${fields.length ? ` แก้ไข ${fields.map((f) => PROPOSAL_FIELD_NAMES[f]?.th ?? f).join(', ')}` : ''}`
    : '';
  return new AppError(
    'VERSION_CONFLICT',
    `proposal ${p.code} was changed meanwhile (version ${p.version}, not ${expectedVersion})${en}`,
    `โครงการ ${p.code} ถูกแก้ไขไปแล้ว (ฉบับที่ ${p.version})${th}`,
  );
}

/** Proposals changed: the grid, the ranking and the round's progress are stale in every window. */
function changed(ctx: CoreContext, roundId: number): void {
  ctx.emit('round.changed', { roundId });
  ctx.emit('allocation.changed', { roundId });
}

/**
 * Removes a proposal nobody depends on yet: no scores, no linked needs. Refuses a stale version and a round that
 * is approved or closed. Audited.
 */
function removeProposal(sqlite: Database.Database, projectId: number, expectedVersion: number, actor: string): Proposal {
  return sqlite.transaction((): Proposal => {
    const p = existing(sqlite, projectId);
    if (p.version !== expectedVersion) throw conflict(sqlite, p, expectedVersion);
    const status = sqlite.prepare('SELECT status FROM round WHERE id = ?').pluck().get(p.roundId) as string;
    if (status === 'approved' || status === 'closed') {
      throw new AppError(
        'INVALID_STATE',
        `the round is ${status}: its proposals can no longer change`,
        'รอบนี้อนุมัติหรือปิดแล้ว แก้ไขโครงการไม่ได้',
      );
    }
    const d = dependantsOf(sqlite, p.roundId).get(p.id);
    if (d && (d.scores > 0 || d.links > 0)) {
      throw new AppError(
        'INVALID_STATE',
        `proposal ${p.code} cannot be removed: it has ${d.scores} scores and ${d.links} linked needs`,
        `ลบโครงการ ${p.code} ไม่ได้ เพราะมีคะแนน ${d.scores} รายการ และเชื่อมโยงความต้องการ ${d.links} รายการ`,
      );
    }
    // The id is bound as text: a JS number binds as REAL, and '$."23.0"' names no lock.
    const locking = sqlite
      .prepare(
        `SELECT name FROM scenario WHERE round_id = ? AND json_extract(locks_json, '$."' || ? || '"') IS NOT NULL ORDER BY id`,
      )
      .pluck()
      .all(p.roundId, String(p.id)) as string[];
    if (locking.length > 0) {
      throw new AppError(
        'INVALID_STATE',
        `proposal ${p.code} cannot be removed: scenario ${locking.join(', ')} locks its amount`,
        `ลบโครงการ ${p.code} ไม่ได้ เพราะฉากทัศน์ ${locking.join(', ')} ล็อกวงเงินของโครงการนี้ไว้`,
      );
    }
    sqlite.prepare('DELETE FROM link_rejection WHERE project_id = ?').run(p.id);
    sqlite.prepare('DELETE FROM project_area WHERE project_id = ?').run(p.id);
    sqlite.prepare('DELETE FROM project WHERE id = ?').run(p.id);
    appendAudit(sqlite, actor, 'proposal.removed', { roundId: p.roundId, projectId: p.id, code: p.code, version: p.version });
    return p;
  })();
}

/**
 * A write's result with the warning that the agency's other proposals in the round already hold the priority just
 * given (saved all the same: the committee asks the agency which matters more).
 */
function withSamePriority(
  sqlite: Database.Database,
  roundId: number,
  written: ProposalWriteResult,
  input: ProposalInput,
): ProposalWriteResult {
  const priority = input.agencyPriority;
  if (priority === null) return written;
  const held = priorityHolders(sqlite, { id: written.id, roundId, agency: input.agency, agencyPriority: priority });
  return held.length === 0 ? written : { ...written, samePriority: { agency: input.agency.trim(), priority, held } };
}

/**
 * A write's result with the warning that the proposal's point lies outside the tambons it covers (see
 * import/point-notes.ts: the same check an import's preview makes), when the point is given.
 */
function withPointCheck(store: Store, written: ProposalWriteResult, input: ProposalInput): ProposalWriteResult {
  if (!input.point) return written;
  const saved = readProposal(store.sqlite, written.id);
  if (!saved) return written;
  const [outside] = recordsOutside(store, [{ tambons: saved.coveredTambons, point: input.point }]);
  if (!outside) return written;
  const named = namedTambons(outside.tambonNames);
  return {
    ...written,
    pointOutside: {
      en: `the point lies outside the tambons the proposal covers (${named.en}): the area or the point may be wrong; saved as given`,
      th: `พิกัดอยู่นอกตำบลที่ดำเนินการ (${named.th}) พื้นที่หรือพิกัดอาจไม่ถูกต้อง ระบบบันทึกตามที่ระบุ`,
    },
  };
}

export const projectsHandlers = {
  'projects.get': (args, _caller, ctx) => {
    const p = existing(ctx.store.sqlite, args.projectId);
    return detail(p, dependantsOfOne(ctx.store.sqlite, p.id), pointsOutside(ctx.store, [p]));
  },
  'projects.details': (args, _caller, ctx) => {
    const counts = dependantsOf(ctx.store.sqlite, args.roundId);
    const proposals = listProposals(ctx.store.sqlite, args.roundId);
    const outside = pointsOutside(ctx.store, proposals);
    return proposals.map((p) => detail(p, counts.get(p.id), outside));
  },
  'projects.points': (args, _caller, ctx) => proposalPoints(ctx.store.sqlite, args, MAX_PROPOSAL_POINTS),
  'projects.create': (args, caller, ctx) => {
    const written = writeProposal(ctx.store.sqlite, args.roundId, args.proposal, caller.actor, { createOnly: true });
    changed(ctx, args.roundId);
    return withPointCheck(ctx.store, withSamePriority(ctx.store.sqlite, args.roundId, written, args.proposal), args.proposal);
  },
  'projects.update': (args, caller, ctx) => {
    const sqlite = ctx.store.sqlite;
    const p = existing(sqlite, args.projectId);
    if (p.version !== args.expectedVersion) throw conflict(sqlite, p, args.expectedVersion);
    if (args.proposal.code !== p.code) {
      throw new AppError(
        'BAD_ARGS',
        `proposal.code: the code of proposal ${p.code} cannot change`,
        `เปลี่ยนรหัสโครงการ ${p.code} ไม่ได้`,
        [{ line: 0, column: 'code', en: 'the code cannot change', th: 'เปลี่ยนรหัสโครงการไม่ได้' }],
      );
    }
    const written = writeProposal(sqlite, p.roundId, args.proposal, caller.actor, {
      expectedVersion: args.expectedVersion,
      confirmAfterScoring: args.confirmAfterScoring ?? false,
    });
    if (written.kind === 'unchanged') return written;
    changed(ctx, p.roundId);
    // Warned when the edit gives the priority (or moves the proposal to another agency), not on every later edit.
    const given = p.agencyPriority !== args.proposal.agencyPriority || p.agency.trim() !== args.proposal.agency.trim();
    const result = given ? withSamePriority(sqlite, p.roundId, written, args.proposal) : written;
    // Checked when the point or the areas change, not on every later edit.
    const placed =
      JSON.stringify(p.point) !== JSON.stringify(args.proposal.point) ||
      p.scope !== args.proposal.scope ||
      p.districtCode !== args.proposal.districtCode ||
      p.tambonCodes.join(',') !== args.proposal.tambonCodes.join(',');
    return placed ? withPointCheck(ctx.store, result, args.proposal) : result;
  },
  'projects.remove': (args, caller, ctx) => {
    const removed = removeProposal(ctx.store.sqlite, args.projectId, args.expectedVersion, caller.actor);
    changed(ctx, removed.roundId);
    return { removed: removed.id };
  },
} satisfies Partial<HandlerMap>;
