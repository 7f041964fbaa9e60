/**
 * The proposals import end to end through the handlers: a report workbook (title year in Thai digits, two-row
 * header, total row), a sheet per agency, legacy XLS and CSV in UTF-8 and Windows-874 all give the same proposals in
 * the round of the stated year; the preview writes nothing; re-import is unchanged; a scored proposal changes only
 * when confirmed (and is flagged); a bad row refuses the whole file unless the valid rows are asked for.
 */
import { createHash } from 'node:crypto';
import * as XLSX from 'xlsx';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ProposalsImportPreview, ProposalsImportReport, RoundDetail } from '../../../shared/api/types';
import type { Proposal } from '../../../shared/domain/proposals';
import { win874 } from '../../../test/fixtures/needs-files';
import { legacyXlsHiding } from '../../../test/fixtures/compound-files';
import {
  PROPOSAL_ISSUES,
  PROPOSAL_ROWS,
  proposalsCsv,
  proposalsSheet,
  proposalsXlsx,
} from '../../../test/fixtures/proposals-files';
import { owner, useTestCore } from '../handlers/test-core';
import { listProposals } from '../services/proposal-store';

const { core, ok, upload } = useTestCore('chipao-proposals-', { needs: 300, projects: 10 });

let roundId = 0;

beforeAll(async () => {
  const r = await ok<RoundDetail>('rounds.create', { fiscalYear: 2571, name: 'รอบจริง ๒๕๗๑', ceiling: 25_000_000_000 });
  roundId = r.id;
  await ok('developmentIssues.set', { roundId, issues: PROPOSAL_ISSUES });
});

function digest(): string {
  const { sqlite } = core().store;
  // Ordinary tables: a search index (FTS5 virtual and shadow tables) is derived from them by triggers.
  const tables = (
    sqlite
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN (SELECT name FROM pragma_table_list WHERE type IN ('virtual', 'shadow')) ORDER BY name",
      )
      .all() as { name: string }[]
  ).map((t) => t.name);
  return createHash('sha256')
    .update(JSON.stringify(tables.map((t) => sqlite.prepare(`SELECT * FROM "${t}" ORDER BY rowid`).all())))
    .digest('hex');
}

function proposals(): Proposal[] {
  return listProposals(core().store.sqlite, roundId);
}

/** The rows with a changed request for SRB71-A01 (scored in the test below). */
const changed = PROPOSAL_ROWS.map((r, i) => (i === 0 ? { ...r, investment: '1,300,000.00', total: '1,300,000.00' } : r));

const EXPECTED = [
  {
    code: 'SRB71-A01',
    level: 'local',
    developmentIssueNo: 1,
    scope: 'tambons',
    coveredTambons: ['190101', '190105'],
    operating: 0,
    investment: 125_000_000,
    minimum: 100_000_000,
    people: 1200,
    households: 310,
    readiness: ['design', 'land'],
  },
  {
    code: 'SRB71-A02',
    level: 'agency',
    developmentIssueNo: 2,
    scope: 'district',
    districtCode: '1903',
    operating: 20_000_000,
    investment: 880_000_000,
    minimum: null,
    people: 5400,
    households: null,
    readiness: ['commit', 'design', 'land', 'maintainer', 'no_overlap'],
  },
  { code: 'SRB71-A03', developmentIssueNo: 3, scope: 'province', districtCode: null, operating: 75_000_000, investment: 0 },
  {
    code: 'SRB71-A04',
    developmentIssueNo: 1,
    scope: 'tambons',
    coveredTambons: ['190203'],
    districtCode: '1902',
    investment: 350_000_000,
  },
];

describe('proposals import', () => {
  it('previews a report workbook: header, mapping, year, round, counts; writes nothing', async () => {
    const before = digest();
    const p = await ok<ProposalsImportPreview>('projects.importPreview', {
      uploadId: upload('โครงการ อบต.xlsx', proposalsXlsx()),
    });
    expect(p.fiscalYear).toBe(2571);
    expect(p.roundId).toBe(roundId);
    expect(p.parts[0]).toMatchObject({ headerRow: 4, headerRows: 2, rows: 4 });
    expect(p.parts[0]!.skipped.total).toBe(1);
    expect(p.problems).toEqual([]);
    expect(p).toMatchObject({ newCount: 4, changedCount: 0, valid: 4 });
    expect(digest()).toBe(before);
  });

  it('applies it: proposals with their areas, split request, minimum, beneficiaries, readiness; audited; batch', async () => {
    const r = await ok<ProposalsImportReport>('projects.importApply', { uploadId: upload('โครงการ อบต.xlsx', proposalsXlsx()) });
    expect(r).toMatchObject({ roundId, fiscalYear: 2571, newCount: 4, changedCount: 0, partial: false, rejectedCount: 0 });
    const got = proposals();
    expect(got).toHaveLength(4);
    for (const e of EXPECTED) expect(got.find((p) => p.code === e.code)).toMatchObject(e);
    expect(got.find((p) => p.code === 'SRB71-A03')!.coveredTambons.length).toBeGreaterThan(100);
    expect(got.find((p) => p.code === 'SRB71-A02')!.coveredTambons.every((t) => t.startsWith('1903'))).toBe(true);
    // One audit event for the file, naming each proposal it created with its version.
    const event = core().store.sqlite.prepare(`SELECT kind, payload_json FROM audit_event ORDER BY id DESC LIMIT 1`).get() as {
      kind: string;
      payload_json: string;
    };
    expect(event.kind).toBe('proposals.imported');
    const payload = JSON.parse(event.payload_json) as { proposals: { code: string; kind: string; version: number }[] };
    expect(payload.proposals.map((p) => [p.code, p.kind, p.version])).toEqual(EXPECTED.map((e) => [e.code, 'new', 1]));
    expect(core().store.sqlite.prepare('SELECT new_count FROM project_batch WHERE id = ?').pluck().get(r.batchId)).toBe(4);
  });

  it.each(['xlsx', 'xls'] as const)(
    "previews the data rows it reads though the sheet hides them (a filtered agency's sheet, %s)",
    async (format) => {
      const ws = proposalsSheet();
      if (format === 'xlsx') ws['!rows'] = [{}, {}, {}, {}, {}, {}, { hidden: true }];
      const wb = XLSX.utils.book_new();
      XLSX.utils.book_append_sheet(wb, ws, 'โครงการ');
      const written = XLSX.write(wb, { type: 'buffer', bookType: format === 'xls' ? 'biff8' : format }) as Buffer;
      const bytes = format === 'xls' ? legacyXlsHiding(written, { rows: [6] }) : written;
      const p = await ok<ProposalsImportPreview>('projects.importPreview', { uploadId: upload(`filtered.${format}`, bytes) });
      expect(p.parts[0]!.hiddenRows).toEqual({ count: 1, first: [7] });
      expect(p.valid).toBe(4);
    },
  );

  it.each([
    [
      'a sheet per agency',
      () =>
        proposalsXlsx(PROPOSAL_ROWS, { sheets: { 'อบต.ปากเพรียว': PROPOSAL_ROWS.slice(0, 2), ชลประทาน: PROPOSAL_ROWS.slice(2) } }),
      'x.xlsx',
    ],
    ['legacy XLS', () => proposalsXlsx(PROPOSAL_ROWS, { bookType: 'xls' }), 'x.xls'],
    ['HTML saved as XLS', () => proposalsXlsx(PROPOSAL_ROWS, { bookType: 'html' }), 'x.xls'],
    ['OpenDocument (.ods)', () => proposalsXlsx(PROPOSAL_ROWS, { bookType: 'ods' }), 'x.ods'],
    ['CSV in UTF-8', () => Buffer.from(proposalsCsv()), 'x.csv'],
    ['CSV in Windows-874 with a Thai-digit year', () => win874(proposalsCsv(PROPOSAL_ROWS, 'พ.ศ. ๒๕๗๑')), 'x.csv'],
    [
      'CSV copied from a PDF (sara am as nikhahit + sara aa, แ as two sara e)',
      () =>
        Buffer.from(
          proposalsCsv()
            .replace(/([\u0e48-\u0e4b]?)\u0e33/gu, '\u0e4d$1\u0e32')
            .replace(/\u0e41/gu, '\u0e40\u0e40'),
        ),
      'x.csv',
    ],
  ])('%s reads the same proposals: imported again, nothing changes', async (_name, build, file) => {
    // The proposals as the plain workbook gives them (already there when the tests above ran: then unchanged).
    await ok<ProposalsImportReport>('projects.importApply', { uploadId: upload('plain.xlsx', proposalsXlsx(PROPOSAL_ROWS)) });
    const before = digest();
    const r = await ok<ProposalsImportReport>('projects.importApply', { uploadId: upload(file, build()) });
    expect(r).toMatchObject({ newCount: 0, changedCount: 0, unchangedCount: 4, rejectedCount: 0 });
    for (const e of EXPECTED) expect(proposals().find((p) => p.code === e.code)).toMatchObject(e);
    // Only the batch, its audit event and the remembered mapping are new.
    expect(digest()).not.toBe(before);
  });

  it('a scored proposal changes only when confirmed, and is then flagged "changed after scoring"', async () => {
    const a01 = proposals().find((p) => p.code === 'SRB71-A01')!;
    const { sqlite } = core().store;
    const member = sqlite.prepare('SELECT id FROM member WHERE round_id = 1 LIMIT 1').pluck().get() as number;
    const criterion = sqlite.prepare('SELECT id FROM criterion WHERE round_id = 1 LIMIT 1').pluck().get() as number;
    sqlite
      .prepare("INSERT INTO score (member_id, project_id, criterion_id, value, version, updated_at) VALUES (?, ?, ?, 3, 1, 'x')")
      .run(member, a01.id, criterion);
    const before = digest();
    const preview = await ok<ProposalsImportPreview>('projects.importPreview', {
      uploadId: upload('x.xlsx', proposalsXlsx(changed)),
    });
    expect(preview.scoredChanged).toEqual(['SRB71-A01']);
    expect(preview.problems[0]).toMatchObject({ code: 'SCORED_PROPOSAL', line: 6 });
    const refused = await core().call('projects.importApply', { uploadId: upload('x.xlsx', proposalsXlsx(changed)) }, owner);
    expect(refused.ok).toBe(false);
    expect(digest()).toBe(before);
    const r = await ok<ProposalsImportReport>('projects.importApply', {
      uploadId: upload('x.xlsx', proposalsXlsx(changed)),
      confirmAfterScoring: true,
    });
    expect(r.changedCount).toBe(1);
    expect(proposals().find((p) => p.code === 'SRB71-A01')).toMatchObject({
      investment: 130_000_000,
      version: 2,
      changedAfterScoring: true,
    });
  });

  it('a bad row refuses the file, naming row, column and code; partial applies the valid rows and records it', async () => {
    const bad = [...changed, { ...PROPOSAL_ROWS[0]!, code: 'SRB71-A05', title: 'โครงการใหม่', minimum: '9,000,000' }];
    const before = digest();
    const refused = await core().call('projects.importApply', { uploadId: upload('x.xlsx', proposalsXlsx(bad)) }, owner);
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.problems?.[0]).toMatchObject({ code: 'MINIMUM_ABOVE_REQUEST', line: 10, column: 'วงเงินขั้นต่ำ (บาท)' });
    expect(digest()).toBe(before);
    const r = await ok<ProposalsImportReport>('projects.importApply', {
      uploadId: upload('x.xlsx', proposalsXlsx(bad)),
      partial: true,
    });
    expect(r).toMatchObject({ partial: true, rejectedCount: 1, newCount: 0 });
  });

  it('a file with a header and no proposals is refused as EMPTY_FILE, also with partial, writing no batch', async () => {
    const headerOnly = Buffer.from(`${proposalsCsv([]).split('\n')[0]}\n`);
    const before = digest();
    const p = await ok<ProposalsImportPreview>('projects.importPreview', {
      uploadId: upload('ว่าง.csv', headerOnly),
      fiscalYear: 2571,
    });
    expect(p.problems).toEqual([expect.objectContaining({ code: 'EMPTY_FILE', line: 0 })]);
    for (const partial of [false, true]) {
      const r = await core().call(
        'projects.importApply',
        { uploadId: upload('ว่าง.csv', headerOnly), fiscalYear: 2571, partial },
        owner,
      );
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.error.problems?.[0]).toMatchObject({ code: 'EMPTY_FILE', line: 0 });
      expect(r.error.messageTh).toContain('ไฟล์มีแต่หัวตาราง ไม่มีรายการโครงการ');
      expect(r.error.message).toContain('the file has a header and no proposals under it');
    }
    expect(digest()).toBe(before);
  });

  it('the year: none stated needs a round; two are refused; a year without a round is refused', async () => {
    const noYear = proposalsXlsx(PROPOSAL_ROWS, { yearTitle: 'บัญชีโครงการ' });
    const p = await ok<ProposalsImportPreview>('projects.importPreview', { uploadId: upload('x.xlsx', noYear) });
    expect(p.problems[0]).toMatchObject({ code: 'NO_FISCAL_YEAR', line: 0 });
    const given = await ok<ProposalsImportPreview>('projects.importPreview', {
      uploadId: upload('x.xlsx', noYear),
      fiscalYear: 2571,
    });
    expect(given.roundId).toBe(roundId);
    const two = proposalsXlsx(PROPOSAL_ROWS, { sheets: { a: PROPOSAL_ROWS.slice(0, 2) }, yearTitle: 'ปีงบประมาณ 2571' });
    const mixed = Buffer.from(
      proposalsCsv(PROPOSAL_ROWS.slice(0, 1), 2571) + proposalsCsv(PROPOSAL_ROWS.slice(1, 2), 2572).split('\n')[1] + '\n',
    );
    expect(two.length).toBeGreaterThan(0);
    const m = await ok<ProposalsImportPreview>('projects.importPreview', { uploadId: upload('x.csv', mixed) });
    expect(m.problems[0]).toMatchObject({ code: 'TWO_FISCAL_YEARS', line: 0 });
    const later = proposalsXlsx(PROPOSAL_ROWS, { yearTitle: 'ประจำปีงบประมาณ พ.ศ. 2580' });
    const n = await ok<ProposalsImportPreview>('projects.importPreview', { uploadId: upload('x.xlsx', later) });
    expect(n.problems[0]).toMatchObject({ code: 'NO_ROUND', line: 0 });
    const mismatch = await ok<ProposalsImportPreview>('projects.importPreview', {
      uploadId: upload('x.xlsx', proposalsXlsx()),
      fiscalYear: 2570,
    });
    expect(mismatch.problems[0]).toMatchObject({ code: 'FISCAL_YEAR_MISMATCH' });
  });

  it('reads the year as annual plans and request lists word it, and a sheet named by its year alone', async () => {
    // "แผนปฏิบัติราชการประจำปี พ.ศ. …" names the plan's fiscal year without the word งบประมาณ: a round chosen for
    // another year is contradicted, not silently given the file.
    for (const yearTitle of ['แผนปฏิบัติราชการประจำปี พ.ศ. ๒๕๗๒ จังหวัดสระบุรี', 'โครงการที่ขอรับการสนับสนุนงบประมาณ ปี 2572']) {
      const p = await ok<ProposalsImportPreview>('projects.importPreview', {
        uploadId: upload('x.xlsx', proposalsXlsx(PROPOSAL_ROWS, { yearTitle })),
        fiscalYear: 2571,
      });
      expect(p.problems[0]).toMatchObject({ code: 'FISCAL_YEAR_MISMATCH', line: 0 });
    }
    const stated = await ok<ProposalsImportPreview>('projects.importPreview', {
      uploadId: upload('x.xlsx', proposalsXlsx(PROPOSAL_ROWS, { yearTitle: 'แผนปฏิบัติราชการประจำปี พ.ศ. 2571' })),
    });
    expect(stated.roundId).toBe(roundId);
    // A sheet per year, each named "ปี 2571", "ปี 2572", under a title that names none: two rounds' proposals.
    const bySheet = proposalsXlsx(PROPOSAL_ROWS, {
      sheets: { 'ปี 2571': PROPOSAL_ROWS.slice(0, 2), 'ปี 2572': PROPOSAL_ROWS.slice(2, 4) },
      yearTitle: 'บัญชีโครงการ',
    });
    const two = await ok<ProposalsImportPreview>('projects.importPreview', {
      uploadId: upload('x.xlsx', bySheet),
      fiscalYear: 2571,
    });
    expect(two.problems[0]).toMatchObject({ code: 'TWO_FISCAL_YEARS', line: 0 });
  });

  it("a workbook's only sheet named by its year states it; a sheet so named is never the agency of its rows", async () => {
    const book = (sheets: Readonly<Record<string, (string | number)[][]>>): Buffer => {
      const wb = XLSX.utils.book_new();
      for (const [name, aoa] of Object.entries(sheets)) XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(aoa), name);
      return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
    };
    const withAgency = [
      ['ชื่อโครงการ', 'หน่วยงานรับผิดชอบ', 'พื้นที่ดำเนินการ', 'งบประมาณ (บาท)'],
      ['ซ่อมสร้างถนนลูกรัง', 'สำนักงานเกษตรจังหวัดสระบุรี', 'ต.ตาลเดี่ยว', 100000],
    ];
    for (const name of ['ปี 2571', 'ปีงบประมาณ ๒๕๗๑']) {
      const p = await ok<ProposalsImportPreview>('projects.importPreview', {
        uploadId: upload('x.xlsx', book({ [name]: withAgency })),
      });
      expect(p.problems).toEqual([]);
      expect(p).toMatchObject({ fiscalYear: 2571, roundId });
    }
    // Beside a sheet of notes and without an agency column: the rows have no agency, not "ปี 2571".
    const noAgency = book({
      'ปี 2571': [
        ['ชื่อโครงการ', 'พื้นที่ดำเนินการ', 'งบประมาณ (บาท)'],
        ['ซ่อมสร้างถนนลูกรัง', 'ต.ตาลเดี่ยว', 100000],
      ],
      หมายเหตุ: [['ข้อมูลจัดทำโดยสำนักงานเกษตรจังหวัด']],
    });
    const before = digest();
    const r = await core().call('projects.importApply', { uploadId: upload('x.xlsx', noAgency) }, owner);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.problems?.[0]).toMatchObject({ code: 'REQUIRED', line: 2, en: 'no owner agency is given' });
    expect(digest()).toBe(before);
    expect(proposals().some((p) => p.agency === 'ปี 2571')).toBe(false);
  });
});

describe('a project twice in one file', () => {
  it('without a code, it is refused naming the project and its agency, not a code made up for it', async () => {
    const file = Buffer.from(
      'ปีงบประมาณ,ชื่อโครงการ,หน่วยงานรับผิดชอบ,พื้นที่ดำเนินการ,งบประมาณ\n' +
        '2571,ก่อสร้างถนน คสล. หมู่ที่ 3,อบต.ปากเพรียว,ต.ปากเพรียว,500000\n' +
        '2571,ขุดลอกคลอง,อบต.ปากเพรียว,ต.ปากเพรียว,300000\n' +
        '2571,ก่อสร้างถนน คสล. หมู่ที่ 3,อบต.ปากเพรียว,ต.ปากเพรียว,500000\n',
    );
    const before = digest();
    const r = await core().call('projects.importApply', { uploadId: upload('ซ้ำ.csv', file) }, owner);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const p = r.error.problems?.[0];
    expect(p).toMatchObject({ code: 'DUPLICATE_CODE', line: 4 });
    expect(p!.th).toContain("โครงการเดียวกัน ('ก่อสร้างถนน คสล. หมู่ที่ 3' ของ อบต.ปากเพรียว) ซ้ำกับแถวที่ 2");
    expect(p!.en).toContain("the same project ('ก่อสร้างถนน คสล. หมู่ที่ 3' of อบต.ปากเพรียว) is also on row 2");
    expect(`${p!.th} ${p!.en}`).not.toMatch(/P-[0-9a-f]{10}/u);
    expect(digest()).toBe(before);
  });

  it('without a code, the same agency spelt another way is the same proposal: in the round and within one file', async () => {
    const csv = (agency: string, amount = 400000): Buffer =>
      Buffer.from(
        'ปีงบประมาณ,ชื่อโครงการ,หน่วยงานรับผิดชอบ,พื้นที่ดำเนินการ,งบประมาณ\n' + `2571,ขุดลอกคลองส่งน้ำ หมู่ที่ 7,${agency},ต.ตาลเดี่ยว,${amount}\n`,
      );
    const mine = (): Proposal[] => proposals().filter((p) => p.title === 'ขุดลอกคลองส่งน้ำ หมู่ที่ 7');
    expect(
      await ok<ProposalsImportReport>('projects.importApply', { uploadId: upload('a.csv', csv('อบต.ตาลเดี่ยว')) }),
    ).toMatchObject({
      newCount: 1,
    });
    const code = mine()[0]!.code;
    // Spaces after the abbreviation, the long name, the name of a later file: the one proposal, changed or unchanged.
    const spaced = await ok<ProposalsImportReport>('projects.importApply', { uploadId: upload('b.csv', csv('อบต. ตาลเดี่ยว')) });
    expect(spaced).toMatchObject({ newCount: 0, changedCount: 1 });
    const long = await ok<ProposalsImportReport>('projects.importApply', {
      uploadId: upload('c.csv', csv('องค์การบริหารส่วนตำบลตาลเดี่ยว', 450000)),
    });
    expect(long).toMatchObject({ newCount: 0, changedCount: 1 });
    expect(mine().map((p) => [p.code, p.agency, p.requested])).toEqual([[code, 'องค์การบริหารส่วนตำบลตาลเดี่ยว', 450000_00]]);
    // Within one file the two spellings are one project twice.
    const twice = Buffer.from(
      'ปีงบประมาณ,ชื่อโครงการ,หน่วยงานรับผิดชอบ,พื้นที่ดำเนินการ,งบประมาณ\n' +
        '2571,ซ่อมสร้างฝาย,สนง.เกษตร จ.สระบุรี,ต.ตาลเดี่ยว,100000\n' +
        '2571,ซ่อมสร้างฝาย,สำนักงานเกษตรจังหวัดสระบุรี,ต.ตาลเดี่ยว,100000\n',
    );
    const r = await core().call('projects.importApply', { uploadId: upload('d.csv', twice) }, owner);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.problems?.[0]).toMatchObject({ code: 'DUPLICATE_CODE', line: 3 });
  });

  it('with a code, it names the code the file gives', async () => {
    const file = Buffer.from(
      'ปีงบประมาณ,รหัสโครงการ,ชื่อโครงการ,หน่วยงานรับผิดชอบ,พื้นที่ดำเนินการ,งบประมาณ\n' +
        '2571,001,ถนน,อบต.ปากเพรียว,ต.ปากเพรียว,500000\n2571,001,ประปา,อบต.ปากเพรียว,ต.ปากเพรียว,300000\n',
    );
    const r = await core().call('projects.importApply', { uploadId: upload('ซ้ำ.csv', file) }, owner);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.problems?.[0]).toMatchObject({ code: 'DUPLICATE_CODE', line: 3, th: 'รหัส 001 ซ้ำกับแถวที่ 2' });
  });
});

describe('codes agencies number their own lists with (1, 2, 3)', () => {
  const list = (agency: string, tambon: string, rows: readonly (readonly [string, string, number])[]): Buffer =>
    Buffer.from(
      'ปีงบประมาณ,รหัสโครงการ,ชื่อโครงการ,หน่วยงานรับผิดชอบ,พื้นที่ดำเนินการ,งบประมาณ\n' +
        rows.map(([code, title, amount]) => `2571,${code},${title},${agency},${tambon},${amount}\n`).join(''),
    );
  const tabKwang = (amount = 300000): Buffer =>
    list('อบต.ทับกวาง', 'ต.ทับกวาง', [
      ['1', 'ขุดลอกคลองสาธารณะ ทับกวาง', amount],
      ['2', 'ถนน คสล. ทับกวาง', 400000],
    ]);
  const talDiao = list('อบต.ตาลเดี่ยว', 'ต.ตาลเดี่ยว', [
    ['1', 'อบรมอาชีพสตรี', 50000],
    ['2', 'จัดซื้อรถกู้ภัย', 2000000],
  ]);
  const held = (): string[][] =>
    proposals()
      .filter((p) => p.code === '1' || p.code === '2')
      .map((p) => [p.code, p.agency, p.title]);

  it("a code another agency's proposal holds in the round is refused, naming the code and both agencies; nothing changes", async () => {
    expect(await ok<ProposalsImportReport>('projects.importApply', { uploadId: upload('ทับกวาง.csv', tabKwang()) })).toMatchObject(
      {
        newCount: 2,
      },
    );
    const before = digest();
    const preview = await ok<ProposalsImportPreview>('projects.importPreview', { uploadId: upload('ตาลเดี่ยว.csv', talDiao) });
    expect(preview.problems.map((p) => [p.line, p.column, p.code])).toEqual([
      [2, 'รหัสโครงการ', 'CODE_OF_OTHER_AGENCY'],
      [3, 'รหัสโครงการ', 'CODE_OF_OTHER_AGENCY'],
    ]);
    expect(preview).toMatchObject({ newCount: 0, changedCount: 0 });
    const first = preview.problems[0]!;
    expect(first.en).toContain(
      "code 1 already belongs to 'ขุดลอกคลองสาธารณะ ทับกวาง' of อบต.ทับกวาง in the round, and this row is of อบต.ตาลเดี่ยว",
    );
    expect(first.en).toContain("codes no other agency uses in the round (e.g. with the agency's prefix");
    expect(first.th).toContain("รหัส 1 เป็นของโครงการ 'ขุดลอกคลองสาธารณะ ทับกวาง' ของ อบต.ทับกวาง ในรอบนี้แล้ว แต่แถวนี้เป็นของ อบต.ตาลเดี่ยว");
    const r = await core().call('projects.importApply', { uploadId: upload('ตาลเดี่ยว.csv', talDiao) }, owner);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.problems?.[0]).toMatchObject({ code: 'CODE_OF_OTHER_AGENCY', line: 2 });
    expect(digest()).toBe(before);
    // Nor are such rows written when the valid rows only are asked for.
    const partial = await ok<ProposalsImportReport>('projects.importApply', {
      uploadId: upload('ตาลเดี่ยว.csv', talDiao),
      partial: true,
    });
    expect(partial).toMatchObject({ newCount: 0, changedCount: 0, rejectedCount: 2 });
    expect(held()).toEqual([
      ['1', 'อบต.ทับกวาง', 'ขุดลอกคลองสาธารณะ ทับกวาง'],
      ['2', 'อบต.ทับกวาง', 'ถนน คสล. ทับกวาง'],
    ]);
  });

  it('the same agency sending its list again, spelt another way, changes its own proposals', async () => {
    const again = Buffer.from(tabKwang(350000).toString('utf8').replaceAll('อบต.ทับกวาง', 'องค์การบริหารส่วนตำบล ทับกวาง'));
    const r = await ok<ProposalsImportReport>('projects.importApply', { uploadId: upload('ทับกวาง 2.csv', again) });
    expect(r).toMatchObject({ newCount: 0, changedCount: 2, rejectedCount: 0 });
    expect(proposals().find((p) => p.code === '1')!.requested).toBe(350000_00);
  });

  it('two agencies of one file with the same code are refused, naming both agencies', async () => {
    const file = Buffer.from(
      'ปีงบประมาณ,รหัสโครงการ,ชื่อโครงการ,หน่วยงานรับผิดชอบ,พื้นที่ดำเนินการ,งบประมาณ\n' +
        '2571,9,ถนน,อบต.ปากเพรียว,ต.ปากเพรียว,500000\n2571,9,ประปา,อบต.ตาลเดี่ยว,ต.ตาลเดี่ยว,300000\n',
    );
    const preview = await ok<ProposalsImportPreview>('projects.importPreview', { uploadId: upload('สองหน่วย.csv', file) });
    expect(preview.problems[0]).toMatchObject({ code: 'DUPLICATE_CODE', line: 3 });
    expect(preview.problems[0]!.en).toContain('a proposal of อบต.ปากเพรียว, and this row is of อบต.ตาลเดี่ยว');
    expect(preview.problems[0]!.th).toContain('ซึ่งเป็นโครงการของ อบต.ปากเพรียว แต่แถวนี้เป็นของ อบต.ตาลเดี่ยว');
  });
});

describe('codes shown with leading zeros', () => {
  it.each(['xlsx', 'xls'] as const)(
    'a number formatted "00000" is the code it shows (%s), imported again unchanged',
    async (format) => {
      const ws = XLSX.utils.aoa_to_sheet([
        ['ปีงบประมาณ 2571'],
        ['รหัสโครงการ', 'ชื่อโครงการ', 'หน่วยงานรับผิดชอบ', 'พื้นที่ดำเนินการ', 'งบประมาณ (บาท)'],
        [456, 'ขุดลอกหนองน้ำสาธารณะ', 'สำนักงานทรัพยากรน้ำภาค 5', 'ต.ตาลเดี่ยว', 2500000],
        [8, 'ก่อสร้างฝายชะลอน้ำ', 'สำนักงานทรัพยากรน้ำภาค 5', 'ต.ทับกวาง', 1000000],
      ]);
      ws['A3']!.z = '00000';
      ws['A4']!.z = '00000';
      const wb = XLSX.utils.book_new();
      XLSX.utils.book_append_sheet(wb, ws, 'โครงการ');
      const file = XLSX.write(wb, { type: 'buffer', bookType: format === 'xls' ? 'biff8' : format }) as Buffer;
      const r = await ok<ProposalsImportReport>('projects.importApply', { uploadId: upload(`รหัส.${format}`, file) });
      expect(r).toMatchObject({ rejectedCount: 0 });
      const codes = proposals()
        .filter((p) => p.agency === 'สำนักงานทรัพยากรน้ำภาค 5')
        .map((p) => p.code)
        .sort();
      expect(codes).toEqual(['00008', '00456']);
      const again = await ok<ProposalsImportReport>('projects.importApply', { uploadId: upload(`รหัส.${format}`, file) });
      expect(again).toMatchObject({ newCount: 0, changedCount: 0, unchangedCount: 2 });
    },
  );
});

describe('an areas cell with its entries on lines of their own', () => {
  const rows = [
    ['ปีงบประมาณ 2571'],
    ['รหัสโครงการ', 'ชื่อโครงการ', 'หน่วยงานรับผิดชอบ', 'พื้นที่ดำเนินการ', 'งบประมาณ (บาท)'],
    ['NL-1', 'ขุดลอกคลองสองตำบล', 'สนง.เกษตร จ.สระบุรี', 'ตาลเดี่ยว\nทับกวาง', 100000],
    ['NL-2', 'อบรมเกษตรกรสองอำเภอ', 'สนง.เกษตร จ.สระบุรี', 'อ.แก่งคอย\nอ.หนองแค', 100000],
    ['NL-3', 'ซ่อมฝายบ้านนา', 'สนง.เกษตร จ.สระบุรี', 'ต.ตาลเดี่ยว\nอ.แก่งคอย', 100000],
  ];
  const tambons = (code: string): string[] => [...proposals().find((p) => p.code === code)!.coveredTambons].sort();

  it.each(['xlsx', 'csv'] as const)('reads each line as one tambon or district (%s)', async (format) => {
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), 'โครงการ');
    const file =
      format === 'csv'
        ? Buffer.from(XLSX.utils.sheet_to_csv(wb.Sheets['โครงการ']!))
        : (XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    const r = await ok<ProposalsImportReport>('projects.importApply', { uploadId: upload(`พื้นที่.${format}`, file) });
    expect(r).toMatchObject({ rejectedCount: 0 });
    expect(tambons('NL-1')).toEqual(['190202', '190203']);
    // Two districts: every tambon of both.
    const both = tambons('NL-2');
    expect(both.length).toBeGreaterThan(10);
    expect(new Set(both.map((t) => t.slice(0, 4)))).toEqual(new Set(['1902', '1903']));
    // A tambon's own district on the line under it names where it lies, not the whole district.
    expect(tambons('NL-3')).toEqual(['190203']);
  });
});

describe('a corrected file whose names were edited', () => {
  it('says which new proposals without a code may be earlier ones renamed, in the preview and the report', async () => {
    const csv = (road: string, canal: string): Buffer =>
      Buffer.from(
        'ปีงบประมาณ,ชื่อโครงการ,หน่วยงานรับผิดชอบ,พื้นที่ดำเนินการ,งบประมาณ\n' +
          `2571,${road},อบต.ดาวเรือง,ต.ดาวเรือง,500000\n` +
          `2571,${canal},อบต.ดาวเรือง,ต.ดาวเรือง,300000\n`,
      );
    const first = await ok<ProposalsImportReport>('projects.importApply', {
      uploadId: upload('ดาวเรือง.csv', csv('ก่อสร้างถนน คสล. หมู่ที 3', 'ขุดลอกคลองส่งน้ำ')),
    });
    expect(first).toMatchObject({ newCount: 2 });
    expect(first.possiblyRenamed).toBeUndefined();
    const code = (title: string): string => proposals().find((p) => p.title === title)!.code;
    const road = code('ก่อสร้างถนน คสล. หมู่ที 3');
    const canal = code('ขุดลอกคลองส่งน้ำ');
    // The road's slip corrected, the canal's village added: both are new proposals, and both may be the earlier ones.
    const corrected = csv('ก่อสร้างถนน คสล. หมู่ที่ 3', 'ขุดลอกคลองส่งน้ำ หมู่ที่ 5 บ้านโป่งเกตุ');
    const expected = [
      { row: 2, title: 'ก่อสร้างถนน คสล. หมู่ที่ 3', wasCode: road, wasTitle: 'ก่อสร้างถนน คสล. หมู่ที 3' },
      { row: 3, title: 'ขุดลอกคลองส่งน้ำ หมู่ที่ 5 บ้านโป่งเกตุ', wasCode: canal, wasTitle: 'ขุดลอกคลองส่งน้ำ' },
    ];
    const preview = await ok<ProposalsImportPreview>('projects.importPreview', {
      uploadId: upload('ดาวเรือง (แก้ไข).csv', corrected),
    });
    expect(preview.possiblyRenamed).toEqual(expected);
    // The earlier two are the ones possibly renamed: not also said to be left out.
    expect(preview.unlisted).toEqual([]);
    const report = await ok<ProposalsImportReport>('projects.importApply', {
      uploadId: upload('ดาวเรือง (แก้ไข).csv', corrected),
    });
    expect(report).toMatchObject({ newCount: 2, possiblyRenamed: expected });
    // The same file again: nothing new, nothing to say of names; the agency's two earlier proposals it leaves out are.
    const again = await ok<ProposalsImportPreview>('projects.importPreview', {
      uploadId: upload('ดาวเรือง (แก้ไข).csv', corrected),
    });
    expect(again.possiblyRenamed).toEqual([]);
    expect(again.unlisted).toEqual([{ agency: 'อบต.ดาวเรือง', count: 2, codes: [road, canal].sort() }]);
    // A file with the road alone leaves out three of the agency's proposals, all kept.
    const roadOnly = Buffer.from(
      'ปีงบประมาณ,ชื่อโครงการ,หน่วยงานรับผิดชอบ,พื้นที่ดำเนินการ,งบประมาณ\n2571,ก่อสร้างถนน คสล. หมู่ที่ 3,อบต.ดาวเรือง,ต.ดาวเรือง,500000\n',
    );
    const applied = await ok<ProposalsImportReport>('projects.importApply', { uploadId: upload('ถนน.csv', roadOnly) });
    expect(applied.unchangedCount).toBe(1);
    expect(applied.unlisted?.map((u) => [u.agency, u.count])).toEqual([['อบต.ดาวเรือง', 3]]);
    expect(applied.unlisted![0]!.codes).toContain(canal);
    expect(proposals().filter((p) => p.agency === 'อบต.ดาวเรือง')).toHaveLength(4);
  });
});

describe('a workbook with a sheet per agency and no agency column', () => {
  it("gives each sheet's proposals the agency its sheet names, not the file's name with it", async () => {
    const wb = XLSX.utils.book_new();
    const header = ['รหัสโครงการ', 'ชื่อโครงการ', 'พื้นที่ดำเนินการ', 'งบประมาณ (บาท)'];
    for (const [sheet, code, area] of [
      ['อบต.ปากเพรียว', 'SHEET-A1', 'ต.ปากเพรียว'],
      ['สำนักงานเกษตรจังหวัดสระบุรี', 'SHEET-B1', 'ต.ตาลเดี่ยว'],
    ] as const) {
      const rows = [['ประจำปีงบประมาณ พ.ศ. 2571'], header, [code, `โครงการของ ${sheet}`, area, '150,000']];
      XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), sheet);
    }
    const bytes = XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
    // One sheet chosen: the other is left out, named so in the preview.
    const one = await ok<ProposalsImportPreview>('projects.importPreview', {
      uploadId: upload('คำขอรายหน่วยงาน.xlsx', bytes),
      sheets: ['อบต.ปากเพรียว'],
    });
    expect(one.valid).toBe(1);
    expect(one.parts.map((p) => p.notChosen ?? false)).toEqual([false, true]);
    const r = await ok<ProposalsImportReport>('projects.importApply', { uploadId: upload('คำขอรายหน่วยงาน.xlsx', bytes) });
    expect(r.newCount).toBe(2);
    const byCode = new Map(proposals().map((p) => [p.code, p]));
    expect(byCode.get('SHEET-A1')).toMatchObject({ agency: 'อบต.ปากเพรียว', level: 'local' });
    expect(byCode.get('SHEET-B1')).toMatchObject({ agency: 'สำนักงานเกษตรจังหวัดสระบุรี', level: 'agency' });
  });
});

describe('a project code Excel turned into a date', () => {
  it('is refused with its cell and the date Excel shows, never stored as the serial number; the other rows read', async () => {
    const rows = [
      ['แผนพัฒนา ประจำปีงบประมาณ พ.ศ. 2571'],
      ['รหัสโครงการ', 'ชื่อโครงการ', 'หน่วยงานรับผิดชอบ', 'พื้นที่ดำเนินการ', 'งบประมาณ (บาท)', 'รายละเอียด'],
      [null, 'ขุดลอกคลองสาธารณะ', 'อบต.ปากเพรียว', 'ต.ปากเพรียว', 100000, 'ขุดลอก'],
      ['DT-2', 'ถนนลาดยางสายใน', 'อบต.ปากเพรียว', 'ต.ปากเพรียว', 200000, null],
    ];
    const ws = XLSX.utils.aoa_to_sheet(rows);
    // "1/2570" typed into a General cell: Excel stores 1 January 2570 (serial 244,715) and shows it as Jan-70.
    ws['A3'] = { t: 'n', v: 244_715, z: 'mmm-yy' };
    // A date format on a text cell changes nothing; a note's date ("5/10/2569" typed as a remark) is read as it shows.
    ws['A4']!.z = 'd/m/yyyy';
    ws['F4'] = { t: 'n', v: 244_627, z: 'd/m/yyyy' };
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, 'โครงการ');
    const bytes = XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
    for (const name of ['รหัสเป็นวันที่.xlsx', 'รหัสเป็นวันที่.xls']) {
      const file = name.endsWith('.xls') ? (XLSX.write(wb, { type: 'buffer', bookType: 'biff8' }) as Buffer) : bytes;
      const p = await ok<ProposalsImportPreview>('projects.importPreview', { uploadId: upload(name, file) });
      expect(p.problems).toEqual([expect.objectContaining({ line: 3, column: 'รหัสโครงการ', code: 'DATE_IN_TEXT' })]);
      expect(p.problems[0]!.th).toContain('ช่อง A3 เป็นวันที่ (1/1/2570)');
      expect(p.problems[0]!.en).toContain('Format the column as Text');
      expect(p.valid).toBe(1);
    }
    const before = digest();
    const r = await core().call('projects.importApply', { uploadId: upload('รหัสเป็นวันที่.xlsx', bytes) }, owner);
    expect(r.ok).toBe(false);
    expect(digest()).toBe(before);
    expect(proposals().some((x) => x.code === '244715')).toBe(false);
    await ok('projects.importApply', { uploadId: upload('รหัสเป็นวันที่.xlsx', bytes), partial: true });
    expect(proposals().find((x) => x.code === 'DT-2')).toMatchObject({ description: '5/10/2569' });
  });

  it('merged down over the rows below, is refused in each of them (the area fills them with the date)', async () => {
    const rows = [
      ['แผนพัฒนา ประจำปีงบประมาณ พ.ศ. 2571'],
      ['รหัสโครงการ', 'ชื่อโครงการ', 'หน่วยงานรับผิดชอบ', 'พื้นที่ดำเนินการ', 'งบประมาณ (บาท)'],
      ['MD-1', 'ขุดลอกคลองสาธารณะ', null, 'ต.ปากเพรียว', 100000],
      ['MD-2', 'ถนนลาดยางสายใน', null, 'ต.ปากเพรียว', 200000],
      ['MD-3', 'ซ่อมฝาย', 'อบต.ปากเพรียว', 'ต.ปากเพรียว', 300000],
    ];
    const ws = XLSX.utils.aoa_to_sheet(rows);
    // An agency's short code "3-1" turned into 3 January (2026) and merged over the two rows it stands for.
    ws['C3'] = { t: 'n', v: 46_025, z: 'd-mmm' };
    ws['!merges'] = [{ s: { r: 2, c: 2 }, e: { r: 3, c: 2 } }];
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, 'โครงการ');
    for (const [name, bookType] of [
      ['วันที่ผสาน.xlsx', 'xlsx'],
      ['วันที่ผสาน.xls', 'biff8'],
    ] as const) {
      const file = XLSX.write(wb, { type: 'buffer', bookType }) as Buffer;
      const p = await ok<ProposalsImportPreview>('projects.importPreview', { uploadId: upload(name, file) });
      expect(p.problems.map((x) => [x.line, x.column, x.code])).toEqual([
        [3, 'หน่วยงานรับผิดชอบ', 'DATE_IN_TEXT'],
        [4, 'หน่วยงานรับผิดชอบ', 'DATE_IN_TEXT'],
      ]);
      expect(p.problems[1]!.th).toContain('ช่อง C4 เป็นวันที่ (3/1/2026)');
      expect(p.valid).toBe(1);
    }
  });
});

describe('a summary sheet beside the list of projects', () => {
  it("is passed over and named, never its counts imported as projects' names and its sums as their requests", async () => {
    const wb = XLSX.utils.book_new();
    const title = ['ประจำปีงบประมาณ พ.ศ. 2571'];
    const summary = [title, ['ตำบล', 'จำนวนโครงการ', 'งบประมาณ (บาท)'], ['ปากเพรียว', 2, 300000]];
    const list = [
      title,
      ['รหัสโครงการ', 'ชื่อโครงการ', 'หน่วยงานรับผิดชอบ', 'พื้นที่ดำเนินการ', 'งบประมาณ (บาท)'],
      ['PPR-1', 'ขุดลอกคลอง', 'อบต.ปากเพรียว', 'ต.ปากเพรียว', 100000],
      ['PPR-2', 'ถนนลาดยาง', 'อบต.ปากเพรียว', 'ต.ปากเพรียว', 200000],
    ];
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(summary), 'สรุป');
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(list), 'รายละเอียด');
    const bytes = XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
    const r = await ok<ProposalsImportReport>('projects.importApply', { uploadId: upload('สรุปและรายละเอียด.xlsx', bytes) });
    expect(r).toMatchObject({ newCount: 2 });
    expect(r.mappingNotes).toContainEqual(
      expect.objectContaining({ th: expect.stringContaining("ข้ามแผ่นงาน 'สรุปและรายละเอียด.xlsx#สรุป'") }),
    );
    expect(
      proposals()
        .filter((p) => p.code.startsWith('PPR-'))
        .map((p) => [p.code, p.title]),
    ).toEqual([
      ['PPR-1', 'ขุดลอกคลอง'],
      ['PPR-2', 'ถนนลาดยาง'],
    ]);
  });

  it('a sheet of counts whose name column is headed otherwise is still refused: a number is no project name', async () => {
    const wb = XLSX.utils.book_new();
    const sheet = [
      ['ประจำปีงบประมาณ พ.ศ. 2571'],
      ['หน่วยงาน', 'ชื่อโครงการ', 'พื้นที่ดำเนินการ', 'งบประมาณ (บาท)'],
      ['อบต.ปากเพรียว', 2, 'ต.ปากเพรียว', 300000],
    ];
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(sheet), 'สรุป');
    const bytes = XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
    const before = digest();
    const r = await core().call('projects.importApply', { uploadId: upload('นับ.xlsx', bytes) }, owner);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.problems?.[0]).toMatchObject({ line: 3, code: 'BAD_FIELD', column: 'ชื่อโครงการ' });
    expect(r.error.problems?.[0]?.th).toContain("'2' เป็นตัวเลข ไม่ใช่ชื่อโครงการ");
    expect(digest()).toBe(before);
  });
});

describe('a single sheet whose agency is named in a title row above the table', () => {
  const sheet = (titles: readonly string[], rows: readonly (string | number)[][], header?: readonly string[]): Buffer => {
    const wb = XLSX.utils.book_new();
    const aoa = [
      ...titles.map((t) => [t]),
      [...(header ?? ['ชื่อโครงการ', 'พื้นที่ดำเนินการ', 'งบประมาณ (บาท)'])],
      ...rows.map((r) => [...r]),
    ];
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(aoa), 'Sheet1');
    return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
  };
  const year = 'บัญชีโครงการ ประจำปีงบประมาณ พ.ศ. 2571';

  it("gives every row the agency the title names, with the agency's level; no agency column needed", async () => {
    const bytes = sheet(
      [year, 'สำนักงานเกษตรจังหวัดสระบุรี', 'หน่วย : บาท'],
      [
        ['ส่งเสริมการปลูกผักปลอดสารพิษ ตำบลตาลเดี่ยว', 'ต.ตาลเดี่ยว', 120000],
        ['อบรมเกษตรกรรุ่นใหม่ ตำบลตาลเดี่ยว', 'ต.ตาลเดี่ยว', 80000],
      ],
    );
    const p = await ok<ProposalsImportPreview>('projects.importPreview', { uploadId: upload('เกษตร.xlsx', bytes) });
    expect(p.problems).toEqual([]);
    expect(p).toMatchObject({ fiscalYear: 2571, roundId, newCount: 2 });
    const r = await ok<ProposalsImportReport>('projects.importApply', { uploadId: upload('เกษตร.xlsx', bytes) });
    expect(r.newCount).toBe(2);
    const mine = proposals().filter((x) => x.title.endsWith('ตำบลตาลเดี่ยว') && x.title.startsWith('ส่งเสริมการปลูกผัก'));
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ agency: 'สำนักงานเกษตรจังหวัดสระบุรี', level: 'agency' });
  });

  it("a local government's title line, with its address after it or a label before it, names it", async () => {
    const local = sheet(
      [year, 'องค์การบริหารส่วนตำบลตาลเดี่ยว อำเภอแก่งคอย จังหวัดสระบุรี'],
      [['ขุดลอกคลองสาธารณะ หมู่ 4 (ชื่อจากหัวเรื่อง)', 'ต.ตาลเดี่ยว', 300000]],
    );
    await ok<ProposalsImportReport>('projects.importApply', { uploadId: upload('อบต.xlsx', local) });
    const labelled = sheet(
      [year, 'หน่วยงาน : แขวงทางหลวงชนบทสระบุรี'],
      [['ซ่อมสร้างถนนสาย สบ.3001 (ชื่อจากหัวเรื่อง)', 'ต.ตาลเดี่ยว', 900000]],
    );
    await ok<ProposalsImportReport>('projects.importApply', { uploadId: upload('ทางหลวง.xlsx', labelled) });
    const byTitle = new Map(proposals().map((x) => [x.title, x]));
    expect(byTitle.get('ขุดลอกคลองสาธารณะ หมู่ 4 (ชื่อจากหัวเรื่อง)')).toMatchObject({
      agency: 'องค์การบริหารส่วนตำบลตาลเดี่ยว',
      level: 'local',
    });
    expect(byTitle.get('ซ่อมสร้างถนนสาย สบ.3001 (ชื่อจากหัวเรื่อง)')).toMatchObject({
      agency: 'แขวงทางหลวงชนบทสระบุรี',
      level: 'agency',
    });
  });

  it('a title that names no agency (a plan, a year, a unit) is never one: the rows are refused as before', async () => {
    const bytes = sheet(
      ['แผนงานโครงการพัฒนาการเกษตร', year, 'หน่วย : บาท', 'บัญชีรายการโครงการเพื่อขอรับการจัดสรรงบประมาณ จังหวัดสระบุรี'],
      [['ส่งเสริมการเลี้ยงโคเนื้อ (ไม่มีหน่วยงาน)', 'ต.ตาลเดี่ยว', 50000]],
    );
    const before = digest();
    const r = await core().call('projects.importApply', { uploadId: upload('x.xlsx', bytes) }, owner);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.problems?.[0]).toMatchObject({ code: 'REQUIRED', line: 6, en: 'no owner agency is given' });
    expect(digest()).toBe(before);
  });

  it('an agency column, where there is one, is the agency: the title does not replace it', async () => {
    const bytes = sheet(
      [year, 'สำนักงานเกษตรจังหวัดสระบุรี'],
      [['ปรับปรุงแปลงสาธิต (คอลัมน์หน่วยงาน)', 'สำนักงานพัฒนาชุมชนจังหวัดสระบุรี', 'ต.ตาลเดี่ยว', 70000]],
      ['ชื่อโครงการ', 'หน่วยงานรับผิดชอบ', 'พื้นที่ดำเนินการ', 'งบประมาณ (บาท)'],
    );
    await ok<ProposalsImportReport>('projects.importApply', { uploadId: upload('x.xlsx', bytes) });
    expect(proposals().find((x) => x.title === 'ปรับปรุงแปลงสาธิต (คอลัมน์หน่วยงาน)')?.agency).toBe('สำนักงานพัฒนาชุมชนจังหวัดสระบุรี');
  });

  it('two agencies in the title are refused, naming both and their rows; nothing changes', async () => {
    const bytes = sheet(
      [year, 'สำนักงานเกษตรจังหวัดสระบุรี', 'สำนักงานปศุสัตว์จังหวัดสระบุรี'],
      [['ส่งเสริมการเลี้ยงไก่ไข่ (สองหน่วยงาน)', 'ต.ตาลเดี่ยว', 50000]],
    );
    const p = await ok<ProposalsImportPreview>('projects.importPreview', { uploadId: upload('x.xlsx', bytes) });
    expect(p.problems).toHaveLength(1);
    expect(p.problems[0]).toMatchObject({ code: 'TWO_AGENCIES', line: 0 });
    for (const text of [p.problems[0]!.en, p.problems[0]!.th]) {
      expect(text).toContain("'สำนักงานเกษตรจังหวัดสระบุรี'");
      expect(text).toContain("'สำนักงานปศุสัตว์จังหวัดสระบุรี'");
    }
    expect(p.problems[0]!.en).toMatch(/row 2.*row 3/u);
    expect(p.problems[0]!.th).toMatch(/แถวที่ 2.*แถวที่ 3/u);
    const before = digest();
    for (const partial of [false, true]) {
      const r = await core().call('projects.importApply', { uploadId: upload('x.xlsx', bytes), partial }, owner);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.problems?.[0]).toMatchObject({ code: 'TWO_AGENCIES' });
    }
    expect(digest()).toBe(before);
  });
});

describe('total rows', () => {
  const sheet = (rows: readonly (string | number | null)[][]): Buffer => {
    const wb = XLSX.utils.book_new();
    const aoa = [
      ['บัญชีโครงการ ประจำปีงบประมาณ พ.ศ. 2571'],
      ['ชื่อโครงการ', 'หน่วยงานรับผิดชอบ', 'พื้นที่ดำเนินการ', 'งบประมาณ (บาท)'],
      ['ปรับปรุงสนามฟุตบอล (ยอดรวม)', 'สำนักงานการท่องเที่ยวและกีฬาจังหวัดสระบุรี', 'ต.ตาลเดี่ยว', 100000],
      ['ก่อสร้างลานอเนกประสงค์ (ยอดรวม)', 'สำนักงานการท่องเที่ยวและกีฬาจังหวัดสระบุรี', 'ต.ตาลเดี่ยว', 150000],
      ...rows.map((r) => [...r]),
    ];
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(aoa), 'Sheet1');
    return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
  };

  it('passes over real totals and says how many and which rows, in the preview and the report', async () => {
    const bytes = sheet([
      ['รวม 2 โครงการ', null, null, 250000],
      ['รวม ใจ พัฒนา', null, null, null],
      ['รวมทั้งสิ้น', null, null, 250000],
    ]);
    const p = await ok<ProposalsImportPreview>('projects.importPreview', { uploadId: upload('กีฬา.xlsx', bytes) });
    expect(p.problems).toEqual([]);
    expect(p.parts[0]).toMatchObject({ rows: 2, totalRows: [5, 6, 7] });
    expect(p.parts[0]!.skipped.total).toBe(3);
    const r = await ok<ProposalsImportReport>('projects.importApply', { uploadId: upload('กีฬา.xlsx', bytes) });
    expect(r.newCount).toBe(2);
    expect(r.totalRows).toEqual({ count: 3, first: [{ row: 5 }, { row: 6 }, { row: 7 }] });
  });

  it('refuses "รวม" and words over an amount that is not the sum of the rows above, naming row and column; nothing changes', async () => {
    const bytes = sheet([['รวม ใจ พัฒนา ลานกีฬา', 'สำนักงานการท่องเที่ยวและกีฬาจังหวัดสระบุรี', 'ต.ตาลเดี่ยว', 80000]]);
    const p = await ok<ProposalsImportPreview>('projects.importPreview', { uploadId: upload('กีฬา.xlsx', bytes) });
    expect(p.problems).toEqual([expect.objectContaining({ line: 5, column: 'ชื่อโครงการ', code: 'TOTAL_ROW' })]);
    expect(p.problems[0]!.en).toContain("'รวม ใจ พัฒนา ลานกีฬา'");
    expect(p.problems[0]!.en).toContain("amount in 'งบประมาณ (บาท)' (80000) is not the sum of the rows above it (250,000.00)");
    expect(p.problems[0]!.en).toContain('give it a code or a title that does not begin with a total word');
    expect(p.problems[0]!.th).toContain('ไม่เท่ากับผลรวมของแถวข้างบน (250,000.00)');
    expect(p.parts[0]!.skipped.total).toBe(0);
    const before = digest();
    const r = await core().call('projects.importApply', { uploadId: upload('กีฬา.xlsx', bytes) }, owner);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.problems?.[0]).toMatchObject({ line: 5, code: 'TOTAL_ROW' });
    expect(digest()).toBe(before);
    expect(proposals().some((x) => x.title.startsWith('รวม ใจ'))).toBe(false);
  });
});
