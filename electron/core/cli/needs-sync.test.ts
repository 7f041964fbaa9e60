/**
 * `sync FILE --db PATH [--partial] [--sheet NAME]…` and `needs-export --db PATH` through the real command line: a database the
 * app made, the JSON summary and exit codes, a refusal that leaves the database unchanged, a partial
 * apply, and an export that says what the file said.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, dbDigest, emptyDb } from './test-cli';
import * as XLSX from 'xlsx';
import { REPORT_ROWS, reportCsv, reportSheet, reportXlsx } from '../../../test/fixtures/needs-files';
import { writeZip } from '../../../test/fixtures/zip-writer';

const dir = mkdtempSync(join(tmpdir(), 'chipao-needs-cli-'));
const root = fileURLToPath(new URL('../../../', import.meta.url));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('command line: sync and needs-export', () => {
  it('applies a report workbook, refuses a bad file unchanged, applies the valid rows with --partial, exports', async () => {
    const db = join(dir, 'new.sqlite');
    await emptyDb(db);
    const xlsx = join(dir, 'อำเภอ-report.xlsx');
    writeFileSync(xlsx, reportXlsx());
    const first = cli('sync', xlsx, '--db', db);
    expect(first.status, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toEqual({ batch: 1, new: 8, changed: 0, withdrawn: 0, unchanged: 0, rejected: [] });
    // The report's total row, passed over, is said with its row, in Thai then English.
    expect(first.stderr).toBe(
      'หมายเหตุ: ข้ามแถวยอดรวม 1 แถว (แถวที่ 14) ไม่ได้นำเข้า\nnote: 1 total row (row 14) was passed over, not imported\n',
    );

    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, reportCsv(REPORT_ROWS.map((r, i) => (i === 1 ? { ...r, people: 'สิบ' } : r))));
    const before = dbDigest(db);
    const refused = cli('sync', bad, '--db', db);
    expect(refused.status).toBe(1);
    const out = JSON.parse(refused.stdout) as {
      batch: number | null;
      rejected: { row: number; column: string; code: string; message: string }[];
    };
    expect(out.batch).toBeNull();
    expect(out.rejected).toEqual([{ row: 3, column: 'ผู้ได้รับผลกระทบ', code: 'BAD_COUNT', message: expect.stringContaining('สิบ') }]);
    expect(refused.stderr).toContain('bad.csv');
    expect(dbDigest(db)).toBe(before);

    const partial = cli('sync', bad, '--db', db, '--partial');
    expect(partial.status, partial.stderr).toBe(0);
    expect(JSON.parse(partial.stdout)).toMatchObject({ batch: 2, new: 7, rejected: [{ row: 3, code: 'BAD_COUNT' }] });

    // The first file again, two of its data rows hidden (a filter): read all the same, and said on stderr.
    const filtered = xlsx;
    const ws = reportSheet();
    ws['!rows'] = [{}, {}, {}, {}, {}, { hidden: true }, {}, { hidden: true }];
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, 'ความต้องการ');
    writeFileSync(filtered, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    const hidden = cli('sync', filtered, '--db', db);
    expect(hidden.status, hidden.stderr).toBe(0);
    expect(JSON.parse(hidden.stdout)).toMatchObject({ new: 0, unchanged: 8, rejected: [] });
    expect(hidden.stderr.split('\n')[0]).toBe(
      'หมายเหตุ: อ่านแถวที่ถูกซ่อนหรือถูกกรองออกในชีตด้วย 2 แถว (ยังเป็นข้อมูลในไฟล์) หากไม่ได้ตั้งใจส่งแถวเหล่านั้น ให้ลบออกจากไฟล์แล้วนำเข้าใหม่',
    );

    const exported = cli('needs-export', '--db', db);
    expect(exported.status, exported.stderr).toBe(0);
    const records = exported.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(records).toHaveLength(15);
    const first8 = records.filter((r) => r['title'] === 'ขอขุดลอกคลองส่งน้ำ');
    expect(first8[0]).toMatchObject({
      tambon: '190301',
      people_affected: 310,
      estimated_cost: '2400000.50',
      reported_date: '2026-10-12',
      channel: 'online',
      status: 'active',
    });
    const ids = records.map((r) => String(r['id']));
    expect([...ids].sort()).toEqual(ids);
  }, 60_000);

  it('says on stderr which columns it chose where a preview would ask: a hidden one, one of two headed alike', async () => {
    const ws = XLSX.utils.aoa_to_sheet([
      ['ตำบล', 'ความต้องการ', 'ด้าน', 'ผู้ได้รับผลกระทบ', 'งบประมาณ', 'งบประมาณ', 'จำนวนครั้งที่เสนอ'],
      ['ปากเพรียว', 'ขอถนน', 'ถนน', 10, 999_999, 500_000, 1],
    ]);
    ws['!cols'] = [{}, {}, {}, {}, { hidden: true }, {}, { hidden: true }];
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, 'S');
    const file = join(dir, 'columns.xlsx');
    writeFileSync(file, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    const db = join(dir, 'columns.sqlite');
    await emptyDb(db);
    const r = cli('sync', file, '--db', db);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr.trimEnd().split('\n')).toEqual([
      expect.stringMatching(/^หมายเหตุ: อ่าน '.+' จากคอลัมน์ G: จำนวนครั้งที่เสนอ ซึ่งชีตซ่อนไว้/u),
      expect.stringMatching(/^note: '.+' was read from column G: จำนวนครั้งที่เสนอ, which the sheet hides/u),
      "หมายเหตุ: คอลัมน์ F และ E มีหัวตารางเดียวกัน 'งบประมาณ': อ่านคอลัมน์ F เป็น 'งบประมาณ'",
      "note: columns F and E have the same heading 'งบประมาณ': F was read as 'Estimated cost'",
    ]);
  }, 60_000);

  it("refuses another program's database (or an empty file) for every command that opens one, leaving it as it was", () => {
    const other = join(dir, 'customers.sqlite');
    const raw = new Database(other);
    raw.exec("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers (name) VALUES ('ก')");
    raw.close();
    const before = readFileSync(other);
    const csv = join(dir, 'needs.csv');
    writeFileSync(csv, reportCsv());
    for (const args of [
      ['sync', csv, '--db', other],
      ['needs-export', '--db', other],
      ['round-export', '--db', other],
      ['projects-export', '--db', other],
      ['audit-verify', '--db', other],
    ]) {
      const r = cli(...args);
      expect(r.status, args[0]).toBe(2);
      expect(r.stderr).toContain('ไม่ใช่ไฟล์ข้อมูลของ ChiPao');
      expect(r.stderr).toContain('not a ChiPao data file; nothing was changed');
    }
    expect(readFileSync(other).equals(before)).toBe(true);
    const empty = join(dir, 'empty.sqlite');
    writeFileSync(empty, '');
    const r = cli('audit-verify', '--db', empty);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('is not a ChiPao data file (it is empty)');
  }, 60_000);

  it('refuses a --db that names no file for every command but sample, creating no folder, database, anchor or key', () => {
    const missing = join(dir, 'typo', 'chipao.sqllite');
    const csv = join(dir, 'needs.csv');
    writeFileSync(csv, reportCsv());
    const setup = join(dir, 'setup.json');
    writeFileSync(setup, JSON.stringify({ fiscal_year: 2571, name: 'ก', ceiling: '1.00', development_issues: [] }));
    for (const args of [
      ['sync', csv],
      ['needs-export'],
      ['projects-import', csv, '--round', '2571'],
      ['projects-export'],
      ['round-import', setup],
      ['round-export'],
      ['approve', '--scenario', '1', '--resolution', 'ครั้งที่ 1/2569', '--date', '1/11/2569', '--by', 'ก'],
      ['plan-export', '--scenario', '1', '--format', 'csv', '--out', join(dir, 'plan.csv')],
      ['audit-verify'],
    ]) {
      const r = cli(...args, '--db', missing);
      expect(r.status, args[0]).toBe(2);
      expect(r.stderr, args[0]).toContain(`ไม่พบฐานข้อมูล ${missing}`);
      expect(r.stderr, args[0]).toContain(`database not found: ${missing}`);
      expect(existsSync(join(dir, 'typo')), args[0]).toBe(false);
    }
    expect(existsSync(join(dir, 'plan.csv'))).toBe(false);
  }, 120_000);

  it('sync and round-import start a new database in a folder that exists, with nothing synthetic in it', () => {
    const csv = join(dir, 'needs-new.csv');
    writeFileSync(csv, reportCsv());
    const fresh = join(dir, 'fresh.sqlite');
    const r = cli('sync', csv, '--db', fresh);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ new: 8 });
    expect(cli('needs-export', '--db', fresh).stdout.trim().split('\n')).toHaveLength(8);
    const setup = join(dir, 'setup-new.json');
    writeFileSync(setup, JSON.stringify({ fiscal_year: 2571, name: 'รอบใหม่', ceiling: '1.00', development_issues: [] }));
    const roundDb = join(dir, 'round-new.sqlite');
    expect(cli('round-import', setup, '--db', roundDb).status).toBe(0);
    expect(cli('round-export', '--db', roundDb).stdout).toContain('รอบใหม่');
  }, 120_000);

  it('names a feed’s problems by their lines and a table’s by their rows, in the refusal and in the list after it', async () => {
    const db = join(dir, 'places.sqlite');
    await emptyDb(db);
    const before = dbDigest(db);
    const feed = join(dir, 'places.ndjson');
    const record = (id: string, people: unknown) =>
      JSON.stringify({
        id,
        version: 1,
        updated_at: '2026-11-20T09:30:00+07:00',
        title: 'ขอถนน',
        category: 'water',
        tambon: '190101',
        people_affected: people,
      });
    writeFileSync(feed, [JSON.stringify({ feed: 'chipao.needs', version: 1 }), record('a', 'สิบ'), record('b', -1)].join('\n'));
    const lines = cli('sync', feed, '--db', db);
    expect(lines.status).toBe(1);
    const [th, en, ...rest] = lines.stderr.trim().split('\n');
    expect(th).toContain('บรรทัดที่ 2 (people_affected): ');
    expect(en).toContain('Line 2 (people_affected): ');
    expect(rest.join('\n')).toContain('บรรทัดที่ 3 (people_affected): ');
    expect(lines.stderr).not.toContain('แถวที่');
    const table = join(dir, 'places.csv');
    writeFileSync(table, reportCsv(REPORT_ROWS.map((r, i) => (i === 1 || i === 2 ? { ...r, people: 'สิบ' } : r))));
    const rows = cli('sync', table, '--db', db);
    expect(rows.status).toBe(1);
    expect(rows.stderr).toMatch(/^places\.csv: พบปัญหา 2 รายการ ไม่มีการนำเข้าข้อมูลใด ๆ แถวที่ 3 \(ผู้ได้รับผลกระทบ\): /u);
    expect(rows.stderr).toContain('\nplaces.csv: 2 problem(s), nothing was applied. Row 3 (ผู้ได้รับผลกระทบ): ');
    expect(rows.stderr).toContain('\nแถวที่ 4 (ผู้ได้รับผลกระทบ): ');
    expect(rows.stderr).not.toContain('บรรทัดที่');
    expect(dbDigest(db)).toBe(before);
  });

  it('--map chooses the columns of a platform’s export its headings do not name; a bad choice exits 2 unchanged', async () => {
    const db = join(dir, 'map.sqlite');
    await emptyDb(db);
    const file = join(dir, 'complaints.csv');
    writeFileSync(
      file,
      [
        'ticket_id,type,comment,subdistrict,district,reporters,comment',
        'T-1,ถนน,ถนนหน้าวัดเป็นหลุมลึก,ตาลเดี่ยว,แก่งคอย,12,',
        'T-2,ไฟฟ้า,ไฟส่องสว่างซอยหลังตลาดดับ,ปากเพรียว,เมืองสระบุรี,30,',
      ].join('\n'),
    );
    const before = dbDigest(db);
    const unnamed = cli('sync', file, '--db', db);
    expect(unnamed.status).toBe(1);
    expect(JSON.parse(unnamed.stdout).rejected.map((r: { code: string }) => r.code)).toEqual([
      'MISSING_COLUMN',
      'MISSING_COLUMN',
    ]);
    const bad: [string[], string][] = [
      [['--map', 'titel=C'], "--map: no field 'titel'; the fields: id (รหัสความต้องการ), version (รุ่น), title (ความต้องการ)"],
      [
        ['--map', 'title=commnt'],
        "--map: no column 'commnt'; the table's columns: A: ticket_id, B: type, C: comment, D: subdistrict",
      ],
      [['--map', 'title=comment'], "--map: several columns are headed 'comment' (C, G); name one by its letter"],
      [['--map', 'title'], "--map must be FIELD=COLUMN, such as --map title=comment (got 'title')"],
    ];
    for (const [args, said] of bad) {
      const r = cli('sync', file, '--db', db, ...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toContain(said);
    }
    expect(dbDigest(db)).toBe(before);
    const mapped = cli(
      'sync',
      file,
      '--db',
      db,
      '--map',
      'id=ticket_id',
      '--map',
      'ความต้องการ=c',
      '--map',
      'People affected=reporters',
    );
    expect(mapped.status, mapped.stderr).toBe(0);
    expect(JSON.parse(mapped.stdout)).toMatchObject({ new: 2, rejected: [] });
    const sqlite = new Database(db, { readonly: true });
    expect(sqlite.prepare('SELECT external_id, title, people_affected FROM need ORDER BY external_id').all()).toEqual([
      { external_id: 'T-1', title: 'ถนนหน้าวัดเป็นหลุมลึก', people_affected: 12 },
      { external_id: 'T-2', title: 'ไฟส่องสว่างซอยหลังตลาดดับ', people_affected: 30 },
    ]);
    sqlite.close();
    // A feed has no columns to choose.
    const feed = join(dir, 'map.ndjson');
    writeFileSync(feed, JSON.stringify({ feed: 'chipao.needs', version: 1 }));
    const onFeed = cli('sync', feed, '--db', db, '--map', 'title=C');
    expect(onFeed.status).toBe(2);
    expect(onFeed.stderr).toContain('--map applies to a table, not a feed');
  });

  it('--one-person-per-row reads an export without a people count, one person per ticket, recorded; refused on a feed', async () => {
    const db = join(dir, 'people.sqlite');
    await emptyDb(db);
    const file = join(dir, 'tickets.csv');
    writeFileSync(
      file,
      [
        'ticket_id,type,comment,subdistrict,district,state',
        'T-7,ถนน,ถนนหน้าวัดเป็นหลุมลึก,ตาลเดี่ยว,แก่งคอย,',
        'T-8,ถนน,ถนนหน้าวัดเป็นหลุมลึก,ตาลเดี่ยว,แก่งคอย,',
        'T-9,ไฟฟ้า,ไฟส่องสว่างซอยหลังตลาดดับ,ปากเพรียว,เมืองสระบุรี,',
      ].join('\n'),
    );
    const before = dbDigest(db);
    const columns = ['--map', 'id=ticket_id', '--map', 'title=comment'];
    const refused = cli('sync', file, '--db', db, ...columns);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('--one-person-per-row on the command line');
    expect(refused.stderr).toContain('ให้เลือกนับแถวละ 1 คน');
    expect(dbDigest(db)).toBe(before);
    const read = cli('sync', file, '--db', db, ...columns, '--one-person-per-row');
    expect(read.status, read.stderr).toBe(0);
    expect(JSON.parse(read.stdout)).toMatchObject({ new: 3, rejected: [] });
    expect(read.stderr).toContain('อ่าน 3 แถวของตารางที่ไม่มีจำนวนผู้ได้รับผลกระทบเป็นผู้แจ้ง 1 คนต่อแถว');
    expect(read.stderr).toContain('3 rows of a table without a people count were read as one person each');
    const sqlite = new Database(db, { readonly: true });
    // Each ticket its own need (ids of their own), however alike their words.
    expect(sqlite.prepare('SELECT external_id, people_affected FROM need ORDER BY external_id').all()).toEqual([
      { external_id: 'T-7', people_affected: 1 },
      { external_id: 'T-8', people_affected: 1 },
      { external_id: 'T-9', people_affected: 1 },
    ]);
    expect(sqlite.prepare('SELECT rows_as_people FROM sync_batch ORDER BY id DESC LIMIT 1').pluck().get()).toBe(3);
    sqlite.close();
    const feed = join(dir, 'people.ndjson');
    writeFileSync(feed, JSON.stringify({ feed: 'chipao.needs', version: 1 }));
    const onFeed = cli('sync', feed, '--db', db, '--one-person-per-row');
    expect(onFeed.status).toBe(2);
    expect(onFeed.stderr).toContain('--one-person-per-row applies to a table, not a feed');
  });

  it("names the sheet and column of a refused workbook's first problem on stderr, in Thai and English", async () => {
    const db = join(dir, 'sheets.sqlite');
    await emptyDb(db);
    const wb = XLSX.utils.book_new();
    for (const [name, people] of [
      ['ทับกวาง', 10],
      ['ชะอม', 'สิบคน'],
    ] as const) {
      const rows = [
        ['ความต้องการ', 'ด้าน', 'ตำบล', 'ผู้ได้รับผลกระทบ'],
        [`ถนนใน ${name}`, 'ถนน', name, people],
      ];
      XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), name);
    }
    const file = join(dir, 'two-sheets.xlsx');
    writeFileSync(file, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    const before = dbDigest(db);
    const r = cli('sync', file, '--db', db);
    expect(r.status).toBe(1);
    const [th, en] = r.stderr.trim().split('\n');
    expect(th).toContain('แถวที่ 2 (two-sheets.xlsx#ชะอม › ผู้ได้รับผลกระทบ): ');
    expect(en).toContain('Row 2 (two-sheets.xlsx#ชะอม › ผู้ได้รับผลกระทบ): ');
    expect(dbDigest(db)).toBe(before);
    // The sheets to read chosen by name: the good one alone is imported; a sheet the file lacks is refused.
    const chosen = cli('sync', file, '--db', db, '--sheet', 'ทับกวาง');
    expect(chosen.status, chosen.stderr).toBe(0);
    expect(JSON.parse(chosen.stdout)).toMatchObject({ new: 1, rejected: [] });
    const missing = cli('sync', file, '--db', db, '--sheet=ท่าคล้อ');
    expect(missing.status).toBe(1);
    expect(JSON.parse(missing.stdout)).toMatchObject({ batch: null, rejected: [{ row: 0, code: 'UNKNOWN_SHEET' }] });
    expect(JSON.parse(missing.stdout).rejected).toHaveLength(1);
    expect(missing.stderr).toContain("the file has no sheet 'ท่าคล้อ' (its sheets: ทับกวาง, ชะอม)");
    expect(cli('sync', file, '--db', db, '--sheet').status).toBe(2);
  }, 60_000);

  it('usage errors exit 2', () => {
    expect(cli('sync', '--db', join(dir, 'x.sqlite')).status).toBe(2);
    expect(cli('sync', join(dir, 'missing.csv'), '--db', join(dir, 'x.sqlite')).status).toBe(2);
    expect(cli('needs-export').status).toBe(2);
  }, 60_000);

  it('--help prints the usage on stdout and exits 0, for all commands or one', () => {
    const all = cli('--help');
    expect(all.status).toBe(0);
    expect(all.stdout).toContain('usage: cli sync FILE|URL --db PATH');
    expect(all.stdout).toContain('วิธีใช้: cli plan-export');
    const one = cli('sync', '--help');
    expect(one.status).toBe(0);
    expect(one.stdout.trim().split('\n')).toEqual([
      expect.stringMatching(/^วิธีใช้: cli sync /u),
      expect.stringMatching(/^usage: cli sync FILE\|URL/u),
    ]);
    expect(cli('-h').status).toBe(0);
    // No command at all: said so, with every command's usage (exit 2).
    const none = cli();
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('no command given');
    expect(none.stderr).not.toContain('unknown command');
    expect(none.stderr).toContain('usage: cli sync FILE|URL --db PATH');
  }, 60_000);
});

describe('command line: a text file larger than the memory it may take', () => {
  it('is refused before it is read, saying how many rows would fit, where V8 stopped the process without a word', async () => {
    const db = join(dir, 'memory.sqlite');
    await emptyDb(db);
    // About 40 MB of report rows, each a new title: read with a heap of 256 MB it would need about 380.
    const rows = Array.from({ length: 260_000 }, (_, i) => ({
      ...REPORT_ROWS[i % REPORT_ROWS.length]!,
      title: `ความต้องการที่ ${i}`,
    }));
    const big = join(dir, 'big.csv');
    writeFileSync(big, reportCsv(rows));
    const before = dbDigest(db);
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'electron/core/cli/main.ts'), 'sync', big, '--db', db], {
      encoding: 'utf8',
      cwd: root,
      env: { ...process.env, NODE_OPTIONS: '--max-old-space-size=256' },
    });
    expect(r.stderr).toMatch(
      /big.csv: .*reading this 47 MB file whole takes about \d+ MB of memory.*split it into files of at most [\d,]+ rows each/su,
    );
    expect(r.stderr).toContain('กรุณาแบ่งเป็นหลายไฟล์');
    expect(r.status).toBe(1);
    expect(dbDigest(db)).toBe(before);
  }, 120_000);

  it('is refused for a zip whose files fit one by one but not together (each was checked alone as the others piled up)', async () => {
    const db = join(dir, 'memory-zip.sqlite');
    await emptyDb(db);
    // Three files of 60,000 rows (11 MB): each takes about 130 MB to import, the three about 390, more than a heap of
    // 256 MB has free.
    const file = (k: number): string =>
      reportCsv(
        Array.from({ length: 60_000 }, (_, i) => ({ ...REPORT_ROWS[i % REPORT_ROWS.length]!, title: `ความต้องการที่ ${k}-${i}` })),
      );
    const zip = join(dir, 'three.zip');
    writeFileSync(zip, writeZip([0, 1, 2].map((k) => ({ name: `tambon-${k}.csv`, data: file(k) }))));
    const before = dbDigest(db);
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'electron/core/cli/main.ts'), 'sync', zip, '--db', db], {
      encoding: 'utf8',
      cwd: root,
      env: { ...process.env, NODE_OPTIONS: '--max-old-space-size=256' },
    });
    expect(r.stderr).toMatch(/three.zip: .*reading the zip's 3 files \(\d+ MB of text together\) whole takes about \d+ MB/su);
    expect(r.stderr).toContain('ไฟล์ 3 ไฟล์ใน zip');
    expect(r.status).toBe(1);
    expect(dbDigest(db)).toBe(before);
  }, 120_000);
});
