import { describe, expect, it } from 'vitest';
import { writeZip } from '../../../test/fixtures/zip-writer';
import { hiddenInOds } from './hidden-cells';
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
