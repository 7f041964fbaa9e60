/** Loads a round's projects, scores and need evidence and ranks them with the domain rules. */
import type { ProjectRow, RoundDetail } from '../../../shared/api/types';
import { evidenceValue, rankProjects } from '../../../shared/domain/scoring';
import type { Store } from '../db/database';
import { roundDetail } from './round-setup';

/** The round with its criteria, members and development issues (see services/round-setup.ts). */
export async function loadRound(store: Store, roundId: number): Promise<RoundDetail> {
  return roundDetail(store.sqlite, roundId);
}

/** Every project of the round with composite score and rank, best first. */
export async function rankedProjects(store: Store, roundId: number): Promise<{ round: RoundDetail; rows: ProjectRow[] }> {
  const round = await loadRound(store, roundId);
  const projects = store.sqlite
    .prepare(
      `SELECT p.id, p.code, p.title, p.agency, p.level, p.strategy, p.district_code, p.requested, p.min_amount,
              p.evidence_changed, p.development_issue_no,
              COUNT(n.id) AS need_count,
              COALESCE(SUM(n.people_affected * pn.coverage), 0) AS people,
              COALESCE(SUM(n.times_raised), 0) AS times_raised,
              COUNT(DISTINCT n.tambon_code || '/' || COALESCE(n.village_no, '')) AS villages
         FROM project p
         LEFT JOIN project_need pn ON pn.project_id = p.id
         LEFT JOIN need n ON n.id = pn.need_id AND n.status = 'active'
        WHERE p.round_id = ?
        GROUP BY p.id`,
    )
    .all(roundId) as {
    id: number;
    code: string;
    title: string;
    agency: string;
    level: ProjectRow['level'];
    strategy: string;
    district_code: string | null;
    requested: number;
    min_amount: number;
    evidence_changed: number;
    development_issue_no: number | null;
    need_count: number;
    people: number;
    times_raised: number;
    villages: number;
  }[];
  const scores = store.sqlite
    .prepare(
      `SELECT s.project_id, s.criterion_id, s.value FROM score s JOIN project p ON p.id = s.project_id WHERE p.round_id = ?`,
    )
    .all(roundId) as { project_id: number; criterion_id: number; value: number }[];
  const memberScores = new Map<number, Map<number, number[]>>();
  for (const s of scores) {
    let byCriterion = memberScores.get(s.project_id);
    if (!byCriterion) memberScores.set(s.project_id, (byCriterion = new Map()));
    let values = byCriterion.get(s.criterion_id);
    if (!values) byCriterion.set(s.criterion_id, (values = []));
    values.push(s.value);
  }
  const computedCriteria = round.criteria.filter((c) => c.kind === 'computed');
  // Share of each proposal's tambons (project_area) where active needs were raised.
  const areaShare = new Map(
    (computedCriteria.some((c) => c.source === 'area_share')
      ? (store.sqlite
          .prepare(
            `SELECT pa.project_id AS id, COUNT(*) AS tambons,
                  SUM(EXISTS (SELECT 1 FROM need n WHERE n.tambon_code = pa.tambon_code AND n.status = 'active')) AS needy
             FROM project_area pa JOIN project p ON p.id = pa.project_id WHERE p.round_id = ? GROUP BY pa.project_id`,
          )
          .all(roundId) as { id: number; tambons: number; needy: number }[])
      : []
    ).map((d) => [d.id, d.tambons > 0 ? d.needy / d.tambons : 0]),
  );
  const computed = new Map<number, Map<number, number>>();
  for (const p of projects) {
    const values = new Map<number, number>();
    for (const c of computedCriteria) {
      const v = evidenceValue(c.source ?? 'people', {
        people: p.people,
        requested: p.requested,
        timesRaised: p.times_raised,
        areaShare: areaShare.get(p.id) ?? 0,
      });
      if (v !== null) values.set(c.id, v);
    }
    computed.set(p.id, values);
  }
  const ranked = rankProjects(
    projects.map((p) => ({ id: p.id, code: p.code, cost: p.requested, needEvidence: Math.round(p.people) })),
    round.criteria,
    memberScores,
    computed,
    round.aggregation,
  );
  const byId = new Map(projects.map((p) => [p.id, p]));
  const rows = ranked.map((r): ProjectRow => {
    const p = byId.get(r.id)!;
    return {
      id: p.id,
      code: p.code,
      title: p.title,
      agency: p.agency,
      level: p.level,
      strategy: p.strategy,
      districtCode: p.district_code,
      requested: p.requested,
      minAmount: p.min_amount,
      needCount: p.need_count,
      peopleAffected: Math.round(p.people),
      villages: p.villages,
      composite: r.composite,
      rank: r.rank,
      evidenceChanged: p.evidence_changed === 1,
      developmentIssueNo: p.development_issue_no,
    };
  });
  return { round, rows };
}
