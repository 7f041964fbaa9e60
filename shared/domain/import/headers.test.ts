import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  countsOf,
  detectHeader,
  isTotalLabel,
  labelYear,
  mappedRows,
  sectionOf,
  suggestMapping,
  titleAreas,
  yearColumns,
} from './headers';
import { issueHeading, planHeading, PROPOSALS_TARGET } from './proposals-target';
import { categoryHeading, headerKey, NEEDS_TARGET, villageHeading } from './target';
import type { Cell } from './values';

describe('header detection and mapping', () => {
  it("takes a second row of units under the labels into the header ('(ล้านบาท)' under 'งบประมาณ', the others merged down)", () => {
    for (const below of [
      ['ตำบล', 'ปัญหา', 'ด้าน', '(ล้านบาท)'],
      [null, null, null, '(ล้านบาท)'],
    ]) {
      const grid: Cell[][] = [
        ['รายงานความต้องการ'],
        ['ตำบล', 'ปัญหา', 'ด้าน', 'งบประมาณ'],
        below,
        ['ปากเพรียว', 'ขอถนน', 'ถนน', 2.5],
      ];
      const h = detectHeader(grid, NEEDS_TARGET)!;
      expect(h).toMatchObject({ headerIndex: 1, headerRows: 2 });
      expect(h.labels[3]).toBe('งบประมาณ / (ล้านบาท)');
      expect(h.mapping).toEqual({ tambon: 0, title: 1, category: 2, estimated_cost: 3 });
    }
    // A data row under the header is no unit row.
    const data: Cell[][] = [
      ['ตำบล', 'ปัญหา', 'ด้าน', 'งบประมาณ'],
      ['ปากเพรียว', 'ขอถนน', 'ถนน', '(ล้านบาท)'],
    ];
    expect(detectHeader(data, NEEDS_TARGET)).toMatchObject({ headerIndex: 0, headerRows: 1 });
  });

  it("never reads a data row as a header's second row: a complaints platform's export (web addresses, timestamps)", () => {
    const grid: Cell[][] = [
      [
        'ticket_id',
        'type',
        'organization',
        'comment',
        'photo',
        'coords',
        'address',
        'subdistrict',
        'district',
        'timestamp',
        'state',
        'people',
      ],
      [
        '2026-ABCD1234',
        '{ถนน,ทางเท้า}',
        'อบต.ตาลเดี่ยว',
        'ถนนหน้าบ้านเป็นหลุมใหญ่',
        'https://storage.googleapis.com/traffy_public_bucket/a.jpg',
        '101.0123,14.5678',
        '12 หมู่ 3 ตำบลตาลเดี่ยว อำเภอแก่งคอย สระบุรี 18110 ประเทศไทย',
        'ตาลเดี่ยว',
        'แก่งคอย',
        '2026-11-02 08:15:33.123456+00',
        'รอรับเรื่อง',
        1,
      ],
    ];
    const h = detectHeader(grid, NEEDS_TARGET)!;
    expect(h).toMatchObject({ headerIndex: 0, headerRows: 1 });
    expect(h.mapping).toMatchObject({ tambon: 7, district: 8, people_affected: 11 });
  });

  it('maps a count by the unit in its brackets: households or people, whatever words it shares with the other', () => {
    const labels = ['ตำบล', 'ความต้องการ', 'จำนวนผู้ได้รับประโยชน์ (ครัวเรือน)', 'จำนวนผู้ได้รับประโยชน์ (คน)'];
    expect(suggestMapping(labels, NEEDS_TARGET)).toMatchObject({ households: 2, people_affected: 3 });
    expect(suggestMapping(['ชื่อโครงการ', 'ผู้ได้รับประโยชน์ (ครอบครัว)', 'ผู้ได้รับประโยชน์ (ราย)'], PROPOSALS_TARGET)).toMatchObject({
      households: 1,
      people: 2,
    });
    // Alone, a households column is not the people's.
    const alone = suggestMapping(['ตำบล', 'ความต้องการ', 'ผู้ได้รับประโยชน์ (หลังคาเรือน)'], NEEDS_TARGET);
    expect(alone).toMatchObject({ households: 2 });
    expect(alone).not.toHaveProperty('people_affected');
    // Both units in one column: neither decides (the request form's "(คน/ครัวเรือน)").
    expect(suggestMapping(['ชื่อโครงการ', 'ผู้ได้รับประโยชน์ (คน/ครัวเรือน)'], PROPOSALS_TARGET)).toMatchObject({ people: 1 });
  });

  it('maps a survey\'s "ประชากร" and a form\'s "ราษฎรที่ได้รับประโยชน์" as the need\'s people, never before a closer heading', () => {
    const survey = ['อำเภอ', 'ตำบล', 'ปัญหา/ความต้องการ', 'ด้าน', 'ครัวเรือน', 'ประชากร'];
    expect(suggestMapping(survey, NEEDS_TARGET)).toMatchObject({ households: 4, people_affected: 5 });
    expect(suggestMapping(['ตำบล', 'ความต้องการ', 'ราษฎรที่ได้รับประโยชน์ (คน)'], NEEDS_TARGET)).toMatchObject({
      people_affected: 2,
    });
    // The village's whole population beside the people a need reaches: the people reached.
    const both = suggestMapping(['ตำบล', 'ความต้องการ', 'ประชากรทั้งหมู่บ้าน', 'ผู้ได้รับประโยชน์'], NEEDS_TARGET);
    expect(both).toMatchObject({ people_affected: 3 });
  });

  it("maps an address's column as the tambon when no column names the tambon, never by the words its heading lists", () => {
    const form = ['ประทับเวลา', 'ชื่อ-นามสกุล', 'ที่อยู่ (บ้านเลขที่ หมู่ ตำบล อำเภอ)', 'ปัญหา/ความต้องการ', 'ด้าน', 'จำนวนคน'];
    const m = suggestMapping(form, NEEDS_TARGET);
    expect(m).toMatchObject({ tambon: 2, title: 3 });
    expect(m).not.toHaveProperty('district');
    expect(m).not.toHaveProperty('village_no');
    expect(suggestMapping(['Address', 'Need', 'Category', 'People'], NEEDS_TARGET)).toMatchObject({ tambon: 0 });
    // A tambon column of its own is the tambon; the address is then read by nothing.
    const both = suggestMapping(['ที่อยู่', 'ตำบล', 'ความต้องการ'], NEEDS_TARGET);
    expect(both).toMatchObject({ tambon: 1 });
    expect(Object.values(both)).not.toContain(0);
    // Housing is a topic, not an address; a proposal has no address field.
    expect(suggestMapping(['ที่อยู่อาศัย', 'ความต้องการ'], NEEDS_TARGET)).not.toHaveProperty('tambon');
    expect(Object.values(suggestMapping(['ชื่อโครงการ', 'ที่อยู่'], PROPOSALS_TARGET))).not.toContain(1);
  });

  it("maps a column under a group by its own label when that names a field: the group's word is the group's", () => {
    // "พื้นที่" over "หมู่ที่ | ชื่อหมู่บ้าน": the village's name is not the tambon (its names were read as tambons).
    const labels = ['ที่', 'พื้นที่ / หมู่ที่', 'พื้นที่ / ชื่อหมู่บ้าน', 'ปัญหา/ความต้องการ', 'ด้าน', 'จำนวนคน'];
    const m = suggestMapping(labels, NEEDS_TARGET);
    expect(m).toMatchObject({ village_no: 1, title: 3, category: 4 });
    expect(m).not.toHaveProperty('tambon');
    // Under "พื้นที่", "ตำบล" is the tambon still; a column whose own label names nothing keeps its group's field.
    expect(suggestMapping(['พื้นที่ / ตำบล', 'พื้นที่ / หมู่ที่', 'ความต้องการ'], NEEDS_TARGET)).toMatchObject({
      tambon: 0,
      village_no: 1,
    });
    expect(suggestMapping(['ตำบล', 'ความต้องการ', 'งบประมาณ / 2571'], NEEDS_TARGET)).toMatchObject({ estimated_cost: 2 });
  });

  it('finds the header under merged title rows and a blank row', () => {
    const grid: Cell[][] = [
      ['รายงานความต้องการ', 'รายงานความต้องการ', 'รายงานความต้องการ'],
      ['ประจำปี ๒๕๗๑'],
      [],
      ['ลำดับ', 'ตำบล', 'ปัญหา/ความต้องการ', 'ด้าน', 'จำนวนคน'],
      [1, 'ปากเพรียว', 'ขอถนน', 'ถนน', 10],
    ];
    const h = detectHeader(grid, NEEDS_TARGET)!;
    expect(h.headerIndex).toBe(3);
    expect(h.headerRows).toBe(1);
    expect(h.mapping).toEqual({ tambon: 1, title: 2, category: 3, people_affected: 4 });
  });

  it('joins a two-row header when the second row names fields the first does not', () => {
    const grid: Cell[][] = [
      ['ตำบล', 'ความต้องการ', 'ด้าน', 'จำนวน', 'จำนวน'],
      ['', '', '', 'ครัวเรือน', 'ผู้ได้รับผลกระทบ'],
      ['ปากเพรียว', 'ขอถนน', 'ถนน', 3, 10],
    ];
    const h = detectHeader(grid, NEEDS_TARGET)!;
    expect(h.headerRows).toBe(2);
    expect(h.labels[3]).toBe('จำนวน / ครัวเรือน');
    expect(h.mapping).toMatchObject({ tambon: 0, title: 1, category: 2, households: 3, people_affected: 4 });
  });

  it("maps a form's own columns (Google Forms' export): its timestamp is the date reported, the rest is passed over", () => {
    const labels = ['ประทับเวลา', 'ชื่อ-นามสกุล ผู้เสนอ', 'เบอร์โทรศัพท์', 'อำเภอ', 'ตำบล', 'หมู่ที่', 'ความต้องการของท่าน', 'ประเภทความต้องการ'];
    expect(suggestMapping(labels, NEEDS_TARGET)).toEqual({
      reported_date: 0,
      district: 3,
      tambon: 4,
      village_no: 5,
      title: 6,
      category: 7,
    });
    expect(suggestMapping(['Timestamp', 'Tambon', 'Need'], NEEDS_TARGET)).toMatchObject({ reported_date: 0 });
  });

  it('recognises English headers and units in parentheses', () => {
    expect(
      suggestMapping(['Tambon', 'Title', 'Category', 'People affected', 'Estimated cost (THB)', 'Channel'], NEEDS_TARGET),
    ).toEqual({
      tambon: 0,
      title: 1,
      category: 2,
      people_affected: 3,
      estimated_cost: 4,
      channel: 5,
    });
    expect(headerKey(' งบประมาณ (บาท) ')).toBe('งบประมาณ');
    // A unit that is all a label says of what it counts is kept.
    expect(headerKey('จำนวน (คน)')).toBe('จำนวนคน');
    expect(
      suggestMapping(['ที่', 'ตำบล', 'ปัญหา/ความต้องการ', 'ประเภท', 'จำนวน (ครัวเรือน)', 'จำนวน (คน)'], NEEDS_TARGET),
    ).toMatchObject({ tambon: 1, title: 2, category: 3, households: 4, people_affected: 5 });
  });

  it('returns null when no row names two fields', () => {
    expect(
      detectHeader(
        [
          ['a', 'b'],
          [1, 2],
        ],
        NEEDS_TARGET,
      ),
    ).toBeNull();
  });

  it('skips blank, total, repeated-header and column-number rows, keeping sheet row numbers', () => {
    const grid: Cell[][] = [
      ['ตำบล', 'ความต้องการ', 'ด้าน', 'ผู้ได้รับผลกระทบ'],
      ['(1)', '(2)', '(3)', '(4)'],
      ['ปากเพรียว', 'ขอถนน', 'ถนน', 10],
      [null, null, null, null],
      ['ตำบล', 'ความต้องการ', 'ด้าน', 'ผู้ได้รับผลกระทบ'],
      ['ดาวเรือง', 'ขอน้ำ', 'น้ำ', 20],
      ['รวมทั้งสิ้น', '', '', 30],
    ];
    const h = detectHeader(grid, NEEDS_TARGET)!;
    const { rows, skipped } = mappedRows(grid, h, h.mapping, NEEDS_TARGET);
    expect(rows.map((r) => r.row)).toEqual([3, 6]);
    expect(rows[1]!.cells).toEqual({ tambon: 'ดาวเรือง', title: 'ขอน้ำ', category: 'น้ำ', people_affected: 20 });
    expect(skipped).toEqual({ blank: 1, total: 1, header: 1, numbers: 1, section: 0, footer: 0, year: 0 });
  });

  it('reads a total by its word, not its first letters: spaced out, worded many ways, in Thai or English', () => {
    const totals = [
      'รวม',
      'ร ว ม',
      'ร  ว  ม',
      'ร ว ม ทั้ ง สิ้ น',
      'รวม :',
      '(รวม)',
      'รวม ทั้งสิ้น',
      'รวมทั้งสิ้น',
      'รวมทั้งหมด',
      'รวมเป็นเงินทั้งสิ้น',
      'รวมงบประมาณ',
      'รวมงบลงทุน',
      'รวมยอด',
      'รวมย่อย',
      'ผลรวม',
      'ยอดรวม',
      'ยอดรวมทั้งสิ้น',
      'ยอดเงินรวม',
      'ยอดยกมา',
      'สรุป',
      'สรุปรวม',
      'สรุปยอด',
      'สรุป (3 โครงการ)',
      'ทั้งสิ้น',
      'รวมยุทธศาสตร์ที่ 1',
      'รวม ยุทธศาสตร์ที่ 2',
      'รวม 3 โครงการ',
      'รวม ๒ เรื่อง',
      'รวมทั้งสิ้น (2 โครงการ)',
      'รวม อ.แก่งคอย',
      'รวมตำบลชะอม',
      'รวม (ตำบลชะอม)',
      'รวมทั้งอำเภอ',
      'รวมหมู่ที่ 3',
      'รวม สำนักงานเกษตรจังหวัดสระบุรี (2 โครงการ)',
      'Total',
      'TOTAL',
      'Sub-total',
      'Sub total',
      'Grand Total:',
      'Sum',
      'Total of strategy 1',
    ];
    for (const t of totals) expect(isTotalLabel(t), t).toBe(true);
    const names = [
      'รวมพลังชุมชนต้านยาเสพติด',
      'รวมกลุ่มผู้ปลูกผักปลอดภัย',
      'รวมใจภักดิ์ รักษ์พื้นที่สีเขียว',
      'รวมหมู่บ้านต้านภัยแล้ง',
      'ยอดนักอ่านรุ่นเยาว์',
      'ยอดรวมกลุ่มผู้สูงอายุขอสนับสนุนกิจกรรม',
      'สรุปอื่น',
      'สรุปความต้องการของประชาชน อำเภอแก่งคอย',
      'ทั้งหมดนี้',
      'Summer Camp เยาวชนสระบุรี',
      'Subway',
      'Total Quality Management',
    ];
    for (const t of names) expect(isTotalLabel(t), t).toBe(false);
  });

  it('skips total rows worded and placed as reports write them, under a heading and beside a category column', () => {
    const grid: Cell[][] = [
      ['ลำดับ', 'ตำบล', 'หมู่ที่', 'ความต้องการ', 'ด้าน', 'ครัวเรือน', 'งบประมาณ'],
      ['1. ด้านแหล่งน้ำ'],
      [1, 'ชะอม', 3, 'ขอขุดลอกสระน้ำสาธารณะ', null, 20, '300,000'],
      [null, null, null, 'ร ว ม', null, 20, '300,000'],
      [2, 'ชะอม', 2, 'ขอซ่อมถนนลูกรัง', 'ถนน', 30, '200,000'],
      [null, null, null, 'สรุปรวม', null, 30, '200,000'],
      [null, 'ร ว ม', null, null, null, 50, '500,000'],
      ['ผลรวม', null, null, null, null, 50, '500,000'],
      // A need whose title begins with รวม, and a village written ทั้งหมด (the whole tambon), are data.
      [3, 'ชะอม', 'ทั้งหมด', 'รวมกลุ่มอาชีพสตรีทำขนมไทย', 'เศรษฐกิจ', 5, '50,000'],
      [4, 'ชะอม', 4, 'ยอดรวมกลุ่มผู้สูงอายุ', 'สังคม', 5, null],
    ];
    const h = detectHeader(grid, NEEDS_TARGET)!;
    const { rows, skipped } = mappedRows(grid, h, h.mapping, NEEDS_TARGET);
    expect(rows.map((r) => [r.row, r.cells['title']])).toEqual([
      [3, 'ขอขุดลอกสระน้ำสาธารณะ'],
      [5, 'ขอซ่อมถนนลูกรัง'],
      [9, 'รวมกลุ่มอาชีพสตรีทำขนมไทย'],
      [10, 'ยอดรวมกลุ่มผู้สูงอายุ'],
    ]);
    expect(rows.every((r) => r.totalLike === undefined)).toBe(true);
    expect(skipped.total).toBe(4);
  });

  it('a label whose total word runs on into a name is a total outside the name column, in a row with no name', () => {
    const grid: Cell[][] = [
      ['ที่', 'ตำบล', 'หมู่ที่', 'ความต้องการ', 'ด้าน', 'ครัวเรือน', 'งบประมาณ'],
      [1, 'คชสิทธิ์', 1, 'ขอขุดลอกคลองส่งน้ำ', 'น้ำ', 20, '50,000'],
      // รวม and the tambon's name without ต., a count where the need goes: a subtotal.
      [null, 'รวมคชสิทธิ์', null, '2 เรื่อง', null, 20, '50,000'],
      // A need whose title begins with รวม, without a village or a running number: still a need.
      [null, null, null, 'รวมพลังชุมชนต้านยาเสพติด', 'สังคม', 5, '10,000'],
      // Beside a need of its own, such a label is read as written (and refused later for its unknown tambon).
      [2, 'รวมไทย', 2, 'ขอซ่อมถนน', 'ถนน', 10, '80,000'],
    ];
    const h = detectHeader(grid, NEEDS_TARGET)!;
    const { rows, skipped } = mappedRows(grid, h, h.mapping, NEEDS_TARGET);
    expect(rows.map((r) => [r.row, r.cells['title'], r.totalLike])).toEqual([
      [2, 'ขอขุดลอกคลองส่งน้ำ', undefined],
      [4, 'รวมพลังชุมชนต้านยาเสพติด', undefined],
      [5, 'ขอซ่อมถนน', undefined],
    ]);
    expect(skipped.total).toBe(1);
  });

  it('passes on, marked, a row that looks like a total but has a code or a name of its own', () => {
    const grid: Cell[][] = [
      ['รหัสโครงการ', 'ชื่อโครงการ', 'หน่วยงานรับผิดชอบ', 'พื้นที่ดำเนินการ', 'งบประมาณ'],
      ['A1', 'โครงการ ก', 'สำนักงานเกษตรจังหวัดสระบุรี', 'ต.ตาลเดี่ยว', 100000],
      // Its own code beside a total's label: marked.
      ['X9', 'รวม 3 โครงการ', null, null, 100000],
      // A project whose name begins with รวม, with its code: data.
      ['R1', 'รวมพลังชุมชนต้านยาเสพติด', 'สำนักงานป้องกันจังหวัดสระบุรี', 'ต.ตาลเดี่ยว', 150000],
      // A total's label over a count of projects, or the same label merged across: a total.
      ['รวมทั้งสิ้น', '3 โครงการ', null, null, 250000],
      ['ผลรวม', 'ผลรวม', null, null, 250000],
      ['E1', 'Summer Camp เยาวชนสระบุรี', 'สำนักงานการท่องเที่ยวและกีฬาจังหวัดสระบุรี', 'ต.ตาลเดี่ยว', 100000],
    ];
    const h = detectHeader(grid, PROPOSALS_TARGET)!;
    const { rows, skipped } = mappedRows(grid, h, h.mapping, PROPOSALS_TARGET);
    expect(rows.map((r) => r.row)).toEqual([2, 3, 4, 7]);
    expect(rows[1]!.totalLike).toEqual({ column: 1, text: 'รวม 3 โครงการ', own: { column: 0, text: 'X9' } });
    expect(rows.filter((r) => r.totalLike).map((r) => r.row)).toEqual([3]);
    expect(skipped.total).toBe(2);
  });

  it('a label "รวม" and words, without a code, is a total only when its amount is the sum of the rows above it', () => {
    const grid: Cell[][] = [
      ['รหัสโครงการ', 'ชื่อโครงการ', 'หน่วยงานรับผิดชอบ', 'พื้นที่ดำเนินการ', 'งบประมาณ'],
      ['A1', 'โครงการ ก', 'สำนักงานเกษตรจังหวัดสระบุรี', 'ต.ตาลเดี่ยว', 100000],
      ['A2', 'โครงการ ข', 'สำนักงานเกษตรจังหวัดสระบุรี', 'ต.ตาลเดี่ยว', 150000],
      // A project's name that begins with the word รวม, and an amount of its own: marked, not passed over.
      [null, 'รวม ใจ พัฒนา ลานกีฬา', 'สำนักงานการท่องเที่ยวและกีฬาจังหวัดสระบุรี', 'ต.ตาลเดี่ยว', 80000],
      // The same kind of label over the sum of the rows above (the marked row aside): a total.
      [null, 'รวม สอง โครงการ', null, null, 250000],
      ['A3', 'โครงการ ค', 'สำนักงานเกษตรจังหวัดสระบุรี', 'ต.ตาลเดี่ยว', 40000],
      // The sum since the previous total, or since the table's start: a total.
      [null, 'รวม งานถนน', null, null, '40,000'],
      [null, 'รวม ทุก งาน', null, null, 290000],
      // No amount: a total; a label that is clearly a total's: a total, whatever its amount.
      [null, 'รวม ใจ ไทย', null, null, null],
      [null, 'รวมทั้งสิ้น', null, null, 999],
    ];
    const h = detectHeader(grid, PROPOSALS_TARGET)!;
    const { rows, skipped, totalRows } = mappedRows(grid, h, h.mapping, PROPOSALS_TARGET);
    expect(rows.map((r) => r.row)).toEqual([2, 3, 4, 6]);
    expect(rows[2]!.totalLike).toEqual({
      column: 1,
      text: 'รวม ใจ พัฒนา ลานกีฬา',
      notSum: { column: 4, text: '80000', sum: 25_000_000 },
    });
    expect(skipped.total).toBe(5);
    expect(totalRows).toEqual([5, 7, 8, 9, 10]);
  });

  it("skips a report's page furniture between its pages: the title again (its page number aside), a page number alone", () => {
    const grid: Cell[][] = [
      ['สรุปความต้องการของประชาชน อำเภอเมืองสระบุรี หน้า 1'],
      ['ตำบล', 'ความต้องการ', 'ด้าน', 'ผู้ได้รับผลกระทบ'],
      ['ปากเพรียว', 'ขอถนน', 'ถนน', 10],
      ['- 1 -'],
      ['สรุปความต้องการของประชาชน อำเภอเมืองสระบุรี หน้า 2', null, null, null],
      ['ตำบล', 'ความต้องการ', 'ด้าน', 'ผู้ได้รับผลกระทบ'],
      ['ดาวเรือง', 'ขอน้ำ', 'น้ำ', 20],
      [null, 'หน้าที่ 2 จาก 2', null, null],
      // Text that is no title and no page: still a row, refused later for what it lacks.
      ['สรุปอื่น'],
    ];
    const h = detectHeader(grid, NEEDS_TARGET)!;
    const { rows, skipped } = mappedRows(grid, h, h.mapping, NEEDS_TARGET);
    expect(rows.map((r) => r.row)).toEqual([3, 7, 9]);
    expect(skipped.header).toBe(4);
  });

  it('reads tables stacked on one sheet: a later title over the header again heads the rows under it with its areas', () => {
    const grid: Cell[][] = [
      ['สรุปความต้องการของประชาชน อำเภอเสาไห้'],
      ['ตำบล', 'ความต้องการ', 'ด้าน', 'ผู้ได้รับผลกระทบ'],
      ['เสาไห้', 'ขอถนน', 'ถนน', 10],
      [null, null, null, null],
      ['สรุปความต้องการของประชาชน อำเภอแก่งคอย'],
      ['ตำบล', 'ความต้องการ', 'ด้าน', 'ผู้ได้รับผลกระทบ'],
      ['ตาลเดี่ยว', 'ขอไฟฟ้า', 'ไฟฟ้า', 30],
      // A lone text with no header under it stays a row (refused later for what it lacks).
      ['ขอถนน อำเภอแก่งคอย'],
    ];
    const h = detectHeader(grid, NEEDS_TARGET)!;
    const { rows, skipped } = mappedRows(grid, h, h.mapping, NEEDS_TARGET, 1, ['อำเภอเสาไห้']);
    expect(rows.map((r) => [r.row, r.cells['district'] ?? null])).toEqual([
      [3, 'อำเภอเสาไห้'],
      [7, 'อำเภอแก่งคอย'],
      [8, 'อำเภอแก่งคอย'],
    ]);
    expect(skipped).toMatchObject({ section: 1, header: 1, blank: 1 });
  });

  it('maps a field to a column the sheet shows before an equal one it hides, and to a hidden one when it is the only', () => {
    const labels = ['ตำบล', 'ความต้องการ', 'ด้าน', 'ผู้ได้รับผลกระทบ', 'งบประมาณ', 'งบประมาณ'];
    expect(suggestMapping(labels, NEEDS_TARGET)['estimated_cost']).toBe(4);
    expect(suggestMapping(labels, NEEDS_TARGET, new Set([4]))['estimated_cost']).toBe(5);
    expect(suggestMapping(labels.slice(0, 5), NEEDS_TARGET, new Set([4]))['estimated_cost']).toBe(4);
  });

  it('names district reports use: ความเดือดร้อน, กลุ่มเป้าหมาย, ผู้ได้รับความเดือดร้อน, วงเงิน', () => {
    const labels = ['ตำบล', 'ปัญหาความเดือดร้อน', 'ด้าน', 'จำนวนผู้ได้รับความเดือดร้อน (คน)', 'วงเงิน (บาท)'];
    expect(suggestMapping(labels, NEEDS_TARGET)).toEqual({
      tambon: 0,
      title: 1,
      category: 2,
      people_affected: 3,
      estimated_cost: 4,
    });
    expect(suggestMapping(['ความเดือดร้อน', 'กลุ่มเป้าหมาย'], NEEDS_TARGET)).toEqual({ title: 0, people_affected: 1 });
    // As a complaints register writes them.
    expect(suggestMapping(['ลำดับที่', 'รหัสตำบล', 'ปัญหา/ความต้องการ', 'กลุ่มปัญหา', 'จำนวนผู้เดือดร้อน'], NEEDS_TARGET)).toEqual({
      tambon: 1,
      title: 2,
      category: 3,
      people_affected: 4,
    });
    expect(suggestMapping(['ตำบล', 'เรื่อง', 'ประเภทความต้องการ', 'จำนวนผู้ประสบปัญหา'], NEEDS_TARGET)).toEqual({
      tambon: 0,
      title: 1,
      category: 2,
      people_affected: 3,
    });
  });

  it('a complaints export’s ticket number and a petition register’s number are the need’s id', () => {
    expect(suggestMapping(['ticket_id', 'type', 'subdistrict', 'จำนวนผู้เดือดร้อน'], NEEDS_TARGET)).toMatchObject({ id: 0 });
    expect(suggestMapping(['เลขที่คำร้อง', 'เรื่อง', 'ตำบล', 'จำนวนผู้เดือดร้อน'], NEEDS_TARGET)).toMatchObject({ id: 0, title: 1 });
  });

  it('an estimate headed "ประมาณการ" alone is the cost; an estimate of people stays the people', () => {
    const labels = ['ตำบล', 'หมู่', 'ปัญหา/ความต้องการ', 'ประเภท', 'จำนวนคน', 'ประมาณการ'];
    expect(suggestMapping(labels, NEEDS_TARGET)).toMatchObject({ title: 2, people_affected: 4, estimated_cost: 5 });
    expect(suggestMapping(['ตำบล', 'ความต้องการ', 'ประมาณการ (บาท)'], NEEDS_TARGET)).toMatchObject({ estimated_cost: 2 });
    expect(suggestMapping(['ตำบล', 'ความต้องการ', 'ประมาณการผู้ได้รับประโยชน์ (คน)'], NEEDS_TARGET)).toEqual({
      tambon: 0,
      title: 1,
      people_affected: 2,
    });
  });

  it('a group row over its labels keeps its unit, merged across or drawn without merging', () => {
    const merged: Cell[][] = [
      ['ชื่อโครงการ', 'หน่วยงานรับผิดชอบ', 'งบประมาณ (ล้านบาท)', 'งบประมาณ (ล้านบาท)', 'งบประมาณ (ล้านบาท)'],
      ['ชื่อโครงการ', 'หน่วยงานรับผิดชอบ', 'งบดำเนินงาน', 'งบลงทุน', 'รวม'],
      ['ขุดลอกคลอง', 'อบต.เสาไห้', '-', 2.5, 2.5],
    ];
    const unmerged: Cell[][] = [
      ['ชื่อโครงการ', 'หน่วยงานรับผิดชอบ', 'งบประมาณ (ล้านบาท)', null, null],
      [null, null, 'งบดำเนินงาน', 'งบลงทุน', 'รวม'],
      ['ขุดลอกคลอง', 'อบต.เสาไห้', '-', 2.5, 2.5],
    ];
    for (const grid of [merged, unmerged]) {
      const h = detectHeader(grid, PROPOSALS_TARGET)!;
      expect(h).toMatchObject({ headerIndex: 0, headerRows: 2 });
      expect(h.labels.slice(2)).toEqual([
        'งบประมาณ (ล้านบาท) / งบดำเนินงาน',
        'งบประมาณ (ล้านบาท) / งบลงทุน',
        'งบประมาณ (ล้านบาท) / รวม',
      ]);
      expect(h.mapping).toMatchObject({ title: 0, agency: 1, operating: 2, investment: 3, requested: 4 });
    }
  });

  it('a title merged across its row is no header, though its words name fields', () => {
    const title = 'แบบรายงานความต้องการของประชาชน ตำบล';
    expect(detectHeader([[title, title, title, title], ['กรอกข้อมูลในแผ่นงานถัดไป']], NEEDS_TARGET)).toBeNull();
    const h = detectHeader(
      [
        [title, title, title, title],
        ['ตำบล', 'ความต้องการ', 'ด้าน', 'จำนวนคน'],
      ],
      NEEDS_TARGET,
    );
    expect(h).toMatchObject({ headerIndex: 1, headerRows: 1 });
  });

  it('section headings fill their field below them until the next heading of it or of a coarser one', () => {
    const grid: Cell[][] = [
      ['หมู่ที่', 'ความต้องการ', 'ด้าน', 'ผู้ได้รับผลกระทบ'],
      ['ตำบลดาวเรือง'],
      [1, 'ขอถนน', 'ถนน', 10],
      ['ต.หนองโน (12 หมู่บ้าน)', 'ต.หนองโน (12 หมู่บ้าน)', 'ต.หนองโน (12 หมู่บ้าน)', 'ต.หนองโน (12 หมู่บ้าน)'],
      [2, 'ขอน้ำ', 'น้ำ', 20],
      ['อำเภอเสาไห้'],
      [3, 'ขอไฟ', 'ไฟฟ้า', 5],
    ];
    const h = detectHeader(grid, NEEDS_TARGET)!;
    expect(h).toMatchObject({ headerIndex: 0, headerRows: 1 });
    const { rows, skipped, sectionKeys } = mappedRows(grid, h, h.mapping, NEEDS_TARGET, 1, ['อ.เมืองสระบุรี']);
    expect(rows.map((r) => [r.row, r.cells['district'], r.cells['tambon']])).toEqual([
      [3, 'อ.เมืองสระบุรี', 'ตำบลดาวเรือง'],
      [5, 'อ.เมืองสระบุรี', 'ต.หนองโน'],
      [7, 'อำเภอเสาไห้', undefined],
    ]);
    expect(skipped.section).toBe(3);
    expect(sectionKeys.sort()).toEqual(['district', 'tambon']);
  });

  it('a heading is one text (or one merged across the row) naming something after its prefix, without digits', () => {
    const sections = NEEDS_TARGET.sections;
    expect(sectionOf(['ตำบลเสาไห้'], sections)).toEqual({ index: 1, key: 'tambon', value: 'ตำบลเสาไห้' });
    expect(sectionOf(['อ. หนองแค', 'อ. หนองแค'], sections)).toEqual({ index: 0, key: 'district', value: 'อ. หนองแค' });
    expect(sectionOf(['ตำบลเสาไห้ 12 หมู่บ้าน'], sections)).toEqual({ index: 1, key: 'tambon', value: 'ตำบลเสาไห้' });
    expect(sectionOf(['อำเภอเสาไห้ จำนวน ๑๒ ตำบล'], sections)).toEqual({ index: 0, key: 'district', value: 'อำเภอเสาไห้' });
    expect(sectionOf(['ตำบล'], sections)).toBeNull();
    expect(sectionOf(['ต.ค. 2569'], sections)).toBeNull();
    expect(sectionOf(['ตำบลเสาไห้', 'ขอถนน'], sections)).toBeNull();
    expect(sectionOf(['ขอถนน'], sections)).toBeNull();
    expect(sectionOf(['ตำบลเสาไห้'], undefined)).toBeNull();
  });

  it('village, category, issue and plan headings are read by their sections; a data row is none of them', () => {
    expect(villageHeading('หมู่ที่ 3 บ้านหนองโน')).toBe('3');
    expect(villageHeading('ม.๑๒')).toBe('12');
    expect(villageHeading('หมู่ 4 (45 ครัวเรือน)')).toBe('4');
    expect(villageHeading('บ้านโพธิ์ ม.5')).toBe('5');
    expect(villageHeading('บ้านโพธิ์')).toBeNull();
    expect(villageHeading('3')).toBeNull();
    expect(villageHeading('หมู่ที่ 3 ขอถนน 200 เมตร')).toBeNull();
    expect(categoryHeading('ด้านแหล่งน้ำ')).toBe('water');
    // A label spanning several categories heads its rows as written: each row's title says which.
    expect(categoryHeading('1. ด้านโครงสร้างพื้นฐาน (4 เรื่อง)')).toBe('ด้านโครงสร้างพื้นฐาน');
    expect(categoryHeading('ด้านการศึกษา ศาสนาและวัฒนธรรม')).toBe('ด้านการศึกษา ศาสนาและวัฒนธรรม');
    expect(categoryHeading('๕. ด้านการป้องกันและบรรเทาสาธารณภัย')).toBe('safety_disaster');
    expect(categoryHeading('๒) สาธารณสุข')).toBe('health');
    expect(categoryHeading('หมวด: การศึกษา จำนวน 3 เรื่อง')).toBe('education');
    expect(categoryHeading('ขุดลอกคลอง')).toBeNull();
    // A label in other words heads rows only when it says it is a category.
    expect(categoryHeading('๓. ด้านสุขภาวะและอนามัย')).toBe('health');
    expect(categoryHeading('สุขภาวะและอนามัย')).toBeNull();
    expect(categoryHeading('1.')).toBeNull();
    expect(issueHeading('ประเด็นการพัฒนาที่ ๒ โครงสร้างพื้นฐาน')).toBe('ประเด็นการพัฒนาที่ 2');
    expect(issueHeading('ยุทธศาสตร์ที่ 1: การบริหารจัดการน้ำ')).toBe('ประเด็นการพัฒนาที่ 1');
    expect(issueHeading('ยุทธศาสตร์การพัฒนาที่ 3')).toBe('ประเด็นการพัฒนาที่ 3');
    expect(issueHeading('ประเด็นปัญหาน้ำท่วม')).toBeNull();
    expect(planHeading('แผนงานเคหะและชุมชน')).toBe('แผนงานเคหะและชุมชน');
    expect(planHeading('แผนงาน')).toBeNull();
    // In the schemas: the village heading is the area chain's finest, the category the needs' topic.
    expect(sectionOf(['หมู่ที่ 3 บ้านหนองโน'], NEEDS_TARGET.sections)).toEqual({ index: 2, key: 'village_no', value: '3' });
    expect(sectionOf(['ด้านแหล่งน้ำ', 'ด้านแหล่งน้ำ'], NEEDS_TARGET.sections)).toMatchObject({ key: 'category', value: 'water' });
    expect(sectionOf(['ประเด็นที่ 2'], PROPOSALS_TARGET.sections)).toMatchObject({
      key: 'development_issue',
      value: 'ประเด็นการพัฒนาที่ 2',
    });
    expect(sectionOf(['หมู่ที่ 3', 'ขอถนน'], NEEDS_TARGET.sections)).toBeNull();
    // A long text is no heading (a heading names a place or a topic in a few words).
    const long = `หมู่ที่ 1 บ้าน${'ก '.repeat(20_000)}`;
    for (const read of [villageHeading, categoryHeading, issueHeading, planHeading]) expect(read(long)).toBeNull();
  });

  it('title rows name their areas, whatever separates them; the caller keeps the known ones', () => {
    const names = (title: string): string[] => titleAreas([[title], ['ตำบล', 'ความต้องการ']], 1);
    expect(names('ตำบลตาลเดี่ยว อำเภอแก่งคอย จังหวัดสระบุรี')).toEqual(['อำเภอแก่งคอย', 'ตำบลตาลเดี่ยว']);
    expect(names('องค์การบริหารส่วนตำบลตาลเดี่ยวอำเภอแก่งคอยจังหวัดสระบุรี')).toEqual(['อำเภอแก่งคอย', 'ตำบลตาลเดี่ยว']);
    expect(names('อบต.ตาลเดี่ยว อ.แก่งคอย จ.สระบุรี')).toEqual(['อำเภอแก่งคอย', 'ตำบลตาลเดี่ยว']);
    expect(names('ตำบลตาลเดี่ยว และตำบลห้วยแห้ง')).toEqual(['ตำบลตาลเดี่ยว', 'ตำบลห้วยแห้ง']);
    expect(names('สรุปความต้องการของประชาชน ประจำปี 2570')).toEqual([]);
    // Rows from the header down are not titles.
    expect(titleAreas([['ตำบล', 'ความต้องการ'], ['ตำบลตาลเดี่ยว']], 0)).toEqual([]);
  });

  it('year columns: labels that differ by the year only, as multi-year plans lay them out', () => {
    expect(labelYear('งบประมาณ / 2571 (บาท)')).toEqual({ year: 2571, rest: 'งบประมาณ / (บาท)' });
    expect(labelYear('งบประมาณปี ๒๕๗๒')).toEqual({ year: 2572, rest: 'งบประมาณ' });
    expect(labelYear('พ.ศ. 2573')).toEqual({ year: 2573, rest: '' });
    expect(labelYear('งบประมาณ')).toBeNull();
    expect(labelYear('2571-2575')).toBeNull();
    expect(labelYear('25710')).toBeNull();
    const labels = ['โครงการ', 'งบประมาณ / 2571 (บาท)', 'งบประมาณ / 2572 (บาท)', 'ผลผลิต / 2571', 'งบประมาณ / 2573 (บาท)'];
    expect(yearColumns(labels, 1)).toEqual(
      new Map([
        [2571, 1],
        [2572, 2],
        [2573, 4],
      ]),
    );
    expect(yearColumns(labels, 3)).toBeNull();
    expect(yearColumns(['งบประมาณ 2571', 'ชื่อโครงการ'], 0)).toBeNull();
    // "งบประมาณ" over years drawn without merging is a group row: the header is two rows deep.
    const grid: Cell[][] = [
      ['ชื่อโครงการ', 'หน่วยงานรับผิดชอบ', 'งบประมาณ', '', ''],
      ['', '', '2571 (บาท)', '2572 (บาท)', '2573 (บาท)'],
      ['ขุดลอกคลอง', 'อบต.ตาลเดี่ยว', '300,000', '-', '-'],
    ];
    const h = detectHeader(grid, PROPOSALS_TARGET)!;
    expect(h.headerRows).toBe(2);
    expect(h.labels.slice(2)).toEqual(['งบประมาณ / 2571 (บาท)', 'งบประมาณ / 2572 (บาท)', 'งบประมาณ / 2573 (บาท)']);
  });

  it('an investment split into equipment and land and construction maps each part, never the request to a part', () => {
    const grid: Cell[][] = [
      ['ชื่อโครงการ', 'หน่วยงานรับผิดชอบ', 'พื้นที่ดำเนินการ', 'งบประมาณ (บาท)', 'งบประมาณ (บาท)', 'งบประมาณ (บาท)'],
      ['ชื่อโครงการ', 'หน่วยงานรับผิดชอบ', 'พื้นที่ดำเนินการ', 'งบดำเนินงาน', 'ครุภัณฑ์', 'ที่ดินและสิ่งก่อสร้าง'],
      ['ศูนย์เด็กเล็ก', 'อบต.ตาลเดี่ยว', 'ต.ตาลเดี่ยว', 100000, 200000, 700000],
    ];
    const h = detectHeader(grid, PROPOSALS_TARGET)!;
    expect(h.mapping).toMatchObject({ operating: 3, equipment: 4, construction: 5 });
    expect(h.mapping['requested']).toBeUndefined();
  });

  it("the agency's priority is read from its own column, never from a row's running number (ลำดับ)", () => {
    expect(suggestMapping(['ลำดับ', 'ชื่อโครงการ', 'ลำดับความสำคัญ (1 = สำคัญที่สุด)'], PROPOSALS_TARGET)).toEqual({
      title: 1,
      priority: 2,
    });
    expect(suggestMapping(['ลำดับที่', 'ชื่อโครงการ', 'งบประมาณ'], PROPOSALS_TARGET)['priority']).toBeUndefined();
    expect(suggestMapping(['Priority', 'Project name'], PROPOSALS_TARGET)).toEqual({ priority: 0, title: 1 });
  });

  it("the request form's duration column (ระยะเวลาดำเนินการ (ปีงบประมาณ, ไตรมาส)) is no fiscal-year column", () => {
    // The province's project request form, its headers as written (planning context, project_request_fields).
    const labels = [
      'ลำดับความสำคัญ',
      'ชื่อโครงการ',
      'หน่วยงานรับผิดชอบ / หน่วยดำเนินการ',
      'ประเด็นการพัฒนาของจังหวัด (และแนวทางการพัฒนา)',
      'กลุ่มเป้าหมาย / ผู้ได้รับประโยชน์ (คน/ครัวเรือน)',
      'พื้นที่ดำเนินการ (หมู่ที่/ตำบล/อำเภอ, พิกัด)',
      'ระยะเวลาดำเนินการ (ปีงบประมาณ, ไตรมาส)',
      'งบดำเนินงาน',
      'งบลงทุน',
    ];
    const mapping = suggestMapping(labels, PROPOSALS_TARGET);
    expect(mapping).toMatchObject({ priority: 0, title: 1, agency: 2, development_issue: 3, people: 4, areas: 5, operating: 7 });
    expect(mapping['fiscal_year']).toBeUndefined();
    // Nor, by its "งบประมาณ", the amount requested.
    expect(Object.values(mapping)).not.toContain(6);
    for (const label of ['ระยะเวลา (ปีงบประมาณ)', 'ระยะเวลาการดำเนินงาน ปีงบประมาณ', 'Duration (fiscal year, quarter)']) {
      expect(suggestMapping(['ชื่อโครงการ', 'งบลงทุน', label], PROPOSALS_TARGET)).toEqual({ title: 0, investment: 1 });
    }
    // A column of the fiscal year itself is still one.
    expect(suggestMapping(['ชื่อโครงการ', 'ปีงบประมาณ พ.ศ.'], PROPOSALS_TARGET)['fiscal_year']).toBe(1);
    expect(suggestMapping(['ชื่อโครงการ', 'Fiscal year'], PROPOSALS_TARGET)['fiscal_year']).toBe(1);
  });

  it('a group written once: an empty tambon under a data row repeats its tambon and village, and is counted', () => {
    const grid: Cell[][] = [
      ['ตำบล', 'หมู่ที่', 'ความต้องการ', 'ด้าน', 'ผู้ได้รับผลกระทบ'],
      [null, null, 'ขอรถ', 'ถนน', 1],
      ['ปากเพรียว', 1, 'ขอถนน', 'ถนน', 10],
      [null, null, 'ขอประปา', 'น้ำ', 20],
      [null, 2, 'ขอไฟ', 'ไฟฟ้า', 30],
      ['รวม', null, null, null, 60],
      ['ดาวเรือง', null, 'ขอฝาย', 'น้ำ', 5],
      [null, null, 'ขอครู', 'การศึกษา', 7],
    ];
    const h = detectHeader(grid, NEEDS_TARGET)!;
    const { rows, filledDown } = mappedRows(grid, h, h.mapping, NEEDS_TARGET);
    expect(rows.map((r) => [r.cells['tambon'], r.cells['village_no'], r.cells['title']])).toEqual([
      // The first data row has nothing above: its empty tambon is refused later (REQUIRED).
      [null, null, 'ขอรถ'],
      ['ปากเพรียว', 1, 'ขอถนน'],
      ['ปากเพรียว', 1, 'ขอประปา'],
      // Its own village stays.
      ['ปากเพรียว', 2, 'ขอไฟ'],
      ['ดาวเรือง', null, 'ขอฝาย'],
      ['ดาวเรือง', null, 'ขอครู'],
    ]);
    expect(filledDown).toBe(3);
    // Under a tambon heading the heading fills it: nothing is filled down.
    const headed = mappedRows([grid[0]!, ['ตำบลเสาไห้'], ...grid.slice(2)], h, h.mapping, NEEDS_TARGET);
    expect(headed.filledDown).toBe(0);
  });

  it('a ditto mark repeats the cell above, of the data row before (a heading or a total between does not count)', () => {
    const grid: Cell[][] = [
      ['ตำบล', 'ความต้องการ', 'ด้าน', 'ผู้ได้รับผลกระทบ'],
      ['ปากเพรียว', 'ขอถนน', 'ถนน', 10],
      ['〃', 'ขอไฟ', '"', 20],
      ['รวม', null, null, 30],
      ['” ', 'ขอน้ำ', 'น้ำ', 5],
    ];
    const h = detectHeader(grid, NEEDS_TARGET)!;
    const { rows } = mappedRows(grid, h, h.mapping, NEEDS_TARGET);
    expect(rows.map((r) => [r.cells['tambon'], r.cells['category']])).toEqual([
      ['ปากเพรียว', 'ถนน'],
      ['ปากเพรียว', 'ถนน'],
      ['ปากเพรียว', 'น้ำ'],
    ]);
    // On the first data row there is nothing above: the mark stays, and the row is refused by its parser.
    const first = mappedRows([grid[0]!, ['〃', 'ขอถนน', 'ถนน', 10]], h, h.mapping, NEEDS_TARGET);
    expect(first.rows[0]!.cells['tambon']).toBe('〃');
  });

  it('without a column for them, headings fill village and category; a heading ends those met after the one it replaces', () => {
    const grid: Cell[][] = [
      ['ตำบล', 'ความต้องการ', 'ผู้ได้รับผลกระทบ'],
      ['ด้านแหล่งน้ำ'],
      ['ปากเพรียว', 'ขอน้ำ', 10],
      ['หมู่ที่ 2'],
      ['ปากเพรียว', 'ขอฝาย', 12],
      ['ด้านการศึกษา'],
      ['ปากเพรียว', 'ขอครู', 14],
      ['ม.4'],
      ['ตำบลดาวเรือง'],
      [null, 'ขอรถ', 16],
    ];
    const h = detectHeader(grid, NEEDS_TARGET)!;
    const { rows, skipped, sectionKeys } = mappedRows(grid, h, h.mapping, NEEDS_TARGET);
    expect(rows.map((r) => [r.cells['tambon'], r.cells['category'], r.cells['village_no']])).toEqual([
      ['ปากเพรียว', 'water', undefined],
      ['ปากเพรียว', 'water', '2'],
      // ด้านการศึกษา ends หมู่ที่ 2 (met under ด้านแหล่งน้ำ), ตำบลดาวเรือง nothing of the topics (met before it).
      ['ปากเพรียว', 'education', undefined],
      ['ตำบลดาวเรือง', 'education', undefined],
    ]);
    expect(skipped.section).toBe(5);
    expect(sectionKeys.sort()).toEqual(['category', 'tambon', 'village_no']);
  });

  it('a signature block and the short rows under it are footer; a full row ends it; a note alone is footer', () => {
    const grid: Cell[][] = [
      ['ตำบล', 'ความต้องการ', 'ด้าน', 'ผู้ได้รับผลกระทบ'],
      ['ปากเพรียว', 'ขอถนน', 'ถนน', 10],
      ['หมายเหตุ: ข้อมูลจากประชาคม'],
      [null, 'ลงชื่อ ........ ผู้รายงาน'],
      [null, '(นายสมชาย ใจดี)', 'ปลัดอำเภอ'],
      ['ดาวเรือง', 'ขอน้ำ', 'น้ำ', 20],
      ['ดาวเรือง', 'ขอไฟ'],
    ];
    const h = detectHeader(grid, NEEDS_TARGET)!;
    const { rows, skipped } = mappedRows(grid, h, h.mapping, NEEDS_TARGET);
    expect(rows.map((r) => r.row)).toEqual([2, 6, 7]);
    expect(skipped.footer).toBe(3);
  });

  it('a heading that counts ("จำนวนความต้องการ", "จำนวนหมู่บ้าน") names no title, village or area; quantities still map', () => {
    const summary = ['ตำบล', 'จำนวนหมู่บ้าน', 'จำนวนความต้องการ (เรื่อง)', 'จำนวนประชาชน (คน)', 'งบประมาณ (บาท)'];
    expect(suggestMapping(summary, NEEDS_TARGET)).toEqual({ tambon: 0, people_affected: 3, estimated_cost: 4 });
    expect(suggestMapping(['Tambon', 'Number of needs', 'People'], NEEDS_TARGET)).toEqual({ tambon: 0, people_affected: 2 });
    expect(suggestMapping(['ตำบล', 'ปัญหา', 'จำนวนครัวเรือน', 'จำนวนเงิน'], NEEDS_TARGET)).toEqual({
      tambon: 0,
      title: 1,
      households: 2,
      estimated_cost: 3,
    });
    expect(suggestMapping(['ตำบล', 'จำนวนโครงการ', 'งบประมาณ (บาท)'], PROPOSALS_TARGET)).not.toHaveProperty('title');
    const title = NEEDS_TARGET.fields.find((f) => f.key === 'title')!;
    expect(['จำนวนความต้องการ (เรื่อง)', 'จำนวนเรื่อง', 'number of needs'].map((l) => countsOf(l, title))).toEqual([true, true, true]);
    expect(['ความต้องการ', 'จำนวน', 'จำนวนคน'].map((l) => countsOf(l, title))).toEqual([false, false, false]);
    expect(
      countsOf(
        'จำนวนโครงการ',
        PROPOSALS_TARGET.fields.find((f) => f.key === 'title')!,
      ),
    ).toBe(true);
  });

  it('property: the mapping is one-to-one and the header is found below any number of title rows', () => {
    const labels = ['ตำบล', 'ความต้องการ', 'ด้าน', 'ผู้ได้รับผลกระทบ', 'ครัวเรือน', 'หมู่ที่', 'ช่องทาง', 'วันที่', 'งบประมาณ'];
    fc.assert(
      fc.property(fc.shuffledSubarray(labels, { minLength: 3 }), fc.nat({ max: 8 }), (cols, titles) => {
        const grid: Cell[][] = [...Array.from({ length: titles }, (_, i) => [`หัวเรื่องที่ ${i}`]), cols, cols.map(() => 'x')];
        const h = detectHeader(grid, NEEDS_TARGET)!;
        expect(h.headerIndex).toBe(titles);
        const used = Object.values(h.mapping);
        expect(new Set(used).size).toBe(used.length);
        expect(Object.keys(h.mapping)).toHaveLength(cols.length);
      }),
    );
  });
});
