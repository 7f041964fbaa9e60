/** Loads every active need with the round's projects it links to (the input of MES over needs). */
import type { NeedLinks } from '../../../shared/domain/allocation/need-ballots';
import type { Store } from '../db/database';

export function loadNeedLinks(store: Store, roundId: number): NeedLinks[] {
  const rows = store.sqlite
    .prepare(
      `SELECT n.id, n.people_affected AS people, n.households, group_concat(p.id) AS projects
         FROM need n
         LEFT JOIN project_need pn ON pn.need_id = n.id
         LEFT JOIN project p ON p.id = pn.project_id AND p.round_id = ?
        WHERE n.status = 'active'
        GROUP BY n.id`,
    )
    .all(roundId) as { id: number; people: number; households: number; projects: string | null }[];
  return rows.map((r) => ({ people: r.people, households: r.households, projectIds: r.projects ? r.projects.split(',') : [] }));
}
