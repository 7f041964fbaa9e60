import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkScore, parseScore } from './score-input';

const scale = { scaleMin: 1, scaleMax: 5 };

describe('what a member may type as a score', () => {
  it('empty is "not scored", not zero', () => {
    expect(parseScore('', scale)).toEqual({ ok: true, value: null });
    expect(parseScore('   ', scale)).toEqual({ ok: true, value: null });
  });
  it('refuses words, Thai digits, fractions on a whole scale, and values off the scale, saying why', () => {
    expect(parseScore('abc', scale)).toMatchObject({ ok: false, en: expect.stringContaining('not a score') });
    expect(parseScore('๔', scale)).toMatchObject({ ok: false, th: expect.stringContaining('เลขไทย') });
    expect(parseScore('3.5', scale)).toMatchObject({ ok: false, en: expect.stringContaining('whole number') });
    expect(parseScore('6', scale)).toMatchObject({ ok: false, en: expect.stringContaining('outside the scale 1–5') });
    expect(parseScore('1,000', { scaleMin: 0, scaleMax: 5000 }).ok).toBe(false);
  });
  it('a fractional scale takes fractions', () => {
    expect(parseScore('0.25', { scaleMin: 0, scaleMax: 0.5 })).toEqual({ ok: true, value: 0.25 });
  });
  it('every whole number on the scale reads back as itself; every one off it is refused', () => {
    fc.assert(
      fc.property(fc.integer({ min: -20, max: 20 }), (v) => {
        const r = parseScore(String(v), scale);
        expect(r.ok).toBe(v >= 1 && v <= 5);
        if (r.ok) expect(r.value).toBe(v);
        expect(checkScore(v, scale).ok).toBe(r.ok);
      }),
    );
  });
});
