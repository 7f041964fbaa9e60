/**
 * approvals.*: who may approve, what is refused (and leaves every table as it was), the frozen scenario (core and
 * database triggers), the chain printed on approval, supersession and reproduction through the API.
 */
import { describe, expect, it } from 'vitest';
import type { Approval, ReproductionReport } from '../../../shared/api/approval';
import type { Scenario } from '../../../shared/api/types';
import { auditHead } from '../audit/audit-log';
import type { CoreContext } from '../context';
import { runSyncJob } from '../sync/sync-jobs';
import { everyTable, owner, useTestCore } from './test-core';

const { core, ok } = useTestCore('chipao-approval-', { needs: 1000, projects: 40 });

const member = { role: 'member' as const, actor: 'member:2', transport: 'websocket' as const };
const CHAIR = 1;
const SECRETARY = 9;
const VICE_CHAIR = 2;

type Approved = { approval: Approval; chainLength: number; chainHead: string };

const approveArgs = (scenarioId: number, extra: Record<string, unknown> = {}) => ({
  scenarioId,
  resolutionNo: 'ครั้งที่ 3/2570',
  resolutionDate: '15 พ.ย. 2569',
  approverId: CHAIR,
  memberIds: [1, 2, 3, 4, 5, 6],
  ...extra,
});

async function refused(
  method: string,
  args: unknown,
  caller = owner,
): Promise<{ code: string; message: string; messageTh: string }> {
  const r = await core().call(method, args, caller);
  if (r.ok) throw new Error(`${method} was not refused`);
  return r.error;
}

describe('approvals', () => {
  it('approves with the resolution, the members present and the chain head printed, and lists it', async () => {
    const s = await ok<Scenario>('scenarios.create', { roundId: 1, name: 'แผนที่อนุมัติ', rule: 'greedy' });
    expect(await ok('approvals.forScenario', { scenarioId: s.id })).toBeNull();
    const r = await ok<Approved>('approvals.approve', approveArgs(s.id));
    expect(r.approval).toMatchObject({
      scenarioId: s.id,
      roundId: 1,
      resolutionNo: 'ครั้งที่ 3/2570',
      resolutionDate: '2026-11-15',
      approvedBy: 'นายสมชาย ใจดี (สมมุติ)',
      supersedes: null,
      supersededBy: null,
    });
    expect(r.approval.membersPresent.map((m) => m.memberId)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(r.approval.manifestSha256).toMatch(/^[0-9a-f]{64}$/u);
    // The chain's head after the approval is the approval's own event, and both are printed.
    const head = auditHead(core().store.sqlite);
    expect({ length: r.chainLength, head: r.chainHead }).toEqual(head);
    expect({ length: r.approval.chainLength, head: r.approval.chainHead }).toEqual(head);
    const event = core().store.sqlite.prepare('SELECT kind, payload_json FROM audit_event WHERE hash = ?').get(head.head) as {
      kind: string;
      payload_json: string;
    };
    expect(event.kind).toBe('plan.approved');
    expect(JSON.parse(event.payload_json)).toMatchObject({ scenarioId: s.id, manifestSha256: r.approval.manifestSha256 });
    expect(await ok('approvals.forScenario', { scenarioId: s.id })).toEqual(r.approval);
    expect((await ok<Approval[]>('approvals.list', { roundId: 1 })).map((a) => a.id)).toContain(r.approval.id);
  });

  it('refuses an edit, a new ceiling and a deletion of the approved scenario with the resolution named, changing nothing', async () => {
    const [approved] = await ok<Approval[]>('approvals.list', { roundId: 1 });
    const before = everyTable(core());
    const edit = await refused('scenarios.update', { scenarioId: approved!.scenarioId, params: { ceiling: 1_000_00 } });
    expect(edit.code).toBe('INVALID_STATE');
    expect(edit.messageTh).toContain('ได้รับอนุมัติแล้ว');
    expect(edit.messageTh).toContain('ครั้งที่ 3/2570');
    expect(edit.messageTh).toContain('2570');
    expect(edit.message).toContain('cannot be changed');
    const locks = await refused('scenarios.update', { scenarioId: approved!.scenarioId, locks: { '1': 100 } });
    expect(locks.code).toBe('INVALID_STATE');
    const del = await refused('scenarios.delete', { scenarioId: approved!.scenarioId });
    expect(del.code).toBe('INVALID_STATE');
    expect(del.message).toContain('cannot be deleted');
    expect(everyTable(core())).toEqual(before);
  });

  it('the database refuses changes to the approval, its snapshot and the approved scenario row', () => {
    const { sqlite } = core().store;
    const a = sqlite.prepare('SELECT id, scenario_id FROM approval ORDER BY id LIMIT 1').get() as {
      id: number;
      scenario_id: number;
    };
    const attempts = [
      [`UPDATE approval SET resolution_no = 'x' WHERE id = ?`, /approval is append-only/u],
      ['DELETE FROM approval WHERE id = ?', /approval is append-only/u],
      [`UPDATE approval_part SET content_json = '{}' WHERE approval_id = ?`, /approval_part is append-only/u],
      ['DELETE FROM approval_part WHERE approval_id = ?', /approval_part is append-only/u],
    ] as const;
    for (const [sql, message] of attempts) expect(() => sqlite.prepare(sql).run(a.id)).toThrow(message);
    expect(() => sqlite.prepare(`UPDATE scenario SET params_json = '{}' WHERE id = ?`).run(a.scenario_id)).toThrow(
      /scenario is approved/u,
    );
    expect(() => sqlite.prepare('UPDATE scenario SET name = ? WHERE id = ?').run('ชื่อใหม่', a.scenario_id)).toThrow(
      /scenario is approved/u,
    );
    expect(() => sqlite.prepare('DELETE FROM scenario WHERE id = ?').run(a.scenario_id)).toThrow(/scenario is approved/u);
  });

  it('refuses an unknown scenario, a second approval, an approver who is not the chair or secretariat, and a stranger present', async () => {
    const [approved] = await ok<Approval[]>('approvals.list', { roundId: 1 });
    const draft = await ok<Scenario>('scenarios.create', { roundId: 1, name: 'ร่างทดสอบการปฏิเสธ', rule: 'greedy' });
    const before = everyTable(core());
    expect((await refused('approvals.approve', approveArgs(99_999))).code).toBe('NOT_FOUND');
    const twice = await refused('approvals.approve', approveArgs(approved!.scenarioId));
    expect(twice.code).toBe('INVALID_STATE');
    expect(twice.messageTh).toContain('ได้รับอนุมัติแล้ว');
    const vice = await refused('approvals.approve', approveArgs(draft.id, { approverId: VICE_CHAIR }));
    expect(vice.code).toBe('BAD_ARGS');
    expect(vice.message).toContain('only the chair or the secretariat');
    const stranger = await refused('approvals.approve', approveArgs(draft.id, { memberIds: [1, 4242] }));
    expect(stranger.code).toBe('BAD_ARGS');
    expect(stranger.messageTh).toContain('4242');
    const badDate = await refused('approvals.approve', approveArgs(draft.id, { resolutionDate: '31/02/2570' }));
    expect(badDate.code).toBe('BAD_ARGS');
    // A meeting after today (in Thailand) has not taken place: a slip of the year, refused with both dates.
    const nextYear = new Date(Date.now() + 366 * 86_400_000);
    const future = `${nextYear.getUTCDate()}/${nextYear.getUTCMonth() + 1}/${nextYear.getUTCFullYear() + 543}`;
    const ahead = await refused('approvals.approve', approveArgs(draft.id, { resolutionDate: future }));
    expect(ahead.code).toBe('BAD_ARGS');
    expect(ahead.messageTh).toContain('ยังไม่ถึง');
    expect(ahead.messageTh).toContain(String(nextYear.getUTCFullYear() + 543));
    expect(ahead.message).toContain('has not taken place yet');
    const byMember = await refused('approvals.approve', approveArgs(draft.id), member);
    expect(byMember.code).toBe('FORBIDDEN');
    // A resolution that names its own meeting date (with or without วันที่) other than the date given: both named.
    for (const resolutionNo of ['ครั้งที่ 3/2570 วันที่ 14 พฤศจิกายน 2569', 'ครั้งที่ 3/2570 14 พ.ย. 2569']) {
      const disagree = await refused('approvals.approve', approveArgs(draft.id, { resolutionNo }));
      expect(disagree.code).toBe('BAD_ARGS');
      expect(disagree.message).toContain('names the meeting of');
      expect(disagree.messageTh).toContain('14 พฤศจิกายน 2569');
      expect(disagree.messageTh).toContain('15 พฤศจิกายน 2569');
    }
    const unread = await refused('approvals.approve', approveArgs(draft.id, { resolutionNo: 'ครั้งที่ 3/2570 วันที่ 31 เม.ย. 2569' }));
    expect(unread.messageTh).toContain('เดือนเมษายน พ.ศ. 2569 มี 30 วัน');
    // While a needs sync runs (a pull writes a page at a time), a plan would freeze needs half old, half new.
    const ctx = { store: core().store, emit: () => undefined } as unknown as CoreContext;
    await runSyncJob(ctx, 'pull', 'แพลตฟอร์มจังหวัด', async () => {
      const syncing = await refused('approvals.approve', approveArgs(draft.id));
      expect(syncing.code).toBe('INVALID_STATE');
      expect(syncing.message).toContain('a needs sync (แพลตฟอร์มจังหวัด) is running');
      expect(syncing.messageTh).toContain('กำลังซิงก์ข้อมูลความต้องการ (แพลตฟอร์มจังหวัด)');
    });
    expect(everyTable(core())).toEqual(before);
  });

  it('a change is a new scenario and a new approval that supersedes the old one, which stays readable', async () => {
    const [old] = await ok<Approval[]>('approvals.list', { roundId: 1 });
    const branch = await ok<Scenario>('scenarios.create', {
      roundId: 1,
      name: 'แผนปรับปรุง',
      fromId: old!.scenarioId,
      params: { ceiling: 20_000_000_00 },
    });
    const r = await ok<Approved>(
      'approvals.approve',
      approveArgs(branch.id, { approverId: SECRETARY, resolutionNo: 'ครั้งที่ 4/2570' }),
    );
    expect(r.approval.supersedes).toBe(old!.id);
    expect(r.approval.approvedBy).toBe('นายธนากร วางแผน (สมมุติ)');
    const list = await ok<Approval[]>('approvals.list', { roundId: 1 });
    expect(list.find((a) => a.id === old!.id)?.supersededBy).toBe(r.approval.id);
    expect(list.find((a) => a.id === r.approval.id)?.supersededBy).toBeNull();
    // The superseded plan is still there and still reproduces.
    const check = await ok<ReproductionReport>('approvals.reproduce', { approvalId: old!.id });
    expect(check).toMatchObject({ ok: true, manifestOk: true, identical: true, tampered: [] });
    expect(check.chainHead).toBe(auditHead(core().store.sqlite).head);
  });

  it('refuses a plan that funds nothing (a ceiling of 0), changing nothing', async () => {
    const s = await ok<Scenario>('scenarios.create', { roundId: 1, name: 'แผนไม่มีงบ', rule: 'greedy', params: { ceiling: 0 } });
    const before = everyTable(core());
    const r = await refused('approvals.approve', approveArgs(s.id));
    expect(r.code).toBe('INVALID_STATE');
    expect(r.messageTh).toBe("สถานการณ์ 'แผนไม่มีงบ' ไม่ได้จัดสรรงบประมาณให้โครงการใดเลย (วงเงิน 0.00 บาท) จึงอนุมัติไม่ได้");
    expect(r.message).toContain('funds no project');
    expect(everyTable(core())).toEqual(before);
  });

  it('reproduce is recorded in the audit trail with its outcome', async () => {
    const [first] = await ok<Approval[]>('approvals.list', { roundId: 1 });
    const r = await ok<ReproductionReport>('approvals.reproduce', { approvalId: first!.id }, member);
    expect(r.ok).toBe(true);
    const last = core()
      .store.sqlite.prepare('SELECT kind, actor, payload_json FROM audit_event ORDER BY id DESC LIMIT 1')
      .get() as { kind: string; actor: string; payload_json: string };
    expect(last.kind).toBe('plan.reproduced');
    expect(last.actor).toBe('member:2');
    expect(JSON.parse(last.payload_json)).toMatchObject({ approvalId: first!.id, ok: true, identical: true });
    expect((await refused('approvals.reproduce', { approvalId: 4242 })).code).toBe('NOT_FOUND');
  });

  it("a member's device re-runs one plan at most once a minute (no audit event for the refusal); the owner is not limited", async () => {
    const [first] = await ok<Approval[]>('approvals.list', { roundId: 1 });
    const other = { ...member, actor: 'member:3', participantId: 77 };
    const events = (): number =>
      (core().store.sqlite.prepare("SELECT COUNT(*) AS n FROM audit_event WHERE kind = 'plan.reproduced'").get() as { n: number })
        .n;
    expect((await ok<ReproductionReport>('approvals.reproduce', { approvalId: first!.id }, other)).ok).toBe(true);
    const before = events();
    const again = await refused('approvals.reproduce', { approvalId: first!.id }, other);
    expect(again.code).toBe('RATE_LIMITED');
    expect(again.messageTh).toMatch(/^อุปกรณ์นี้เพิ่งคำนวณแผนนี้ซ้ำ.*กรุณาลองใหม่ในอีก \d+ วินาที$/u);
    expect(again.message).toMatch(/try again in \d+ s$/u);
    expect(events()).toBe(before);
    // The owner's screen re-runs it as often as asked.
    for (let i = 0; i < 2; i++)
      expect((await ok<ReproductionReport>('approvals.reproduce', { approvalId: first!.id })).ok).toBe(true);
    expect(events()).toBe(before + 2);
  });

  it("a date written in the resolution that agrees is kept once, in the approval's date", async () => {
    const s = await ok<Scenario>('scenarios.create', { roundId: 1, name: 'แผนที่มติระบุวันที่', rule: 'greedy' });
    const r = await ok<Approved>(
      'approvals.approve',
      approveArgs(s.id, { resolutionNo: 'มติที่ประชุม ครั้งที่ 5/2569 15 พฤศจิกายน 2569', resolutionDate: '15/11/2569' }),
    );
    expect(r.approval).toMatchObject({ resolutionNo: 'มติที่ประชุม ครั้งที่ 5/2569', resolutionDate: '2026-11-15' });
  });
});
