/**
 * Reading hostile files: a value nested deeper than the stack in a JSON cell is refused naming its record and field
 * (never a stack overflow), refusals of the XLSX reader name the file and the cell, and the patterns that sort a file
 * by its first bytes stay linear on a megabyte without the text they look for.
 */
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { AppError } from '../../../shared/api/errors';
import { encryptedXls, encryptedXlsx } from '../../../test/fixtures/compound-files';
import { reportXlsx } from '../../../test/fixtures/needs-files';
import { writeZip } from '../../../test/fixtures/zip-writer';
import { MAX_JSON_CONTAINERS } from './limits';
import { arrivedSource, readImportFile } from './read';
import { refused } from './test-refused';

const DEEP = 100_000;
const deepList = `${'['.repeat(DEEP)}${']'.repeat(DEEP)}`;

describe('JSON values nested deeper than the stack', () => {
  const grid = `[{"ตำบล":"ปากเพรียว","ความต้องการ":"ขอถนน"},{"ตำบล":"ปากเพรียว","ความต้องการ":${deepList}}]`;

  it('refuses a deep value in a cell of a JSON grid, naming the record (row) and field', () => {
    const e = refused(() => readImportFile('needs.json', Buffer.from(grid)));
    expect(e.code).toBe('IMPORT_REJECTED');
    expect(e.problems?.[0]).toMatchObject({ code: 'BAD_FIELD', line: 3, column: 'ความต้องการ' });
    expect(e.message).toContain('needs.json');
    expect(e.message).toContain('record 2');
    expect(e.messageTh).toContain('รายการที่ 2');
  });

  it('refuses it inside a zip the same way, naming the entry', () => {
    const e = refused(() => readImportFile('batch.zip', writeZip([{ name: 'a.json', data: grid }])));
    expect(e.problems?.[0]).toMatchObject({ code: 'BAD_FIELD', line: 3, column: 'ความต้องการ' });
    expect(e.message).toContain('batch.zip/a.json');
  });

  it('still reads a shallow list or object in a cell as its JSON text', () => {
    const source = readImportFile('needs.json', Buffer.from('[{"ตำบล":"ปากเพรียว","ความต้องการ":{"a":[1,[2]]}}]'));
    expect(source.parts[0]).toMatchObject({
      kind: 'grid',
      rows: [
        ['ตำบล', 'ความต้องการ'],
        ['ปากเพรียว', '{"a":[1,[2]]}'],
      ],
    });
  });

  it('reads a deep document or a deep value in a protocol record without recursion (the feed checks refuse it)', () => {
    const doc = readImportFile('deep.json', Buffer.from(`[${deepList}]`));
    expect(doc.parts[0]?.kind).toBe('records');
    const record = readImportFile('deep.json', Buffer.from(`[{"id":"A","version":1,"title":${deepList}}]`));
    expect(record.parts[0]?.kind).toBe('records');
  });
});

describe('a JSON document of millions of empty lists and objects', () => {
  it('is refused before it is parsed (gigabytes of heap for 128 MB of `{},`), pointing to NDJSON', () => {
    const items = MAX_JSON_CONTAINERS; // with the document's own list, one more than the bound
    const e = refused(() => readImportFile('needs.json', Buffer.from(`[${'{},'.repeat(items - 1)}{}]`)));
    expect(e.problems?.[0]?.code).toBe('FILE_TOO_LARGE');
    expect(e.message).toContain('needs.json');
    expect(e.message).toContain('more than 4,000,000 lists and objects');
    expect(e.message).toContain('send NDJSON instead');
    expect(e.messageTh).toContain('กรุณาส่งเป็น NDJSON');
  });
});

describe("the XLSX reader's refusals", () => {
  it('name the file, the sheet and the cell', () => {
    const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
    const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
    const bytes = writeZip([
      {
        name: '[Content_Types].xml',
        data: '<Types><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>',
      },
      {
        name: 'xl/workbook.xml',
        data: `<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="ชีต" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      },
      {
        name: 'xl/_rels/workbook.xml.rels',
        data: `<Relationships><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
      },
      {
        name: 'xl/worksheets/sheet1.xml',
        data: `<worksheet xmlns="${MAIN}"><sheetData><row r="4"><c r="C4" t="inlineStr"><is><t>&#x110041;</t></is></c></row></sheetData></worksheet>`,
      },
    ]);
    const e = refused(() => readImportFile('needs.xlsx', bytes));
    expect(e.problems?.[0]).toMatchObject({ code: 'INVALID_CHAR', line: 4, column: 'C' });
    expect(e.message).toContain('needs.xlsx');
    expect(e.message).toContain('&#x110041;');
  });
});

describe('sorting a file by its first bytes', () => {
  it('stays linear on a megabyte without a line end, and on a long name', () => {
    // `{`, then `} ` half a million times: the single-object test backtracks over each brace once.
    const text = Buffer.from(`{${'} '.repeat(500_000)}x`);
    expect(readImportFile('a.txt', text).format).toBe('ndjson');
    const markup = Buffer.from(`<${'a'.repeat(1_000_000)}`);
    expect(() => readImportFile('a.html', markup)).toThrow(AppError);
    expect(readImportFile(`${'a.'.repeat(100_000)}csv`, Buffer.from('ตำบล,ความต้องการ\nปากเพรียว,ขอถนน\n')).format).toBe('csv');
  });

  it('reads one object on a line of ten million Thai characters as a JSON document (no stack overflow)', () => {
    const text = Buffer.from(`{"ความต้องการ": "${'ก'.repeat(10_000_000)}"}\n`);
    const e = refused(() => readImportFile('needs.txt', text));
    expect(e.problems?.[0]).toMatchObject({ code: 'NOT_OBJECT' });
    expect(readImportFile('a.txt', Buffer.from('{"id": 1}\n{"id": 2}\n')).format).toBe('ndjson');
    expect(readImportFile('a.txt', Buffer.from(' {"items": []} \n')).format).toBe('json');
  });
});

describe('documents that hold no table to read', () => {
  /** An Office zip whose one part names what it is (word/, ppt/). */
  const officeZip = (part: string): Buffer =>
    writeZip([
      { name: '[Content_Types].xml', data: '<Types/>' },
      { name: part, data: '<x/>' },
    ]);

  it('names a PDF, an image, a Word document and a PowerPoint, saying what to send instead', () => {
    const cases: [string, Buffer, string, string][] = [
      ['รายงาน.pdf', Buffer.from('%PDF-1.7\n1 0 obj<<>>endobj\n'), 'is a PDF', 'ไฟล์นี้เป็นไฟล์ PDF'],
      // Whatever its name says.
      ['needs.csv', Buffer.from('%PDF-1.4\n'), 'is a PDF', 'ไฟล์ PDF'],
      ['scan.xlsx', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), 'is an image', 'รูปภาพ'],
      ['photo.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), 'is an image', 'รูปภาพ'],
      ['ความต้องการ.docx', officeZip('word/document.xml'), 'is a Word document', 'เอกสาร Word'],
      ['slides.xlsx', officeZip('ppt/presentation.xml'), 'is a PowerPoint presentation', 'งานนำเสนอ PowerPoint'],
    ];
    for (const [name, bytes, en, th] of cases) {
      const e = refused(() => readImportFile(name, bytes));
      expect(e.problems?.[0], name).toMatchObject({ code: 'UNKNOWN_FORMAT' });
      expect(e.message).toContain(en);
      expect(e.message).toContain('Excel (.xlsx) or CSV');
      expect(e.messageTh).toContain(th);
    }
  });
});

describe('password-protected workbooks', () => {
  const saysHowToTakeItOff = (e: AppError): void => {
    expect(e.problems?.[0]).toMatchObject({ code: 'ENCRYPTED_FILE', line: 0 });
    expect(e.message).toContain('password-protected');
    expect(e.message).toContain('Encrypt with Password');
    expect(e.messageTh).toContain('สมุดงานมีรหัสผ่าน');
    expect(e.messageTh).toContain('นำรหัสผ่านออก');
  };

  it('refuses an .xlsx encrypted with a password (a compound file, not a zip), whatever its name, saying how to open it up', () => {
    for (const name of ['แผน 2571.xlsx', 'แผน 2571.xls', 'แผน 2571.xlsm']) {
      const e = refused(() => readImportFile(name, encryptedXlsx()));
      saysHowToTakeItOff(e);
      expect(e.message).toContain(name);
    }
  });

  it('refuses an .xls encrypted with a password the same way', () => {
    saysHowToTakeItOff(refused(() => readImportFile('report.xls', encryptedXls(reportXlsx(undefined, 'xls')))));
  });

  it('refuses a zip whose entries need a password, saying to extract it', () => {
    const zip = writeZip([{ name: 'report.csv', data: 'ตำบล,ความต้องการ\n', encrypted: true }]);
    const e = refused(() => readImportFile('batch.zip', zip));
    expect(e.problems?.[0]).toMatchObject({ code: 'ENCRYPTED_FILE' });
    expect(e.message).toContain("'report.csv' is password-protected: extract the zip");
    expect(e.messageTh).toContain('แตกไฟล์ zip ด้วยรหัสผ่าน');
  });

  it('reads a legacy .xls renamed .xlsx as the .xls it is', () => {
    const xls = reportXlsx(undefined, 'xls');
    const renamed = readImportFile('report.xlsx', xls);
    expect(renamed.format).toBe('xls');
    const unnamed = (parts: ReturnType<typeof readImportFile>['parts']): unknown[] => parts.map((p) => ({ ...p, name: '' }));
    expect(renamed.parts.map((p) => p.name)).toEqual(['report.xlsx']);
    expect(unnamed(renamed.parts)).toEqual(unnamed(readImportFile('report.xls', xls).parts));
  });

  it('reads a CSV, a UTF-16 text or an HTML table named .xlsx as what it is; anything else no zip is a damaged workbook', () => {
    const rows = [
      ['ตำบล', 'ปัญหา'],
      ['ชะอม', 'ถนน'],
    ];
    const csv = readImportFile('export.xlsx', Buffer.from('ตำบล,ปัญหา\nชะอม,ถนน\n'));
    expect(csv.format).toBe('csv');
    expect(csv.parts[0]).toMatchObject({ kind: 'grid', rows });
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('ตำบล\tปัญหา\r\nชะอม\tถนน\r\n', 'utf16le')]);
    expect(readImportFile('export.xlsm', utf16).parts[0]).toMatchObject({ kind: 'grid', rows });
    const html = readImportFile(
      'export.xlsx',
      Buffer.from('<table><tr><td>ตำบล</td><td>ปัญหา</td></tr><tr><td>ชะอม</td><td>ถนน</td></tr></table>'),
    );
    expect(html.format).toBe('html');
    for (const bytes of [Buffer.from([1, 2, 0, 3, 10, 4]), Buffer.from('no line at all'), reportXlsx().subarray(30, 2000)]) {
      expect(refused(() => readImportFile('damaged.xlsx', bytes)).problems?.[0]).toMatchObject({ code: 'CORRUPT_FILE' });
    }
  });
});

describe('a source read on another thread', () => {
  it('arrives with its feed parts as Buffers again, every other part as read', () => {
    const feed = Buffer.from('{"id":"A"}\n{"id":"B"}\n');
    const source = readImportFile(
      'feeds.zip',
      writeZip([
        { name: 'a.ndjson', data: feed },
        { name: 'b.csv', data: 'x,y\n1,2\n' },
      ]),
    );
    // What a worker's reply looks like here: structured cloning makes a Buffer a plain Uint8Array.
    const cloned = structuredClone(source);
    const feedPart = cloned.parts.find((p) => p.kind === 'feed');
    expect(feedPart && Buffer.isBuffer(feedPart.bytes)).toBe(false);
    const arrived = arrivedSource(cloned);
    const back = arrived.parts.find((p) => p.kind === 'feed');
    expect(back && Buffer.isBuffer(back.bytes)).toBe(true);
    expect(back && back.kind === 'feed' ? back.bytes.toString('utf8') : null).toBe(feed.toString('utf8'));
    expect(arrived.parts.filter((p) => p.kind !== 'feed')).toEqual(source.parts.filter((p) => p.kind !== 'feed'));
    // Read in this thread, nothing changes.
    expect(arrivedSource(source)).toEqual(source);
  });
});

describe('an HTML table saved as .xls (as web systems export "Excel" reports)', () => {
  const html = (cells: readonly string[]): Buffer =>
    Buffer.from(
      '<html><head><meta charset="utf-8"></head><body><table>' +
        '<tr><th>ความต้องการ</th><th>ตำบล</th><th>วันที่</th><th>งบประมาณ</th></tr>' +
        `<tr>${cells.map((c) => `<td>${c}</td>`).join('')}</tr></table></body></html>`,
    );

  it.each([
    ['2/12/2569', '2/12/2569'],
    ['03/12/2026', '03/12/2026'],
    ['12/31/2026', '12/31/2026'],
  ])('keeps the date %j as written, to be read day first like any other cell', (date, cell) => {
    const source = readImportFile('report.xls', html(['ถนนสาย ก', 'ทับกวาง', date, '1,500,000']));
    expect(source.format).toBe('html');
    const part = source.parts[0]!;
    expect(part.kind === 'grid' ? part.rows[1] : null).toEqual(['ถนนสาย ก', 'ทับกวาง', cell, '1,500,000']);
  });
});

describe('the text an HTML report writes above its table', () => {
  const page = (above: string, rows = '<tr><th>ความต้องการ</th><th>หมู่ที่</th></tr><tr><td>ขอถนน</td><td>3</td></tr>'): Buffer =>
    Buffer.from(
      `<html><head><title>ระบบรายงาน</title><style>h3 { color: red }</style></head><body>${above}<table>${rows}</table></body></html>`,
    );
  const rowsOf = (bytes: Buffer): unknown[][] => {
    const part = readImportFile('report.xls', bytes).parts[0]!;
    return part.kind === 'grid' ? part.rows : [];
  };

  it('is read as the rows Excel shows above the table: headings and paragraphs, line by line, entities read', () => {
    const rows = rowsOf(
      page(
        '<script>var t = "<b>ไม่ใช่หัวเรื่อง</b>";</script><h3 align="center">รายงานสรุปความต้องการของประชาชน&nbsp;ตำบลตาลเดี่ยว</h3>' +
          '<p>อำเภอแก่งคอย<br/>จังหวัดสระบุรี &amp; ข้อมูล ณ วันที่ 30 ก.ย. 2569</p><div><span> </span></div>',
      ),
    );
    expect(rows.slice(0, 3)).toEqual([
      ['รายงานสรุปความต้องการของประชาชน ตำบลตาลเดี่ยว'],
      ['อำเภอแก่งคอย'],
      ['จังหวัดสระบุรี & ข้อมูล ณ วันที่ 30 ก.ย. 2569'],
    ]);
    expect(rows[3]).toEqual(['ความต้องการ', 'หมู่ที่']);
  });

  it('adds nothing when the page writes nothing above its table, and keeps at most a few lines of it', () => {
    expect(rowsOf(page(''))[0]).toEqual(['ความต้องการ', 'หมู่ที่']);
    const many = Array.from({ length: 40 }, (_, i) => `<p>บรรทัด ${i}</p>`).join('');
    const rows = rowsOf(page(many));
    expect(rows.filter((r) => String(r[0]).startsWith('บรรทัด')).length).toBeLessThanOrEqual(10);
    expect(rows.find((r) => r[0] === 'ความต้องการ')).toBeDefined();
  });

  it('shows nothing a script, a comment or an unclosed tag holds, however much of it there is', () => {
    expect(rowsOf(page('<script>'.repeat(20_000)))[0]).toEqual(['ความต้องการ', 'หมู่ที่']);
    expect(rowsOf(page(`<!-- ${'<h3>ซ่อน</h3>'.repeat(5_000)}`))[0]).toEqual(['ความต้องการ', 'หมู่ที่']);
    expect(rowsOf(page(`<h3>หัวเรื่อง</h3>${'<'.repeat(50_000)}`))[0]).toEqual(['หัวเรื่อง']);
  });

  it('refuses a reference to no character above the table, as in its cells', () => {
    expect(() => readImportFile('report.xls', page('<h3>หัวเรื่อง &#xD800;</h3>'))).toThrow(AppError);
  });
});

describe('a zip of zips', () => {
  const csv = (k: number): string => `ตำบล,ความต้องการ\nปากเพรียว,ขอถนน ${k}\n`;
  const inner = (n: number, from: number): Buffer =>
    writeZip(Array.from({ length: n }, (_, i) => ({ name: `${from + i}.csv`, data: csv(from + i) })));

  it('reads the files of the zips inside it, named by their path', () => {
    const source = readImportFile(
      'needs.zip',
      writeZip([
        { name: 'a.zip', data: inner(2, 0) },
        { name: 'b.csv', data: csv(9) },
      ]),
    );
    expect(source.parts.map((p) => p.name)).toEqual(['needs.zip/a.zip/0.csv', 'needs.zip/a.zip/1.csv', 'needs.zip/b.csv']);
  });

  it('holds the cap on files for the zip and the zips inside it together (each within its own: 1,200 files)', () => {
    const zip = writeZip([
      { name: 'a.zip', data: inner(600, 0) },
      { name: 'b.zip', data: inner(600, 600) },
    ]);
    const e = refused(() => readImportFile('fan-out.zip', zip));
    expect(e.problems?.[0]).toMatchObject({ code: 'ZIP_BOMB' });
    expect(e.problems?.[0]!.en).toContain('the zip and the zips inside it hold more than 1000 files together');
  });

  it('refuses a zip three deep, and opens a workbook inside a zip as a workbook', () => {
    const deep = writeZip([{ name: 'a.zip', data: writeZip([{ name: 'b.zip', data: inner(1, 0) }]) }]);
    expect(refused(() => readImportFile('deep.zip', deep)).problems?.[0]).toMatchObject({ code: 'NESTED_ZIP' });
    const book = readImportFile('x.zip', writeZip([{ name: 'a.zip', data: writeZip([{ name: 'r.xlsx', data: reportXlsx() }]) }]));
    expect(book.parts.map((p) => [p.name, p.kind])).toEqual([['x.zip/a.zip/r.xlsx', 'grid']]);
  });
});

describe('a workbook of more sheets than are read', () => {
  it('is refused whichever reader reads it (a legacy XLS of 1,001 sheets, read by SheetJS)', () => {
    const wb = XLSX.utils.book_new();
    for (let i = 0; i <= 1000; i++) XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['ตำบล', 'ความต้องการ']]), `S${i}`);
    const xls = XLSX.write(wb, { type: 'buffer', bookType: 'biff8' }) as Buffer;
    const e = refused(() => readImportFile('many.xls', xls));
    expect(e.problems?.[0]).toMatchObject({ code: 'TOO_MANY_SHEETS' });
    expect(e.problems?.[0]!.th).toContain('สมุดงานมี 1,001 แผ่นงาน อ่านได้ไม่เกิน 1,000 แผ่นงาน');
  });
});
