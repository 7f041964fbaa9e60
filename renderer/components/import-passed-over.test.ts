import { describe, expect, it } from 'vitest';
import type { ImportPartPreview, ImportPreview } from '../../shared/api/types';
import { filledDownRows, passedOver } from './import-passed-over';

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
    expect(passedOver(preview([part('f.xlsx#ข้อมูล', 2), hidden]))).toEqual({ counts: [], notes: [], hidden: ['รายการ'] });
  });
});
