/**
 * A closed round's judgement is its record, against a real SQLite file: an approved round still takes score edits
 * (a new approval may follow), but once the round is closed, which is final, scores, comments, conflicts of
 * interest, overrides and the aggregation are refused in Thai and English, and nothing changes.
 */
import { describe, expect, it } from 'vitest';
import type { RoundDetail } from '../../../shared/api/types';
import type { ScoringSheet } from '../../../shared/api/judgement';
import { everyTable, owner, sampleApprovalArgs, useTestCore } from './test-core';

const { core, ok } = useTestCore('chipao-closed-round-', { needs: 200, projects: 12 });

async function moveTo(status: RoundDetail['status']): Promise<void> {
  const path = ['preparing', 'in_session', 'approved', 'closed'] as const;
  let at = path.indexOf((await ok<RoundDetail>('rounds.get', { roundId: 1 })).status);
  const to = path.indexOf(status);
  while (at !== to) {
    at += at < to ? 1 : -1;
    await ok('rounds.setStatus', { roundId: 1, status: path[at] });
  }
}

describe('a closed round', () => {
  it('refuses every change to its scores and the committee’s decisions', async () => {
    // A plan approved: the round (in session) is approved with it.
    await ok('approvals.approve', sampleApprovalArgs(1));
    expect((await ok<RoundDetail>('rounds.get', { roundId: 1 })).status).toBe('approved');
    const sheet = await ok<ScoringSheet>('scores.sheet', { roundId: 1, memberId: 1 });
    const first = sheet.cells.find((c) => c.value !== null)!;
    const ref = { roundId: 1, memberId: 1, projectId: first.projectId, criterionId: first.criterionId };
    const edited = await ok<{ value: number; version: number }>('scores.set', {
      ...ref,
      value: first.value === 5 ? 4 : 5,
      expectedVersion: first.version,
    });
    const cell = { ...first, ...edited };
    const next = cell.value === 5 ? 4 : 5;
    await moveTo('closed');
    const before = everyTable(core());
    for (const [method, args] of [
      ['scores.set', { ...ref, value: next, expectedVersion: cell.version }],
      ['scores.clear', { ...ref, expectedVersion: cell.version }],
      ['scores.comment', { ...ref, comment: 'แก้หลังปิดรอบ' }],
      ['scores.declareConflict', { roundId: 1, memberId: 1, projectId: cell.projectId, declared: true, reason: 'ญาติ' }],
      [
        'judgement.addOverride',
        { roundId: 1, projectId: cell.projectId, kind: 'exclude', reason: 'ตัดออกหลังปิดรอบ', requestedBy: 1 },
      ],
      ['judgement.setAggregation', { roundId: 1, aggregation: 'median' }],
    ] as const) {
      const r = await core().call(method, args, owner);
      if (r.ok) throw new Error(`${method} was accepted in a closed round`);
      expect(r.error.code, method).toBe('INVALID_STATE');
      expect(r.error.message, method).toContain('is closed');
      expect(r.error.messageTh, method).toContain('ปิดแล้ว จึงแก้ไขคะแนน');
    }
    expect(everyTable(core())).toEqual(before);
  });
});
