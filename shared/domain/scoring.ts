/**
 * Composite score and ranking, as DESIGN.md defines them: per criterion the members' scores are
 * aggregated (mean by default), normalised to [0, 1] on the criterion's scale, weighted and summed.
 */

import { aggregate, type Aggregation } from './judgement/aggregation';
import { compareTieBreak, roundComposite } from './judgement/order';

export type CriterionDef = Readonly<{
  id: number;
  weight: number;
  scaleMin: number;
  scaleMax: number;
  /** member: scored by committee members; computed: from linked needs (value supplied per project). */
  kind: 'member' | 'computed';
  /** benefit (default): more is better; cost: less is better (see docs/criteria.md). */
  direction?: 'benefit' | 'cost';
}>;

/** What a project's computed criteria are computed from. */
export type ProjectEvidence = Readonly<{
  /** People affected by the linked active needs, weighted by coverage. */
  people: number;
  /** Requested amount, satang. */
  requested: number;
  /** Times the linked active needs were raised, summed. */
  timesRaised: number;
  /** Share (0–1) of the project's area's tambons where active needs were raised. */
  areaShare: number;
}>;

/**
 * The raw value of one evidence criterion for a project; null when it cannot be computed (no one reached means no
 * cost per person). Cost per person is in baht.
 * @example evidenceValue('cost_per_person', { people: 200, requested: 100_000_00, timesRaised: 3, areaShare: 0.5 }) // 500
 */
export function evidenceValue(
  source: 'people' | 'cost_per_person' | 'times_raised' | 'area_share',
  e: ProjectEvidence,
): number | null {
  switch (source) {
    case 'people':
      return Math.round(e.people);
    case 'cost_per_person':
      return e.people >= 1 ? e.requested / 100 / e.people : null;
    case 'times_raised':
      return e.timesRaised;
    case 'area_share':
      return e.areaShare;
  }
}

export type ProjectForRanking = Readonly<{
  id: number;
  code: string;
  cost: number;
  /** People affected by the needs linked to the project (the evidence tie-breaker). */
  needEvidence: number;
}>;

/** How the members' scores are aggregated: one method for all criteria, or per criterion, and members' weights. */
export type RankOptions = Readonly<{
  /** The round's default method. */
  aggregation?: Aggregation;
  /** Criterion id → its method, where the round chose one. */
  aggregationByCriterion?: ReadonlyMap<number, Aggregation>;
  /** Project id → criterion id → the members' weights, parallel to `memberScores`' values (all 1 when absent). */
  memberWeights?: ReadonlyMap<number, ReadonlyMap<number, readonly number[]>>;
}>;

export type RankedProject = Readonly<{
  id: number;
  composite: number;
  rank: number;
  /** Normalised aggregate per criterion id, in [0, 1]; null when nobody has scored it. */
  perCriterion: Readonly<Record<number, number | null>>;
}>;

/**
 * Maps a value on a criterion's scale to [0, 1].
 * @example normalise(4, 1, 5) // 0.75
 */
export function normalise(value: number, min: number, max: number): number {
  if (max <= min) return 0;
  return Math.min(1, Math.max(0, (value - min) / (max - min)));
}

/**
 * The normalisation of computed (evidence) criteria against the round: benefit criteria as `v / max` over the round's
 * projects, cost criteria as `min / v` with the lowest positive value (docs/criteria.md). Null when not computable.
 * @example computedNormaliser([{id:1,code:'A',cost:1,needEvidence:0}, {id:2,code:'B',cost:1,needEvidence:0}],
 *   [{id:9,weight:1,scaleMin:0,scaleMax:1,kind:'computed'}], new Map([[1, new Map([[9, 50]])], [2, new Map([[9, 100]])]]))
 *   (1, {id:9,weight:1,scaleMin:0,scaleMax:1,kind:'computed'}) // 0.5
 */
export function computedNormaliser(
  projects: readonly ProjectForRanking[],
  criteria: readonly CriterionDef[],
  computed: ReadonlyMap<number, ReadonlyMap<number, number>>,
): (projectId: number, criterion: CriterionDef) => number | null {
  const maxComputed = new Map<number, number>();
  const minComputed = new Map<number, number>();
  for (const c of criteria) {
    if (c.kind !== 'computed') continue;
    let max = 0;
    let min = Infinity;
    for (const p of projects) {
      const v = computed.get(p.id)?.get(c.id);
      max = Math.max(max, v ?? 0);
      if (v !== undefined && v > 0) min = Math.min(min, v);
    }
    maxComputed.set(c.id, max);
    minComputed.set(c.id, min);
  }
  return (projectId, c) => {
    const v = computed.get(projectId)?.get(c.id);
    if (v === undefined) return null;
    if (c.direction === 'cost') {
      // The lowest positive value in the round scores 1; twice as costly scores 1/2.
      const min = minComputed.get(c.id) ?? Infinity;
      return v > 0 && Number.isFinite(min) ? min / v : 1;
    }
    const max = maxComputed.get(c.id) ?? 0;
    return max > 0 ? v / max : 0;
  };
}

/**
 * Composite scores (0–100) and ranks for a round's projects.
 * `memberScores` maps projectId → criterionId → the members' values; `computed` maps projectId →
 * criterionId → a raw value for computed criteria, normalised against the round's largest value.
 * Ranking: composite desc; ties by need evidence desc, then lower cost, then project code.
 * @example
 * rankProjects([{id:1,code:'A',cost:10,needEvidence:5}], [{id:1,weight:1,scaleMin:1,scaleMax:5,kind:'member'}],
 *   new Map([[1, new Map([[1, [5]]])]]), new Map()) // [{ id: 1, composite: 100, rank: 1, ... }]
 */
export function rankProjects(
  projects: readonly ProjectForRanking[],
  criteria: readonly CriterionDef[],
  memberScores: ReadonlyMap<number, ReadonlyMap<number, readonly number[]>>,
  computed: ReadonlyMap<number, ReadonlyMap<number, number>>,
  how: Aggregation | RankOptions = 'mean',
): RankedProject[] {
  const options: RankOptions = typeof how === 'string' ? { aggregation: how } : how;
  const methodOf = (criterionId: number): Aggregation =>
    options.aggregationByCriterion?.get(criterionId) ?? options.aggregation ?? 'mean';
  const totalWeight = criteria.reduce((s, c) => s + Math.max(0, c.weight), 0) || 1;
  const evidenceNorm = computedNormaliser(projects, criteria, computed);
  const scored = projects.map((p) => {
    const perCriterion: Record<number, number | null> = {};
    let composite = 0;
    for (const c of criteria) {
      let norm: number | null;
      if (c.kind === 'computed') {
        norm = evidenceNorm(p.id, c);
      } else {
        const agg = aggregate(
          memberScores.get(p.id)?.get(c.id) ?? [],
          methodOf(c.id),
          options.memberWeights?.get(p.id)?.get(c.id),
        );
        const scaled = agg === null ? null : normalise(agg, c.scaleMin, c.scaleMax);
        norm = scaled === null ? null : c.direction === 'cost' ? 1 - scaled : scaled;
      }
      perCriterion[c.id] = norm;
      composite += (Math.max(0, c.weight) / totalWeight) * (norm ?? 0);
    }
    // Round to 1e-9 so that float noise never decides a tie that the rules below should decide.
    return { project: p, composite: roundComposite(composite * 100), perCriterion };
  });
  scored.sort((a, b) => b.composite - a.composite || compareTieBreak(a.project, b.project));
  return scored.map((s, i) => ({ id: s.project.id, composite: s.composite, rank: i + 1, perCriterion: s.perCriterion }));
}
