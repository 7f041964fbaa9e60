/**
 * Bench: the committee's judgement at national scale, 5,000 projects × 12 criteria × 30 members (1.8 million
 * scores, 1–5, seeded). In-process, from loaded data (the database read is not timed):
 * - scoring.full_recompute_ms: every cell re-aggregated, composites, ranking and greedy allocation on typed arrays
 *   (baseline: the same through `rankProjects` and `greedyAllocate` on maps and objects);
 * - scoring.edit_rerank_ms: one score edited → its cell re-aggregated → that composite → re-rank → greedy
 *   re-allocate, median of 101 edits (baseline: the naive full recompute through `rankProjects` + `greedyAllocate`);
 * - scoring.sensitivity_1000_s: 1,000 weight samples at ±20%, ranks and funded status.
 */
import { greedyAllocate } from '../../../shared/domain/allocation/greedy';
import { CommitteeModel, type ModelCriterion } from '../../../shared/domain/judgement/committee-model';
import { fundedMask, rankOrder } from '../../../shared/domain/judgement/order';
import { rankSensitivity } from '../../../shared/domain/judgement/sensitivity';
import { createRng } from '../../../shared/domain/prng';
import { rankProjects, type ProjectForRanking } from '../../../shared/domain/scoring';
import { medianMs, type BenchRecord } from '../types';

const PROJECTS = 5000;
const CRITERIA = 12;
const MEMBERS = 30;

function instance() {
  const rng = createRng(12);
  const projects: ProjectForRanking[] = Array.from({ length: PROJECTS }, (_, i) => ({
    id: i + 1,
    code: `P${String(i + 1).padStart(5, '0')}`,
    cost: rng.int(5_000, 2_000_000) * 100,
    needEvidence: rng.int(0, 2000),
  }));
  const criteria: ModelCriterion[] = Array.from({ length: CRITERIA }, (_, c) => ({
    id: c + 1,
    weight: 1 + (c % 4),
    scaleMin: 1,
    scaleMax: 5,
    kind: 'member',
    aggregation: c % 3 === 0 ? 'median' : 'mean',
  }));
  const model = new CommitteeModel({ projects, criteria, members: MEMBERS });
  const scores = new Map<number, Map<number, number[]>>();
  for (let p = 0; p < PROJECTS; p++) {
    const quality = 1.5 + rng.next() * 3;
    const byCriterion = new Map<number, number[]>();
    for (let c = 0; c < CRITERIA; c++) {
      const values: number[] = [];
      for (let m = 0; m < MEMBERS; m++) {
        const v = Math.min(5, Math.max(1, Math.round(quality + (rng.next() - 0.5) * 2.4)));
        model.loadScore(p, c, m, v);
        values.push(v);
      }
      byCriterion.set(c + 1, values);
    }
    scores.set(p + 1, byCriterion);
  }
  model.recomputeAll();
  const budget = Math.round(projects.reduce((s, p) => s + p.cost, 0) * 0.4);
  return { projects, criteria, model, scores, budget };
}

export async function run(): Promise<BenchRecord[]> {
  const { projects, criteria, model, scores, budget } = instance();
  const costs = Float64Array.from(projects, (p) => p.cost);
  const aggregationByCriterion = new Map(criteria.map((c) => [c.id, c.aggregation]));

  const naive = () => {
    const ranked = rankProjects(projects, criteria, scores, new Map(), { aggregationByCriterion });
    const byId = new Map(projects.map((p) => [p.id, p]));
    return greedyAllocate({
      projects: ranked.map((r) => ({ id: String(r.id), cost: byId.get(r.id)!.cost, score: r.composite })),
      budget,
    });
  };
  const full = () => {
    model.recomputeAll();
    return fundedMask(rankOrder(model.composites, model.tie), costs, budget);
  };
  const naiveMs = await medianMs(5, naive, 1);
  const fullMs = await medianMs(5, full, 1);

  let k = 0;
  const edit = () => {
    k++;
    const p = (k * 7919) % PROJECTS;
    const c = k % CRITERIA;
    const m = k % MEMBERS;
    model.setScore(p, c, m, 1 + (k % 5));
    return fundedMask(rankOrder(model.composites, model.tie), costs, budget);
  };
  const editMs = await medianMs(101, edit, 5);

  const t0 = performance.now();
  rankSensitivity({
    norms: model.normsOrZero(),
    weights: criteria.map((c) => c.weight),
    tie: model.tie,
    costs,
    budget,
    samples: 1000,
    spread: 0.2,
    seed: 2569,
  });
  const sensitivityS = Math.round((performance.now() - t0) / 10) / 100;

  const ratio = (value: number, baseline: number) => Math.round((value / baseline) * 1000) / 1000;
  return [
    { name: 'scoring.edit_rerank_ms', value: editMs, unit: 'ms', baseline: naiveMs, ratio: ratio(editMs, naiveMs) },
    { name: 'scoring.full_recompute_ms', value: fullMs, unit: 'ms', baseline: naiveMs, ratio: ratio(fullMs, naiveMs) },
    { name: 'scoring.sensitivity_1000_s', value: sensitivityS, unit: 's', baseline: null, ratio: null },
  ];
}
