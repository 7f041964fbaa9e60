import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatBaht } from '../money';
import {
  cellLines,
  cellText,
  listedItems,
  lostDigits,
  parseAmount,
  parseCategory,
  parseChannel,
  parseCount,
  parseCountOf,
  parseDateCell,
  parseStatus,
  parseVillageNo,
  amountText,
} from './values';
import { BAHT, HUNDRED_THOUSAND_BAHT, MILLION_BAHT, TEN_THOUSAND_BAHT, THOUSAND_BAHT } from './units';

const THAI_DIGITS = '๐๑๒๓๔๕๖๗๘๙';
/** A parser's refusal whose English and Thai reasons contain `en` and `th`. */
const refusal = (en: string, th: string): object => ({
  ok: false,
  en: expect.stringContaining(en),
  th: expect.stringContaining(th),
});
const thai = (s: string): string => s.replace(/\d/gu, (d) => THAI_DIGITS[Number(d)]!);

describe('parseCount', () => {
  it.each([
    [1200, 1200],
    ['1,200', 1200],
    ['๑,๒๐๐', 1200],
    [' 45 คน', 45],
    ['12 ครัวเรือน', 12],
    ['0', 0],
    ['ประมาณ 150 คน', 150],
    ['ราว ๆ 40 ครัวเรือน', 40],
    // a column formatted with decimals, saved as CSV; a data tool's numeric column with blanks
    ['1,200.00', 1200],
    ['1200.0', 1200],
    ['๔๕.๐๐ คน', 45],
  ])('%j → %d', (cell, value) => expect(parseCount(cell)).toEqual({ ok: true, value }));
  it.each([['-3'], [-3], [1.5], ['1.5'], ['1.50'], ['1.000'], ['1.'], ['สิบ'], ['1,2x0'], [''], [null]])(
    'refuses %j with a reason in both languages',
    (cell) => {
      const r = parseCount(cell);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.en.length * r.th.length).toBeGreaterThan(0);
    },
  );
  it('property: any count written with separators, Thai digits or a unit reads back', () => {
    fc.assert(
      fc.property(fc.nat({ max: 99_999_999 }), fc.boolean(), fc.constantFrom('', ' คน', ' ครัวเรือน'), (n, useThai, unit) => {
        const text = n.toLocaleString('en-US') + unit;
        expect(parseCount(useThai ? thai(text) : text)).toEqual({ ok: true, value: n });
      }),
    );
  });
});

describe('parseCount: commas', () => {
  it('refuses commas that do not separate thousands, reads those that do', () => {
    expect(parseCount('12,34 คน')).toMatchObject({
      ok: false,
      en: expect.stringContaining('commas that do not separate thousands'),
    });
    expect(parseCount('1,200 คน')).toEqual({ ok: true, value: 1200 });
  });
});

describe('parseCount: past a billion', () => {
  it.each([['99999999999'], [5e9], ['1,500,000,000 คน']])('%j is refused as more than 1,000,000,000, not as no number', (cell) =>
    expect(parseCount(cell)).toMatchObject({ ok: false, en: expect.stringContaining('is more than 1,000,000,000') }),
  );
});

describe('parseCount: the unit after a figure', () => {
  it.each([
    ['1,200 คน', 1200],
    ['5 ท่าน', 5],
    ['40 หลัง', 40],
    ['12 ครอบครัว', 12],
    ['3 ครั้ง', 3],
    ['7 families', 7],
  ])('%j is %d', (cell, n) => expect(parseCount(cell)).toEqual({ ok: true, value: n }));
});

describe('parseCountOf', () => {
  it.each([
    ['150 คน / 45 ครัวเรือน', 150, 45],
    ['45 ครัวเรือน 150 คน', 150, 45],
    ['ประชาชนหมู่ที่ 1 จำนวน ๑,๕๐๐ คน ๔๐๐ หลังคาเรือน', 1500, 400],
    // The words a heading's brackets read are read after a figure too (one list).
    ['120 ท่าน 30 ครอบครัว', 120, 30],
    ['80 persons, 20 families', 80, 20],
    ['15 people / 4 hh', 15, 4],
  ])('%j: people %d, households %d (the number before each unit)', (cell, people, households) => {
    expect(parseCountOf('people')(cell)).toEqual({ ok: true, value: people });
    expect(parseCountOf('households')(cell)).toEqual({ ok: true, value: households });
  });
  it('a range or a sum before the unit is refused naming both numbers, not read as the number next to the unit', () => {
    for (const cell of ['150-200 คน', '150 - 200 คน', '150–200 คน', '150 ถึง 200 คน', '70+80 คน', '1,500-2,000 คน']) {
      expect(parseCountOf('people')(cell)).toMatchObject(refusal('gives a range or a sum', 'เป็นช่วงหรือผลบวกของตัวเลข'));
    }
    expect(parseCountOf('households')('30-40 ครัวเรือน')).toMatchObject({ ok: false, en: expect.stringContaining('(30 and 40)') });
    // A village's number before a dash is not a range.
    expect(parseCountOf('people')('หมู่ที่ 1 - 150 คน')).toEqual({ ok: true, value: 150 });
    expect(parseCountOf('people')('ม.3-150 คน')).toEqual({ ok: true, value: 150 });
  });
  it('several counts of one unit take the one a total names, else are refused naming them', () => {
    expect(parseCountOf('people')('รวม 150 คน (ชาย 70 คน หญิง 80 คน)')).toEqual({ ok: true, value: 150 });
    expect(parseCountOf('people')('ชาย 70 คน หญิง 80 คน รวมทั้งสิ้น ๑๕๐ คน')).toEqual({ ok: true, value: 150 });
    expect(parseCountOf('people')('ชาย 70 คน หญิง 80 คน')).toMatchObject({
      ok: false,
      en: "'ชาย 70 คน หญิง 80 คน' gives 2 counts of people (70, 80): write their total, or the one count",
      th: expect.stringContaining('มีจำนวนคน 2 จำนวน (70, 80)'),
    });
  });
  it('two counts of one unit, or none, are refused as parseCount refuses them', () => {
    expect(parseCountOf('people')('ผู้สูงอายุ 20 คน ผู้พิการ 5 คน').ok).toBe(false);
    expect(parseCountOf('households')('ประชาชนหมู่ที่ 1 จำนวน 150 คน').ok).toBe(false);
    expect(parseCountOf('people')('ประชาชนทั้งตำบล').ok).toBe(false);
  });
  it('a count in the other unit alone is refused, saying which it counts; plain numbers and the own unit stay', () => {
    expect(parseCountOf('households')('1,500 คน')).toMatchObject({ ok: false, en: "'1,500 คน' counts people, not households" });
    expect(parseCountOf('people')('45 ครัวเรือน')).toMatchObject({ ok: false, th: expect.stringContaining('ไม่ใช่จำนวนคน') });
    expect(parseCountOf('people')('150')).toEqual({ ok: true, value: 150 });
    expect(parseCountOf('people')('๑๒๐ ราย')).toEqual({ ok: true, value: 120 });
    expect(parseCountOf('households')(45)).toEqual({ ok: true, value: 45 });
  });
  it('counts houses and families as households; a place behind something is no unit', () => {
    expect(parseCountOf('households')('40 หลัง')).toEqual({ ok: true, value: 40 });
    expect(parseCountOf('households')('๑๒ ครอบครัว')).toEqual({ ok: true, value: 12 });
    expect(parseCountOf('people')('40 หลัง')).toMatchObject({ ok: false, th: expect.stringContaining('ไม่ใช่จำนวนคน') });
    expect(parseCountOf('people')('หมู่ 3 หลังโรงเรียน 150 คน')).toEqual({ ok: true, value: 150 });
  });
  it("reads a figure after Excel's text mark as the figure", () => {
    expect(parseCountOf('people')("'150")).toEqual({ ok: true, value: 150 });
    expect(parseVillageNo("'5")).toEqual({ ok: true, value: 5 });
    expect(parseAmount("'350000")).toEqual({ ok: true, value: 35_000_000 });
    expect(parseDateCell("'01/10/2569")).toEqual({ ok: true, value: '2026-10-01' });
    expect(cellText("'ขอถนน")).toBe("'ขอถนน");
  });
});

describe('parseVillageNo', () => {
  it.each([
    [3, 3],
    ['3', 3],
    ['ม.3', 3],
    ['ม. ๓', 3],
    ['ม3', 3],
    ['หมู่ 12', 12],
    ['หมู่ที่ 2', 2],
    ['หมู่ที่ ๒ บ้านหนองโน', 2],
    ['ม.7 บ.โคกกรวด', 7],
    ['Moo 4', 4],
    ['บ้านหนองโน ม.3', 3],
    ['ม.3 (บ้านใหม่)', 3],
    ['หมู่ที่ 5(บ้านโป่ง)', 5],
    ['บ้านหนอง โน หมู่ที่ ๑๑', 11],
    ['3.0', 3],
  ])('%j → %d', (cell, value) => expect(parseVillageNo(cell)).toEqual({ ok: true, value }));
  it.each([['ทุกหมู่บ้าน'], ['ทั้งตำบล']])('%j is the whole tambon: no village', (cell) =>
    expect(parseVillageNo(cell)).toEqual({ ok: true, value: null }),
  );
  it.each([['ม.1-5'], ['หมู่ 1,2'], ['หมู่ที่ 1 และ หมู่ที่ 3']])('%j names several villages: refused, saying what to write', (cell) =>
    expect(parseVillageNo(cell)).toMatchObject({ ok: false, en: expect.stringContaining('names several villages') }),
  );
  it('a village named without its number says to write the number or leave the column unmapped', () =>
    expect(parseVillageNo('บ้านหนองโน')).toMatchObject({ ok: false, en: expect.stringContaining('without its number') }));
  it.each([['หมู่บ้านใหม่'], ['บ้านหนองโน'], ['บ้านหนองโน3'], ['2/1'], ['ม.'], ['1.5'], [1.5], ['']])(
    'refuses %j in both languages',
    (cell) => {
      const r = parseVillageNo(cell);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.th).toMatch(/[\u0E00-\u0E7F]/u);
    },
  );
});

describe('amounts in millions', () => {
  it.each([
    ['1.5 ล้าน', BAHT, 150_000_000],
    ['1.5 ล้านบาท', BAHT, 150_000_000],
    ['๒ ลบ.', BAHT, 200_000_000],
    ['0.35', MILLION_BAHT, 35_000_000],
    [0.35, MILLION_BAHT, 35_000_000],
    [12, MILLION_BAHT, 1_200_000_000],
    ['1,250.5', MILLION_BAHT, 125_050_000_000],
    ['1.23456789', MILLION_BAHT, 123_456_789],
    // The cell's own unit wins over its column's.
    ['480,000 บาท', MILLION_BAHT, 48_000_000],
    ['480,000', BAHT, 48_000_000],
  ])('%j (column in %j) → %d satang', (cell, millions, value) =>
    expect(parseAmount(cell, millions)).toEqual({ ok: true, value }),
  );
  it.each([
    ['1.234567891', MILLION_BAHT],
    // A number cell too: a fraction of a satang is refused, not rounded.
    [0.123456789, MILLION_BAHT],
    [1.234567891, MILLION_BAHT],
    [-1, MILLION_BAHT],
    ['abc ล้าน', BAHT],
    ['1.5 ล้าน ล้าน', BAHT],
  ])('refuses %j', (cell, millions) => {
    const r = parseAmount(cell, millions);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.th).toContain('ล้านบาท');
  });
  it('property: a baht amount written in millions reads back to the satang', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_000_000 }), (satang) => {
        const text = `${Math.floor(satang / 1e8)}.${String(satang % 1e8).padStart(8, '0')}`;
        // No need or project reaches 10,000 million baht (see below).
        if (satang >= 1_000_000_000_000) {
          expect(parseAmount(`${text} ล้านบาท`).ok).toBe(false);
          return;
        }
        expect(parseAmount(`${text} ล้านบาท`)).toEqual({ ok: true, value: satang });
        expect(parseAmount(text, MILLION_BAHT)).toEqual({ ok: true, value: satang });
        // As a number cell (what Excel stores): floating point's own error is not a fraction of a satang.
        expect(parseAmount(Number(text), MILLION_BAHT)).toEqual({ ok: true, value: satang });
      }),
    );
  });
  it('refuses a figure in baht under a header in millions, saying what it would be; its own บาท reads it', () => {
    // "300,000" under "งบประมาณ (ล้านบาท)" was read as 300,000 million baht.
    for (const cell of ['300,000', 300_000, '๓๐๐,๐๐๐', '300,000.-']) {
      expect(parseAmount(cell, MILLION_BAHT)).toMatchObject(
        refusal('would be 300,000,000,000.00 baht', 'ในคอลัมน์หน่วยล้านบาทจะเท่ากับ 300,000,000,000.00 บาท'),
      );
    }
    expect(parseAmount('300,000 บาท', MILLION_BAHT)).toEqual({ ok: true, value: 30_000_000 });
    expect(parseAmount('9,999.5', MILLION_BAHT)).toEqual({ ok: true, value: 999_950_000_000 });
    expect(parseAmount(10_000, MILLION_BAHT).ok).toBe(false);
    // The cell's own unit says millions: read as written.
    expect(parseAmount('1,200 ล้านบาท', MILLION_BAHT)).toEqual({ ok: true, value: 120_000_000_000 });
  });
  it('refuses an amount no need or project of a province reaches (10,000 million baht), whatever its unit', () => {
    // "1,500,000 ล้านบาท" (a figure in baht with a unit in millions) was stored as 1.5 trillion baht.
    expect(parseAmount('1,500,000 ล้านบาท')).toMatchObject(
      refusal(
        "'1,500,000 ล้านบาท' is 1,500,000,000,000.00 baht, more than a province's whole yearly budget",
        "'1,500,000 ล้านบาท' เท่ากับ 1,500,000,000,000.00 บาท เกินงบประมาณทั้งปีของจังหวัด",
      ),
    );
    for (const cell of ['12,000 ล้านบาท', '10,000,000,000 บาท', 1e10, '๑๒,๐๐๐ ล้าน']) expect(parseAmount(cell).ok).toBe(false);
    expect(parseAmount('9,999,999,999.99 บาท')).toEqual({ ok: true, value: 999_999_999_999 });
  });
  it('property: under a header in millions, a figure of 10,000 or more is refused and with บาท is that many baht', () => {
    fc.assert(
      fc.property(fc.integer({ min: 10_000, max: 90_000_000 }), (n) => {
        expect(parseAmount(n, MILLION_BAHT).ok).toBe(false);
        expect(parseAmount(n.toLocaleString('en-US'), MILLION_BAHT).ok).toBe(false);
        expect(parseAmount(`${n.toLocaleString('en-US')} บาท`, MILLION_BAHT)).toEqual({ ok: true, value: n * 100 });
      }),
    );
  });
});

describe('amounts in thousands and other units of baht', () => {
  it.each([
    // "งบประมาณ (พันบาท)" or "หน่วย : พันบาท" over the table: 350 is 350,000 baht, not 350.
    ['350', THOUSAND_BAHT, 35_000_000],
    [350, THOUSAND_BAHT, 35_000_000],
    ['1,250', THOUSAND_BAHT, 125_000_000],
    ['45.5', THOUSAND_BAHT, 4_550_000],
    [45.5, THOUSAND_BAHT, 4_550_000],
    ['0.00001', THOUSAND_BAHT, 1],
    [1000.5, THOUSAND_BAHT, 100_050_000],
    ['๒,๕๐๐', THOUSAND_BAHT, 250_000_000],
    ['2.5', TEN_THOUSAND_BAHT, 2_500_000],
    ['2.5', HUNDRED_THOUSAND_BAHT, 25_000_000],
    // The cell's own unit wins over its column's.
    ['350 บาท', THOUSAND_BAHT, 35_000],
    ['1.5 ล้านบาท', THOUSAND_BAHT, 150_000_000],
    ['5 แสน', THOUSAND_BAHT, 50_000_000],
  ])('%j in a column in its unit → %d satang', (cell, unit, value) =>
    expect(parseAmount(cell, unit)).toEqual({ ok: true, value }),
  );
  it('refuses a fraction of a satang, a figure no province reaches, and what is no figure', () => {
    expect(parseAmount('0.000001', THOUSAND_BAHT)).toMatchObject(
      refusal('has a fraction of a satang (at most 5 decimals in thousands of baht)', 'พันบาททศนิยมได้ไม่เกิน 5 ตำแหน่ง'),
    );
    expect(parseAmount(0.000001, THOUSAND_BAHT).ok).toBe(false);
    expect(parseAmount('10,000,000', THOUSAND_BAHT)).toMatchObject(
      refusal('in a column in thousands of baht would be 10,000,000,000.00 baht', 'ในคอลัมน์หน่วยพันบาทจะเท่ากับ'),
    );
    expect(parseAmount('9,999,999.99999', THOUSAND_BAHT)).toEqual({ ok: true, value: 999_999_999_999 });
    expect(parseAmount('12x', THOUSAND_BAHT)).toMatchObject(refusal('is not an amount in thousands of baht', '(พันบาท)'));
  });
  it('property: a baht amount written in thousands reads back to the satang, as text and as a number', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999_999_999 }), (satang) => {
        const text = `${Math.floor(satang / 1e5)}.${String(satang % 1e5).padStart(5, '0')}`;
        expect(parseAmount(text, THOUSAND_BAHT)).toEqual({ ok: true, value: satang });
        expect(parseAmount(Number(text), THOUSAND_BAHT)).toEqual({ ok: true, value: satang });
      }),
    );
  });
});

describe('parseAmount', () => {
  it.each([
    ['1,250,000.00 บาท', 125_000_000],
    ['๑,๒๕๐', 125_000],
    [1250000.5, 125_000_050],
    ['  95,000 ', 9_500_000],
  ])('%j → %d satang', (cell, value) => expect(parseAmount(cell)).toEqual({ ok: true, value }));
  it.each([['-500'], ['1.234'], ['abc'], [true], ['1.123456 พัน'], ['3 หมื่นกว่า']])('refuses %j', (cell) =>
    expect(parseAmount(cell).ok).toBe(false),
  );
  it.each([
    ['งบประมาณ 500,000 บาท', 50_000_000],
    ['งบ 500,000.-', 50_000_000],
    ['วงเงิน 2 ล้านบาท', 200_000_000],
    ['ประมาณการ: ๑๒๐,๐๐๐ บาท', 12_000_000],
    ['ประมาณ 5 แสนบาท', 50_000_000],
  ])('reads %j after the label that names it', (cell, value) => expect(parseAmount(cell)).toEqual({ ok: true, value }));
  it.each([['1,2345'], ['50,00'], ['12,50 บาท'], ['1,5 ล้านบาท'], ['1,000,00']])(
    'refuses %j: its commas do not separate thousands (a decimal comma read as thousands would multiply it)',
    (cell) => expect(parseAmount(cell)).toMatchObject(refusal('commas that do not separate thousands', 'ใส่จุลภาคไม่ตรงหลักพัน')),
  );
  it('reads commas that separate thousands, in millions too', () => {
    expect(parseAmount('1,250 ล้านบาท')).toEqual({ ok: true, value: 125_000_000_000 });
    expect(parseAmount('1,250,000')).toEqual({ ok: true, value: 125_000_000 });
  });
  it.each([
    ['500,000.-', 50_000_000],
    ['500,000.- บาท', 50_000_000],
    ['๕๐๐,๐๐๐.-บาท', 50_000_000],
    ['500,000 บ.', 50_000_000],
    ['5 แสนบาท', 50_000_000],
    ['2.5 แสน', 25_000_000],
    ['ห้าแสนบาทถ้วน', 50_000_000],
    ['500,000.- (ห้าแสนบาทถ้วน)', 50_000_000],
    ['1,250.50 บาท (หนึ่งพันสองร้อยห้าสิบบาทห้าสิบสตางค์)', 125_050],
    ['(ห้าแสนบาทถ้วน)', 50_000_000],
    ['3 หมื่น', 3_000_000],
    ['1.5 หมื่นบาท', 1_500_000],
    ['๒ พัน บาท', 200_000],
    ['2.123 พัน', 212_300],
  ])('reads %j as Thai documents write it → %d satang', (cell, value) => expect(parseAmount(cell)).toEqual({ ok: true, value }));
  it.each([
    ['1 ล้าน 2 แสน', 120_000_000],
    ['2 ล้าน 5 แสน 3 หมื่นบาท', 253_000_000],
    ['๓ แสน ๕ หมื่น', 35_000_000],
    ['วงเงินไม่เกิน 500,000 บาท', 50_000_000],
    ['ไม่เกิน ๕ แสนบาท', 50_000_000],
    ['งบประมาณไม่เกิน 1 ล้าน 5 แสนบาท', 150_000_000],
  ])('reads %j, Thai units one after another or the sum asked for → %d satang', (cell, value) =>
    expect(parseAmount(cell)).toEqual({ ok: true, value }),
  );
  it.each([['1 ล้าน 25 แสน'], ['2 แสน 1 ล้าน'], ['1 ล้าน 0 แสน'], ['ไม่เกิน']])('refuses %j', (cell) =>
    expect(parseAmount(cell).ok).toBe(false),
  );
  it('says a range, a sum or an accounts-style negative is not one amount', () => {
    expect(parseAmount('500,000 - 700,000')).toMatchObject(
      refusal('gives a range or a sum (500,000 and 700,000), not one amount', 'เป็นช่วงหรือผลบวกของตัวเลข'),
    );
    expect(parseAmount('๒๐๐,๐๐๐ ถึง ๓๐๐,๐๐๐ บาท')).toMatchObject(refusal('(200,000 and 300,000)', 'ไม่ใช่จำนวนเงินจำนวนเดียว'));
    expect(parseAmount('(1,250,000)')).toMatchObject(refusal('is a negative amount (in brackets', 'เป็นจำนวนติดลบ'));
    expect(parseCount('150-200')).toMatchObject(refusal('gives a range or a sum (150 and 200), not one count', 'ไม่ใช่จำนวนเดียว'));
    // A figure closed by ".-" is no range.
    expect(parseAmount('500,000.-')).toEqual({ ok: true, value: 50_000_000 });
  });
  it('refuses a figure its words contradict, naming both; a dash or ไม่ระบุ alone is empty', () => {
    const r = parseAmount('500,000.- (ห้าหมื่นบาทถ้วน)');
    expect(r).toMatchObject({ ok: false, en: expect.stringContaining("'ห้าหมื่นบาทถ้วน' differ") });
    expect(parseAmount('ไม่ระบุ')).toMatchObject({ ok: false, en: 'the cell is empty' });
    expect(parseAmount('(หมายเหตุ)')).toMatchObject({ ok: false });
  });
  it('"-0-" (nil as Thai forms write it) is empty as a dash is, and so is "ไม่มี" in an amount', () => {
    for (const nil of ['-0-', '- 0 -', '–0–', '-๐-', 'ไม่มี', ' ไม่มี ', 'ไม่มีงบประมาณ']) {
      expect(amountText(nil), nil).toBeNull();
      expect(parseAmount(nil), nil).toMatchObject({ ok: false, en: 'the cell is empty' });
    }
    // "ไม่มี" is "none" in an amount only: elsewhere, and within a text, it is read as written.
    expect(cellText('ไม่มี')).toBe('ไม่มี');
    expect(amountText('ไม่มีแบบรูป')).toBe('ไม่มีแบบรูป');
    expect(amountText('0')).toBe('0');
    expect(parseAmount('-10-')).toMatchObject({ ok: false });
  });
  it('property: formatted baht (with บาท, Thai digits) reads back to the same satang', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000_000_00 }), fc.boolean(), fc.boolean(), (satang, unit, useThai) => {
        let text = formatBaht(satang) + (unit ? ' บาท' : '');
        if (useThai) text = thai(text);
        expect(parseAmount(text)).toEqual({ ok: true, value: satang });
      }),
    );
  });
});

describe('parseStatus', () => {
  it.each([
    ['', 'active'],
    ['อยู่ระหว่างดำเนินการ', 'active'],
    ['กำลัง ดำเนินการ', 'active'],
    ['รอการพิจารณา', 'active'],
    ['ยกเลิก', 'withdrawn'],
    ['ถอนเรื่อง', 'withdrawn'],
  ])('%j → %s', (text, value) => expect(parseStatus(text)).toEqual({ ok: true, value }));
  it('refuses a status saying the need was met, saying what to write instead', () => {
    for (const text of ['ดำเนินการแล้ว', 'แก้ไขแล้ว', 'เสร็จสิ้น', 'Done']) {
      expect(parseStatus(text)).toMatchObject(refusal('says the need was met', 'ให้เขียน ยกเลิก หากไม่ต้องการโครงการแล้ว'));
    }
    expect(parseStatus('ส่งต่อ')).toMatchObject(refusal("unknown status 'ส่งต่อ': write nothing or รอดำเนินการ", 'ไม่รู้จักสถานะ'));
  });
});

describe('counts among words', () => {
  it('never reads the end of a misgrouped figure as the count ("1,5000 คน" is not 5000 people)', () => {
    const people = parseCountOf('people');
    expect(people('1,5000 คน')).toMatchObject(refusal('commas that do not separate thousands', 'ใส่จุลภาคไม่ตรงหลักพัน'));
    expect(people('ประชาชน 1,5000 คน')).toMatchObject({ ok: false });
    expect(parseCountOf('households')('12,345 ครัวเรือน')).toEqual({ ok: true, value: 12_345 });
    expect(people('รวม 1,500 คน (ชาย 700 คน หญิง 800 คน)')).toEqual({ ok: true, value: 1500 });
  });
});

describe('parseDateCell', () => {
  it.each([
    // A platform's export in UTC: a complaint made in Saraburi after 17:00 UTC was raised on the next day there.
    ['2021-09-03 18:51:09.453975+00', '2021-09-04'],
    ['2021-09-03 16:59:59+00', '2021-09-03'],
    ['2026-10-15T23:30:00Z', '2026-10-16'],
    ['2026-10-15 17:00+0000', '2026-10-16'],
    ['2026-10-15T23:30:00+07:00', '2026-10-15'],
    ['2026-10-16T00:30:00+08:00', '2026-10-15'],
    // Without an offset, the date as written.
    ['2026-10-15 23:30:00', '2026-10-15'],
  ])('a timestamp with its offset, %j, is the date in Thailand: %s', (cell, iso) =>
    expect(parseDateCell(cell)).toEqual({ ok: true, value: iso }),
  );

  it.each([
    ['2026-10-15', '2026-10-15'],
    ['2569-10-15', '2026-10-15'],
    ['15/10/2569', '2026-10-15'],
    ['15/10/2026', '2026-10-15'],
    ['15-10-69', '2026-10-15'],
    ['15 ต.ค. 2569', '2026-10-15'],
    ['15 ตค 69', '2026-10-15'],
    ['15 ต.ค.69', '2026-10-15'],
    ['15 ตุลาคม พ.ศ. ๒๕๖๙', '2026-10-15'],
    ['๑๕ ต.ค. ๒๕๖๙', '2026-10-15'],
    ['15 Oct 2026', '2026-10-15'],
    ['15 ตุลา 69', '2026-10-15'],
    ['15-ต.ค.-69', '2026-10-15'],
    ['15/ต.ค./2569', '2026-10-15'],
    ['1 พฤศจิกา 2569', '2026-11-01'],
    [46310, '2026-10-15'],
    [46310.75, '2026-10-15'],
    // 15/10/2569 typed into an Excel that counts in CE: the serial of 15 Oct 2569 CE.
    [244_637, '2026-10-15'],
    ['15/10/2569 10:30', '2026-10-15'],
    ['15 ต.ค. 2569 เวลา 10.30 น.', '2026-10-15'],
    ['วันที่ 15 ตุลาคม พ.ศ. 2569', '2026-10-15'],
    ['ณ วันที่ 1 พ.ย. 69', '2026-11-01'],
    // A form's timestamp (Google Forms, Sheets): a comma before the time, seconds, AM/PM.
    ['15/10/2026, 10:30:12', '2026-10-15'],
    ['16/10/2569, 9:05:00', '2026-10-16'],
    ['15/10/2026 10:30:12 PM', '2026-10-15'],
    // As official letters write it, and an English month first.
    ['วันที่ 5 เดือนมีนาคม พ.ศ. 2569', '2026-03-05'],
    ['5 เดือนมีนาคม 2569', '2026-03-05'],
    ['Oct 15, 2026', '2026-10-15'],
    ['October 15 2026', '2026-10-15'],
    // Year first with slashes or points, as some systems export.
    ['2026/10/15', '2026-10-15'],
    ['2569/10/15', '2026-10-15'],
    ['2569.10.15', '2026-10-15'],
    // An Excel serial saved as text (a CSV of a column formatted as numbers), and eight digits year first, as text or
    // as a number, as registers export dates.
    ['46310', '2026-10-15'],
    ['๔๖๓๑๐', '2026-10-15'],
    ['244637', '2026-10-15'],
    ['20261015', '2026-10-15'],
    ['25691015', '2026-10-15'],
    [25_691_015, '2026-10-15'],
    // A forum held over several days: its first day (the need was raised then).
    ['1-5 ต.ค. 2569', '2026-10-01'],
    ['1 ต.ค. 2569 - 5 ต.ค. 2569', '2026-10-01'],
  ])('%j → %s', (cell, iso) => expect(parseDateCell(cell)).toEqual({ ok: true, value: iso }));
  it('says how many days the month has when the day is past its end', () => {
    expect(parseDateCell('31 เม.ย. 2569')).toMatchObject(refusal('April 2026 has 30 days', 'เดือนเมษายน พ.ศ. 2569 มี 30 วัน'));
    expect(parseDateCell('29/02/2569')).toMatchObject(refusal('February 2026 has 28 days', 'เดือนกุมภาพันธ์ พ.ศ. 2569 มี 28 วัน'));
    expect(parseDateCell('29/02/2567')).toEqual({ ok: true, value: '2024-02-29' });
    expect(parseDateCell('32/01/2569')).toMatchObject({ ok: false, en: "'32/01/2569' is not a date" });
  });
  it('says a month-first date is read day/month/year', () => {
    expect(parseDateCell('10/15/2026, 10:30:12 AM')).toMatchObject(
      refusal('dates are read day/month/year, and there is no month 15', 'ไม่มีเดือนที่ 15'),
    );
  });
  it.each([['15/10/26'], ['15 ต.ค. 26'], ['15-10-05'], ['1/1/00']])(
    'refuses %j: a two-digit year below 43 may be BE or CE',
    (cell) => expect(parseDateCell(cell)).toMatchObject(refusal('write the year in four digits', 'กรุณาเขียนปีสี่หลัก')),
  );
  it('reads a two-digit year from 43 as BE', () => {
    expect(parseDateCell('15/10/43')).toEqual({ ok: true, value: '2000-10-15' });
    expect(parseDateCell('15/10/69')).toEqual({ ok: true, value: '2026-10-15' });
  });
  it.each([['ต.ค. 69'], ['ตุลาคม 2569'], ['Oct 2026'], ['10/2569'], ['๑๐/๒๕๖๙']])(
    'says %j names a month but not the day',
    (cell) => expect(parseDateCell(cell)).toMatchObject(refusal('names a month but not the day', 'มีแต่เดือน ไม่มีวันที่')),
  );
  it.each([['13/2569'], ['ตุลาก 69'], ['12345']])('%j is not a date, not a month without its day', (cell) =>
    expect(parseDateCell(cell)).toMatchObject({ ok: false, en: expect.not.stringContaining('names a month') }),
  );
  it.each([
    ['31/02/2569'],
    ['15 ตค'],
    ['15 มกรา 2569x'],
    ['yesterday'],
    ['1/1/1700'],
    [-1],
    ['ต.ค. 69'],
    ['10/2569'],
    // Serials of no year 1900–2200 in either era.
    [150_000],
    [400_000],
    [1e300],
  ])('refuses %j', (cell) => expect(parseDateCell(cell).ok).toBe(false));
  it('property: a date written in the BE with any month form reads back to its CE date', () => {
    const months = [
      ['มกราคม', 'ม.ค.', 'มค', 'มกรา'],
      ['กุมภาพันธ์', 'ก.พ.', 'กพ', 'กุมภา'],
      ['มีนาคม', 'มี.ค.', 'มีค', 'มีนา'],
      ['เมษายน', 'เม.ย.', 'เมย', 'เมษา'],
      ['พฤษภาคม', 'พ.ค.', 'พค', 'พฤษภา'],
      ['มิถุนายน', 'มิ.ย.', 'มิย', 'มิถุนา'],
      ['กรกฎาคม', 'ก.ค.', 'กค', 'กรกฎา'],
      ['สิงหาคม', 'ส.ค.', 'สค', 'สิงหา'],
      ['กันยายน', 'ก.ย.', 'กย', 'กันยา'],
      ['ตุลาคม', 'ต.ค.', 'ตค', 'ตุลา'],
      ['พฤศจิกายน', 'พ.ย.', 'พย', 'พฤศจิกา'],
      ['ธันวาคม', 'ธ.ค.', 'ธค', 'ธันวา'],
    ];
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2090-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.nat({ max: 3 }),
        fc.boolean(),
        fc.constantFrom(' ', '-'),
        (d, form, useThai, sep) => {
          const iso = d.toISOString().slice(0, 10);
          const text = `${d.getUTCDate()}${sep}${months[d.getUTCMonth()]![form]}${sep}${d.getUTCFullYear() + 543}`;
          expect(parseDateCell(useThai ? thai(text) : text)).toEqual({ ok: true, value: iso });
        },
      ),
    );
  });
});

describe('channels, categories, statuses', () => {
  it.each([
    ['ประชาคม', 'ประชาคม'],
    ['เวทีประชาคม', 'ประชาคม'],
    ['LINE', 'LINE'],
    ['Line', 'LINE'],
    ['line', 'LINE'],
    ['ไลน์', 'LINE'],
    ['TPMAP', 'survey'],
    ['survey', 'survey'],
    ['แบบสำรวจ', 'survey'],
    ['ออนไลน์', 'online'],
    ['Google Form', 'online'],
    ['เวทีประชาคมหมู่บ้าน', 'ประชาคม'],
    ['ประชาคมตำบลหนองโน', 'ประชาคม'],
    ['ไลน์ OA', 'LINE'],
    ['Facebook', 'online'],
    ['เพจเฟซบุ๊ก', 'online'],
    ['แอปทางรัฐ', 'online'],
  ])('channel %s → %s', (text, value) => expect(parseChannel(text)).toEqual({ ok: true, value }));
  it('an unknown channel lists the accepted ones, and that the column may be left unmapped', () => {
    const r = parseChannel('โทรศัพท์');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.th).toContain('ประชาคม, ออนไลน์, LINE และสำรวจ');
      expect(r.en).toContain('map no column to the channel');
    }
  });
  it.each([
    ['water', 'water'],
    ['น้ำ', 'water'],
    ['ด้านสาธารณสุข', 'health'],
    ['ติดตั้งกล้องวงจรปิด', 'safety_disaster'],
    ['CCTV', 'safety_disaster'],
    ['ถนน สะพาน และการคมนาคม', 'roads_transport'],
    ['Agriculture and livestock', 'agriculture'],
    // An English form's words.
    ['roads', 'roads_transport'],
    ['Street lighting', 'utilities_digital'],
    ['Flood', 'safety_disaster'],
    ['water pollution', 'environment'],
    ['elderly care', 'welfare'],
    ['temple repair', 'community_culture'],
  ])('category %s → %s', (text, value) => expect(parseCategory(text)).toEqual({ ok: true, value }));
  it('refuses an unknown category, naming the twelve to choose from', () => {
    expect(parseCategory('อวกาศ').ok).toBe(false);
    const other = parseCategory('อื่นๆ');
    expect(other).toMatchObject(refusal('write one of Water supply and irrigation;', 'กรุณาระบุหมวดใดหมวดหนึ่ง'));
    if (!other.ok) expect(other.th).toContain('ชุมชน ศาสนา วัฒนธรรม และการท่องเที่ยว');
  });
  it.each([
    ['สุขภาวะและอนามัย', 'health'],
    ['ความรู้และการศึกษา', 'education'],
    ['ความปลอดภัยจากภัยพิบัติและความเสี่ยงในชุมชน', 'safety_disaster'],
    ['การมีส่วนร่วมและความเข้มแข็งของชุมชน', 'community_culture'],
    ['ไฟฟ้าส่องสว่าง', 'utilities_digital'],
    ['ประปาหมู่บ้าน', 'water'],
    ['น้ำท่วมซ้ำซาก', 'safety_disaster'],
    ['ปศุสัตว์', 'agriculture'],
    ['ถนน/สะพาน', 'roads_transport'],
  ])('a label in other words: %s → %s (the longest keyword decides)', (text, value) =>
    expect(parseCategory(text)).toEqual({ ok: true, value }),
  );
  it.each([
    ['ด้านสาธารณภัย', 'safety_disaster'],
    ['ด้านการป้องกันและบรรเทาสาธารณภัย', 'safety_disaster'],
    ['ฝึกอบรม อปพร.', 'safety_disaster'],
  ])('a disaster label as local plans write it: %s → %s', (text, value) =>
    expect(parseCategory(text)).toEqual({ ok: true, value }),
  );
  it.each([
    ['ขยายเขตประปาหมู่บ้าน', 'water'],
    ['ขุดลอกคลองส่งน้ำ', 'water'],
    ['ติดตั้งไฟฟ้าส่องสว่างทางสาธารณะ', 'utilities_digital'],
    ['ซ่อมสร้างถนนคอนกรีตเสริมเหล็ก', 'roads_transport'],
  ])('infrastructure takes the category the title names: %s → %s', (title, value) =>
    expect(parseCategory('ด้านโครงสร้างพื้นฐาน', title)).toEqual({ ok: true, value }),
  );
  it('infrastructure is refused, naming what it could be, when the title names none or two of them', () => {
    expect(parseCategory('ด้านโครงสร้างพื้นฐาน')).toMatchObject({ ok: false, en: expect.stringContaining('could be') });
    const none = parseCategory('ด้านโครงสร้างพื้นฐาน', 'ก่อสร้างอาคารอเนกประสงค์');
    expect(none).toMatchObject({ ok: false, en: expect.stringContaining('the title does not say which') });
    if (!none.ok) expect(none.th).toContain('ชื่อความต้องการไม่ได้บอก');
    // Not read from the title when the label itself names one category.
    expect(parseCategory('ด้านสาธารณสุข', 'ซ่อมถนนไป รพ.สต.')).toEqual({ ok: true, value: 'health' });
    expect(parseCategory('ด้านการศึกษา ศาสนา วัฒนธรรม', 'ซ่อมแซมศาลาวัด (ศาสนา)')).toEqual({
      ok: true,
      value: 'community_culture',
    });
  });
  it('a label whose words name two categories equally is refused, naming both', () => {
    expect(parseCategory('ไฟฟ้า ประปา')).toMatchObject({ ok: false, en: expect.stringMatching(/could be .* or /u) });
    expect(parseCategory('ด้านการศึกษา ศาสนา วัฒนธรรม')).toMatchObject({ ok: false, th: expect.stringContaining(' หรือ ') });
  });
  it.each([
    [null, 'active'],
    ['ยกเลิก', 'withdrawn'],
    ['withdrawn', 'withdrawn'],
    ['open', 'active'],
  ])('status %j → %s', (text, value) => expect(parseStatus(text)).toEqual({ ok: true, value }));
  it('cellLines cleans each line as cellText does and keeps the line breaks between them', () => {
    expect(cellLines(' ตาลเดี่ยว \r\n\n ทับกวาง\u00a0 ')).toBe('ตาลเดี่ยว\nทับกวาง');
    expect(cellLines('อ.แก่งคอย\rอ.หนองแค\u2028-')).toBe('อ.แก่งคอย\nอ.หนองแค');
    expect(cellLines('ขอ  ถนน')).toBe('ขอ ถนน');
    expect(cellLines(' \n - \n')).toBeNull();
    expect(cellLines(190101)).toBe('190101');
  });

  it('cellText collapses spaces and treats blank as empty', () => {
    expect(cellText('  ขอ\u00a0 ถนน\u200b ')).toBe('ขอ ถนน');
    expect(cellText('   ')).toBeNull();
    // A dash alone is how tables write "nothing"; a dash inside a text or a negative number stays.
    for (const dash of ['-', ' - ', '–', '—', '- -', '--', '-0-', '- ๐ -']) expect(cellText(dash)).toBeNull();
    expect(cellText('-5')).toBe('-5');
    expect(cellText('ถนน - ซอย 3')).toBe('ถนน - ซอย 3');
    expect(cellText(12)).toBe('12');
  });
});

describe('lostDigits', () => {
  it('names a long id Excel shortened to scientific notation, and nothing else', () => {
    expect(lostDigits('1.23457E+12')).toMatchObject({ en: expect.stringContaining('scientific notation, its digits lost') });
    expect(lostDigits('6E+12')?.th).toContain('รูปแบบวิทยาศาสตร์');
    for (const ok of ['1234567890123', 'N-1.2E+3', '1.2E-3', '1e5x', 'E+12', 'SRB71-A01']) expect(lostDigits(ok), ok).toBeNull();
  });
});

describe('hostile cells', () => {
  it('cells of 32,000 characters built against the new patterns are refused (their repeats are bounded)', () => {
    const cells = [
      '1'.repeat(32_000),
      `${'1,'.repeat(16_000)}-`,
      `${'หนึ่ง'.repeat(6_000)}บาท`,
      `500 (${'ห้า'.repeat(10_000)}บาท)`,
      `${'('.repeat(16_000)}บาท`,
      `ม.1${'-1'.repeat(15_000)}`,
      `${'บ้าน'.repeat(8_000)}`,
      `${'น้ำถนน'.repeat(5_000)}`,
    ];
    for (const cell of cells) {
      expect(parseAmount(cell).ok).toBe(false);
      expect(parseCount(cell).ok).toBe(false);
      expect(parseCountOf('people')(`${cell} 5 คน`).ok).toBe(false);
      expect(parseVillageNo(cell).ok).toBe(false);
      expect(parseCategory(cell).ok).toBe(false);
    }
  });
});

describe('listedItems', () => {
  it.each([
    ['1. ซ่อมถนนลูกรัง\n2. ขุดลอกคลองส่งน้ำ', ['1. ซ่อมถนนลูกรัง', '2. ขุดลอกคลองส่งน้ำ']],
    ['1.ซ่อมถนน 2.ขุดลอก 3.ไฟฟ้า', ['1.ซ่อมถนน', '2.ขุดลอก', '3.ไฟฟ้า']],
    ['(1) ซ่อมถนน (2) ขุดลอก', ['(1) ซ่อมถนน', '(2) ขุดลอก']],
    ['๑) ถนน ๒) ประปา', ['๑) ถนน', '๒) ประปา']],
    ['- ถนน\r\n• ประปา', ['- ถนน', '• ประปา']],
    ['1. ถนน 2.5 กม. 2. ไฟ', ['1. ถนน 2.5 กม.', '2. ไฟ']],
  ])('reads %j as a list', (cell, items) => {
    expect(listedItems(cell)).toEqual(items);
  });

  it.each([
    ['one need numbered', '1. ซ่อมถนนลูกรัง'],
    ['a number inside the text', 'ซ่อมถนนสาย 2. บ้านนา'],
    ['a decimal', '1. ถนนยาว 1.5 กม.'],
    ['a village number', 'ซ่อมถนน ม.1. 2. ทาง'],
    ['numbers not from 1', '2. ถนน 3. ไฟ'],
    ['numbers not in order', '1) ถนน 3) ไฟ'],
    ['a title wrapped over two lines', 'ก่อสร้างถนนคอนกรีตเสริมเหล็ก\nสายบ้านนาย ก - บ้านนาย ข'],
    ['one bulleted line', '- ถนน\nประปา'],
    ['a number', 12],
  ])('%s is no list', (_name, cell) => {
    expect(listedItems(cell)).toBeNull();
  });

  it('property: items numbered 1..k joined by spaces or line breaks read back as those items', () => {
    const word = fc.stringMatching(/^[ก-ฮ]{1,8}$/u);
    fc.assert(
      fc.property(fc.array(word, { minLength: 2, maxLength: 9 }), fc.constantFrom(' ', '\n', '  \n'), (words, gap) => {
        const items = words.map((w, i) => `${i + 1}. ${w}`);
        expect(listedItems(items.join(gap))).toEqual(items);
      }),
    );
  });
});
