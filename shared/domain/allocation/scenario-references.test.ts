import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { selfReferences, unknownDistricts, unknownReferences } from './scenario-references';

describe('unknownReferences', () => {
  it('lists each unknown project once per field, in field order', () => {
    const known = new Set([1, 2, 3]);
    expect(
      unknownReferences(
        {
          mustFund: [1, 9, 9],
          mustNot: [2],
          dependencies: [{ project: 3, requires: 8 }],
          incompatibilities: [[7, 1]],
        },
        { '9': 100, '3': 5 },
        known,
      ),
    ).toEqual([
      { field: 'mustFund', projectId: 9 },
      { field: 'dependencies', projectId: 8 },
      { field: 'incompatibilities', projectId: 7 },
      { field: 'locks', projectId: 9 },
    ]);
    expect(unknownReferences({}, undefined, known)).toEqual([]);
  });

  it('names exactly the ids outside the round (property)', () => {
    const id = fc.integer({ min: 1, max: 20 });
    fc.assert(
      fc.property(
        fc.uniqueArray(id),
        fc.array(id),
        fc.array(fc.tuple(id, id)),
        fc.array(id),
        (knownList, mustFund, pairs, lockIds) => {
          const known = new Set(knownList);
          const locks = Object.fromEntries(lockIds.map((x) => [String(x), 1]));
          const got = unknownReferences({ mustFund, incompatibilities: pairs }, locks, known);
          for (const u of got) expect(known.has(u.projectId)).toBe(false);
          const named = new Set([...mustFund, ...pairs.flat(), ...lockIds]);
          const reported = new Set(got.map((u) => u.projectId));
          for (const x of named) expect(reported.has(x)).toBe(!known.has(x));
        },
      ),
    );
  });
});

describe('unknownDistricts and selfReferences', () => {
  it('name the floors and caps of districts not known, then the projects paired with themselves', () => {
    const known = new Set(['1901', '1902']);
    expect(unknownDistricts({ districtFloors: { '1901': 1, '1999': 1 }, districtCaps: { '1914': 1, '1902': 1 } }, known)).toEqual(
      [
        { field: 'districtFloors', code: '1999' },
        { field: 'districtCaps', code: '1914' },
      ],
    );
    expect(unknownDistricts({}, known)).toEqual([]);
    expect(
      selfReferences({
        dependencies: [
          { project: 3, requires: 3 },
          { project: 3, requires: 4 },
        ],
        incompatibilities: [
          [5, 6],
          [6, 6],
        ],
      }),
    ).toEqual([
      { field: 'dependencies', projectId: 3 },
      { field: 'incompatibilities', projectId: 6 },
    ]);
  });

  it('a pair is named exactly when both sides are the same project (property)', () => {
    const id = fc.integer({ min: 1, max: 6 });
    fc.assert(
      fc.property(fc.array(fc.tuple(id, id)), (pairs) => {
        const got = selfReferences({ incompatibilities: pairs });
        expect(got.map((g) => g.projectId)).toEqual(pairs.filter(([a, b]) => a === b).map(([a]) => a));
      }),
    );
  });
});
