import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { thaiSpelling } from './thai-spelling';

/**
 * Sara am written as nikhahit + sara aa, a tone mark before, between or after them (how PDFs and old systems write
 * it), or sara am itself with the tone mark typed after it.
 */
const SPLITS = [
  (s: string) => s.replace(/([\u0e48-\u0e4b]?)\u0e33/gu, '$1\u0e4d\u0e32'),
  (s: string) => s.replace(/([\u0e48-\u0e4b]?)\u0e33/gu, '\u0e4d$1\u0e32'),
  (s: string) => s.replace(/([\u0e48-\u0e4b]?)\u0e33/gu, '\u0e4d\u0e32$1'),
  (s: string) => s.replace(/([\u0e48-\u0e4b]?)\u0e33/gu, '\u0e33$1'),
];

const WORDS = ['ตำบล', 'อำเภอ', 'จำนวน', 'น้ำ', 'น้ำท่วม', 'ลำพญากลาง', 'หนองแค', 'แก่งคอย', 'ขอขุดลอกคลองส่งน้ำ', 'ที่', 'กี่', 'ปู่'];

describe('thaiSpelling', () => {
  it.each([
    ['ตําบล', 'ตำบล'],
    ['อําเภอเเก่งคอย', 'อำเภอแก่งคอย'],
    ['น\u0e49\u0e4d\u0e32', 'น้ำ'],
    ['น\u0e4d\u0e49\u0e32', 'น้ำ'],
    ['น\u0e4d\u0e32\u0e49', 'น้ำ'],
    ['น\u0e33\u0e49', 'น้ำ'],
    ['ส่งน\u0e33\u0e49 ค\u0e33\u0e49ประกัน', 'ส่งน\u0e49\u0e33 ค\u0e49\u0e33ประกัน'],
    ['จํานวน (คน)', 'จำนวน (คน)'],
    ['ก\u0e48\u0e35', 'กี่'],
    ['ป\u0e48\u0e39', 'ปู่'],
    ['ก\u0e48\u0e48', 'ก่'],
    ['ก\u0e38\u0e3a\u0e38', 'ก\u0e38\u0e3a'],
    ['เเละ', 'และ'],
  ])('%s is %s', (text, want) => {
    expect(thaiSpelling(text)).toBe(want);
  });

  it('leaves text in one spelling, and text in other scripts, exactly as it is', () => {
    for (const w of [...WORDS, 'Saraburi', 'ถนน คสล. 1,250,000.00 บาท', 'ṩ', '']) expect(thaiSpelling(w)).toBe(w);
  });

  it('property: every way of writing a word spells it one way, and that spelling stays', () => {
    const word = fc.constantFrom(...WORDS);
    const slips = fc.record({
      split: fc.constantFrom(...SPLITS),
      doubleE: fc.boolean(),
      repeat: fc.boolean(),
      toneFirst: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 4 }), slips, (words, s) => {
        const text = words.join(' ');
        let slipped = s.split(text);
        if (s.doubleE) slipped = slipped.replace(/\u0e41/gu, '\u0e40\u0e40');
        if (s.repeat) slipped = slipped.replace(/([\u0e48-\u0e4b])/gu, '$1$1');
        if (s.toneFirst) slipped = slipped.replace(/([\u0e34-\u0e37])([\u0e48-\u0e4b])/gu, '$2$1');
        expect(thaiSpelling(slipped)).toBe(text);
        expect(thaiSpelling(thaiSpelling(slipped))).toBe(text);
      }),
    );
  });

  it('property: on any text of Thai letters and marks, applying it twice changes nothing more, and words are spelt as the whole spells them', () => {
    const thai = fc.integer({ min: 0x0e01, max: 0x0e5b }).map((c) => String.fromCodePoint(c));
    const word = fc.array(fc.oneof(thai, fc.constantFrom('a', '1', '\u0e4d', '\u0e32', '\u0e40', '\u0e48', '\u0e34')), {
      maxLength: 12,
    });
    fc.assert(
      fc.property(fc.array(word, { maxLength: 4 }), (words) => {
        const texts = words.map((w) => w.join(''));
        const once = thaiSpelling(texts.join(' '));
        expect(thaiSpelling(once)).toBe(once);
        expect(once).toBe(texts.map(thaiSpelling).join(' '));
      }),
      { numRuns: 2000 },
    );
  });
});
