/**
 * The agency's own priority of its proposals (the request form's ลำดับความสำคัญ, 1 = most important) on a real
 * database: read from the file and stored, a bad one refusing the file with nothing changed, one agency's repeated
 * priority a warning of the import, kept through edits, and carried into the data exports and the evidence packs.
 */
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import type { ProposalDetail, ProposalWriteResult } from '../../../shared/api/projects';
import type { ExportedDocument } from '../../../shared/api/exports';
import type { ProposalsImportPreview, ProposalsImportReport, RoundDetail, Scenario } from '../../../shared/api/types';
import { frozenAgencyPriorities } from '../export/plan-source';
import { exportProposalLines, proposalExportRounds } from './proposals-export';
import { everyTable, owner, proposalEditArgs, sampleApprovalArgs, useTestCore } from '../handlers/test-core';
import { listProposals } from '../services/proposal-store';

const { core, ok, upload, download } = useTestCore('chipao-priority-', { needs: 300, projects: 10 });

let roundId = 0;

beforeAll(async () => {
  const r = await ok<RoundDetail>('rounds.create', { fiscalYear: 2572, name: 'รอบ ๒๕๗๒', ceiling: 25_000_000_000 });
  roundId = r.id;
});

/** The request form as an agency sends it: a running number, then its own priority. */
/** A stored proposal's fields as a new proposal's form (without what the store gives it). */
function newForm(p: ProposalDetail) {
  const {
    id: _i,
    version: _v,
    roundId: _r,
    requested: _q,
    updatedAt: _u,
    changedAfterScoring: _c,
    coveredTambons: _t,
    ...base
  } = p;
  return base;
}

function requestForm(rows: readonly (readonly string[])[], year = '๒๕๗๒'): string {
  return [
    `แบบเสนอโครงการ ประจำปีงบประมาณ พ.ศ. ${year}`,
    'ลำดับ,ลำดับความสำคัญ,ชื่อโครงการ,หน่วยงานรับผิดชอบ / หน่วยดำเนินการ,พื้นที่ดำเนินการ,งบประมาณ (บาท)',
    ...rows.map((r, i) => [String(i + 1), ...r].map((c) => `"${c}"`).join(',')),
  ].join('\n');
}

const FORM = [
  ['ลำดับที่ ๒', 'ขุดลอกคลองสาธารณะ', 'อบต.ตาลเดี่ยว', 'ต.ตาลเดี่ยว', '300,000'],
  ['๑', 'ก่อสร้างถนนคอนกรีต', 'อบต.ตาลเดี่ยว', 'ต.ตาลเดี่ยว', '500,000'],
  ['', 'ซ่อมแซมฝาย', 'อบต.ปากเพรียว', 'ต.ปากเพรียว', '200,000'],
] as const;

const byTitle = (): Map<string, ProposalDetail> =>
  new Map(listProposals(core().store.sqlite, roundId).map((p) => [p.title, p as ProposalDetail]));

describe("an agency's priority from the request form", () => {
  it('a bad priority refuses the whole file, naming the row and the column, and changes nothing', async () => {
    const before = everyTable(core());
    const file = requestForm([...FORM.slice(0, 2), ['สำคัญมาก', 'ซ่อมแซมฝาย', 'อบต.ปากเพรียว', 'ต.ปากเพรียว', '200,000']]);
    const preview = await ok<ProposalsImportPreview>('projects.importPreview', { uploadId: upload('แบบเสนอ.csv', file) });
    expect(preview.problems).toEqual([
      {
        line: 5,
        column: 'ลำดับความสำคัญ',
        code: 'BAD_PRIORITY',
        en: "'สำคัญมาก' is not a priority: write a whole number from 1 (1 = most important), such as 1, ๑ or ลำดับที่ 1",
        th: "'สำคัญมาก' ไม่ใช่ลำดับความสำคัญ: ใส่จำนวนเต็มตั้งแต่ 1 ขึ้นไป (1 = สำคัญที่สุด) เช่น 1, ๑ หรือ ลำดับที่ 1",
      },
    ]);
    const refused = await core().call('projects.importApply', { uploadId: upload('แบบเสนอ.csv', file) }, owner);
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.code).toBe('IMPORT_REJECTED');
    expect(refused.error.messageTh).toContain('ไม่ได้นำเข้าข้อมูลใด ๆ');
    expect(refused.error.problems?.[0]).toMatchObject({ line: 5, column: 'ลำดับความสำคัญ', code: 'BAD_PRIORITY' });
    expect(everyTable(core())).toEqual(before);
  });

  it('is read as written ("ลำดับที่ ๒", "๑", empty) and stored with each proposal', async () => {
    const preview = await ok<ProposalsImportPreview>('projects.importPreview', {
      uploadId: upload('แบบเสนอ.csv', requestForm(FORM)),
    });
    expect(preview.problems).toEqual([]);
    expect(preview.samePriority).toEqual([]);
    const r = await ok<ProposalsImportReport>('projects.importApply', { uploadId: upload('แบบเสนอ.csv', requestForm(FORM)) });
    expect(r).toMatchObject({ roundId, newCount: 3, rejectedCount: 0 });
    expect(r.samePriority).toBeUndefined();
    const stored = byTitle();
    expect(stored.get('ขุดลอกคลองสาธารณะ')!.agencyPriority).toBe(2);
    expect(stored.get('ก่อสร้างถนนคอนกรีต')!.agencyPriority).toBe(1);
    expect(stored.get('ซ่อมแซมฝาย')!.agencyPriority).toBeNull();
    const column = core()
      .store.sqlite.prepare('SELECT agency_priority FROM project WHERE round_id = ? ORDER BY agency_priority')
      .pluck();
    expect(column.all(roundId)).toEqual([null, 1, 2]);
    // What the grid reads.
    const details = await ok<ProposalDetail[]>('projects.details', { roundId });
    expect(details.map((d) => d.agencyPriority).sort()).toEqual([1, 2, null]);
    // The same file again changes nothing.
    const again = await ok<ProposalsImportReport>('projects.importApply', { uploadId: upload('แบบเสนอ.csv', requestForm(FORM)) });
    expect(again).toMatchObject({ newCount: 0, changedCount: 0, unchangedCount: 3 });
  });

  it("one agency's two proposals with the same priority are imported as written and listed as a warning", async () => {
    const form = requestForm([
      ['1', 'ขุดลอกคลองสาธารณะ', 'อบต.ตาลเดี่ยว', 'ต.ตาลเดี่ยว', '300,000'],
      ['1', 'ก่อสร้างถนนคอนกรีต', 'อบต.ตาลเดี่ยว', 'ต.ตาลเดี่ยว', '500,000'],
      // Another agency's 1 is its own.
      ['1', 'ซ่อมแซมฝาย', 'อบต.ปากเพรียว', 'ต.ปากเพรียว', '200,000'],
    ]);
    const preview = await ok<ProposalsImportPreview>('projects.importPreview', { uploadId: upload('แบบเสนอ.csv', form) });
    expect(preview.problems).toEqual([]);
    const codes = [...byTitle().values()];
    const code = (title: string): string => codes.find((p) => p.title === title)!.code;
    const expected = [
      {
        agency: 'อบต.ตาลเดี่ยว',
        priority: 1,
        proposals: [
          { row: 3, code: code('ขุดลอกคลองสาธารณะ') },
          { row: 4, code: code('ก่อสร้างถนนคอนกรีต') },
        ],
        // Both are in the file: the round holds no other proposal of the agency.
        held: [],
      },
    ];
    expect(preview.samePriority).toEqual(expected);
    const r = await ok<ProposalsImportReport>('projects.importApply', { uploadId: upload('แบบเสนอ.csv', form) });
    expect(r).toMatchObject({ changedCount: 2, unchangedCount: 1, partial: false, rejectedCount: 0 });
    expect(r.samePriority).toEqual(expected);
    expect([...byTitle().values()].map((p) => p.agencyPriority)).toEqual([1, 1, 1]);
    // The change is in the file's audit event like any other field's.
    await ok('projects.importApply', { uploadId: upload('แบบเสนอ.csv', requestForm(FORM)) });
  });

  it('is kept when the proposal is edited, and changed or cleared only when the edit says so', async () => {
    const p = byTitle().get('ขุดลอกคลองสาธารณะ')!;
    expect(p.agencyPriority).toBe(2);
    const { id, version, roundId: _r, requested: _q, updatedAt: _u, changedAfterScoring: _c, coveredTambons: _t, ...input } = p;
    const renamed = await ok<{ version: number }>('projects.update', {
      projectId: id,
      expectedVersion: version,
      proposal: { ...input, title: 'ขุดลอกคลองสาธารณะ หมู่ที่ 3' },
    });
    expect(byTitle().get('ขุดลอกคลองสาธารณะ หมู่ที่ 3')!.agencyPriority).toBe(2);
    const moved = await ok<{ version: number }>('projects.update', {
      projectId: id,
      expectedVersion: renamed.version,
      proposal: { ...input, title: 'ขุดลอกคลองสาธารณะ หมู่ที่ 3', agencyPriority: 3 },
    });
    expect(byTitle().get('ขุดลอกคลองสาธารณะ หมู่ที่ 3')!.agencyPriority).toBe(3);
    const event = core()
      .store.sqlite.prepare(`SELECT payload_json FROM audit_event WHERE kind = 'proposal.updated' ORDER BY id DESC LIMIT 1`)
      .pluck()
      .get() as string;
    expect(JSON.parse(event)).toMatchObject({ changes: { agencyPriority: { from: 2, to: 3 } } });
    // 0 is no priority: refused, nothing changed.
    const before = everyTable(core());
    const zero = await core().call(
      'projects.update',
      { projectId: id, expectedVersion: moved.version, proposal: { ...input, agencyPriority: 0 } },
      owner,
    );
    expect(zero.ok).toBe(false);
    if (!zero.ok) expect(zero.error.code).toBe('BAD_ARGS');
    expect(everyTable(core())).toEqual(before);
    await ok('projects.update', {
      projectId: id,
      expectedVersion: moved.version,
      proposal: { ...input, title: 'ขุดลอกคลองสาธารณะ หมู่ที่ 3', agencyPriority: null },
    });
    expect(byTitle().get('ขุดลอกคลองสาธารณะ หมู่ที่ 3')!.agencyPriority).toBeNull();
  });

  it('is in the proposals export, the open data of the plan and the evidence pack', async () => {
    const lines = [...exportProposalLines(core().store.sqlite, proposalExportRounds(core().store.sqlite, 2572))].map(
      (l) => JSON.parse(l) as Record<string, unknown>,
    );
    expect(lines.map((l) => [l['name'], l['agency_priority']]).sort()).toEqual([
      ['ก่อสร้างถนนคอนกรีต', 1],
      ['ขุดลอกคลองสาธารณะ หมู่ที่ 3', null],
      ['ซ่อมแซมฝาย', null],
    ]);
    expect(Object.keys(lines[0]!).slice(-4)).toEqual(['agency_priority', 'fiscal_year', 'lat', 'lon']);

    // The sample round's plan: a linked proposal given a priority carries it on each of its needs' rows.
    const linked = core()
      .store.sqlite.prepare(
        'SELECT project_id FROM project_need pn JOIN project p ON p.id = pn.project_id WHERE p.round_id = 1 LIMIT 1',
      )
      .pluck()
      .get() as number;
    const details = await ok<ProposalDetail[]>('projects.details', { roundId: 1 });
    const d = details.find((x) => x.id === linked)!;
    await ok('projects.update', proposalEditArgs(d, { agencyPriority: 4 }));
    const json = await ok<ExportedDocument>('exports.plan', { roundId: 1, format: 'json' });
    const doc = JSON.parse(download(json).toString('utf8')) as { rows: Record<string, unknown>[] };
    const rows = doc.rows.filter((r) => r['project_code'] === d.code);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r['agency_priority'] === 4)).toBe(true);
    expect(doc.rows.filter((r) => r['project_code'] !== d.code).every((r) => r['agency_priority'] === null)).toBe(true);
    const csv = await ok<ExportedDocument>('exports.plan', { roundId: 1, format: 'csv' });
    const [header, ...body] = download(csv)
      .toString('utf8')
      .replace(/^\uFEFF/u, '')
      .split(/\r?\n/u);
    const cols = header!.split(',');
    const at = cols.indexOf('agency_priority');
    expect(cols[at - 1]).toBe('agency');
    // Its rows say 4 in that column (codes and priorities hold no comma or quote).
    const mine = body.filter((l) => l.includes(`,${d.code},`));
    expect(mine.length).toBeGreaterThan(0);
    for (const line of mine) expect(line).toMatch(new RegExp(`,${d.code},.*,4,(?:funded|reserve|not_funded),`, 'u'));

    // The evidence pack of its agency states it among the proposal's facts; another of the agency says none.
    const pack = await ok<ExportedDocument>('exports.evidencePack', { roundId: 1, agency: d.agency });
    const zip = await JSZip.loadAsync(download(pack));
    const facts = async (code: string): Promise<unknown[][]> => {
      const name = Object.keys(zip.files).find(
        (n) => n.endsWith('.xlsx') && n.startsWith(code.replace(/[^\p{L}\p{M}\p{N}._-]+/gu, '_')),
      )!;
      const book = XLSX.read(await zip.file(name)!.async('nodebuffer'));
      return XLSX.utils.sheet_to_json<unknown[]>(book.Sheets[book.SheetNames[0]!]!, { header: 1 });
    };
    const label = 'ลำดับความสำคัญที่หน่วยงานให้ (1 = สำคัญที่สุด)';
    expect((await facts(d.code)).find((r) => r[0] === label)?.[1]).toBe('4');
    const other = details.find((x) => x.agency === d.agency && x.id !== d.id);
    if (other) expect((await facts(other.code)).find((r) => r[0] === label)?.[1]).toBe('ไม่ระบุ');
  });
});

describe('a priority another proposal of the agency already holds in the round', () => {
  const agency = 'อบต.ห้วยบง';
  let round2573 = 0;
  const inRound = (): Map<string, ProposalDetail> =>
    new Map(listProposals(core().store.sqlite, round2573).map((p) => [p.title, p as ProposalDetail]));
  const form = (rows: readonly (readonly string[])[]): string =>
    requestForm(
      rows.map(([priority, title]) => [priority!, title!, agency, 'ต.ห้วยบง', '100,000']),
      '๒๕๗๓',
    );

  beforeAll(async () => {
    round2573 = (await ok<RoundDetail>('rounds.create', { fiscalYear: 2573, name: 'รอบ ๒๕๗๓', ceiling: 25_000_000_000 })).id;
  });

  it("is a warning of an import naming the round's proposal that holds it, in the preview and the report", async () => {
    const first = form([
      ['1', 'ขุดลอกคลองห้วยบง'],
      ['2', 'ก่อสร้างถนนลูกรัง'],
    ]);
    const r1 = await ok<ProposalsImportReport>('projects.importApply', { uploadId: upload('ชุดที่ 1.csv', first) });
    expect(r1).toMatchObject({ roundId: round2573, newCount: 2 });
    expect(r1.samePriority).toBeUndefined();

    // The agency's second file gives 2 again, and 3 once.
    const second = form([
      ['2', 'ติดตั้งไฟฟ้าส่องสว่าง'],
      ['3', 'ซ่อมแซมฝายน้ำล้น'],
    ]);
    const road = inRound().get('ก่อสร้างถนนลูกรัง')!;
    const preview = await ok<ProposalsImportPreview>('projects.importPreview', { uploadId: upload('ชุดที่ 2.csv', second) });
    expect(preview.problems).toEqual([]);
    const warning = (code: string) => [
      {
        agency,
        priority: 2,
        proposals: [{ row: 3, code }],
        held: [{ code: road.code, title: 'ก่อสร้างถนนลูกรัง' }],
      },
    ];
    const r2 = await ok<ProposalsImportReport>('projects.importApply', { uploadId: upload('ชุดที่ 2.csv', second) });
    expect(r2).toMatchObject({ newCount: 2, rejectedCount: 0, partial: false });
    const light = inRound().get('ติดตั้งไฟฟ้าส่องสว่าง')!;
    expect(preview.samePriority).toEqual(warning(light.code));
    expect(r2.samePriority).toEqual(warning(light.code));
    // Imported as written.
    expect([...inRound().values()].map((p) => [p.title, p.agencyPriority]).sort()).toEqual([
      ['ก่อสร้างถนนลูกรัง', 2],
      ['ขุดลอกคลองห้วยบง', 1],
      ['ซ่อมแซมฝายน้ำล้น', 3],
      ['ติดตั้งไฟฟ้าส่องสว่าง', 2],
    ]);

    // A proposal the file lists is replaced by its row: the road's 2 is no more once the file gives it 5.
    const third = form([
      ['5', 'ก่อสร้างถนนลูกรัง'],
      ['2', 'ติดตั้งไฟฟ้าส่องสว่าง'],
    ]);
    const r3 = await ok<ProposalsImportReport>('projects.importApply', { uploadId: upload('ชุดที่ 3.csv', third) });
    expect(r3).toMatchObject({ changedCount: 1, unchangedCount: 1 });
    expect(r3.samePriority).toBeUndefined();
  });

  it('is a warning of a proposal created or edited with it, naming the proposals that hold it; saved all the same', async () => {
    const weir = inRound().get('ซ่อมแซมฝายน้ำล้น')!;
    const base = newForm(weir);
    const created = await ok<ProposalWriteResult>('projects.create', {
      roundId: round2573,
      proposal: { ...base, code: 'HB-NEW', title: 'ขยายเขตประปาหมู่บ้าน', agency: ` ${agency}`, agencyPriority: 3 },
    });
    expect(created.kind).toBe('new');
    expect(created.samePriority).toEqual({
      agency,
      priority: 3,
      held: [{ code: weir.code, title: 'ซ่อมแซมฝายน้ำล้น' }],
    });
    expect(inRound().get('ขยายเขตประปาหมู่บ้าน')!.agencyPriority).toBe(3);

    // Another agency's 3 is its own; a priority nobody holds warns of nothing.
    const other = await ok<ProposalWriteResult>('projects.create', {
      roundId: round2573,
      proposal: { ...base, code: 'HB-OTHER', agency: 'อบต.บ้านครัว', agencyPriority: 3 },
    });
    expect(other.samePriority).toBeUndefined();
    const free = await ok<ProposalWriteResult>('projects.create', {
      roundId: round2573,
      proposal: { ...base, code: 'HB-FREE', title: 'ปรับปรุงลานกีฬา', agencyPriority: 9 },
    });
    expect(free.samePriority).toBeUndefined();

    // An edit that gives the priority warns; an edit of another field of it does not say it again.
    const proposal = { ...base, code: 'HB-FREE', title: 'ปรับปรุงลานกีฬา', agencyPriority: 1 };
    const moved = await ok<ProposalWriteResult>('projects.update', {
      projectId: free.id,
      expectedVersion: free.version,
      proposal,
    });
    expect(moved).toMatchObject({ kind: 'changed', samePriority: { agency, priority: 1 } });
    expect(moved.samePriority!.held).toEqual([{ code: inRound().get('ขุดลอกคลองห้วยบง')!.code, title: 'ขุดลอกคลองห้วยบง' }]);
    const retitled = await ok<ProposalWriteResult>('projects.update', {
      projectId: free.id,
      expectedVersion: moved.version,
      proposal: { ...proposal, title: 'ปรับปรุงลานกีฬาประจำหมู่บ้าน' },
    });
    expect(retitled.kind).toBe('changed');
    expect(retitled.samePriority).toBeUndefined();
    expect(inRound().get('ปรับปรุงลานกีฬาประจำหมู่บ้าน')!.agencyPriority).toBe(1);
  });
});

describe('one agency spelt several ways', () => {
  let round2574 = 0;

  beforeAll(async () => {
    round2574 = (await ok<RoundDetail>('rounds.create', { fiscalYear: 2574, name: 'รอบ ๒๕๗๔', ceiling: 25_000_000_000 })).id;
  });

  it('has one ranking: the same priority under "อบต.", "อบต. " and the full name is warned of, in the file and in the round', async () => {
    const form = requestForm(
      [
        ['1', 'ขุดลอกคลองทับกวาง', 'อบต.ทับกวาง', 'ต.ทับกวาง', '100,000'],
        ['1', 'ก่อสร้างถนนคอนกรีต', 'องค์การบริหารส่วนตำบลทับกวาง', 'ต.ทับกวาง', '100,000'],
        ['2', 'ซ่อมแซมฝาย', 'อบต. ทับกวาง', 'ต.ทับกวาง', '100,000'],
      ],
      '๒๕๗๔',
    );
    const r = await ok<ProposalsImportReport>('projects.importApply', { uploadId: upload('ทับกวาง.csv', form) });
    expect(r).toMatchObject({ roundId: round2574, newCount: 3, rejectedCount: 0 });
    const stored = new Map(listProposals(core().store.sqlite, round2574).map((p) => [p.title, p]));
    expect(r.samePriority).toEqual([
      {
        agency: 'อบต.ทับกวาง',
        priority: 1,
        proposals: [
          { row: 3, code: stored.get('ขุดลอกคลองทับกวาง')!.code },
          { row: 4, code: stored.get('ก่อสร้างถนนคอนกรีต')!.code },
        ],
        held: [],
      },
    ]);
    // A second file spelling it another way, and the grid, meet the round's 2.
    const second = requestForm([['2', 'ติดตั้งไฟฟ้าส่องสว่าง', 'อบต. ทับกวาง', 'ต.ทับกวาง', '100,000']], '๒๕๗๔');
    const r2 = await ok<ProposalsImportReport>('projects.importApply', { uploadId: upload('ทับกวาง 2.csv', second) });
    expect(r2.samePriority).toMatchObject([{ priority: 2, held: [{ code: stored.get('ซ่อมแซมฝาย')!.code }] }]);
    const base = newForm(stored.get('ซ่อมแซมฝาย') as ProposalDetail);
    const created = await ok<ProposalWriteResult>('projects.create', {
      roundId: round2574,
      proposal: { ...base, code: 'TK-9', title: 'ปรับปรุงลานกีฬา', agency: 'องค์การบริหารส่วนตำบล ทับกวาง', agencyPriority: 1 },
    });
    expect(created.samePriority?.held.map((h) => h.title).sort()).toEqual(['ก่อสร้างถนนคอนกรีต', 'ขุดลอกคลองทับกวาง']);
  });
});

describe("an approved plan's exports and the agency's priority", () => {
  /** A proposal's edit form as the grid sends it back, with its priority set. */
  const setPriority = async (projectId: number, priority: number | null): Promise<void> => {
    const d = (await ok<ProposalDetail[]>('projects.details', { roundId: 1 })).find((x) => x.id === projectId)!;
    await ok('projects.update', proposalEditArgs(d, { agencyPriority: priority }));
  };

  it('keep the priority the plan was approved with when the proposal is edited afterwards', async () => {
    const sqlite = core().store.sqlite;
    const linked = sqlite
      .prepare('SELECT project_id FROM project_need pn JOIN project p ON p.id = pn.project_id WHERE p.round_id = 1 LIMIT 1')
      .pluck()
      .get() as number;
    const { code, agency } = sqlite.prepare('SELECT code, agency FROM project WHERE id = ?').get(linked) as {
      code: string;
      agency: string;
    };
    await setPriority(linked, 2);
    const scenario = await ok<Scenario>('scenarios.create', { roundId: 1, name: 'แผนที่อนุมัติ', rule: 'greedy' });
    await ok('approvals.approve', sampleApprovalArgs(scenario.id));
    // The round is opened again and the agency's priority corrected after the approval.
    await ok('rounds.setStatus', { roundId: 1, status: 'in_session' });
    await setPriority(linked, 7);

    const priorities = async (scenarioId?: number): Promise<unknown[]> => {
      const json = await ok<ExportedDocument>('exports.plan', {
        roundId: 1,
        format: 'json',
        ...(scenarioId ? { scenarioId } : {}),
      });
      const doc = JSON.parse(download(json).toString('utf8')) as { rows: Record<string, unknown>[] };
      return [...new Set(doc.rows.filter((r) => r['project_code'] === code).map((r) => r['agency_priority']))];
    };
    // The approved plan's open data says what was approved; a draft of today says today's.
    expect(await priorities(scenario.id)).toEqual([2]);
    expect(await priorities()).toEqual([7]);
    const csv = await ok<ExportedDocument>('exports.plan', { roundId: 1, scenarioId: scenario.id, format: 'csv' });
    const mine = download(csv)
      .toString('utf8')
      .split(/\r?\n/u)
      .filter((l) => l.includes(`,${code},`));
    expect(mine.length).toBeGreaterThan(0);
    for (const line of mine) expect(line).toMatch(new RegExp(`,${code},.*,2,(?:funded|reserve|not_funded),`, 'u'));

    // So does the evidence pack made from the approved plan.
    const pack = await ok<ExportedDocument>('exports.evidencePack', { roundId: 1, scenarioId: scenario.id, agency });
    const zip = await JSZip.loadAsync(download(pack));
    const name = Object.keys(zip.files).find(
      (n) => n.endsWith('.xlsx') && n.startsWith(code.replace(/[^\p{L}\p{M}\p{N}._-]+/gu, '_')),
    )!;
    const book = XLSX.read(await zip.file(name)!.async('nodebuffer'));
    const facts = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets[book.SheetNames[0]!]!, { header: 1 });
    expect(facts.find((r) => r[0] === 'ลำดับความสำคัญที่หน่วยงานให้ (1 = สำคัญที่สุด)')?.[1]).toBe('2');
  });

  it('are read from the frozen proposals; a plan frozen before proposals had a priority states none', () => {
    expect(
      frozenAgencyPriorities({
        proposals: [
          { id: 1, code: 'A', agency_priority: 3 },
          { id: 2, code: 'B', agency_priority: null },
        ],
      }),
    ).toEqual(new Map([[1, 3]]));
    expect(frozenAgencyPriorities({ proposals: [{ id: 1, code: 'A' }] })).toEqual(new Map());
    expect(frozenAgencyPriorities({})).toEqual(new Map());
  });
});
