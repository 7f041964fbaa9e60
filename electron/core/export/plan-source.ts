/**
 * Everything an official document of a plan is made from, read once: the run (for an approved scenario, its frozen
 * inputs and result; for a draft, today's data), the approval, the committee's overrides, the needs behind each
 * proposal, names and boundaries of the areas, and the audit chain's head. Every writer (XLSX, PDF, open data,
 * evidence packs) takes this one object, so the documents of one export agree with each other.
 */
import type { Approval } from '../../../shared/api/approval';
import { AppError } from '../../../shared/api/errors';
import { DEFAULT_PARAMS } from '../../../shared/api/scenario';
import type { Lang, ProjectRow, Scenario, ScenarioResult, ScenarioRow } from '../../../shared/api/types';
import type { LpSolver } from '../../../shared/domain/allocation/optimum';
import type { LatLon } from '../../../shared/domain/import/coordinates';
import { explainDecision, type WhyCard } from '../../../shared/domain/explain';
import { STRATEGIES } from '../../../shared/domain/taxonomy';
import { auditHead } from '../audit/audit-log';
import type { Store } from '../db/database';
import { findApproval, frozenContext, frozenResult, issuableFrozenPlan, type FrozenPlan } from '../services/approval';
import { loadNeedLinks } from '../services/need-links';
import { rankedProjects } from '../services/ranking';
import {
  computeScenario,
  loadScenarioContext,
  shapeResult,
  type ComputedRun,
  type ScenarioContext,
} from '../services/scenario-run';
import { docLabels } from './labels';

/** A committee override of the ranking (move / include / exclude) with its written reason. */
export type OverrideNote = Readonly<{
  projectId: number;
  kind: 'move' | 'include' | 'exclude';
  position: number | null;
  reason: string;
  requestedBy: string;
  at: string;
}>;

/** A need as documents show it, with the proposals of the round it is linked to. */
export type NeedDetail = Readonly<{
  id: number;
  externalId: string;
  title: string;
  category: string;
  tambonCode: string;
  villageNo: number | null;
  households: number;
  people: number;
  projectIds: readonly number[];
}>;

export type AreaName = Readonly<{ code: string; nameTh: string; nameEn: string }>;

/** One member's score on one criterion of a proposal. */
export type MemberScoreRow = Readonly<{ memberName: string; criterionId: number; value: number }>;

export type PlanSource = Readonly<{
  run: ComputedRun;
  result: ScenarioResult;
  /** The stored scenario, or null for the round's own plan (greedy down the ranking under its ceiling). */
  scenario: Scenario | null;
  approval: Approval | null;
  projects: ReadonlyMap<number, ProjectRow>;
  overrides: readonly OverrideNote[];
  needs: readonly NeedDetail[];
  districts: readonly (AreaName & { population: number | null; geometry: unknown })[];
  tambons: readonly (AreaName & { geometry: unknown })[];
  /**
   * Tambons each proposal works in (project_area): for an approved plan, as frozen with it (a proposal moved to
   * another tambon since is no part of it); for a draft, today's. Null for a plan approved before its proposals'
   * areas were frozen: they are not stated (only its needs' tambons, frozen with the needs, are).
   */
  projectAreas: ReadonlyMap<number, readonly string[]> | null;
  /**
   * Each proposal's own agency priority (ลำดับความสำคัญ, 1 = most important), those that state one: for an approved
   * plan, as its frozen proposals held them (a priority edited since is no part of it); for a draft, today's.
   */
  agencyPriorities: ReadonlyMap<number, number>;
  /**
   * Each proposal's point (พิกัด), those that have one: for an approved plan, as its frozen proposals held them (a
   * point moved since is no part of it); for a draft, today's.
   */
  projectPoints: ReadonlyMap<number, LatLon>;
  /**
   * Each member's scores of a proposal, by name: for an approved plan, the scores frozen with it (the ones its ranking
   * aggregated; a score changed since is no part of it) under the names the round gave the members then; for a
   * draft, today's.
   */
  memberScores: (projectId: number) => readonly MemberScoreRow[];
  synthetic: boolean;
  /** The audit chain when the document was made (before its own export event). */
  chain: Readonly<{ length: number; head: string }>;
  now: Date;
}>;

/** Names which plan to read: a scenario, or (without one) the round's own greedy plan. */
export type PlanRef = Readonly<{ roundId: number; scenarioId?: number | undefined }>;

/** The round's own plan as a scenario that is never stored: greedy, default parameters, no locks. */
function roundPlanScenario(roundId: number, now: Date): Scenario {
  const at = now.toISOString();
  return {
    id: 0,
    roundId,
    name: '',
    rule: 'greedy',
    params: DEFAULT_PARAMS,
    locks: {},
    parentId: null,
    createdAt: at,
    updatedAt: at,
  };
}

async function draftContext(store: Store, ref: PlanRef, now: Date): Promise<ScenarioContext> {
  if (ref.scenarioId !== undefined) return loadScenarioContext(store, ref.scenarioId);
  const { round, rows } = await rankedProjects(store, ref.roundId);
  const districts = store.sqlite
    .prepare('SELECT code, name_th, name_en, population FROM area_district ORDER BY code')
    .all() as ScenarioContext['districts'][number][];
  const tambons = store.sqlite
    .prepare('SELECT code, name_th, name_en FROM area_tambon ORDER BY code')
    .all() as ScenarioContext['tambons'][number][];
  return {
    scenario: roundPlanScenario(ref.roundId, now),
    round,
    rows,
    districts,
    tambons,
    ...loadNeedLinks(store, ref.roundId),
  };
}

function tableExists(store: Store, name: string): boolean {
  return store.sqlite.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(name) !== undefined;
}

/** The round's standing overrides (withdrawn ones are history, not part of the plan). */
function readOverrides(store: Store, roundId: number): OverrideNote[] {
  if (!tableExists(store, 'ranking_override')) return [];
  const rows = store.sqlite
    .prepare(
      `SELECT o.project_id, o.kind, o.position, o.reason, o.at, COALESCE(m.name, '') AS requested_by
         FROM ranking_override o LEFT JOIN member m ON m.id = o.requested_by
        WHERE o.round_id = ? AND o.withdrawn_at IS NULL ORDER BY o.id`,
    )
    .all(roundId) as {
    project_id: number;
    kind: OverrideNote['kind'];
    position: number | null;
    reason: string;
    at: string;
    requested_by: string;
  }[];
  return rows.map((r) => ({
    projectId: r.project_id,
    kind: r.kind,
    position: r.position,
    reason: r.reason,
    requestedBy: r.requested_by,
    at: r.at,
  }));
}

/** A `ranking_override` row as the approval froze it (`judgement` part). */
type FrozenOverrideRow = Readonly<{
  project_id: number;
  kind: OverrideNote['kind'];
  position: number | null;
  reason: string;
  requested_by: number | null;
  at: string;
  withdrawn_at: string | null;
}>;

/**
 * The overrides in force when the plan was approved, from its frozen judgement: an override added or withdrawn since
 * did not shape the approved ranking and is not part of its record. Null for a plan frozen without that part.
 */
function frozenOverrides(store: Store, plan: FrozenPlan, ctx: ScenarioContext): OverrideNote[] | null {
  const judgement = plan.parts['judgement'] as Readonly<{ ranking_override?: readonly FrozenOverrideRow[] | null }> | undefined;
  if (judgement === undefined) return null;
  // Who asked, by the name the round gave them then (a member renamed or removed since keeps it).
  const names = new Map([...ctx.round.members, ...(ctx.round.inactiveMembers ?? [])].map((m) => [m.id, m.name]));
  const memberName = store.sqlite.prepare('SELECT name FROM member WHERE id = ?').pluck();
  return (judgement.ranking_override ?? [])
    .filter((o) => o.withdrawn_at === null)
    .map((o) => ({
      projectId: o.project_id,
      kind: o.kind,
      position: o.position,
      reason: o.reason,
      requestedBy: o.requested_by === null ? '' : (names.get(o.requested_by) ?? String(memberName.get(o.requested_by) ?? '')),
      at: o.at,
    }));
}

/**
 * The round's `project` rows as an approval froze them (the `proposals` part, as stored), each with its id; rows not
 * shaped so are passed over.
 */
function frozenProposalRows(parts: Readonly<Partial<Record<string, unknown>>>): (Record<string, unknown> & { id: number })[] {
  const rows = parts['proposals'];
  if (!Array.isArray(rows)) return [];
  return (rows as unknown[]).filter(
    (r): r is Record<string, unknown> & { id: number } =>
      typeof r === 'object' && r !== null && typeof (r as { id?: unknown }).id === 'number',
  );
}

/**
 * The agency priorities an approval froze with its proposals, by proposal id. A plan approved before proposals had a
 * priority (migration 017) states none.
 */
export function frozenAgencyPriorities(parts: Readonly<Partial<Record<string, unknown>>>): Map<number, number> {
  const out = new Map<number, number>();
  for (const r of frozenProposalRows(parts)) {
    if (typeof r['agency_priority'] === 'number') out.set(r.id, r['agency_priority']);
  }
  return out;
}

/**
 * The points an approval froze with its proposals, by proposal id. A plan approved before proposals had a point
 * (migration 020) states none.
 */
export function frozenProjectPoints(parts: Readonly<Partial<Record<string, unknown>>>): Map<number, LatLon> {
  const out = new Map<number, LatLon>();
  for (const r of frozenProposalRows(parts)) {
    const { lat, lon } = r;
    if (typeof lat === 'number' && typeof lon === 'number') out.set(r.id, { lat, lon });
  }
  return out;
}

/** Today's points of a round's proposals (a draft's), those that have one, by proposal id. */
export function currentProjectPoints(store: Store, roundId: number): Map<number, LatLon> {
  const rows = store.sqlite
    .prepare('SELECT id, lat, lon FROM project WHERE round_id = ? AND lat IS NOT NULL AND lon IS NOT NULL')
    .raw()
    .all(roundId) as [number, number, number][];
  return new Map(rows.map(([id, lat, lon]) => [id, { lat, lon }]));
}

/** Today's agency priorities of a round's proposals (a draft's), those that state one, by proposal id. */
function currentAgencyPriorities(store: Store, roundId: number): Map<number, number> {
  return new Map(
    store.sqlite
      .prepare('SELECT id, agency_priority FROM project WHERE round_id = ? AND agency_priority IS NOT NULL')
      .raw()
      .all(roundId) as [number, number][],
  );
}

/** Rows of project id → tambon code, grouped by project id. */
function groupAreas(rows: Iterable<readonly [number, string]>): Map<number, string[]> {
  const areas = new Map<number, string[]>();
  for (const [projectId, tambonCode] of rows) {
    const list = areas.get(projectId);
    if (list) list.push(tambonCode);
    else areas.set(projectId, [tambonCode]);
  }
  return areas;
}

/**
 * The tambons each proposal works in as an approval froze them (the `project_areas` part: [project id, tambon code]
 * rows); null for a plan approved before that part existed.
 */
export function frozenProjectAreas(parts: Readonly<Partial<Record<string, unknown>>>): Map<number, string[]> | null {
  const rows = parts['project_areas'];
  if (!Array.isArray(rows)) return null;
  const pairs: [number, string][] = [];
  for (const r of rows as unknown[]) {
    if (Array.isArray(r) && typeof r[0] === 'number' && typeof r[1] === 'string') pairs.push([r[0], r[1]]);
  }
  return groupAreas(pairs.sort((a, b) => a[1].localeCompare(b[1])));
}

/** Today's tambons of a round's proposals (a draft's), by proposal id. */
function currentProjectAreas(store: Store, roundId: number): Map<number, string[]> {
  return groupAreas(
    store.sqlite
      .prepare(
        'SELECT pa.project_id, pa.tambon_code FROM project_area pa JOIN project p ON p.id = pa.project_id WHERE p.round_id = ? ORDER BY pa.tambon_code',
      )
      .raw()
      .all(roundId) as [number, string][],
  );
}

/**
 * The members' scores an approval froze (the `scores` part: [member id, project id, criterion id, value, version]
 * rows), by proposal id, each under the name the frozen round gave its member (a member renamed since keeps it; one
 * the frozen round does not name, as in plans frozen before rounds kept their inactive members, by today's name).
 */
export function frozenMemberScores(
  store: Store,
  parts: Readonly<Partial<Record<string, unknown>>>,
  round: ScenarioContext['round'],
): Map<number, MemberScoreRow[]> {
  const out = new Map<number, MemberScoreRow[]>();
  const rows = parts['scores'];
  if (!Array.isArray(rows)) return out;
  const names = new Map([...round.members, ...(round.inactiveMembers ?? [])].map((m) => [m.id, m.name]));
  const today = store.sqlite.prepare('SELECT name FROM member WHERE id = ?').pluck();
  const nameOf = (id: number): string => {
    let name = names.get(id);
    if (name === undefined) {
      name = String((today.get(id) as string | undefined) ?? id);
      names.set(id, name);
    }
    return name;
  };
  for (const r of rows as unknown[]) {
    if (!Array.isArray(r)) continue;
    const [memberId, projectId, criterionId, value] = r as unknown[];
    if (typeof memberId !== 'number' || typeof projectId !== 'number' || typeof criterionId !== 'number') continue;
    if (typeof value !== 'number') continue;
    const score = { memberName: nameOf(memberId), criterionId, value };
    const list = out.get(projectId);
    if (list) list.push(score);
    else out.set(projectId, [score]);
  }
  return out;
}

/** Today's scores of one proposal (a draft's), by member name. */
function currentMemberScores(store: Store): (projectId: number) => MemberScoreRow[] {
  const read = store.sqlite.prepare(
    'SELECT m.name AS memberName, s.criterion_id AS criterionId, s.value FROM score s JOIN member m ON m.id = s.member_id WHERE s.project_id = ?',
  );
  return (projectId) => read.all(projectId) as MemberScoreRow[];
}

type NeedInfoRow = { id: number; external_id: string; title: string; category: string; version: number };

/** A need as an approval froze its version: the id its source gives it and the version. */
type FrozenNeedVersion = Readonly<{ externalId: string; version: number }>;

/**
 * The version an approval froze of each need its plan links, with the need's id in its source (`need_versions` part:
 * [id, source, external id, version, …] rows, every active need's too); null for a part that does not read so.
 */
function frozenNeedVersions(
  parts: Readonly<Partial<Record<string, unknown>>>,
  ctx: ScenarioContext,
): Map<number, FrozenNeedVersion> | null {
  const rows = parts['need_versions'];
  if (!Array.isArray(rows)) return null;
  const linked = new Set(ctx.needs.filter((n) => n.projectIds.length > 0).map((n) => n.id));
  const out = new Map<number, FrozenNeedVersion>();
  for (const r of rows as unknown[]) {
    if (!Array.isArray(r) || !linked.has(r[0] as number)) continue;
    if (typeof r[0] === 'number' && typeof r[2] === 'string' && typeof r[3] === 'number') {
      out.set(r[0], { externalId: r[2], version: r[3] });
    }
  }
  return out;
}

/**
 * The title and category a need had at the version an approval froze, where a later sync changed it: the state
 * before each change is kept (`need_change.before_json`), so the change that replaced that version holds them.
 */
function titlesAtVersions(store: Store, changed: ReadonlyMap<number, number>): Map<number, { title: string; category: string }> {
  const out = new Map<number, { title: string; category: string }>();
  if (changed.size === 0) return out;
  const rows = store.sqlite
    .prepare(
      `SELECT need_id AS id, before_json AS json FROM need_change
        WHERE before_json IS NOT NULL AND need_id IN (SELECT value FROM json_each(?)) ORDER BY batch_id`,
    )
    .all(JSON.stringify([...changed.keys()])) as { id: number; json: string }[];
  for (const r of rows) {
    const before = parseStoredJson(r.json) as { version?: unknown; title?: unknown; category?: unknown } | null;
    if (!before || before.version !== changed.get(r.id) || typeof before.title !== 'string') continue;
    out.set(r.id, { title: before.title, category: typeof before.category === 'string' ? before.category : '' });
  }
  return out;
}

/**
 * The needs the run read, with their titles (the run itself keeps only numbers and links); for an approved plan, the
 * titles of the versions it froze (a need a later sync retitled keeps its title of the day in the plan's documents).
 */
function needDetails(
  store: Store,
  ctx: ScenarioContext,
  frozenVersions: ReadonlyMap<number, FrozenNeedVersion> | null,
): NeedDetail[] {
  const linked = ctx.needs.filter((n) => n.projectIds.length > 0);
  // Only the linked needs, by id (withdrawn since or not: a frozen plan keeps them), not every need of the province.
  const info = new Map<number, NeedInfoRow>(
    (
      store.sqlite
        .prepare(`SELECT id, external_id, title, category, version FROM need WHERE id IN (SELECT value FROM json_each(?))`)
        .all(JSON.stringify(linked.map((n) => n.id))) as NeedInfoRow[]
    ).map((r) => [r.id, r]),
  );
  const changed = new Map<number, number>();
  for (const [id, { version }] of frozenVersions ?? []) {
    const now = info.get(id);
    if (now && now.version !== version) changed.set(id, version);
  }
  const then = titlesAtVersions(store, changed);
  return linked.map((n) => {
    const i = info.get(n.id);
    const was = then.get(n.id);
    return {
      id: n.id,
      externalId: frozenVersions?.get(n.id)?.externalId ?? i?.external_id ?? String(n.id),
      title: was?.title ?? i?.title ?? '',
      category: was?.category ?? i?.category ?? '',
      tambonCode: n.tambonCode,
      villageNo: n.villageNo,
      households: n.households,
      people: n.people,
      projectIds: n.projectIds.map(Number),
    };
  });
}

/** Stored JSON (a boundary, a need's earlier state), or null when it does not read. */
function parseStoredJson(json: string | null): unknown {
  if (json === null) return null;
  try {
    return JSON.parse(json) as unknown;
  } catch {
    return null;
  }
}

/**
 * Reads a plan for export. An approved scenario is read from its frozen snapshot (refused when the snapshot no longer
 * matches its manifest); a draft from today's data. An infeasible draft has no plan to export.
 */
export async function loadPlanSource(store: Store, ref: PlanRef, solver: LpSolver, now = new Date()): Promise<PlanSource> {
  const approval = ref.scenarioId === undefined ? null : findApproval(store, ref.scenarioId);
  let ctx: ScenarioContext;
  let frozen: ScenarioResult | null = null;
  let overrides: OverrideNote[] | null = null;
  let frozenVersions: Map<number, FrozenNeedVersion> | null = null;
  let priorities: Map<number, number> | null = null;
  let points: Map<number, LatLon> | null = null;
  // An approved plan's areas and scores as frozen with it; a draft's (undefined) read today.
  let areas: Map<number, string[]> | null | undefined;
  let scores: (() => Map<number, MemberScoreRow[]>) | null = null;
  if (approval) {
    const plan = issuableFrozenPlan(store, approval.id);
    priorities = frozenAgencyPriorities(plan.parts);
    points = frozenProjectPoints(plan.parts);
    areas = frozenProjectAreas(plan.parts);
    ctx = frozenContext(plan);
    frozenVersions = frozenNeedVersions(plan.parts, ctx);
    // Read when an evidence pack asks (a province's frozen scores are some 400,000 rows; other documents show none).
    const { round } = ctx;
    let byProject: Map<number, MemberScoreRow[]> | undefined;
    scores = () => (byProject ??= frozenMemberScores(store, plan.parts, round));
    frozen = frozenResult(plan);
    overrides = frozenOverrides(store, plan, ctx);
  } else ctx = await draftContext(store, ref, now);
  if (ctx.scenario.roundId !== ref.roundId) {
    throw new AppError('INVALID_STATE', 'the scenario belongs to another round', 'สถานการณ์นี้อยู่ในรอบการพิจารณาอื่น');
  }
  const run = await computeScenario(ctx, solver);
  const result = frozen ?? shapeResult(run);
  if (result.status === 'infeasible') {
    throw new AppError(
      'INVALID_STATE',
      'this scenario has no feasible plan to export; relax the conflicting constraints first',
      'สถานการณ์นี้ไม่มีแผนที่เป็นไปได้ กรุณาผ่อนเงื่อนไขที่ขัดกันก่อนส่งออก',
    );
  }
  const geometry = (table: 'area_district' | 'area_tambon'): Map<string, unknown> =>
    new Map(
      (
        store.sqlite.prepare(`SELECT code, geometry_json FROM ${table} WHERE geometry_json IS NOT NULL`).all() as {
          code: string;
          geometry_json: string;
        }[]
      ).map((r) => [r.code, parseStoredJson(r.geometry_json)]),
    );
  const districtGeometry = geometry('area_district');
  const tambonGeometry = geometry('area_tambon');
  const agencyPriorities = priorities ?? currentAgencyPriorities(store, ref.roundId);
  const frozenScores = scores;
  const synthetic = store.sqlite.prepare(`SELECT value FROM setting WHERE key = 'synthetic'`).get() as
    { value: string } | undefined;
  return {
    run,
    result,
    scenario: ref.scenarioId === undefined ? null : ctx.scenario,
    approval,
    projects: new Map(ctx.rows.map((p) => [p.id, p])),
    overrides: overrides ?? readOverrides(store, ref.roundId),
    needs: needDetails(store, ctx, frozenVersions),
    districts: ctx.districts.map((d) => ({
      code: d.code,
      nameTh: d.name_th,
      nameEn: d.name_en,
      population: d.population,
      geometry: districtGeometry.get(d.code) ?? null,
    })),
    tambons: ctx.tambons.map((t) => ({
      code: t.code,
      nameTh: t.name_th,
      nameEn: t.name_en,
      geometry: tambonGeometry.get(t.code) ?? null,
    })),
    projectAreas: areas === undefined ? currentProjectAreas(store, ref.roundId) : areas,
    agencyPriorities,
    projectPoints: points ?? currentProjectPoints(store, ref.roundId),
    memberScores: frozenScores ? (projectId) => frozenScores().get(projectId) ?? [] : currentMemberScores(store),
    synthetic: synthetic?.value === '1',
    chain: auditHead(store.sqlite),
    now,
  };
}

/** Y1: the funded projects in rank order. */
export function fundedRows(source: PlanSource): ScenarioRow[] {
  return source.result.rows.filter((r) => r.funded > 0).sort((a, b) => a.rank - b.rank);
}

/** Y2: the projects not funded, in reserve order (those without a reserve position last, by rank). */
export function reserveRows(source: PlanSource): ScenarioRow[] {
  const order = (r: ScenarioRow): number => r.reservePosition ?? Number.MAX_SAFE_INTEGER;
  return source.result.rows.filter((r) => r.funded === 0).sort((a, b) => order(a) - order(b) || a.rank - b.rank);
}

/** The why-in / why-out card of one project of the plan. */
export function whyCard(source: PlanSource, row: ScenarioRow): WhyCard {
  const { run } = source;
  const id = String(row.projectId);
  const decision = run.outcome.decisions.find((d) => d.projectId === id) ?? {
    projectId: id,
    funded: 0,
    reason: 'not_selected' as const,
    step: 0,
    remainingBefore: 0,
  };
  return explainDecision({
    rule: run.ctx.scenario.rule,
    decision,
    project: {
      code: row.code,
      title: row.title,
      rank: row.rank,
      composite: row.composite,
      requested: row.requested,
      locked: row.locked,
    },
    budget: run.outcome.budget,
    reservePosition: row.reservePosition,
    constraintNames: run.names,
    run: { projects: run.projects, outcome: run.outcome },
    params: run.ctx.scenario.params,
  });
}

/** The names of an area in the document's language. */
export function areaName(area: AreaName | undefined, code: string, lang: 'th' | 'en'): string {
  if (!area) return code;
  return lang === 'th' ? area.nameTh : area.nameEn;
}

/** The plan's proposals under one development issue, as a document's summary sums them. */
export type IssueGroup = Readonly<{ name: string; rows: readonly ScenarioRow[] }>;

/** The round's own development issues, by number (none in a round that has not set them, as the sample's). */
function roundIssues(source: PlanSource): PlanSource['run']['ctx']['round']['developmentIssues'] {
  // A plan frozen before rounds had issues of their own has none in its frozen round.
  return [...(source.run.ctx.round.developmentIssues ?? [])].sort((a, b) => a.no - b.no);
}

function issueKey(source: PlanSource, byRound: boolean, projectId: number, strategy: string): number | string | null {
  return byRound ? (source.projects.get(projectId)?.developmentIssueNo ?? null) : strategy;
}

/**
 * The development issue a proposal answers, named as its round names it ("2. โครงข่ายคมนาคม"): by the issue number the
 * proposal states when the round has issues of its own, otherwise by the strategy its proposals carry (the sample's).
 * Empty when it states none.
 */
export function issueName(source: PlanSource, projectId: number, lang: Lang): string {
  const p = source.projects.get(projectId);
  if (!p) return '';
  const issues = roundIssues(source);
  if (issues.length > 0) {
    const issue = issues.find((i) => i.no === p.developmentIssueNo);
    return issue ? `${issue.no}. ${lang === 'en' && issue.titleEn !== '' ? issue.titleEn : issue.titleTh}` : '';
  }
  const s = STRATEGIES.find((x) => x.id === p.strategy);
  return s ? (lang === 'th' ? s.th : s.en) : p.strategy;
}

/**
 * The plan's proposals by development issue: one group per issue of the round (or, in a round without issues of its
 * own, per strategy), then the proposals that state none, so that the groups add up to the whole plan.
 */
export function issueGroups(source: PlanSource, lang: Lang): IssueGroup[] {
  const issues = roundIssues(source);
  const byRound = issues.length > 0;
  const named: { key: number | string; name: string }[] = byRound
    ? issues.map((i) => ({ key: i.no, name: `${i.no}. ${lang === 'en' && i.titleEn !== '' ? i.titleEn : i.titleTh}` }))
    : STRATEGIES.map((s) => ({ key: s.id, name: lang === 'th' ? s.th : s.en }));
  const rows = source.result.rows;
  const keyOf = (r: ScenarioRow): number | string | null => issueKey(source, byRound, r.projectId, r.strategy);
  const groups: IssueGroup[] = named.map((g) => ({ name: g.name, rows: rows.filter((r) => keyOf(r) === g.key) }));
  const known = new Set(named.map((g) => g.key));
  const unstated = rows.filter((r) => {
    const key = keyOf(r);
    return key === null || !known.has(key);
  });
  if (unstated.length > 0) groups.push({ name: docLabels(lang).noIssue, rows: unstated });
  return groups;
}
