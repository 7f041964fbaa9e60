import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { proposalProblems, type ProposalInput } from '../../../shared/domain/proposals';
import { applyCellEdit, areaLabel, parseCount, toInput, TAMBONS_SHOWN, type AreaLabels, type AreaNames } from './proposal-edit';

const base: ProposalInput = {
  code: 'SB-001',
  title: 'ก่อสร้างถนน',
  level: 'agency',
  agency: 'โยธาธิการจังหวัด',
  developmentIssueNo: null,
  scope: 'tambons',
  tambonCodes: ['190101', '190102'],
  districtCode: null,
  operating: 0,
  investment: 1_000_000_00,
  minimum: 500_000_00,
  people: 100,
  households: null,
  agencyPriority: 2,
  point: null,
  readiness: ['design'],
  kpis: [],
  description: '',
  strategy: '',
};

const names: AreaNames = { district: (c) => (c === '1901' ? 'เมืองสระบุรี' : c), tambon: (c) => `T${c.slice(4)}` };
const labels: AreaLabels = {
  wholeProvince: 'ทั้งจังหวัด',
  wholeDistrict: (n) => `ทั้งอำเภอ${n}`,
  tambonShort: (n) => `ต.${n}`,
  moreTambons: (n) => `และอีก ${n} ตำบล`,
};

describe('applyCellEdit', () => {
  it('applies a baht amount typed with separators and Thai words', () => {
    const r = applyCellEdit(base, 'investment', '1,250,000.50 บาท');
    expect(r).toEqual({ ok: true, input: { ...base, investment: 1_250_000_50 } });
  });

  it('refuses a minimum above the request, and an amount that is not one', () => {
    const above = applyCellEdit(base, 'minimum', '2,000,000');
    expect(above.ok).toBe(false);
    if (!above.ok) expect(above.problem.th).toContain('วงเงินขั้นต่ำ');
    expect(applyCellEdit(base, 'operating', '1,2x0').ok).toBe(false);
    expect(applyCellEdit(base, 'investment', '').ok).toBe(false);
  });

  it('refuses lowering the request under the stated minimum', () => {
    const r = applyCellEdit(base, 'investment', '100,000');
    expect(r.ok).toBe(false);
  });

  it('reads an empty minimum, people or households as not stated', () => {
    expect(applyCellEdit(base, 'minimum', '')).toEqual({ ok: true, input: { ...base, minimum: null } });
    expect(applyCellEdit(base, 'people', ' ')).toEqual({ ok: true, input: { ...base, people: null } });
  });

  it('refuses an empty name, a multi-line agency, an unknown level and a negative count', () => {
    expect(applyCellEdit(base, 'title', '  ').ok).toBe(false);
    expect(applyCellEdit(base, 'agency', 'a\nb').ok).toBe(false);
    expect(applyCellEdit(base, 'level', 'national').ok).toBe(false);
    expect(applyCellEdit(base, 'households', '-3').ok).toBe(false);
  });

  it('sets and clears the development issue (0 = not stated)', () => {
    expect(applyCellEdit(base, 'developmentIssueNo', 3)).toEqual({ ok: true, input: { ...base, developmentIssueNo: 3 } });
    expect(applyCellEdit({ ...base, developmentIssueNo: 3 }, 'developmentIssueNo', 0)).toEqual({ ok: true, input: base });
  });

  it("sets the agency's priority as the request form writes it, clears it when empty, refuses what is no ranking", () => {
    expect(applyCellEdit(base, 'agencyPriority', 'ลำดับที่ ๑')).toEqual({ ok: true, input: { ...base, agencyPriority: 1 } });
    expect(applyCellEdit(base, 'agencyPriority', '3')).toEqual({ ok: true, input: { ...base, agencyPriority: 3 } });
    expect(applyCellEdit(base, 'agencyPriority', '')).toEqual({ ok: true, input: { ...base, agencyPriority: null } });
    for (const bad of ['0', 'สูง', '1.5']) {
      const r = applyCellEdit(base, 'agencyPriority', bad);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.problem.th).toContain('ลำดับความสำคัญ');
    }
    // Editing another cell keeps it.
    const edited = applyCellEdit(base, 'title', 'ถนนสายใหม่');
    expect(edited.ok && edited.input.agencyPriority).toBe(2);
    expect(toInput(base).agencyPriority).toBe(2);
  });

  it('never accepts a proposal that breaks a domain rule (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('operating', 'investment', 'minimum', 'people', 'households'),
        fc.oneof(fc.string(), fc.integer({ min: -1e9, max: 1e12 }).map(String)),
        (field, text) => {
          const r = applyCellEdit(base, field, text);
          if (r.ok) expect(proposalProblems(r.input)).toEqual([]);
        },
      ),
    );
  });
});

describe('parseCount', () => {
  it('reads Thai digits and thousands separators', () => {
    expect(parseCount('๑,๒๐๐')).toEqual({ ok: true, value: 1200 });
    expect(parseCount('12.5').ok).toBe(false);
  });

  it('gives back any whole number it is shown (property)', () => {
    fc.assert(
      fc.property(fc.nat({ max: Number.MAX_SAFE_INTEGER }), (n) => {
        expect(parseCount(n.toLocaleString('en-US'))).toEqual({ ok: true, value: n });
      }),
    );
  });
});

describe('toInput / areaLabel', () => {
  it('sends tambons only for scope tambons and a district only for scope district', () => {
    expect(toInput({ ...base, scope: 'province', districtCode: '1901' })).toMatchObject({ tambonCodes: [], districtCode: null });
    expect(toInput({ ...base, scope: 'district', districtCode: '1901' })).toMatchObject({
      tambonCodes: [],
      districtCode: '1901',
    });
  });

  it('labels tambons, a whole district and the whole province', () => {
    expect(areaLabel(base, names, labels)).toBe('ต.T01, ต.T02');
    expect(areaLabel({ ...base, scope: 'district', districtCode: '1901' }, names, labels)).toBe('ทั้งอำเภอเมืองสระบุรี');
    expect(areaLabel({ ...base, scope: 'province' }, names, labels)).toBe('ทั้งจังหวัด');
  });

  it('names at most a few tambons and counts the rest (property)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 10, max: 99 }), { minLength: 1, maxLength: 30 }), (ids) => {
        const codes = ids.map((i) => `1901${i}`);
        const label = areaLabel({ scope: 'tambons', tambonCodes: codes, districtCode: null }, names, labels);
        expect(label.split('ต.').length - 1).toBe(Math.min(TAMBONS_SHOWN, codes.length));
        expect(label.includes('และอีก')).toBe(codes.length > TAMBONS_SHOWN);
      }),
    );
  });
});
