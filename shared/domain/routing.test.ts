import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { baht } from './money';
import {
  DEFAULT_AGENCIES,
  DEFAULT_ROUTING_RULE as RULE,
  LOCAL_REMIT_CATEGORIES,
  ROUTE_REASONS,
  agencyFor,
  doorKey,
  doorKindOf,
  localGovernmentName,
  parseDoorKey,
  routeNeed,
  routeReason,
  routeReasonText,
  type RoutingInput,
} from './routing';
import { NEED_CATEGORIES } from './taxonomy';

const base: RoutingInput = {
  category: 'health',
  estimatedCost: baht(700_000),
  villageNo: 4,
  peopleAffected: 120,
  spreadDistricts: 1,
  hasAgency: true,
};

describe('routeReason', () => {
  it('sends a village road to the local government whatever the spread', () => {
    expect(routeReason({ ...base, category: 'roads_transport', estimatedCost: baht(2_000_000), spreadDistricts: 13 })).toBe(
      'local_remit',
    );
  });

  it('sends a small confined need of any category to the local government', () => {
    expect(routeReason({ ...base, category: 'education', estimatedCost: baht(500_000) })).toBe('local_small');
    expect(routeReason({ ...base, category: 'education', estimatedCost: baht(500_000) + 1 })).toBe('agency_remit');
  });

  it('does not call a need of a whole tambon or of many people confined', () => {
    expect(routeReason({ ...base, estimatedCost: baht(100_000), villageNo: null })).toBe('agency_remit');
    expect(routeReason({ ...base, estimatedCost: baht(100_000), peopleAffected: 1_001 })).toBe('agency_remit');
    expect(routeReason({ ...base, category: 'water', estimatedCost: null, villageNo: null })).toBe('agency_remit');
  });

  it('sends a very large need to the province, even a transferred task', () => {
    expect(routeReason({ ...base, category: 'roads_transport', estimatedCost: baht(10_000_000) })).toBe('province_large');
  });

  it('pools a large need of a category unmet across several districts at the province', () => {
    expect(routeReason({ ...base, estimatedCost: baht(1_000_000), spreadDistricts: 3 })).toBe('province_wide');
    expect(routeReason({ ...base, estimatedCost: baht(1_000_000), spreadDistricts: 2 })).toBe('agency_remit');
    expect(routeReason({ ...base, estimatedCost: baht(999_999), spreadDistricts: 13 })).toBe('agency_remit');
    expect(routeReason({ ...base, estimatedCost: null, spreadDistricts: 13 })).toBe('agency_remit');
  });

  it('sends a category no agency is in charge of to the province', () => {
    expect(routeReason({ ...base, category: 'other', hasAgency: false })).toBe('province_unassigned');
  });
});

const input = fc.record({
  category: fc.constantFrom(...NEED_CATEGORIES.map((c) => c.id), 'other'),
  estimatedCost: fc.option(fc.integer({ min: 0, max: baht(50_000_000) }), { nil: null }),
  villageNo: fc.option(fc.integer({ min: 1, max: 30 }), { nil: null }),
  peopleAffected: fc.integer({ min: 0, max: 20_000 }),
  spreadDistricts: fc.integer({ min: 0, max: 13 }),
  hasAgency: fc.boolean(),
});

describe('routeReason properties', () => {
  it('sends nothing to the local government that is not confined to one village', () => {
    fc.assert(
      fc.property(input, (i) => {
        const local = doorKindOf(routeReason(i)) === 'local';
        return !local || (i.villageNo !== null && i.peopleAffected <= RULE.localMaxPeople);
      }),
    );
  });

  it('sends every need from the large threshold up to the province', () => {
    fc.assert(
      fc.property(input, (i) =>
        i.estimatedCost !== null && i.estimatedCost >= RULE.provinceMinCost ? routeReason(i) === 'province_large' : true,
      ),
    );
  });

  it('never sends more to the province when a need is cheaper (monotone in cost, outside local reasons)', () => {
    fc.assert(
      fc.property(input, fc.integer({ min: 0, max: baht(5_000_000) }), (i, less) => {
        if (i.estimatedCost === null) return true;
        const cheaper = { ...i, estimatedCost: Math.max(0, i.estimatedCost - less) };
        const rank = (r: ReturnType<typeof routeReason>): number => ({ local: 0, agency: 1, province: 2 })[doorKindOf(r)];
        // Dropping below a threshold may move a need down a level, never up.
        return rank(routeReason(cheaper)) <= rank(routeReason(i)) || routeReason(cheaper) === 'province_unassigned';
      }),
    );
  });

  it('sends to an agency only a category some agency is in charge of', () => {
    fc.assert(fc.property(input, (i) => (routeReason(i) === 'agency_remit' ? i.hasAgency : true)));
  });

  it('always gives a Thai and an English reason', () => {
    fc.assert(
      fc.property(input, (i) => {
        const text = routeReasonText(routeReason(i), { agency: 'x', spreadDistricts: i.spreadDistricts });
        return text.th.length > 10 && text.en.length > 10 && /[\u0E00-\u0E7F]/u.test(text.th);
      }),
    );
  });
});

describe('routeNeed', () => {
  it('names the agency of the category, or the round’s override', () => {
    const r = routeNeed(base, '190101', new Map());
    expect(r.door).toEqual({ kind: 'agency', agency: 'สำนักงานสาธารณสุขจังหวัดสระบุรี' });
    const o = routeNeed(base, '190101', new Map([['health', 'โรงพยาบาลสระบุรี']]));
    expect(o.door).toEqual({ kind: 'agency', agency: 'โรงพยาบาลสระบุรี' });
  });

  it('sends a local need to its own tambon', () => {
    expect(routeNeed({ ...base, estimatedCost: baht(50_000) }, '191302', new Map()).door).toEqual({
      kind: 'local',
      tambonCode: '191302',
    });
  });

  it('gives every category of the taxonomy a default agency', () => {
    for (const c of NEED_CATEGORIES) expect(agencyFor(c.id, new Map())).toBe(DEFAULT_AGENCIES[c.id]);
    expect(agencyFor('other', new Map())).toBeNull();
    for (const c of LOCAL_REMIT_CATEGORIES) expect(DEFAULT_AGENCIES[c]).toBeTruthy();
  });
});

describe('door keys', () => {
  it('read back what they write', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.constant({ kind: 'province' } as const),
          fc.string({ minLength: 1 }).map((agency) => ({ kind: 'agency', agency }) as const),
          fc.stringMatching(/^\d{6}$/u).map((tambonCode) => ({ kind: 'local', tambonCode }) as const),
        ),
        (door) => {
          expect(parseDoorKey(doorKey(door))).toEqual(door);
        },
      ),
    );
  });

  it('refuse what is not a door', () => {
    for (const bad of ['', 'agency:', 'local:19', 'local:abcdef', 'provincex']) expect(parseDoorKey(bad)).toBeNull();
  });
});

describe('localGovernmentName', () => {
  it('names the local government by its tambon and district', () => {
    expect(localGovernmentName('ปากเพรียว', 'เมืองสระบุรี')).toBe('องค์กรปกครองส่วนท้องถิ่นในตำบลปากเพรียว อำเภอเมืองสระบุรี');
    expect(localGovernmentName('ตำบลหน้าพระลาน', 'อำเภอเฉลิมพระเกียรติ')).toBe(
      'องค์กรปกครองส่วนท้องถิ่นในตำบลหน้าพระลาน อำเภอเฉลิมพระเกียรติ',
    );
  });

  it('has a text for every reason', () => {
    for (const r of ROUTE_REASONS) expect(routeReasonText(r, { agency: 'ก', spreadDistricts: 4 }).th).not.toBe('');
  });
});
