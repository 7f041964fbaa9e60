/** Runs an allocation rule over a round's ranking and shapes the result for the screens and exports. */
import type { AllocationView, DistrictAllocation } from '../../../shared/api/types';
import { greedyAllocate } from '../../../shared/domain/allocation/greedy';
import type { Store } from '../db/database';
import { rankedProjects } from './ranking';

export async function runGreedy(store: Store, roundId: number): Promise<AllocationView> {
  const { round, rows } = await rankedProjects(store, roundId);
  const outcome = greedyAllocate({
    projects: rows.map((p) => ({
      id: String(p.id),
      cost: p.requested,
      score: p.composite,
      district: p.districtCode,
      strategy: p.strategy,
    })),
    budget: round.ceiling,
  });
  const decisions = new Map(outcome.decisions.map((d) => [d.projectId, d]));
  const allocationRows = rows.map((p) => {
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
      funded: d?.funded ?? 0,
      reason: d?.reason ?? 'not_selected',
      step: d?.step ?? 0,
      remainingBefore: d?.remainingBefore ?? 0,
    };
  });
  const districts = await store.db.selectFrom('area_district').selectAll().orderBy('code').execute();
  const byDistrict = new Map<string, DistrictAllocation>(
    districts.map((d) => [
      d.code,
      { code: d.code, nameTh: d.name_th, nameEn: d.name_en, requested: 0, funded: 0, projects: 0, fundedProjects: 0 },
    ]),
  );
  for (const r of allocationRows) {
    const d = byDistrict.get(r.districtCode);
    if (!d) continue;
    byDistrict.set(r.districtCode, {
      ...d,
      requested: d.requested + r.requested,
      funded: d.funded + r.funded,
      projects: d.projects + 1,
      fundedProjects: d.fundedProjects + (r.funded > 0 ? 1 : 0),
    });
  }
  return {
    roundId,
    rule: 'greedy',
    budget: outcome.budget,
    totalFunded: outcome.totalFunded,
    remaining: outcome.remaining,
    fundedCount: allocationRows.filter((r) => r.funded > 0).length,
    rows: allocationRows,
    byDistrict: [...byDistrict.values()],
  };
}
