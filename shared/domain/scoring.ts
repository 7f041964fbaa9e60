/**
 * Composite score and ranking, as DESIGN.md defines them: per criterion the members' scores are
 * aggregated (mean by default), normalised to [0, 1] on the criterion's scale, weighted and summed.
 */

export type Aggregation = 'mean' | 'median' | 'trimmed_mean' | 'geometric_mean';

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

export type RankedProject = Readonly<{
  id: number;
  composite: number;
  rank: number;
  /** Normalised aggregate per criterion id, in [0, 1]; null when nobody has scored it. */
  perCriterion: Readonly<Record<number, number | null>>;
}>;

/**
 * Aggregates several members' scores for one criterion.
 * @example aggregate([3, 4, 5], 'mean') // 4
 */
export function aggregate(values: readonly number[], how: Aggregation = 'mean'): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  switch (how) {
    case 'mean':
      return sorted.reduce((s, v) => s + v, 0) / sorted.length;
    case 'median': {
      const mid = sorted.length >> 1;
      return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
    }
    case 'trimmed_mean': {
      // Drop the highest and the lowest when there are enough members for it to mean something.
      const kept = sorted.length >= 5 ? sorted.slice(1, -1) : sorted;
      return kept.reduce((s, v) => s + v, 0) / kept.length;
    }
    case 'geometric_mean': {
      if (sorted.some((v) => v <= 0)) return 0;
      return Math.exp(sorted.reduce((s, v) => s + Math.log(v), 0) / sorted.length);
    }
  }
}

/**
 * Maps a value on a criterion's scale to [0, 1].
 * @example normalise(4, 1, 5) // 0.75
 */
export function normalise(value: number, min: number, max: number): number {
  if (max <= min) return 0;
  return Math.min(1, Math.max(0, (value - min) / (max - min)));
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
  how: Aggregation = 'mean',
): RankedProject[] {
  const totalWeight = criteria.reduce((s, c) => s + Math.max(0, c.weight), 0) || 1;
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
  const scored = projects.map((p) => {
    const perCriterion: Record<number, number | null> = {};
    let composite = 0;
    for (const c of criteria) {
      let norm: number | null;
      if (c.kind === 'computed') {
        const v = computed.get(p.id)?.get(c.id);
        if (c.direction === 'cost') {
          // The lowest positive value in the round scores 1; twice as costly scores 1/2.
          const min = minComputed.get(c.id) ?? Infinity;
          norm = v === undefined ? null : v > 0 && Number.isFinite(min) ? min / v : 1;
        } else {
          const max = maxComputed.get(c.id) ?? 0;
          norm = v === undefined ? null : max > 0 ? v / max : 0;
        }
      } else {
        const agg = aggregate(memberScores.get(p.id)?.get(c.id) ?? [], how);
        const scaled = agg === null ? null : normalise(agg, c.scaleMin, c.scaleMax);
        norm = scaled === null ? null : c.direction === 'cost' ? 1 - scaled : scaled;
      }
      perCriterion[c.id] = norm;
      composite += (Math.max(0, c.weight) / totalWeight) * (norm ?? 0);
    }
    // Round to 1e-9 so that float noise never decides a tie that the rules below should decide.
    return { project: p, composite: Math.round(composite * 100 * 1e9) / 1e9, perCriterion };
  });
  scored.sort(
    (a, b) =>
      b.composite - a.composite ||
      b.project.needEvidence - a.project.needEvidence ||
      a.project.cost - b.project.cost ||
      (a.project.code < b.project.code ? -1 : a.project.code > b.project.code ? 1 : 0),
  );
  return scored.map((s, i) => ({ id: s.project.id, composite: s.composite, rank: i + 1, perCriterion: s.perCriterion }));
}
