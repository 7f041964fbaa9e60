/**
 * `projects-import` and `projects-export` through the real command line: a round set up with `round-import`, a
 * report workbook imported into the round of the year it states, the JSON summary and exit codes, a refusal that
 * leaves the database unchanged, `--round` for a file that states no year, and the export's keys, order and values.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, dbDigest, emptyDb } from './test-cli';
import * as XLSX from 'xlsx';
import {
  PROPOSAL_ISSUES,
  PROPOSAL_ROWS,
  proposalsCsv,
  proposalsSheet,
  proposalsXlsx,
} from '../../../test/fixtures/proposals-files';

const dir = mkdtempSync(join(tmpdir(), 'chipao-projects-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Creates the real round of FY 2571 with the fixtures' development issues through `round-import`. */
function importRound2571(db: string, fileName: string): void {
  const setup = join(dir, fileName);
  writeFileSync(
    setup,
    JSON.stringify({
      fiscal_year: 2571,
      name: 'แผนพัฒนาจังหวัด ๒๕๗๑',
      ceiling: '250000000.00',
      development_issues: PROPOSAL_ISSUES.map((i) => ({ no: i.no, title: i.titleTh })),
    }),
  );
  expect(cli('round-import', setup, '--db', db).status).toBe(0);
}

describe('command line: projects-import and projects-export', () => {
  it('imports into the round of the stated year, refuses a bad file unchanged, exports one line per proposal', async () => {
    const db = join(dir, 'plan.sqlite');
    await emptyDb(db);
    importRound2571(db, 'setup.json');

    const file = join(dir, 'โครงการ.xlsx');
    writeFileSync(file, proposalsXlsx());
    const ok = cli('projects-import', file, '--db', db);
    // The workbook's "รวมทั้งสิ้น" row, passed over, is said with its row, in Thai then English.
    expect(ok.stderr).toBe(
      'หมายเหตุ: ข้ามแถวยอดรวม 1 แถว (แถวที่ 10) ไม่ได้นำเข้า\nnote: 1 total row (row 10) was passed over, not imported\n',
    );
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout)).toEqual({ batch: 1, round: 2571, new: 4, changed: 0, unchanged: 0, rejected: [] });

    const bad = join(dir, 'bad.xlsx');
    writeFileSync(bad, proposalsXlsx([...PROPOSAL_ROWS, { ...PROPOSAL_ROWS[0]!, code: 'X-1', areas: 'ต.ไม่มีจริง' }]));
    const before = dbDigest(db);
    const refused = cli('projects-import', bad, '--db', db);
    expect(refused.status).toBe(1);
    expect(JSON.parse(refused.stdout).rejected[0]).toMatchObject({ row: 10, column: 'พื้นที่ดำเนินการ', code: 'UNKNOWN_AREA' });
    // The reasons on stderr too, each with its row and column, in Thai then English.
    expect(refused.stderr).toContain("แถวที่ 10 (พื้นที่ดำเนินการ): ไม่พบตำบล 'ต.ไม่มีจริง'");
    expect(refused.stderr).toContain("row 10 (พื้นที่ดำเนินการ): unknown tambon 'ต.ไม่มีจริง'");
    expect(dbDigest(db)).toBe(before);
    const partial = cli('projects-import', bad, '--db', db, '--partial');
    expect(partial.status).toBe(0);
    expect(JSON.parse(partial.stdout)).toMatchObject({ new: 0, unchanged: 4, rejected: [{ code: 'UNKNOWN_AREA' }] });

    const noYear = join(dir, 'no-year.xlsx');
    writeFileSync(noYear, proposalsXlsx(PROPOSAL_ROWS, { yearTitle: 'บัญชีโครงการ' }));
    expect(JSON.parse(cli('projects-import', noYear, '--db', db).stdout).rejected[0]).toMatchObject({ code: 'NO_FISCAL_YEAR' });
    expect(JSON.parse(cli('projects-import', noYear, '--db', db, '--round', '2571').stdout)).toMatchObject({ unchanged: 4 });
    const csv = join(dir, 'other-year.csv');
    writeFileSync(csv, proposalsCsv(PROPOSAL_ROWS, 2572));
    expect(JSON.parse(cli('projects-import', csv, '--db', db).stdout).rejected[0]).toMatchObject({ code: 'NO_ROUND' });

    // A sheet with a data row hidden (by hand or by a filter): read, and said on stderr.
    const filtered = join(dir, 'filtered.xlsx');
    const ws = proposalsSheet();
    ws['!rows'] = [{}, {}, {}, {}, {}, {}, { hidden: true }];
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, 'โครงการ');
    writeFileSync(filtered, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    const hidden = cli('projects-import', filtered, '--db', db);
    expect(hidden.status).toBe(0);
    expect(JSON.parse(hidden.stdout)).toMatchObject({ unchanged: 4, rejected: [] });
    expect(hidden.stderr).toContain('หมายเหตุ: อ่านแถวที่ถูกซ่อนหรือถูกกรองออกในชีตด้วย 1 แถว');
    expect(hidden.stderr).toContain('note: 1 rows the sheet hides (by hand or by a filter) were read like the others');

    const out = cli('projects-export', '--db', db);
    expect(out.status).toBe(0);
    const lines = out.stdout.trim().split('\n');
    expect(lines).toHaveLength(4);
    const first = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(Object.keys(first)).toEqual([
      'code',
      'name',
      'level',
      'owner_agency',
      'development_issue',
      'tambon_codes',
      'requested',
      'minimum',
      'people',
      'households',
      'agency_priority',
      'fiscal_year',
      'lat',
      'lon',
    ]);
    expect(first).toEqual({
      code: 'SRB71-A01',
      name: 'โครงการขยายเขตประปาหมู่บ้าน ต.ปากเพรียว',
      level: 'local',
      owner_agency: 'องค์การบริหารส่วนตำบลปากเพรียว',
      development_issue: 1,
      tambon_codes: ['190101', '190105'],
      requested: '1250000.00',
      minimum: '1000000.00',
      people: 1200,
      households: 310,
      agency_priority: null,
      fiscal_year: 2571,
      lat: null,
      lon: null,
    });
    const codes = lines.map((l) => (JSON.parse(l) as { code: string }).code);
    expect(codes).toEqual([...codes].sort());
    expect(JSON.parse(lines[1]!)).toMatchObject({ minimum: null, households: null, requested: '9000000.00' });
  }, 120_000);

  it('says on stderr how many projects of a multi-year plan (ผ.02) were passed over for money in other years only', async () => {
    const db = join(dir, 'plan-years.sqlite');
    await emptyDb(db);
    const setup = join(dir, 'setup-years.json');
    writeFileSync(
      setup,
      JSON.stringify({
        fiscal_year: 2572,
        name: 'รอบ ๒๕๗๒',
        ceiling: '250000000.00',
        development_issues: [{ no: 1, title: 'ก' }],
      }),
    );
    expect(cli('round-import', setup, '--db', db).status).toBe(0);
    const ws = XLSX.utils.aoa_to_sheet([
      ['แผนพัฒนาท้องถิ่น (พ.ศ. ๒๕๗๑ - ๒๕๗๓)'],
      ['องค์การบริหารส่วนตำบลตาลเดี่ยว อำเภอแก่งคอย จังหวัดสระบุรี'],
      ['ที่', 'โครงการ', 'เป้าหมาย', 'งบประมาณ', '', '', 'หน่วยงานรับผิดชอบหลัก'],
      ['', '', '', '2571 (บาท)', '2572 (บาท)', '2573 (บาท)', ''],
      [1, 'ก่อสร้างถนน คสล. หมู่ที่ 1', 'ยาว 200 ม.', '500,000', '-', '-', 'กองช่าง'],
      [2, 'ขุดลอกคลอง หมู่ที่ 3', 'ยาว 1,000 ม.', '-', '350,000', '-', 'กองช่าง'],
      [3, 'ซ่อมฝาย หมู่ที่ 4', '1 แห่ง', '-', '-', '90,000', 'กองช่าง'],
    ]);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, 'ผ.02');
    const file = join(dir, 'ผ02.xlsx');
    writeFileSync(file, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    const r = cli('projects-import', file, '--db', db, '--round', '2572');
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ round: 2572, new: 1, rejected: [] });
    expect(r.stderr.trimEnd().split('\n')).toEqual([
      'หมายเหตุ: ข้ามโครงการ 2 โครงการที่ไม่มีงบในปีงบประมาณ 2572 ของรอบ (มีงบเฉพาะในคอลัมน์ปีอื่นของแผน) ไม่ได้นำเข้า',
      "note: 2 project(s) with no amount in the round's fiscal year 2572 (only in the plan's other years' columns) were passed over, not imported",
    ]);
  }, 60_000);

  it("says on stderr when an agency's second file gives a priority a proposal of the round already holds", async () => {
    const db = join(dir, 'plan-priority.sqlite');
    await emptyDb(db);
    importRound2571(db, 'setup-priority.json');
    const form = (name: string, rows: readonly (readonly string[])[]): string => {
      const file = join(dir, name);
      writeFileSync(
        file,
        [
          'แบบเสนอโครงการ ประจำปีงบประมาณ พ.ศ. ๒๕๗๑',
          'ลำดับ,ลำดับความสำคัญ,รหัสโครงการ,ชื่อโครงการ,หน่วยงานรับผิดชอบ,พื้นที่ดำเนินการ,งบประมาณ (บาท)',
          ...rows.map((r, i) => [String(i + 1), ...r, 'อบต.ตาลเดี่ยว', 'ต.ตาลเดี่ยว', '100000'].join(',')),
        ].join('\n'),
      );
      return file;
    };
    const first = cli(
      'projects-import',
      form('ชุด1.csv', [
        ['1', 'TD-1', 'ขุดลอกคลอง'],
        ['2', 'TD-2', 'ก่อสร้างถนนลูกรัง'],
      ]),
      '--db',
      db,
    );
    expect(first.status, first.stderr).toBe(0);
    expect(first.stderr).toBe('');
    const second = cli('projects-import', form('ชุด2.csv', [['2', 'TD-3', 'ติดตั้งไฟฟ้าส่องสว่าง']]), '--db', db);
    expect(second.status, second.stderr).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ new: 1, rejected: [] });
    expect(second.stderr.trimEnd().split('\n')).toEqual([
      'หมายเหตุ: อบต.ตาลเดี่ยว ให้ลำดับความสำคัญที่ 2 แก่หลายโครงการ แถวที่ 3 (TD-3) และโครงการที่มีอยู่แล้วในรอบ TD-2 “ก่อสร้างถนนลูกรัง”',
      'note: อบต.ตาลเดี่ยว gives priority 2 to several proposals, rows 3 (TD-3), and already in the round TD-2 “ก่อสร้างถนนลูกรัง”',
    ]);
    // A file giving one priority to every row names the first 20 and counts the rest (50,000 rows wrote a 1.6 MB line).
    const rows = Array.from({ length: 25 }, (_, i) => ['1', `TX-${i}`, `โครงการที่ ${i}`]);
    const all = cli('projects-import', form('ชุด3.csv', rows), '--db', db);
    expect(all.status, all.stderr).toBe(0);
    const [th, en] = all.stderr.trimEnd().split('\n');
    expect(th).toMatch(/แถวที่ 3 \(TX-0\), .*, 22 \(TX-19\) และอีก 5 รายการ และโครงการที่มีอยู่แล้วในรอบ TD-1 “ขุดลอกคลอง”$/u);
    expect(en).toMatch(/rows 3 \(TX-0\), .*, 22 \(TX-19\), and 5 more, and already in the round TD-1 “ขุดลอกคลอง”$/u);
    // The first file again without its priority column: the file replaces the proposals, so their priorities are
    // cleared, and stderr says which.
    const without = join(dir, 'ชุด1-ไม่มีลำดับ.csv');
    writeFileSync(
      without,
      [
        'แบบเสนอโครงการ ประจำปีงบประมาณ พ.ศ. ๒๕๗๑',
        'ลำดับ,รหัสโครงการ,ชื่อโครงการ,หน่วยงานรับผิดชอบ,พื้นที่ดำเนินการ,งบประมาณ (บาท)',
        '1,TD-1,ขุดลอกคลอง,อบต.ตาลเดี่ยว,ต.ตาลเดี่ยว,100000',
        '2,TD-2,ก่อสร้างถนนลูกรัง,อบต.ตาลเดี่ยว,ต.ตาลเดี่ยว,100000',
      ].join('\n'),
    );
    const cleared = cli('projects-import', without, '--db', db);
    expect(cleared.status, cleared.stderr).toBe(0);
    expect(JSON.parse(cleared.stdout)).toMatchObject({ changed: 2, rejected: [] });
    expect(cleared.stderr.trimEnd().split('\n')).toEqual([
      'หมายเหตุ: ไฟล์นี้เว้นว่างลำดับความสำคัญของโครงการ 2 โครงการที่เคยมีค่า จึงล้างค่าเดิม: TD-1, TD-2',
      "note: the file leaves the agency's priority of 2 proposal(s) empty, so it was cleared: TD-1, TD-2",
    ]);
  }, 60_000);

  it('exports the real round of a year, not the demo round beside it, and says on stderr which round', () => {
    const db = join(dir, 'beside-demo.sqlite');
    expect(cli('sample', '--db', db, '--needs', '200', '--projects', '12').status).toBe(0);
    // The demo round alone has fiscal year 2571: --round 2571 exports it, said as the demo.
    const demoOnly = cli('projects-export', '--db', db, '--round', '2571');
    expect(demoOnly.status, demoOnly.stderr).toBe(0);
    expect(demoOnly.stdout.trim().split('\n')).toHaveLength(12);
    expect(demoOnly.stderr).toContain('(the demo round, synthetic data)');
    expect(demoOnly.stderr).toContain('(รอบตัวอย่าง ข้อมูลสังเคราะห์)');
    const noReal = cli('projects-export', '--db', db);
    expect(noReal.status).toBe(0);
    expect(noReal.stdout).toBe('');
    expect(noReal.stderr).toContain('no real round to export (the demo round is left out; give --round FY to export it)');

    importRound2571(db, 'setup-beside-demo.json');
    const file = join(dir, 'โครงการ-จริง.xlsx');
    writeFileSync(file, proposalsXlsx());
    expect(JSON.parse(cli('projects-import', file, '--db', db).stdout)).toMatchObject({ round: 2571, new: 4 });
    for (const args of [['--round', '2571'], []]) {
      const real = cli('projects-export', '--db', db, ...args);
      expect(real.status, real.stderr).toBe(0);
      const codes = real.stdout
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { code: string }).code);
      expect(codes).toEqual(['SRB71-A01', 'SRB71-A02', 'SRB71-A03', 'SRB71-A04']);
      expect(real.stderr.trimEnd().split('\n')).toEqual([
        'ส่งออกโครงการของรอบ "แผนพัฒนาจังหวัด ๒๕๗๑" (ปีงบประมาณ 2571 รหัส 2)',
        'exported the proposals of round "แผนพัฒนาจังหวัด ๒๕๗๑" (FY 2571, id 2)',
      ]);
    }
    const none = cli('projects-export', '--db', db, '--round', '2580');
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('no round has fiscal year 2580');
  }, 120_000);

  it('--map chooses a column the headings do not name, by its heading or its letter; a bad choice exits 2 unchanged', async () => {
    const db = join(dir, 'map.sqlite');
    await emptyDb(db);
    importRound2571(db, 'setup-map.json');
    const file = join(dir, 'renamed.csv');
    writeFileSync(file, proposalsCsv().replace('ชื่อโครงการ', 'xyz'));
    const before = dbDigest(db);
    const unnamed = cli('projects-import', file, '--db', db);
    expect(unnamed.status).toBe(1);
    expect(JSON.parse(unnamed.stdout).rejected).toContainEqual(expect.objectContaining({ code: 'MISSING_COLUMN' }));
    const wrong = cli('projects-import', file, '--db', db, '--map', 'title=xyy');
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain("--map: no column 'xyy'; the table's columns: A: รหัสโครงการ, B: xyz, C: หน่วยงานรับผิดชอบ");
    expect(dbDigest(db)).toBe(before);
    const named = cli('projects-import', file, '--db', db, '--map', 'title=xyz');
    expect(named.status, named.stderr).toBe(0);
    expect(JSON.parse(named.stdout)).toMatchObject({ new: 4, rejected: [] });
    const lettered = cli('projects-import', file, '--db', db, '--map=ชื่อโครงการ=b');
    expect(JSON.parse(lettered.stdout)).toMatchObject({ new: 0, unchanged: 4 });
  });

  it('usage errors exit 2', () => {
    expect(cli('projects-import', '--db', join(dir, 'x.sqlite')).status).toBe(2);
    expect(cli('projects-import', join(dir, 'missing.xlsx'), '--db', join(dir, 'x.sqlite')).status).toBe(2);
    expect(cli('projects-import', join(dir, 'plan.sqlite'), '--db', join(dir, 'x.sqlite'), '--round', '71').status).toBe(2);
    expect(cli('projects-export').status).toBe(2);
  }, 60_000);
});
