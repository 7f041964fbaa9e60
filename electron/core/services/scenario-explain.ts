/**
 * Scenario explanations: the why-in / why-out card for one project of a run, and the differences between two runs of
 * the same round.
 */
import { AppError } from '../../../shared/api/errors';
import type { ScenarioDiff, ScenarioResult, WhyCardView } from '../../../shared/api/types';
import type { LpSolver } from '../../../shared/domain/allocation/optimum';
import { diffOutcomes, type DiffSide } from '../../../shared/domain/allocation/scenario-diff';
import { explainDecision } from '../../../shared/domain/explain';
import type { Store } from '../db/database';
import { overrideNote } from './judgement';
import { computeScenario, loadScenarioContext, runScenario } from './scenario-run';

/** The why-card of one project in a scenario's run, in Thai and English. */
export async function explainProject(
  store: Store,
  scenarioId: number,
  projectId: number,
  solver: LpSolver,
): Promise<WhyCardView> {
  const c = await computeScenario(await loadScenarioContext(store, scenarioId), solver);
  const { scenario } = c.ctx;
  const row = c.ctx.rows.find((r) => r.id === projectId);
  if (!row) throw new AppError('NOT_FOUND', `project ${projectId} is not in this round`, `ไม่พบโครงการ ${projectId} ในรอบนี้`);
  const decision = c.outcome.decisions.find((d) => d.projectId === String(projectId)) ?? {
    projectId: String(projectId),
    funded: 0,
    reason: 'not_selected' as const,
    step: 0,
    remainingBefore: 0,
  };
  const reserveIndex = c.outcome.reserve.indexOf(String(projectId));
  const card = explainDecision({
    rule: scenario.rule,
    decision,
    project: {
      code: row.code,
      title: row.title,
      rank: row.rank,
      composite: row.composite,
      requested: row.requested,
      locked: Object.hasOwn(scenario.locks, String(projectId)),
    },
    budget: c.outcome.budget,
    reservePosition: reserveIndex >= 0 ? reserveIndex + 1 : null,
    constraintNames: c.names,
    run: { projects: c.projects, outcome: c.outcome },
    params: scenario.params,
  });
  const conflict =
    c.infeasible && c.conflict.length > 0
      ? {
          th: ` เงื่อนไขที่ขัดกัน: ${c.conflict.map((g) => g.th).join('; ')}`,
          en: ` Conflicting constraints: ${c.conflict.map((g) => g.en).join('; ')}.`,
        }
      : { th: '', en: '' };
  // Issue 12: the committee's override in force on this project, with its reason and who asked.
  const override = overrideNote(store, scenario.roundId, projectId);
  return {
    projectId,
    code: row.code,
    title: row.title,
    funded: decision.funded,
    th: card.th + conflict.th + override.th,
    en: card.en + conflict.en + override.en,
  };
}

/** What changes from scenario a to scenario b: projects that enter, leave or change amount, and totals. */
export async function diffScenarios(store: Store, aId: number, bId: number, solver: LpSolver): Promise<ScenarioDiff> {
  const [a, b] = [await runScenario(store, aId, solver), await runScenario(store, bId, solver)];
  if (a.scenario.roundId !== b.scenario.roundId) {
    throw new AppError(
      'INVALID_STATE',
      'only scenarios of the same round can be compared',
      'เปรียบเทียบได้เฉพาะสถานการณ์ในรอบเดียวกัน',
    );
  }
  const side = (r: ScenarioResult): DiffSide => ({
    rows: r.rows,
    byDistrict: r.byDistrict.map((d) => ({ key: d.code, nameTh: d.nameTh, nameEn: d.nameEn, funded: d.funded })),
    byStrategy: r.byStrategy.map((x) => ({ key: x.id, nameTh: x.nameTh, nameEn: x.nameEn, funded: x.funded })),
  });
  const diff = diffOutcomes(side(a), side(b));
  return {
    a: { id: a.scenario.id, name: a.scenario.name, totalFunded: a.totalFunded },
    b: { id: b.scenario.id, name: b.scenario.name, totalFunded: b.totalFunded },
    entered: diff.entered,
    left: diff.left,
    changed: diff.changed,
    byDistrict: diff.byDistrict.map(({ key, ...d }) => ({ code: key, ...d })),
    byStrategy: diff.byStrategy.map(({ key, ...x }) => ({ id: key, ...x })),
  };
}
