/** Loads a round's projects, scores and need evidence and ranks them with the domain rules. */
import { AppError } from '../../../shared/api/errors';
import type { Criterion, ProjectRow, RoundDetail } from '../../../shared/api/types';
import { rankProjects } from '../../../shared/domain/scoring';
import type { Store } from '../db/database';

export async function loadRound(store: Store, roundId: number): Promise<RoundDetail> {
  const round = await store.db.selectFrom('round').selectAll().where('id', '=', roundId).executeTakeFirst();
  if (!round) throw new AppError('NOT_FOUND', `round ${roundId} does not exist`, `ไม่พบรอบการพิจารณา ${roundId}`);
  const criteria = await store.db.selectFrom('criterion').selectAll().where('round_id', '=', roundId).orderBy('sort').execute();
  const members = await store.db.selectFrom('member').selectAll().where('round_id', '=', roundId).orderBy('id').execute();
  const count = await store.db
    .selectFrom('project')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('round_id', '=', roundId)
    .executeTakeFirstOrThrow();
  return {
    id: round.id,
    name: round.name,
    fiscalYear: round.fiscal_year,
    ceiling: round.ceiling,
    status: round.status,
    aggregation: round.aggregation,
    projectCount: Number(count.n),
    criteria: criteria.map((c): Criterion => ({
      id: c.id,
      code: c.code,
      nameTh: c.name_th,
      nameEn: c.name_en,
      weight: c.weight,
      scaleMin: c.scale_min,
      scaleMax: c.scale_max,
      kind: c.kind,
    })),
    members: members.map((m) => ({ id: m.id, name: m.name, titleTh: m.title_th, titleEn: m.title_en })),
  };
}

/** Every project of the round with composite score and rank, best first. */
export async function rankedProjects(store: Store, roundId: number): Promise<{ round: RoundDetail; rows: ProjectRow[] }> {
  const round = await loadRound(store, roundId);
  const projects = store.sqlite
    .prepare(
      `SELECT p.id, p.code, p.title, p.agency, p.level, p.strategy, p.district_code, p.requested, p.min_amount,
              p.evidence_changed,
              COUNT(n.id) AS need_count,
              COALESCE(SUM(n.people_affected * pn.coverage), 0) AS people,
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
    district_code: string;
    requested: number;
    min_amount: number;
    evidence_changed: number;
    need_count: number;
    people: number;
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
  const computed = new Map<number, Map<number, number>>();
  const peopleCriteria = round.criteria.filter((c) => c.kind === 'computed');
  for (const p of projects) computed.set(p.id, new Map(peopleCriteria.map((c) => [c.id, Math.round(p.people)])));
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
    };
  });
  return { round, rows };
}
