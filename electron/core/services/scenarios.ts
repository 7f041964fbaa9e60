/**
 * Scenarios: named draft allocations per round (rule, parameters, constraints, locks), run on demand over
 * the current ranking and needs, with fairness figures, why-in/why-out cards and diffs between scenarios.
 */
import { AppError } from '../../../shared/api/errors';
import {
  DEFAULT_PARAMS,
  locksSchema,
  scenarioParamsSchema,
  type RuleKind,
  type ScenarioParams,
} from '../../../shared/api/scenario';
import type {
  ConflictGroup,
  ProjectRow,
  RoundDetail,
  Scenario,
  ScenarioDiff,
  ScenarioResult,
  ScenarioRow,
  StrategyAllocation,
  UnreadableScenario,
  WhyCardView,
} from '../../../shared/api/types';
import { greedyAllocate } from '../../../shared/domain/allocation/greedy';
import { mesWithLocks } from '../../../shared/domain/allocation/mes-with-locks';
import { diffOutcomes, type DiffSide } from '../../../shared/domain/allocation/scenario-diff';
import { ballotsFromNeeds } from '../../../shared/domain/allocation/need-ballots';
import {
  REFERENCE_FIELD_NAMES,
  unknownReferences,
  type ProjectReferences,
} from '../../../shared/domain/allocation/scenario-references';
import { listConstraintGroups, optimize, type LpSolver, type OptimumInput } from '../../../shared/domain/allocation/optimum';
import type { AllocationOutcome, AllocationProject } from '../../../shared/domain/allocation/types';
import { explainDecision, type Named } from '../../../shared/domain/explain';
import { fairnessReport } from '../../../shared/domain/fairness';
import { formatBaht } from '../../../shared/domain/money';
import { STRATEGIES } from '../../../shared/domain/taxonomy';
import type { Selectable } from 'kysely';
import type { Store } from '../db/database';
import type { DB } from '../db/schema';
import { allocationRows, districtTotals, moneyOf } from './allocation';
import { loadNeedLinks, type NeedRow } from './need-links';
import { rankedProjects } from './ranking';

type ScenarioRowDb = Selectable<DB['scenario']>;

/** Parses one stored JSON column; null with the path of the first problem when it no longer reads. */
function readStored<T>(
  text: string,
  schema: {
    safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[] }[] } };
  },
): { ok: true; value: T } | { ok: false; where: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, where: '(JSON)' };
  }
  const parsed = schema.safeParse(value);
  if (parsed.success) return { ok: true, value: parsed.data };
  const path = parsed.error.issues[0]?.path ?? [];
  return { ok: false, where: path.length > 0 ? path.map(String).join('.') : '(root)' };
}

/**
 * A stored scenario row as the API shape. Stored parameters or locks that no longer read (a file edited by hand, a
 * field whose rules changed) are refused with where the problem is, never silently replaced by defaults.
 */
export function toScenario(row: ScenarioRowDb): Scenario {
  const read = readScenario(row);
  if (!read.ok) throw read.error;
  return read.scenario;
}

/** A stored row as a scenario, or the refusal naming what no longer reads. */
function readScenario(row: ScenarioRowDb): { ok: true; scenario: Scenario } | { ok: false; error: AppError } {
  const params = readStored(row.params_json, scenarioParamsSchema);
  const locks = readStored(row.locks_json, locksSchema);
  if (!params.ok || !locks.ok) {
    const [en, th, where] = !params.ok
      ? ['parameters', 'พารามิเตอร์', params.where]
      : ['locks', 'การล็อกวงเงิน', !locks.ok ? locks.where : ''];
    return {
      ok: false,
      error: new AppError(
        'INVALID_STATE',
        `scenario ${row.id} '${row.name}': its stored ${en} no longer read (at ${where}); delete the scenario and create it again`,
        `สถานการณ์ ${row.id} '${row.name}': อ่าน${th}ที่บันทึกไว้ไม่ได้ (ที่ ${where}) กรุณาลบสถานการณ์นี้แล้วสร้างใหม่`,
      ),
    };
  }
  const scenario: Scenario = {
    id: row.id,
    roundId: row.round_id,
    name: row.name,
    rule: row.rule,
    params: params.value,
    locks: locks.value,
    parentId: row.parent_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
  return { ok: true, scenario };
}

export async function getScenario(store: Store, scenarioId: number): Promise<Scenario> {
  const row = await store.db.selectFrom('scenario').selectAll().where('id', '=', scenarioId).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', `scenario ${scenarioId} does not exist`, `ไม่พบสถานการณ์ ${scenarioId}`);
  return toScenario(row);
}

/** Identity of a stored scenario, read without its parameters (so one whose parameters no longer read can be deleted). */
export async function getScenarioIdentity(
  store: Store,
  scenarioId: number,
): Promise<{ id: number; roundId: number; name: string }> {
  const row = await store.db
    .selectFrom('scenario')
    .select(['id', 'round_id', 'name'])
    .where('id', '=', scenarioId)
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', `scenario ${scenarioId} does not exist`, `ไม่พบสถานการณ์ ${scenarioId}`);
  return { id: row.id, roundId: row.round_id, name: row.name };
}

/**
 * The round's scenarios that read. One whose stored parameters or locks no longer read is left out here (the others
 * stay usable) and named by unreadableScenarios, so it can be deleted.
 */
export async function listScenarios(store: Store, roundId: number): Promise<Scenario[]> {
  const rows = await store.db.selectFrom('scenario').selectAll().where('round_id', '=', roundId).orderBy('id').execute();
  return rows.flatMap((row) => {
    const read = readScenario(row);
    return read.ok ? [read.scenario] : [];
  });
}

/** The round's scenarios whose stored parameters or locks no longer read, each with where and why. */
export async function unreadableScenarios(store: Store, roundId: number): Promise<UnreadableScenario[]> {
  const rows = await store.db.selectFrom('scenario').selectAll().where('round_id', '=', roundId).orderBy('id').execute();
  return rows.flatMap((row) => {
    const read = readScenario(row);
    return read.ok ? [] : [{ id: row.id, name: row.name, message: read.error.message, messageTh: read.error.messageTh }];
  });
}

function nameTaken(name: string): AppError {
  return new AppError(
    'INVALID_STATE',
    `a scenario named '${name}' already exists in this round`,
    `มีสถานการณ์ชื่อ '${name}' ในรอบนี้แล้ว`,
  );
}

/**
 * Refuses parameters or locks that name a project outside the round (BAD_ARGS, every unknown reference listed with
 * its field), before anything is written.
 */
function checkReferences(
  store: Store,
  roundId: number,
  params: ProjectReferences | undefined,
  locks: Readonly<Record<string, number>> | undefined,
): void {
  if (!params && !locks) return;
  const rows = store.sqlite.prepare('SELECT id FROM project WHERE round_id = ?').all(roundId) as { id: number }[];
  const unknown = unknownReferences(params ?? {}, locks, new Set(rows.map((r) => r.id)));
  if (unknown.length === 0) return;
  const list = (lang: 'th' | 'en'): string =>
    unknown.map((u) => `${REFERENCE_FIELD_NAMES[u.field][lang]}: ${u.projectId}`).join(', ');
  throw new AppError(
    'BAD_ARGS',
    `these projects are not in round ${roundId}: ${list('en')}`,
    `โครงการต่อไปนี้ไม่อยู่ในรอบ ${roundId}: ${list('th')}`,
  );
}

export function createScenario(
  store: Store,
  input: { roundId: number; name: string; rule?: RuleKind; params?: Partial<ScenarioParams>; fromId?: number },
  from: Scenario | null,
): number {
  const now = new Date().toISOString();
  if (from && from.roundId !== input.roundId) {
    throw new AppError(
      'INVALID_STATE',
      'a scenario can only branch from one of the same round',
      'แตกสถานการณ์ได้จากสถานการณ์ในรอบเดียวกันเท่านั้น',
    );
  }
  checkReferences(store, input.roundId, input.params, undefined);
  const params = { ...(from?.params ?? DEFAULT_PARAMS), ...(input.params ?? {}) };
  const exists = store.sqlite.prepare('SELECT 1 FROM scenario WHERE round_id = ? AND name = ?').get(input.roundId, input.name);
  if (exists) throw nameTaken(input.name);
  const info = store.sqlite
    .prepare(
      `INSERT INTO scenario (round_id, name, rule, params_json, locks_json, parent_id, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      input.roundId,
      input.name,
      input.rule ?? from?.rule ?? 'greedy',
      JSON.stringify(params),
      JSON.stringify(from?.locks ?? {}),
      from?.id ?? null,
      now,
      now,
    );
  return Number(info.lastInsertRowid);
}

export function updateScenario(
  store: Store,
  current: Scenario,
  patch: { name?: string; rule?: RuleKind; params?: Partial<ScenarioParams>; locks?: Record<string, number> },
): void {
  if (patch.name && patch.name !== current.name) {
    const exists = store.sqlite
      .prepare('SELECT 1 FROM scenario WHERE round_id = ? AND name = ? AND id <> ?')
      .get(current.roundId, patch.name, current.id);
    if (exists) throw nameTaken(patch.name);
  }
  checkReferences(store, current.roundId, patch.params, patch.locks);
  const params = { ...current.params, ...(patch.params ?? {}) };
  store.sqlite
    .prepare('UPDATE scenario SET name = ?, rule = ?, params_json = ?, locks_json = ?, updated_at = ? WHERE id = ?')
    .run(
      patch.name ?? current.name,
      patch.rule ?? current.rule,
      JSON.stringify(params),
      JSON.stringify(patch.locks ?? current.locks),
      new Date().toISOString(),
      current.id,
    );
}

type Context = Readonly<{
  round: RoundDetail;
  rows: ProjectRow[];
  districts: { code: string; name_th: string; name_en: string; population: number | null }[];
  /** Active needs with the round's projects they link to (MES ballots, fairness). */
  needs: NeedRow[];
}>;

async function loadContext(store: Store, roundId: number): Promise<Context> {
  const { round, rows } = await rankedProjects(store, roundId);
  const districts = await store.db
    .selectFrom('area_district')
    .select(['code', 'name_th', 'name_en', 'population'])
    .orderBy('code')
    .execute();
  return { round, rows, districts, needs: loadNeedLinks(store, roundId) };
}

function constraintNames(ctx: Context): Record<string, Named> {
  const names: Record<string, Named> = {};
  for (const d of ctx.districts) {
    names[`district:${d.code}`] = { th: `กรอบวงเงินอำเภอ${d.name_th}`, en: `envelope of ${d.name_en} district` };
  }
  for (const s of STRATEGIES) names[`strategy:${s.id}`] = { th: `กรอบวงเงินประเด็น${s.th}`, en: `envelope of the ${s.en} issue` };
  return names;
}

function optimumInput(
  ctx: Context,
  scenario: Scenario,
  projects: AllocationProject[],
  budget: number,
  locks: Record<string, number>,
): OptimumInput {
  const p = scenario.params;
  const ids = (list: readonly number[]): string[] => list.map(String);
  return {
    projects,
    budget,
    objective: p.objective,
    districtFloors: p.districtFloors,
    districtCaps: p.districtCaps,
    strategyCaps: p.strategyCaps,
    mustFund: ids(p.mustFund),
    mustNot: ids(p.mustNot),
    dependencies: p.dependencies.map((d) => ({ project: String(d.project), requires: String(d.requires) })),
    incompatibilities: p.incompatibilities.map(([a, b]) => [String(a), String(b)] as const),
    partialFunding: p.partialFunding,
    locks,
    names: {
      districts: Object.fromEntries(ctx.districts.map((d) => [d.code, d.name_th])),
      districtsEn: Object.fromEntries(ctx.districts.map((d) => [d.code, d.name_en])),
      strategies: Object.fromEntries(STRATEGIES.map((s) => [s.id, s.th])),
      strategiesEn: Object.fromEntries(STRATEGIES.map((s) => [s.id, s.en])),
      projects: Object.fromEntries(ctx.rows.map((r) => [String(r.id), r.code])),
    },
  };
}

type Computed = Readonly<{
  ctx: Context;
  outcome: AllocationOutcome;
  conflict: readonly ConflictGroup[];
  infeasible: boolean;
  elapsedMs: number;
  names: Record<string, Named>;
}>;

async function compute(store: Store, scenario: Scenario, solver: LpSolver): Promise<Computed> {
  const ctx = await loadContext(store, scenario.roundId);
  const budget = scenario.params.ceiling ?? ctx.round.ceiling;
  const known = new Map(ctx.rows.map((r) => [String(r.id), r]));
  const locks: Record<string, number> = {};
  for (const [id, amount] of Object.entries(scenario.locks)) {
    const row = known.get(id);
    if (!row) continue; // a project removed from the round no longer binds
    if (amount > row.requested) {
      throw new AppError(
        'INVALID_STATE',
        `lock on ${row.code}: ${formatBaht(amount)} baht is more than the ${formatBaht(row.requested)} baht requested`,
        `ล็อกโครงการ ${row.code}: ${formatBaht(amount)} บาท มากกว่าวงเงินที่ขอ ${formatBaht(row.requested)} บาท`,
      );
    }
    locks[id] = amount;
  }
  const projects: AllocationProject[] = ctx.rows.map((r) => ({
    id: String(r.id),
    cost: r.requested,
    ...(scenario.params.partialFunding ? { minCost: Math.max(1, Math.min(r.minAmount, r.requested)) } : {}),
    score: r.composite,
    ...(r.districtCode === null ? {} : { district: r.districtCode }),
    strategy: r.strategy,
    peopleReached: r.peopleAffected,
  }));
  const names = constraintNames(ctx);
  const started = performance.now();
  let outcome: AllocationOutcome;
  let conflict: readonly ConflictGroup[] = [];
  let infeasible = false;
  if (scenario.rule === 'greedy') {
    outcome = greedyAllocate({
      projects,
      budget,
      districtEnvelopes: scenario.params.districtEnvelopes,
      strategyEnvelopes: scenario.params.strategyEnvelopes,
      locks,
    });
  } else if (scenario.rule === 'optimum') {
    const input = optimumInput(ctx, scenario, projects, budget, locks);
    const result = await optimize(input, solver);
    for (const g of listConstraintGroups(input)) names[g.id] = { th: g.th, en: g.en };
    outcome = result;
    infeasible = result.status === 'infeasible';
    conflict = result.conflict ?? [];
  } else {
    outcome = mesWithLocks({
      projects,
      budget,
      locks,
      voters: ballotsFromNeeds(ctx.needs, scenario.params.voterUnit),
      completion: scenario.params.completion,
    });
  }
  return { ctx, outcome, conflict, infeasible, elapsedMs: Math.round((performance.now() - started) * 100) / 100, names };
}

function shapeResult(scenario: Scenario, c: Computed, store: Store): ScenarioResult {
  const { ctx, outcome } = c;
  const reservePos = new Map(outcome.reserve.map((id, i) => [id, i + 1]));
  const rows: ScenarioRow[] = allocationRows(ctx.rows, outcome).map((r) => ({
    ...r,
    locked: Object.hasOwn(scenario.locks, String(r.projectId)),
    reservePosition: r.funded > 0 ? null : (reservePos.get(String(r.projectId)) ?? null),
  }));
  const byDistrict = districtTotals(rows, ctx.districts);
  const byStrategy: StrategyAllocation[] = STRATEGIES.map((s) => {
    const mine = rows.filter((r) => r.strategy === s.id);
    return {
      id: s.id,
      nameTh: s.th,
      nameEn: s.en,
      ...moneyOf(mine),
    };
  });
  const fairness = computeFairness(store, ctx, outcome);
  return {
    scenario,
    status: c.infeasible ? 'infeasible' : 'ok',
    conflict: c.conflict,
    budget: outcome.budget,
    totalFunded: outcome.totalFunded,
    remaining: outcome.remaining,
    fundedCount: rows.filter((r) => r.funded > 0).length,
    rows,
    byDistrict,
    byStrategy,
    fairness,
    elapsedMs: c.elapsedMs,
  };
}

function computeFairness(store: Store, ctx: Context, outcome: AllocationOutcome): ScenarioResult['fairness'] {
  const fundedIds = new Set(
    Object.entries(outcome.funded)
      .filter(([, v]) => v > 0)
      .map(([k]) => Number(k)),
  );
  const perDistrict = new Map<string, { needs: number; people: number }>();
  const villages = ctx.needs.map((n) => {
    const d = n.tambonCode.slice(0, 4);
    const agg = perDistrict.get(d) ?? { needs: 0, people: 0 };
    perDistrict.set(d, { needs: agg.needs + 1, people: agg.people + n.people });
    const served = n.projectIds.some((id) => fundedIds.has(Number(id)));
    return { tambonCode: n.tambonCode, villageNo: n.villageNo, served };
  });
  const fundedByDistrict = new Map<string, number>();
  // A proposal over several districts or the whole province is not any one district's money.
  for (const r of ctx.rows) {
    if (r.districtCode === null) continue;
    fundedByDistrict.set(r.districtCode, (fundedByDistrict.get(r.districtCode) ?? 0) + (outcome.funded[String(r.id)] ?? 0));
  }
  const report = fairnessReport({
    budget: outcome.budget,
    districts: ctx.districts.map((d) => ({
      code: d.code,
      population: d.population,
      needs: perDistrict.get(d.code)?.needs ?? 0,
      needPeople: perDistrict.get(d.code)?.people ?? 0,
      funded: fundedByDistrict.get(d.code) ?? 0,
    })),
    villages,
  });
  const tambonNames = new Map(
    (
      store.sqlite.prepare('SELECT code, name_th, name_en FROM area_tambon').all() as {
        code: string;
        name_th: string;
        name_en: string;
      }[]
    ).map((t) => [t.code, t]),
  );
  const byCode = new Map(ctx.districts.map((d) => [d.code, d]));
  return {
    districts: report.districts.map((d) => ({
      ...d,
      nameTh: byCode.get(d.code)?.name_th ?? d.code,
      nameEn: byCode.get(d.code)?.name_en ?? d.code,
      population: byCode.get(d.code)?.population ?? null,
    })),
    giniPerCapita: report.giniPerCapita,
    giniPerNeedPerson: report.giniPerNeedPerson,
    villagesWithNeeds: report.villagesWithNeeds,
    unservedVillages: report.unservedVillages.length,
    unservedSample: report.unservedVillages.slice(0, 50).map((key) => {
      const [tambon, village] = key.split('/');
      const t = tambonNames.get(tambon ?? '');
      const v = village === '-' ? '' : village;
      return {
        th: `ต.${t?.name_th ?? tambon}${v ? ` หมู่ที่ ${v}` : ''}`,
        en: `${t?.name_en ?? tambon}${v ? `, village ${v}` : ''}`,
      };
    }),
    budgetShareSpent: report.budgetShareSpent,
  };
}

export async function runScenario(store: Store, scenarioId: number, solver: LpSolver): Promise<ScenarioResult> {
  return (await runScenarioWithInputs(store, scenarioId, solver)).result;
}

/** The run together with what it was computed from (ranked projects, needs), for exports that need both. */
export async function runScenarioWithInputs(
  store: Store,
  scenarioId: number,
  solver: LpSolver,
): Promise<{ result: ScenarioResult; round: RoundDetail; rows: ProjectRow[]; needs: NeedRow[] }> {
  const scenario = await getScenario(store, scenarioId);
  const c = await compute(store, scenario, solver);
  return { result: shapeResult(scenario, c, store), round: c.ctx.round, rows: c.ctx.rows, needs: c.ctx.needs };
}

export async function explainProject(
  store: Store,
  scenarioId: number,
  projectId: number,
  solver: LpSolver,
): Promise<WhyCardView> {
  const scenario = await getScenario(store, scenarioId);
  const c = await compute(store, scenario, solver);
  const row = c.ctx.rows.find((r) => r.id === projectId);
  if (!row) throw new AppError('NOT_FOUND', `project ${projectId} is not in this round`, `ไม่พบโครงการ ${projectId} ในรอบนี้`);
  const decision = c.outcome.decisions.find((d) => d.projectId === String(projectId)) ?? {
    projectId: String(projectId),
    funded: 0,
    reason: 'not_selected' as const,
    step: 0,
    remainingBefore: 0,
  };
  const reserveIndex = c.outcome.reserve.indexOf(String(projectId));
  const card = explainDecision({
    rule: scenario.rule,
    decision,
    project: {
      code: row.code,
      title: row.title,
      rank: row.rank,
      composite: row.composite,
      requested: row.requested,
      locked: Object.hasOwn(scenario.locks, String(projectId)),
    },
    budget: c.outcome.budget,
    reservePosition: reserveIndex >= 0 ? reserveIndex + 1 : null,
    constraintNames: c.names,
    ...(scenario.rule === 'optimum' ? { valuePerMillion: valuePerMillion(scenario, c, row) } : {}),
  });
  const conflict =
    c.infeasible && c.conflict.length > 0
      ? {
          th: ` เงื่อนไขที่ขัดกัน: ${c.conflict.map((g) => g.th).join('; ')}`,
          en: ` Conflicting constraints: ${c.conflict.map((g) => g.en).join('; ')}.`,
        }
      : { th: '', en: '' };
  return {
    projectId,
    code: row.code,
    title: row.title,
    funded: decision.funded,
    th: card.th + conflict.th,
    en: card.en + conflict.en,
  };
}

/** Objective per million baht of one project and, on average, of the funded ones (weighted by money). */
function valuePerMillion(
  scenario: Scenario,
  c: Computed,
  row: ProjectRow,
): { objective: 'score' | 'people'; project: number; fundedAverage: number } {
  const objective = scenario.params.objective;
  const value = (r: ProjectRow): number => (objective === 'score' ? r.composite : r.peopleAffected);
  let totalValue = 0;
  let totalMoney = 0;
  for (const r of c.ctx.rows) {
    const f = c.outcome.funded[String(r.id)] ?? 0;
    if (f <= 0) continue;
    totalValue += (value(r) * f) / r.requested;
    totalMoney += f;
  }
  const perMillion = (v: number, satang: number): number => (satang > 0 ? (v * 100_000_000) / satang : 0);
  return { objective, project: perMillion(value(row), row.requested), fundedAverage: perMillion(totalValue, totalMoney) };
}

export async function diffScenarios(store: Store, aId: number, bId: number, solver: LpSolver): Promise<ScenarioDiff> {
  const [a, b] = [await runScenario(store, aId, solver), await runScenario(store, bId, solver)];
  if (a.scenario.roundId !== b.scenario.roundId) {
    throw new AppError(
      'INVALID_STATE',
      'only scenarios of the same round can be compared',
      'เปรียบเทียบได้เฉพาะสถานการณ์ในรอบเดียวกัน',
    );
  }
  const side = (r: ScenarioResult): DiffSide => ({
    rows: r.rows,
    byDistrict: r.byDistrict.map((d) => ({ key: d.code, nameTh: d.nameTh, nameEn: d.nameEn, funded: d.funded })),
    byStrategy: r.byStrategy.map((x) => ({ key: x.id, nameTh: x.nameTh, nameEn: x.nameEn, funded: x.funded })),
  });
  const diff = diffOutcomes(side(a), side(b));
  return {
    a: { id: a.scenario.id, name: a.scenario.name, totalFunded: a.totalFunded },
    b: { id: b.scenario.id, name: b.scenario.name, totalFunded: b.totalFunded },
    entered: diff.entered,
    left: diff.left,
    changed: diff.changed,
    byDistrict: diff.byDistrict.map(({ key, ...d }) => ({ code: key, ...d })),
    byStrategy: diff.byStrategy.map(({ key, ...x }) => ({ id: key, ...x })),
  };
}
