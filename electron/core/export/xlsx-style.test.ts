import { describe, expect, it } from 'vitest';
import { safeText } from './xlsx-style';

describe('safeText', () => {
  it.each([
    ['=HYPERLINK("http://evil.example","คลิก")', `'=HYPERLINK("http://evil.example","คลิก")`],
    ['+66 2 123 4567', `'+66 2 123 4567`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ["-2+3+cmd|' /C calc'!A0", `'-2+3+cmd|' /C calc'!A0`],
    ['-ก่อสร้าง', `'-ก่อสร้าง`],
    ['\tx', `'\tx`],
  ])('keeps %j from running as a formula', (text, written) => expect(safeText(text)).toBe(written));

  it.each(['- ก่อสร้างถนน คสล. หมู่ที่ 3', '-\u00a0ขุดลอกคลอง', 'ขุดลอกคลอง - ระยะที่ 2', '1,250,000.00', ''])(
    "writes %j as it is (a list item's dash, text, figures)",
    (text) => expect(safeText(text)).toBe(text),
  );
});
