import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { displayWidth, wordSegments, wrapLabel, wrapWords } from './thai-wrap';

/** Offsets in the text where one word ends and the next begins. */
function boundaries(text: string): Set<number> {
  const out = new Set<number>([0]);
  let at = 0;
  for (const s of wordSegments(text)) out.add((at += s.length));
  return out;
}

const THAI_NAMES = [
  'ยุทธศาสตร์การพัฒนาเกษตรกรรม',
  'อำเภอเฉลิมพระเกียรติ',
  'การพัฒนาคุณภาพชีวิตและสังคม',
  'การบริหารจัดการทรัพยากรธรรมชาติและสิ่งแวดล้อม',
  'ความต้องการของหมู่บ้าน → โครงการที่ได้รับงบประมาณ',
  'Development of the industrial economy',
];

describe('wrapWords', () => {
  it('breaks Thai between words', () => {
    expect(wrapWords('ยุทธศาสตร์การพัฒนาเกษตรกรรม', 12)).toEqual(['ยุทธศาสตร์การ', 'พัฒนา', 'เกษตรกรรม']);
    expect(wrapLabel('อำเภอเฉลิมพระเกียรติ', 10)).toBe('อำเภอ\nเฉลิมพระเกียรติ');
  });

  it('keeps a word longer than the line whole instead of cutting it or adding an ellipsis', () => {
    expect(wrapWords('เฉลิมพระเกียรติ', 3)).toEqual(['เฉลิมพระเกียรติ']);
    expect(wrapWords('สระบุรี', 3).join('')).toBe('สระบุรี');
  });

  it('counts tone marks and vowels above or below as no column', () => {
    expect(displayWidth('ที่')).toBe(1);
    expect(displayWidth('น้ำ')).toBe(2);
    expect(wrapWords('หนองแค', 20)).toEqual(['หนองแค']);
  });

  it('drops spaces at breaks and ignores an empty text', () => {
    expect(wrapWords('water supply project', 6)).toEqual(['water', 'supply', 'project']);
    expect(wrapWords('   ', 5)).toEqual([]);
  });

  it('refuses a width that is not a positive whole number', () => {
    expect(() => wrapWords('ก', 0)).toThrow(RangeError);
    expect(() => wrapWords('ก', 2.5)).toThrow(RangeError);
  });

  it('property: lines rejoin to the text, break only at word boundaries, and fit unless one word is longer', () => {
    const thaiWords = fc.constantFrom(
      'การ',
      'พัฒนา',
      'คุณภาพ',
      'ชีวิต',
      'และ',
      'สังคม',
      'น้ำ',
      'ประปา',
      'หมู่บ้าน',
      'อำเภอ',
      'เฉลิมพระเกียรติ',
      ' ',
      'road',
      '→',
    );
    const texts = fc.oneof(
      fc.array(thaiWords, { maxLength: 30 }).map((w) => w.join('')),
      ...THAI_NAMES.map((n) => fc.constant(n)),
    );
    fc.assert(
      fc.property(texts, fc.integer({ min: 1, max: 40 }), (text, width) => {
        const lines = wrapWords(text, width);
        expect(lines.join('').replace(/\s/gu, '')).toBe(text.replace(/\s/gu, ''));
        const cuts = boundaries(text);
        let at = 0;
        for (const line of lines) {
          const start = text.indexOf(line, at);
          expect(start).toBeGreaterThanOrEqual(at);
          expect(cuts.has(start)).toBe(true);
          expect(cuts.has(start + line.length)).toBe(true);
          at = start + line.length;
          if (displayWidth(line) > width) expect(wordSegments(line).filter((s) => s.trim() !== '')).toHaveLength(1);
          expect(line).not.toMatch(/…|\.\.\./u);
        }
      }),
    );
  });
});
