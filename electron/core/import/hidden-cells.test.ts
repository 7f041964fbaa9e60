import { describe, expect, it } from 'vitest';
import { writeZip } from '../../../test/fixtures/zip-writer';
import { hiddenInOds, markupSpans, MAX_REPEATED_CELLS, odsRepeats } from './hidden-cells';
import { MAX_COLUMNS, MAX_ROWS } from './limits';
import { refused } from './test-refused';
import { readOdsWorkbook } from './workbook';

const NS =
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" ' +
  'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"';

const cell = (v: string): string => `<table:table-cell office:value-type="string"><text:p>${v}</text:p></table:table-cell>`;
const row = (attrs: string, ...values: string[]): string =>
  `<table:table-row${attrs}>${values.map(cell).join('')}</table:table-row>`;

/** An OpenDocument spreadsheet's content.xml with the given tables' inner XML. */
function content(tables: Record<string, string>): string {
  const body = Object.entries(tables)
    .map(([name, xml]) => `<table:table table:name="${name}">${xml}</table:table>`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?><office:document-content ${NS}><office:body><office:spreadsheet>${body}</office:spreadsheet></office:body></office:document-content>`;
}

const TABLE =
  '<table:table-column table:number-columns-repeated="2"/><table:table-column table:visibility="collapse"/><table:table-column/>' +
  '<table:table-header-rows>' +
  row('', 'ตำบล', 'ความต้องการ', 'ด้าน', 'ผู้ได้รับผลกระทบ') +
  '</table:table-header-rows>' +
  row(' table:visibility="collapse"', 'ปากเพรียว', 'ขอถนน', 'ถนน', '10') +
  row(' table:number-rows-repeated="2" table:visibility="filter"', 'ดาวเรือง', 'ขอน้ำ', 'น้ำ', '20') +
  row('', 'นาโฉง', 'ขอไฟ', 'ไฟฟ้า', '30');

describe('hiddenInOds', () => {
  it('finds the rows and columns each table hides or filters out, counting repeated ones', () => {
    const hidden = hiddenInOds(Buffer.from(content({ 'A &amp; B': TABLE, Plain: row('', 'x', 'y') })));
    expect(hidden).toEqual(new Map([['A & B', { rows: [1, 2, 3], columns: [2] }]]));
    expect(hiddenInOds(Buffer.from(content({ Plain: row('', 'x', 'y') })))).toEqual(new Map());
    // A tag never closed leaves what follows out; nothing is thrown.
    expect(hiddenInOds(Buffer.from(`<table:table table:name="S"><table:table-row table:visibility="collapse"`))).toEqual(
      new Map(),
    );
  });

  it('reaches the sheets read from an .ods file', () => {
    const ods = writeZip([
      { name: 'mimetype', data: 'application/vnd.oasis.opendocument.spreadsheet' },
      {
        name: 'META-INF/manifest.xml',
        data: '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>',
      },
      { name: 'styles.xml', data: `<?xml version="1.0" encoding="UTF-8"?><office:document-styles ${NS}/>` },
      { name: 'content.xml', data: content({ S: TABLE }) },
    ]);
    const [sheet] = readOdsWorkbook(ods, 'a.ods');
    expect(sheet).toMatchObject({ name: 'S', hiddenRows: [1, 2, 3], hiddenColumns: [2] });
    expect(sheet!.rows[4]?.[0]).toBe('นาโฉง');
  });
});

/** An .ods file of the given tables. */
function ods(tables: Record<string, string>): Buffer {
  return writeZip([
    { name: 'mimetype', data: 'application/vnd.oasis.opendocument.spreadsheet' },
    {
      name: 'META-INF/manifest.xml',
      data: '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>',
    },
    { name: 'styles.xml', data: `<?xml version="1.0" encoding="UTF-8"?><office:document-styles ${NS}/>` },
    { name: 'content.xml', data: content(tables) },
  ]);
}

describe('odsRepeats', () => {
  // As LibreOffice writes the rest of a sheet: empty rows and cells repeated to the sheet's end.
  const rest =
    '<table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>';

  it('refuses a cell holding something repeated past the rows or columns the import reads, before SheetJS writes it out', () => {
    const columns = `${row('', 'ตำบล', 'ปัญหา')}<table:table-row table:number-rows-repeated="1048575"><table:table-cell table:number-columns-repeated="16384" office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>`;
    expect(odsRepeats(Buffer.from(content({ S: columns })))).toEqual({ table: 'S', kind: 'columns', count: 16384 });
    // Refused for its columns, not stopped by SheetJS's time limit (CORRUPT_FILE) after it held a gigabyte.
    expect(refused(() => readOdsWorkbook(ods({ S: columns }), 'bomb.ods')).problems?.[0]).toMatchObject({
      code: 'TOO_MANY_COLUMNS',
    });
    // Text without a value type holds something too; so does a row past the limit after empty repeated rows.
    const rows = `${row('', 'ตำบล', 'ปัญหา')}${rest}<table:table-row table:number-rows-repeated="60000"><table:table-cell><text:p>x</text:p></table:table-cell></table:table-row>`;
    expect(odsRepeats(Buffer.from(content({ ok: row('', 'a'), S: rows })))).toEqual({
      table: 'S',
      kind: 'rows',
      count: 1 + 1048570 + 60000,
    });
    expect(refused(() => readOdsWorkbook(ods({ S: rows }), 'rows.ods')).problems?.[0]).toMatchObject({ code: 'TOO_MANY_ROWS' });
    expect(1 + 1048570 + 60000).toBeGreaterThan(MAX_ROWS);
    expect(16384).toBeGreaterThan(MAX_COLUMNS);
  });

  it('refuses a repeat count past the safe integers, and repeats that spell out more cells than a list repeats', () => {
    const huge = `${row('', 'ตำบล', 'ปัญหา')}${row(' table:number-rows-repeated="99999999999999999999"', 'ชะอม', 'ถนน')}`;
    expect(odsRepeats(Buffer.from(content({ S: huge })))).toMatchObject({ table: 'S', kind: 'rows' });
    expect(refused(() => readOdsWorkbook(ods({ S: huge }), 'huge.ods')).problems?.[0]).toMatchObject({ code: 'TOO_MANY_ROWS' });
    // Within the rows read, but rows of two cells each repeated 500 times, over two tables, spell out 1,000,994 cells
    // more than written (998 a row); one table's half is let through.
    const many = (n: number): string =>
      row('', 'ตำบล', 'ปัญหา') + row(' table:number-rows-repeated="500"', 'ชะอม', 'ถนน').repeat(n);
    expect(odsRepeats(Buffer.from(content({ A: many(500) })))).toBeNull();
    expect(odsRepeats(Buffer.from(content({ A: many(500), B: many(503) })))).toEqual({
      table: 'B',
      kind: 'cells',
      count: 1_000_994,
    });
    expect(MAX_REPEATED_CELLS).toBe(1_000_000);
    const refusal = refused(() => readOdsWorkbook(ods({ A: many(500), B: many(503) }), 'repeats.ods'));
    expect(refusal.problems?.[0]).toMatchObject({ code: 'TOO_MANY_ROWS' });
    expect(refusal.problems?.[0]!.th).toContain("ชีต 'B' ทำซ้ำแถวและช่อง");
  });

  it('lets a sheet as LibreOffice writes it through: identical rows repeated, empty rows and cells repeated to the end', () => {
    const sheet = `${row('', 'ตำบล', 'ปัญหา')}${row(' table:number-rows-repeated="3"', 'ชะอม', 'ถนน')}${rest}`;
    expect(odsRepeats(Buffer.from(content({ S: sheet })))).toBeNull();
    const [read] = readOdsWorkbook(ods({ S: sheet }), 'ok.ods');
    expect(read!.rows.slice(0, 4)).toEqual([
      ['ตำบล', 'ปัญหา'],
      ['ชะอม', 'ถนน'],
      ['ชะอม', 'ถนน'],
      ['ชะอม', 'ถนน'],
    ]);
    // Tags never closed end the reading, without a refusal or an error.
    expect(
      odsRepeats(Buffer.from('<table:table table:name="S"><table:table-row table:number-rows-repeated="9999999"')),
    ).toBeNull();
  });

  it('reads a megabyte of cells that never close in one pass (each search starts after the cell before)', () => {
    const open = `<table:table table:name="S"><table:table-row>${'<table:table-cell>'.repeat(60_000)}`;
    expect(odsRepeats(Buffer.from(open))).toBeNull();
    const row20 =
      '<table:table-row table:number-rows-repeated="20"><table:table-cell><text:p>x</text:p></table:table-cell></table:table-row>';
    const rows = `<table:table table:name="S">${row20.repeat(60_000)}</table:table>`;
    // Each row spells out 19 cells beyond the one written: past MAX_REPEATED_CELLS at row 52,632, before MAX_ROWS.
    const past = Math.floor(MAX_REPEATED_CELLS / 19) + 1;
    expect(past * 20).toBeLessThan(MAX_ROWS);
    expect(odsRepeats(Buffer.from(rows))).toEqual({ table: 'S', kind: 'cells', count: past * 19 });
  });
});

describe('markupSpans', () => {
  const sheet = (cells: string, columns = ''): string =>
    '<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">' +
    `<Worksheet ss:Name="S"><Table>${columns}<Row>${cells}</Row></Table></Worksheet></Workbook>`;
  const merged = (attrs: string): string => `<Cell ${attrs}><Data ss:Type="String">x</Data></Cell>`;

  it('names a merge or a span past the rows or columns read, and merges covering over a million cells', () => {
    expect(markupSpans(sheet(merged('ss:MergeAcross="16383" ss:MergeDown="1048575"')))).toEqual({
      kind: 'columns',
      count: 16384,
    });
    expect(markupSpans(sheet(merged('ss:MergeDown="1100000"')))).toEqual({ kind: 'rows', count: 1_100_001 });
    expect(markupSpans(sheet('', '<Column ss:Span="50000000"/>'))).toEqual({ kind: 'columns', count: 50_000_001 });
    // Any prefix, either quote, the attributes in either order: SheetJS reads them all so.
    expect(markupSpans(sheet(merged('x:MergeDown = \'2999\' MergeAcross="500"')))).toEqual({ kind: 'cells', count: 1_502_999 });
    // 1,000 cells merged down 1,000 rows each: 999,000 beyond their first; two more pass the million.
    const thousand = merged('ss:MergeDown="999"').repeat(1000);
    expect(markupSpans(sheet(thousand))).toBeNull();
    expect(markupSpans(sheet(thousand + merged('ss:MergeDown="999"').repeat(2)))).toEqual({ kind: 'cells', count: 1_000_998 });
    expect(MAX_REPEATED_CELLS).toBe(1_000_000);
  });

  it("lets Excel's own spans through: the columns right of a table hidden, a heading merged across", () => {
    const excel = sheet(
      merged('ss:MergeAcross="9"') + merged('ss:StyleID="s21"'),
      '<Column ss:Index="12" ss:Hidden="1" ss:AutoFitWidth="0" ss:Span="16372"/>',
    );
    expect(markupSpans(excel)).toBeNull();
    expect(markupSpans(sheet(merged('ss:MergeDown="-5" ss:MergeAcross="abc"')))).toBeNull();
  });
});
