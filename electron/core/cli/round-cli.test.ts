/**
 * `round-import` / `round-export`: the file's rules in process (create, update, round trip, refusals that change
 * nothing), then the real command line for its exit codes and messages.
 */
import { describe, it, expect, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../../../shared/api/errors';
import type { SetupFile } from '../../../shared/api/rounds';
import { openStore, type Store } from '../db/database';
import { migrate } from '../db/migrate';
import { exportSetup, importSetup, parseSetupFile } from '../services/round-file';
import { roundDetail } from '../services/round-setup';
import { dbDigest, emptyDb } from './test-cli';

const dir = mkdtempSync(join(tmpdir(), 'chipao-round-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
async function freshStore(): Promise<Store> {
  const store = openStore(join(dir, `db-${++n}.sqlite`));
  await migrate(store.db);
  return store;
}

const SETUP = {
  fiscal_year: 2571,
  name: 'แผนพัฒนาจังหวัดสระบุรี ปี 2571',
  ceiling: '250000000.00',
  development_issues: [
    { no: 1, title: 'เศรษฐกิจมูลค่าสูง', approaches: ['ส่งเสริมการท่องเที่ยว'] },
    { no: 2, title: 'สังคมคุณภาพ', national_strategy: 4, master_plans: [17, 11] },
  ],
  criteria: [
    { code: 'urgency', name_th: 'ความเร่งด่วน', name_en: 'Urgency' },
    { code: 'readiness', name_th: 'ความพร้อม' },
    { code: 'people', name_th: 'ผู้ได้รับประโยชน์', source: 'people' },
  ],
  ahp: { upper: [3, 5, 3] },
  members: [
    { name: 'นาย ก', position: 'ผู้ว่าราชการจังหวัด', role: 'chair' },
    { name: 'นาง ข', agency: 'สำนักงานจังหวัด', role: 'secretariat' },
    { name: 'นาย ค' },
  ],
};

function digest(store: Store): string {
  const tables = ['round', 'criterion', 'member', 'development_issue', 'scenario', 'audit_event'];
  return createHash('sha256')
    .update(JSON.stringify(tables.map((t) => store.sqlite.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all())))
    .digest('hex');
}

function rejected(store: Store, file: unknown): AppError {
  const before = digest(store);
  try {
    importSetup(store.sqlite, 'test', parseSetupFile(JSON.stringify(file)));
  } catch (e) {
    expect(digest(store)).toBe(before);
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('the file was expected to be refused');
}

describe('round-setup file', () => {
  it('creates the round, then updates it in place; export reads back what was imported', async () => {
    const store = await freshStore();
    const first = importSetup(store.sqlite, 'test', parseSetupFile(JSON.stringify(SETUP)));
    expect(first).toMatchObject({ created: true, development_issues: 2, criteria: 3, members: 3, deactivated_members: 0 });
    const d = roundDetail(store.sqlite, first.round_id);
    expect(d).toMatchObject({ fiscalYear: 2571, ceiling: 25_000_000_000, status: 'preparing' });
    expect(d.criteria.map((c) => c.weight)).toEqual([0.637, 0.2583, 0.1047]);
    expect(d.ahp?.cr).toBeCloseTo(0.033, 3);
    expect(d.members.map((m) => [m.name, m.role])).toEqual([
      ['นาย ก', 'chair'],
      ['นาง ข', 'secretariat'],
      ['นาย ค', 'member'],
    ]);

    const exported = exportSetup(store.sqlite);
    expect(exported.development_issues[1]).toEqual({
      no: 2,
      title: 'สังคมคุณภาพ',
      title_en: '',
      approaches: [],
      national_strategy: 4,
      master_plans: [11, 17],
    });
    expect(exported.ahp).toEqual({ upper: [3, 5, 3] });

    // The same file with a new ceiling and one member fewer updates the round, keeps ids and deactivates the member.
    const second = importSetup(
      store.sqlite,
      'test',
      parseSetupFile(JSON.stringify({ ...SETUP, ceiling: '1000.50', members: SETUP.members.slice(0, 2) })),
    );
    expect(second).toMatchObject({ round_id: first.round_id, created: false, deactivated_members: 1 });
    const after = roundDetail(store.sqlite, first.round_id);
    expect(after.ceiling).toBe(100_050);
    expect(after.criteria.map((c) => c.id)).toEqual(d.criteria.map((c) => c.id));
    expect(after.inactiveMembers.map((m) => m.name)).toEqual(['นาย ค']);

    // Round trip: the export imported into an empty database exports the same.
    const again = await freshStore();
    const text = JSON.stringify(exportSetup(store.sqlite, 2571));
    importSetup(again.sqlite, 'test', parseSetupFile(text));
    expect(exportSetup(again.sqlite, 2571)).toEqual(exportSetup(store.sqlite, 2571) satisfies SetupFile);
    await store.close();
    await again.close();
  });

  it("records every change an update makes, the ceiling as the screen's rounds.setCeiling does", async () => {
    const store = await freshStore();
    const { round_id: roundId } = importSetup(store.sqlite, 'test', parseSetupFile(JSON.stringify(SETUP)));
    const events = (): { kind: string; payload: unknown }[] =>
      (
        store.sqlite.prepare('SELECT kind, payload_json FROM audit_event ORDER BY id').all() as {
          kind: string;
          payload_json: string;
        }[]
      ).map((e) => ({ kind: e.kind, payload: JSON.parse(e.payload_json) as unknown }));
    const before = events().length;
    const state = digest(store);
    // The same file again changes nothing and records nothing (it recorded the name, the issues and every member as
    // changed); members listed in another order or a name in another spelling are the same round too.
    expect(importSetup(store.sqlite, 'test', parseSetupFile(JSON.stringify(SETUP)))).toMatchObject({ changed: false });
    const reordered = {
      ...SETUP,
      members: [...SETUP.members].reverse(),
      development_issues: [...SETUP.development_issues].reverse(),
    };
    expect(importSetup(store.sqlite, 'test', parseSetupFile(JSON.stringify(reordered)))).toMatchObject({ changed: false });
    expect(digest(store)).toBe(state);
    const mark = events().length;
    expect(mark).toBe(before);
    importSetup(
      store.sqlite,
      'test',
      parseSetupFile(JSON.stringify({ ...SETUP, name: 'ชื่อใหม่', ceiling: '555.55', levels: ['province'] })),
    );
    const added = events().slice(mark);
    expect(added.map((e) => e.kind)).toEqual([
      'round.updated',
      'round.ceiling_set',
      'round.development_issues_set',
      'round.criteria_set',
      'member.updated',
      'member.updated',
      'member.updated',
    ]);
    expect(added[0]!.payload).toEqual({ roundId, name: 'ชื่อใหม่', levels: ['province'] });
    expect(added[1]!.payload).toEqual({ roundId, ceiling: 55_555 });
    expect(roundDetail(store.sqlite, roundId)).toMatchObject({ name: 'ชื่อใหม่', ceiling: 55_555, levels: ['province'] });
    await store.close();
  });

  it('stores names and titles in one spelling, and finds a member written another way instead of adding a second', async () => {
    const store = await freshStore();
    const spaced = {
      ...SETUP,
      name: 'แผนพัฒนา\u200b  จังหวัด',
      development_issues: [{ no: 1, title: 'เศรษฐกิจ\u00a0 มูลค่าสูง\u200b', approaches: ['ส่งเสริม\t การท่องเที่ยว'] }],
      criteria: [{ code: 'urgency', name_th: 'ความ\u200dเร่งด่วน', weight: 1 }],
      ahp: undefined,
      members: [{ name: ' นายก\u200b  ข ', position: 'ผู้ว่า  ราชการ', role: 'chair' }],
    };
    const { round_id: roundId } = importSetup(store.sqlite, 'test', parseSetupFile(JSON.stringify(spaced)));
    const d = roundDetail(store.sqlite, roundId);
    expect(d.name).toBe('แผนพัฒนา จังหวัด');
    expect(d.developmentIssues[0]).toMatchObject({ titleTh: 'เศรษฐกิจ มูลค่าสูง', approaches: ['ส่งเสริม การท่องเที่ยว'] });
    expect(d.criteria[0]!.nameTh).toBe('ความเร่งด่วน');
    expect(d.members.map((m) => [m.name, m.titleTh])).toEqual([['นายก ข', 'ผู้ว่า ราชการ']]);
    // A member stored before names were put in one spelling is still the one a file names.
    store.sqlite.prepare('UPDATE member SET name = ? WHERE round_id = ?').run('นายก  ข', roundId);
    const again = importSetup(store.sqlite, 'test', parseSetupFile(JSON.stringify({ ...spaced, members: [{ name: 'นายก ข' }] })));
    expect(again.deactivated_members).toBe(0);
    const after = roundDetail(store.sqlite, roundId);
    expect([...after.members, ...after.inactiveMembers].map((m) => m.name)).toEqual(['นายก ข']);
    // A name copied from a PDF (sara am as nikhahit and sara aa) is the member typed on the screen, not a new one
    // beside a deactivated twin holding the scores; a member stored in the PDF's spelling is found too.
    const thai = { ...spaced, members: [{ name: 'นางสาวน้ำฝน ใจดี' }] };
    importSetup(store.sqlite, 'test', parseSetupFile(JSON.stringify(thai)));
    for (const name of ['นางสาวนํ้าฝน ใจดี', 'นางสาวน้ําฝน  ใจดี']) {
      const copied = importSetup(store.sqlite, 'test', parseSetupFile(JSON.stringify({ ...spaced, members: [{ name }] })));
      expect(copied).toMatchObject({ deactivated_members: 0 });
      expect(roundDetail(store.sqlite, roundId).members.map((m) => m.name)).toEqual(['นางสาวน้ำฝน ใจดี']);
    }
    store.sqlite.prepare('UPDATE member SET name = ? WHERE round_id = ? AND active = 1').run('นางสาวนํ้าฝน ใจดี', roundId);
    expect(importSetup(store.sqlite, 'test', parseSetupFile(JSON.stringify(thai)))).toMatchObject({ deactivated_members: 0 });
    await store.close();
  });

  it('refuses a bad file as a whole, saying where, with nothing changed', async () => {
    const store = await freshStore();
    importSetup(store.sqlite, 'test', parseSetupFile(JSON.stringify(SETUP)));
    const cases: [unknown, string, string][] = [
      [{ ...SETUP, ceiling: '-5.00' }, 'ceiling', 'baht'],
      [{ ...SETUP, ceiling: '1.234' }, 'ceiling', 'baht'],
      // The slips of a hand-typed file, each said with the value to write.
      [{ ...SETUP, fiscal_year: 2028 }, 'fiscal_year', 'เป็นปี ค.ศ. ปีงบประมาณต้องเป็นปี พ.ศ. คือ 2571'],
      [
        { ...SETUP, fiscal_year: 2028 },
        'fiscal_year',
        'Christian-era year: the fiscal year is written in the Buddhist era, 2571',
      ],
      [{ ...SETUP, fiscal_year: 3000 }, 'fiscal_year', 'ไม่เกิน 2700'],
      [{ ...SETUP, ceiling: 250000000 }, 'ceiling', 'กรุณาเขียน 250000000 เป็น "250000000.00"'],
      [{ ...SETUP, ceiling: '250,000,000 บาท' }, 'ceiling', 'write "250,000,000 บาท" as "250000000.00"'],
      [{ ...SETUP, ceiling: '1.234' }, 'ceiling', 'ไม่ใช่จำนวนเงิน (บาท) กรุณาเขียนเป็น "250000000.00"'],
      [{ ...SETUP, ceiling: '-5.00' }, 'ceiling', 'ติดลบ'],
      [{ ...SETUP, ceiling: '12345678901234' }, 'ceiling', 'more than a ceiling can be (13 digits of baht at most)'],
      [{ ...SETUP, unknown_field: 1 }, '(file)', 'unknown_field'],
      [{ ...SETUP, development_issues: [{ no: 1 }] }, 'development_issues[0].title', 'ขาดข้อมูล'],
      [{ ...SETUP, members: [{ name: 'x', role: 'boss' }] }, 'members[0].role', 'ค่าไม่อยู่ในรายการที่รับได้'],
      [{ ...SETUP, criteria: [{ code: 'A B', name_th: 'x' }] }, 'criteria[0].code', 'รูปแบบไม่ถูกต้อง'],
      [{ ...SETUP, fiscal_year: '2571' }, 'fiscal_year', 'ต้องเป็นตัวเลข'],
      // Control characters, a bidi override (a name that reads as another) and half a surrogate pair.
      [{ ...SETUP, name: 'แผน\u0000' }, 'name', 'มีอักขระควบคุม U+0000 ที่ตำแหน่ง 4'],
      [{ ...SETUP, members: [{ name: 'นาย \u202eก' }] }, 'members[0].name', 'U+202E'],
      [
        { ...SETUP, development_issues: [{ no: 1, title: 'ก', title_en: 'A\ud800' }] },
        'development_issues[0].title_en',
        'U+D800',
      ],
      [{ ...SETUP, criteria: [{ code: 'a', name_th: 'ก', name_en: '\u0007' }] }, 'criteria[0].name_en', 'U+0007'],
      // Nothing visible left once invisible characters are dropped: as empty as "".
      [{ ...SETUP, development_issues: [{ no: 1, title: '\u200b' }] }, 'development_issues[0].title', 'ว่างเปล่า'],
      [{ ...SETUP, name: ' \ufeff\u2060 ' }, 'name', 'invisible characters'],
      [{ ...SETUP, criteria: [{ code: 'a', name_th: '\u200c\u200d' }] }, 'criteria[0].name_th', 'ว่างเปล่า'],
      [{ ...SETUP, members: [{ name: '\u200b' }] }, 'members[0].name', 'ว่างเปล่า'],
      // The same checks as the rounds API's developmentIssues.set.
      [
        { ...SETUP, development_issues: [{ no: 1, title: 'ก', master_plans: [3, 3] }] },
        'development_issues[0].master_plans',
        'each master plan once',
      ],
      [{ ...SETUP, levels: ['province', 'province'] }, 'levels', 'ระดับแผนแต่ละระดับระบุได้ครั้งเดียว'],
      // Weights without a pairwise comparison: every criterion has its own (one left out was stored as 0, silently).
      [
        {
          ...SETUP,
          ahp: undefined,
          criteria: [
            { code: 'a', name_th: 'ก', weight: 0.6 },
            { code: 'b', name_th: 'ข' },
          ],
        },
        'criteria[1].weight',
        'เกณฑ์ "b" ไม่ได้ระบุน้ำหนัก',
      ],
      [{ ...SETUP, ahp: undefined, criteria: [{ code: 'a', name_th: 'ก' }] }, 'criteria[0].weight', 'no criterion has a weight'],
    ];
    for (const [file, column, text] of cases) {
      const e = rejected(store, file);
      expect(e.code).toBe('IMPORT_REJECTED');
      expect(e.problems?.[0]?.column).toBe(column);
      expect(`${e.problems?.[0]?.th} ${e.problems?.[0]?.en}`).toContain(text);
      // The Thai reason is Thai: no English text of the validator inside it.
      expect(e.problems?.[0]?.th).not.toMatch(/Invalid|expected|received|Too (small|big)/u);
    }
    // Problems found after validation roll back everything done before them.
    const dupIssue = rejected(store, {
      ...SETUP,
      name: 'ชื่อใหม่',
      development_issues: [
        { no: 1, title: 'ก' },
        { no: 1, title: 'ข' },
      ],
    });
    expect(dupIssue.messageTh).toContain('ซ้ำกัน');
    expect(rejected(store, { ...SETUP, ahp: { upper: [3, 5] } }).message).toContain('need 3 pairwise judgments');
    expect(rejected(store, { ...SETUP, members: [{ name: 'ก' }, { name: 'ก' }] }).message).toContain('listed twice');
    // A name written another way (a zero-width space, two spaces) is the same name, listed twice.
    for (const twin of ['นายก\u200b ข', 'นายก  ข', ' นายก ข\ufeff']) {
      expect(rejected(store, { ...SETUP, members: [{ name: 'นายก ข' }, { name: twin }] }).message).toContain('listed twice');
    }
    const { criteria: _dropped, ...noCriteria } = SETUP;
    void _dropped;
    expect(rejected(store, noCriteria).message).toContain('needs the criteria');
    expect(() => parseSetupFile('{"fiscal_year": 25')).toThrow(/not valid JSON/u);
    // A field given twice: JSON.parse would keep the last in silence.
    expect(() => parseSetupFile('{"fiscal_year": 2572,\n "name": "ก", "fiscal_year": 2573}')).toThrow(
      'the file gives "fiscal_year" twice in one object (line 2, column 15): keep one',
    );
    for (const [text, place] of [
      ['{"fiscal_year": 25', /^ไฟล์ไม่ใช่ JSON ที่ถูกต้อง: บรรทัด 1 คอลัมน์ 19: ควรมี '\}' ที่นี่/u],
      ['{"fiscal_year": }', /^ไฟล์ไม่ใช่ JSON ที่ถูกต้อง: บรรทัด 1 คอลัมน์ 17: ควรมีค่า$/u],
      // Slips of a file edited by hand: a comma after the last item, a comment.
      ['{\n  "fiscal_year": 2572,\n  "development_issues": [{"no": 1, "title": "ก"},],\n}', /บรรทัด 3 คอลัมน์ 50: มีจุลภาคก่อน '\]'/u],
      ['{\n  // ปีงบ\n  "fiscal_year": 2572\n}', /บรรทัด 2 คอลัมน์ 3: มีคอมเมนต์/u],
      ['', /^ไฟล์ไม่ใช่ JSON ที่ถูกต้อง: บรรทัด 1 คอลัมน์ 1: ไฟล์ว่างเปล่า$/u],
    ] as const) {
      let th = '';
      try {
        parseSetupFile(text);
      } catch (error) {
        th = (error as AppError).messageTh;
      }
      expect(th).toMatch(place);
      expect(th).not.toMatch(/Unexpected|Expected|position|token|input/u);
    }
    await store.close();
  });

  it('two real rounds of the same year are ambiguous; the demo round does not count', async () => {
    const store = await freshStore();
    store.sqlite.exec(`INSERT INTO round (name, fiscal_year, ceiling, status, demo) VALUES ('ตัวอย่าง', 2571, 1, 'in_session', 1)`);
    expect(importSetup(store.sqlite, 'test', parseSetupFile(JSON.stringify(SETUP))).created).toBe(true);
    store.sqlite.exec(`INSERT INTO round (name, fiscal_year, ceiling, status) VALUES ('ซ้ำ', 2571, 1, 'preparing')`);
    expect(rejected(store, SETUP).messageTh).toContain('มี 2 รอบที่เป็นปีงบประมาณ 2571');
    await store.close();
  });
});

describe('the command line', () => {
  const root = fileURLToPath(new URL('../../..', import.meta.url));
  const cli = (...args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', join(root, 'electron/core/cli/main.ts'), ...args], {
      encoding: 'utf8',
      cwd: root,
    });

  it('imports (exit 0, one JSON line), refuses a bad file (exit 2, the database unchanged) and exports', async () => {
    const setup = join(dir, 'setup.json');
    writeFileSync(setup, JSON.stringify(SETUP));
    const db = join(dir, 'cli.sqlite');
    await emptyDb(db);
    const ok = cli('round-import', setup, '--db', db);
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ fiscal_year: 2571, created: true });

    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ ...SETUP, ceiling: '12.345' }));
    const before = dbDigest(db);
    const refused = cli('round-import', bad, '--db', db);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('ไม่ได้นำเข้า');
    expect(refused.stderr).toContain('not imported');
    expect(refused.stderr).toContain('ceiling');
    expect(dbDigest(db)).toBe(before);

    // Thai Windows saves "ANSI" text as Windows-874: read as such, never stored garbled; bytes that are no text refused.
    const win874 = join(dir, 'setup-874.json');
    const thaiName = 'แผนพัฒนาจังหวัดสระบุรี ปี 2572';
    const tis = Buffer.from(
      Array.from(JSON.stringify({ ...SETUP, fiscal_year: 2572, name: thaiName }), (ch) =>
        ch.charCodeAt(0) >= 0x0e01 && ch.charCodeAt(0) <= 0x0e5b ? ch.charCodeAt(0) - 0x0e01 + 0xa1 : ch.charCodeAt(0),
      ),
    );
    writeFileSync(win874, tis);
    expect(cli('round-import', win874, '--db', db).status).toBe(0);
    expect(JSON.parse(cli('round-export', '--db', db, '--round', '2572').stdout)).toMatchObject({ name: thaiName });
    const binary = join(dir, 'setup.png');
    writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]));
    const unchanged = dbDigest(db);
    const binaryRefused = cli('round-import', binary, '--db', db);
    expect(binaryRefused.status).toBe(2);
    expect(binaryRefused.stderr).toContain('the file is binary, not text');
    expect(dbDigest(db)).toBe(unchanged);

    // A device or a pipe has no size to check first: read up to the cap, never without end (it once read /dev/zero
    // until it held gigabytes).
    if (process.platform === 'linux') {
      const endless = spawnSync(
        process.execPath,
        ['--import', 'tsx', join(root, 'electron/core/cli/main.ts'), 'round-import', '/dev/zero', '--db', db],
        { encoding: 'utf8', cwd: root, timeout: 30_000 },
      );
      expect(endless.status).toBe(2);
      expect(endless.stderr).toContain('too large for a round-setup file (over 16 MB)');
      expect(endless.stderr).toContain('ใหญ่เกินกว่าไฟล์ตั้งค่ารอบ');
      expect(dbDigest(db)).toBe(unchanged);
    }
    const missing = cli('round-import', join(dir, 'no-such-setup.json'), '--db', db);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('cannot read');

    const out = cli('round-export', '--db', db, '--round', '2571');
    expect(out.status).toBe(0);
    expect(JSON.parse(out.stdout)).toMatchObject({ fiscal_year: 2571, ceiling: '250000000.00' });
    expect(cli('round-export', '--db', db, '--round', '2020').status).toBe(2);
    expect(cli('round-export', '--db', db, '--round', '2599').status).toBe(2);
    expect(cli('round-import', '--db', db).status).toBe(2);
  }, 60_000);
});
