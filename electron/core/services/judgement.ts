/**
 * The committee's judgement over a round (docs/judgement.md): where members disagree (spread per project × criterion,
 * Kendall's W per criterion, the list to discuss first), progress, the aggregation the round chose, the overrides of
 * the ranking with their reasons, and how the ranking and funding hold when the weights vary.
 */
import { AppError } from '../../../shared/api/errors';
import type { JudgementView, OverrideView, SensitivityView } from '../../../shared/api/judgement';
import type { Args } from '../../../shared/api/contract';
import { kendallW } from '../../../shared/domain/judgement/kendall';
import { checkReason, describeOverride, overridesInForce } from '../../../shared/domain/judgement/overrides';
import { flips, rankSensitivity } from '../../../shared/domain/judgement/sensitivity';
import { spread as spreadOf, type SpreadMeasure } from '../../../shared/domain/judgement/spread';
import { appendAudit } from '../audit/audit-log';
import type { Store } from '../db/database';
import { chosenAggregations, committeeOrder, loadCommittee, type Committee } from './ranking';
import { refuseFinishedRound } from './score-sheet';

/** The seed the sensitivity analysis uses unless one is given: the same answer on every machine. */
export const DEFAULT_SEED = 2569;
export const DEFAULT_SAMPLES = 1000;

/** Disagreement, concordance and progress of a round; `top` bounds the heatmap and lists. */
export async function judgementView(
  store: Store,
  roundId: number,
  measure: SpreadMeasure = 'sd',
  top = 30,
): Promise<JudgementView> {
  const committee = await loadCommittee(store, roundId);
  const { model, criteria, projects, round } = committee;
  const { order } = committeeOrder(committee);
  const rankOf = new Int32Array(projects.length);
  order.forEach((p, r) => (rankOf[p] = r + 1));
  const memberCriteria = criteria.flatMap((c, i) => (c.kind === 'member' ? [i] : []));

  // Spread per project × member criterion (as a share of the scale), and its mean per project.
  const spreads: (number | null)[][] = [];
  const meanSpread = new Float64Array(projects.length).fill(NaN);
  for (let p = 0; p < projects.length; p++) {
    const row = memberCriteria.map((c) => {
      const crit = criteria[c]!;
      return spreadOf(
        model.cellScores(p, c).map((x) => x.value),
        measure,
        crit.scaleMin,
        crit.scaleMax,
      );
    });
    spreads.push(row);
    const known = row.filter((v): v is number => v !== null);
    if (known.length > 0) meanSpread[p] = known.reduce((s, v) => s + v, 0) / known.length;
  }
  const disputed = projects
    .map((_, p) => p)
    .filter((p) => !Number.isNaN(meanSpread[p]!))
    .sort((a, b) => meanSpread[b]! - meanSpread[a]! || rankOf[a]! - rankOf[b]!)
    .slice(0, top);
  const chosen = chosenAggregations(store.sqlite, roundId);
  const brief = (p: number) => ({
    projectId: projects[p]!.id,
    code: projects[p]!.code,
    title: projects[p]!.title,
    rank: rankOf[p]!,
  });

  return {
    roundId,
    spread: measure,
    aggregation: round.aggregation,
    criteria: memberCriteria.map((c) => ({ criterionId: criteria[c]!.id, aggregation: chosen.get(criteria[c]!.id) ?? null })),
    memberWeights: memberWeights(store, roundId),
    heat: {
      projects: disputed.map(brief),
      criterionIds: memberCriteria.map((c) => criteria[c]!.id),
      values: disputed.map((p) => spreads[p]!),
    },
    kendall: memberCriteria.map((c) => ({ criterionId: criteria[c]!.id, result: concordance(committee, c) })),
    discussFirst: disputed.map((p) => ({ ...brief(p), spread: meanSpread[p]! })),
    progress: progress(committee, memberCriteria, top),
  };
}

function memberWeights(store: Store, roundId: number): { memberId: number; weight: number }[] {
  return store.sqlite
    .prepare(
      `SELECT m.id AS memberId, COALESCE(w.weight, 1) AS weight FROM member m LEFT JOIN member_weight w ON w.member_id = m.id
        WHERE m.round_id = ? AND m.active = 1 ORDER BY m.id`,
    )
    .all(roundId) as { memberId: number; weight: number }[];
}

/**
 * Kendall's W on one criterion: the raters are the members who scored it at least once, the objects the projects
 * every one of them scored (a declared conflict leaves that project out).
 */
function concordance(committee: Committee, c: number): ReturnType<typeof kendallW> {
  const { model } = committee;
  const raters: number[] = [];
  for (let m = 0; m < model.memberCount; m++) {
    for (let p = 0; p < model.projectCount; p++) {
      if (!Number.isNaN(model.scores[(p * model.criterionCount + c) * model.memberCount + m]!)) {
        raters.push(m);
        break;
      }
    }
  }
  const objects: number[] = [];
  for (let p = 0; p < model.projectCount; p++) {
    const base = (p * model.criterionCount + c) * model.memberCount;
    if (raters.every((m) => !Number.isNaN(model.scores[base + m]!))) objects.push(p);
  }
  if (raters.length < 2 || objects.length < 2) return null;
  return kendallW(raters.map((m) => objects.map((p) => model.scores[(p * model.criterionCount + c) * model.memberCount + m]!)));
}

function progress(committee: Committee, memberCriteria: readonly number[], top: number): JudgementView['progress'] {
  const { model, round, projects, memberIds, conflicts } = committee;
  const active = round.members.length;
  const scoredBy = new Uint32Array(model.memberCount);
  const scoredOn = new Uint32Array(model.projectCount);
  for (let p = 0; p < model.projectCount; p++) {
    for (const c of memberCriteria) {
      const base = (p * model.criterionCount + c) * model.memberCount;
      for (let m = 0; m < active; m++) {
        if (!Number.isNaN(model.scores[base + m]!)) {
          scoredBy[m]!++;
          scoredOn[p]!++;
        }
      }
    }
  }
  const conflictsOf = (memberId: number) => projects.filter((p) => conflicts.has(`${memberId}:${p.id}`)).length;
  const members = round.members.map((mem, m) => {
    const n = conflictsOf(mem.id);
    return { memberId: mem.id, scored: scoredBy[m]!, total: (projects.length - n) * memberCriteria.length, conflicts: n };
  });
  const activeIds = memberIds.slice(0, active);
  const perProject = projects.map((p, i) => {
    const conflicted = activeIds.filter((m) => conflicts.has(`${m}:${p.id}`)).length;
    return { projectId: p.id, code: p.code, scored: scoredOn[i]!, total: (active - conflicted) * memberCriteria.length };
  });
  const share = (x: { scored: number; total: number }) => (x.total === 0 ? 1 : x.scored / x.total);
  return {
    members,
    projects: [...perProject].sort((a, b) => share(a) - share(b) || a.code.localeCompare(b.code)).slice(0, top),
    scored: members.reduce((s, m) => s + m.scored, 0),
    total: members.reduce((s, m) => s + m.total, 0),
  };
}

/** Records the round's aggregation: its default, per criterion (null = the default), members' weights (audited). */
export function setAggregation(store: Store, actor: string, args: Args<'judgement.setAggregation'>): void {
  const { sqlite } = store;
  const inRound = (table: 'criterion' | 'member', id: number) =>
    sqlite.prepare(`SELECT 1 FROM ${table} WHERE id = ? AND round_id = ?`).get(id, args.roundId) !== undefined;
  if (!sqlite.prepare('SELECT 1 FROM round WHERE id = ?').get(args.roundId))
    throw new AppError('NOT_FOUND', `round ${args.roundId} does not exist`, `ไม่พบรอบการพิจารณา ${args.roundId}`);
  refuseFinishedRound(sqlite, args.roundId);
  for (const c of args.criteria ?? []) {
    if (!inRound('criterion', c.criterionId))
      throw new AppError('NOT_FOUND', `criterion ${c.criterionId} is not in this round`, `ไม่พบเกณฑ์รหัส ${c.criterionId} ในรอบนี้`);
  }
  for (const m of args.memberWeights ?? []) {
    if (!inRound('member', m.memberId))
      throw new AppError('NOT_FOUND', `member ${m.memberId} is not in this round`, `ไม่พบกรรมการรหัส ${m.memberId} ในรอบนี้`);
  }
  sqlite.transaction(() => {
    if (args.aggregation) sqlite.prepare('UPDATE round SET aggregation = ? WHERE id = ?').run(args.aggregation, args.roundId);
    for (const c of args.criteria ?? []) {
      if (c.aggregation === null) sqlite.prepare('DELETE FROM criterion_aggregation WHERE criterion_id = ?').run(c.criterionId);
      else
        sqlite
          .prepare(
            `INSERT INTO criterion_aggregation (criterion_id, aggregation) VALUES (?, ?)
             ON CONFLICT (criterion_id) DO UPDATE SET aggregation = excluded.aggregation`,
          )
          .run(c.criterionId, c.aggregation);
    }
    for (const m of args.memberWeights ?? []) {
      if (m.weight === 1) sqlite.prepare('DELETE FROM member_weight WHERE member_id = ?').run(m.memberId);
      else
        sqlite
          .prepare(
            'INSERT INTO member_weight (member_id, weight) VALUES (?, ?) ON CONFLICT (member_id) DO UPDATE SET weight = excluded.weight',
          )
          .run(m.memberId, m.weight);
    }
    appendAudit(sqlite, actor, 'judgement.aggregation', args);
  })();
}

/**
 * Every override of the round, withdrawn ones included (marked), oldest first: what the why-card and the exports
 * show next to a project.
 */
export function listOverrides(store: Store, roundId: number): OverrideView[] {
  return store.sqlite
    .prepare(
      `SELECT o.id, o.round_id AS roundId, o.project_id AS projectId, p.code, p.title, o.kind, o.position, o.reason,
              o.requested_by AS requestedBy, m.name AS requestedByName, o.at, o.actor, o.withdrawn_at AS withdrawnAt
         FROM ranking_override o JOIN project p ON p.id = o.project_id JOIN member m ON m.id = o.requested_by
        WHERE o.round_id = ? ORDER BY o.id`,
    )
    .all(roundId) as OverrideView[];
}

/** The why-card's sentence for the override in force on a project ('' when none): reason and who asked. */
export function overrideNote(store: Store, roundId: number, projectId: number): Readonly<{ th: string; en: string }> {
  const inForce = listOverrides(store, roundId)
    .filter((o) => o.projectId === projectId && o.withdrawnAt === null)
    .at(-1);
  return inForce ? describeOverride(inForce) : { th: '', en: '' };
}

function overrideById(store: Store, id: number): OverrideView {
  const row = store.sqlite.prepare('SELECT round_id AS roundId FROM ranking_override WHERE id = ?').get(id) as
    { roundId: number } | undefined;
  const found = row && listOverrides(store, row.roundId).find((o) => o.id === id);
  if (!found) throw new AppError('NOT_FOUND', `override ${id} does not exist`, `ไม่พบการปรับลำดับรหัส ${id}`);
  return found;
}

/** Records a manual change of the ranking with its reason and the member who asked (audited). */
export function addOverride(store: Store, actor: string, args: Args<'judgement.addOverride'>): OverrideView {
  const { sqlite } = store;
  const reason = checkReason(args.reason);
  const project = sqlite.prepare('SELECT code FROM project WHERE id = ? AND round_id = ?').get(args.projectId, args.roundId) as
    { code: string } | undefined;
  if (!project)
    throw new AppError('NOT_FOUND', `project ${args.projectId} is not in this round`, `ไม่พบโครงการรหัส ${args.projectId} ในรอบนี้`);
  if (!sqlite.prepare('SELECT 1 FROM member WHERE id = ? AND round_id = ?').get(args.requestedBy, args.roundId))
    throw new AppError('BAD_ARGS', 'an override must name the committee member who asked for it', 'การปรับลำดับต้องระบุกรรมการผู้เสนอ');
  if (args.kind === 'move' && args.position === undefined)
    throw new AppError(
      'BAD_ARGS',
      `moving project ${project.code} needs the rank to move it to`,
      `การย้ายโครงการ ${project.code} ต้องระบุลำดับที่จะย้ายไป`,
    );
  refuseFinishedRound(sqlite, args.roundId);
  const id = sqlite.transaction(() => {
    const r = sqlite
      .prepare(
        `INSERT INTO ranking_override (round_id, project_id, kind, position, reason, requested_by, at, actor)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        args.roundId,
        args.projectId,
        args.kind,
        args.kind === 'move' ? args.position : null,
        reason,
        args.requestedBy,
        new Date().toISOString(),
        actor,
      );
    appendAudit(sqlite, actor, 'ranking.override', { ...args, reason, id: Number(r.lastInsertRowid) });
    return Number(r.lastInsertRowid);
  })();
  return overrideById(store, id);
}

/** Withdraws an override (it stays listed, marked); the reason for withdrawing is audited. */
export function withdrawOverride(store: Store, actor: string, args: Args<'judgement.withdrawOverride'>): OverrideView {
  const reason = checkReason(args.reason);
  const current = overrideById(store, args.overrideId);
  if (current.withdrawnAt !== null)
    throw new AppError(
      'INVALID_STATE',
      `override ${args.overrideId} was already withdrawn`,
      `การปรับลำดับรหัส ${args.overrideId} ถูกยกเลิกไปแล้ว`,
    );
  refuseFinishedRound(store.sqlite, current.roundId);
  store.sqlite.transaction(() => {
    store.sqlite
      .prepare('UPDATE ranking_override SET withdrawn_at = ? WHERE id = ?')
      .run(new Date().toISOString(), args.overrideId);
    appendAudit(store.sqlite, actor, 'ranking.override.withdraw', { overrideId: args.overrideId, reason });
  })();
  return overrideById(store, args.overrideId);
}

/**
 * Rank range and funded status of every project over seeded weight samples (±spread); include and exclude
 * overrides hold in every sample, moves are not applied (the analysis asks what the scores and weights decide).
 */
export async function sensitivity(
  store: Store,
  roundId: number,
  spread: number,
  samples = DEFAULT_SAMPLES,
  seed = DEFAULT_SEED,
): Promise<SensitivityView> {
  const committee = await loadCommittee(store, roundId);
  const { model, projects, criteria, round } = committee;
  const inForce = overridesInForce(committee.overrides);
  const locked = Uint8Array.from(projects, (p) => (inForce.get(p.id)?.kind === 'include' ? 1 : 0));
  const excluded = Uint8Array.from(projects, (p) => (inForce.get(p.id)?.kind === 'exclude' ? 1 : 0));
  const result = rankSensitivity({
    norms: model.normsOrZero(),
    weights: criteria.map((c) => c.weight),
    tie: model.tie,
    costs: projects.map((p) => p.requested),
    budget: round.ceiling,
    locked,
    excluded,
    samples,
    spread,
    seed,
  });
  const rows = projects
    .map((p, i) => ({
      projectId: p.id,
      code: p.code,
      title: p.title,
      requested: p.requested,
      baseRank: result.baseRank[i]!,
      minRank: result.minRank[i]!,
      maxRank: result.maxRank[i]!,
      funded: result.baseFunded[i] === 1,
      fundedShare: samples > 0 ? result.fundedCount[i]! / samples : 0,
      flips: flips(result, i),
    }))
    .sort((a, b) => a.baseRank - b.baseRank);
  return { roundId, spread, samples, seed, rows, flipCount: rows.filter((r) => r.flips).length };
}
