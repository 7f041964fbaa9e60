import { describe, expect, it } from 'vitest';
import { controlCharProblem, findControlChar, shown } from './problems';

describe('findControlChar', () => {
  it('finds control characters and bidi overrides', () => {
    expect(findControlChar('ok\u0007')).toEqual({ at: 2, char: 'U+0007', kind: 'control' });
    expect(findControlChar('ราคา \u202e1')).toEqual({ at: 5, char: 'U+202E', kind: 'control' });
    expect(findControlChar('ขอถนน\tสาย\n2')).toBeNull();
  });

  it('finds a lone surrogate, high or low, anywhere, but not a pair', () => {
    expect(findControlChar('A\udfff')).toEqual({ at: 1, char: 'U+DFFF', kind: 'surrogate' });
    expect(findControlChar('\ud800x')).toEqual({ at: 0, char: 'U+D800', kind: 'surrogate' });
    expect(findControlChar('😀\ud83d')).toEqual({ at: 2, char: 'U+D83D', kind: 'surrogate' });
    expect(findControlChar('\ude00😀')).toEqual({ at: 0, char: 'U+DE00', kind: 'surrogate' });
    expect(findControlChar('ขอ😀ถนน 𠀀')).toBeNull();
  });

  it('finds one at the end of a megabyte of text in one pass', () => {
    expect(findControlChar(`${'ก'.repeat(1_000_000)}\udc00`)).toMatchObject({ at: 1_000_000, kind: 'surrogate' });
  });
});

describe('controlCharProblem', () => {
  it('names a lone surrogate as INVALID_CHAR, in Thai and English', () => {
    const p = controlCharProblem(3, 'id', { at: 1, char: 'U+DFFF', kind: 'surrogate' });
    expect(p).toMatchObject({ line: 3, column: 'id', code: 'INVALID_CHAR' });
    expect(p.en).toContain('U+DFFF');
    expect(p.th).toContain('U+DFFF');
    expect(controlCharProblem(3, 'id', { at: 1, char: 'U+0007', kind: 'control' }).code).toBe('CONTROL_CHAR');
  });
});

describe('shown', () => {
  it('escapes lone surrogates and shows a value nested deeper than the stack by its kind', () => {
    expect(shown('A\udfff')).toBe('A�');
    expect(shown('😀')).toBe('😀');
    let deep: unknown[] = [];
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(shown(deep)).toBe('[…]');
  });
});
