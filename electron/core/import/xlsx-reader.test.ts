/**
 * The direct XLSX reader gives exactly SheetJS's values (with the importer's options) for every workbook it reads,
 * and leaves to SheetJS what it does not fully understand: compared on workbooks written by SheetJS, ExcelJS, by hand
 * (rich text, inline strings, entities, formulas, stubs, cells without references) and on random grids. Hostile
 * workbooks (a megabyte in one tag, phonetic runs never closed, references to no character, cells naming what the
 * file lacks) are read in linear time or refused with their place.
 */
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { reportXlsx } from '../../../test/fixtures/needs-files';
import { proposalsXlsx } from '../../../test/fixtures/proposals-files';
import { writeZip, type ZipSpec } from '../../../test/fixtures/zip-writer';
import { readWorkbook, sheetJsSheets } from './workbook';
import { hiddenBySheet } from './hidden-cells';
import { paddedNumber, readPlainXlsx, XlsxRefusal, zeroPadWidth, type FormulaCell } from './xlsx-reader';
import { readZip } from './zip';
import { refused } from './test-refused';

/** The direct reader's sheets, formulas without a result by their place (SheetJS spells a shared formula's copies out). */
function direct(bytes: Buffer): ReturnType<typeof readPlainXlsx> {
  const entries = new Map(readZip(bytes, 'test.xlsx', { keep: (n) => /\.(xml|rels)$/iu.test(n) }).map((e) => [e.name, e.bytes]));
  return readPlainXlsx(entries, isDate)?.map((s) => (s.formulas ? { ...s, formulas: places(s.formulas) } : s)) ?? null;
}

const isDate = (code: string): boolean => XLSX.SSF.is_date(code) === true;

const places = (formulas: readonly FormulaCell[]): FormulaCell[] => formulas.map(({ r, c }) => ({ r, c, formula: '' }));

/** SheetJS's values (as the importer reads them), and the formulas without a result it names when asked. */
function reference(bytes: Buffer): ReturnType<typeof sheetJsSheets> {
  const formulas = sheetJsSheets(bytes, 'test.xlsx', { formulas: true }).map((s) => s.formulas);
  return sheetJsSheets(bytes, 'test.xlsx').map((s, i) => ({
    name: s.name,
    rows: s.rows,
    merges: s.merges.map((m) => ({ s: { r: m.s.r, c: m.s.c }, e: { r: m.e.r, c: m.e.c } })),
    ...(s.hidden ? { hidden: true } : {}),
    ...(formulas[i] ? { formulas: places(formulas[i]) } : {}),
    ...(s.dates ? { dates: s.dates } : {}),
    ...(s.padded ? { padded: s.padded } : {}),
  }));
}

/** The direct reader reads the workbook, with SheetJS's values. */
function expectSame(bytes: Buffer): void {
  const d = direct(bytes);
  expect(d).not.toBeNull();
  expect(d).toEqual(reference(bytes));
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A workbook written by hand: each sheet's XML body (inside <worksheet>), an optional shared-string table. */
function handmade(
  sheets: readonly { name: string; body: string; rels?: string }[],
  sst?: string,
  root = `<worksheet xmlns="${MAIN}" xmlns:r="${REL}">`,
  /** The styles part's `<cellXfs>` content, if any. */
  cellXfs?: string,
): Buffer {
  const entries: ZipSpec[] = [
    {
      name: '[Content_Types].xml',
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${sheets
        .map(
          (_, i) =>
            `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
        )
        .join(
          '',
        )}${sst === undefined ? '' : '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'}${cellXfs === undefined ? '' : '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'}</Types>`,
    },
    {
      name: '_rels/.rels',
      data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    },
    {
      name: 'xl/workbook.xml',
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets>${sheets
        .map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
        .join('')}</sheets></workbook>`,
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets
        .map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
        .join(
          '',
        )}${sst === undefined ? '' : `<Relationship Id="rId99" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>`}${cellXfs === undefined ? '' : `<Relationship Id="rId98" Type="${REL}/styles" Target="styles.xml"/>`}</Relationships>`,
    },
    ...sheets.map((s, i) => ({
      name: `xl/worksheets/sheet${i + 1}.xml`,
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${root}${s.body}</worksheet>`,
    })),
    ...sheets.flatMap((s, i) => (s.rels ? [{ name: `xl/worksheets/_rels/sheet${i + 1}.xml.rels`, data: s.rels }] : [])),
    ...(sst === undefined ? [] : [{ name: 'xl/sharedStrings.xml', data: `<?xml version="1.0" encoding="UTF-8"?>\n${sst}` }]),
    ...(cellXfs === undefined
      ? []
      : [{ name: 'xl/styles.xml', data: `<styleSheet xmlns="${MAIN}"><cellXfs count="9">${cellXfs}</cellXfs></styleSheet>` }]),
  ];
  return writeZip(entries);
}

const sstOf = (items: readonly string[]): string =>
  `<sst xmlns="${MAIN}" count="${items.length}" uniqueCount="${items.length}">${items.join('')}</sst>`;

describe('the direct XLSX reader', () => {
  it("reads SheetJS's own workbooks (report layouts with merges, with and without shared strings)", () => {
    expectSame(reportXlsx());
    expectSame(proposalsXlsx());
    const wb = XLSX.read(reportXlsx(), { type: 'buffer' });
    expectSame(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', bookSST: true, compression: true }) as Buffer);
  });

  it('reads an ExcelJS workbook: rich text, formulas with results, booleans, errors, dates, merges, a hidden sheet', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('ความต้องการ');
    ws.getCell('A1').value = { richText: [{ text: 'ขอ', font: { bold: true } }, { text: 'ถนน & ไฟ' }] };
    ws.getCell('B1').value = 1250000.5;
    ws.getCell('C1').value = { formula: 'B1*2', result: 2500001 };
    ws.getCell('D1').value = { formula: 'CONCATENATE("a","<b>")', result: 'a<b>' };
    ws.getCell('E1').value = true;
    ws.getCell('F1').value = { error: '#N/A' };
    ws.getCell('G1').value = new Date(Date.UTC(2026, 9, 15));
    ws.getCell('A3').value = 'รวม';
    ws.getCell('C5').value = 'หัวเรื่อง\r\nสองบรรทัด';
    ws.mergeCells('A3:C4');
    const hidden = wb.addWorksheet('ซ่อน', { state: 'hidden' });
    hidden.getCell('B2').value = -42;
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    expectSame(bytes);
  });

  it('names the numbers shown as dates or times (built-in and custom formats, Thai ones too), as SheetJS does', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('โครงการ');
    ws.getCell('A1').value = new Date(Date.UTC(2570, 0, 1));
    ws.getCell('A1').numFmt = 'mmm-yy';
    ws.getCell('B1').value = 46_000;
    ws.getCell('B1').numFmt = '[$-41E]d mmmm yyyy';
    ws.getCell('C1').value = 0.4375;
    ws.getCell('C1').numFmt = 'h:mm';
    ws.getCell('D1').value = 46_000;
    ws.getCell('D1').numFmt = '#,##0.00';
    ws.getCell('E1').value = 12;
    ws.getCell('E1').numFmt = '"ม."0';
    ws.getCell('F1').value = 'ข้อความ';
    ws.getCell('F1').numFmt = 'd/m/yyyy';
    ws.getCell('A2').value = 46_001;
    ws.getCell('A2').numFmt = 'd/m/yyyy';
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    expectSame(bytes);
    expect(direct(bytes)?.[0]?.dates).toEqual([
      { r: 0, c: 0 },
      { r: 0, c: 1 },
      { r: 0, c: 2 },
      { r: 1, c: 0 },
    ]);
    // Built-in formats by their number alone (14: d/m/yyyy as Excel shows it; 4: #,##0.00).
    const body = `<sheetData><row r="1"><c r="A1" s="1"><v>46000</v></c><c r="B1" s="2"><v>46000</v></c><c r="C1" s="9"><v>1</v></c></row></sheetData>`;
    const builtIn = handmade(
      [{ name: 'S', body }],
      undefined,
      undefined,
      '<xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="4"/>',
    );
    expectSame(builtIn);
    expect(direct(builtIn)?.[0]?.dates).toEqual([{ r: 0, c: 0 }]);
    // A styles part declared but missing tells no dates; the cells read all the same.
    const entries = new Map(readZip(builtIn, 'x.xlsx', { keep: () => true }).map((e) => [e.name, e.bytes]));
    entries.delete('xl/styles.xml');
    expect(readPlainXlsx(entries, isDate)?.[0]).toMatchObject({ rows: [[46000, 46000, 1]] });
    expect(readPlainXlsx(entries, isDate)?.[0]?.dates).toBeUndefined();
  });

  it('names the whole numbers a format pads with zeros and the text shown ("00123"), as SheetJS reads them', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('โครงการ');
    const cells: [string, number, string][] = [
      ['A1', 123, '00000'],
      ['B1', 7, '00000'],
      ['C1', 123456, '00000'],
      ['D1', 1.5, '00000'],
      ['E1', 42, '0'],
      ['F1', 42, '#,##0'],
      ['A2', 0, '000'],
    ];
    for (const [at, value, numFmt] of cells) {
      ws.getCell(at).value = value;
      ws.getCell(at).numFmt = numFmt;
    }
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    expectSame(bytes);
    const padded = [
      { r: 0, c: 0, text: '00123' },
      { r: 0, c: 1, text: '00007' },
      { r: 1, c: 0, text: '000' },
    ];
    expect(direct(bytes)?.[0]).toMatchObject({ rows: [[123, 7, 123456, 1.5, 42, 42], [0]], padded });
    expect(sheetJsSheets(bytes, 'x.xlsx')[0]?.padded).toEqual(padded);
  });

  it('tells a format padding with zeros, and the number it shows', () => {
    expect(['00000', '000', '0', '#,##0', '0.00', '"ม."00', 'General'].map(zeroPadWidth)).toEqual([5, 3, 0, 0, 0, 0, 0]);
    expect([paddedNumber(7, 5), paddedNumber(123456, 5), paddedNumber(1.5, 5), paddedNumber(-3, 5), paddedNumber(12, 0)]).toEqual(
      ['00007', null, null, null, null],
    );
  });

  it('reads shared and inline strings as SheetJS does: runs, phonetic runs, entities, escapes, line ends', () => {
    const sst = sstOf([
      '<si><t>ตำบลปากเพรียว</t></si>',
      '<si><r><rPr><b/></rPr><t>ขอ</t></r><r><t xml:space="preserve"> ถนน </t></r><rPh sb="0" eb="1"><t>ふりがな</t></rPh></si>',
      '<si><t>A &amp; B &lt;C&gt; &quot;q&quot; &apos;s&apos; &#3585;&#x0E02;</t></si>',
      '<si><t>line_x000D_\r\nnext_x0041_</t></si>',
      '<si><t xml:space="preserve">  spaced  </t></si>',
      '<si><t/></si>',
      '<si></si>',
    ]);
    const body =
      '<sheetData><row r="1">' +
      [0, 1, 2, 3, 4, 5, 6, 7].map((i, c) => `<c r="${String.fromCharCode(65 + c)}1" t="s"><v>${i}</v></c>`).join('') +
      '</row><row r="2"><c r="A2" t="inlineStr"><is><t>ใน &amp; เซลล์</t></is></c>' +
      '<c r="B2" t="inlineStr"><is><r><t>a</t></r><r><t>b</t></r></is></c><c r="C2" t="inlineStr"></c>' +
      '<c r="D2" t="inlineStr"><is/></c></row></sheetData>';
    expectSame(handmade([{ name: 'ชีต', body }], sst));
  });

  it('reads numbers, booleans, errors, formula results, stubs and empty values as SheetJS does', () => {
    const body = `<dimension ref="A1:H6"/><sheetData>
      <row r="1" spans="1:8">
        <c r="A1"><v>1.5</v></c><c r="B1"><v>-3</v></c><c r="C1"><v>1E+20</v></c><c r="D1"><v>12345678901234567</v></c>
        <c r="E1" t="n"><v>007</v></c><c r="F1"><v> 5 </v></c><c r="G1"><v>abc</v></c><c r="H1" s="2"><v>45580</v></c>
      </row>
      <row r="2"><c r="A2" t="b"><v>1</v></c><c r="B2" t="b"><v>0</v></c><c r="C2" t="b"><v>true</v></c><c r="D2" t="b"/>
        <c r="E2" t="e"><v>#N/A</v></c><c r="F2" t="e"/></row>
      <row r="3"><c r="A3"><f>1+1</f><v>2</v></c><c r="B3" t="str"><f>"x"&amp;"y"</f><v>x &amp;amp; y</v></c>
        <c r="C3"><f t="shared" ref="C3:C4" si="0">A3*2</f><v>4</v></c><c r="D3"><f t="shared" si="0"/></c>
        <c r="E3" t="str"><v></v></c><c r="F3" t="str"/><c r="G3" t="str"><v>a\r\nb</v></c></row>
      <row r="4"/>
      <row r="5"><c r="A5"/><c r="B5" t="s"/><c r="C5"><v></v></c><c r="D5" s="1"/><c r="H5"><v/></c></row>
      <row r="7"><c r="J7"><v>9</v></c></row>
    </sheetData><mergeCells count="3"><mergeCell ref="A1:B1"/><mergeCell ref="C5"/><mergeCell ref="D4:C3"/></mergeCells>`;
    expectSame(handmade([{ name: 'numbers', body }]));
  });

  it('names formulas whose number the file does not store and error values, as SheetJS does (a text result may be empty)', () => {
    const body = `<sheetData><row r="1"><c r="A1"><f>6*5</f></c><c r="B1" t="str"><f>"x"&amp;"y"</f><v></v></c>
      <c r="C1"><f t="shared" ref="C1:C2" si="0">A1*2</f></c><c r="D1"><f>1+1</f><v>2</v></c></row>
      <row r="2"><c r="C2"><f t="shared" si="0"/></c><c r="E2" t="str"><f>A1&amp;"&lt;"</f></c>
      <c r="F2" t="e"><f>1/0</f></c><c r="G2" t="e"><f>1/0</f><v>#DIV/0!</v></c></row></sheetData>`;
    const bytes = handmade([{ name: 'calc', body }]);
    expect(
      readPlainXlsx(new Map(readZip(bytes, 'x.xlsx', { keep: () => true }).map((e) => [e.name, e.bytes])), isDate)?.[0]?.formulas,
    ).toEqual([
      { r: 0, c: 0, formula: '6*5' },
      { r: 0, c: 2, formula: 'A1*2' },
      { r: 1, c: 2, formula: '' },
      { r: 1, c: 5, formula: '1/0' },
      { r: 1, c: 6, formula: '1/0', error: '#DIV/0!' },
    ]);
    expectSame(bytes);
  });

  it('places cells without references (and rows without numbers) where SheetJS places them', () => {
    const body =
      '<sheetData><row r="2"><c><v>1</v></c><c t="str"><v>x</v></c><c r="E2"><v>3</v></c><c><v>4</v></c></row>' +
      '<row><c><v>5</v></c></row><row r="9"><c t="inlineStr"><is><t>y</t></is></c></row></sheetData>';
    expectSame(handmade([{ name: 'refs', body }]));
  });

  it('reads several sheets in the workbook order, by their escaped names', () => {
    const one = '<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>';
    const two = '<sheetData/>';
    const three = '<sheetData><row r="3"><c r="C3" t="str"><v>สาม</v></c></row></sheetData>';
    expectSame(
      handmade([
        { name: 'A &amp; B', body: one },
        { name: 'ว่าง', body: two },
        { name: 'สาม', body: three },
      ]),
    );
  });

  it.each([
    ['a date cell', '<sheetData><row r="1"><c r="A1" t="d"><v>2026-10-15</v></c></row></sheetData>', undefined],
    [
      'a hyperlink',
      '<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData><hyperlinks><hyperlink ref="B2" r:id="rId1"/></hyperlinks>',
      undefined,
    ],
    ['a prefixed element', '<sheetData><row r="1"><x:c r="A1"><x:v>1</x:v></x:c></row></sheetData>', undefined],
    ['a lower-case reference', '<sheetData><row r="1"><c r="a1"><v>1</v></c></row></sheetData>', undefined],
    [
      'a numeric reference in a formula result',
      '<sheetData><row r="1"><c r="A1" t="str"><v>&#3585;</v></c></row></sheetData>',
      undefined,
    ],
    ['an unknown cell child', '<sheetData><row r="1"><c r="A1"><extLst/><v>1</v></c></row></sheetData>', undefined],
  ])('leaves %s to SheetJS', (_what, body, sst) => {
    const bytes = handmade([{ name: 'S', body }], sst);
    expect(direct(bytes)).toBeNull();
    // The workbook is still read, through SheetJS (which drops a sheet it cannot parse).
    expect(readWorkbook(bytes, 'test.xlsx').map((s) => s.name)).toEqual(sheetJsSheets(bytes, 'test.xlsx').map((s) => s.name));
  });

  it('says which rows a sheet hides (by hand or by a filter), whichever reader reads its cells', () => {
    const rows =
      '<row r="2" hidden="1"><c r="A2"><v>1</v></c></row><row hidden="true"><c r="A3"><v>2</v></c></row>' +
      '<row r="5" hidden="0"><c r="A5"><v>3</v></c></row><row r="7" spans="1:1" hidden="1" customHeight="1"/>';
    const plain = handmade([{ name: 'S', body: `<sheetData>${rows}</sheetData>` }]);
    expect(direct(plain)).not.toBeNull();
    expect(readWorkbook(plain, 'test.xlsx')[0]!.hiddenRows).toEqual([1, 2, 6]);
    // A date cell sends the sheet to SheetJS, which reports hidden rows only with styles: read from the XML all the same.
    const dated = handmade([
      { name: 'S', body: `<sheetData>${rows}<row r="9"><c r="A9" t="d"><v>2026-10-15</v></c></row></sheetData>` },
    ]);
    expect(direct(dated)).toBeNull();
    expect(readWorkbook(dated, 'test.xlsx')[0]!.hiddenRows).toEqual([1, 2, 6]);
    // SheetJS's own workbooks, and an XML Spreadsheet 2003 (whose hidden rows SheetJS reports).
    const ws = XLSX.utils.aoa_to_sheet([['a'], [1], [2], [3]]);
    ws['!rows'] = [{}, { hidden: true }, {}, { hidden: true }];
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, 'รายการ');
    for (const bookType of ['xlsx', 'xlml'] as const) {
      const bytes = XLSX.write(wb, { type: 'buffer', bookType }) as Buffer;
      expect(readWorkbook(bytes, `test.${bookType}`)[0]!.hiddenRows, bookType).toEqual([1, 3]);
    }
    // No hidden rows: none said.
    expect(readWorkbook(reportXlsx(), 'test.xlsx')[0]!.hiddenRows).toBeUndefined();
    // Hidden columns: a range (min..max, from 1) and one alone; `<cols>` is no `<col>`.
    const cols = handmade([
      {
        name: 'S',
        body: `<cols><col min="2" max="3" width="9" hidden="1"/><col min="5" max="5" hidden="true"/><col min="6" max="6"/></cols><sheetData>${rows}</sheetData>`,
      },
    ]);
    expect(readWorkbook(cols, 'test.xlsx')[0]).toMatchObject({ hiddenRows: [1, 2, 6], hiddenColumns: [1, 2, 4] });
    ws['!cols'] = [{}, { hidden: true }];
    const wb2 = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb2, ws, 'S');
    for (const bookType of ['xlsx', 'xlml'] as const) {
      const bytes = XLSX.write(wb2, { type: 'buffer', bookType }) as Buffer;
      expect(readWorkbook(bytes, `test.${bookType}`)[0]!.hiddenColumns, bookType).toEqual([1]);
    }
  });

  it('finds hidden rows under a prefixed root, and survives a row tag never closed', () => {
    const sheet = (xml: string): Map<string, Buffer> =>
      new Map([
        [
          'xl/workbook.xml',
          Buffer.from(
            `<x:workbook xmlns:x="${MAIN}" xmlns:r="${REL}"><x:sheets><x:sheet name="A &amp; B" r:id="rId1"/></x:sheets></x:workbook>`,
          ),
        ],
        [
          'xl/_rels/workbook.xml.rels',
          Buffer.from(`<Relationships><Relationship Id="rId1" Target="/xl/worksheets/s.xml"/></Relationships>`),
        ],
        ['xl/worksheets/s.xml', Buffer.from(xml)],
      ]);
    const prefixed = `<?xml version="1.0"?><x:worksheet xmlns:x="${MAIN}"><x:sheetData><x:row r="3" hidden="1"><x:c r="A3"><x:v>1</x:v></x:c></x:row><x:rowBreaks/></x:sheetData></x:worksheet>`;
    expect(hiddenBySheet(sheet(prefixed))).toEqual(new Map([['A & B', { rows: [2], columns: [] }]]));
    expect(hiddenBySheet(sheet(`<worksheet><sheetData><row r="2" hidden="1"`))).toEqual(new Map());
  });

  it('leaves sheets with comments to SheetJS', () => {
    const rels = `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/comments" Target="../comments1.xml"/></Relationships>`;
    const bytes = handmade([{ name: 'S', body: '<sheetData/>', rels }]);
    expect(direct(bytes)).toBeNull();
  });

  it('gives the same values as SheetJS on random grids of tricky text, numbers and booleans', () => {
    const piece = fc.constantFrom(
      'ก',
      'ข้อ',
      '&',
      '<',
      '>',
      '"',
      "'",
      '\r\n',
      '\n',
      ' ',
      '  ',
      '_x0041_',
      'a',
      '1',
      '😀',
      '&amp;',
      ']]>',
      '=',
    );
    const text = fc.array(piece, { minLength: 1, maxLength: 6 }).map((p) => p.join(''));
    const cell = fc.oneof(
      text,
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.integer({ min: -1e9, max: 1e9 }),
      fc.boolean(),
      fc.constant(null),
    );
    const grid = fc.array(fc.array(cell, { maxLength: 6 }), { minLength: 1, maxLength: 8 });
    let read = 0;
    fc.assert(
      fc.property(grid, fc.boolean(), fc.boolean(), (aoa, bookSST, compression) => {
        const wb = XLSX.utils.book_new();
        XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(aoa), 'grid');
        const bytes = XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', bookSST, compression }) as Buffer;
        const d = direct(bytes);
        if (d !== null) {
          read++;
          expect(d).toEqual(reference(bytes));
        }
      }),
      { numRuns: 300 },
    );
    // Most random grids are plain enough to be read directly.
    expect(read).toBeGreaterThan(150);
  });

  it('agrees with SheetJS on every XLSX test fixture it reads', () => {
    const dir = new URL('../../../test/fixtures/bad/', import.meta.url);
    let read = 0;
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.xlsx'))) {
      const bytes = readFileSync(new URL(name, dir));
      let d: ReturnType<typeof direct>;
      try {
        d = direct(bytes);
      } catch {
        continue; // not a readable zip: refused before any parse
      }
      if (d === null) continue;
      read++;
      let ref: ReturnType<typeof reference> | Error;
      try {
        ref = reference(bytes);
      } catch (e) {
        ref = e as Error;
      }
      if (ref instanceof Error) {
        // A refused file (a cell too long) is refused the same way, at the same place, after the direct reading.
        expect(() => readWorkbook(bytes, 'test.xlsx'), name).toThrow(ref.message);
        continue;
      }
      expect(d, name).toEqual(ref);
    }
    expect(read).toBeGreaterThan(10);
  });
});

/** The refusal a read throws (failing the test when it reads or throws anything else). */
const refusal = (read: () => unknown): XlsxRefusal => refused(read, XlsxRefusal);

/** The workbook with one part's text edited. */
function edited(bytes: Buffer, part: string, edit: (xml: string) => string): Buffer {
  const entries = readZip(bytes, 'test.xlsx', { keep: () => true });
  expect(entries.some((e) => e.name === part)).toBe(true);
  return writeZip(entries.map((e) => ({ name: e.name, data: e.name === part ? edit(e.bytes.toString('utf8')) : e.bytes })));
}

const oneCell = (cell: string): string => `<sheetData><row r="1">${cell}</row></sheetData>`;
const MEGABYTE_WORD = 'a'.repeat(1_000_000);

describe('the direct XLSX reader on hostile workbooks', () => {
  const plain = (): Buffer => handmade([{ name: 'S', body: oneCell('<c r="A1" t="inlineStr"><is><t>ขอถนน</t></is></c>') }]);

  // Each of these took minutes when a tag's attributes were matched by a pattern retried at each letter of a word.
  it.each([
    ['[Content_Types].xml', '<Override '],
    ['xl/workbook.xml', '<sheet '],
    ['xl/_rels/workbook.xml.rels', '<Relationship '],
  ])('reads a workbook whose %s has a 1 MB word without "=" in a tag', (part, tag) => {
    const bytes = edited(plain(), part, (xml) => xml.replace(tag, `${tag}${MEGABYTE_WORD} `));
    expect(direct(bytes)?.[0]?.rows).toEqual([['ขอถนน']]);
  });

  it('reads attributes after a 1 MB unclosed quote or a tag left open, in one pass', () => {
    const quote = edited(plain(), '[Content_Types].xml', (xml) =>
      xml.replace('</Types>', `<Override x="${MEGABYTE_WORD}</Types>`),
    );
    expect(direct(quote)?.[0]?.rows).toEqual([['ขอถนน']]);
    const open = edited(plain(), 'xl/workbook.xml', (xml) => xml.replace('<sheets>', `<sheets><sheet ${MEGABYTE_WORD}`));
    expect(() => direct(open)).not.toThrow();
  });

  it('strips phonetic runs in one pass, and refuses one never closed', () => {
    const body = oneCell('<c r="A1" t="s"><v>0</v></c>');
    const many = `<si><r><t>ขอ</t></r>${'<rPh sb="0" eb="1"><t>x</t></rPh>'.repeat(50_000)}<r><t>ถนน</t></r></si>`;
    expectSame(handmade([{ name: 'S', body }], sstOf([many])));
    const unclosed = `<si><r><t>ขอ</t></r>${'<rPh>'.repeat(400_000)}</si>`;
    expect(refusal(() => direct(handmade([{ name: 'S', body }], sstOf([unclosed]))))).toMatchObject({
      code: 'CORRUPT_FILE',
      where: {},
    });
    const inline = `<c r="B1" t="inlineStr"><is><r><t>a</t></r>${'<rPh>'.repeat(400_000)}</is></c>`;
    expect(refusal(() => direct(handmade([{ name: 'S', body: oneCell(inline) }])))).toMatchObject({
      code: 'CORRUPT_FILE',
      where: { line: 1, column: 'B' },
    });
  });

  it('places 100,000 cells without references in one pass', () => {
    const body = `<sheetData>${'<row><c><v>7</v></c></row>'.repeat(100_000)}</sheetData>`;
    const rows = direct(handmade([{ name: 'S', body }]))?.[0]?.rows;
    expect(rows).toHaveLength(100_000);
    expect(rows?.[99_999]).toEqual([7]);
  });

  it('reads a 1 MB run of digits after "&#" in one pass', () => {
    const unended = oneCell(`<c r="A1" t="inlineStr"><is><t>&#x${'f'.repeat(1_000_000)}</t></is></c>`);
    expect(direct(handmade([{ name: 'S', body: unended }]))?.[0]?.rows).toEqual([[`&#x${'f'.repeat(1_000_000)}`]]);
    const huge = oneCell(`<c r="A1" t="inlineStr"><is><t>&#${'1'.repeat(1_000_000)};</t></is></c>`);
    expect(refusal(() => direct(handmade([{ name: 'S', body: huge }])))).toMatchObject({ code: 'INVALID_CHAR' });
  });

  it.each([
    [
      'a lone surrogate in a shared string',
      oneCell('<c r="A1"><v>1</v></c><c r="B1" t="s"><v>1</v></c>'),
      ['<si><t>ok</t></si>', '<si><t>ขอ&#xD800;ถนน</t></si>'],
    ],
    ['a number beyond Unicode in a formula result', oneCell('<c r="B1" t="str"><f>A1</f><v>ขอ&#x110041;</v></c>'), undefined],
    ['NUL in an inline string', oneCell('<c r="B1" t="inlineStr"><is><t>&#0;</t></is></c>'), undefined],
    ['an unpaired high surrogate in decimal', oneCell('<c r="B1" t="inlineStr"><is><t>&#55357;</t></is></c>'), undefined],
  ])('refuses %s, naming the cell', (_what, body, items) => {
    const r = refusal(() => direct(handmade([{ name: 'ชีต', body }], items && sstOf(items))));
    expect(r).toMatchObject({ code: 'INVALID_CHAR', where: { line: 1, column: 'B' } });
    expect(r.en).toContain("sheet 'ชีต', cell B1");
    expect(r.th).toContain('ช่อง B1');
  });

  it('reads a reference beyond U+FFFF as its character, and ignores a bad one in a shared string no cell uses', () => {
    const body = oneCell('<c r="A1" t="inlineStr"><is><t>&#x1F600;&#128512;</t></is></c><c r="B1" t="s"><v>0</v></c>');
    expect(direct(handmade([{ name: 'S', body }], sstOf(['<si><t>ok</t></si>', '<si><t>&#xD800;</t></si>'])))?.[0]?.rows).toEqual(
      [['😀😀', 'ok']],
    );
  });

  it('refuses a bad reference in a workbook left to SheetJS (which would read another character)', () => {
    const body = `${oneCell('<c r="A1" t="inlineStr"><is><t>&#xDC00;</t></is></c>')}<hyperlinks/>`;
    expect(refusal(() => direct(handmade([{ name: 'S', body }])))).toMatchObject({ code: 'INVALID_CHAR', where: {} });
    const name = handmade([{ name: 'ชีต&#xD800;', body: oneCell('<c r="A1"><v>1</v></c>') }]);
    expect(refusal(() => direct(name))).toMatchObject({ code: 'INVALID_CHAR', where: {} });
  });

  it('refuses a cell naming a shared string the table does not hold', () => {
    const body = oneCell('<c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>99999999</v></c>');
    const r = refusal(() => direct(handmade([{ name: 'S', body }], sstOf(['<si><t>ok</t></si>']))));
    expect(r).toMatchObject({ code: 'CORRUPT_FILE', where: { line: 1, column: 'C' } });
    expect(r.en).toContain('99999999');
  });

  it('refuses a workbook listing a sheet whose part is missing', () => {
    const bytes = handmade([
      { name: 'หนึ่ง', body: oneCell('<c r="A1"><v>1</v></c>') },
      { name: 'สอง', body: oneCell('<c r="A1"><v>2</v></c>') },
    ]);
    const entries = readZip(bytes, 'test.xlsx', { keep: () => true }).filter((e) => e.name !== 'xl/worksheets/sheet2.xml');
    const r = refusal(() => direct(writeZip(entries.map((e) => ({ name: e.name, data: e.bytes })))));
    expect(r).toMatchObject({ code: 'CORRUPT_FILE', where: {} });
    expect(r.en).toContain("'สอง'");
    expect(r.en).toContain('xl/worksheets/sheet2.xml');
  });
});
