/**
 * The needs import end to end through the handlers: every accepted format and encoding reads the same eight needs;
 * the preview finds the header and mapping and writes nothing; a corrected mapping is used and remembered; a
 * re-import detects changes by content; partial applies are recorded; the strict feed drops unknown fields.
 */
import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import type { BackupInfo, ImportPreview, NeedChangesPage, SyncBatch, SyncReport } from '../../../shared/api/types';
import type { AppError } from '../../../shared/api/errors';
import { REPORT_ROWS, reportCsv, reportExcel95, reportSheet, reportXlsx, win874 } from '../../../test/fixtures/needs-files';
import { legacyXlsHiding } from '../../../test/fixtures/compound-files';
import { writeZip } from '../../../test/fixtures/zip-writer';
import { useTestCore } from '../handlers/test-core';
import { exportNeedLines } from './needs-export';
import { decodeText } from './text';
import { detectDelimiter, parseCsv } from './csv';
import { NEEDS_IMPORT_EXTENSIONS, PROPOSALS_IMPORT_EXTENSIONS } from '../../../shared/api/import-files';
import { squareTambon } from '../../../test/fixtures/boundaries';

const { core, ok, upload } = useTestCore('chipao-import-', { needs: 300, projects: 10 });

const utf16 = (text: string, be: boolean, bom: boolean): Buffer => {
  const le = Buffer.from(text, 'utf16le');
  const body = be ? Buffer.from(le).swap16() : le;
  return bom ? Buffer.concat([Buffer.from(be ? [0xfe, 0xff] : [0xff, 0xfe]), body]) : body;
};

/**
 * Text as copied from a PDF of a government form: sara am as nikhahit + sara aa, the tone mark between them ("นํ้า"),
 * and แ typed as two sara e ("เเก่งคอย").
 */
const asFromPdf = (text: string): string =>
  text.replace(/([\u0e48-\u0e4b]?)\u0e33/gu, '\u0e4d$1\u0e32').replace(/\u0e41/gu, '\u0e40\u0e40');

function digest(): string {
  const { sqlite } = core().store;
  // Ordinary tables: a search index (FTS5 virtual and shadow tables) is derived from them by triggers.
  const tables = (
    sqlite
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN (SELECT name FROM pragma_table_list WHERE type IN ('virtual', 'shadow')) ORDER BY name",
      )
      .all() as { name: string }[]
  ).map((t) => t.name);
  return createHash('sha256')
    .update(JSON.stringify(tables.map((t) => sqlite.prepare(`SELECT * FROM "${t}" ORDER BY rowid`).all())))
    .digest('hex');
}

const EXPECTED = [
  { tambon: '190101', title: 'ขอขยายเขตประปาหมู่บ้าน', people: 150, cost: 125_000_000, date: '2026-10-15', channel: 'ประชาคม' },
  { tambon: '190105', title: 'ขอซ่อมแซมถนนลูกรัง', people: 3400, cost: 35_000_000, date: '2026-11-03', channel: 'LINE' },
  { tambon: '190106', title: 'ขอติดตั้งไฟฟ้าส่องสว่างทางสาธารณะ', people: 45, cost: 9_500_000, date: '2026-10-20', channel: 'LINE' },
  { tambon: '190201', title: 'ขอรถรับส่งผู้ป่วยฉุกเฉิน', people: 90, cost: null, date: '2026-11-01', channel: 'survey' },
  { tambon: '190201', title: 'ขอสื่อการเรียนรู้และคอมพิวเตอร์', people: 60, cost: 12_000_000, date: '2026-11-05', channel: 'survey' },
  { tambon: '190301', title: 'ขอขุดลอกคลองส่งน้ำ', people: 310, cost: 240_000_050, date: '2026-10-12', channel: 'online' },
];

describe('readers', () => {
  it.each([
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('ตำบล,ความต้องการ')]), 'utf-8'],
    ['UTF-8', Buffer.from('ตำบล,ความต้องการ'), 'utf-8'],
    ['UTF-16 LE with BOM', utf16('ตำบล,ความต้องการ', false, true), 'utf-16le'],
    ['UTF-16 BE with BOM', utf16('ตำบล,ความต้องการ', true, true), 'utf-16be'],
    ['UTF-16 LE without BOM', utf16('tambon,title,ตำบล', false, false), 'utf-16le'],
    // Mostly Thai: its only zero high bytes are the commas (the guess from zeros alone took it for binary).
    ['Thai UTF-16 LE without BOM', utf16('ตำบล,ผู้ได้รับผลกระทบ,ความต้องการ', false, false), 'utf-16le'],
    ['Thai UTF-16 BE without BOM', utf16('ตำบล,ผู้ได้รับผลกระทบ,ความต้องการ', true, false), 'utf-16be'],
    ['TIS-620 / Windows-874', win874('ตำบล,ความต้องการ'), 'windows-874'],
  ])('decodes %s', (_name, bytes, encoding) => {
    const r = decodeText(bytes, 'a.csv');
    expect(r.encoding).toBe(encoding);
    expect(r.text.endsWith('ความต้องการ') || r.text.endsWith('ตำบล')).toBe(true);
  });

  it.each([
    // C2 A1 E0 A1 A1: valid UTF-8 too, where it reads "¡ࡡ" (U+0861, Syriac) and no Thai.
    ['TIS-620 that is also valid UTF-8', win874('ยกเกก'), 'ยกเกก', 'windows-874'],
    // é and ï (C3 A9, C3 AF) would read "รฉ" and "รฏ" in TIS-620: Latin letters stay UTF-8.
    ['UTF-8 with Latin letters and €', Buffer.from('café,naïve,€5'), 'café,naïve,€5', 'utf-8'],
    ['UTF-8 with Latin letters only', Buffer.from('café naïve'), 'café naïve', 'utf-8'],
    // E0 B8 A2 E0 B8 B0 ...: also valid TIS-620, "เธขเธฐเธฅเธฒ", but the UTF-8 reading is Thai.
    ['UTF-8 with Thai', Buffer.from('ยะลา'), 'ยะลา', 'utf-8'],
  ])('chooses between UTF-8 and TIS-620 by the text: %s', (_name, bytes, text, encoding) => {
    expect(decodeText(bytes, 'a.csv')).toEqual({ text, encoding });
  });

  it('reads TIS-620 after a UTF-8 mark that the rest belies, and refuses a file mixing UTF-8 and TIS-620 lines at the first', () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    expect(decodeText(Buffer.concat([bom, win874('ตำบล,ความต้องการ\r\nปากเพรียว,ขอถนน\r\n')]), 'a.csv')).toEqual({
      text: 'ตำบล,ความต้องการ\r\nปากเพรียว,ขอถนน\r\n',
      encoding: 'windows-874',
    });
    const refusal = (bytes: Buffer): unknown => {
      try {
        decodeText(bytes, 'a.csv');
      } catch (e) {
        return (e as AppError).problems;
      }
      return 'read';
    };
    // "ยะลา" in UTF-8 is also valid Windows-874 ("เธขเธฐเธฅเธฒ"): read as TIS-620, the whole file would have been.
    const mixed = Buffer.concat([Buffer.from('ยะลา,ยะลา\nยะลา,ยะลา\n'), win874('ปากเพรียว,ขอถนนคอนกรีต\n'), Buffer.from('a,b\n')]);
    expect(refusal(mixed)).toEqual([expect.objectContaining({ code: 'BAD_ENCODING', line: 3 })]);
    expect(refusal(Buffer.concat([bom, mixed]))).toEqual([expect.objectContaining({ code: 'BAD_ENCODING', line: 3 })]);
    // UTF-8 damaged on line 4 (a byte no encoding continues).
    const damaged = Buffer.concat([Buffer.from('ตำบล,ชื่อ\nก,ข\nค,ง\n'), Buffer.from([0x61, 0xff, 0x0a])]);
    expect(refusal(damaged)).toEqual([expect.objectContaining({ code: 'BAD_ENCODING', line: 4 })]);
  });

  it('property: a file of UTF-8 lines with one line in TIS-620 is refused at that line, after a UTF-8 mark or not', () => {
    const thai = fc
      .array(
        fc.integer({ min: 0x0e01, max: 0x0e2e }).map((c) => String.fromCodePoint(c)),
        { minLength: 2, maxLength: 30 },
      )
      .map((chars) => chars.join(''));
    const file = fc.record({
      lines: fc.array(thai, { minLength: 1, maxLength: 8 }),
      tis: thai.filter((t) => !isUtf8(win874(t))),
      at: fc.nat(),
      bom: fc.boolean(),
    });
    fc.assert(
      fc.property(file, ({ lines, tis, at, bom }) => {
        const i = at % (lines.length + 1);
        const parts: Buffer[] = lines.map((l) => Buffer.from(`${l},1\r\n`));
        parts.splice(i, 0, win874(`${tis},1\r\n`));
        const bytes = Buffer.concat([bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), ...parts]);
        expect(() => decodeText(bytes, 'a.csv')).toThrow(
          expect.objectContaining({ problems: [expect.objectContaining({ code: 'BAD_ENCODING', line: i + 1 })] }),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('property: Thai and ASCII text reads back from every accepted encoding, and no UTF-8 or TIS-620 text is taken for UTF-16', () => {
    // Thai letters, vowels, tone marks and digits (U+0E01–U+0E5B, the block TIS-620 covers) and printable ASCII, after a
    // header cell as files begin. (A few Thai letters alone can be valid UTF-8 in TIS-620 bytes, "ยกเกก" is "¡ࡡ": the
    // next property.)
    const thaiChar = fc
      .integer({ min: 0x0e01, max: 0x0e5b })
      .filter((c) => c <= 0x0e3a || c >= 0x0e3f)
      .map((c) => String.fromCodePoint(c));
    const asciiChar = fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c));
    const text = fc
      .array(fc.oneof({ arbitrary: thaiChar, weight: 4 }, { arbitrary: asciiChar, weight: 1 }), { minLength: 4, maxLength: 300 })
      .map((chars) => `ตำบล,${chars.join('')},\r\n`);
    fc.assert(
      fc.property(text, (t) => {
        expect(decodeText(Buffer.from(t, 'utf8'), 'a.csv')).toEqual({ text: t, encoding: 'utf-8' });
        expect(decodeText(win874(t), 'a.csv')).toEqual({ text: t, encoding: 'windows-874' });
        for (const be of [false, true]) {
          const encoding = be ? 'utf-16be' : 'utf-16le';
          expect(decodeText(utf16(t, be, true), 'a.csv')).toEqual({ text: t, encoding });
          expect(decodeText(utf16(t, be, false), 'a.csv')).toEqual({ text: t, encoding });
        }
      }),
      { numRuns: 500 },
    );
  });

  it('property: short Thai text whose TIS-620 bytes are also valid UTF-8 reads back as TIS-620, no header needed', () => {
    // TIS-620 bytes that UTF-8 takes for a sequence: a letter or vowel from ย (C2) to ฺ (DA) or ฿ (DF) before one of the
    // consonants ก–ฟ (A1–BF), or เ แ (E0 E1) before two. From ฮ (CE) on, and with เ แ, the UTF-8 reading is a script
    // from Greek to Greek Extended (เธ and เน, E0 B8 and E0 B9, read as Thai: UTF-8 Thai looks so in TIS-620); before
    // ฮ it is a Latin letter or symbol, as "รฉ" is "é", which counts for UTF-8 unless another pair is foreign.
    const letters = (from: number, to: number): string[] =>
      Array.from({ length: to - from + 1 }, (_, i) => String.fromCodePoint(from + i));
    const follower = fc.constantFrom(...letters(0x0e01, 0x0e1f));
    const foreign = fc.oneof(
      fc.tuple(fc.constantFrom(...letters(0x0e2e, 0x0e3a), '฿'), follower).map(([a, b]) => a + b),
      fc
        .tuple(fc.constantFrom('เ', 'แ'), follower, follower)
        .filter(([a, b]) => !(a === 'เ' && (b === 'ธ' || b === 'น')))
        .map((t) => t.join('')),
    );
    const latin = fc.tuple(fc.constantFrom(...letters(0x0e22, 0x0e2c)), follower).map(([a, b]) => a + b);
    const around = fc.array(fc.oneof(foreign, latin, fc.constant(' ')), { maxLength: 4 });
    const text = fc.tuple(around, foreign, around).map(([a, f, b]) => [...a, f, ...b].join(''));
    fc.assert(
      fc.property(text, (t) => {
        expect(isUtf8(win874(t))).toBe(true);
        expect(decodeText(win874(t), 'a.csv')).toEqual({ text: t, encoding: 'windows-874' });
        expect(decodeText(Buffer.from(t, 'utf8'), 'a.csv')).toEqual({ text: t, encoding: 'utf-8' });
      }),
      { numRuns: 500 },
    );
  });

  it('detects comma, semicolon and tab, and keeps quoted delimiters and newlines', () => {
    expect(detectDelimiter('a,b,c\n1,2,3')).toBe(',');
    expect(detectDelimiter('a;b;c\n"1,5";2;3')).toBe(';');
    expect(detectDelimiter('a\tb\tc\n1\t2\t3')).toBe('\t');
    expect(parseCsv('a,b\n"x, ""y""\nz",2\n', 'a.csv')).toEqual([
      ['a', 'b'],
      ['x, "y"\nz', '2'],
    ]);
    // A line break inside a cell as Windows saves it, or as old Macs did, is one "\n" (not a control character).
    expect(parseCsv('a,b\r\n"ตาลเดี่ยว\r\nทับกวาง",2\r\n"x\ry",3\r\n', 'a.csv')).toEqual([
      ['a', 'b'],
      ['ตาลเดี่ยว\nทับกวาง', '2'],
      ['x\ny', '3'],
    ]);
  });

  it('keeps quotes written inside a quoted cell without doubling them when the cell closes later on its line', () => {
    // As hand-made files and naive exports write them: read as written, where the first inner quote closed the cell.
    expect(parseCsv('a,b\n"ซ่อมถนน "สายหลัก" หมู่ 4",2\n"ขุดลอก "คลองห้า"",3\n', 'a.csv')).toEqual([
      ['a', 'b'],
      ['ซ่อมถนน "สายหลัก" หมู่ 4', '2'],
      ['ขุดลอก "คลองห้า"', '3'],
    ]);
    // No closing quote later on the line: the quote closes the cell and what follows is added (rows stay apart).
    expect(parseCsv('"abc"def,ghi\n"x",y\n', 'a.csv')).toEqual([
      ['abcdef', 'ghi'],
      ['x', 'y'],
    ]);
    expect(parseCsv('"abc" ,d\r\n"e"\t,f', 'a.csv', ',')).toEqual([
      ['abc ', 'd'],
      ['e\t', 'f'],
    ]);
    // A quoted cell never closed is refused at the line where it opened.
    expect(() => parseCsv('a,b\n"x,1\n2,3\n', 'a.csv')).toThrow(
      expect.objectContaining({ problems: [expect.objectContaining({ code: 'CORRUPT_FILE', line: 2 })] }),
    );
  });

  it('property: cells written as RFC 4180 writes them read back as they were', () => {
    const cellText = fc.string({ unit: fc.constantFrom('a', 'ก', ' ', '"', ',', ';', '\t', '\n', '\r\n', 'x"y'), maxLength: 12 });
    fc.assert(
      fc.property(
        fc.constantFrom(',', ';', '\t'),
        fc.array(fc.array(cellText, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 6 }),
        fc.constantFrom('\n', '\r\n'),
        (delimiter, rows, eol) => {
          const quote = (c: string): string => (c === '' || !/[",;\t\r\n ]/u.test(c) ? c : `"${c.replace(/"/gu, '""')}"`);
          const text = rows.map((r) => r.map(quote).join(delimiter)).join(eol) + eol;
          // A line break inside a cell reads as "\n", whichever way it was written.
          const read = (c: string): string | null => (c === '' ? null : c.replace(/\r\n/gu, '\n'));
          expect(parseCsv(text, 'p.csv', delimiter)).toEqual(rows.map((r) => r.map(read)));
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('needs.importPreview and needs.importApply', () => {
  const variants: [string, Buffer][] = [
    ['report.xlsx', reportXlsx()],
    ['report.xls', reportXlsx(REPORT_ROWS, 'xls')],
    ['report-html.xls', reportXlsx(REPORT_ROWS, 'html')],
    ['report-excel95.xls', reportExcel95()],
    ['report.xlsb', reportXlsx(REPORT_ROWS, 'xlsb')],
    ['report-xml-spreadsheet-2003.xml', reportXlsx(REPORT_ROWS, 'xlml')],
    ['report.ods', reportXlsx(REPORT_ROWS, 'ods')],
    ['report-utf8.csv', Buffer.from(reportCsv())],
    ['report-bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(reportCsv(REPORT_ROWS, ';'))])],
    ['report-utf16.csv', utf16(reportCsv(REPORT_ROWS, '\t'), false, true)],
    ['report-utf16be.csv', utf16(reportCsv(), true, true)],
    ['report-tis620.csv', win874(reportCsv())],
    ['report-copied-from-pdf.csv', Buffer.from(asFromPdf(reportCsv()))],
    ['report-copied-from-pdf-tis620.csv', win874(asFromPdf(reportCsv()))],
    ['report.zip', writeZip([{ name: 'a.csv', data: reportCsv() }])],
    ['report-nested.zip', writeZip([{ name: 'inner.zip', data: writeZip([{ name: 'b.xlsx', data: reportXlsx() }]) }])],
  ];

  it('offers every kind of file read here in the needs and proposals import dialogs', () => {
    for (const [name] of variants) {
      const ext = name.slice(name.lastIndexOf('.'));
      expect(NEEDS_IMPORT_EXTENSIONS).toContain(ext);
      expect(PROPOSALS_IMPORT_EXTENSIONS).toContain(ext);
    }
  });

  it.each(variants)('%s: previews the same eight needs without writing anything', async (name, bytes) => {
    const before = digest();
    const p = await ok<ImportPreview>('needs.importPreview', { uploadId: upload(name, bytes) });
    expect(p.problems).toEqual([]);
    expect(p.rows).toBe(8);
    expect(p.valid).toBe(8);
    const part = p.parts[0]!;
    expect(part.mapping).toMatchObject({
      title: expect.any(Number),
      tambon: expect.any(Number),
      people_affected: expect.any(Number),
    });
    expect(part.sample).toHaveLength(8);
    expect(digest()).toBe(before);
  });

  // Hidden: the title row (not data), data rows 7 and 9, the total row (not data).
  const HIDDEN_ROWS = [0, 6, 8, 13];
  /** The report with those rows hidden, as each format marks them (SheetJS writes XLSX's and XLSB's; not XLS's). */
  const filteredReport = (format: 'xlsx' | 'xlsb' | 'xls' | 'excel95'): Buffer => {
    if (format === 'xls') return legacyXlsHiding(reportXlsx(REPORT_ROWS, 'xls'), { rows: HIDDEN_ROWS });
    if (format === 'excel95') return legacyXlsHiding(reportExcel95(), { rows: HIDDEN_ROWS });
    const ws = reportSheet();
    ws['!rows'] = Array.from({ length: 14 }, (_, r) => (HIDDEN_ROWS.includes(r) ? { hidden: true } : {}));
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, 'ความต้องการ');
    return XLSX.write(wb, { type: 'buffer', bookType: format }) as Buffer;
  };

  it.each(['xlsx', 'xlsb', 'xls', 'excel95'] as const)(
    'reads the rows a sheet hides (by hand or by a filter) and says which data rows they are (%s)',
    async (format) => {
      const name = `filtered.${format === 'excel95' ? 'xls' : format}`;
      const p = await ok<ImportPreview>('needs.importPreview', { uploadId: upload(name, filteredReport(format)) });
      expect(p.valid).toBe(8);
      expect(p.parts[0]!.hiddenRows).toEqual({ count: 2, first: [7, 9] });
      const plain = await ok<ImportPreview>('needs.importPreview', { uploadId: upload('report.xlsx', reportXlsx()) });
      expect(plain.parts[0]!.hiddenRows).toBeUndefined();
    },
  );

  it("names the other sheet where a need repeats one of another sheet's (its row number alone pointed at itself)", async () => {
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, reportSheet(REPORT_ROWS.slice(0, 2)), 'อ.แก่งคอย');
    XLSX.utils.book_append_sheet(wb, reportSheet(REPORT_ROWS.slice(1, 3)), 'ด้านถนน');
    const p = await ok<ImportPreview>('needs.importPreview', {
      uploadId: upload('two.xlsx', XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer),
    });
    expect(p.problems).toEqual([
      expect.objectContaining({
        line: 6,
        code: 'DUPLICATE_ID',
        column: 'two.xlsx#ด้านถนน › ปัญหา/ความต้องการ',
        en: "the same need (tambon, village no. and title) as row 7 of 'two.xlsx#อ.แก่งคอย'",
        th: "ความต้องการซ้ำกับแถว 7 ของ 'two.xlsx#อ.แก่งคอย' (ตำบล หมู่ที่ และเรื่องเดียวกัน)",
      }),
    ]);
  });

  it.each(['xlsx', 'xlsb', 'xls'] as const)(
    'takes a shown column over a hidden one of the same heading, and says when a hidden column is mapped (%s)',
    async (format) => {
      const sheet = (hide: number[], budgets: number): Buffer => {
        const head = ['ตำบล', 'หมู่ที่', 'ความต้องการ', 'ด้าน', 'ผู้ได้รับผลกระทบ', ...Array<string>(budgets).fill('งบประมาณ')];
        const row = (t: string, amounts: number[]): (string | number)[] => [
          t,
          1,
          'ขอถนน',
          'ถนน',
          10,
          ...amounts.slice(0, budgets),
        ];
        const ws = XLSX.utils.aoa_to_sheet([head, row('ปากเพรียว', [999_999, 500_000]), row('ดาวเรือง', [888_888, 250_000])]);
        const wb = XLSX.utils.book_new();
        XLSX.utils.book_append_sheet(wb, ws, 'S');
        if (format === 'xls')
          return legacyXlsHiding(XLSX.write(wb, { type: 'buffer', bookType: 'biff8' }) as Buffer, { columns: hide });
        ws['!cols'] = Array.from({ length: 5 + budgets }, (_, c) => (hide.includes(c) ? { hidden: true } : {}));
        return XLSX.write(wb, { type: 'buffer', bookType: format }) as Buffer;
      };
      const name = `hidden-col.${format}`;
      // The superseded figures hidden in F, the current ones in G: G is taken, F said unused.
      const two = await ok<ImportPreview>('needs.importPreview', { uploadId: upload(name, sheet([5], 2)) });
      expect(two.parts[0]!.mapping['estimated_cost']).toBe(6);
      expect(two.parts[0]!.hiddenColumns).toEqual({ count: 1, mapped: [] });
      // Two columns headed alike: which is used is said, to be checked.
      expect(two.parts[0]!.sameHeading).toEqual([{ field: 'estimated_cost', label: 'งบประมาณ', used: 'G', others: ['F'] }]);
      const shown = await ok<ImportPreview>('needs.importPreview', { uploadId: upload(name, sheet([], 2)) });
      expect(shown.parts[0]!.sameHeading).toEqual([{ field: 'estimated_cost', label: 'งบประมาณ', used: 'F', others: ['G'] }]);
      // The only budget column hidden: still read, and named to be checked.
      const one = await ok<ImportPreview>('needs.importPreview', { uploadId: upload(name, sheet([5], 1)) });
      expect(one.parts[0]!.mapping['estimated_cost']).toBe(5);
      expect(one.parts[0]!.hiddenColumns).toEqual({ count: 1, mapped: [{ field: 'estimated_cost', column: 'F: งบประมาณ' }] });
      expect(one.parts[0]!.sameHeading).toBeUndefined();
    },
  );

  it('finds the two-row header under the title rows and skips the total row', async () => {
    const p = await ok<ImportPreview>('needs.importPreview', { uploadId: upload('report.xlsx', reportXlsx()) });
    expect(p.format).toBe('xlsx');
    expect(p.parts[0]).toMatchObject({
      headerRow: 4,
      headerRows: 2,
      mappingFrom: 'suggested',
      rows: 8,
      skipped: { total: 1 },
      sampleRows: [6, 7, 8, 9, 10, 11, 12, 13],
    });
    expect(p.parts[0]!.labels[7]).toBe('จำนวน / ผู้ได้รับผลกระทบ');
  });

  it('applies every value as the file writes it, and a second import of the same file changes nothing', async () => {
    const report = await ok<SyncReport>('needs.importApply', { uploadId: upload('amphoe-report.xlsx', reportXlsx()) });
    expect(report).toMatchObject({
      newCount: 8,
      changedCount: 0,
      withdrawnCount: 0,
      partial: false,
      rejectedCount: 0,
      source: 'file:amphoe-report',
    });
    const rows = core()
      .store.sqlite.prepare(
        'SELECT tambon_code, title, people_affected, estimated_cost, reported_date, channel, households, village_no, raw_json FROM need WHERE batch_id = ? ORDER BY id',
      )
      .all(report.batchId) as {
      tambon_code: string;
      title: string;
      people_affected: number;
      estimated_cost: number | null;
      reported_date: string;
      channel: string;
      households: number;
      village_no: number;
      raw_json: string;
    }[];
    expect(rows).toHaveLength(8);
    EXPECTED.forEach((e, i) => {
      expect(rows[i]).toMatchObject({
        tambon_code: e.tambon,
        title: e.title,
        people_affected: e.people,
        estimated_cost: e.cost,
        reported_date: e.date,
        channel: e.channel,
      });
    });
    expect(rows[1]).toMatchObject({ households: 1200, village_no: 5 });
    const again = await ok<SyncReport>('needs.importApply', { uploadId: upload('amphoe-report.xlsx', reportXlsx()) });
    expect(again).toMatchObject({ newCount: 0, changedCount: 0, unchangedCount: 8 });
  });

  it('text copied from a PDF is stored in one spelling: the same needs as the typed file, unchanged on re-import', async () => {
    const pdf = asFromPdf(reportCsv());
    expect(pdf).toContain('อ\u0e4d\u0e32เภอ');
    expect(pdf).toContain('\u0e40\u0e40ก่งคอย');
    const typed = await ok<SyncReport>('needs.importApply', { uploadId: upload('typed.csv', reportCsv()) });
    const copied = await ok<SyncReport>('needs.importApply', { uploadId: upload('copied.csv', pdf) });
    expect(copied).toMatchObject({ newCount: 8, rejectedCount: 0 });
    const stored = (batch: number): unknown[] =>
      core()
        .store.sqlite.prepare(
          'SELECT tambon_code, village_no, title, category, households, people_affected, estimated_cost, reported_date, channel FROM need WHERE batch_id = ? ORDER BY title, tambon_code',
        )
        .all(batch);
    expect(stored(copied.batchId)).toEqual(stored(typed.batchId));
    expect(JSON.stringify(stored(copied.batchId))).not.toMatch(/\u0e4d|\u0e40\u0e40/u);
    const again = await ok<SyncReport>('needs.importApply', { uploadId: upload('copied.csv', pdf) });
    expect(again).toMatchObject({ newCount: 0, changedCount: 0, unchangedCount: 8 });
  });

  it('a changed row is "changed" with the next version, a withdrawn status withdraws', async () => {
    const rows = REPORT_ROWS.map((r, i) => (i === 0 ? { ...r, people: 175 } : r));
    await ok<SyncReport>('needs.importApply', { uploadId: upload('changes.csv', reportCsv()) });
    const changed = await ok<SyncReport>('needs.importApply', { uploadId: upload('changes.csv', reportCsv(rows)) });
    expect(changed).toMatchObject({ newCount: 0, changedCount: 1, unchangedCount: 7 });
    const need = core()
      .store.sqlite.prepare("SELECT version, people_affected FROM need WHERE source = 'file:changes' AND title = ?")
      .get(REPORT_ROWS[0]!.title);
    expect(need).toEqual({ version: 2, people_affected: 175 });
    const withStatus = `${reportCsv(rows).split('\r\n')[0]},สถานะ\r\n${reportCsv(rows).split('\r\n')[1]},ยกเลิก\r\n`;
    const withdrawn = await ok<SyncReport>('needs.importApply', { uploadId: upload('changes.csv', withStatus) });
    expect(withdrawn, JSON.stringify(withdrawn)).toMatchObject({ withdrawnCount: 1 });

    // What each batch changed, field by field against the state before it.
    const c1 = await ok<NeedChangesPage>('needs.changes', { batchId: changed.batchId });
    expect(c1.counts).toEqual({ new: 0, changed: 1, withdrawn: 0 });
    expect(c1.rows).toEqual([
      expect.objectContaining({
        kind: 'changed',
        title: REPORT_ROWS[0]!.title,
        fields: [{ field: 'people_affected', before: 150, after: 175 }],
      }),
    ]);
    const c2 = await ok<NeedChangesPage>('needs.changes', { batchId: withdrawn.batchId });
    expect(c2.rows).toEqual([
      expect.objectContaining({ kind: 'withdrawn', fields: [{ field: 'status', before: 'active', after: 'withdrawn' }] }),
    ]);
    const firstBatch = changed.batchId - 1;
    const c0 = await ok<NeedChangesPage>('needs.changes', { batchId: firstBatch, kind: 'new', limit: 3 });
    expect(c0).toMatchObject({ counts: { new: 8, changed: 0, withdrawn: 0 }, total: 8 });
    expect(c0.rows).toHaveLength(3);
  });

  it('uses a corrected mapping, and remembers it for the next file from the same source', async () => {
    // A file whose "ที่มา" column (suggested as the channel) actually holds a note; the user maps it to description.
    const text = 'ตำบล,ความต้องการ,ด้าน,ผู้ได้รับผลกระทบ,ที่มา\r\nปากเพรียว,ขอถนน,ถนน,12,หนังสือจากผู้ใหญ่บ้าน\r\n';
    const first = await ok<ImportPreview>('needs.importPreview', { uploadId: upload('office-a.csv', text) });
    expect(first.parts[0]!.mapping).toMatchObject({ channel: 4 });
    expect(first.problems).toEqual([expect.objectContaining({ line: 2, column: 'ที่มา', code: 'UNKNOWN_CHANNEL' })]);
    const fixed = { tambon: 0, title: 1, category: 2, people_affected: 3, description: 4 };
    const preview = await ok<ImportPreview>('needs.importPreview', { uploadId: upload('office-a.csv', text), mapping: fixed });
    expect(preview.problems).toEqual([]);
    expect(preview.parts[0]!.mappingFrom).toBe('given');
    await ok<SyncReport>('needs.importApply', { uploadId: upload('office-a.csv', text), mapping: fixed });
    const next = await ok<ImportPreview>('needs.importPreview', { uploadId: upload('office-a-2.csv', text) });
    expect(next.parts[0]).toMatchObject({ mappingFrom: 'remembered', mapping: fixed });
    expect(next.problems).toEqual([]);
  });

  it('a remembered mapping that reads a column headed "(ครัวเรือน)" as people gives way to its heading; a given one is obeyed', async () => {
    // The user once mapped the households column to people by hand: obeyed then, and remembered for the source.
    const text = 'ตำบล,ความต้องการ,ด้าน,ผู้ได้รับผลกระทบ,ผู้ได้รับประโยชน์ (ครัวเรือน)\r\nปากเพรียว,ขอไฟฟ้าส่องสว่าง หมู่ 9,ไฟฟ้า,120,35\r\n';
    const wrong = { tambon: 0, title: 1, category: 2, people_affected: 4 };
    const given = await ok<ImportPreview>('needs.importPreview', { uploadId: upload('office-hh.csv', text), mapping: wrong });
    expect(given.parts[0]).toMatchObject({ mappingFrom: 'given', mapping: wrong });
    await ok<SyncReport>('needs.importApply', { uploadId: upload('office-hh.csv', text), mapping: wrong });
    const stored = core()
      .store.sqlite.prepare('SELECT mapping_json FROM import_mapping WHERE source_key = ?')
      .get('source:file:office-hh') as { mapping_json: string } | undefined;
    expect(JSON.parse(stored!.mapping_json)).toMatchObject({ people_affected: 'ผู้ได้รับประโยชน์ (ครัวเรือน)' });
    // The next file from the source: the heading's unit wins for that column, the rest of the remembered mapping stays.
    const next = await ok<ImportPreview>('needs.importPreview', { uploadId: upload('office-hh-2.csv', text) });
    expect(next.parts[0]).toMatchObject({
      mappingFrom: 'remembered',
      mapping: { tambon: 0, title: 1, category: 2, people_affected: 3, households: 4 },
      // …and the preview says which column the heading read otherwise than remembered.
      countsByHeading: [{ field: 'people_affected', label: 'ผู้ได้รับประโยชน์ (ครัวเรือน)' }],
    });
    expect(next.problems).toEqual([]);
    const report = await ok<SyncReport>('needs.importApply', { uploadId: upload('office-hh-2.csv', text) });
    expect(report.changedCount).toBe(1);
    expect(report.mappingNotes?.map((n) => n.en)).toContainEqual(
      expect.stringContaining("column 'ผู้ได้รับประโยชน์ (ครัวเรือน)' was read as its heading's unit says"),
    );
    const need = core()
      .store.sqlite.prepare("SELECT people_affected, households FROM need WHERE title = 'ขอไฟฟ้าส่องสว่าง หมู่ 9'")
      .all();
    expect(need).toEqual([{ people_affected: 120, households: 35 }]);
    // Given again in this import, the user's mapping is still obeyed.
    const again = await ok<ImportPreview>('needs.importPreview', { uploadId: upload('office-hh-3.csv', text), mapping: wrong });
    expect(again.parts[0]).toMatchObject({ mappingFrom: 'given', mapping: wrong });
    expect(again.parts[0]).not.toHaveProperty('countsByHeading');
  });

  it('refuses a mapping to a column the file does not have, or an unknown field', async () => {
    const id = upload('short.csv', 'ตำบล,ความต้องการ\r\nปากเพรียว,ขอถนน\r\n');
    const r = await core().call(
      'needs.importPreview',
      { uploadId: id, mapping: { title: 9 } },
      { role: 'owner', actor: 'test', transport: 'direct' },
    );
    expect(r.ok ? null : r.error.code).toBe('BAD_ARGS');
    const r2 = await core().call(
      'needs.importPreview',
      { uploadId: id, mapping: { nonsense: 0 } },
      { role: 'owner', actor: 'test', transport: 'direct' },
    );
    expect(r2.ok ? null : r2.error.code).toBe('BAD_ARGS');
  });

  it('all or nothing by default; the valid rows only when asked, recorded on the batch', async () => {
    const rows = REPORT_ROWS.map((r, i) => (i === 2 ? { ...r, tambon: 'ต.ไม่มีจริง' } : r));
    const before = digest();
    const refused = await core().call(
      'needs.importApply',
      { uploadId: upload('mixed.csv', reportCsv(rows)) },
      { role: 'owner', actor: 'test', transport: 'direct' },
    );
    expect(refused.ok).toBe(false);
    expect(digest()).toBe(before);
    const report = await ok<SyncReport>('needs.importApply', { uploadId: upload('mixed.csv', reportCsv(rows)), partial: true });
    expect(report).toMatchObject({ newCount: 7, partial: true, rejectedCount: 1 });
    expect(report.rejected).toEqual([expect.objectContaining({ line: 4, column: 'ตำบล', code: 'UNKNOWN_AREA' })]);
    const batches = await ok<SyncBatch[]>('needs.batches', {});
    expect(batches.find((b) => b.id === report.batchId)).toMatchObject({ partial: true, rejectedCount: 1 });
  });

  it('needs.sync: unknown fields are dropped, counted and never stored; raw_json holds known fields only', async () => {
    const line = (id: string, extra: Record<string, unknown>) =>
      JSON.stringify({
        id,
        version: 1,
        updated_at: '2026-11-21T10:00:00+07:00',
        title: 'ขอถนน',
        category: 'water',
        tambon: '190101',
        people_affected: 3,
        ...extra,
      });
    const text = [
      JSON.stringify({ feed: 'chipao.needs', version: 1, source: 'strict-test', token: 'x' }),
      line('S1', { password: 'hunter2', note: 'x' }),
      line('S2', { note: 'y' }),
    ].join('\n');
    const report = await ok<SyncReport>('needs.sync', { uploadId: upload('strict.ndjson', text) });
    expect(report.droppedFields).toEqual({ token: 1, password: 1, note: 2 });
    const raws = core().store.sqlite.prepare("SELECT raw_json FROM need WHERE source = 'strict-test'").all() as {
      raw_json: string;
    }[];
    expect(raws).toHaveLength(2);
    for (const r of raws) {
      expect(r.raw_json).not.toContain('hunter2');
      expect(r.raw_json).not.toContain('note');
    }
  });

  it('a large feed (read in one pass) counts new, changed, repeated and withdrawn needs as a small one does', async () => {
    const rec = (i: number, version: number, people = 5) =>
      JSON.stringify({
        id: `L-${i}`,
        version,
        updated_at: '2026-11-21T10:00:00+07:00',
        title: `ขอ ${i}`,
        category: 'water',
        tambon: '190101',
        people_affected: people,
      });
    const head = JSON.stringify({ feed: 'chipao.needs', version: 1, source: 'large-test' });
    const first = [head, ...Array.from({ length: 6000 }, (_, i) => rec(i, 1))].join('\n');
    expect(await ok<SyncReport>('needs.sync', { uploadId: upload('large.ndjson', first) })).toMatchObject({ newCount: 6000 });
    const second = [
      head,
      ...Array.from({ length: 6000 }, (_, i) => (i < 10 ? rec(i, 2, 9) : rec(i, 1))),
      rec(0, 3, 12), // the same need again, newer: one change, ending at version 3
      JSON.stringify({ op: 'delete', id: 'L-20', version: 2 }),
      rec(6000, 1),
    ].join('\n');
    const report = await ok<SyncReport>('needs.sync', { uploadId: upload('large.ndjson', second) });
    expect(report).toMatchObject({ newCount: 1, changedCount: 11, withdrawnCount: 1, unchangedCount: 5990 });
    const n0 = core()
      .store.sqlite.prepare("SELECT version, people_affected FROM need WHERE source = 'large-test' AND external_id = 'L-0'")
      .get();
    expect(n0).toEqual({ version: 3, people_affected: 12 });
    const changes = await ok<NeedChangesPage>('needs.changes', { batchId: report.batchId });
    expect(changes.counts).toEqual({ new: 1, changed: 10, withdrawn: 1 });
  });

  it('needs.sync names the line of invalid UTF-8, not only its offset', async () => {
    const good = JSON.stringify({
      id: 'U1',
      version: 1,
      updated_at: '2026-11-21T10:00:00+07:00',
      title: 'ขอถนน',
      category: 'water',
      tambon: '190101',
      people_affected: 3,
    });
    const bytes = Buffer.concat([Buffer.from(`${good}\n\n`), Buffer.from([0x7b, 0x22, 0xe0, 0xb8, 0x22, 0x7d, 0x0a])]);
    const r = await core().call(
      'needs.sync',
      { uploadId: upload('bad.ndjson', bytes) },
      { role: 'owner', actor: 'test', transport: 'direct' },
    );
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.problems?.[0]).toMatchObject({ line: 3, code: 'BAD_UTF8' });
      expect(r.error.message).toContain('Line 3');
      expect(r.error.messageTh).toContain('บรรทัดที่ 3');
    }
  });

  it('backs up before every import; a restore brings every table back exactly, except the audit log, which records it', async () => {
    const tablesBut = (skip: string): string => {
      const { sqlite } = core().store;
      const names = (
        sqlite
          .prepare(
            // Ordinary tables: a search index (FTS5 virtual and shadow tables) is derived from them by triggers.
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name <> ? AND name NOT IN (SELECT name FROM pragma_table_list WHERE type IN ('virtual', 'shadow')) ORDER BY name",
          )
          .all(skip) as {
          name: string;
        }[]
      ).map((t) => t.name);
      // The audit log's own counter moves on with the log.
      const query = (t: string): string =>
        t === 'sqlite_sequence'
          ? `SELECT * FROM sqlite_sequence WHERE name <> '${skip}' ORDER BY name`
          : `SELECT * FROM "${t}" ORDER BY rowid`;
      return JSON.stringify(names.map((t) => sqlite.prepare(query(t)).all()));
    };
    const before = tablesBut('audit_event');
    const auditBefore = (core().store.sqlite.prepare('SELECT COUNT(*) AS n FROM audit_event').get() as { n: number }).n;
    await ok<SyncReport>('needs.importApply', { uploadId: upload('restore-me.csv', reportCsv()) });
    expect(tablesBut('audit_event')).not.toBe(before);
    const backups = await ok<BackupInfo[]>('needs.backups', {});
    expect(backups[0]).toMatchObject({ reason: 'before-import' });
    expect(backups.length).toBeLessThanOrEqual(10);
    await ok('needs.restoreBackup', { name: backups[0]!.name });
    expect(tablesBut('audit_event')).toBe(before);
    const kinds = core().store.sqlite.prepare('SELECT kind FROM audit_event WHERE id > ? ORDER BY id').all(auditBefore) as {
      kind: string;
    }[];
    expect(kinds.map((k) => k.kind)).toEqual(['needs.synced', 'backup.restored']);
    const missing = await core().call(
      'needs.restoreBackup',
      { name: 'chipao-20260101T000000000Z-nothing.sqlite' },
      { role: 'owner', actor: 'test', transport: 'direct' },
    );
    expect(missing.ok ? null : missing.error.code).toBe('NOT_FOUND');
  });

  it('needs-export writes every need in the record form, sorted by id, money with two decimals', () => {
    const lines = [...exportNeedLines(core().store)];
    const records = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(records.length).toBe((core().store.sqlite.prepare('SELECT COUNT(*) AS n FROM need').get() as { n: number }).n);
    const ids = records.map((r) => String(r['id']));
    expect([...ids].sort()).toEqual(ids);
    for (const r of records) {
      expect(Object.keys(r)).toEqual([
        'id',
        'version',
        'updated_at',
        'title',
        'description',
        'category',
        'tambon',
        'village_no',
        'households',
        'people_affected',
        'times_raised',
        'channel',
        'reported_date',
        'estimated_cost',
        'lat',
        'lon',
        'status',
      ]);
      if (r['estimated_cost'] !== null) expect(String(r['estimated_cost'])).toMatch(/^\d+\.\d{2}$/u);
      if (r['reported_date'] !== null) expect(String(r['reported_date'])).toMatch(/^20\d\d-\d\d-\d\d$/u);
    }
  });
});

describe('a file sent again', () => {
  // Needs of their own (another title each), so other tests' imports of the report do not meet them.
  const rows = REPORT_ROWS.map((r, i) => ({ ...r, title: `${r.title} (ส่งซ้ำ ${i})` }));
  const active = (source: string): number =>
    (
      core().store.sqlite.prepare(`SELECT COUNT(*) AS n FROM need WHERE source = ? AND status = 'active'`).get(source) as {
        n: number;
      }
    ).n;

  it('under another name is read as a new version of the first, not a second copy of its needs', async () => {
    const first = await ok<SyncReport>('needs.importApply', {
      uploadId: upload('ส่งซ้ำ อ.เมือง.csv', Buffer.from(reportCsv(rows))),
    });
    expect(first).toMatchObject({ source: 'file:ส่งซ้ำ อ.เมือง', newCount: 8 });
    for (const name of ['ส่งซ้ำ อ.เมือง (แก้ไข).csv', 'ส่งซ้ำ อ.เมือง ฉบับแก้ไข.csv']) {
      const again = await ok<SyncReport>('needs.importApply', { uploadId: upload(name, Buffer.from(reportCsv(rows))) });
      expect(again).toMatchObject({ source: 'file:ส่งซ้ำ อ.เมือง', newCount: 0, unchangedCount: 8 });
      expect(again.mappingNotes).toEqual([
        expect.objectContaining({
          en: expect.stringContaining("8 of the file's 8 needs"),
          th: expect.stringContaining('ฉบับใหม่'),
        }),
      ]);
    }
    expect(active('file:ส่งซ้ำ อ.เมือง')).toBe(8);
    expect(active('file:ส่งซ้ำ อ.เมือง (แก้ไข)') + active('file:ส่งซ้ำ อ.เมือง ฉบับแก้ไข')).toBe(0);
  });

  it('under a name of its own, is imported, and the report says the same needs are now held twice', async () => {
    const other = await ok<SyncReport>('needs.importApply', {
      uploadId: upload('สำเนาจากอำเภอ.csv', Buffer.from(reportCsv(rows))),
    });
    expect(other).toMatchObject({ source: 'file:สำเนาจากอำเภอ', newCount: 8 });
    expect(other.mappingNotes).toEqual([
      expect.objectContaining({
        en: expect.stringContaining("also held from 'ส่งซ้ำ อ.เมือง'"),
        th: expect.stringContaining('ซ้ำกันสองชุด'),
      }),
    ]);
  });

  it('corrected, says how many needs imported before it leaves out (they stay active)', async () => {
    // One title corrected, one row dropped: the corrected one is a new need, and two earlier needs are not in it.
    const corrected = rows.slice(0, 7).map((r, i) => (i === 0 ? { ...r, title: `${r.title} แก้ไข` } : r));
    const report = await ok<SyncReport>('needs.importApply', {
      uploadId: upload('ส่งซ้ำ อ.เมือง.csv', Buffer.from(reportCsv(corrected))),
    });
    expect(report).toMatchObject({ newCount: 1, unchangedCount: 6 });
    expect(report.mappingNotes).toEqual([
      expect.objectContaining({ en: expect.stringContaining('2 needs imported before'), th: expect.stringContaining('ยกเลิก') }),
    ]);
  });
});

describe("a table without a people column, each row one person who raised its need (the user's choice)", () => {
  // A form's responses: no ids, no people count; three people in หมู่ 3 asked for the same road.
  const form = [
    'ประทับเวลา,ตำบล,หมู่ที่,ความต้องการ,ประเภท',
    '15/10/2569,ปากเพรียว,3,ขอถนนลาดยาง (แบบฟอร์ม),ถนน',
    '15/10/2569,ปากเพรียว,3,ขอไฟส่องสว่าง (แบบฟอร์ม),ไฟฟ้า',
    '16/10/2569,ปากเพรียว,3,ขอถนนลาดยาง (แบบฟอร์ม),ถนน',
    '17/10/2569,ปากเพรียว,4,ขอถนนลาดยาง (แบบฟอร์ม),ถนน',
    '18/10/2569,ปากเพรียว,3,ขอถนนลาดยาง (แบบฟอร์ม),ถนน',
  ].join('\n');
  const people = (): { village_no: number; title: string; people_affected: number; times_raised: number }[] =>
    core()
      .store.sqlite.prepare(
        `SELECT village_no, title, people_affected, times_raised FROM need WHERE title LIKE '%(แบบฟอร์ม)' ORDER BY id`,
      )
      .all() as { village_no: number; title: string; people_affected: number; times_raised: number }[];

  it('is offered when no column gives the people, and nothing is read or written until it is chosen', async () => {
    const before = digest();
    const preview = await ok<ImportPreview>('needs.importPreview', { uploadId: upload('คำตอบแบบฟอร์ม.csv', form) });
    expect(preview).toMatchObject({ peopleColumnMissing: true, valid: 0 });
    expect(preview.rowsAsPeople).toBeUndefined();
    expect(preview.problems).toEqual([
      expect.objectContaining({
        line: 0,
        code: 'MISSING_COLUMN',
        th: expect.stringContaining('ให้เลือกนับแถวละ 1 คน'),
        en: expect.stringContaining('choose to count each row as one person'),
      }),
    ]);
    const refused = await core().call(
      'needs.importApply',
      { uploadId: upload('คำตอบแบบฟอร์ม.csv', form), partial: true },
      { role: 'owner', actor: 'test', transport: 'direct' },
    );
    expect(refused.ok).toBe(false);
    expect(digest()).toBe(before);
    const chosen = await ok<ImportPreview>('needs.importPreview', {
      uploadId: upload('คำตอบแบบฟอร์ม.csv', form),
      rowsAsPeople: true,
    });
    expect(chosen).toMatchObject({ peopleColumnMissing: true, valid: 3, problemCount: 0, rowsAsPeople: { rows: 5, merged: 2 } });
    expect(digest()).toBe(before);
  });

  it('when chosen, counts each row as a person, the same need raised by several as one, recorded on the batch', async () => {
    const report = await ok<SyncReport>('needs.importApply', {
      uploadId: upload('คำตอบแบบฟอร์ม.csv', form),
      rowsAsPeople: true,
    });
    expect(report).toMatchObject({ newCount: 3, rowsAsPeople: { rows: 5, merged: 2 } });
    expect(report.mappingNotes).toEqual([
      expect.objectContaining({
        th: expect.stringContaining('อ่าน 5 แถวของตารางที่ไม่มีจำนวนผู้ได้รับผลกระทบเป็นผู้แจ้ง 1 คนต่อแถว'),
        en: expect.stringContaining('2 of them named the same need as an earlier row'),
      }),
    ]);
    expect(people()).toEqual([
      { village_no: 3, title: 'ขอถนนลาดยาง (แบบฟอร์ม)', people_affected: 3, times_raised: 3 },
      { village_no: 3, title: 'ขอไฟส่องสว่าง (แบบฟอร์ม)', people_affected: 1, times_raised: 1 },
      { village_no: 4, title: 'ขอถนนลาดยาง (แบบฟอร์ม)', people_affected: 1, times_raised: 1 },
    ]);
    const batches = await ok<SyncBatch[]>('needs.batches', {});
    expect(batches.find((b) => b.id === report.batchId)).toMatchObject({ rowsAsPeople: 5, partial: false });
    const event = core()
      .store.sqlite.prepare(`SELECT payload_json FROM audit_event WHERE kind = 'needs.synced' ORDER BY id DESC LIMIT 1`)
      .get() as { payload_json: string };
    expect(JSON.parse(event.payload_json)).toMatchObject({ batchId: report.batchId, rowsAsPeople: { rows: 5, merged: 2 } });
    // The same responses again: the same needs, unchanged.
    const again = await ok<SyncReport>('needs.importApply', {
      uploadId: upload('คำตอบแบบฟอร์ม.csv', form),
      rowsAsPeople: true,
    });
    expect(again).toMatchObject({ newCount: 0, changedCount: 0, unchangedCount: 3 });
    // One more response for the road: that need now has four people.
    const more = await ok<SyncReport>('needs.importApply', {
      uploadId: upload('คำตอบแบบฟอร์ม.csv', `${form}\n19/10/2569,ปากเพรียว,3,ขอถนนลาดยาง (แบบฟอร์ม),ถนน`),
      rowsAsPeople: true,
    });
    expect(more).toMatchObject({ newCount: 0, changedCount: 1, unchangedCount: 2 });
    expect(people()[0]).toMatchObject({ people_affected: 4, times_raised: 4 });
  });

  it("reads a file's own people column whatever the choice, and records no rows as people", async () => {
    const rows = REPORT_ROWS.map((r, i) => ({ ...r, title: `${r.title} (มีจำนวนคน ${i})` }));
    const report = await ok<SyncReport>('needs.importApply', {
      uploadId: upload('มีจำนวนคน.csv', Buffer.from(reportCsv(rows))),
      rowsAsPeople: true,
    });
    expect(report.newCount).toBe(8);
    expect(report.rowsAsPeople).toBeUndefined();
    const batches = await ok<SyncBatch[]>('needs.batches', {});
    expect(batches.find((b) => b.id === report.batchId)).toMatchObject({ rowsAsPeople: 0 });
  });
});

describe("a complaints platform's export: its tickets' points kept, a moved point a change", () => {
  const tickets = (coords: string): string =>
    [
      'ticket_id,type,comment,coords,subdistrict,district,timestamp',
      `PT-1,ถนน,ถนนหน้าโรงเรียนเป็นหลุม (จุด),"${coords}",ตาลเดี่ยว,แก่งคอย,2026-10-15 09:12:00`,
      'PT-2,ไฟฟ้า,ไฟทางดับทั้งซอย (จุด),"100.9201,14.5588",ตาลเดี่ยว,แก่งคอย,2026-10-16 18:40:00',
    ].join('\n');
  const points = (): { external_id: string; lat: number | null; lon: number | null }[] =>
    core().store.sqlite.prepare(`SELECT external_id, lat, lon FROM need WHERE title LIKE '%(จุด)' ORDER BY external_id`).all() as {
      external_id: string;
      lat: number | null;
      lon: number | null;
    }[];

  it('reads "coords" (longitude first) as the need\'s latitude and longitude, and a point moved later as a change', async () => {
    const preview = await ok<ImportPreview>('needs.importPreview', {
      uploadId: upload('tickets.csv', tickets('100.9104,14.5312')),
      rowsAsPeople: true,
    });
    expect(preview.parts[0]?.mapping).toMatchObject({ id: 0, coords: 3 });
    const mapping = { ...preview.parts[0]!.mapping, title: 2 };
    const first = await ok<SyncReport>('needs.importApply', {
      uploadId: upload('tickets.csv', tickets('100.9104,14.5312')),
      mapping,
      rowsAsPeople: true,
    });
    expect(first).toMatchObject({ newCount: 2 });
    expect(points()).toEqual([
      { external_id: 'PT-1', lat: 14.5312, lon: 100.9104 },
      { external_id: 'PT-2', lat: 14.5588, lon: 100.9201 },
    ]);
    const moved = await ok<SyncReport>('needs.importApply', {
      uploadId: upload('tickets.csv', tickets('100.9110,14.5320')),
      mapping,
      rowsAsPeople: true,
    });
    expect(moved).toMatchObject({ newCount: 0, changedCount: 1, unchangedCount: 1 });
    expect(points()[0]).toEqual({ external_id: 'PT-1', lat: 14.532, lon: 100.911 });
    const changes = await ok<NeedChangesPage>('needs.changes', { batchId: moved.batchId });
    expect(changes.rows[0]?.fields).toEqual([
      { field: 'lat', before: 14.5312, after: 14.532 },
      { field: 'lon', before: 100.9104, after: 100.911 },
    ]);
    // A point outside Thailand refuses the file, by its row and column.
    const before = digest();
    const refused = await core().call(
      'needs.importApply',
      { uploadId: upload('tickets.csv', tickets('0,0')), mapping, rowsAsPeople: true },
      { role: 'owner', actor: 'test', transport: 'direct' },
    );
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.problems?.[0]).toMatchObject({ line: 2, column: 'coords', code: 'BAD_FIELD' });
    expect(digest()).toBe(before);
  });
});

describe("a need's point outside its tambon's boundary", () => {
  it('is named in the preview and the report (row and tambon), and kept as given', async () => {
    // ตาลเดี่ยว's boundary as a square around 14.56 N, 101.00 E.
    await ok('reference.importAreas', { uploadId: upload('ตาลเดี่ยว.geojson', squareTambon('190203', [101.0, 14.56])) });
    const csv = [
      'ตำบล,อำเภอ,ความต้องการ,ด้าน,ผู้ได้รับผลกระทบ,พิกัด',
      'ตาลเดี่ยว,แก่งคอย,ขอถนนในหมู่บ้าน (ขอบเขต),ถนน,30,"14.56, 101.00"',
      'ตาลเดี่ยว,แก่งคอย,ขอไฟส่องสว่าง (ขอบเขต),ไฟฟ้า,12,"14.60, 100.90"',
    ].join('\n');
    const preview = await ok<ImportPreview>('needs.importPreview', { uploadId: upload('points.csv', csv) });
    expect(preview.problemCount).toBe(0);
    expect(preview.notes).toEqual([
      {
        en: "1 need(s) have a point outside their tambon's boundary (row 3: ตาลเดี่ยว): the tambon or the point may be wrong; kept as given",
        th: 'ความต้องการ 1 รายการมีพิกัดอยู่นอกขอบเขตตำบลของตน (แถวที่ 3: ตำบลตาลเดี่ยว) ตำบลหรือพิกัดอาจไม่ถูกต้อง ระบบเก็บตามที่ระบุ',
      },
    ]);
    const report = await ok<SyncReport>('needs.importApply', { uploadId: upload('points.csv', csv) });
    expect(report.newCount).toBe(2);
    expect(report.mappingNotes).toEqual(preview.notes);
    const stored = core().store.sqlite.prepare(`SELECT lat, lon FROM need WHERE title LIKE '%(ขอบเขต)' ORDER BY id`).all();
    expect(stored).toEqual([
      { lat: 14.56, lon: 101 },
      { lat: 14.6, lon: 100.9 },
    ]);
  });
});

describe('changes recorded before points were compared', () => {
  it('list only the fields their state before recorded, not a point changed from nothing', async () => {
    const csv = (title: string): string =>
      ['ตำบล,อำเภอ,ความต้องการ,ด้าน,ผู้ได้รับผลกระทบ,รหัส', `ชะอม,แก่งคอย,${title},ถนน,30,OLD-1`].join('\n');
    await ok<SyncReport>('needs.importApply', { uploadId: upload('old-change.csv', csv('ขอถนนลูกรัง (เก่า)')) });
    const changed = await ok<SyncReport>('needs.importApply', { uploadId: upload('old-change.csv', csv('ขอถนนลาดยาง (เก่า)')) });
    expect(changed.changedCount).toBe(1);
    // As a change recorded by an earlier version of the app: its state before has no lat or lon.
    const row = core()
      .store.sqlite.prepare(`SELECT rowid, before_json FROM need_change WHERE batch_id = ? AND kind = 'changed'`)
      .get(changed.batchId) as { rowid: number; before_json: string };
    const { lat: _lat, lon: _lon, ...older } = JSON.parse(row.before_json) as Record<string, unknown>;
    core().store.sqlite.prepare('UPDATE need_change SET before_json = ? WHERE rowid = ?').run(JSON.stringify(older), row.rowid);
    const page = await ok<NeedChangesPage>('needs.changes', { batchId: changed.batchId });
    expect(page.rows[0]?.fields).toEqual([{ field: 'title', before: 'ขอถนนลูกรัง (เก่า)', after: 'ขอถนนลาดยาง (เก่า)' }]);
  });
});
