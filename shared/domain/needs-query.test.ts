import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { charCount, ftsMatch, likePattern, normaliseThai, parseNeedsQuery, TRIGRAM } from './needs-query';

describe('parseNeedsQuery', () => {
  it('reads DOPA area codes, in Arabic or Thai digits, as an area', () => {
    expect(parseNeedsQuery('1901')).toEqual({ kind: 'area', code: '1901' });
    expect(parseNeedsQuery(' ๑๙๐๑๐๒ ')).toEqual({ kind: 'area', code: '190102' });
    // Not Saraburi's, or not an area length: text (and a possible id).
    expect(parseNeedsQuery('1001')).toMatchObject({ kind: 'text', idPrefix: '1001' });
    expect(parseNeedsQuery('19011')).toMatchObject({ kind: 'text', idPrefix: '19011' });
  });

  it('splits Thai words by the spaces the user typed: trigram terms for the index, shorter ones for LIKE', () => {
    expect(parseNeedsQuery('ประปา  ไฟ')).toEqual({ kind: 'text', indexed: ['ประปา'], short: ['ไฟ'], idPrefix: null });
    expect(parseNeedsQuery('   ')).toEqual({ kind: 'empty' });
  });

  it('reads one id-like token as a possible need id', () => {
    expect(parseNeedsQuery('SRB-N-000123')).toEqual({
      kind: 'text',
      indexed: ['SRB-N-000123'],
      short: [],
      idPrefix: 'SRB-N-000123',
    });
    expect(parseNeedsQuery('SRB N')).toMatchObject({ idPrefix: null });
  });

  it('unifies the two spellings of sara am, as the index stores titles', () => {
    expect(normaliseThai('น\u0e49\u0e4d\u0e32ท่วม')).toBe('น้ำท่วม');
    expect(parseNeedsQuery('น\u0e49\u0e4d\u0e32')).toMatchObject({ indexed: ['น้ำ'] });
  });

  it('property: every term lands in exactly one list, by its length in code points, at most 8 distinct terms', () => {
    const word = fc.stringMatching(/^[ก-ฮะ-ู็-์a-z0-9]{1,6}$/u);
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 12 }), (words) => {
        const q = parseNeedsQuery(words.join(' '));
        if (q.kind !== 'text') return; // an all-digit word may read as an area code
        const all = [...q.indexed, ...q.short];
        expect(new Set(all).size).toBe(all.length);
        expect(all.length).toBeLessThanOrEqual(8);
        for (const t of q.indexed) expect(charCount(t)).toBeGreaterThanOrEqual(TRIGRAM);
        for (const t of q.short) expect(charCount(t)).toBeLessThan(TRIGRAM);
        for (const t of all) expect(words.map(normaliseThai)).toContain(t);
      }),
    );
  });
});

describe('ftsMatch and likePattern', () => {
  it('quotes each term as a phrase, doubling quotes, all required', () => {
    expect(ftsMatch([])).toBeNull();
    expect(ftsMatch(['ประปา', 'a"b'])).toBe('"ประปา" AND "a""b"');
  });

  it('escapes LIKE wildcards', () => {
    expect(likePattern('50%_\\')).toBe('%50\\%\\_\\\\%');
  });

  it('property: a quoted phrase never leaves its quotes', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 20 }), (t) => {
        const m = ftsMatch([t])!;
        expect(m.startsWith('"') && m.endsWith('"')).toBe(true);
        expect(m.slice(1, -1).replace(/""/gu, '')).not.toContain('"');
      }),
    );
  });
});
