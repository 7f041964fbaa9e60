/**
 * Approval: a scenario approved under a committee resolution is frozen as a snapshot of every input that produced its
 * plan (the run's context, the raw scores, proposals, links and need versions the ranking read, the code version) and
 * the result, each part with its SHA-256 and the whole with a manifest hash. The database refuses to change or delete
 * an approval, its parts or the approved scenario (migration 8); the core refuses first with a message. Reproduction
 * re-checks the manifest and re-runs the rule from the frozen parts alone. See docs/approval.md.
 */
import { hash } from 'node:crypto';
import { AppError } from '../../../shared/api/errors';
import type { Approval, PresentMember, ReproductionDifference, TamperedPart } from '../../../shared/api/approval';
import { RULES } from '../../../shared/api/scenario';
import type { ScenarioResult } from '../../../shared/api/types';
import type { LpSolver } from '../../../shared/domain/allocation/optimum';
import { formatBaht } from '../../../shared/domain/money';
import { splitResolution } from '../../../shared/domain/resolution';
import { bangkokDate, formatThaiDate } from '../../../shared/domain/thai-date';
import { appendAudit, auditHead, canonicalJson } from '../audit/audit-log';
import type { Store } from '../db/database';
import type { DB } from '../db/schema';
import { loadScenarioContext, runScenarioContext, type ScenarioContext } from './scenario-run';

type ApprovalRow = DB['approval'] & { id: number };

/** The parts of a frozen plan, in the order they are listed. */
export const SNAPSHOT_PARTS = [
  'approval',
  'scenario',
  'round',
  'ranking',
  'districts',
  'tambons',
  'needs',
  'unlinked_needs',
  'need_versions',
  'proposals',
  'project_areas',
  'links',
  'scores',
  'judgement',
  'code',
  'result',
] as const;
export type SnapshotPart = (typeof SNAPSHOT_PARTS)[number];

/** SHA-256 (hex) of a text. */
function sha256(text: string): string {
  return hash('sha256', text, 'hex');
}

/** The overall manifest hash: SHA-256 of the canonical JSON of part name → part hash. */
export function manifestHash(manifest: Readonly<Record<string, string>>): string {
  return sha256(canonicalJson(manifest));
}

function toApproval(row: ApprovalRow, supersededBy: number | null): Approval {
  return {
    id: row.id,
    scenarioId: row.scenario_id,
    roundId: row.round_id,
    resolutionNo: row.resolution_no,
    resolutionDate: row.resolution_date,
    approvedBy: row.approved_by,
    membersPresent: JSON.parse(row.members_present_json) as PresentMember[],
    approvedAt: row.approved_at,
    manifestSha256: row.manifest_sha256,
    chainLength: row.chain_length,
    chainHead: row.chain_head,
    codeVersion: row.code_version,
    supersedes: row.supersedes,
    supersededBy,
  };
}

const SELECT_APPROVAL = `SELECT a.*, (SELECT b.id FROM approval b WHERE b.supersedes = a.id) AS superseded_by FROM approval a`;

function readApprovals(store: Store, where: string, value: number): Approval[] {
  const rows = store.sqlite.prepare(`${SELECT_APPROVAL} WHERE ${where} ORDER BY a.id`).all(value) as (ApprovalRow & {
    superseded_by: number | null;
  })[];
  return rows.map((r) => toApproval(r, r.superseded_by));
}

/** The approval of a scenario, or null when the scenario is a draft (or does not exist). */
export function findApproval(store: Store, scenarioId: number): Approval | null {
  return readApprovals(store, 'a.scenario_id = ?', scenarioId)[0] ?? null;
}

/** One approval by its id; NOT_FOUND when there is none. */
export function getApproval(store: Store, approvalId: number): Approval {
  const found = readApprovals(store, 'a.id = ?', approvalId)[0];
  if (!found) throw new AppError('NOT_FOUND', `approval ${approvalId} does not exist`, `ไม่พบการอนุมัติ ${approvalId}`);
  return found;
}

/** The round's approvals, oldest first; superseded ones included and marked. */
export function listApprovals(store: Store, roundId: number): Approval[] {
  return readApprovals(store, 'a.round_id = ?', roundId);
}

/** The resolution as a reader names it: "ครั้งที่ 3/2568 วันที่ 15 ธันวาคม 2568". */
/** An ISO meeting date as the record shows it (the day in Thailand). */
function meetingDay(iso: string, lang: 'th' | 'en'): string {
  return formatThaiDate(new Date(`${iso}T12:00:00+07:00`), lang);
}

function resolutionText(a: Pick<Approval, 'resolutionNo' | 'resolutionDate'>, lang: 'th' | 'en'): string {
  const date = meetingDay(a.resolutionDate, lang);
  return lang === 'th' ? `มติที่ประชุม ${a.resolutionNo} วันที่ ${date}` : `resolution ${a.resolutionNo} of ${date}`;
}

/**
 * Refuses a change to an approved scenario (INVALID_STATE naming the resolution): an approved plan is changed only by a
 * new scenario and a new approval that supersedes it.
 */
export function assertScenarioEditable(store: Store, scenarioId: number, action: 'edit' | 'delete'): void {
  const approval = findApproval(store, scenarioId);
  if (!approval) return;
  const [en, th] = action === 'edit' ? ['changed', 'แก้ไข'] : ['deleted', 'ลบ'];
  throw new AppError(
    'INVALID_STATE',
    `this scenario was approved (${resolutionText(approval, 'en')}) and cannot be ${en}; branch a new scenario from it and approve that one to supersede it`,
    `สถานการณ์นี้ได้รับอนุมัติแล้ว (${resolutionText(approval, 'th')}) จึง${th}ไม่ได้ หากต้องการเปลี่ยน ให้แตกสถานการณ์ใหม่จากสถานการณ์นี้แล้วเสนออนุมัติแทน`,
  );
}

/** A run's result without its own wall time: what must be identical between the approval and a re-run. */
function comparableResult(result: ScenarioResult): Omit<ScenarioResult, 'elapsedMs'> {
  const { elapsedMs, ...rest } = result;
  void elapsedMs;
  return rest;
}

/** The raw rows the ranking was computed from, read in one consistent order (part name → content). */
function rawInputs(
  store: Store,
  roundId: number,
): Record<'need_versions' | 'proposals' | 'project_areas' | 'links' | 'scores', unknown> {
  const all = (query: string): unknown[] => store.sqlite.prepare(query).raw().all(roundId);
  return {
    need_versions: all(
      `SELECT n.id, n.source, n.external_id, n.version, n.updated_at, n.status FROM need n
        WHERE n.status = 'active' OR n.id IN (SELECT pn.need_id FROM project_need pn JOIN project p ON p.id = pn.project_id
                                              WHERE p.round_id = ?)
        ORDER BY n.id`,
    ),
    proposals: store.sqlite.prepare('SELECT * FROM project WHERE round_id = ? ORDER BY id').all(roundId),
    // The tambons each proposal works in, as [project id, tambon code]: what the evidence packs state as its areas.
    project_areas: all(
      `SELECT pa.project_id, pa.tambon_code FROM project_area pa JOIN project p ON p.id = pa.project_id
        WHERE p.round_id = ? ORDER BY pa.project_id, pa.tambon_code`,
    ),
    links: all(
      `SELECT pn.project_id, pn.need_id, pn.coverage, pn.origin FROM project_need pn JOIN project p ON p.id = pn.project_id
        WHERE p.round_id = ? ORDER BY pn.project_id, pn.need_id`,
    ),
    scores: all(
      `SELECT s.member_id, s.project_id, s.criterion_id, s.value, s.version FROM score s JOIN project p ON p.id = s.project_id
        WHERE p.round_id = ? ORDER BY s.member_id, s.project_id, s.criterion_id`,
    ),
  };
}

/**
 * The committee's judgement the ranking applied besides the scores: ranking overrides (moves, inclusions, exclusions
 * with their reasons, withdrawn ones too), declared conflicts of interest, members' weights and the aggregation chosen
 * per criterion. A table this database does not have yet is recorded as null.
 */
function judgementInputs(store: Store, roundId: number): Record<string, unknown[] | null> {
  const queries: Record<string, string> = {
    ranking_override: 'SELECT * FROM ranking_override WHERE round_id = ? ORDER BY id',
    conflict_of_interest: `SELECT * FROM conflict_of_interest WHERE project_id IN (SELECT id FROM project WHERE round_id = ?)
      ORDER BY member_id, project_id`,
    member_weight: 'SELECT * FROM member_weight WHERE member_id IN (SELECT id FROM member WHERE round_id = ?) ORDER BY member_id',
    criterion_aggregation: `SELECT * FROM criterion_aggregation WHERE criterion_id IN (SELECT id FROM criterion WHERE round_id = ?)
      ORDER BY criterion_id`,
  };
  const exists = store.sqlite.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`);
  return Object.fromEntries(
    Object.entries(queries).map(([table, query]) => [table, exists.get(table) ? store.sqlite.prepare(query).all(roundId) : null]),
  );
}

export type ApproveInput = Readonly<{
  scenarioId: number;
  resolutionNo: string;
  /** ISO date (CE). */
  resolutionDate: string;
  approverId: number;
  memberIds: readonly number[];
}>;

/** An approval just recorded, with the audit chain's length and head right after it. */
export type ApproveOutcome = Readonly<{ approval: Approval; chainLength: number; chainHead: string }>;

function checkPeople(ctx: ScenarioContext, input: ApproveInput): { approver: PresentMember; present: PresentMember[] } {
  const members = new Map(ctx.round.members.map((m) => [m.id, m]));
  const asPresent = (id: number): PresentMember | null => {
    const m = members.get(id);
    return m ? { memberId: m.id, name: m.name, titleTh: m.titleTh, role: m.role } : null;
  };
  const unknown = input.memberIds.filter((id) => !members.has(id));
  if (unknown.length > 0) {
    throw new AppError(
      'BAD_ARGS',
      `members present: ${unknown.join(', ')} are not active members of round ${ctx.round.id}'s committee`,
      `ผู้เข้าประชุม: ${unknown.join(', ')} ไม่ใช่กรรมการของรอบ ${ctx.round.id}`,
    );
  }
  const approver = asPresent(input.approverId);
  if (!approver || (approver.role !== 'chair' && approver.role !== 'secretariat')) {
    const who = ctx.round.members
      .filter((m) => m.role === 'chair' || m.role === 'secretariat')
      .map((m) => `${m.id} ${m.name}`)
      .join('; ');
    throw new AppError(
      'BAD_ARGS',
      `approver ${input.approverId}: only the chair or the secretariat of the round approves (${who || 'none named'})`,
      `ผู้อนุมัติ ${input.approverId}: ผู้อนุมัติต้องเป็นประธานหรือฝ่ายเลขานุการของรอบ (${who || 'ยังไม่ได้กำหนด'})`,
    );
  }
  const present = input.memberIds.map((id) => asPresent(id)!);
  if (!present.some((p) => p.memberId === approver.memberId)) present.push(approver);
  return { approver, present };
}

/**
 * The resolution as typed beside its meeting date: a date written in the resolution's text (with or without "วันที่", as
 * the command line reads it) must be the meeting date, and is then kept once, in the date (the number keeps the rest).
 * Refused naming both dates when they disagree, and naming the reason when the text's date cannot be read.
 */
function resolutionChecked(input: ApproveInput): ApproveInput {
  const written = splitResolution(input.resolutionNo);
  if (written.problem) {
    throw new AppError(
      'BAD_ARGS',
      `the date in the resolution "${input.resolutionNo}" cannot be read: ${written.problem.en}`,
      `อ่านวันที่ในมติ "${input.resolutionNo}" ไม่ได้: ${written.problem.th}`,
    );
  }
  if (written.date === null) return input;
  if (written.date !== input.resolutionDate) {
    throw new AppError(
      'BAD_ARGS',
      `the resolution "${input.resolutionNo}" names the meeting of ${meetingDay(written.date, 'en')}, but its date is given as ${meetingDay(input.resolutionDate, 'en')}: make them agree`,
      `มติ "${input.resolutionNo}" ระบุการประชุมวันที่ ${meetingDay(written.date, 'th')} แต่วันที่ประชุมที่ระบุคือ ${meetingDay(input.resolutionDate, 'th')} กรุณาแก้ไขให้ตรงกัน`,
    );
  }
  return { ...input, resolutionNo: written.no };
}

/**
 * A scenario's plan frozen and not yet recorded: every part but the approval's own header, as canonical JSON with its
 * SHA-256, and what the approval and its audit event say of it.
 */
export type FrozenParts = Readonly<{
  roundId: number;
  scenarioId: number;
  scenarioName: string;
  approver: PresentMember;
  present: readonly PresentMember[];
  totalFunded: number;
  fundedCount: number;
  /** In the order of {@link SNAPSHOT_PARTS}, without 'approval'. */
  parts: readonly Readonly<{ part: SnapshotPart; text: string; sha256: string }>[];
}>;

/**
 * Checks the people, runs the plan and freezes every input with the result. It only reads, so the app runs it on the
 * compute worker's own connection (a province's million needs took over 20 s, which held every device's calls);
 * `approveScenario` checks that nothing was written meanwhile and records it.
 */
export async function freezeScenario(
  store: Store,
  input: ApproveInput,
  codeVersion: string,
  solver: LpSolver,
): Promise<FrozenParts> {
  const ctx = await loadScenarioContext(store, input.scenarioId);
  const { approver, present } = checkPeople(ctx, input);
  const result = await runScenarioContext(ctx, solver);
  if (result.status !== 'ok') {
    throw new AppError(
      'INVALID_STATE',
      `scenario '${ctx.scenario.name}' has no feasible plan (${result.conflict.map((g) => g.en).join('; ')}): there is nothing to approve`,
      `สถานการณ์ '${ctx.scenario.name}' ไม่มีแผนที่เป็นไปได้ (${result.conflict.map((g) => g.th).join('; ')}) จึงอนุมัติไม่ได้`,
    );
  }
  // A plan that funds nothing (a ceiling of 0, every proposal excluded) is a slip, not a plan to sign.
  if (result.totalFunded === 0) {
    throw new AppError(
      'INVALID_STATE',
      `scenario '${ctx.scenario.name}' funds no project (ceiling ${formatBaht(result.budget)} baht): there is nothing to approve`,
      `สถานการณ์ '${ctx.scenario.name}' ไม่ได้จัดสรรงบประมาณให้โครงการใดเลย (วงเงิน ${formatBaht(result.budget)} บาท) จึงอนุมัติไม่ได้`,
    );
  }
  const parts: Record<Exclude<SnapshotPart, 'approval'>, unknown> = {
    scenario: ctx.scenario,
    round: ctx.round,
    ranking: ctx.rows,
    districts: ctx.districts,
    tambons: ctx.tambons,
    needs: ctx.needs,
    unlinked_needs: ctx.unlinked,
    ...rawInputs(store, ctx.round.id),
    judgement: judgementInputs(store, ctx.round.id),
    code: { app: codeVersion, rules: RULES, node: process.version },
    result: comparableResult(result),
  };
  return {
    roundId: ctx.round.id,
    scenarioId: ctx.scenario.id,
    scenarioName: ctx.scenario.name,
    approver,
    present,
    totalFunded: result.totalFunded,
    fundedCount: result.fundedCount,
    parts: SNAPSHOT_PARTS.flatMap((part) => {
      if (part === 'approval') return [];
      const text = canonicalJson(parts[part]);
      return [{ part, text, sha256: sha256(text) }];
    }),
  };
}

/** Freezes a scenario's plan (`freezeScenario` here, or the same on another thread). */
export type Freezer = (input: ApproveInput) => Promise<FrozenParts>;

/**
 * Approves a scenario: checks the people, runs the plan, freezes every input with the result and records the approval
 * with an audit event, in one transaction. Refused for an unknown, unreadable, infeasible or already approved scenario.
 * The round's current approved plan, if any, is superseded by the new one.
 */
export async function approveScenario(
  store: Store,
  typed: ApproveInput,
  actor: string,
  codeVersion: string,
  solver: LpSolver,
  freeze: Freezer = (input) => freezeScenario(store, input, codeVersion, solver),
): Promise<ApproveOutcome> {
  const input = resolutionChecked(typed);
  // A plan is approved at a meeting that has taken place: a later date is a typing slip (a year, a month).
  const today = bangkokDate(new Date());
  if (input.resolutionDate > today) {
    throw new AppError(
      'BAD_ARGS',
      `the meeting of ${meetingDay(input.resolutionDate, 'en')} has not taken place yet (today is ${meetingDay(today, 'en')}): check the resolution's date`,
      `การประชุมวันที่ ${meetingDay(input.resolutionDate, 'th')} ยังไม่ถึง (วันนี้ ${meetingDay(today, 'th')}) กรุณาตรวจสอบวันที่ของมติ`,
    );
  }
  refuseClosedRound(store, input.scenarioId);
  const already = findApproval(store, input.scenarioId);
  if (already) {
    throw new AppError(
      'INVALID_STATE',
      `scenario ${input.scenarioId} is already approved (${resolutionText(already, 'en')})`,
      `สถานการณ์ ${input.scenarioId} ได้รับอนุมัติแล้ว (${resolutionText(already, 'th')})`,
    );
  }
  const changes = store.sqlite.prepare('SELECT total_changes() AS n');
  const stamp = (): string =>
    `${(changes.get() as { n: number }).n}:${String(store.sqlite.pragma('data_version', { simple: true }))}`;
  // The plan is frozen over several awaits (on another connection, in the app); if anything was written meanwhile,
  // it is frozen again so that the parts describe one state of the database.
  for (let attempt = 0; ; attempt++) {
    const before = stamp();
    const frozen = await freeze(input);
    if (stamp() !== before && attempt < 3) continue;
    return recordApproval(store, input, frozen, actor, codeVersion);
  }
}

/** The round of a scenario, with its status (undefined for an unknown scenario: the freeze names it). */
function roundOfScenario(store: Store, scenarioId: number): { id: number; name: string; status: string } | undefined {
  return store.sqlite
    .prepare('SELECT r.id, r.name, r.status FROM scenario s JOIN round r ON r.id = s.round_id WHERE s.id = ?')
    .get(scenarioId) as { id: number; name: string; status: string } | undefined;
}

/**
 * The scenario's round, refused when closed: a closed round is final, no plan of it is approved any more (a new
 * approval would supersede its record).
 */
function refuseClosedRound(store: Store, scenarioId: number): ReturnType<typeof roundOfScenario> {
  const round = roundOfScenario(store, scenarioId);
  if (round?.status !== 'closed') return round;
  throw new AppError(
    'INVALID_STATE',
    `round "${round.name}" is closed, which is final: none of its plans can be approved any more`,
    `รอบ "${round.name}" ปิดแล้ว ซึ่งเป็นที่สิ้นสุด จึงอนุมัติแผนของรอบนี้อีกไม่ได้`,
  );
}

/**
 * Records a frozen plan as the scenario's approval with its audit event, in one transaction; a round still being
 * prepared or in session becomes approved with it (its status said "approved" only when moved by hand before).
 */
function recordApproval(
  store: Store,
  input: ApproveInput,
  frozen: FrozenParts,
  actor: string,
  codeVersion: string,
): ApproveOutcome {
  const recorded = store.sqlite.transaction(() => {
    const round = refuseClosedRound(store, input.scenarioId);
    if (findApproval(store, input.scenarioId)) {
      throw new AppError(
        'INVALID_STATE',
        `scenario ${input.scenarioId} was approved by someone else meanwhile`,
        `สถานการณ์ ${input.scenarioId} ได้รับอนุมัติโดยผู้อื่นไปแล้วระหว่างนี้`,
      );
    }
    const current = store.sqlite
      .prepare('SELECT id FROM approval a WHERE round_id = ? AND NOT EXISTS (SELECT 1 FROM approval b WHERE b.supersedes = a.id)')
      .get(frozen.roundId) as { id: number } | undefined;
    const approvedAt = new Date().toISOString();
    const present = [...frozen.present];
    const header = {
      scenarioId: frozen.scenarioId,
      roundId: frozen.roundId,
      resolutionNo: input.resolutionNo,
      resolutionDate: input.resolutionDate,
      approvedBy: frozen.approver.name,
      membersPresent: present,
      approvedAt,
      supersedes: current?.id ?? null,
    };
    const headerText = canonicalJson(header);
    const texts = [{ part: 'approval' as const, text: headerText, sha256: sha256(headerText) }, ...frozen.parts];
    const manifest = Object.fromEntries(texts.map((t) => [t.part, t.sha256]));
    const manifestSha256 = manifestHash(manifest);
    // The round becomes approved with its plan; recorded before the approval, whose chain head is then the last event.
    if (round && (round.status === 'preparing' || round.status === 'in_session')) {
      store.sqlite.prepare(`UPDATE round SET status = 'approved' WHERE id = ?`).run(round.id);
      appendAudit(store.sqlite, actor, 'round.status_set', {
        roundId: round.id,
        from: round.status,
        to: 'approved',
        scenarioId: input.scenarioId,
      });
    }
    appendAudit(store.sqlite, actor, 'plan.approved', {
      ...header,
      membersPresent: present.map((p) => p.memberId),
      scenarioName: frozen.scenarioName,
      totalFunded: frozen.totalFunded,
      fundedCount: frozen.fundedCount,
      manifestSha256,
    });
    const chain = auditHead(store.sqlite);
    const info = store.sqlite
      .prepare(
        `INSERT INTO approval (scenario_id, round_id, resolution_no, resolution_date, approved_by, members_present_json,
           approved_at, actor, manifest_json, manifest_sha256, chain_length, chain_head, code_version, supersedes)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        header.scenarioId,
        header.roundId,
        header.resolutionNo,
        header.resolutionDate,
        header.approvedBy,
        JSON.stringify(present),
        approvedAt,
        actor,
        canonicalJson(manifest),
        manifestSha256,
        chain.length,
        chain.head,
        codeVersion,
        header.supersedes,
      );
    const approvalId = Number(info.lastInsertRowid);
    const insertPart = store.sqlite.prepare(
      'INSERT INTO approval_part (approval_id, part, content_json, sha256) VALUES (?, ?, ?, ?)',
    );
    for (const t of texts) insertPart.run(approvalId, t.part, t.text, t.sha256);
    return { approvalId, chain };
  })();
  return {
    approval: getApproval(store, recorded.approvalId),
    chainLength: recorded.chain.length,
    chainHead: recorded.chain.head,
  };
}

/** What a frozen snapshot holds, read back and checked against its manifest. */
export type FrozenPlan = Readonly<{
  approval: Approval;
  /** Parts whose content no longer matches the manifest (or missing / unexpected ones). */
  tampered: readonly TamperedPart[];
  manifestOk: boolean;
  recomputedSha256: string;
  /** The parts as stored (parsed JSON); absent parts are missing. */
  parts: Readonly<Partial<Record<string, unknown>>>;
}>;

/** Reads an approval's snapshot and checks every part's hash, the manifest's hash and the approval row against it. */
export function readFrozenPlan(store: Store, approvalId: number): FrozenPlan {
  const approval = getApproval(store, approvalId);
  const row = store.sqlite.prepare('SELECT manifest_json FROM approval WHERE id = ?').get(approvalId) as {
    manifest_json: string;
  };
  let manifest: Record<string, string>;
  try {
    manifest = JSON.parse(row.manifest_json) as Record<string, string>;
  } catch {
    manifest = {};
  }
  const stored = store.sqlite
    .prepare('SELECT part, content_json, sha256 FROM approval_part WHERE approval_id = ? ORDER BY part')
    .all(approvalId) as { part: string; content_json: string; sha256: string }[];
  const tampered: TamperedPart[] = [];
  const parts: Record<string, unknown> = {};
  const seen = new Set<string>();
  for (const p of stored) {
    seen.add(p.part);
    const actual = sha256(p.content_json);
    const expected = manifest[p.part] ?? '(not in the manifest)';
    if (actual !== expected || p.sha256 !== expected) tampered.push({ part: p.part, expected, actual });
    try {
      parts[p.part] = JSON.parse(p.content_json);
    } catch {
      tampered.push({ part: p.part, expected, actual: '(not JSON)' });
    }
  }
  for (const part of Object.keys(manifest)) {
    if (!seen.has(part)) tampered.push({ part, expected: manifest[part]!, actual: '(missing)' });
  }
  // The approval row's own fields must be those frozen in the 'approval' part.
  const header = {
    scenarioId: approval.scenarioId,
    roundId: approval.roundId,
    resolutionNo: approval.resolutionNo,
    resolutionDate: approval.resolutionDate,
    approvedBy: approval.approvedBy,
    membersPresent: approval.membersPresent,
    approvedAt: approval.approvedAt,
    supersedes: approval.supersedes,
  };
  if (parts['approval'] !== undefined && canonicalJson(header) !== canonicalJson(parts['approval'])) {
    tampered.push({ part: 'approval (record)', expected: manifest['approval'] ?? '', actual: sha256(canonicalJson(header)) });
  }
  // The manifest hash was also written into the audit chain when the plan was approved: a snapshot rebuilt with new
  // hashes (triggers dropped, every hash recomputed) still disagrees with the chain.
  const event = store.sqlite
    .prepare(
      `SELECT json_extract(payload_json, '$.manifestSha256') AS sha FROM audit_event
        WHERE kind = 'plan.approved' AND json_extract(payload_json, '$.scenarioId') = ? ORDER BY id DESC LIMIT 1`,
    )
    .get(approval.scenarioId) as { sha: string | null } | undefined;
  if (event?.sha !== approval.manifestSha256) {
    tampered.push({ part: 'audit event plan.approved', expected: event?.sha ?? '(missing)', actual: approval.manifestSha256 });
  }
  const recomputedSha256 = manifestHash(manifest);
  return {
    approval,
    tampered,
    manifestOk: tampered.length === 0 && recomputedSha256 === approval.manifestSha256,
    recomputedSha256,
    parts,
  };
}

/**
 * An approval's frozen plan for a document or file issued from it; refused (INVALID_STATE) when it no longer matches its
 * manifest, naming the parts: a tampered record is not issued.
 */
export function issuableFrozenPlan(store: Store, approvalId: number): FrozenPlan {
  const plan = readFrozenPlan(store, approvalId);
  if (!plan.manifestOk) {
    const parts = plan.tampered.map((t) => t.part).join(', ');
    throw new AppError(
      'INVALID_STATE',
      `the approved plan's frozen record no longer matches its manifest (${parts}); it cannot be issued as an official document`,
      `ข้อมูลแผนที่อนุมัติแล้วไม่ตรงกับบันทึกรับรอง (${parts}) จึงออกเป็นเอกสารทางราชการไม่ได้`,
    );
  }
  return plan;
}

/** The context a frozen plan was run on, rebuilt from its parts. */
export function frozenContext(plan: FrozenPlan): ScenarioContext {
  const p = plan.parts;
  return {
    scenario: p['scenario'],
    round: p['round'],
    rows: p['ranking'],
    districts: p['districts'],
    tambons: p['tambons'],
    needs: p['needs'],
    // Plans frozen before this part existed list every active need in 'needs'.
    unlinked: p['unlinked_needs'] ?? [],
  } as ScenarioContext;
}

/** The approved result as frozen (elapsedMs 0: the approval's wall time is not part of the record). */
export function frozenResult(plan: FrozenPlan): ScenarioResult {
  return { ...(plan.parts['result'] as Omit<ScenarioResult, 'elapsedMs'>), elapsedMs: 0 };
}

/**
 * The approved plan of a scenario as frozen, or null for a draft: what screens show for an approved one (one part read,
 * not checked; checking is `reproduceApproval`'s).
 */
export function approvedResult(store: Store, scenarioId: number): ScenarioResult | null {
  const row = store.sqlite
    .prepare(
      `SELECT p.content_json FROM approval a JOIN approval_part p ON p.approval_id = a.id AND p.part = 'result'
        WHERE a.scenario_id = ?`,
    )
    .get(scenarioId) as { content_json: string } | undefined;
  return row ? { ...(JSON.parse(row.content_json) as Omit<ScenarioResult, 'elapsedMs'>), elapsedMs: 0 } : null;
}

/** The outcome of re-running a frozen plan (before it is recorded in the audit trail). */
export type Reproduction = Readonly<{
  approval: Approval;
  manifestOk: boolean;
  recomputedSha256: string;
  tampered: readonly TamperedPart[];
  identical: boolean | null;
  differences: readonly ReproductionDifference[];
  rerunMs: number;
}>;

/**
 * Checks an approval's snapshot against its manifest, then re-runs the rule from the frozen context alone and compares
 * the result with the approved one (canonical JSON, bit for bit). A tampered snapshot is not re-run.
 */
export async function reproduceApproval(store: Store, approvalId: number, solver: LpSolver): Promise<Reproduction> {
  const plan = readFrozenPlan(store, approvalId);
  const base = {
    approval: plan.approval,
    manifestOk: plan.manifestOk,
    recomputedSha256: plan.recomputedSha256,
    tampered: plan.tampered,
  };
  if (!plan.manifestOk) return { ...base, identical: null, differences: [], rerunMs: 0 };
  const started = performance.now();
  const rerun = await runScenarioContext(frozenContext(plan), solver);
  const rerunMs = Math.round((performance.now() - started) * 100) / 100;
  const approved = frozenResult(plan);
  const identical = canonicalJson(comparableResult(rerun)) === canonicalJson(comparableResult(approved));
  const before = new Map(approved.rows.map((r) => [r.projectId, r]));
  const differences: ReproductionDifference[] = [];
  for (const r of rerun.rows) {
    const was = before.get(r.projectId)?.funded ?? 0;
    if (was !== r.funded && differences.length < 50) {
      differences.push({ projectId: r.projectId, code: r.code, approved: was, rerun: r.funded });
    }
  }
  return { ...base, identical, differences, rerunMs };
}
