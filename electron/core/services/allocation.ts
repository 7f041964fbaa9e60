/** Runs an allocation rule over a round's ranking and shapes the result for the screens and exports. */
import {
  SEVERAL_DISTRICTS_CODE,
  type AllocationRow,
  type AllocationView,
  type DistrictAllocation,
  type ProjectRow,
} from '../../../shared/api/types';
import { greedyAllocate } from '../../../shared/domain/allocation/greedy';
import { locksOverBudget } from '../../../shared/domain/allocation/rules/rule';
import type { AllocationOutcome } from '../../../shared/domain/allocation/types';
import type { Store } from '../db/database';
import { rankedProjects } from './ranking';

/** One row per ranked project with what the rule decided for it. */
export function allocationRows(projects: readonly ProjectRow[], outcome: AllocationOutcome): AllocationRow[] {
  const decisions = new Map(outcome.decisions.map((d) => [d.projectId, d]));
  return projects.map((p) => {
    const d = decisions.get(String(p.id));
    return {
      projectId: p.id,
      code: p.code,
      title: p.title,
      districtCode: p.districtCode,
      strategy: p.strategy,
      rank: p.rank,
      composite: p.composite,
      requested: p.requested,
      funded: outcome.funded[String(p.id)] ?? 0,
      reason: d?.reason ?? 'not_selected',
      step: d?.step ?? 0,
      remainingBefore: d?.remainingBefore ?? 0,
    };
  });
}

/** Requested and funded money of some rows, and how many of them are funded. */
export function moneyOf(rows: readonly AllocationRow[]): { requested: number; funded: number; fundedProjects: number } {
  return {
    requested: rows.reduce((s, r) => s + r.requested, 0),
    funded: rows.reduce((s, r) => s + r.funded, 0),
    fundedProjects: rows.filter((r) => r.funded > 0).length,
  };
}

/**
 * Requested and funded money per district, every district listed (zero where nothing was asked), then the proposals of
 * no single district (several districts, the whole province) in a row of their own when there are any, so the rows
 * add up to the whole and money moved to or from such proposals is seen.
 */
export function districtTotals(
  rows: readonly AllocationRow[],
  districts: readonly { code: string; name_th: string; name_en: string }[],
): DistrictAllocation[] {
  const byDistrict: DistrictAllocation[] = districts.map((d) => {
    const mine = rows.filter((r) => r.districtCode === d.code);
    return {
      code: d.code,
      nameTh: d.name_th,
      nameEn: d.name_en,
      ...moneyOf(mine),
      projects: mine.length,
    };
  });
  const known = new Set(districts.map((d) => d.code));
  const several = rows.filter((r) => r.districtCode === null || !known.has(r.districtCode));
  if (several.length === 0) return byDistrict;
  return [
    ...byDistrict,
    {
      code: SEVERAL_DISTRICTS_CODE,
      nameTh: 'หลายอำเภอ / ทั้งจังหวัด',
      nameEn: 'Several districts / whole province',
      ...moneyOf(several),
      projects: several.length,
    },
  ];
}

/**
 * The round's own allocation: greedy down the ranking under the round's ceiling, the committee's overrides honoured
 * (an included project is funded in full first, an excluded one never). When the included projects alone take more
 * than the ceiling there is no plan within it: nothing is funded and `includedOverCeiling` says how much they take.
 */
export async function runGreedy(store: Store, roundId: number): Promise<AllocationView> {
  const { round, rows } = await rankedProjects(store, roundId);
  const locks = Object.fromEntries(rows.filter((p) => p.override === 'include').map((p) => [String(p.id), p.requested]));
  const included = Object.values(locks).reduce((s, x) => s + x, 0);
  const projects = rows.map((p) => ({
    id: String(p.id),
    cost: p.requested,
    score: p.composite,
    ...(p.districtCode === null ? {} : { district: p.districtCode }),
    strategy: p.strategy,
  }));
  // The rules' own refusal of locks above the budget: no plan, every project unfunded.
  const outcome: AllocationOutcome =
    locksOverBudget({ projects, budget: round.ceiling, locks, names: {} }, 'greedy')?.outcome ??
    greedyAllocate({
      locks,
      excluded: rows.filter((p) => p.override === 'exclude').map((p) => String(p.id)),
      projects,
      budget: round.ceiling,
    });
  const shaped = allocationRows(rows, outcome);
  const districts = await store.db.selectFrom('area_district').selectAll().orderBy('code').execute();
  return {
    roundId,
    rule: 'greedy',
    budget: outcome.budget,
    totalFunded: outcome.totalFunded,
    remaining: outcome.remaining,
    fundedCount: shaped.filter((r) => r.funded > 0).length,
    includedOverCeiling: included > round.ceiling ? included : null,
    rows: shaped,
    byDistrict: districtTotals(shaped, districts),
  };
}
