import { describe, expect, it } from 'vitest';
import type { Approval } from '../../../shared/api/approval';
import type { ExportedDocument } from '../../../shared/api/exports';
import type { ProjectRow, Scenario, ScenarioResult, SyncReport } from '../../../shared/api/types';
import { downloadedBytes, sampleApprovalArgs, useTestCore } from '../handlers/test-core';
import { hasOpenpyxl, readXlsxWithOpenpyxl, type PySheet } from './test-readers';

// An approved plan's documents show the plan as approved: the committee's overrides of the ranking are those in force
// at the approval (frozen with it), not whatever overrides the round holds on the day the document is made.
const { ok, core, upload } = useTestCore('chipao-plan-approved-', { needs: 400, projects: 14 });
/** A file's bytes, fetched once per download (a test reads some files more than once). */
const fetched = new Map<string, Buffer>();
const bytes = (f: { downloadId: string }): Buffer => {
  const known = fetched.get(f.downloadId) ?? downloadedBytes(core(), f);
  fetched.set(f.downloadId, known);
  return known;
};
const sheet = (book: PySheet[], name: string): PySheet => book.find((s) => s.name === name)!;
const rowOf = (book: PySheet[], code: string): string[] => {
  const row = ['Y1 ได้รับการจัดสรร', 'Y2 บัญชีสำรอง'].flatMap((name) => sheet(book, name).rows).find((r) => r[2]?.v === code);
  if (!row) throw new Error(`${code} is in neither list`);
  return row.map((c) => String(c.v ?? ''));
};

describe.skipIf(!hasOpenpyxl())("an approved plan's workbook and the committee's overrides", () => {
  it('shows the overrides frozen with the approval, not those added or withdrawn since', async () => {
    const projects = await ok<ProjectRow[]>('projects.list', { roundId: 1 });
    const first = projects[0]!;
    const last = projects[projects.length - 1]!;
    const before = await ok<{ id: number }>('judgement.addOverride', {
      roundId: 1,
      projectId: first.id,
      kind: 'exclude',
      reason: 'ซ้ำซ้อนกับงบประมาณของกรม',
      requestedBy: 2,
    });
    const scenario = await ok<Scenario>('scenarios.create', { roundId: 1, name: 'แผนที่อนุมัติ', rule: 'greedy' });
    await ok<{ approval: Approval }>(
      'approvals.approve',
      sampleApprovalArgs(scenario.id, { resolutionNo: 'ครั้งที่ 2/2569', resolutionDate: '15/11/2569' }),
    );

    // After the approval: the exclusion is withdrawn and another proposal is included, for a new draft.
    await ok('judgement.withdrawOverride', { overrideId: before.id, reason: 'ทบทวนในร่างใหม่' });
    await ok('judgement.addOverride', {
      roundId: 1,
      projectId: last.id,
      kind: 'include',
      reason: 'เพิ่มเข้ามาหลังการอนุมัติ',
      requestedBy: 3,
    });

    const file = await ok<ExportedDocument>('exports.plan', { roundId: 1, scenarioId: scenario.id, format: 'xlsx' });
    expect(file.approved).toBe(true);
    const book = readXlsxWithOpenpyxl(bytes(file));
    // The approved plan excluded the first proposal, for the reason given then.
    expect(rowOf(book, first.code)[12]).toContain('ให้ตัดออก (เหตุผล: ซ้ำซ้อนกับงบประมาณของกรม)');
    expect(rowOf(book, first.code)[11]).toBe('0');
    // The inclusion made after it is no part of the approved plan.
    expect(rowOf(book, last.code)[12]).not.toContain('เพิ่มเข้ามาหลังการอนุมัติ');
    const appendix = sheet(book, 'ภาคผนวก วิธีการ').rows.map((r) => r.map((c) => String(c.v ?? '')).join(' | '));
    const listed = appendix.filter((line) => line.startsWith(first.code) || line.startsWith(last.code));
    expect(listed).toHaveLength(1);
    expect(listed[0]).toContain('ซ้ำซ้อนกับงบประมาณของกรม');
    expect(listed[0]).toContain('ให้ตัดออก');
    // Who asked, by name.
    const round = await ok<{ members: { id: number; name: string }[] }>('rounds.get', { roundId: 1 });
    expect(listed[0]).toContain(round.members.find((m) => m.id === 2)!.name);

    // A draft made today shows today's overrides.
    const draft = await ok<Scenario>('scenarios.create', { roundId: 1, name: 'ร่างใหม่', rule: 'greedy' });
    const draftFile = await ok<ExportedDocument>('exports.plan', { roundId: 1, scenarioId: draft.id, format: 'xlsx' });
    const draftBook = readXlsxWithOpenpyxl(bytes(draftFile));
    expect(rowOf(draftBook, last.code)[12]).toContain('เพิ่มเข้ามาหลังการอนุมัติ');
    expect(rowOf(draftBook, first.code)[12]).not.toContain('ซ้ำซ้อนกับงบประมาณของกรม');
  });
});

describe.skipIf(!hasOpenpyxl())("the workbook's method appendix", () => {
  const appendixLines = async (scenarioId: number, lang: 'th' | 'en' = 'th'): Promise<string[][]> => {
    const file = await ok<ExportedDocument>('exports.plan', { roundId: 1, scenarioId, format: 'xlsx', lang });
    const book = readXlsxWithOpenpyxl(bytes(file));
    const method = book[book.length - 1]!;
    return method.rows.map((r) => r.map((c) => String(c.v ?? '')));
  };

  it("states the rule's constraints in Thai words, projects by code, and only the rule's own settings", async () => {
    const projects = await ok<ProjectRow[]>('projects.list', { roundId: 1 });
    const [a, b, c] = [projects[3]!, projects[4]!, projects[5]!];
    const scenario = await ok<Scenario>('scenarios.create', { roundId: 1, name: 'หาค่าที่ดีที่สุด', rule: 'optimum' });
    await ok('scenarios.update', {
      scenarioId: scenario.id,
      params: {
        objective: 'people',
        partialFunding: true,
        mustFund: [a.id],
        dependencies: [{ project: b.id, requires: a.id }],
        incompatibilities: [[b.id, c.id]],
        // Kept from when the scenario ran another rule: no part of this plan.
        voterUnit: 'households',
      },
    });
    const lines = await appendixLines(scenario.id);
    const value = (label: string): string | undefined => lines.find((l) => l[0] === label)?.[1];
    expect(value('เป้าหมายของการหาค่าที่ดีที่สุด')).toBe('ผู้ได้รับประโยชน์มากที่สุด');
    expect(value('จัดสรรบางส่วนได้ (ไม่ต่ำกว่างบขั้นต่ำของโครงการ)')).toBe('ได้');
    expect(value('โครงการที่ต้องได้รับจัดสรร')).toBe(a.code);
    expect(value('โครงการที่จัดสรรร่วมกันไม่ได้')).toBe(`${b.code} – ${c.code}`);
    expect(lines.some((l) => l[1] === `${b.code} → ${a.code}`)).toBe(true);
    const text = lines.flat().join(' ');
    // No setting by its programme name, no database id, nothing of the MES rule.
    for (const raw of ['objective', 'partialFunding', 'mustFund', 'dependencies', 'voterUnit', 'completion', 'true', '"project"'])
      expect(text).not.toContain(raw);

    const mes = await ok<Scenario>('scenarios.create', { roundId: 1, name: 'แบ่งส่วนเท่ากัน', rule: 'mes' });
    const mesLines = await appendixLines(mes.id);
    expect(mesLines.find((l) => l[0] === 'ผู้ออกเสียง (ผู้ยื่นความต้องการ)')?.[1]).toBe('นับรายคน');
    expect(mesLines.find((l) => l[0] === 'การเติมเต็มงบที่เหลือ')?.[1]).toBe('เพิ่มส่วนแบ่งทีละ 1 บาท (add1)');
    expect(mesLines.flat().join(' ')).not.toContain('เป้าหมายของการหาค่าที่ดีที่สุด');

    // The criteria's direction as the round screens word it.
    const criteria = await ok<{ criteria: { nameTh: string; direction: string }[] }>('rounds.get', { roundId: 1 });
    for (const c of criteria.criteria) {
      expect(lines.find((l) => l[0] === c.nameTh)?.[3]).toBe(c.direction === 'cost' ? 'ยิ่งน้อยยิ่งดี' : 'ยิ่งมากยิ่งดี');
    }

    const en = await appendixLines(scenario.id, 'en');
    expect(en.find((l) => l[0] === 'Objective of the optimum')?.[1]).toBe('most people reached');
  });
});

describe.skipIf(!hasOpenpyxl())("an approved plan's needs after a sync retitles one", () => {
  it('keep the title of the version the approval froze; a draft shows the new one', async () => {
    const scenario = await ok<Scenario>('scenarios.create', { roundId: 1, name: 'แผนก่อนซิงก์', rule: 'greedy' });
    const run = await ok<ScenarioResult>('scenarios.run', { scenarioId: scenario.id });
    const funded = run.rows.filter((r) => r.funded > 0).map((r) => r.projectId);
    const { sqlite } = core().store;
    type NeedRow = { external_id: string; source: string; version: number; title: string; category: string; tambon_code: string };
    const need = sqlite
      .prepare(
        `SELECT n.* FROM need n JOIN project_need pn ON pn.need_id = n.id
          WHERE pn.project_id IN (SELECT value FROM json_each(?)) AND n.status = 'active' ORDER BY n.id LIMIT 1`,
      )
      .get(JSON.stringify(funded)) as NeedRow & Record<string, unknown>;
    await ok('approvals.approve', sampleApprovalArgs(scenario.id, { resolutionNo: 'ครั้งที่ 3/2569', resolutionDate: '16/11/2569' }));
    // A later sync brings the need's next version under another title.
    const retitled = `${need.title} (ปรับปรุงชื่อภายหลัง)`;
    const feed = [
      { feed: 'chipao.needs', version: 1, source: need.source },
      {
        op: 'upsert',
        id: need.external_id,
        version: need.version + 1,
        updated_at: '2026-11-25T09:30:00+07:00',
        title: retitled,
        category: need.category,
        tambon: need.tambon_code,
        village_no: need['village_no'],
        households: need['households'],
        people_affected: need['people_affected'],
        times_raised: need['times_raised'],
        channel: need['channel'],
      },
    ]
      .map((l) => JSON.stringify(l))
      .join('\n');
    const report = await ok<SyncReport>('needs.sync', { uploadId: upload('retitle.ndjson', Buffer.from(`${feed}\n`)) });
    expect(report.changedCount).toBe(1);
    const titles = async (scenarioId: number): Promise<string[]> => {
      const file = await ok<ExportedDocument>('exports.plan', { roundId: 1, scenarioId, format: 'xlsx' });
      const rows = sheet(readXlsxWithOpenpyxl(bytes(file)), 'ความต้องการที่ตอบสนอง').rows;
      return rows.filter((r) => r[3]?.v === need.external_id).map((r) => String(r[4]?.v ?? ''));
    };
    const approved = await titles(scenario.id);
    expect(approved.length).toBeGreaterThan(0);
    expect(new Set(approved)).toEqual(new Set([need.title]));
    const draft = await ok<Scenario>('scenarios.create', { roundId: 1, name: 'ร่างหลังซิงก์', rule: 'greedy' });
    expect(new Set(await titles(draft.id))).toEqual(new Set([retitled]));
  });
});
