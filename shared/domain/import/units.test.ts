import { describe, expect, it } from 'vitest';
import {
  amountUnits,
  BAHT,
  countUnit,
  headerMoneyUnit,
  HUNDRED_THOUSAND_BAHT,
  MILLION_BAHT,
  TEN_THOUSAND_BAHT,
  THOUSAND_BAHT,
  titleMoneyUnit,
  unitAlone,
} from './units';

describe('headerMoneyUnit', () => {
  it.each([
    ['งบประมาณ (พันบาท)', THOUSAND_BAHT],
    ['งบประมาณ\n(พันบาท)', THOUSAND_BAHT],
    ['งบประมาณ (หน่วย: พันบาท)', THOUSAND_BAHT],
    ['วงเงิน (หมื่นบาท)', TEN_THOUSAND_BAHT],
    ['วงเงิน (แสนบาท)', HUNDRED_THOUSAND_BAHT],
    ['งบประมาณ (ล้านบาท)', MILLION_BAHT],
    ['วงเงิน / ล้าน บาท', MILLION_BAHT],
    ['งบประมาณ (ลบ.)', MILLION_BAHT],
    ['งบประมาณ (ล้าน)', MILLION_BAHT],
    ['Budget (million THB)', MILLION_BAHT],
    ['Budget (THB million)', MILLION_BAHT],
    ['Budget (thousand baht)', THOUSAND_BAHT],
    ['งบประมาณ (บาท)', BAHT],
    ['งบประมาณ (บาท/ปี)', BAHT],
    ['งบประมาณ / 2571 (ล้านบาท)', MILLION_BAHT],
    ['งบประมาณ', null],
    // "ผูกพัน" (an obligation) is no thousand.
    ['งบผูกพัน (บาท)', BAHT],
    ['งบผูกพัน', null],
    // A word that holds a currency's letters is none.
    ['Requested amount (neuro unit budget)', null],
    // Cubic metres (ลบ.ม.) are no millions.
    ['ค่าขุดดิน (บาท/ลบ.ม.)', BAHT],
  ])('%j → its unit', (label, unit) => expect(headerMoneyUnit(label)).toEqual({ ok: true, unit }));

  it.each([
    ['งบประมาณ (ร้อยบาท)', 'UNKNOWN_UNIT', "'ร้อยบาท'"],
    ['งบประมาณ (พันล้านบาท)', 'UNKNOWN_UNIT', "'พันล้านบาท'"],
    ['Budget (USD)', 'UNKNOWN_UNIT', "'USD'"],
    ['งบประมาณ (billion baht)', 'UNKNOWN_UNIT', 'billion'],
    ['งบประมาณ (ล้านบาท) / (บาท)', 'TWO_UNITS', 'ล้านบาท, บาท'],
    ['งบประมาณ (พันบาท) ล้านบาท', 'TWO_UNITS', 'พันบาท, ล้านบาท'],
  ])('refuses %j, saying which unit', (label, code, said) => {
    const r = headerMoneyUnit(label);
    expect(r).toMatchObject({ ok: false, code });
    if (!r.ok) {
      expect(r.en).toContain(said);
      expect(r.th).toContain(said);
      expect(r.th).toContain(label);
    }
  });
});

describe('titleMoneyUnit', () => {
  it.each([
    ['หน่วย : ล้านบาท', MILLION_BAHT],
    ['(หน่วย : ล้านบาท)', MILLION_BAHT],
    ['หน่วย: พันบาท', THOUSAND_BAHT],
    ['หน่วย:บาท', BAHT],
    ['หน่วยเป็นล้านบาท', MILLION_BAHT],
    ['สรุปความต้องการ ตำบลชะอม (หน่วย: ล้านบาท)', MILLION_BAHT],
    ['(ล้านบาท)', MILLION_BAHT],
    ['ล้านบาท', MILLION_BAHT],
    ['Unit: million baht', MILLION_BAHT],
    // Not a unit of money, or no unit line at all.
    ['หน่วย : แห่ง', null],
    ['หน่วยงานรับผิดชอบ: สำนักงานชลประทาน', null],
    ['แผนปฏิบัติราชการประจำปี พ.ศ. 2571', null],
    ['โครงการไม่เกิน 5 ล้านบาท', null],
  ])('%j → its unit', (text, unit) => expect(titleMoneyUnit(text)).toEqual({ ok: true, unit }));

  it.each([
    ['หน่วย : ร้อยบาท', 'UNKNOWN_UNIT'],
    ['หน่วย : USD', 'UNKNOWN_UNIT'],
    ['หน่วย: 1,000 บาท', 'UNKNOWN_UNIT'],
    ['หน่วย : ล้านบาท/พันบาท', 'TWO_UNITS'],
  ])('refuses %j', (text, code) => {
    const r = titleMoneyUnit(text);
    expect(r).toMatchObject({ ok: false, code });
    if (!r.ok) expect(r.th).toContain(text);
  });
});

describe('amountUnits', () => {
  const fields = [
    { key: 'estimated_cost', kind: 'amount' },
    { key: 'minimum', kind: 'amount' },
    { key: 'title', kind: 'text' },
  ];
  it("reads a title's unit for the money columns whose heading states none; a heading's own unit wins", () => {
    const r = amountUnits(
      fields,
      { title: 0, estimated_cost: 1, minimum: 2 },
      ['เรื่อง', 'งบประมาณ', 'ขั้นต่ำ (บาท)'],
      [
        { row: 1, text: 'สรุปความต้องการ' },
        { row: 2, text: 'หน่วย : ล้านบาท' },
      ],
    );
    expect(r.refusals).toEqual([]);
    expect(r.units).toEqual({ estimated_cost: MILLION_BAHT, minimum: BAHT });
    expect(r.scaled).toEqual([{ field: 'estimated_cost', col: 1, unit: MILLION_BAHT, from: 'title', title: 'หน่วย : ล้านบาท' }]);
  });
  it('reads a heading in thousands, said as scaled', () => {
    const r = amountUnits(fields, { title: 0, estimated_cost: 1 }, ['เรื่อง', 'งบประมาณ (พันบาท)'], []);
    expect(r).toEqual({
      units: { estimated_cost: THOUSAND_BAHT },
      scaled: [{ field: 'estimated_cost', col: 1, unit: THOUSAND_BAHT, from: 'header' }],
      refusals: [],
    });
  });
  it('refuses two title units for a column without its own, and a title unit not read, naming the rows', () => {
    const two = amountUnits(
      fields,
      { estimated_cost: 1 },
      ['เรื่อง', 'งบประมาณ'],
      [
        { row: 1, text: 'หน่วย : ล้านบาท' },
        { row: 2, text: '(พันบาท)' },
      ],
    );
    expect(two.refusals).toMatchObject([{ code: 'TWO_UNITS' }]);
    expect(two.refusals[0]!.en).toContain("'หน่วย : ล้านบาท' (row 1), '(พันบาท)' (row 2)");
    expect(two.units).toEqual({});
    const unread = amountUnits(fields, { estimated_cost: 1 }, ['เรื่อง', 'งบประมาณ'], [{ row: 3, text: 'หน่วย : ร้อยบาท' }]);
    expect(unread.refusals).toMatchObject([{ code: 'UNKNOWN_UNIT' }]);
    expect(unread.refusals[0]!.th).toMatch(/^แถวที่ 3: /u);
    // Every money column states its own: the title's units are not needed.
    const own = amountUnits(fields, { estimated_cost: 1 }, ['เรื่อง', 'งบประมาณ (บาท)'], [{ row: 1, text: 'หน่วย : ร้อยบาท' }]);
    expect(own.refusals).toEqual([]);
  });
  it("refuses a heading's unit not read", () => {
    const r = amountUnits(fields, { estimated_cost: 1 }, ['เรื่อง', 'งบประมาณ (ร้อยบาท)'], []);
    expect(r.refusals).toMatchObject([{ code: 'UNKNOWN_UNIT' }]);
  });
});

describe('countUnit', () => {
  it.each([
    ['จำนวนผู้ได้รับประโยชน์ (ครัวเรือน)', 'households'],
    ['จำนวนผู้ได้รับประโยชน์\n(ครัวเรือน)', 'households'],
    ['ผู้ได้รับผลกระทบ (หลังคาเรือน)', 'households'],
    ['ผู้ได้รับประโยชน์ (ครอบครัว)', 'households'],
    ['ผู้ได้รับประโยชน์ (หลัง)', 'households'],
    ['ผู้ได้รับประโยชน์ / ครัวเรือน', 'households'],
    ['จำนวนผู้ได้รับประโยชน์ (คน)', 'people'],
    ['ผู้ได้รับประโยชน์ (ราย)', 'people'],
    ['ผู้ได้รับประโยชน์ (ท่าน)', 'people'],
    ['ผู้ได้รับประโยชน์ / คน', 'people'],
    ['กลุ่มเป้าหมาย / ผู้ได้รับประโยชน์ (คน/ครัวเรือน)', null],
    ['ผู้ได้รับประโยชน์', null],
    ['ครัวเรือน', null],
  ])('%j counts %s', (label, unit) => expect(countUnit(label)).toBe(unit));
});

describe('unitAlone', () => {
  it.each([
    ['(ล้านบาท)', true],
    ['(บาท)', true],
    ['ล้านบาท', true],
    ['(คน)', true],
    ['(ครัวเรือน)', true],
    ['หน่วย : ล้านบาท', true],
    ['งบประมาณ', false],
    ['(ระบุ)', false],
    // An agency is no unit.
    ['หน่วยงาน', false],
    ['2571', false],
  ])('%j: %s', (text, alone) => expect(unitAlone(text)).toBe(alone));
});
