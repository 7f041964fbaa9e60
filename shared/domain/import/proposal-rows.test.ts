import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { areaIndex } from './areas';
import {
  agenciesInTitle,
  fiscalYearIn,
  localGovernmentIn,
  levelOfAgency,
  parseAreas,
  parseFiscalYear,
  parseIssue,
  parseLevel,
  parsePriority,
  parseReadiness,
  proposalsFromRows,
  samePriorities,
} from './proposal-rows';

const index = areaIndex(
  [
    { code: '1901', nameTh: 'เมืองสระบุรี', nameEn: 'Mueang Saraburi' },
    { code: '1902', nameTh: 'แก่งคอย', nameEn: 'Kaeng Khoi' },
    { code: '1903', nameTh: 'หนองแค', nameEn: 'Nong Khae' },
  ],
  [
    { code: '190101', districtCode: '1901', nameTh: 'ปากเพรียว', nameEn: 'Pak Phriao' },
    { code: '190105', districtCode: '1901', nameTh: 'ดาวเรือง', nameEn: 'Dao Rueang' },
    { code: '190201', districtCode: '1902', nameTh: 'แก่งคอย', nameEn: 'Kaeng Khoi' },
    { code: '190203', districtCode: '1902', nameTh: 'ตาลเดี่ยว', nameEn: 'Tan Diao' },
    { code: '190205', districtCode: '1902', nameTh: 'หนองปลาไหล', nameEn: 'Nong Pla Lai' },
    { code: '190305', districtCode: '1903', nameTh: 'หนองปลาไหล', nameEn: 'Nong Pla Lai' },
  ],
);
const issues = [
  { no: 1, titleTh: 'การบริหารจัดการน้ำ', titleEn: 'Water' },
  { no: 2, titleTh: 'โครงสร้างพื้นฐาน', titleEn: '' },
];
const thaiDigits = (s: string): string => s.replace(/\d/gu, (d) => String.fromCodePoint(0x0e50 + Number(d)));
const toArabic = (s: string): string => s.replace(/[๐-๙]/gu, (d) => String(d.codePointAt(0)! - 0x0e50));

describe('fiscal year', () => {
  it.each([
    ['แผนงานโครงการ ประจำปีงบประมาณ พ.ศ. ๒๕๗๑', 2571],
    ['ปีงบประมาณ 2571', 2571],
    ['ปีงบ พ.ศ.2570', 2570],
    ['Fiscal year 2028', 2571],
    ['FY2571', 2571],
    ['บัญชีโครงการ', null],
    ['พ.ศ. 2571', null],
    ['แผนปฏิบัติราชการประจำปี พ.ศ. ๒๕๗๒ ของจังหวัดสระบุรี', 2572],
    ['โครงการที่ขอรับการสนับสนุนงบประมาณ ปี 2572', 2572],
    ['งบประมาณปี 2572', 2572],
    ['ประจำปี 2572', 2572],
    ['ปี 2572', 2572],
    ['ปี พ.ศ.2572', 2572],
    ['ข้อมูลปี 2570', null],
    ['สำรวจ ณ ปี 2570 ประชากร', null],
    ['แผนการดำเนินงานประจำปี พ.ศ. 2571 - 2575', null],
    ['แผนพัฒนาท้องถิ่น ปีงบประมาณ พ.ศ. 2571 - 2575', null],
    ['ปีงบประมาณ 2571 ถึง 2575', null],
  ])('%s → %s', (text, year) => expect(fiscalYearIn(text)).toBe(year));

  it('any BE year in a title, in Thai or Arabic digits, is found (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2400, max: 2700 }), fc.boolean(), fc.string({ maxLength: 20 }), (y, thai, before) => {
        const title = `${before.replace(/\d|ปี|fy/giu, '')} ประจำปีงบประมาณ พ.ศ. ${thai ? thaiDigits(String(y)) : y}`;
        expect(fiscalYearIn(title)).toBe(y);
      }),
    );
  });

  it.each([
    [2571, 2571],
    ['พ.ศ. ๒๕๗๑', 2571],
    ['71', 2571],
    [2028, 2571],
    ['ปีงบ 71', 2571],
    ['งบปี 2571', 2571],
  ])('the cell %s is %s', (cell, year) => expect(parseFiscalYear(cell)).toEqual({ ok: true, value: year }));

  it('refuses a cell that is not a year', () => expect(parseFiscalYear('ปีหน้า').ok).toBe(false));

  it('refuses a span of years, saying a round takes one', () => {
    for (const cell of ['2570-2571', '2571 - 2575', '๒๕๗๑–๒๕๗๓']) {
      expect(parseFiscalYear(cell)).toMatchObject({ ok: false, en: expect.stringContaining('spans several fiscal years') });
    }
  });
});

describe('levels', () => {
  it.each([
    ['อปท.', 'local'],
    ['ท้องถิ่น', 'local'],
    ['Local government', 'local'],
    ['หน่วยงาน', 'agency'],
    ['ส่วนราชการ', 'agency'],
    ['จังหวัด', 'province'],
    ['Province', 'province'],
    // A local government written by its kind.
    ['อบต.', 'local'],
    ['อบจ', 'local'],
    ['เทศบาลตำบล', 'local'],
    ['ทม.', 'local'],
  ])('%s is %s', (cell, level) => expect(parseLevel(cell)).toEqual({ ok: true, value: level }));

  it('refuses an unknown level in both languages', () => {
    const r = parseLevel('ระดับโลก');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.th).toContain('ระดับโลก');
  });

  it.each([
    ['องค์การบริหารส่วนตำบลหนองแค', 'local'],
    ['เทศบาลเมืองสระบุรี', 'local'],
    ['อบจ.สระบุรี', 'local'],
    ['จังหวัดสระบุรี', 'province'],
    ['แขวงทางหลวงชนบทสระบุรี', 'agency'],
  ])('an agency named %s implies %s', (agency, level) => expect(levelOfAgency(agency)).toBe(level));
});

describe('the local government of a plan', () => {
  it.each([
    [['องค์การบริหารส่วนตำบลตาลเดี่ยว อำเภอแก่งคอย จังหวัดสระบุรี'], 'อบต.ตาลเดี่ยว'],
    [['แผนพัฒนาท้องถิ่น', 'เทศบาลตำบลหินกองอำเภอหนองแค'], 'ทต.หินกอง'],
    [['เทศบาลเมืองสระบุรี'], 'ทม.สระบุรี'],
    [['องค์การบริหารส่วนจังหวัดสระบุรี'], 'อบจ.สระบุรี'],
    [['บัญชีโครงการ อบต.ห้วยแห้ง อ.แก่งคอย'], 'อบต.ห้วยแห้ง'],
    [['องค์การบริหารส่วนตำบลตาลเดี่ยว', 'องค์การบริหารส่วนตำบลห้วยแห้ง'], null],
    [['สำนักงานเกษตรจังหวัดสระบุรี'], null],
  ])('%j → %s', (titles, owner) => expect(localGovernmentIn(titles)).toBe(owner));

  it.each([
    [['สำนักงานเกษตรจังหวัดสระบุรี'], ['สำนักงานเกษตรจังหวัดสระบุรี']],
    [['หน่วยงาน : แขวงทางหลวงชนบทสระบุรี'], ['แขวงทางหลวงชนบทสระบุรี']],
    [['ส่วนราชการ โครงการชลประทานสระบุรี'], ['โครงการชลประทานสระบุรี']],
    [['องค์การบริหารส่วนตำบลตาลเดี่ยว อำเภอแก่งคอย จังหวัดสระบุรี'], ['องค์การบริหารส่วนตำบลตาลเดี่ยว']],
    [['อบต.ห้วยแห้ง อ.แก่งคอย'], ['อบต.ห้วยแห้ง']],
    [['เทศบาลเมืองสระบุรี'], ['เทศบาลเมืองสระบุรี']],
    [['ที่ทำการปกครองอำเภอหนองแค ประจำปีงบประมาณ พ.ศ. 2571'], ['ที่ทำการปกครองอำเภอหนองแค']],
    [
      ['โรงพยาบาลสระบุรี', 'ศูนย์พัฒนาฝีมือแรงงานจังหวัดสระบุรี'],
      ['โรงพยาบาลสระบุรี', 'ศูนย์พัฒนาฝีมือแรงงานจังหวัดสระบุรี'],
    ],
    // One agency spelt twice is one.
    [['องค์การบริหารส่วนตำบลทับกวาง', 'อบต. ทับกวาง'], ['องค์การบริหารส่วนตำบลทับกวาง']],
    // A plan's title, a year, a unit, a province, a division alone, an agency among other words: none.
    [['บัญชีโครงการ ประจำปีงบประมาณ พ.ศ. 2571'], []],
    [['หน่วย : บาท', 'หน่วย: ล้านบาท'], []],
    [['แผนพัฒนาท้องถิ่น องค์การบริหารส่วนตำบลตาลเดี่ยว'], []],
    [['บัญชีรายการโครงการเพื่อขอรับการจัดสรรงบประมาณ จังหวัดสระบุรี', 'จังหวัดสระบุรี'], []],
    [['เงินอุดหนุนจากองค์การบริหารส่วนจังหวัดสระบุรี'], []],
    [['สำนักงานปลัด', 'โครงการพัฒนาถนน'], []],
  ])('agencies in the title %j → %j', (titles, agencies) =>
    expect(agenciesInTitle(titles.map((text, i) => ({ row: i + 1, text }))).map((a) => a.agency)).toEqual(agencies),
  );

  it("a division named alone becomes the plan owner's, and a local one; a full name stays", () => {
    const run = (agency: string, owner: string | null) =>
      proposalsFromRows([{ row: 5, cells: { title: 'ถนน', agency, areas: 'ต.ตาลเดี่ยว', requested: '1,000' } }], {
        areas: index,
        issues,
        labels: ['ชื่อโครงการ', 'หน่วยงาน', 'พื้นที่', 'งบประมาณ'],
        mapping: { title: 0, agency: 1, areas: 2, requested: 3 },
        defaultAgency: null,
        owner,
      }).proposals[0]!.input;
    expect(run('กองช่าง', 'อบต.ตาลเดี่ยว')).toMatchObject({ agency: 'กองช่าง อบต.ตาลเดี่ยว', level: 'local' });
    expect(run('สำนักปลัด', 'ทต.หินกอง')).toMatchObject({ agency: 'สำนักปลัด ทต.หินกอง', level: 'local' });
    expect(run('กองช่าง อบต.ห้วยแห้ง', 'อบต.ตาลเดี่ยว').agency).toBe('กองช่าง อบต.ห้วยแห้ง');
    expect(run('สำนักงานเกษตรอำเภอแก่งคอย', 'อบต.ตาลเดี่ยว')).toMatchObject({ agency: 'สำนักงานเกษตรอำเภอแก่งคอย', level: 'agency' });
    expect(run('กองช่าง', null).agency).toBe('กองช่าง');
    // Two plans' กองช่าง with the same project name are two proposals.
    expect(run('กองช่าง', 'อบต.ตาลเดี่ยว').code).not.toBe(run('กองช่าง', 'อบต.ห้วยแห้ง').code);
  });

  it("a number is no project's name: a summary's count of projects is refused, not imported as proposals", () => {
    const read = (title: string | number) =>
      proposalsFromRows([{ row: 4, cells: { title, agency: 'อบต.ปากเพรียว', areas: 'ต.ปากเพรียว', requested: 300000 } }], {
        areas: index,
        issues,
        labels: ['จำนวนโครงการ', 'หน่วยงาน', 'ตำบล', 'งบประมาณ (บาท)'],
        mapping: { title: 0, agency: 1, areas: 2, requested: 3 },
        defaultAgency: null,
      });
    for (const title of [2, '2', '๑๒', '1,200', '3 (2)']) {
      const out = read(title);
      expect(out.proposals).toEqual([]);
      expect(out.problems[0]).toMatchObject({
        line: 4,
        column: 'จำนวนโครงการ',
        code: 'BAD_FIELD',
        th: expect.stringContaining('เป็นตัวเลข ไม่ใช่ชื่อโครงการ'),
        en: expect.stringContaining("is a number, not a project's name"),
      });
    }
    // Names with numbers in them are names.
    for (const title of ['ถนน คสล. หมู่ที่ 3', 'โครงการ 5 ส', 'Smart Farm 4.0']) expect(read(title).problems).toEqual([]);
  });

  it('a title of a dash alone is no title, and the problem shows the dash', () => {
    const out = proposalsFromRows([{ row: 6, cells: { title: '–', agency: 'กองช่าง', areas: 'ต.ตาลเดี่ยว', requested: '1,000' } }], {
      areas: index,
      issues,
      labels: ['ชื่อโครงการ', 'หน่วยงาน', 'พื้นที่', 'งบประมาณ'],
      mapping: { title: 0, agency: 1, areas: 2, requested: 3 },
      defaultAgency: null,
    });
    expect(out.problems).toEqual([
      expect.objectContaining({
        line: 6,
        column: 'ชื่อโครงการ',
        code: 'REQUIRED',
        en: "'ชื่อโครงการ' has no value ('–' means none)",
        th: "ช่อง 'ชื่อโครงการ' ไม่มีค่า ('–' หมายถึงไม่มีข้อมูล)",
      }),
    ]);
  });
});

describe('development issues', () => {
  it.each(['2', 'ประเด็นที่ ๒', 'ประเด็นการพัฒนาที่ 2', '2. โครงสร้างพื้นฐาน', 'โครงสร้างพื้นฐาน', 2])('%s is issue 2', (cell) =>
    expect(parseIssue(cell, issues)).toEqual({ ok: true, value: 2 }),
  );
  it('an English title, too', () => expect(parseIssue('water', issues)).toEqual({ ok: true, value: 1 }));
  it('refuses an issue the round has not, naming those it has', () => {
    const r = parseIssue('ประเด็นที่ 9', issues);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.en).toContain('1, 2');
  });
  it('a round without issues says so, and where to set them', () => {
    const r = parseIssue('1', []);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.en).toContain('no development issues yet');
      expect(r.th).toContain('ยังไม่ได้กำหนดประเด็นการพัฒนา');
    }
  });
});

describe('areas', () => {
  it.each([
    ['ทั้งจังหวัด', null, { scope: 'province', tambonCodes: [], districtCode: null }],
    ['ทั้งอำเภอหนองแค', null, { scope: 'district', tambonCodes: [], districtCode: '1903' }],
    ['อ.แก่งคอย', null, { scope: 'district', tambonCodes: [], districtCode: '1902' }],
    ['1901', null, { scope: 'district', tambonCodes: [], districtCode: '1901' }],
    [null, 'หนองแค', { scope: 'district', tambonCodes: [], districtCode: '1903' }],
    ['ต.ปากเพรียว, ต.ดาวเรือง', null, { scope: 'tambons', tambonCodes: ['190101', '190105'], districtCode: null }],
    ['ต.ดาวเรือง และ ต.ปากเพรียว', null, { scope: 'tambons', tambonCodes: ['190101', '190105'], districtCode: null }],
    ['ต.ตาลเดี่ยว อ.แก่งคอย', null, { scope: 'tambons', tambonCodes: ['190203'], districtCode: null }],
    ['ต.แก่งคอย', null, { scope: 'tambons', tambonCodes: ['190201'], districtCode: null }],
    ['หนองปลาไหล', 'หนองแค', { scope: 'tambons', tambonCodes: ['190305'], districtCode: null }],
    ['๑๙๐๑๐๑;190105', null, { scope: 'tambons', tambonCodes: ['190101', '190105'], districtCode: null }],
    // The village before a tambon, the province after it and notes in brackets are read past.
    ['หมู่ที่ 3 ต.ปากเพรียว อ.เมืองสระบุรี', null, { scope: 'tambons', tambonCodes: ['190101'], districtCode: null }],
    [
      'บ้านหนองโน หมู่ที่ 3 ตำบลดาวเรือง อำเภอเมืองสระบุรี จังหวัดสระบุรี',
      null,
      { scope: 'tambons', tambonCodes: ['190105'], districtCode: null },
    ],
    ['ต.ปากเพรียว (ม.1-5)', null, { scope: 'tambons', tambonCodes: ['190101'], districtCode: null }],
    ['ม.2 ต.ปากเพรียว, ม.4 ต.ดาวเรือง', null, { scope: 'tambons', tambonCodes: ['190101', '190105'], districtCode: null }],
    ['ตำบลปากเพรียว และตำบลดาวเรือง', null, { scope: 'tambons', tambonCodes: ['190101', '190105'], districtCode: null }],
    ['ทั้งจังหวัดสระบุรี', null, { scope: 'province', tambonCodes: [], districtCode: null }],
    // Every district of the province, counted (this index has 3; Saraburi 13).
    ['3 อำเภอ', null, { scope: 'province', tambonCodes: [], districtCode: null }],
    ['ทั้ง ๓ อำเภอ', null, { scope: 'province', tambonCodes: [], districtCode: null }],
    // Every tambon of a district is the district; lists of villages are read past as ranges are.
    ['ทุกตำบล อ.แก่งคอย', null, { scope: 'district', tambonCodes: [], districtCode: '1902' }],
    ['ทุกตำบลในอำเภอหนองแค', null, { scope: 'district', tambonCodes: [], districtCode: '1903' }],
    ['ทุกตำบล', 'แก่งคอย', { scope: 'district', tambonCodes: [], districtCode: '1902' }],
    ['ต.ปากเพรียว ม.1,2,3 อ.เมืองสระบุรี', null, { scope: 'tambons', tambonCodes: ['190101'], districtCode: null }],
    ['ต.ปากเพรียว หมู่ที่ ๑, ๔ และ ๗', null, { scope: 'tambons', tambonCodes: ['190101'], districtCode: null }],
    ['ม.1,2 ต.ปากเพรียว, ม.3 ต.ดาวเรือง', null, { scope: 'tambons', tambonCodes: ['190101', '190105'], districtCode: null }],
    // A district before its tambons narrows them ("หนองปลาไหล" is in two districts); one with no tambon after it
    // stands for all of its tambons.
    ['อ.หนองแค ต.หนองปลาไหล', null, { scope: 'tambons', tambonCodes: ['190305'], districtCode: null }],
    ['อ.แก่งคอย ต.หนองปลาไหล, ต.ตาลเดี่ยว', null, { scope: 'tambons', tambonCodes: ['190203', '190205'], districtCode: null }],
    ['อ.เมืองสระบุรี, อ.หนองแค', null, { scope: 'tambons', tambonCodes: ['190101', '190105', '190305'], districtCode: null }],
    ['ต.ตาลเดี่ยว, อ.หนองแค', null, { scope: 'tambons', tambonCodes: ['190203', '190305'], districtCode: null }],
    // A code after a village is a code, not one more village.
    ['ม.1, 190105', null, { scope: 'tambons', tambonCodes: ['190105'], districtCode: null }],
    // Line breaks separate entries, as commas do; places apart by spaces alone are a list when each is a place.
    ['ตาลเดี่ยว\nปากเพรียว', null, { scope: 'tambons', tambonCodes: ['190101', '190203'], districtCode: null }],
    ['ต.ตาลเดี่ยว\r\n\n ต.ดาวเรือง ', null, { scope: 'tambons', tambonCodes: ['190105', '190203'], districtCode: null }],
    ['อ.เมืองสระบุรี\nอ.หนองแค', null, { scope: 'tambons', tambonCodes: ['190101', '190105', '190305'], districtCode: null }],
    ['หมู่ที่ 3 ต.ปากเพรียว\nอ.เมืองสระบุรี', null, { scope: 'tambons', tambonCodes: ['190101'], districtCode: null }],
    ['ตาลเดี่ยว ปากเพรียว', null, { scope: 'tambons', tambonCodes: ['190101', '190203'], districtCode: null }],
    ['อ.เมืองสระบุรี อ.หนองแค', null, { scope: 'tambons', tambonCodes: ['190101', '190105', '190305'], districtCode: null }],
  ])('%s (district %s)', (cell, district, value) => expect(parseAreas(index, cell, district)).toEqual({ ok: true, value }));

  it('refuses an ambiguous, unknown or mismatched tambon, with suggestions', () => {
    expect(parseAreas(index, 'หนองปลาไหล', null).ok).toBe(false);
    const unknown = parseAreas(index, 'ต.ปากเพรียง', null);
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.th).toContain('ปากเพรียว');
    expect(parseAreas(index, 'ต.ปากเพรียว', 'หนองแค').ok).toBe(false);
    expect(parseAreas(index, 'ทั้งอำเภอบางกรวย', null).ok).toBe(false);
    // Every tambon of no district named.
    expect(parseAreas(index, 'ทุกตำบล', null)).toMatchObject({ ok: false, th: expect.stringContaining('ต้องระบุอำเภอ') });
    // Two districts are not all of them.
    expect(parseAreas(index, '2 อำเภอ', null).ok).toBe(false);
    // Places apart by spaces are a list only when every one is a place.
    expect(parseAreas(index, 'ตาลเดี่ยว ปากเพรียง', null)).toMatchObject({ ok: false, en: "unknown tambon 'ตาลเดี่ยว ปากเพรียง'" });
    // A village alone names no tambon.
    const village = parseAreas(index, 'หมู่ที่ 3', null);
    expect(village).toMatchObject({ ok: false, th: "'หมู่ที่ 3' ไม่ได้ระบุตำบล" });
  });

  it('refuses hostile cells of 32,000 characters (every repeat in the patterns is bounded)', () => {
    for (const cell of ['บ้าน'.repeat(8_000), '('.repeat(32_000), 'บ้านก '.repeat(5_000), 'ม.1'.repeat(10_000)]) {
      expect(parseAreas(index, cell, null).ok).toBe(false);
    }
  });

  it('a list of tambon codes in any order and repetition is their sorted set (property)', () => {
    const codes = ['190101', '190105', '190201', '190203', '190205', '190305'];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...codes), { minLength: 1, maxLength: 12 }),
        fc.constantFrom(', ', ';', '\n', ' และ '),
        (list, sep) => {
          const r = parseAreas(index, list.join(sep), null);
          expect(r).toEqual({
            ok: true,
            value: { scope: 'tambons', tambonCodes: [...new Set(list)].sort(), districtCode: null },
          });
        },
      ),
    );
  });
});

describe('readiness', () => {
  it.each([
    ['มีแบบรูปรายการ ปร.4 ปร.5 แล้ว, ที่ดินพร้อม', ['design', 'land']],
    ['ครบ', ['design', 'land', 'no_overlap', 'maintainer', 'commit']],
    ['5/5', ['design', 'land', 'no_overlap', 'maintainer', 'commit']],
    ['ไม่ซ้ำซ้อนกับ อปท. และก่อหนี้ผูกพันได้ทัน', ['no_overlap', 'commit']],
    ['', []],
  ])('%s', (cell, keys) => expect(parseReadiness(cell)).toEqual(keys));
});

describe('rows', () => {
  const mapping = { title: 0, agency: 1, areas: 2, operating: 3, investment: 4, requested: 5, minimum: 6 };
  const labels = ['ชื่อโครงการ', 'หน่วยงาน', 'พื้นที่', 'งบดำเนินงาน', 'งบลงทุน', 'รวม', 'ขั้นต่ำ'];
  const run = (cells: Record<string, string | number | null>) =>
    proposalsFromRows([{ row: 7, cells }], { areas: index, issues, labels, mapping, defaultAgency: null });

  it('a total alone is investment; a total with one part gives the other', () => {
    const base = { title: 'ถนน', agency: 'อบต.ปากเพรียว', areas: 'ต.ปากเพรียว' };
    expect(run({ ...base, requested: '1,000' }).proposals[0]!.input).toMatchObject({ operating: 0, investment: 100_000 });
    expect(run({ ...base, requested: '1,000', operating: 200 }).proposals[0]!.input).toMatchObject({
      operating: 20_000,
      investment: 80_000,
    });
    expect(run({ ...base, operating: 200, investment: 300 }).proposals[0]!.input).toMatchObject({
      operating: 20_000,
      investment: 30_000,
    });
  });

  it('an amount written as nil ("-", "-0-", "ไม่มี") is no amount, not a negative one', () => {
    const base = { title: 'ถนน', agency: 'อบต.ปากเพรียว', areas: 'ต.ปากเพรียว', investment: '300,000', requested: '300,000' };
    for (const nil of ['-', '–', '-0-', '- ๐ -', 'ไม่มี']) {
      const r = run({ ...base, operating: nil });
      expect(r.problems, nil).toEqual([]);
      expect(r.proposals[0]!.input, nil).toMatchObject({ operating: 0, investment: 30_000_000 });
    }
    expect(run({ ...base, operating: '-5,000' }).problems[0]).toMatchObject({ code: 'NEGATIVE_AMOUNT' });
  });

  it('investment split into equipment and land and construction: the parts give it, or must add up to it', () => {
    const base = { title: 'ศูนย์เด็กเล็ก', agency: 'อบต.ปากเพรียว', areas: 'ต.ปากเพรียว' };
    const split = (cells: Record<string, string | number | null>) =>
      proposalsFromRows([{ row: 9, cells: { ...base, ...cells } }], {
        areas: index,
        issues,
        labels: ['ชื่อโครงการ', 'หน่วยงาน', 'พื้นที่', 'งบดำเนินงาน', 'งบลงทุน', 'รวม', 'ครุภัณฑ์', 'ที่ดินและสิ่งก่อสร้าง'],
        mapping: { title: 0, agency: 1, areas: 2, operating: 3, investment: 4, requested: 5, equipment: 6, construction: 7 },
        defaultAgency: null,
      });
    expect(split({ operating: 100, equipment: 200, construction: 700 }).proposals[0]!.input).toMatchObject({
      operating: 10_000,
      investment: 90_000,
    });
    expect(split({ construction: '500,000.-', requested: '500,000' }).proposals[0]!.input).toMatchObject({
      operating: 0,
      investment: 50_000_000,
    });
    // Words in brackets are an amount; a figure in brackets is a negative one.
    expect(split({ requested: '(ห้าแสนบาทถ้วน)' }).proposals[0]!.input).toMatchObject({ investment: 50_000_000 });
    expect(split({ requested: '(500,000)' }).problems[0]).toMatchObject({ code: 'NEGATIVE_AMOUNT' });
    const r = split({ investment: 800, equipment: 200, construction: 700 });
    expect(r.proposals).toEqual([]);
    expect(r.problems[0]).toMatchObject({
      line: 9,
      column: 'งบลงทุน',
      code: 'AMOUNT_MISMATCH',
      // The amounts in baht with two decimals, and the sum the parts make.
      en: 'the investment 800.00 baht is not equipment 200.00 + land and construction 700.00 = 900.00 baht',
      th: 'งบลงทุน 800.00 บาท ไม่เท่ากับค่าครุภัณฑ์ 200.00 + ค่าที่ดินและสิ่งก่อสร้าง 700.00 = 900.00 บาท',
    });
    // With a total that the parts and the operating budget do not make: refused too.
    expect(split({ operating: 100, equipment: 200, construction: 700, requested: 999 }).problems[0]).toMatchObject({
      code: 'AMOUNT_MISMATCH',
      th: 'ยอดรวม 999.00 บาท ไม่เท่ากับงบดำเนินงาน 100.00 + งบลงทุน 900.00 = 1,000.00 บาท',
    });
    expect(split({ operating: 1500, requested: 1000 }).problems[0]).toMatchObject({
      en: 'the total 1,000.00 baht is less than its part 1,500.00 baht',
    });
  });

  it('refuses what the proposal editor would not save: a name over 300 characters, a code over 40', () => {
    const base = { agency: 'อบต.ปากเพรียว', areas: 'ต.ปากเพรียว', requested: '1,000' };
    expect(run({ ...base, title: 'ถ'.repeat(300) }).proposals).toHaveLength(1);
    const long = run({ ...base, title: 'ถ'.repeat(301) });
    expect(long.proposals).toEqual([]);
    expect(long.problems[0]).toMatchObject({
      line: 7,
      column: 'ชื่อโครงการ',
      code: 'BAD_FIELD',
      th: "ช่อง 'ชื่อโครงการ' ยาว 301 ตัวอักษร เกิน 300 ตัวอักษรที่รับได้",
    });
    const code = proposalsFromRows([{ row: 3, cells: { ...base, title: 'ถนน', code: 'P'.repeat(41) } }], {
      areas: index,
      issues,
      labels: ['รหัส', 'ชื่อโครงการ', 'หน่วยงาน', 'พื้นที่', 'รวม'],
      mapping: { code: 0, title: 1, agency: 2, areas: 3, requested: 4 },
      defaultAgency: null,
    });
    expect(code.problems[0]).toMatchObject({
      line: 3,
      column: 'รหัส',
      code: 'BAD_FIELD',
      en: expect.stringContaining('41 characters'),
    });
  });

  it("the form's location with a point in it (พื้นที่ดำเนินการ … พิกัด): the places and the point read apart", () => {
    const base = { title: 'ถนน', agency: 'อบต.ปากเพรียว', requested: '1,000' };
    for (const areas of [
      'หมู่ 3 ต.ปากเพรียว อ.เมืองสระบุรี พิกัด 14.5312, 100.9104',
      'ต.ปากเพรียว (๑๔.๕๓๑๒, ๑๐๐.๙๑๐๔)',
      'ต.ปากเพรียว https://maps.google.com/?q=14.5312,100.9104',
      'ต.ปากเพรียว GPS: 100.9104,14.5312',
    ]) {
      const r = run({ ...base, areas });
      expect(r.problems, areas).toEqual([]);
      expect(r.proposals[0]!.input, areas).toMatchObject({ tambonCodes: ['190101'], point: { lat: 14.5312, lon: 100.9104 } });
    }
    expect(run({ ...base, areas: 'ต.ปากเพรียว' }).proposals[0]!.input.point).toBeNull();
    // A point outside Thailand, and a point without a place, are refused by the column.
    const far = run({ ...base, areas: 'ต.ปากเพรียว พิกัด 51.5074, -0.1278' });
    expect(far.proposals).toEqual([]);
    expect(far.problems[0]).toMatchObject({ line: 7, column: 'พื้นที่', code: 'BAD_FIELD' });
    expect(far.problems[0]!.th).toContain('ไม่ใช่พิกัดในประเทศไทย');
    const only = run({ ...base, areas: 'พิกัด 14.5312, 100.9104' });
    expect(only.problems[0]).toMatchObject({ column: 'พื้นที่', code: 'REQUIRED' });
    expect(only.problems[0]!.th).toContain('มีเพียงพิกัด');
    // Hostile location cells stay bounded (and refused or read, never hung on).
    for (const cell of [`ต.ปากเพรียว${' '.repeat(1990)}x`, `(${'1.11 '.repeat(399)}`, `${'14.5°'.repeat(399)}`]) {
      expect(run({ ...base, areas: cell }).proposals.length + run({ ...base, areas: cell }).problems.length).toBeGreaterThan(0);
    }
  });

  it('names the row and the column as the file labels it', () => {
    const r = run({ title: 'ถนน', agency: 'อบต.', areas: 'ต.ปากเพรียว', requested: '1,000', minimum: '2,000' });
    expect(r.proposals).toEqual([]);
    expect(r.problems[0]).toMatchObject({
      line: 7,
      column: 'ขั้นต่ำ',
      code: 'MINIMUM_ABOVE_REQUEST',
      th: 'วงเงินขั้นต่ำ 2,000.00 บาท มากกว่าวงเงินที่ขอ 1,000.00 บาท',
    });
  });

  it("the form's one column of people and households (กลุ่มเป้าหมาย (คน/ครัวเรือน)) gives both, neither lost", () => {
    const form = (target: string | number) =>
      proposalsFromRows(
        [
          {
            row: 5,
            cells: { title: 'ประปาหมู่บ้าน', agency: 'อบต.ปากเพรียว', areas: 'ต.ปากเพรียว', requested: '1,000', people: target },
          },
        ],
        {
          areas: index,
          issues,
          labels: ['ชื่อโครงการ', 'หน่วยงาน', 'พื้นที่', 'งบประมาณ', 'กลุ่มเป้าหมาย / ผู้ได้รับประโยชน์ (คน/ครัวเรือน)'],
          mapping: { title: 0, agency: 1, areas: 2, requested: 3, people: 4 },
          defaultAgency: null,
        },
      );
    expect(form('150 คน / 40 ครัวเรือน').proposals[0]!.input).toMatchObject({ people: 150, households: 40 });
    expect(form('๔๐ ครัวเรือน ๑๕๐ คน').proposals[0]!.input).toMatchObject({ people: 150, households: 40 });
    expect(form('40 ครัวเรือน').proposals[0]!.input).toMatchObject({ people: null, households: 40 });
    expect(form('150 คน').proposals[0]!.input).toMatchObject({ people: 150, households: null });
    expect(form(150).proposals[0]!.input).toMatchObject({ people: 150, households: null });
    // Two counts of households are refused as they are in a column of households, naming the form's column.
    const two = form('150 คน / 40 ครัวเรือน 30 ครัวเรือน');
    expect(two.proposals).toEqual([]);
    expect(two.problems[0]).toMatchObject({ line: 5, column: 'กลุ่มเป้าหมาย / ผู้ได้รับประโยชน์ (คน/ครัวเรือน)', code: 'BAD_COUNT' });
    expect(two.problems[0]!.th).toContain('ครัวเรือน 2 จำนวน');
  });

  it('the same agency and name without a code get the same code (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 30 }).filter((s) => /^[ก-๙a-z ]+$/iu.test(s) && s.trim() !== ''),
        (title) => {
          const a = run({ title, agency: 'อบต.', areas: 'ต.ปากเพรียว', requested: 1 }).proposals[0]!.input.code;
          const b = run({ title, agency: 'อบต.', areas: 'ต.ดาวเรือง', requested: 2 }).proposals[0]!.input.code;
          expect(a).toBe(b);
          expect(a).toMatch(/^P-[0-9a-f]{10}$/u);
        },
      ),
    );
  });
});

describe("an agency's priority (ลำดับความสำคัญ)", () => {
  it.each([
    [1, 1],
    ['1', 1],
    ['๑', 1],
    ['ลำดับที่ 1', 1],
    ['ลำดับที่ ๑๒', 12],
    ['อันดับ 2', 2],
    ['ที่ 3', 3],
    ['3.', 3],
    ['Priority 4', 4],
    ['No. 5', 5],
    ['#6', 6],
    [' ๑๐ ', 10],
  ])('%s → %s', (cell, value) => expect(parsePriority(cell)).toEqual({ ok: true, value }));

  it.each([0, '0', 'ลำดับที่ 0', 1.5, '1.5', '1-2', 'สูง', 'ด่วนมาก', 'ก', -1, '10000', 'ลำดับที่ 1 และ 2'])(
    '%s is refused, in Thai and English',
    (cell) => {
      const r = parsePriority(cell);
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.th).toContain('ลำดับความสำคัญ');
      expect(r.en).toMatch(/priority/u);
      expect(r.th).toContain(String(cell));
    },
  );

  it('any whole number from 1, in either digits and with or without its words, reads back as itself (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9999 }),
        fc.boolean(),
        fc.constantFrom('', 'ลำดับที่ ', 'ลำดับที่', 'อันดับ ', 'ที่ ', 'ลำดับ '),
        (n, thai, prefix) => {
          const written = `${prefix}${thai ? thaiDigits(String(n)) : String(n)}`;
          expect(parsePriority(written)).toEqual({ ok: true, value: n });
          expect(parsePriority(n)).toEqual({ ok: true, value: n });
        },
      ),
    );
  });

  it('a text that is no whole number from 1 is never read as a priority (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), (text) => {
        const r = parsePriority(text);
        if (r.ok) expect(r.value).toBeGreaterThanOrEqual(1);
        if (r.ok) expect(toArabic(text)).toContain(String(r.value));
      }),
    );
  });

  const mapping = { priority: 0, title: 1, agency: 2, areas: 3, requested: 4 };
  const labels = ['ลำดับความสำคัญ', 'ชื่อโครงการ', 'หน่วยงานรับผิดชอบ', 'พื้นที่ดำเนินการ', 'งบประมาณ'];
  const run = (priority: string | number | null) =>
    proposalsFromRows(
      [{ row: 12, cells: { priority, title: 'ขุดลอกคลอง', agency: 'อบต.ปากเพรียว', areas: 'ต.ปากเพรียว', requested: '1,000' } }],
      { areas: index, issues, labels, mapping, defaultAgency: null },
    );

  it('is read from its column into the proposal; an empty cell states none', () => {
    expect(run('ลำดับที่ ๒').proposals[0]!.input.agencyPriority).toBe(2);
    expect(run(1).proposals[0]!.input.agencyPriority).toBe(1);
    expect(run(null).proposals[0]!.input.agencyPriority).toBeNull();
    expect(run('-').proposals[0]!.input.agencyPriority).toBeNull();
  });

  it('a bad one refuses its row, naming the row and the column as the file heads it', () => {
    const r = run('สำคัญมาก');
    expect(r.proposals).toEqual([]);
    expect(r.problems).toEqual([
      {
        line: 12,
        column: 'ลำดับความสำคัญ',
        code: 'BAD_PRIORITY',
        en: "'สำคัญมาก' is not a priority: write a whole number from 1 (1 = most important), such as 1, ๑ or ลำดับที่ 1",
        th: "'สำคัญมาก' ไม่ใช่ลำดับความสำคัญ: ใส่จำนวนเต็มตั้งแต่ 1 ขึ้นไป (1 = สำคัญที่สุด) เช่น 1, ๑ หรือ ลำดับที่ 1",
      },
    ]);
  });
});

describe('the same priority twice in one agency', () => {
  const p = (agency: string, agencyPriority: number | null, code: string) => ({ agency, agencyPriority, code });

  it('groups the proposals of one agency that state one priority, and nothing else', () => {
    const groups = samePriorities([
      p('อบต.ปากเพรียว', 1, 'A'),
      p('อบต.ดาวเรือง', 1, 'B'),
      p(' อบต.ปากเพรียว', 1, 'C'),
      p('อบต.ปากเพรียว', 2, 'D'),
      p('อบต.ปากเพรียว', null, 'E'),
      p('อบต.ปากเพรียว', null, 'F'),
    ]);
    expect(groups.map((g) => [g.agency, g.priority, g.items.map((i) => i.code)])).toEqual([['อบต.ปากเพรียว', 1, ['A', 'C']]]);
  });

  it('knows one agency however it is spelt: abbreviated or in full, with or without a space after the dot', () => {
    const groups = samePriorities(
      [p('อบต.ทับกวาง', 1, 'A'), p('องค์การบริหารส่วนตำบลทับกวาง', 1, 'B'), p('เทศบาลตำบลหินกอง', 2, 'C')],
      [p('อบต. ทับกวาง', 1, 'H'), p('ทต. หินกอง', 2, 'I'), p('ทม.สระบุรี', 2, 'J')],
    );
    expect(groups.map((g) => [g.agency, g.priority, g.items.map((i) => i.code), g.held.map((h) => h.code)])).toEqual([
      ['อบต.ทับกวาง', 1, ['A', 'B'], ['H']],
      ['เทศบาลตำบลหินกอง', 2, ['C'], ['I']],
    ]);
  });

  it('every group has two or more of one agency and priority, and every such pair is in one (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ agency: fc.constantFrom('ก', 'ข', 'ค'), agencyPriority: fc.option(fc.integer({ min: 1, max: 4 })) }),
          {
            maxLength: 30,
          },
        ),
        (items) => {
          const groups = samePriorities(items);
          for (const g of groups) {
            expect(g.items.length).toBeGreaterThan(1);
            for (const i of g.items) expect([i.agency, i.agencyPriority]).toEqual([g.agency, g.priority]);
          }
          const grouped = new Set(groups.flatMap((g) => g.items));
          for (const a of items) {
            const twin = items.some(
              (b) => b !== a && b.agency === a.agency && a.agencyPriority !== null && b.agencyPriority === a.agencyPriority,
            );
            expect(grouped.has(a)).toBe(twin);
          }
        },
      ),
    );
  });

  it("names the proposals already held with a new one's priority, apart from the new ones", () => {
    const groups = samePriorities(
      [p('อบต.ปากเพรียว', 2, 'NEW-1'), p('อบต.ดาวเรือง', 1, 'NEW-2'), p('อบต.ดาวเรือง', 3, 'NEW-3')],
      [
        p(' อบต.ปากเพรียว', 2, 'OLD-1'),
        p('อบต.ปากเพรียว', 1, 'OLD-2'),
        p('อบต.ดาวเรือง', 3, 'OLD-3'),
        p('อบต.ดาวเรือง', 3, 'OLD-4'),
        // Two held ones alike, no new one among them: not this import's doing.
        p('อบต.ตาลเดี่ยว', 1, 'OLD-5'),
        p('อบต.ตาลเดี่ยว', 1, 'OLD-6'),
        p('อบต.ปากเพรียว', null, 'OLD-7'),
      ],
    );
    expect(groups.map((g) => [g.agency, g.priority, g.items.map((i) => i.code), g.held.map((h) => h.code)])).toEqual([
      ['อบต.ดาวเรือง', 3, ['NEW-3'], ['OLD-3', 'OLD-4']],
      ['อบต.ปากเพรียว', 2, ['NEW-1'], ['OLD-1']],
    ]);
  });

  type Prioritised = { agency: string; agencyPriority: number | null };

  it('a group is one agency and priority with a new proposal and two or more in all, held ones counted (property)', () => {
    const entry = fc.record({
      agency: fc.constantFrom('ก', 'ข', 'ค'),
      agencyPriority: fc.option(fc.integer({ min: 1, max: 4 })),
    });
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 20 }), fc.array(entry, { maxLength: 20 }), (items, held) => {
        const groups = samePriorities(items, held);
        const same = (a: Prioritised, b: Prioritised): boolean =>
          a.agency === b.agency && a.agencyPriority !== null && a.agencyPriority === b.agencyPriority;
        for (const g of groups) {
          expect(g.items.length).toBeGreaterThan(0);
          expect(g.items.length + g.held.length).toBeGreaterThan(1);
          for (const i of [...g.items, ...g.held]) expect([i.agency, i.agencyPriority]).toEqual([g.agency, g.priority]);
        }
        const grouped = new Set(groups.flatMap((g) => [...g.items, ...g.held]));
        for (const a of items) expect(grouped.has(a)).toBe([...items, ...held].some((b) => b !== a && same(a, b)));
        for (const h of held) expect(grouped.has(h)).toBe(items.some((a) => same(a, h)));
      }),
    );
  });
});
