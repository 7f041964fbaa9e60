/**
 * Rule "optimum": the set of projects (partly funded where allowed) with the highest total score or people reached
 * under the ceiling and every constraint the committee set, solved exactly as a MILP (HiGHS).
 */
import { z } from 'zod';
import { listConstraintGroups, optimize, type OptimumInput } from '../optimum';
import type { AllocationOutcome, AllocationProject } from '../types';
import { baht, defineRule, type Named } from './rule';

const satang = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const districtCode = z.string().regex(/^19\d\d$/u);
const strategyCode = z.string().regex(/^S\d$/u);
const projectId = z.number().int().positive();

/** What the optimum records about a decision: the constraint that bound it, or that none could hold together. */
const optimumDetail = z.object({
  constraint: z.string().nullable().optional(),
  binding: z.array(z.string()).optional(),
  value: z.number().optional(),
  infeasible: z.boolean().optional(),
  conflict: z.array(z.string()).optional(),
});

type Objective = 'score' | 'people';

/**
 * Objective per million baht of one project and, on average, of the funded ones (weighted by money): the intuition
 * behind a knapsack choice ("other projects give more for the same money").
 */
function valuePerMillion(
  objective: Objective,
  projects: readonly AllocationProject[],
  outcome: AllocationOutcome,
  project: AllocationProject,
): { project: number; fundedAverage: number } {
  const value = (p: AllocationProject): number => (objective === 'score' ? p.score : (p.peopleReached ?? 0));
  let totalValue = 0;
  let totalMoney = 0;
  for (const p of projects) {
    const f = outcome.funded[p.id] ?? 0;
    if (f <= 0) continue;
    totalValue += (value(p) * f) / p.cost;
    totalMoney += f;
  }
  const perMillion = (v: number, satang: number): number => (satang > 0 ? (v * 100_000_000) / satang : 0);
  return { project: perMillion(value(project), project.cost), fundedAverage: perMillion(totalValue, totalMoney) };
}

export const optimumRule = defineRule({
  label: { th: 'ค่าที่ดีที่สุด (HiGHS)', en: 'Optimum (HiGHS)' },
  summary: {
    th: 'เลือกชุดโครงการที่ได้คะแนนรวม (หรือจำนวนคนที่ได้ประโยชน์) สูงสุดภายใต้วงเงินและเงื่อนไขทั้งหมด',
    en: 'Chooses the set of projects with the highest total score (or people reached) under the ceiling and every constraint',
  },
  params: {
    fields: {
      objective: z.enum(['score', 'people']),
      districtFloors: z.record(districtCode, satang),
      districtCaps: z.record(districtCode, satang),
      strategyCaps: z.record(strategyCode, satang),
      mustFund: z.array(projectId).max(2000),
      mustNot: z.array(projectId).max(2000),
      dependencies: z.array(z.object({ project: projectId, requires: projectId }).strict()).max(500),
      incompatibilities: z.array(z.tuple([projectId, projectId])).max(500),
      partialFunding: z.boolean(),
    },
    defaults: {
      objective: 'score',
      districtFloors: {},
      districtCaps: {},
      strategyCaps: {},
      mustFund: [],
      mustNot: [],
      dependencies: [],
      incompatibilities: [],
      partialFunding: false,
    },
  },
  run: async ({ projects, budget, locks, params: p, names, solver }) => {
    const ids = (list: readonly number[]): string[] => list.map(String);
    const input: OptimumInput = {
      // All or nothing unless partial funding is on: then a project may get anything from its minimum up.
      projects: p.partialFunding ? projects : projects.map(({ minCost: _min, ...whole }) => whole),
      budget,
      objective: p.objective,
      districtFloors: p.districtFloors,
      districtCaps: p.districtCaps,
      strategyCaps: p.strategyCaps,
      mustFund: ids(p.mustFund),
      mustNot: ids(p.mustNot),
      dependencies: p.dependencies.map((d) => ({ project: String(d.project), requires: String(d.requires) })),
      incompatibilities: p.incompatibilities.map(([a, b]) => [String(a), String(b)] as const),
      partialFunding: p.partialFunding,
      locks,
      names,
    };
    const outcome = await optimize(input, solver);
    const constraintNames: Record<string, Named> = {};
    for (const g of listConstraintGroups(input)) constraintNames[g.id] = { th: g.th, en: g.en };
    return {
      outcome,
      constraintNames,
      infeasible: outcome.status === 'infeasible',
      conflict: outcome.conflict ?? [],
    };
  },
  detail: optimumDetail,
  explain: ({ decision: d, project: p, funded, head, reserve, constraint, run, params }, detail) => {
    if (detail.infeasible) {
      return {
        th: `${head.th} ยังไม่มีผล: เงื่อนไขที่กำหนดขัดแย้งกันจนไม่มีแผนใดทำได้ กรุณาปรับเงื่อนไขที่ระบุ`,
        en: `${head.en} has no result: the constraints conflict, so no plan satisfies them all. Relax one of the named constraints.`,
      };
    }
    if (funded) {
      const partial = d.funded < p.requested;
      return {
        th: `${head.th} ได้รับจัดสรร ${baht(d.funded, 'th')}${partial ? ` (บางส่วน จากที่ขอ ${baht(p.requested, 'th')})` : ''} เพราะอยู่ในชุดโครงการที่ให้ผลรวมสูงสุดภายใต้วงเงินและเงื่อนไขทั้งหมด`,
        en: `${head.en} is funded ${baht(d.funded, 'en')}${partial ? ` (partly, of ${baht(p.requested, 'en')} requested)` : ''} because it belongs to the set of projects with the highest total under the ceiling and every constraint.`,
      };
    }
    const c = detail.constraint ?? null;
    const bound = c ? constraint(c) : null;
    const self = run.projects.find((x) => x.id === d.projectId);
    const v = self ? valuePerMillion(params.objective, run.projects, run.outcome, self) : null;
    if (v && (c === null || c === 'ceiling') && v.project < v.fundedAverage) {
      const unitTh = params.objective === 'score' ? 'คะแนน' : 'คน';
      const unitEn = params.objective === 'score' ? 'points' : 'people';
      return {
        th: `${head.th} ไม่ได้รับจัดสรร: ด้วยวงเงินที่จำกัด ชุดโครงการอื่นให้ผลรวมสูงกว่า โครงการนี้ได้ ${v.project.toFixed(2)} ${unitTh}ต่อเงิน 1 ล้านบาท ขณะที่โครงการที่ได้รับงบได้เฉลี่ย ${v.fundedAverage.toFixed(2)} ${unitTh}ต่อ 1 ล้านบาท${reserve.th}`,
        en: `${head.en} was not funded: with the money limited, other projects give a higher total. It yields ${v.project.toFixed(2)} ${unitEn} per million baht; the funded projects yield ${v.fundedAverage.toFixed(2)} on average.${reserve.en}`,
      };
    }
    return {
      th: `${head.th} ไม่ได้รับจัดสรร: ${bound ? `เงื่อนไขที่จำกัดคือ ${bound.th}` : 'ชุดโครงการอื่นให้ผลรวมสูงกว่าภายใต้วงเงินเดียวกัน'}${reserve.th}`,
      en: `${head.en} was not funded: ${bound ? `the binding constraint is the ${bound.en}` : 'other projects give a higher total for the same money'}.${reserve.en}`,
    };
  },
});
