/**
 * Running a scenario in two steps: loadScenarioContext reads everything a run needs from the database into a plain,
 * JSON-serialisable ScenarioContext; runScenarioContext computes the result from that context alone (no database), so
 * the same run can happen on the compute worker or be replayed from a saved context.
 */
import { AppError } from '../../../shared/api/errors';
import type { RunStage } from '../../../shared/api/scenario';
import type {
  ConflictGroup,
  ProjectRow,
  RoundDetail,
  Scenario,
  ScenarioResult,
  ScenarioRow,
  StrategyAllocation,
} from '../../../shared/api/types';
import type { NeedLinks } from '../../../shared/domain/allocation/need-ballots';
import type { LpSolver, OptimumNames } from '../../../shared/domain/allocation/optimum';
import { RULE_REGISTRY } from '../../../shared/domain/allocation/rules';
import type { AllocationOutcome, AllocationProject } from '../../../shared/domain/allocation/types';
import type { Named } from '../../../shared/domain/explain';
import { fairnessReport } from '../../../shared/domain/fairness';
import { formatBaht } from '../../../shared/domain/money';
import { STRATEGIES } from '../../../shared/domain/taxonomy';
import type { Store } from '../db/database';
import { allocationRows, districtTotals, moneyOf } from './allocation';
import { loadNeedLinks, needVoters, type NeedRow, type VillageNeeds } from './need-links';
import { rankedProjects } from './ranking';
import { getScenario } from './scenario-store';

/** A district as a run reads it (envelopes, fairness per person). */
export type ContextDistrict = Readonly<{ code: string; name_th: string; name_en: string; population: number | null }>;
/** A tambon's names, for the fairness report's unserved villages. */
export type ContextTambon = Readonly<{ code: string; name_th: string; name_en: string }>;

/**
 * Everything a run reads from the database, as plain data (JSON round-trips it unchanged): the scenario with its
 * parsed parameters and locks, the round, its ranked projects, the districts and tambons, and the active needs with
 * the projects they link to.
 */
export type ScenarioContext = Readonly<{
  scenario: Scenario;
  round: RoundDetail;
  rows: readonly ProjectRow[];
  districts: readonly ContextDistrict[];
  tambons: readonly ContextTambon[];
  /**
   * Active needs linked to the round's projects (MES ballots, fairness, evidence). A plan frozen before 4 December
   * 2026 also lists here, one by one, the needs that link to none.
   */
  needs: readonly NeedRow[];
  /** The other active needs, summed per village (absent from plans frozen before 4 December 2026). */
  unlinked: readonly VillageNeeds[];
}>;

/** Reads the scenario and everything its run needs; NOT_FOUND for an unknown scenario, INVALID_STATE for one unreadable. */
export async function loadScenarioContext(store: Store, scenarioId: number): Promise<ScenarioContext> {
  const scenario = await getScenario(store, scenarioId);
  const { round, rows } = await rankedProjects(store, scenario.roundId);
  const districts = await store.db
    .selectFrom('area_district')
    .select(['code', 'name_th', 'name_en', 'population'])
    .orderBy('code')
    .execute();
  const tambons = await store.db.selectFrom('area_tambon').select(['code', 'name_th', 'name_en']).orderBy('code').execute();
  return { scenario, round, rows, districts, tambons, ...loadNeedLinks(store, scenario.roundId) };
}

function constraintNames(ctx: ScenarioContext): Record<string, Named> {
  const names: Record<string, Named> = {};
  for (const d of ctx.districts) {
    names[`district:${d.code}`] = { th: `กรอบวงเงินอำเภอ${d.name_th}`, en: `envelope of ${d.name_en} district` };
  }
  for (const s of STRATEGIES) names[`strategy:${s.id}`] = { th: `กรอบวงเงินประเด็น${s.th}`, en: `envelope of the ${s.en} issue` };
  return names;
}

/** Display names for constraint explanations (districts, strategies, project codes). */
function displayNames(ctx: ScenarioContext): OptimumNames {
  return {
    districts: Object.fromEntries(ctx.districts.map((d) => [d.code, d.name_th])),
    districtsEn: Object.fromEntries(ctx.districts.map((d) => [d.code, d.name_en])),
    strategies: Object.fromEntries(STRATEGIES.map((s) => [s.id, s.th])),
    strategiesEn: Object.fromEntries(STRATEGIES.map((s) => [s.id, s.en])),
    projects: Object.fromEntries(ctx.rows.map((r) => [String(r.id), r.code])),
    // Locked by the committee's inclusion, not by the scenario's own lock (which wins when both are there).
    included: ctx.rows
      .filter((r) => r.override === 'include' && ctx.scenario.locks[String(r.id)] === undefined)
      .map((r) => String(r.id)),
  };
}

/** A run's raw outcome with what explanations need besides the shaped result. */
export type ComputedRun = Readonly<{
  ctx: ScenarioContext;
  /** The projects as the rule saw them. */
  projects: readonly AllocationProject[];
  outcome: AllocationOutcome;
  conflict: readonly ConflictGroup[];
  infeasible: boolean;
  elapsedMs: number;
  names: Record<string, Named>;
}>;

/**
 * The scenario's locks on projects still in the round, refused when one exceeds its request, and the committee's
 * "include" overrides as locks of the full request (a scenario's own lock on the project wins). A project the
 * committee excluded is never locked.
 */
function checkedLocks(ctx: ScenarioContext): Record<string, number> {
  const known = new Map(ctx.rows.map((r) => [String(r.id), r]));
  const locks: Record<string, number> = {};
  for (const r of ctx.rows) if (r.override === 'include') locks[String(r.id)] = r.requested;
  for (const [id, amount] of Object.entries(ctx.scenario.locks)) {
    const row = known.get(id);
    if (!row) continue; // a project removed from the round no longer binds
    if (row.override === 'exclude') continue;
    if (amount > row.requested) {
      throw new AppError(
        'INVALID_STATE',
        `lock on ${row.code}: ${formatBaht(amount)} baht is more than the ${formatBaht(row.requested)} baht requested`,
        `ล็อกโครงการ ${row.code}: ${formatBaht(amount)} บาท มากกว่าวงเงินที่ขอ ${formatBaht(row.requested)} บาท`,
      );
    }
    locks[id] = amount;
  }
  return locks;
}

/** The projects as every rule sees them, in ranking order. */
function allocationProjects(rows: readonly ProjectRow[]): AllocationProject[] {
  return rows.map((r) => ({
    id: String(r.id),
    cost: r.requested,
    minCost: Math.max(1, Math.min(r.minAmount, r.requested)),
    score: r.composite,
    ...(r.districtCode === null ? {} : { district: r.districtCode }),
    strategy: r.strategy,
    peopleReached: r.peopleAffected,
  }));
}

/** Where a run reports its stage and, while the rule computes, how far the rule is (`CoreContext.progress`). */
export type RunProgressSink = (stage: RunStage, fraction: number | null) => void;

/** Runs the scenario's rule (from the registry) over the context; no database access. */
export async function computeScenario(ctx: ScenarioContext, solver: LpSolver, progress?: RunProgressSink): Promise<ComputedRun> {
  const { scenario } = ctx;
  const rule = RULE_REGISTRY[scenario.rule];
  // The committee's "exclude" overrides (docs/judgement.md): the rule never sees those projects.
  const excluded = ctx.rows.filter((r) => r.override === 'exclude');
  const projects = allocationProjects(excluded.length === 0 ? ctx.rows : ctx.rows.filter((r) => r.override !== 'exclude'));
  const started = performance.now();
  progress?.('computing', null);
  const run = await rule.run({
    projects,
    budget: scenario.params.ceiling ?? ctx.round.ceiling,
    locks: checkedLocks(ctx),
    params: scenario.params,
    needs: needVoters(ctx),
    names: displayNames(ctx),
    solver,
    ...(progress ? { onProgress: (fraction: number) => progress('computing', fraction) } : {}),
  });
  const outcome: AllocationOutcome =
    excluded.length === 0
      ? run.outcome
      : {
          ...run.outcome,
          decisions: [
            ...excluded.map((r) => ({
              projectId: String(r.id),
              funded: 0,
              reason: 'excluded' as const,
              step: 0,
              remainingBefore: run.outcome.budget,
            })),
            ...run.outcome.decisions,
          ],
        };
  return {
    ctx,
    projects,
    outcome,
    conflict: run.conflict ?? [],
    infeasible: run.infeasible ?? false,
    elapsedMs: Math.round((performance.now() - started) * 100) / 100,
    names: { ...constraintNames(ctx), ...run.constraintNames },
  };
}

/** The API shape of a computed run: rows with locks and reserve positions, totals per district and strategy, fairness. */
export function shapeResult(c: ComputedRun): ScenarioResult {
  const { ctx, outcome } = c;
  const { scenario } = ctx;
  const reservePos = new Map(outcome.reserve.map((id, i) => [id, i + 1]));
  const rows: ScenarioRow[] = allocationRows([...ctx.rows], outcome).map((r) => ({
    ...r,
    locked: Object.hasOwn(scenario.locks, String(r.projectId)),
    reservePosition: r.funded > 0 ? null : (reservePos.get(String(r.projectId)) ?? null),
  }));
  const byDistrict = districtTotals(rows, [...ctx.districts]);
  const byStrategy: StrategyAllocation[] = STRATEGIES.map((s) => {
    const mine = rows.filter((r) => r.strategy === s.id);
    return {
      id: s.id,
      nameTh: s.th,
      nameEn: s.en,
      ...moneyOf(mine),
    };
  });
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
    fairness: computeFairness(ctx, outcome),
    elapsedMs: c.elapsedMs,
  };
}

/**
 * The run's result from a context alone. A context read back from JSON gives the identical result (elapsedMs aside,
 * which is the run's own wall time).
 */
export async function runScenarioContext(
  ctx: ScenarioContext,
  solver: LpSolver,
  progress?: RunProgressSink,
): Promise<ScenarioResult> {
  const computed = await computeScenario(ctx, solver, progress);
  progress?.('finishing', null);
  return shapeResult(computed);
}

function computeFairness(ctx: ScenarioContext, outcome: AllocationOutcome): ScenarioResult['fairness'] {
  const fundedIds = new Set(
    Object.entries(outcome.funded)
      .filter(([, v]) => v > 0)
      .map(([k]) => Number(k)),
  );
  const perDistrict = new Map<string, { needs: number; people: number }>();
  const count = (tambonCode: string, needs: number, people: number): void => {
    const d = tambonCode.slice(0, 4);
    const agg = perDistrict.get(d);
    if (agg) {
      agg.needs += needs;
      agg.people += people;
    } else perDistrict.set(d, { needs, people });
  };
  const villages = ctx.needs.map((n) => {
    count(n.tambonCode, 1, n.people);
    const served = n.projectIds.some((id) => fundedIds.has(Number(id)));
    return { tambonCode: n.tambonCode, villageNo: n.villageNo, served };
  });
  for (const v of ctx.unlinked) {
    count(v.tambonCode, v.needs, v.people);
    villages.push({ tambonCode: v.tambonCode, villageNo: v.villageNo, served: false });
  }
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
  const tambonNames = new Map(ctx.tambons.map((t) => [t.code, t]));
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

/** Runs one stored scenario over the current ranking and needs. */
export async function runScenario(
  store: Store,
  scenarioId: number,
  solver: LpSolver,
  progress?: RunProgressSink,
): Promise<ScenarioResult> {
  progress?.('reading', null);
  return runScenarioContext(await loadScenarioContext(store, scenarioId), solver, progress);
}

/** The run together with what it was computed from (ranked projects, the needs as voters), for exports that need both. */
export async function runScenarioWithInputs(
  store: Store,
  scenarioId: number,
  solver: LpSolver,
): Promise<{ result: ScenarioResult; round: RoundDetail; rows: readonly ProjectRow[]; voters: readonly NeedLinks[] }> {
  const ctx = await loadScenarioContext(store, scenarioId);
  return { result: await runScenarioContext(ctx, solver), round: ctx.round, rows: ctx.rows, voters: needVoters(ctx) };
}
