/**
 * Loads a round's projects, scores and need evidence and ranks them with the domain rules: members' scores are
 * aggregated per criterion with the method the round chose (criterion_aggregation, else the round's default) and the
 * members' weights (member_weight), scores under a declared conflict of interest left out; the ranking's moves
 * (ranking_override) are applied last. See docs/judgement.md.
 */
import type { ProjectRow, RoundDetail } from '../../../shared/api/types';
import type { Aggregation } from '../../../shared/domain/judgement/aggregation';
import { CommitteeModel, type ModelCriterion } from '../../../shared/domain/judgement/committee-model';
import { rankOrder } from '../../../shared/domain/judgement/order';
import { applyOverrides, type RankingOverride } from '../../../shared/domain/judgement/overrides';
import { computedNormaliser, evidenceValue, type ProjectForRanking } from '../../../shared/domain/scoring';
import type { Store } from '../db/database';
import { readCache } from './read-cache';
import { roundDetail } from './round-setup';

/** The round with its criteria, members and development issues (see services/round-setup.ts). */
export async function loadRound(store: Store, roundId: number): Promise<RoundDetail> {
  return roundDetail(store.sqlite, roundId);
}

type ProjectDbRow = {
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
};

/** Everything the ranking and the judgement views are computed from, loaded once. */
export type Committee = Readonly<{
  round: RoundDetail;
  projects: readonly ProjectDbRow[];
  forRanking: readonly ProjectForRanking[];
  /** The round's criteria in order, each with the aggregation in force. */
  criteria: readonly ModelCriterion[];
  /** Member ids by model index (active and deactivated members: past scores count). */
  memberIds: readonly number[];
  model: CommitteeModel;
  /** Overrides not withdrawn, oldest first. */
  overrides: readonly RankingOverride[];
  /** Declared conflicts of interest as `${memberId}:${projectId}`. */
  conflicts: ReadonlySet<string>;
}>;

/** The aggregation chosen per criterion of the round (criteria without a choice use the round's default). */
export function chosenAggregations(sqlite: Store['sqlite'], roundId: number): Map<number, Aggregation> {
  const rows = sqlite
    .prepare(
      `SELECT ca.criterion_id AS id, ca.aggregation FROM criterion_aggregation ca JOIN criterion c ON c.id = ca.criterion_id
        WHERE c.round_id = ?`,
    )
    .all(roundId) as { id: number; aggregation: Aggregation }[];
  return new Map(rows.map((r) => [r.id, r.aggregation]));
}

/** The overrides of a round not withdrawn, oldest first. */
export function activeOverrides(store: Store, roundId: number): RankingOverride[] {
  return store.sqlite
    .prepare(
      `SELECT id, project_id AS projectId, kind, position, reason, requested_by AS requestedBy, at
         FROM ranking_override WHERE round_id = ? AND withdrawn_at IS NULL ORDER BY id`,
    )
    .all(roundId) as RankingOverride[];
}

const committeeKey = (roundId: number): string => `committee:${roundId}`;

/**
 * The round's committee (see {@link readCommittee}), kept in the store's read cache until the database changes; a
 * score edit carries it forward instead ({@link carryScoreEdit}). Shared between callers: read-only.
 */
export function loadCommittee(store: Store, roundId: number): Promise<Committee> {
  return readCache(store).get(committeeKey(roundId), () => readCommittee(store, roundId));
}

/**
 * Makes one score write (`write`, a transaction of its own) and applies the same change to the cached committee of
 * the round, so the next ranking costs one cell's aggregate and a re-sort instead of reading every score again. When
 * anything else was written since the committee was read, or the cell is not one the model holds, the cached
 * committee is dropped and read anew when next asked for.
 */
export function carryScoreEdit<T extends { value: number | null }>(
  store: Store,
  cell: Readonly<{ roundId: number; memberId: number; projectId: number; criterionId: number }>,
  write: () => T,
): T {
  const cache = readCache(store);
  const before = cache.stamp();
  const saved = write();
  cache.carry<Committee>(committeeKey(cell.roundId), before, (c) => {
    const p = c.projects.findIndex((x) => x.id === cell.projectId);
    const k = c.criteria.findIndex((x) => x.id === cell.criterionId);
    const m = c.memberIds.indexOf(cell.memberId);
    if (p < 0 || k < 0 || m < 0 || c.criteria[k]!.kind !== 'member') throw new Error('not a cell of the model');
    // A score under a declared conflict of interest stays out of the aggregates.
    if (!c.conflicts.has(`${cell.memberId}:${cell.projectId}`)) c.model.setScore(p, k, m, saved.value);
  });
  return saved;
}

/** Reads the round's projects, evidence, scores (without conflicted ones), aggregation and overrides. */
async function readCommittee(store: Store, roundId: number): Promise<Committee> {
  const { sqlite } = store;
  const round = await loadRound(store, roundId);
  const projects = sqlite
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
    .all(roundId) as ProjectDbRow[];
  const forRanking = projects.map((p) => ({ id: p.id, code: p.code, cost: p.requested, needEvidence: Math.round(p.people) }));
  const methods = chosenAggregations(sqlite, roundId);
  const criteria: ModelCriterion[] = round.criteria.map((c) => ({ ...c, aggregation: methods.get(c.id) ?? round.aggregation }));
  const memberIds = [...round.members, ...round.inactiveMembers].map((m) => m.id);
  const memberIndex = new Map(memberIds.map((id, i) => [id, i]));
  const weights = new Map(
    (
      sqlite
        .prepare(
          `SELECT w.member_id AS id, w.weight FROM member_weight w JOIN member m ON m.id = w.member_id WHERE m.round_id = ?`,
        )
        .all(roundId) as { id: number; weight: number }[]
    ).map((r) => [r.id, r.weight]),
  );
  const computed = computedValues(store, roundId, round, projects);
  const evidenceNorm = computedNormaliser(forRanking, round.criteria, computed);
  const model = new CommitteeModel({
    projects: forRanking,
    criteria,
    members: memberIds.length,
    memberWeights: memberIds.map((id) => weights.get(id) ?? 1),
    computedNorm: (p, c) => evidenceNorm(forRanking[p]!.id, criteria[c]!),
  });
  const projectIndex = new Map(projects.map((p, i) => [p.id, i]));
  const criterionIndex = new Map(criteria.map((c, i) => [c.id, i]));
  const conflictRows = sqlite
    .prepare(
      `SELECT ci.member_id AS m, ci.project_id AS p FROM conflict_of_interest ci JOIN project p ON p.id = ci.project_id
        WHERE p.round_id = ?`,
    )
    .all(roundId) as { m: number; p: number }[];
  const conflicts = new Set(conflictRows.map((c) => `${c.m}:${c.p}`));
  // Raw rows (arrays, not objects): a national round has millions of scores.
  const scores = sqlite
    .prepare(
      `SELECT s.project_id, s.criterion_id, s.member_id, s.value FROM score s JOIN project p ON p.id = s.project_id
        WHERE p.round_id = ?`,
    )
    .raw()
    .all(roundId) as [number, number, number, number][];
  for (const [projectId, criterionId, memberId, value] of scores) {
    const p = projectIndex.get(projectId);
    const c = criterionIndex.get(criterionId);
    const m = memberIndex.get(memberId);
    if (p === undefined || c === undefined || m === undefined || criteria[c]!.kind !== 'member') continue;
    if (conflicts.size > 0 && conflicts.has(`${memberId}:${projectId}`)) continue;
    model.loadScore(p, c, m, value);
  }
  model.recomputeAll();
  return { round, projects, forRanking, criteria, memberIds, model, overrides: activeOverrides(store, roundId), conflicts };
}

/** Raw values of the round's computed criteria per project (see docs/criteria.md). */
function computedValues(
  store: Store,
  roundId: number,
  round: RoundDetail,
  projects: readonly ProjectDbRow[],
): Map<number, Map<number, number>> {
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
  return computed;
}

/** The committee's order of project indices: composite and tie-break, then the overrides' moves. */
export function committeeOrder(committee: Committee): { order: number[]; overrides: ReturnType<typeof applyOverrides> } {
  const { model, forRanking } = committee;
  const byScore = [...rankOrder(model.composites, model.tie)].map((i) => forRanking[i]!.id);
  const overrides = applyOverrides(byScore, committee.overrides);
  const index = new Map(forRanking.map((p, i) => [p.id, i]));
  return { order: overrides.order.map((id) => index.get(id)!), overrides };
}

/** Every project of the round with composite score and rank, best first (overrides applied). */
export async function rankedProjects(store: Store, roundId: number): Promise<{ round: RoundDetail; rows: ProjectRow[] }> {
  const committee = await loadCommittee(store, roundId);
  const { order, overrides } = committeeOrder(committee);
  const rows = order.map((i, r): ProjectRow => {
    const p = committee.projects[i]!;
    const override = overrides.inForce.get(p.id)?.kind;
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
      composite: committee.model.composites[i]!,
      rank: r + 1,
      evidenceChanged: p.evidence_changed === 1,
      developmentIssueNo: p.development_issue_no,
      ...(override ? { override } : {}),
    };
  });
  return { round: committee.round, rows };
}
