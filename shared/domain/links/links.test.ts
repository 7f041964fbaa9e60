import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inferCategories } from './categories';
import { proposalEvidence, type EvidenceNeed } from './evidence';
import { buildNeedIndex, suggestFromIndex, type NeedTable } from './need-index';
import { linkScore, proposalQuery, rankNeeds, type NeedDoc, type ProposalQuery } from './rank';
import { suggestForRound } from './suggest-round';
import { normaliseThaiDigits, thaiWords } from './thai-words';

describe('thaiWords', () => {
  it('segments Thai into content words without stop words, punctuation or area abbreviations', () => {
    expect(thaiWords('ขอก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ ๕ ต.หนองแค!!')).toEqual(['ก่อสร้าง', 'ถนน', 'คอนกรีตเสริมเหล็ก', '5', 'หนองแค']);
    expect(thaiWords('โครงการพัฒนาแหล่งน้ำ และ ระบบประปา')).not.toContain('และ');
    expect(thaiWords('Water SUPPLY, water')).toEqual(['water', 'supply']);
    expect(thaiWords('  ,.;  ')).toEqual([]);
  });

  it('normalises Thai digits', () => {
    expect(normaliseThaiDigits('๐๑๒๓๔๕๖๗๘๙')).toBe('0123456789');
    fc.assert(
      fc.property(
        fc.nat(),
        (n) => normaliseThaiDigits(n.toString().replace(/\d/gu, (d) => String.fromCharCode(0x0e50 + Number(d)))) === String(n),
      ),
    );
  });

  it('gives distinct words only, none of them empty', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('ถนน', 'น้ำ', 'ขอ', ' ', 'ประปา', '๓', ',', 'หมู่ที่', 'ไฟฟ้า'), { maxLength: 20 }),
        (parts) => {
          const words = thaiWords(parts.join(''));
          expect(new Set(words).size).toBe(words.length);
          for (const w of words) expect(w.trim()).not.toBe('');
        },
      ),
    );
  });
});

describe('inferCategories', () => {
  it('reads the category from the words of the title, else from the strategy', () => {
    expect(inferCategories('โครงการพัฒนาแหล่งน้ำและระบบประปา อ.หนองแค')).toEqual(['water']);
    expect(inferCategories('โครงการบ้านมั่นคงสำหรับผู้มีรายได้น้อย')).toEqual(['housing']);
    expect(inferCategories('โครงการป้องกันและบรรเทาอุทกภัยและภัยแล้ง', 'S1')).toEqual(['safety_disaster']);
    expect(inferCategories('โครงการพิเศษ', 'S4')).toEqual(['agriculture', 'income_jobs']);
    expect(inferCategories('โครงการพิเศษ', 'unknown')).toEqual([]);
  });
});

const TAMBONS = ['t1', 't2', 't3'];
const CATEGORIES = ['water', 'roads_transport', 'health'];
const WORDS = ['ถนน', 'ประปา', 'น้ำ', 'ไฟฟ้า', 'สุขภาพ', 'สะพาน', 'คลอง'];

const needArb = fc.record({
  tambon: fc.constantFrom(...TAMBONS),
  category: fc.constantFrom(...CATEGORIES),
  words: fc.uniqueArray(fc.constantFrom(...WORDS), { maxLength: 4 }),
  people: fc.integer({ min: 0, max: 50 }),
  timesRaised: fc.integer({ min: 1, max: 5 }),
});
const needsArb = fc.array(needArb, { maxLength: 60 }).map((list) => list.map((n, i): NeedDoc => ({ ...n, id: i + 1 })));
const queryArb = fc.record({
  tambons: fc.uniqueArray(fc.constantFrom(...TAMBONS), { minLength: 1 }),
  categories: fc.uniqueArray(fc.constantFrom(...CATEGORIES), { maxLength: 2 }),
  words: fc.uniqueArray(fc.constantFrom(...WORDS, 'ไม่มีในความต้องการ'), { maxLength: 4 }),
});

/** The same needs as compact columns, each need's words as its text. */
function tableOf(needs: readonly NeedDoc[]): NeedTable {
  const texts = [...new Set(needs.map((n) => n.words.join(' ')))];
  return {
    ids: Int32Array.from(needs.map((n) => n.id)),
    tambon: Int32Array.from(needs.map((n) => TAMBONS.indexOf(n.tambon))),
    category: Int32Array.from(needs.map((n) => CATEGORIES.indexOf(n.category))),
    text: Int32Array.from(needs.map((n) => texts.indexOf(n.words.join(' ')))),
    people: Int32Array.from(needs.map((n) => n.people)),
    timesRaised: Int32Array.from(needs.map((n) => n.timesRaised)),
    tambonCodes: TAMBONS,
    categoryIds: CATEGORIES,
    texts,
  };
}

describe('rankNeeds', () => {
  it('scores area, category and shared words, and says why', () => {
    const needs: NeedDoc[] = [
      { id: 1, tambon: 't1', category: 'water', words: ['ประปา'], people: 10, timesRaised: 1 },
      { id: 2, tambon: 't1', category: 'roads_transport', words: ['ถนน'], people: 99, timesRaised: 1 },
      { id: 3, tambon: 't2', category: 'water', words: ['ประปา'], people: 10, timesRaised: 1 },
      { id: 4, tambon: 't1', category: 'health', words: ['สุขภาพ'], people: 10, timesRaised: 1 },
    ];
    const ranked = rankNeeds({ tambons: ['t1'], categories: ['water'], words: ['ประปา'] }, needs, 10);
    expect(ranked.map((r) => r.needId)).toEqual([1, 3]);
    expect(ranked[0]).toEqual({ needId: 1, score: 1, reasons: { sameTambon: true, sameCategory: true, sharedWords: ['ประปา'] } });
    expect(ranked[1]!.reasons.sameTambon).toBe(false);
    expect(ranked[1]!.score).toBeCloseTo(0.6, 12);
  });

  it('keeps scores in [0, 1], is sorted, deterministic and never suggests an excluded need', () => {
    fc.assert(
      fc.property(queryArb, needsArb, fc.integer({ min: 0, max: 20 }), (q, needs, limit) => {
        const exclude = new Set(needs.filter((n) => n.id % 3 === 0).map((n) => n.id));
        const ranked = rankNeeds(q, needs, limit, exclude);
        expect(ranked.length).toBeLessThanOrEqual(limit);
        for (const r of ranked) {
          expect(r.score).toBeGreaterThanOrEqual(0);
          expect(r.score).toBeLessThanOrEqual(1 + 1e-12);
          expect(exclude.has(r.needId)).toBe(false);
          expect(r.reasons.sameCategory || r.reasons.sharedWords.length > 0).toBe(true);
        }
        for (let i = 1; i < ranked.length; i++) expect(ranked[i - 1]!.score).toBeGreaterThanOrEqual(ranked[i]!.score);
        expect(rankNeeds(q, [...needs].reverse(), limit, exclude)).toEqual(ranked);
      }),
    );
  });

  it('never ranks a need outside the area above an equal one inside', () => {
    fc.assert(
      fc.property(queryArb, needsArb, needArb, (q, needs, twin) => {
        const outside = TAMBONS.find((t) => !q.tambons.includes(t));
        if (!outside) return;
        const base = needs.length + 1;
        const inside: NeedDoc = { ...twin, tambon: q.tambons[0]!, id: base + 1 };
        const away: NeedDoc = { ...twin, tambon: outside, id: base };
        const ranked = rankNeeds(q, [...needs, away, inside], needs.length + 2);
        const at = (id: number) => ranked.findIndex((r) => r.needId === id);
        if (at(away.id) >= 0) expect(at(inside.id)).toBeGreaterThanOrEqual(0);
        if (at(away.id) >= 0) expect(at(inside.id)).toBeLessThan(at(away.id));
      }),
    );
  });

  it('ranks more shared rare words higher, all else equal', () => {
    const needs: NeedDoc[] = [
      { id: 1, tambon: 't1', category: 'health', words: ['ถนน'], people: 5, timesRaised: 1 },
      { id: 2, tambon: 't1', category: 'health', words: ['ถนน', 'สะพาน'], people: 5, timesRaised: 1 },
    ];
    const ranked = rankNeeds({ tambons: ['t1'], categories: [], words: ['ถนน', 'สะพาน'] }, needs, 2);
    expect(ranked.map((r) => r.needId)).toEqual([2, 1]);
    expect(ranked[0]!.score).toBe(linkScore(true, false, 1));
  });
});

describe('suggestFromIndex', () => {
  it('gives exactly what rankNeeds gives on the needs of the area', () => {
    fc.assert(
      fc.property(queryArb, needsArb, fc.integer({ min: 0, max: 15 }), fc.integer({ min: 0, max: 5 }), (q, needs, limit, mod) => {
        const exclude = new Set(needs.filter((n) => mod > 0 && n.id % (mod + 1) === 0).map((n) => n.id));
        const index = buildNeedIndex(tableOf(needs));
        const inArea = needs.filter((n) => q.tambons.includes(n.tambon));
        expect(suggestFromIndex(index, q, limit, exclude)).toEqual(rankNeeds(q, inArea, limit, exclude));
        // The index's scratch space is left clean: a second query answers the same.
        expect(suggestFromIndex(index, q, limit, exclude)).toEqual(rankNeeds(q, inArea, limit, exclude));
      }),
      { numRuns: 300 },
    );
  });

  it('does not depend on the order of the rows or on how large the counts are', () => {
    const bigNeeds = needsArb.map((list) => list.map((n, i) => ({ ...n, people: i % 2 === 0 ? n.people * 300_000 : n.people })));
    fc.assert(
      fc.property(queryArb, bigNeeds, fc.integer({ min: 1, max: 10 }), (q, needs, limit) => {
        const inArea = needs.filter((n) => q.tambons.includes(n.tambon));
        const expected = rankNeeds(q, inArea, limit);
        expect(suggestFromIndex(buildNeedIndex(tableOf([...needs].reverse())), q, limit)).toEqual(expected);
        expect(suggestFromIndex(buildNeedIndex(tableOf(needs)), q, limit)).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });

  it('ignores unknown tambons and categories', () => {
    const index = buildNeedIndex(tableOf([{ id: 1, tambon: 't1', category: 'water', words: ['น้ำ'], people: 1, timesRaised: 1 }]));
    const q: ProposalQuery = { tambons: ['t9'], categories: ['nothing'], words: ['น้ำ'] };
    expect(suggestFromIndex(index, q, 5)).toEqual([]);
  });
});

describe('suggestForRound', () => {
  it('ranks each proposal from its own text and reports progress up to the end', () => {
    const needs: NeedDoc[] = [
      { id: 1, tambon: 't1', category: 'water', words: ['ประปา'], people: 10, timesRaised: 1 },
      { id: 2, tambon: 't1', category: 'roads_transport', words: ['ถนน'], people: 10, timesRaised: 1 },
    ];
    const seen: number[] = [];
    const out = suggestForRound(
      tableOf(needs),
      [
        { id: 7, title: 'โครงการประปา', description: '', strategy: '', tambons: ['t1'], exclude: [] },
        { id: 8, title: 'โครงการก่อสร้างถนน', description: '', strategy: '', tambons: ['t1'], exclude: [2] },
      ],
      3,
      (done) => seen.push(done),
    );
    expect(out).toEqual([
      { projectId: 7, top: [{ needId: 1, score: 1 }] },
      { projectId: 8, top: [] },
    ]);
    expect(seen.at(-1)).toBe(2);
    expect(proposalQuery({ title: 'โครงการขยายเขตประปา', description: '', strategy: '', tambons: [] }).categories).toEqual([
      'water',
    ]);
  });
});

describe('proposalEvidence', () => {
  const need = (over: Partial<EvidenceNeed>): EvidenceNeed => ({
    tambon: 't1',
    village: 1,
    category: 'water',
    people: 10,
    households: 3,
    timesRaised: 2,
    coverage: 1,
    ...over,
  });

  it('counts people, households, villages, times raised and cost per person', () => {
    const e = proposalEvidence(300_000, [
      need({}),
      need({ village: 2, people: 20, coverage: 0.5, category: 'roads_transport' }),
      need({ timesRaised: 1 }),
    ]);
    expect(e).toEqual({
      needs: 3,
      people: 30,
      households: 8,
      villages: 2,
      timesRaised: 5,
      costPerPerson: 10_000,
      byCategory: [
        { category: 'water', needs: 2, people: 20 },
        { category: 'roads_transport', needs: 1, people: 10 },
      ],
    });
  });

  it('says "none" for a proposal without links', () => {
    expect(proposalEvidence(100, [])).toEqual({
      needs: 0,
      people: 0,
      households: 0,
      villages: 0,
      timesRaised: 0,
      costPerPerson: null,
      byCategory: [],
    });
  });

  it('never counts more villages than needs, and categories add up to the needs', () => {
    const arb = fc.array(
      fc.record({
        tambon: fc.constantFrom('t1', 't2'),
        village: fc.option(fc.integer({ min: 1, max: 4 })),
        category: fc.constantFrom('water', 'health'),
        people: fc.integer({ min: 0, max: 100 }),
        households: fc.integer({ min: 0, max: 30 }),
        timesRaised: fc.integer({ min: 1, max: 9 }),
        coverage: fc.constantFrom(0.5, 1),
      }),
      { maxLength: 30 },
    );
    fc.assert(
      fc.property(arb, fc.integer({ min: 0, max: 1e9 }), (linked, requested) => {
        const e = proposalEvidence(requested, linked);
        expect(e.villages).toBeLessThanOrEqual(e.needs);
        expect(e.byCategory.reduce((s, c) => s + c.needs, 0)).toBe(e.needs);
        if (e.costPerPerson !== null) expect(e.costPerPerson).toBe(Math.round(requested / e.people));
      }),
    );
  });
});
