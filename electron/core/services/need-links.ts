/**
 * Loads what a scenario's run reads of the citizens' needs: every active need that links to a project of the round,
 * one by one (MES ballots, the evidence behind each funded project), and the active needs that link to none, summed
 * per village (they count as voters who spend nothing, and as villages with needs in the fairness figures).
 *
 * Summing in SQL is what keeps a province's needs fast: read row by row, 1,000,000 needs took 2–3 s (the rows
 * themselves, not the query), while the village totals come from a covering index (migration 015) in about 0.1 s
 * and only the linked needs, a fraction of them, are read one by one.
 */
import type { NeedLinks } from '../../../shared/domain/allocation/need-ballots';
import type { Store } from '../db/database';

/** An active need linked to at least one project of the round. */
export type NeedRow = NeedLinks & Readonly<{ id: number; tambonCode: string; villageNo: number | null }>;

/** The active needs of one village that link to no project of the round: how many, and their people and households. */
export type VillageNeeds = Readonly<{
  tambonCode: string;
  villageNo: number | null;
  needs: number;
  people: number;
  households: number;
}>;

/** A round's needs as a scenario's context holds them (`ScenarioContext.needs` and `.unlinked`). */
export type RoundNeeds = Readonly<{ needs: NeedRow[]; unlinked: VillageNeeds[] }>;

const villageKey = (tambonCode: string, villageNo: number | null): string => `${tambonCode}/${villageNo ?? ''}`;

export function loadNeedLinks(store: Store, roundId: number): RoundNeeds {
  const links = store.sqlite
    .prepare(`SELECT pn.need_id, pn.project_id FROM project_need pn JOIN project p ON p.id = pn.project_id WHERE p.round_id = ?`)
    .raw()
    .all(roundId) as [number, number][];
  const byNeed = new Map<number, string[]>();
  for (const [need, project] of links) {
    const list = byNeed.get(need);
    if (list) list.push(String(project));
    else byNeed.set(need, [String(project)]);
  }
  // `+status`: found by id (one lookup per linked need), not by scanning the village index's million entries.
  const linkedRows = store.sqlite
    .prepare(
      `SELECT id, tambon_code, village_no, people_affected, households FROM need
        WHERE +status = 'active' AND id IN (SELECT pn.need_id FROM project_need pn JOIN project p ON p.id = pn.project_id WHERE p.round_id = ?)
        ORDER BY id`,
    )
    .raw()
    .all(roundId) as [number, string, number | null, number, number][];
  const linked = linkedRows.map(([id, tambonCode, villageNo, people, households]) => ({
    id,
    tambonCode,
    villageNo,
    people,
    households,
    projectIds: byNeed.get(id)!,
  }));
  // Every village's active needs, less its linked ones.
  const minus = new Map<string, { needs: number; people: number; households: number }>();
  for (const n of linked) {
    const key = villageKey(n.tambonCode, n.villageNo);
    const m = minus.get(key);
    if (m) {
      m.needs++;
      m.people += n.people;
      m.households += n.households;
    } else minus.set(key, { needs: 1, people: n.people, households: n.households });
  }
  const villages = store.sqlite
    .prepare(
      `SELECT tambon_code, village_no, COUNT(*), SUM(people_affected), SUM(households) FROM need
        WHERE status = 'active' GROUP BY tambon_code, village_no ORDER BY tambon_code, village_no`,
    )
    .raw()
    .all() as [string, number | null, number, number, number][];
  const unlinked: VillageNeeds[] = [];
  for (const [tambonCode, villageNo, needs, people, households] of villages) {
    const m = minus.get(villageKey(tambonCode, villageNo));
    const left = m ? needs - m.needs : needs;
    if (left > 0) {
      unlinked.push({
        tambonCode,
        villageNo,
        needs: left,
        people: m ? people - m.people : people,
        households: m ? households - m.households : households,
      });
    }
  }
  return { needs: linked, unlinked };
}

/**
 * Everyone a rule over needs counts as a voter: each linked need, and each village's unlinked needs as one empty
 * ballot of their people and households (empty ballots merge, so MES and the `.pb` export see the same voters as
 * with one row per need).
 */
export function needVoters(needs: Readonly<{ needs: readonly NeedLinks[]; unlinked: readonly VillageNeeds[] }>): NeedLinks[] {
  return [
    ...needs.needs,
    ...needs.unlinked.map((v) => ({ people: v.people, households: v.households, projectIds: [] as string[] })),
  ];
}
