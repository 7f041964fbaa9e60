/**
 * Round setup through the dispatcher of a real core on a real SQLite file: create and copy rounds, move their status,
 * archive, development issues, members and criteria (direct and AHP weights), the round's progress, and that every
 * refused call leaves every table as it was.
 */
import { describe, it, expect } from 'vitest';
import { createHash } from 'node:crypto';
import type { ApiError } from '../../../shared/api/errors';
import type { DevelopmentIssue, RoundProgress } from '../../../shared/api/rounds';
import type { Member, ProjectRow, RoundDetail, RoundSummary, Scenario } from '../../../shared/api/types';
import { ahpWeights, matrixFromUpper, roundWeights } from '../../../shared/domain/ahp';
import { verifyAuditChain } from '../audit/audit-log';
import type { Caller } from '../context';
import { everyTable, owner, sampleApprovalArgs, useTestCore } from './test-core';

const member: Caller = { role: 'member', actor: 'member:1@192.168.1.20', transport: 'websocket' };
const { core, ok } = useTestCore('chipao-rounds-', { needs: 1500, projects: 40 });

async function err(method: string, args: unknown, caller: Caller = owner): Promise<ApiError> {
  const r = await core().call(method, args, caller);
  if (r.ok) throw new Error(`${method} was expected to fail but returned ${JSON.stringify(r.value).slice(0, 200)}`);
  return r.error;
}

const TABLES = ['round', 'criterion', 'member', 'development_issue', 'scenario', 'score', 'project', 'audit_event'];
function snapshot(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of TABLES) {
    const rows = core().store.sqlite.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all();
    out[t] = `${rows.length}:${createHash('sha256').update(JSON.stringify(rows)).digest('hex')}`;
  }
  return out;
}

/** Calls a method that must be refused, and checks it changed no table. */
async function refused(method: string, args: unknown, caller: Caller = owner): Promise<ApiError> {
  const before = snapshot();
  const e = await err(method, args, caller);
  expect(snapshot()).toEqual(before);
  return e;
}

const FOUR_CRITERIA = [
  { code: 'urgency', nameTh: 'ความเร่งด่วน', nameEn: 'Urgency', kind: 'member', scaleMin: 1, scaleMax: 5 },
  { code: 'readiness', nameTh: 'ความพร้อม', nameEn: 'Readiness', kind: 'member', scaleMin: 1, scaleMax: 5 },
  { code: 'people', nameTh: 'ผู้ได้รับประโยชน์', nameEn: 'People reached', kind: 'computed', source: 'people' },
  {
    code: 'cost_pp',
    nameTh: 'ต้นทุนต่อคน',
    nameEn: 'Cost per person',
    kind: 'computed',
    source: 'cost_per_person',
    direction: 'cost',
  },
] as const;

describe('rounds', () => {
  it('the sample round is the labelled demo and is listed after real rounds', async () => {
    const [demo] = await ok<RoundSummary[]>('rounds.list', {});
    expect(demo).toMatchObject({ id: 1, demo: true, status: 'in_session', archived: false });
    const sample = await ok<RoundDetail>('rounds.get', { roundId: 1 });
    expect(sample.members[0]!.role).toBe('chair');
    expect(sample.members.at(-1)!.role).toBe('secretariat');
    expect(sample.criteria.filter((c) => c.kind === 'computed').map((c) => c.source)).toEqual(['people']);
    const created = await ok<RoundDetail>('rounds.create', {
      fiscalYear: 2572,
      name: 'แผนพัฒนาจังหวัด ปี 2572',
      ceiling: 30_000_000_000,
      levels: ['local', 'province'],
    });
    expect(created).toMatchObject({
      fiscalYear: 2572,
      status: 'preparing',
      demo: false,
      archived: false,
      levels: ['province', 'local'],
      criteria: [],
      members: [],
      developmentIssues: [],
      projectCount: 0,
    });
    const list = await ok<RoundSummary[]>('rounds.list', {});
    expect(list.map((r) => r.id)).toEqual([created.id, 1]);
    // A new round starts with one draft scenario, like every round.
    expect(core().store.sqlite.prepare('SELECT COUNT(*) AS n FROM scenario WHERE round_id = ?').get(created.id)).toEqual({
      n: 1,
    });
    expect(verifyAuditChain(core().store.sqlite)).toBeNull();
  });

  it('refuses bad rounds and non-owners, changing nothing', async () => {
    expect((await refused('rounds.create', { fiscalYear: 2025, name: 'x', ceiling: 1 })).code).toBe('BAD_ARGS');
    expect((await refused('rounds.create', { fiscalYear: 2572, name: '  ', ceiling: 1 })).code).toBe('BAD_ARGS');
    expect((await refused('rounds.create', { fiscalYear: 2572, name: 'x', ceiling: 1.5 })).code).toBe('BAD_ARGS');
    // A bidi override makes a name read as another; half a surrogate pair is not storable text.
    const bidi = await refused('rounds.create', { fiscalYear: 2572, name: 'แผน \u202eก', ceiling: 1 });
    expect(bidi).toMatchObject({ code: 'BAD_ARGS' });
    expect(bidi.message).toContain('U+202E');
    expect((await refused('rounds.create', { fiscalYear: 2572, name: 'x\udc00', ceiling: 1 })).code).toBe('BAD_ARGS');
    expect((await refused('rounds.create', { fiscalYear: 2572, name: 'x', ceiling: 1, levels: [] })).code).toBe('BAD_ARGS');
    expect((await refused('rounds.create', { fiscalYear: 2572, name: 'x', ceiling: 1, levels: ['local', 'local'] })).code).toBe(
      'BAD_ARGS',
    );
    expect((await refused('rounds.create', { fiscalYear: 2572, name: 'x', ceiling: 1, copyFromRoundId: 999 })).code).toBe(
      'NOT_FOUND',
    );
    expect((await refused('rounds.create', { fiscalYear: 2572, name: 'x', ceiling: 1 }, member)).code).toBe('FORBIDDEN');
    expect((await refused('rounds.update', { roundId: 999, name: 'x' })).code).toBe('NOT_FOUND');
    expect((await refused('rounds.setStatus', { roundId: 1, status: 'draft' })).code).toBe('BAD_ARGS');
  });

  it('copies development issues, criteria with weights and active members from an earlier round', async () => {
    await ok('developmentIssues.set', {
      roundId: 1,
      issues: [
        { no: 2, titleTh: 'สังคมคุณภาพ', approaches: ['พัฒนาคุณภาพชีวิต'], nationalStrategy: 4, masterPlans: [17, 11] },
        { no: 1, titleTh: 'เศรษฐกิจมูลค่าสูง', titleEn: 'High-value economy', masterPlans: [3] },
      ],
    });
    const source = await ok<RoundDetail>('rounds.get', { roundId: 1 });
    const leaving = source.members[1]!;
    await ok<Member>('members.update', { memberId: leaving.id, active: false });
    const copy = await ok<RoundDetail>('rounds.create', {
      fiscalYear: 2573,
      name: 'รอบคัดลอก',
      ceiling: 1,
      copyFromRoundId: 1,
    });
    expect(copy.developmentIssues.map((i) => [i.no, i.titleTh, i.nationalStrategy, i.masterPlans])).toEqual([
      [1, 'เศรษฐกิจมูลค่าสูง', null, [3]],
      [2, 'สังคมคุณภาพ', 4, [11, 17]],
    ]);
    expect(copy.criteria.map((c) => [c.code, c.weight, c.kind, c.source])).toEqual(
      source.criteria.map((c) => [c.code, c.weight, c.kind, c.source]),
    );
    expect(copy.criteria.every((c, i) => c.id !== source.criteria[i]!.id)).toBe(true);
    expect(copy.members.map((m) => m.name)).toEqual(source.members.filter((m) => m.id !== leaving.id).map((m) => m.name));
    expect(copy.inactiveMembers).toEqual([]);
    expect(copy.status).toBe('preparing');
    await ok<Member>('members.update', { memberId: leaving.id, active: true });
  });

  it('moves status one step at a time; a session needs criteria and members; closed is final and can be archived', async () => {
    const r = await ok<RoundDetail>('rounds.create', { fiscalYear: 2574, name: 'สถานะ', ceiling: 5 });
    const e = await refused('rounds.setStatus', { roundId: r.id, status: 'in_session' });
    expect(e).toMatchObject({ code: 'INVALID_STATE' });
    expect(e.messageTh).toContain('กรรมการอย่างน้อย 1 คน');
    expect((await refused('rounds.setStatus', { roundId: r.id, status: 'approved' })).messageTh).toContain('เตรียมการ');
    expect((await refused('rounds.archive', { roundId: r.id, archived: true })).code).toBe('INVALID_STATE');

    await ok('criteria.set', { roundId: r.id, criteria: [{ code: 'urgency', nameTh: 'ความเร่งด่วน', kind: 'member', weight: 1 }] });
    // Criteria alone are not enough: nobody could score.
    expect((await refused('rounds.setStatus', { roundId: r.id, status: 'in_session' })).message).toContain('round has 1 and 0');
    await ok('members.create', {
      roundId: r.id,
      name: 'นาย ก',
      titleTh: 'ประธาน',
      titleEn: 'Chair',
      agency: 'จังหวัด',
      role: 'chair',
    });
    expect((await ok<RoundDetail>('rounds.setStatus', { roundId: r.id, status: 'in_session' })).status).toBe('in_session');
    // "Approved" comes with an approved plan, never by hand alone.
    const noPlan = await refused('rounds.setStatus', { roundId: r.id, status: 'approved' });
    expect(noPlan).toMatchObject({ code: 'INVALID_STATE' });
    expect(noPlan.message).toContain('no plan of round "สถานะ" has been approved');
    expect(noPlan.messageTh).toContain('หน้าจัดสรรงบประมาณ');
    expect((await ok<RoundDetail>('rounds.get', { roundId: r.id })).status).toBe('in_session');
    // Without a plan, the round cannot close either: back to preparing is the way out. (Approving a plan, closing
    // and archiving: below, on the sample's round.)
    expect((await refused('rounds.setStatus', { roundId: r.id, status: 'closed' })).code).toBe('INVALID_STATE');
    expect((await ok<RoundDetail>('rounds.setStatus', { roundId: r.id, status: 'preparing' })).status).toBe('preparing');
    const statuses = core()
      .store.sqlite.prepare(`SELECT payload_json FROM audit_event WHERE kind = 'round.status_set'`)
      .all() as { payload_json: string }[];
    expect(statuses.length).toBeGreaterThanOrEqual(2);
  });

  it('updates name, year and levels', async () => {
    const r = await ok<RoundDetail>('rounds.create', { fiscalYear: 2575, name: 'ก่อน', ceiling: 5 });
    const u = await ok<RoundDetail>('rounds.update', { roundId: r.id, name: 'หลัง', fiscalYear: 2576, levels: ['agency'] });
    expect(u).toMatchObject({ name: 'หลัง', fiscalYear: 2576, levels: ['agency'], ceiling: 5 });
  });
});

describe('development issues', () => {
  it('are replaced as a whole; a repeated number or an issue proposals use is refused with nothing changed', async () => {
    const r = await ok<RoundDetail>('rounds.create', { fiscalYear: 2577, name: 'ประเด็น', ceiling: 5 });
    const issues = await ok<DevelopmentIssue[]>('developmentIssues.set', {
      roundId: r.id,
      issues: [
        { no: 1, titleTh: 'น้ำ', approaches: ['แหล่งน้ำ', 'ประปา'] },
        { no: 2, titleTh: 'ถนน' },
      ],
    });
    expect(issues.map((i) => [i.no, i.titleTh, i.approaches])).toEqual([
      [1, 'น้ำ', ['แหล่งน้ำ', 'ประปา']],
      [2, 'ถนน', []],
    ]);
    const dup = await refused('developmentIssues.set', {
      roundId: r.id,
      issues: [
        { no: 1, titleTh: 'ก' },
        { no: 1, titleTh: 'ข' },
      ],
    });
    expect(dup).toMatchObject({ code: 'BAD_ARGS' });
    expect(dup.messageTh).toContain('หมายเลข 1 ซ้ำกัน');
    expect(
      (await refused('developmentIssues.set', { roundId: r.id, issues: [{ no: 1, titleTh: 'x', nationalStrategy: 7 }] })).code,
    ).toBe('BAD_ARGS');
    expect(
      (await refused('developmentIssues.set', { roundId: r.id, issues: [{ no: 1, titleTh: 'x', masterPlans: [24] }] })).code,
    ).toBe('BAD_ARGS');
    // A proposal of the round that answers issue 2 keeps issue 2 in place.
    core()
      .store.sqlite.prepare(
        `INSERT INTO project (round_id, code, title, agency, level, strategy, district_code, investment, requested, min_amount,
           readiness, development_issue_no) VALUES (?, 'T-1', 'ถนนลาดยาง', 'อบต.', 'local', '', '1901', 100, 100, 100, '', 2)`,
      )
      .run(r.id);
    const [listed] = await ok<ProjectRow[]>('projects.list', { roundId: r.id });
    expect(listed).toMatchObject({ code: 'T-1', developmentIssueNo: 2 });
    const used = await refused('developmentIssues.set', { roundId: r.id, issues: [{ no: 1, titleTh: 'น้ำ' }] });
    expect(used).toMatchObject({ code: 'INVALID_STATE' });
    expect(used.message).toContain('development issue 2');
  });
});

describe('members', () => {
  it('are added, edited and deactivated; scoring lists only active members', async () => {
    const r = await ok<RoundDetail>('rounds.create', { fiscalYear: 2578, name: 'กรรมการ', ceiling: 5 });
    const a = await ok<Member>('members.create', {
      roundId: r.id,
      name: 'นางสาว ข',
      titleTh: 'ผู้อำนวยการ',
      titleEn: 'Director',
      agency: 'สำนักงานจังหวัด',
      role: 'secretariat',
    });
    expect(a).toMatchObject({ role: 'secretariat', active: true, agency: 'สำนักงานจังหวัด' });
    const edited = await ok<Member>('members.update', { memberId: a.id, role: 'member', agency: 'คลังจังหวัด' });
    expect(edited).toMatchObject({ role: 'member', agency: 'คลังจังหวัด', name: 'นางสาว ข' });
    await ok<Member>('members.update', { memberId: a.id, active: false });
    const detail = await ok<RoundDetail>('rounds.get', { roundId: r.id });
    expect(detail.members).toEqual([]);
    expect(detail.inactiveMembers.map((m) => m.id)).toEqual([a.id]);
    expect((await refused('members.update', { memberId: 99_999, active: false })).code).toBe('NOT_FOUND');
    expect((await refused('members.update', { memberId: a.id, role: 'boss' })).code).toBe('BAD_ARGS');
    expect(
      (await refused('members.create', { roundId: r.id, name: '', titleTh: '', titleEn: '', agency: '', role: 'member' })).code,
    ).toBe('BAD_ARGS');
    expect((await refused('members.update', { memberId: a.id, active: true }, member)).code).toBe('FORBIDDEN');
  });

  it('names and titles are stored in one spelling; a name written another way is not a second member', async () => {
    const r = await ok<RoundDetail>('rounds.create', { fiscalYear: 2582, name: ' แผน\u200b  ปี\u00a02582 ', ceiling: 5 });
    expect(r.name).toBe('แผน ปี 2582');
    const issues = await ok<DevelopmentIssue[]>('developmentIssues.set', {
      roundId: r.id,
      issues: [{ no: 1, titleTh: 'เกษตร\u200c  ปลอดภัย', titleEn: 'Safe  farming', approaches: ['น้ำ\ufeff  ชลประทาน'] }],
    });
    expect(issues[0]).toMatchObject({ titleTh: 'เกษตร ปลอดภัย', titleEn: 'Safe farming', approaches: ['น้ำ ชลประทาน'] });
    const fields = { titleTh: 'ตำแหน่ง\u200b  ผู้ว่า', titleEn: '', agency: '', role: 'chair' } as const;
    const a = await ok<Member>('members.create', { roundId: r.id, name: 'นายก ข', ...fields });
    expect(a).toMatchObject({ name: 'นายก ข', titleTh: 'ตำแหน่ง ผู้ว่า' });
    for (const twin of ['นายก\u200b ข', 'นายก  ข', '\u2060นายก ข\ufeff']) {
      const e = await refused('members.create', { roundId: r.id, name: twin, ...fields, role: 'member' });
      expect(e).toMatchObject({ code: 'BAD_ARGS' });
      expect(e.messageTh).toContain('รอบนี้มีกรรมการชื่อ "นายก ข" อยู่แล้ว');
    }
    // A name copied from a PDF of a government form (sara am as nikhahit and sara aa, the tone mark before them) or typed
    // with the tone mark before the vowel shows the same name: it is the same member, and stored in one spelling.
    const water = await ok<Member>('members.create', { roundId: r.id, name: 'นางสาวน้ำฝน ใจดี', ...fields, role: 'member' });
    for (const twin of ['นางสาวนํ้าฝน ใจดี', 'นางสาวน้ําฝน ใจดี']) {
      const e = await refused('members.create', { roundId: r.id, name: twin, ...fields, role: 'member' });
      expect(e.messageTh).toContain('รอบนี้มีกรรมการชื่อ "นางสาวน้ำฝน ใจดี" อยู่แล้ว');
    }
    const slip = await ok<Member>('members.create', { roundId: r.id, name: 'นายสม่ิง เเก้วดี', ...fields, role: 'member' });
    expect(slip.name).toBe('นายสมิ่ง แก้วดี');
    expect((await refused('members.update', { memberId: slip.id, name: 'นางสาวนํ้าฝน ใจดี' })).code).toBe('BAD_ARGS');
    expect(water.name).toBe('นางสาวน้ำฝน ใจดี');
    const b = await ok<Member>('members.create', { roundId: r.id, name: 'นางค  ง', ...fields, role: 'member' });
    expect(b.name).toBe('นางค ง');
    expect((await refused('members.update', { memberId: b.id, name: 'นายก\u200b  ข' })).code).toBe('BAD_ARGS');
    // Nothing visible left: refused as an empty name, saying so.
    for (const blank of ['\u200b', ' \ufeff ', '\u200c\u200d\u2060']) {
      const e = await refused('members.create', { roundId: r.id, name: blank, ...fields, role: 'member' });
      expect(e.code).toBe('BAD_ARGS');
      expect(`${e.message} ${e.messageTh}`).toContain('invisible characters');
      expect((await refused('rounds.update', { roundId: r.id, name: blank })).code).toBe('BAD_ARGS');
      expect((await refused('developmentIssues.set', { roundId: r.id, issues: [{ no: 1, titleTh: blank }] })).code).toBe(
        'BAD_ARGS',
      );
    }
    const crit = await ok<RoundDetail>('criteria.set', {
      roundId: r.id,
      criteria: [{ code: 'urgency', nameTh: 'ความ\u200bเร่งด่วน', nameEn: 'Urgency  ', kind: 'member', weight: 1 }],
    });
    expect(crit.criteria[0]).toMatchObject({ nameTh: 'ความเร่งด่วน', nameEn: 'Urgency' });
  });
});

describe('criteria', () => {
  it('weights from an AHP comparison are its principal eigenvector, rounded to sum 1, with the CR kept', async () => {
    const r = await ok<RoundDetail>('rounds.create', { fiscalYear: 2579, name: 'เกณฑ์', ceiling: 5 });
    const upper = [3, 5, 7, 3, 5, 3];
    const detail = await ok<RoundDetail>('criteria.set', { roundId: r.id, criteria: FOUR_CRITERIA, ahp: { upper } });
    const expected = roundWeights(ahpWeights(matrixFromUpper(4, upper)).weights);
    expect(detail.criteria.map((c) => c.weight)).toEqual(expected);
    expect(Math.round(detail.criteria.reduce((s, c) => s + c.weight, 0) * 1e4)).toBe(1e4);
    expect(detail.ahp).toMatchObject({ codes: ['urgency', 'readiness', 'people', 'cost_pp'], upper });
    expect(detail.ahp!.cr).toBeCloseTo(ahpWeights(matrixFromUpper(4, upper)).cr, 12);
    expect(detail.criteria.map((c) => [c.code, c.kind, c.source, c.direction, c.scaleMin, c.scaleMax])).toEqual([
      ['urgency', 'member', null, 'benefit', 1, 5],
      ['readiness', 'member', null, 'benefit', 1, 5],
      ['people', 'computed', 'people', 'benefit', 0, 1],
      ['cost_pp', 'computed', 'cost_per_person', 'cost', 0, 1],
    ]);
    // Direct weights replace the comparison, normalised.
    const direct = await ok<RoundDetail>('criteria.set', {
      roundId: r.id,
      criteria: FOUR_CRITERIA.map((c, i) => ({ ...c, weight: [2, 1, 1, 0][i] })),
    });
    expect(direct.criteria.map((c) => c.weight)).toEqual([0.5, 0.25, 0.25, 0]);
    expect(direct.ahp).toBeNull();
    // Kept codes keep their ids.
    expect(direct.criteria.map((c) => c.id)).toEqual(detail.criteria.map((c) => c.id));
  });

  it('refuses repeated codes, bad comparisons, mismatched sources and a scale upside down, changing nothing', async () => {
    const r = await ok<RoundDetail>('rounds.create', { fiscalYear: 2580, name: 'เกณฑ์ผิด', ceiling: 5 });
    await ok('criteria.set', { roundId: r.id, criteria: FOUR_CRITERIA, ahp: { upper: [1, 1, 1, 1, 1, 1] } });
    const twice = await refused('criteria.set', {
      roundId: r.id,
      criteria: [FOUR_CRITERIA[0], { ...FOUR_CRITERIA[1], code: 'urgency' }],
      ahp: { upper: [1] },
    });
    expect(twice.messageTh).toContain('รหัส "urgency" ซ้ำกัน');
    const size = await refused('criteria.set', { roundId: r.id, criteria: FOUR_CRITERIA, ahp: { upper: [3, 5, 7] } });
    expect(size.message).toContain('need 6 pairwise judgments');
    const range = await refused('criteria.set', { roundId: r.id, criteria: FOUR_CRITERIA, ahp: { upper: [3, 5, 12, 1, 1, 1] } });
    expect(range.messageTh).toContain('แถว 1 คอลัมน์ 4');
    const noSource = await refused('criteria.set', {
      roundId: r.id,
      criteria: [{ code: 'x', nameTh: 'x', kind: 'computed', weight: 1 }],
    });
    expect(noSource.message).toContain('criterion 1 (x)');
    const wrongWay = await refused('criteria.set', {
      roundId: r.id,
      criteria: [{ code: 'x', nameTh: 'x', kind: 'computed', source: 'cost_per_person', weight: 1 }],
    });
    expect(wrongWay.message).toContain('cost');
    const scale = await refused('criteria.set', {
      roundId: r.id,
      criteria: [{ code: 'x', nameTh: 'x', kind: 'member', scaleMin: 5, scaleMax: 1, weight: 1 }],
    });
    expect(scale.messageTh).toContain('คะแนนสูงสุด');
    const zero = await refused('criteria.set', {
      roundId: r.id,
      criteria: [{ code: 'x', nameTh: 'x', kind: 'member', weight: 0 }],
    });
    expect(zero.code).toBe('BAD_ARGS');
    expect(
      (await refused('criteria.set', { roundId: r.id, criteria: [{ code: 'Bad Code', nameTh: 'x', kind: 'member' }] })).code,
    ).toBe('BAD_ARGS');
  });

  it('a scored criterion cannot be removed; ranking follows new criteria and evidence sources', async () => {
    const before = await ok<RoundDetail>('rounds.get', { roundId: 1 });
    const scored = before.criteria.find((c) => c.kind === 'member')!;
    const scores = core().store.sqlite.prepare('SELECT COUNT(*) AS n FROM score WHERE criterion_id = ?').get(scored.id) as {
      n: number;
    };
    expect(scores.n).toBeGreaterThan(0);
    const others = before.criteria.filter((c) => c.id !== scored.id);
    const e = await refused('criteria.set', {
      roundId: 1,
      criteria: others.map((c) => ({
        code: c.code,
        nameTh: c.nameTh,
        kind: c.kind,
        source: c.source,
        weight: c.weight,
      })),
    });
    expect(e).toMatchObject({ code: 'INVALID_STATE' });
    expect(e.messageTh).toContain(scored.code);

    // Its scale narrowed below the scores already given is refused, naming them.
    const range = core()
      .store.sqlite.prepare('SELECT MIN(value) AS lo, MAX(value) AS hi FROM score WHERE criterion_id = ?')
      .get(scored.id) as { lo: number; hi: number };
    expect(range.hi).toBeGreaterThan(range.lo);
    const asGiven = (c: RoundDetail['criteria'][number], scale?: { scaleMin: number; scaleMax: number }) => ({
      code: c.code,
      nameTh: c.nameTh,
      nameEn: c.nameEn,
      kind: c.kind,
      source: c.source,
      direction: c.direction,
      scaleMin: c.scaleMin,
      scaleMax: c.scaleMax,
      weight: c.weight,
      ...(c.id === scored.id ? scale : {}),
    });
    const tableBefore = everyTable(core());
    const narrowed = await refused('criteria.set', {
      roundId: 1,
      criteria: before.criteria.map((c) => asGiven(c, { scaleMin: range.lo, scaleMax: range.hi - 0.5 })),
    });
    expect(narrowed.code).toBe('INVALID_STATE');
    expect(narrowed.messageTh).toContain(`เกณฑ์ "${scored.code}": คะแนนที่ให้ไว้แล้ว`);
    expect(narrowed.messageTh).toContain(`(${range.hi}–${range.hi}) อยู่นอกช่วงคะแนนใหม่ ${range.lo}–${range.hi - 0.5}`);
    expect(narrowed.message).toContain('outside the new scale');
    // A scale beyond ±1000 is refused too.
    const huge = await refused('criteria.set', {
      roundId: 1,
      criteria: before.criteria.map((c) => asGiven(c, { scaleMin: -1e300, scaleMax: 1e300 })),
    });
    expect(huge.code).toBe('BAD_ARGS');
    expect(huge.messageTh).toContain('เกิน ±1000');
    expect(everyTable(core())).toEqual(tableBefore);

    // Keep every criterion and add two evidence criteria: the ranking is still a permutation, composites in 0…100.
    const criteria = [
      ...before.criteria.map((c) => asGiven(c)),
      { code: 'times', nameTh: 'จำนวนครั้งที่เสนอ', kind: 'computed', source: 'times_raised', weight: 0.1 },
      { code: 'cpp', nameTh: 'ต้นทุนต่อคน', kind: 'computed', source: 'cost_per_person', direction: 'cost', weight: 0.1 },
      { code: 'area', nameTh: 'สัดส่วนพื้นที่ที่มีความต้องการ', kind: 'computed', source: 'area_share', weight: 0.1 },
    ];
    const after = await ok<RoundDetail>('criteria.set', { roundId: 1, criteria });
    expect(after.criteria.slice(0, before.criteria.length).map((c) => c.id)).toEqual(before.criteria.map((c) => c.id));
    const rows = await ok<ProjectRow[]>('projects.list', { roundId: 1 });
    expect(rows.map((r) => r.rank)).toEqual(rows.map((_, i) => i + 1));
    expect(rows.every((r) => r.composite >= 0 && r.composite <= 100)).toBe(true);
    // Weighting only "cost per person" puts the cheapest project per person reached first.
    await ok('criteria.set', {
      roundId: 1,
      criteria: criteria.map((c) => ({ ...c, weight: c.code === 'cpp' ? 1 : 0 })),
    });
    const byCost = await ok<ProjectRow[]>('projects.list', { roundId: 1 });
    const reached = byCost.filter((p) => p.peopleAffected >= 1);
    const cheapest = [...reached].sort((a, b) => a.requested / a.peopleAffected - b.requested / b.peopleAffected)[0]!;
    expect(byCost[0]!.composite).toBe(100);
    expect(byCost[0]!.requested / byCost[0]!.peopleAffected).toBeCloseTo(cheapest.requested / cheapest.peopleAffected, 0);
    // Weighting only "share of the area in need": computed from the tambons each proposal covers (project_area).
    await ok('criteria.set', { roundId: 1, criteria: criteria.map((c) => ({ ...c, weight: c.code === 'area' ? 1 : 0 })) });
    const byArea = await ok<ProjectRow[]>('projects.list', { roundId: 1 });
    const share = new Map(
      (
        core()
          .store.sqlite.prepare(
            `SELECT pa.project_id AS id, AVG(EXISTS (SELECT 1 FROM need n WHERE n.tambon_code = pa.tambon_code AND n.status = 'active')) AS s
               FROM project_area pa GROUP BY pa.project_id`,
          )
          .all() as { id: number; s: number }[]
      ).map((d) => [d.id, d.s]),
    );
    const maxShare = Math.max(...byArea.map((p) => share.get(p.id)!));
    for (const p of byArea) expect(p.composite).toBeCloseTo((100 * share.get(p.id)!) / maxShare, 6);
    // Restore the sample's criteria for the tests after this one.
    await ok('criteria.set', {
      roundId: 1,
      criteria: criteria.slice(0, before.criteria.length),
    });
  });
});

describe('rounds.progress', () => {
  it('computes each step from the database and names the next one', async () => {
    const demo = await ok<RoundProgress>('rounds.progress', { roundId: 1 });
    expect(demo.steps.map((s) => s.key)).toEqual(['needs', 'proposals', 'linked', 'scored', 'scenarios', 'approved', 'exported']);
    const step = (p: RoundProgress, key: string) => p.steps.find((s) => s.key === key)!;
    expect(step(demo, 'needs')).toMatchObject({ state: 'done' });
    expect(step(demo, 'proposals')).toMatchObject({ state: 'done', done: 40 });
    expect(step(demo, 'scored').state).not.toBe('todo');
    expect(step(demo, 'approved').state).toBe('todo');

    const r = await ok<RoundDetail>('rounds.create', { fiscalYear: 2581, name: 'ขั้นตอน', ceiling: 5 });
    const fresh = await ok<RoundProgress>('rounds.progress', { roundId: r.id });
    expect(fresh.next).toBe('proposals');
    expect(fresh.steps.map((s) => s.state)).toEqual(['done', 'todo', 'todo', 'todo', 'todo', 'todo', 'todo']);
    expect(fresh.setup).toEqual({ developmentIssues: 0, activeMembers: 0, criteria: 0, memberCriteria: 0, weightSum: 0 });

    // A draft's export (marked ร่าง) is not the approved plan's: the step stays to do.
    const draft = await core().call('plan.exportXlsx', { roundId: 1 }, owner);
    expect(draft.ok).toBe(true);
    expect(step(await ok<RoundProgress>('rounds.progress', { roundId: 1 }), 'exported').state).toBe('todo');
    // Exporting the approved plan's workbook marks the export step of that round only.
    const s = await ok<Scenario>('scenarios.create', { roundId: 1, name: 'แผนที่อนุมัติ', rule: 'greedy' });
    await ok('approvals.approve', sampleApprovalArgs(s.id));
    // Approving the plan approved the round (it was in session).
    expect(step(await ok<RoundProgress>('rounds.progress', { roundId: 1 }), 'approved').state).toBe('done');
    const exported = await core().call('plan.exportXlsx', { roundId: 1, scenarioId: s.id }, owner);
    expect(exported.ok).toBe(true);
    expect(step(await ok<RoundProgress>('rounds.progress', { roundId: 1 }), 'exported').state).toBe('done');
    expect(step(await ok<RoundProgress>('rounds.progress', { roundId: r.id }), 'exported').state).toBe('todo');
    expect((await err('rounds.progress', { roundId: 99_999 })).code).toBe('NOT_FOUND');
    // A workshop device may read the steps; every change above is in the intact audit chain.
    expect((await ok<RoundProgress>('rounds.progress', { roundId: 1 }, member)).steps).toHaveLength(7);
    expect(verifyAuditChain(core().store.sqlite)).toBeNull();
  });
});

describe('a round approved with its plan', () => {
  it('went to approved with the approval, moves back and forth by hand, and once closed takes no approval or change', async () => {
    // The sample's round, approved above through a scenario's approval while in session.
    const round = await ok<RoundDetail>('rounds.get', { roundId: 1 });
    expect(round).toMatchObject({ status: 'approved', approvalCount: 1 });
    const moved = core()
      .store.sqlite.prepare(`SELECT payload_json FROM audit_event WHERE kind = 'round.status_set' ORDER BY id DESC LIMIT 1`)
      .get() as { payload_json: string };
    expect(JSON.parse(moved.payload_json)).toMatchObject({
      roundId: 1,
      from: 'in_session',
      to: 'approved',
      scenarioId: expect.any(Number),
    });
    for (const status of ['in_session', 'approved', 'closed'] as const) {
      expect((await ok<RoundDetail>('rounds.setStatus', { roundId: 1, status })).status).toBe(status);
    }
    expect((await err('rounds.setStatus', { roundId: 1, status: 'approved' })).code).toBe('INVALID_STATE');
    expect((await err('rounds.update', { roundId: 1, name: 'ใหม่' })).messageTh).toContain('ปิดแล้ว');
    expect(
      (await err('members.create', { roundId: 1, name: 'x', titleTh: '', titleEn: '', agency: '', role: 'member' })).code,
    ).toBe('INVALID_STATE');
    // Closed is final: another plan of it cannot be approved (it would supersede the record), and nothing is written.
    const s = (await core()
      .store.sqlite.prepare(`SELECT id FROM scenario WHERE round_id = 1 AND id NOT IN (SELECT scenario_id FROM approval) LIMIT 1`)
      .get()) as { id: number };
    const approvals = (await ok<unknown[]>('approvals.list', { roundId: 1 })).length;
    const late = await err(
      'approvals.approve',
      sampleApprovalArgs(s.id, { resolutionNo: 'ครั้งที่ 4/2570', resolutionDate: '20 พ.ย. 2569' }),
    );
    expect(late).toMatchObject({ code: 'INVALID_STATE' });
    expect(late.message).toContain('is closed, which is final');
    expect(late.messageTh).toContain('ปิดแล้ว');
    expect(await ok<unknown[]>('approvals.list', { roundId: 1 })).toHaveLength(approvals);
    const archived = await ok<RoundDetail>('rounds.archive', { roundId: 1, archived: true });
    expect(archived.archived).toBe(true);
    expect((await ok<RoundSummary[]>('rounds.list', {})).at(-1)!.id).toBe(1);
    expect(verifyAuditChain(core().store.sqlite)).toBeNull();
  });
});
