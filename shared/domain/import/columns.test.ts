import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { columnLetter, letterColumn, remapped } from './columns';

describe('column letters', () => {
  it('names columns as spreadsheets do, and reads the names back', () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702, 16_383].map(columnLetter)).toEqual([
      'A',
      'B',
      'Z',
      'AA',
      'AB',
      'AZ',
      'BA',
      'ZZ',
      'AAA',
      'XFD',
    ]);
    expect(letterColumn(' d ')).toBe(3);
    expect(letterColumn('xfd')).toBe(16_383);
    for (const text of ['', 'A1', 'AAAA', 'ก', '3', 'A B']) expect(letterColumn(text)).toBeNull();
  });

  it('property: every column up to ZZZ reads back from its letters', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 18_277 }), (i) => letterColumn(columnLetter(i)) === i));
  });
});

describe('remapped', () => {
  it('moves a field to a column, which then serves that field only; null leaves the field without one', () => {
    const m = { title: 2, description: 4, people_affected: 5 };
    expect(remapped(m, 'title', 4)).toEqual({ title: 4, people_affected: 5 });
    expect(remapped(m, 'description', null)).toEqual({ title: 2, people_affected: 5 });
    expect(remapped(m, 'households', 5)).toEqual({ title: 2, description: 4, households: 5 });
    expect(m).toEqual({ title: 2, description: 4, people_affected: 5 }); // not changed in place
  });
});
