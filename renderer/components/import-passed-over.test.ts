import { describe, expect, it } from 'vitest';
import type { ImportPartPreview, ImportPreview } from '../../shared/api/types';
import {
  filledDownRows,
  hiddenColumnsRead,
  hiddenRowsRead,
  passedOver,
  sheetsPassedOver,
  totalRowsPassed,
} from './import-passed-over';

const none = { blank: 0, total: 0, header: 0, numbers: 0, section: 0, footer: 0, year: 0 };

function part(name: string, headerRow: number | null, skipped: Partial<typeof none> = {}, filledDown = 0): ImportPartPreview {
  return {
    name,
    kind: 'grid',
    headerRow,
    headerRows: headerRow === null ? 0 : 1,
    labels: [],
    mapping: {},
    mappingFrom: 'suggested',
    suggested: {},
    sample: [],
    sampleRows: [],
    rows: 0,
    skipped: { ...none, ...skipped },
    filledDown,
  };
}

function preview(parts: ImportPartPreview[], problems: ImportPreview['problems'] = []): ImportPreview {
  return {
    fileName: 'f.xlsx',
    format: 'xlsx',
    encoding: null,
    source: 'file:f',
    fields: [],
    parts,
    rows: 0,
    valid: 0,
    problemCount: problems.length,
    problems,
    droppedFields: {},
  } as ImportPreview;
}

describe('passedOver', () => {
  it('sums the kinds over the sheets, blank rows left out, in a fixed order', () => {
    const p = preview([
      part('f.xlsx#a', 3, { blank: 4, footer: 3, section: 1 }),
      part('f.xlsx#b', 1, { section: 1, total: 2, year: 1 }),
    ]);
    expect(passedOver(p)).toEqual({
      counts: [
        ['year', 1],
        ['section', 2],
        ['footer', 3],
        ['total', 2],
      ],
      notes: [],
      hidden: [],
      summaries: [],
    });
  });

  it('names a sheet without a header passed over beside others, never one refused for it, never a file alone', () => {
    const noHeader = { line: 0, code: 'NO_HEADER', en: 'no header', th: 'ไม่พบหัวตาราง' };
    expect(passedOver(preview([part('f.xlsx#คำชี้แจง', null), part('f.xlsx#ข้อมูล', 2)])).notes).toEqual(['คำชี้แจง']);
    expect(
      passedOver(preview([part('f.xlsx#อื่น', null), part('f.xlsx#ข้อมูล', 2)], [{ ...noHeader, column: 'f.xlsx#อื่น' }])).notes,
    ).toEqual([]);
    expect(passedOver(preview([part('f.csv', null)], [noHeader])).notes).toEqual([]);
  });
});

describe('filledDownRows', () => {
  it('sums the rows completed from the row above over the sheets', () => {
    expect(filledDownRows(preview([part('f.xlsx#a', 3, {}, 2), part('f.xlsx#b', 1, {}, 5)]))).toBe(7);
    expect(filledDownRows(preview([part('f.xlsx', 1)]))).toBe(0);
  });
});

describe('hidden sheets', () => {
  it('are named apart from the sheets without a table', () => {
    const hidden = { ...part('f.xlsx#รายการ', null), hidden: true };
    expect(passedOver(preview([part('f.xlsx#ข้อมูล', 2), hidden]))).toEqual({
      counts: [],
      notes: [],
      hidden: ['รายการ'],
      summaries: [],
    });
  });
});

describe('summary sheets', () => {
  it('are named apart from the sheets without a table and the hidden ones', () => {
    const summary = { ...part('f.xlsx#สรุป', null), summary: true };
    expect(passedOver(preview([summary, part('f.xlsx#ข้อมูล', 2)]))).toEqual({
      counts: [],
      notes: [],
      hidden: [],
      summaries: ['สรุป'],
    });
  });
});

describe('sheetsPassedOver', () => {
  it('says why each chosen sheet was not read; never a sheet left out by the user, one read, or one refused', () => {
    const noHeader = { line: 0, code: 'NO_HEADER', en: 'no header', th: 'ไม่พบหัวตาราง' };
    const reasons = sheetsPassedOver(
      preview(
        [
          part('f.xlsx#ข้อมูล', 2),
          part('f.xlsx#คำชี้แจง', null),
          { ...part('f.xlsx#รายการ', null), hidden: true },
          { ...part('f.xlsx#สรุป', null), summary: true },
          { ...part('f.xlsx#ปีก่อน', null), notChosen: true },
          part('f.xlsx#อื่น', null),
        ],
        [{ ...noHeader, column: 'f.xlsx#อื่น' }],
      ),
    );
    expect([...reasons]).toEqual([
      ['f.xlsx#คำชี้แจง', 'notes'],
      ['f.xlsx#รายการ', 'hidden'],
      ['f.xlsx#สรุป', 'summary'],
    ]);
    expect(sheetsPassedOver(preview([part('f.csv', null)], [noHeader])).size).toBe(0);
  });
});

describe('hiddenRowsRead', () => {
  const hiding = (name: string, count: number, first: number[]): ImportPartPreview => ({
    ...part(name, 1),
    hiddenRows: { count, first },
  });
  it('counts the data rows the sheets hide and names the first, by sheet when there are several', () => {
    expect(hiddenRowsRead(preview([hiding('f.xlsx', 2, [5, 8])]))).toEqual({ count: 2, rows: '5, 8' });
    expect(hiddenRowsRead(preview([hiding('f.xlsx#a', 12, [3, 4, 5, 6, 7, 8, 9, 10, 11, 12]), part('f.xlsx#b', 1)]))).toEqual({
      count: 12,
      rows: 'a 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, …',
    });
    expect(hiddenRowsRead(preview([hiding('f.xlsx#a', 1, [4]), hiding('f.xlsx#b', 2, [7, 9])]))).toEqual({
      count: 3,
      rows: 'a 4; b 7, 9',
    });
    expect(hiddenRowsRead(preview([part('f.xlsx', 1)]))).toEqual({ count: 0, rows: '' });
  });
});

describe('totalRowsPassed', () => {
  const totals = (name: string, count: number, rows: number[]): ImportPartPreview => ({
    ...part(name, 1, { total: count }),
    totalRows: rows,
  });
  it('names the rows passed over as totals, by sheet when there are several, the rest as …', () => {
    expect(totalRowsPassed(preview([totals('f.xlsx', 3, [5, 6, 7])]))).toBe('5, 6, 7');
    expect(totalRowsPassed(preview([totals('f.xlsx#a', 11, [3, 4, 5, 6, 7, 8, 9, 10, 11, 12]), part('f.xlsx#b', 1)]))).toBe(
      'a 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, …',
    );
    expect(totalRowsPassed(preview([totals('f.xlsx#a', 1, [4]), totals('f.xlsx#b', 2, [7, 9])]))).toBe('a 4; b 7, 9');
    expect(totalRowsPassed(preview([part('f.xlsx', 1)]))).toBe('');
  });
});

describe('hiddenColumnsRead', () => {
  it('counts the hidden header columns and names the fields mapped to one, by sheet when there are several', () => {
    const hiding = (name: string, count: number, mapped: { field: string; column: string }[]): ImportPartPreview => ({
      ...part(name, 1),
      hiddenColumns: { count, mapped },
    });
    const name = (k: string): string => (k === 'estimated_cost' ? 'งบประมาณ' : k);
    expect(hiddenColumnsRead(preview([hiding('f.xlsx', 2, [])]), name)).toEqual({ count: 2, mapped: '' });
    expect(
      hiddenColumnsRead(
        preview([hiding('f.xlsx#a', 1, [{ field: 'estimated_cost', column: 'F: งบ' }]), part('f.xlsx#b', 1)]),
        name,
      ),
    ).toEqual({ count: 1, mapped: 'งบประมาณ ← a F: งบ' });
    expect(hiddenColumnsRead(preview([part('f.xlsx', 1)]), name)).toEqual({ count: 0, mapped: '' });
  });
});
