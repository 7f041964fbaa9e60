/**
 * The round's scores held in typed arrays so that one edited score costs one cell's aggregate and one project's
 * composite, not the whole round: an edit re-aggregates its cell, updates that project's composite, and the
 * ranking and greedy allocation are redone on typed arrays (`rankOrder`, `fundedMask`). Same numbers as
 * `rankProjects` (a property test holds them equal).
 */
import { normalise, type CriterionDef, type ProjectForRanking } from '../scoring';
import { aggregate, aggregateEqual, type Aggregation } from './aggregation';
import { roundComposite, tiePositions } from './order';

export type ModelCriterion = CriterionDef & Readonly<{ aggregation: Aggregation }>;

export type CommitteeModelInput = Readonly<{
  projects: readonly ProjectForRanking[];
  criteria: readonly ModelCriterion[];
  /** Number of members (member index 0 … members − 1). */
  members: number;
  /** Weight per member index (all 1 when absent). */
  memberWeights?: readonly number[];
  /** Normalised value of a computed criterion for a project (index, criterion index); null when not computable. */
  computedNorm?: (project: number, criterion: number) => number | null;
}>;

/** See the file comment. Indices, not ids: project p, criterion c, member m. */
export class CommitteeModel {
  readonly projectCount: number;
  readonly criterionCount: number;
  readonly memberCount: number;
  readonly tie: Uint32Array;
  /** Score per (p, c, m), NaN = not scored (or excluded by a conflict of interest). */
  readonly scores: Float64Array;
  /** Normalised aggregate per (p, c), NaN = nobody scored. */
  readonly norms: Float64Array;
  /** Composite 0–100 per project, rounded as the ranking rounds it. */
  readonly composites: Float64Array;
  private readonly criteria: readonly ModelCriterion[];
  private readonly shares: Float64Array;
  private readonly weights: readonly number[];
  private readonly values: number[] = [];
  private readonly valueWeights: number[] = [];
  /** All members weigh the same: the allocation-free path. */
  private readonly equalWeights: boolean;
  private readonly scratch: Float64Array;

  constructor(input: CommitteeModelInput) {
    this.projectCount = input.projects.length;
    this.criterionCount = input.criteria.length;
    this.memberCount = input.members;
    this.criteria = input.criteria;
    this.tie = tiePositions(input.projects);
    this.weights = Array.from({ length: input.members }, (_, m) => input.memberWeights?.[m] ?? 1);
    this.equalWeights = this.weights.every((w) => w === 1);
    this.scratch = new Float64Array(input.members);
    this.scores = new Float64Array(this.projectCount * this.criterionCount * this.memberCount).fill(NaN);
    this.norms = new Float64Array(this.projectCount * this.criterionCount).fill(NaN);
    this.composites = new Float64Array(this.projectCount);
    const total = input.criteria.reduce((s, c) => s + Math.max(0, c.weight), 0) || 1;
    this.shares = Float64Array.from(input.criteria, (c) => Math.max(0, c.weight) / total);
    for (let p = 0; p < this.projectCount; p++) {
      for (let c = 0; c < this.criterionCount; c++) {
        if (input.criteria[c]!.kind === 'computed') this.norms[p * this.criterionCount + c] = input.computedNorm?.(p, c) ?? NaN;
      }
    }
  }

  /** Sets one member's score (null clears it) and updates that cell's aggregate and the project's composite. */
  setScore(p: number, c: number, m: number, value: number | null): void {
    this.scores[(p * this.criterionCount + c) * this.memberCount + m] = value ?? NaN;
    this.aggregateCell(p, c);
    this.updateComposite(p);
  }

  /** Loads a score without recomputing (call `recomputeAll` after loading). */
  loadScore(p: number, c: number, m: number, value: number): void {
    this.scores[(p * this.criterionCount + c) * this.memberCount + m] = value;
  }

  /** Every member-scored cell's aggregate and every composite, from the scores. */
  recomputeAll(): void {
    for (let p = 0; p < this.projectCount; p++) {
      for (let c = 0; c < this.criterionCount; c++) if (this.criteria[c]!.kind === 'member') this.aggregateCell(p, c);
      this.updateComposite(p);
    }
  }

  /** The members' scores of one cell (not scored ones left out), by member index. */
  cellScores(p: number, c: number): { member: number; value: number }[] {
    const out: { member: number; value: number }[] = [];
    const base = (p * this.criterionCount + c) * this.memberCount;
    for (let m = 0; m < this.memberCount; m++) {
      const v = this.scores[base + m]!;
      if (!Number.isNaN(v)) out.push({ member: m, value: v });
    }
    return out;
  }

  private aggregateCell(p: number, c: number): void {
    const criterion = this.criteria[c]!;
    const base = (p * this.criterionCount + c) * this.memberCount;
    let agg: number | null;
    if (this.equalWeights) {
      let n = 0;
      for (let m = 0; m < this.memberCount; m++) {
        const v = this.scores[base + m]!;
        if (!Number.isNaN(v)) this.scratch[n++] = v;
      }
      agg = aggregateEqual(this.scratch, n, criterion.aggregation);
    } else {
      this.values.length = 0;
      this.valueWeights.length = 0;
      for (let m = 0; m < this.memberCount; m++) {
        const v = this.scores[base + m]!;
        if (Number.isNaN(v)) continue;
        this.values.push(v);
        this.valueWeights.push(this.weights[m]!);
      }
      agg = aggregate(this.values, criterion.aggregation, this.valueWeights);
    }
    let norm = NaN;
    if (agg !== null) {
      const scaled = normalise(agg, criterion.scaleMin, criterion.scaleMax);
      norm = criterion.direction === 'cost' ? 1 - scaled : scaled;
    }
    this.norms[p * this.criterionCount + c] = norm;
  }

  private updateComposite(p: number): void {
    let composite = 0;
    for (let c = 0; c < this.criterionCount; c++) {
      const norm = this.norms[p * this.criterionCount + c]!;
      composite += this.shares[c]! * (Number.isNaN(norm) ? 0 : norm);
    }
    this.composites[p] = roundComposite(composite * 100);
  }

  /** Normalised values with "nobody scored" as 0, for the sensitivity analysis. */
  normsOrZero(): Float64Array {
    return this.norms.map((v) => (Number.isNaN(v) ? 0 : v));
  }
}
