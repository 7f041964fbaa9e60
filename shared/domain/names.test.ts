import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { nameKey, normalizeName } from './names';

describe('normalizeName', () => {
  it('drops invisible characters, collapses white space, composes and trims', () => {
    expect(normalizeName('นายก\u200b ข')).toBe('นายก ข');
    expect(normalizeName('นายก  ข')).toBe('นายก ข');
    expect(normalizeName('\ufeffนาย\u200cก\u200d \u2060ข\t\n')).toBe('นายก ข');
    expect(normalizeName('สมชาย\u00a0 \u3000ใจดี')).toBe('สมชาย ใจดี');
    expect(normalizeName('e\u0301')).toBe('é');
    // A combining mark split from its letter by an invisible character composes once the character is gone.
    expect(normalizeName('e\u200b\u0301')).toBe('é');
  });
  it('spells Thai as it shows: sara am from a PDF, a tone mark typed before the vowel, two sara e for sara ae', () => {
    expect(normalizeName('นางสาวนํ้าฝน')).toBe('นางสาวน้ำฝน');
    expect(normalizeName('นางสาวน้ําฝน')).toBe('นางสาวน้ำฝน');
    expect(normalizeName('นายสม่ิง')).toBe('นายสมิ่ง');
    expect(normalizeName('เเก้ว')).toBe('แก้ว');
    expect(nameKey('นางสาวนํ้าฝน  ใจดี')).toBe(nameKey('นางสาวน้ำฝน ใจดี'));
  });
  it('leaves nothing of a name that shows nothing', () => {
    for (const blank of ['', ' ', '\u200b', '\u200b \ufeff\u2060', '\u200c\u200d']) expect(normalizeName(blank)).toBe('');
  });
  it('is idempotent', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (s) => normalizeName(normalizeName(s)) === normalizeName(s)));
    fc.assert(fc.property(fc.string(), (s) => normalizeName(normalizeName(s)) === normalizeName(s)));
    // Thai letters, vowels, tone marks and signs in any order, with spaces and invisible characters between.
    const thai = fc.string({
      unit: fc.constantFrom(...'กนมเแาำิีุู่้๊๋็์ํ \u200b\u0301'),
      maxLength: 12,
    });
    fc.assert(fc.property(thai, (s) => normalizeName(normalizeName(s)) === normalizeName(s)));
    // Found by the properties: Thai marks among another script's accents, which NFC orders; phinthu, which NFC puts
    // before sara u; a vowel mark twice on one letter, apart.
    const found = [
      '\u0301\u0e4d\u0e4a',
      'ก\u0301\u0e4d\u0e49',
      '\u0e33\u0301\u0e4c\u0e38',
      '\u0301\u0e4c\u0e38',
      '\u0e39\u0e4c\u0e3a',
      '\u0e38\u0e4c\u0e3a\u0e38',
    ];
    for (const s of found) expect(normalizeName(normalizeName(s))).toBe(normalizeName(s));
    expect(normalizeName('น\u0301\u0e49\u0e33')).toBe('น\u0e49\u0e33');
  });
});

describe('nameKey', () => {
  it('matches a name typed with other spacing, case, composition and invisible characters', () => {
    expect(nameKey('  Somchai   JAIDEE ')).toBe(nameKey('somchai jaidee'));
    expect(nameKey('สมชาย\u00a0 ใจดี')).toBe(nameKey('สมชาย ใจดี'));
    expect(nameKey('สมชาย\u200b ใจดี')).toBe(nameKey('สมชาย  ใจดี'));
    expect(nameKey('é')).toBe(nameKey('e\u0301'));
    expect(nameKey('สมชาย')).not.toBe(nameKey('สมหญิง'));
  });
  it('is idempotent', () => {
    fc.assert(fc.property(fc.string(), (s) => nameKey(nameKey(s)) === nameKey(s)));
  });
});
