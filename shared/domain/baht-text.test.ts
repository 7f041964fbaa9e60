import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { bahtText, parseBahtWords } from './baht-text';

// Expected words follow the Thai convention for amounts on official documents: a trailing 1 after tens or
// higher is "เอ็ด", whole amounts end in "บาทถ้วน", and satang are read as a two-digit number.
describe('bahtText', () => {
  it('reads zero as ศูนย์บาทถ้วน (the package alone returns an empty string)', () => {
    expect(bahtText(0)).toBe('ศูนย์บาทถ้วน');
  });

  it('reads satang only, without a zero baht part', () => {
    expect(bahtText(50)).toBe('ห้าสิบสตางค์');
    expect(bahtText(1)).toBe('หนึ่งสตางค์');
  });

  it('says เอ็ด for a trailing one', () => {
    expect(bahtText(101_00)).toBe('หนึ่งร้อยเอ็ดบาทถ้วน');
    expect(bahtText(21_00)).toBe('ยี่สิบเอ็ดบาทถ้วน');
    expect(bahtText(1_000_001_00)).toBe('หนึ่งล้านเอ็ดบาทถ้วน');
  });

  it('says หนึ่ง for a lone one', () => {
    expect(bahtText(1_00)).toBe('หนึ่งบาทถ้วน');
    expect(bahtText(1_01)).toBe('หนึ่งบาทหนึ่งสตางค์');
  });

  it('reads a large amount with satang', () => {
    expect(bahtText(123_456_789_99)).toBe('หนึ่งร้อยยี่สิบสามล้านสี่แสนห้าหมื่นหกพันเจ็ดร้อยแปดสิบเก้าบาทเก้าสิบเก้าสตางค์');
  });

  it('keeps .29 as ยี่สิบเก้าสตางค์ (no float rounding)', () => {
    expect(bahtText(1_29)).toBe('หนึ่งบาทยี่สิบเก้าสตางค์');
  });

  it('throws on anything that is not whole, non-negative satang', () => {
    expect(() => bahtText(1.5)).toThrow(RangeError);
    expect(() => bahtText(-100)).toThrow(RangeError);
    expect(() => bahtText(Number.NaN)).toThrow(RangeError);
    expect(() => bahtText(Number.MAX_SAFE_INTEGER + 1)).toThrow(RangeError);
  });
});

describe('parseBahtWords', () => {
  it('reads amounts in words back to satang, whatever bahtText writes (up to a trillion baht)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000_000_000_000 }), (satang) => {
        expect(parseBahtWords(bahtText(satang))).toBe(satang);
      }),
      { numRuns: 2000 },
    );
  });

  it('reads the forms documents use, with spaces, ตรง, without ถ้วน or the leading หนึ่ง', () => {
    expect(parseBahtWords('ห้าแสนบาทถ้วน')).toBe(500_000_00);
    expect(parseBahtWords('หนึ่ง ล้าน สองแสน บาท ตรง')).toBe(1_200_000_00);
    expect(parseBahtWords('ร้อยบาท')).toBe(100_00);
    expect(parseBahtWords('สิบเอ็ดบาทยี่สิบห้าสตางค์')).toBe(11_25);
    expect(parseBahtWords('หนึ่งร้อยล้านบาทถ้วน')).toBe(100_000_000_00);
  });

  it('refuses what is no amount in words: units out of order, two digits in a row, no บาท or สตางค์, other words', () => {
    for (const t of ['ห้าห้าบาท', 'ร้อยพันบาท', 'ห้าแสน', 'บาท', 'ถ้วน', 'ห้าแสนบาทถ้วนครับ', 'ขอถนน', '', 'ร้อยสตางค์']) {
      expect(parseBahtWords(t)).toBeNull();
    }
    expect(parseBahtWords(`${'หนึ่งร้อย'.repeat(100)}บาท`)).toBeNull();
  });
});
