/**
 * A declared conflict of interest in the workshop's own views, against a real SQLite file: the member's scores on
 * that project leave the projector's disagreement (as they leave every aggregate), and the project's cells are not
 * due in their progress on the facilitator's panel and the projector (as on their own sheet); the member's phone
 * is told which projects of their sheet they declared a conflict on.
 */
import { describe, expect, it } from 'vitest';
import type { ScoringSheet } from '../../../shared/api/judgement';
import type { MemberSheet, ProjectorView, SignInResult, WorkshopStatus } from '../../../shared/api/workshop';
import { disagreement, type CriterionScores } from '../../../shared/domain/workshop';
import type { Caller } from '../context';
import { tokenHashOf } from '../services/workshop';
import { useTestCore } from './test-core';

const { core, ok } = useTestCore('chipao-workshop-conflicts-', { needs: 200, projects: 12 });

type Row = { memberId: number; criterionId: number; value: number; scaleMin: number; scaleMax: number };

/** The members' scores of one project by criterion, as the projector's disagreement reads them, some members left out. */
function scoresOf(projectId: number, without: readonly number[]): CriterionScores[] {
  const rows = core()
    .store.sqlite.prepare(
      `SELECT s.member_id AS memberId, s.criterion_id AS criterionId, s.value, c.scale_min AS scaleMin, c.scale_max AS scaleMax
         FROM score s JOIN criterion c ON c.id = s.criterion_id WHERE s.project_id = ? AND c.kind = 'member'
        ORDER BY s.criterion_id, s.member_id`,
    )
    .all(projectId) as Row[];
  const byCriterion = new Map<number, { values: number[]; scaleMin: number; scaleMax: number }>();
  for (const r of rows) {
    if (without.includes(r.memberId)) continue;
    const cell = byCriterion.get(r.criterionId) ?? { values: [], scaleMin: r.scaleMin, scaleMax: r.scaleMax };
    cell.values.push(r.value);
    byCriterion.set(r.criterionId, cell);
  }
  return [...byCriterion.values()];
}

describe('conflicts of interest in a workshop session', () => {
  it('leave the projector’s disagreement and the member’s progress, as they leave the aggregates and the sheet', async () => {
    await ok('workshop.open', { roundId: 1 });
    await ok('workshop.setParticipant', { role: 'member', memberId: 1, secret: 'secret-one' });
    await ok('workshop.setParticipant', { role: 'member', memberId: 2, secret: 'secret-two', projectIds: [1, 2, 3] });
    // Member 1 scores project 1 at the top of every scale, then declares a conflict of interest on it.
    const sheet = await ok<ScoringSheet>('scores.sheet', { roundId: 1, memberId: 1 });
    const criteria = core()
      .store.sqlite.prepare(`SELECT id, scale_max AS top FROM criterion WHERE round_id = 1 AND kind = 'member'`)
      .all() as { id: number; top: number }[];
    for (const c of criteria) {
      const version = sheet.cells.find((x) => x.projectId === 1 && x.criterionId === c.id)?.version ?? 0;
      await ok('scores.set', {
        roundId: 1,
        memberId: 1,
        projectId: 1,
        criterionId: c.id,
        value: c.top,
        expectedVersion: version,
      });
    }
    const counted = disagreement(scoresOf(1, []));
    await ok('scores.declareConflict', { roundId: 1, memberId: 1, projectId: 1, declared: true, reason: 'ญาติเป็นผู้เสนอโครงการ' });
    // Member 2 declares one on an assigned project (2) and one on a project not on their sheet (5).
    await ok('scores.declareConflict', { roundId: 1, memberId: 2, projectId: 2, declared: true, reason: 'เคยเป็นที่ปรึกษา' });
    await ok('scores.declareConflict', { roundId: 1, memberId: 2, projectId: 5, declared: true, reason: 'เคยเป็นที่ปรึกษา' });

    const own = (memberId: number) => ok<ScoringSheet>('scores.sheet', { roundId: 1, memberId });
    const one = (await own(1)).progress;
    const status = (await ok<WorkshopStatus>('workshop.status', {}))!;
    const panel = (memberId: number) => status.participants.find((p) => p.memberId === memberId)!;
    // The whole round: the same cells due and scored as the member's own sheet says.
    expect({ assigned: panel(1).assigned, scored: panel(1).scored }).toEqual({ assigned: one.total, scored: one.scored });
    // Projects 1 and 3 are due (2 is conflicted; 5 is not on the sheet): every member criterion of each.
    const scoredOn13 = (
      core()
        .store.sqlite.prepare(
          `SELECT COUNT(*) AS n FROM score s JOIN criterion c ON c.id = s.criterion_id
            WHERE s.member_id = 2 AND s.project_id IN (1, 3) AND c.kind = 'member'`,
        )
        .get() as { n: number }
    ).n;
    expect({ assigned: panel(2).assigned, scored: panel(2).scored }).toEqual({
      assigned: 2 * criteria.length,
      scored: scoredOn13,
    });
    // Member 2's phone: the declaration on a project of their sheet, not the one on a project they do not score.
    const phone: Caller = { role: 'guest', actor: 'browser@10.0.0.2', transport: 'websocket', address: '10.0.0.2' };
    const signed = await ok<SignInResult>(
      'workshop.signIn',
      { pin: status.pin, name: panel(2).name, secret: 'secret-two' },
      phone,
    );
    const mine = await ok<MemberSheet>('workshop.mySheet', {}, { ...phone, tokenHash: tokenHashOf(signed.token) });
    expect(mine.conflicts).toEqual([{ projectId: 2, reason: 'เคยเป็นที่ปรึกษา' }]);
    const hidden = await ok<ProjectorView>('workshop.projector', {});
    expect(hidden.progress.map((p) => [p.assigned, p.scored])).toEqual(
      [...status.participants]
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
        .map((p) => [p.assigned, p.scored]),
    );

    await ok('workshop.reveal', { revealed: true });
    const shown = await ok<ProjectorView>('workshop.projector', {});
    const row = shown.results!.rows.find((r) => r.projectId === 1)!;
    const withoutConflicted = disagreement(scoresOf(1, [1]));
    // The test tells the two apart: member 1's scores at the top of the scale move the spread.
    expect(Math.abs(withoutConflicted - counted)).toBeGreaterThan(1e-6);
    expect(row.disagreement).toBeCloseTo(withoutConflicted, 12);
  });
});
