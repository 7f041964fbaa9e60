import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { baht, formatBaht, groupDecimal, parseBaht, satangToBaht, toArabicDigits } from './money';

function satangOf(input: unknown): number {
  const r = parseBaht(input);
  if (!r.ok) throw new Error(`expected ${JSON.stringify(input)} to parse, got: ${r.en}`);
  return r.satang;
}

describe('parseBaht', () => {
  it('reads the forms budget spreadsheets use', () => {
    expect(satangOf('1,250,000.00 บาท')).toBe(125_000_000);
    expect(satangOf('฿ 1,250,000.5')).toBe(125_000_050);
    expect(satangOf('  85,000 THB ')).toBe(8_500_000);
    expect(satangOf('0')).toBe(0);
    expect(satangOf('12.3')).toBe(1_230); // one decimal means ten satang, not three
  });

  it('reads Thai digits', () => {
    expect(toArabicDigits('๑,๒๕๐')).toBe('1,250');
    expect(satangOf('๑,๒๕๐')).toBe(125_000);
    expect(satangOf('๑,๒๕๐.๗๕ บาท')).toBe(125_075);
  });

  it('reads numbers, including ones that are not exact in binary', () => {
    expect(satangOf(1_250_000)).toBe(125_000_000);
    expect(satangOf(1_250_000.5)).toBe(125_000_050);
    expect(satangOf(0.1 + 0.2)).toBe(30);
    expect(satangOf(19.99)).toBe(1_999);
  });

  it('refuses text that is not an amount and names the value in both languages', () => {
    const r = parseBaht('1,2x0');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.en).toContain('1,2x0');
    expect(r.th).toContain('1,2x0');
    for (const bad of [
      '',
      'บาท',
      'abc',
      '1.2.3',
      '1e6',
      null,
      undefined,
      {},
      Number.NaN,
      Number.POSITIVE_INFINITY,
      1e-12,
      1e-320,
    ]) {
      expect(parseBaht(bad).ok, `${String(bad)} must be refused`).toBe(false);
    }
  });

  it('refuses commas that do not separate thousands (a decimal comma would read as a hundred times the amount)', () => {
    for (const misplaced of ['1,2345', '50,00', '12,50 บาท', '1,000,00', '๑,๒๓๔๕']) {
      const r = parseBaht(misplaced);
      expect(r.ok, misplaced).toBe(false);
      if (!r.ok) expect(r.en).toContain('commas that do not separate thousands');
    }
    expect(satangOf('1,234,567.89')).toBe(123_456_789);
    expect(satangOf('1234567')).toBe(123_456_700);
  });

  it('refuses negatives as negatives, not as garbage', () => {
    for (const neg of ['-500', '-1,000.00 บาท', -500, -0.01]) {
      const r = parseBaht(neg);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.en).toMatch(/negative/u);
    }
  });

  it('refuses more than two decimals rather than rounding money away', () => {
    expect(parseBaht('1.005').ok).toBe(false);
    expect(parseBaht('1,000.123 บาท').ok).toBe(false);
    expect(parseBaht(1.005).ok).toBe(false);
    expect(parseBaht(0.001).ok).toBe(false);
  });

  it('refuses amounts beyond safe integers of satang', () => {
    expect(parseBaht('99999999999999999').ok).toBe(false);
    expect(parseBaht(1e20).ok).toBe(false);
  });

  it('round-trips formatBaht for every safe non-negative amount', () => {
    fc.assert(
      fc.property(fc.oneof(fc.maxSafeNat(), fc.integer({ min: 0, max: 1_000_000_00 })), (s) => {
        expect(satangOf(formatBaht(s))).toBe(s);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('formatBaht', () => {
  it('uses thousands separators and two decimals', () => {
    expect(formatBaht(125_000_050)).toBe('1,250,000.50');
    expect(formatBaht(0)).toBe('0.00');
    expect(formatBaht(5)).toBe('0.05');
    expect(formatBaht(-150)).toBe('-1.50');
  });

  it('converts baht literals and back', () => {
    expect(baht(250_000_000)).toBe(25_000_000_000);
    expect(satangToBaht(150)).toBe(1.5);
  });
});

describe('groupDecimal', () => {
  it('groups the whole part and keeps every digit', () => {
    expect(groupDecimal('12345678901234567.125')).toBe('12,345,678,901,234,567.125');
    expect(groupDecimal('1234.56789')).toBe('1,234.56789');
    expect(groupDecimal('-1000')).toBe('-1,000');
    expect(groupDecimal('999')).toBe('999');
    expect(groupDecimal('1/3')).toBe('1/3');
  });

  it('removing the commas gives the text back (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.nat({ max: 10 ** 6 }), (whole, frac) => {
        const text = `${whole}.${frac}`;
        expect(groupDecimal(text).replace(/,/gu, '')).toBe(text);
        expect(groupDecimal(text)).toMatch(/^-?\d{1,3}(,\d{3})*\.\d+$/u);
      }),
    );
  });
});
