import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { unknownReferences } from './scenario-references';

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
