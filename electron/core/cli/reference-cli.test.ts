/**
 * `reference-import FILE --db PATH` through the real command line: a population workbook imported into a database the
 * app made, with its counts on stdout and what was passed over on stderr; a file with problems refused with the first
 * 20 of them (Thai, then English) and the database unchanged; usage errors.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { cli, dbDigest, emptyDb } from './test-cli';

const dir = mkdtempSync(join(tmpdir(), 'chipao-reference-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The population of each area whose code is given, as the database holds it. */
function populationsIn(db: string, codes: readonly string[]): (number | null)[] {
  const d = new Database(db, { readonly: true });
  try {
    const get = d.prepare(
      'SELECT population FROM area_district WHERE code = ? UNION ALL SELECT population FROM area_tambon WHERE code = ?',
    );
    return codes.map((c) => (get.get(c, c) as { population: number | null } | undefined)?.population ?? null);
  } finally {
    d.close();
  }
}

describe('command line: reference-import', () => {
  it('imports a population workbook, prints its counts, and refuses a bad file whole with its first 20 problems', async () => {
    const db = join(dir, 'chipao.sqlite');
    await emptyDb(db);
    const ws = XLSX.utils.aoa_to_sheet([
      ['จำนวนประชากรแยกรายตำบล จังหวัดสระบุรี ณ เดือนธันวาคม 2568'],
      ['รหัสพื้นที่', 'ท้องที่', 'ชาย', 'หญิง', 'รวม', 'บ้าน'],
      ['19000000', 'จังหวัดสระบุรี', 300_000, 320_000, 620_000, 290_000],
      ['19020000', 'อำเภอแก่งคอย', 50_505, 51_606, 102_111, 38_003],
      ['19020200', 'ตำบลทับกวาง', 7_707, 7_808, 15_515, 5_004],
      ['รวม', '', '', '', 620_000, ''],
    ]);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, 'ตำบล');
    const file = join(dir, 'ประชากร 2568.xlsx');
    writeFileSync(file, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    const done = cli('reference-import', file, '--db', db);
    expect(done.status, done.stderr).toBe(0);
    expect(JSON.parse(done.stdout)).toEqual({
      fileName: 'ประชากร 2568.xlsx',
      kind: 'xlsx',
      districts: 1,
      tambons: 1,
      withPopulation: 2,
      withGeometry: 0,
      withEnglishName: 0,
      otherProvinces: 0,
    });
    expect(done.stderr).toContain("หมายเหตุ: คอลัมน์ 'บ้าน' เป็นจำนวนบ้าน ไม่ใช่จำนวนประชากร จึงไม่ได้อ่าน");
    expect(done.stderr).toContain("note: the province's own row (its total) was passed over");
    expect(populationsIn(db, ['1902', '190202'])).toEqual([102_111, 15_515]);

    // 25 rows whose figure is no number: refused whole, the first 20 named on stderr, Thai before English.
    const bad = join(dir, 'bad.csv');
    const tambons = new Database(db, { readonly: true });
    const codes = tambons.prepare('SELECT code FROM area_tambon ORDER BY code LIMIT 25').pluck().all() as string[];
    tambons.close();
    writeFileSync(bad, `รหัส,ประชากร\r\n${codes.map((c) => `${c},ไม่ทราบ`).join('\r\n')}\r\n`);
    const before = dbDigest(db);
    const refused = cli('reference-import', bad, '--db', db);
    expect(refused.status).toBe(1);
    expect(dbDigest(db)).toBe(before);
    const out = JSON.parse(refused.stdout) as { rejected: { row: number; code: string; message: string }[] };
    expect(out.rejected).toHaveLength(25);
    expect(out.rejected[0]).toMatchObject({ row: 2, code: 'BAD_COUNT' });
    const lines = refused.stderr.trim().split('\n');
    expect(lines[0]).toMatch(/^ไม่ได้นำเข้า: bad\.csv: พบปัญหา 25 รายการ ไม่มีการนำเข้าข้อมูลใด ๆ แถวที่ 2 /u);
    expect(lines[1]).toMatch(/^not imported: bad\.csv: 25 problem\(s\), nothing was imported\. row 2 /u);
    // Problems 2 to 20, Thai then English, each with its place; then how many more.
    expect(lines.slice(2, 4)).toEqual([
      `แถวที่ 3 (${codes[1]}) คอลัมน์ 'ประชากร': 'ไม่ทราบ' ไม่ใช่จำนวนเต็มตั้งแต่ 0 ขึ้นไป`,
      `row 3 (${codes[1]}), column 'ประชากร': 'ไม่ทราบ' is not a whole number of 0 or more`,
    ]);
    expect(lines).toHaveLength(2 + 19 * 2 + 2);
    expect(lines.at(-1)).toBe('and 5 more (all in "rejected")');
    expect(populationsIn(db, ['1902', '190202'])).toEqual([102_111, 15_515]);
  }, 60_000);

  it("refuses a table whose tambons do not add up to their district's figure, exit 1, the database unchanged", async () => {
    const db = join(dir, 'sums.sqlite');
    await emptyDb(db);
    const areas = new Database(db, { readonly: true });
    const district = areas.prepare("SELECT code FROM area_district WHERE name_th = 'วังม่วง'").pluck().get() as string;
    const tambons = areas
      .prepare('SELECT code FROM area_tambon WHERE district_code = ? ORDER BY code')
      .pluck()
      .all(district) as string[];
    areas.close();
    // Every tambon of the district at 1,000, the district's own row at one more than their sum.
    const sum = tambons.length * 1_000;
    const file = join(dir, 'sums.csv');
    writeFileSync(
      file,
      `รหัสพื้นที่,รวม\r\n${district}0000,"${(sum + 1).toLocaleString('en-US')}"\r\n${tambons.map((t) => `${t}00,"1,000"`).join('\r\n')}\r\n`,
    );
    const before = dbDigest(db);
    const was = populationsIn(db, [district, ...tambons]);
    const refused = cli('reference-import', file, '--db', db);
    expect(refused.status).toBe(1);
    expect(dbDigest(db)).toBe(before);
    expect(populationsIn(db, [district, ...tambons])).toEqual(was);
    const n = (x: number): string => x.toLocaleString('en-US');
    expect(refused.stderr.trim().split('\n')).toEqual([
      `ไม่ได้นำเข้า: sums.csv: พบปัญหา 1 รายการ ไม่มีการนำเข้าข้อมูลใด ๆ แถวที่ 2 (${district}): จำนวนประชากร ${n(sum + 1)} ของอำเภอวังม่วง ไม่เท่ากับผลรวมของตำบลทั้ง ${tambons.length} ตำบล (${n(sum)}) อาจพิมพ์ตัวเลขผิด หรือตัวเลขของอำเภอกับของตำบลเป็นข้อมูลต่างวันที่กัน`,
      `not imported: sums.csv: 1 problem(s), nothing was imported. row 2 (${district}): the population ${n(sum + 1)} of district วังม่วง is not the sum of its ${tambons.length} tambons (${n(sum)}): a figure typed wrong, or the district's and the tambons' figures of different dates`,
    ]);
    // One less on the district's row, and the same table is imported.
    writeFileSync(file, readFileSync(file, 'utf8').replace(`"${n(sum + 1)}"`, `"${n(sum)}"`));
    expect(cli('reference-import', file, '--db', db).status).toBe(0);
    expect(populationsIn(db, [district, ...tambons])).toEqual([sum, ...tambons.map(() => 1_000)]);
  }, 60_000);

  it("refuses a table by local government (its rows no tambon's, whatever names they hold), exit 1, unchanged", async () => {
    const db = join(dir, 'local.sqlite');
    await emptyDb(db);
    const file = join(dir, 'local.csv');
    // As DOPA publishes by local government: a municipality and tambon administrative organisations, named after tambons.
    writeFileSync(
      file,
      ['ท้องถิ่น,ชาย,หญิง,รวม', 'ทม.สระบุรี,"28,000","31,000","59,000"', 'อบต.ตาลเดี่ยว,"4,000","4,100","8,100"'].join('\r\n'),
    );
    const before = dbDigest(db);
    const byLocal = cli('reference-import', file, '--db', db);
    expect(byLocal.status).toBe(1);
    expect(byLocal.stderr).toContain(
      "no column names the areas: an area code (รหัสพื้นที่), a tambon (ตำบล, ท้องที่) or a district (อำเภอ); column 'ท้องถิ่น' names local governments",
    );
    expect(byLocal.stderr).toContain("คอลัมน์ 'ท้องถิ่น' เป็นองค์กรปกครองส่วนท้องถิ่น");
    // The same rows under an areas' heading: each refused by its row, none read as the tambon its name holds.
    writeFileSync(file, readFileSync(file, 'utf8').replace('ท้องถิ่น,', 'ท้องที่,'));
    const refused = cli('reference-import', file, '--db', db);
    expect(refused.status).toBe(1);
    expect(dbDigest(db)).toBe(before);
    expect(refused.stderr).toContain('พบปัญหา 2 รายการ');
    expect(refused.stderr).toContain("แถวที่ 2 คอลัมน์ 'ท้องที่': 'ทม.สระบุรี' เป็นแถวขององค์กรปกครองส่วนท้องถิ่น");
    expect(refused.stderr).toContain("row 2, column 'ท้องที่': 'ทม.สระบุรี' is a local government's row");
    expect(refused.stderr).toContain("import DOPA's table by area (ท้องที่: districts and tambons) instead");
  }, 60_000);

  it("usage errors exit 2 with the command's usage; --help lists it", () => {
    const noDb = cli('reference-import', join(dir, 'x.csv'));
    expect(noDb.status).toBe(2);
    expect(noDb.stderr).toContain('missing --db PATH');
    expect(noDb.stderr).toContain('usage: cli reference-import FILE --db PATH');
    expect(cli('reference-import', join(dir, 'missing.csv'), '--db', join(dir, 'chipao.sqlite')).status).toBe(2);
    const file = join(dir, 'population.csv');
    writeFileSync(file, 'รหัส,ประชากร\r\n1901,"120,000"\r\n');
    const noFile = cli('reference-import', file, '--db', join(dir, 'none.sqlite'));
    expect(noFile.status).toBe(2);
    expect(noFile.stderr).toContain('database not found');
    expect(existsSync(join(dir, 'none.sqlite'))).toBe(false);
    const help = cli('reference-import', '--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toBe('วิธีใช้: cli reference-import ไฟล์ --db ฐานข้อมูล\nusage: cli reference-import FILE --db PATH\n');
  }, 60_000);
});
