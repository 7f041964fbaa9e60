/**
 * Blank forms for the files the imports read, so that agencies and districts send what the import reads without a
 * question: the request form for proposals (the round's fiscal year in its title, its development issues and the
 * province's districts as drop-downs) and the needs form (categories, channels and districts as drop-downs). Each
 * column is headed as the import's mapping recognises it (test: every heading maps to its field), says what to type in
 * its heading's note, and formats money with two decimals. The lists behind the drop-downs are on a hidden sheet (the
 * import passes hidden sheets beside a visible one over), the instructions on a sheet of notes (passed over too).
 */
import type { NEED_CATEGORIES } from '../../../shared/domain/taxonomy';
import { READINESS_ITEMS } from '../../../shared/domain/proposals';
import { safeText } from './plan-xlsx';
import { loadExcel } from './libs';

/** One column of a form: its heading (as the import recognises it), what to type, and its drop-down list if any. */
export type TemplateColumn = Readonly<{
  heading: string;
  width: number;
  hint: string;
  format?: 'money' | 'count';
  /** The values a drop-down offers (others are allowed, with a warning: a list cannot hold every way of writing). */
  list?: readonly string[];
}>;

export type TemplateInput = Readonly<{
  /** The form sheet's name. */
  sheet: string;
  /** The title row above the headings (the proposals form states its fiscal year there). */
  title: string;
  columns: readonly TemplateColumn[];
  /** The instructions, a line each. */
  notes: readonly string[];
  synthetic: boolean;
  now: Date;
}>;

/** Rows of the form made ready (formats and drop-downs); more can be added below as in any sheet. */
export const TEMPLATE_ROWS = 500;
/** The row of the headings; data start below it. */
export const TEMPLATE_HEADER_ROW = 2;
const LISTS_SHEET = 'รายการ';
const NOTES_SHEET = 'คำอธิบาย';

const columnLetter = (i: number): string => {
  let n = i + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
};

/** A form as XLSX: the form sheet first, then the notes, then the hidden lists. */
export async function buildImportTemplate(input: TemplateInput): Promise<Buffer> {
  const wb = new (await loadExcel()).Workbook();
  wb.creator = 'ChiPao';
  wb.created = input.now;
  const ws = wb.addWorksheet(input.sheet, { views: [{ state: 'frozen', ySplit: TEMPLATE_HEADER_ROW }] });
  const notes = wb.addWorksheet(NOTES_SHEET);
  const lists = wb.addWorksheet(LISTS_SHEET, { state: 'hidden' });

  ws.getCell(1, 1).value = safeText(input.title);
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  const header = ws.getRow(TEMPLATE_HEADER_ROW);
  header.height = 36;
  let listColumn = 0;
  input.columns.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    col.width = c.width;
    const cell = header.getCell(i + 1);
    cell.value = c.heading;
    cell.note = c.hint;
    cell.font = { bold: true };
    cell.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
    cell.border = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };
    let source: string | null = null;
    if (c.list && c.list.length > 0) {
      const letter = columnLetter(listColumn++);
      lists.getCell(`${letter}1`).value = c.heading;
      c.list.forEach((v, j) => (lists.getCell(`${letter}${j + 2}`).value = safeText(v)));
      source = `'${LISTS_SHEET}'!$${letter}$2:$${letter}$${c.list.length + 1}`;
    }
    for (let r = TEMPLATE_HEADER_ROW + 1; r <= TEMPLATE_HEADER_ROW + TEMPLATE_ROWS; r++) {
      const data = ws.getCell(r, i + 1);
      if (c.format === 'money') data.numFmt = '#,##0.00';
      if (c.format === 'count') data.numFmt = '#,##0';
      if (source) {
        data.dataValidation = {
          type: 'list',
          allowBlank: true,
          formulae: [source],
          showErrorMessage: true,
          errorStyle: 'warning',
          error: `${c.heading}: ${c.hint}`,
        };
      }
    }
  });

  notes.getColumn(1).width = 120;
  notes.addRow([safeText(input.title)]).font = { bold: true, size: 14 };
  if (input.synthetic) {
    notes.addRow(['ฐานข้อมูลนี้มีข้อมูลตัวอย่าง (สังเคราะห์) รายการในแบบฟอร์มมาจากข้อมูลนั้น']).font = {
      bold: true,
      color: { argb: 'FFC00000' },
    };
  }
  for (const line of input.notes) notes.addRow([safeText(line)]).alignment = { wrapText: true };
  notes.addRow([]);
  for (const c of input.columns) notes.addRow([`${c.heading}: ${c.hint}`]).alignment = { wrapText: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const AMOUNT_HINT = 'บาท ทศนิยมไม่เกิน 2 ตำแหน่ง เช่น 1,250,000.00';
const POINT_HINT = 'ละติจูด, ลองจิจูด เป็นองศา เช่น 14.5312, 100.9104 หรือวางลิงก์ Google Maps ทั้งลิงก์ เว้นว่างได้หากไม่ทราบ';

/** The request form's columns, for a round with these development issues and the province's districts. */
export function proposalFormColumns(
  issues: readonly Readonly<{ no: number; titleTh: string }>[],
  districts: readonly string[],
): TemplateColumn[] {
  return [
    { heading: 'รหัสโครงการ', width: 16, hint: 'รหัสของหน่วยงาน เว้นว่างได้ (ระบบสร้างรหัสจากหน่วยงานและชื่อโครงการ)' },
    { heading: 'ชื่อโครงการ', width: 48, hint: 'จำเป็น หนึ่งโครงการต่อหนึ่งแถว' },
    { heading: 'หน่วยงานรับผิดชอบ', width: 30, hint: 'จำเป็น ชื่อหน่วยงานหรือ อปท. ที่เสนอ' },
    { heading: 'ลำดับความสำคัญ', width: 14, format: 'count', hint: '1 = สำคัญที่สุดของหน่วยงาน เว้นว่างได้' },
    {
      heading: 'ประเด็นการพัฒนา',
      width: 36,
      hint: 'เลือกประเด็นการพัฒนาของรอบ (หรือพิมพ์เลขข้อ)',
      list: issues.map((i) => `${i.no}. ${i.titleTh}`),
    },
    { heading: 'อำเภอ', width: 18, hint: 'อำเภอที่ดำเนินการ (ช่วยระบุตำบลที่ชื่อซ้ำกัน) หรือทั้งอำเภอเมื่อไม่ระบุตำบล', list: districts },
    {
      heading: 'พื้นที่ดำเนินการ (ตำบล)',
      width: 34,
      hint: 'จำเป็น ชื่อตำบล คั่นหลายตำบลด้วยจุลภาค เช่น ตาลเดี่ยว, ทับกวาง หรือ ทั้งอำเภอ... / ทั้งจังหวัด',
    },
    { heading: 'พิกัด (ละติจูด, ลองจิจูด)', width: 26, hint: POINT_HINT },
    { heading: 'งบดำเนินงาน (บาท)', width: 18, format: 'money', hint: AMOUNT_HINT },
    { heading: 'งบลงทุน (บาท)', width: 18, format: 'money', hint: AMOUNT_HINT },
    { heading: 'วงเงินขั้นต่ำ (บาท)', width: 18, format: 'money', hint: `วงเงินต่ำสุดที่ยังดำเนินการได้ เว้นว่างได้; ${AMOUNT_HINT}` },
    { heading: 'ผู้ได้รับประโยชน์ (คน)', width: 16, format: 'count', hint: 'จำนวนคน เว้นว่างได้' },
    { heading: 'ครัวเรือน', width: 12, format: 'count', hint: 'จำนวนครัวเรือน เว้นว่างได้' },
    {
      heading: 'ความพร้อมของโครงการ',
      width: 40,
      hint: `รายการที่พร้อมแล้ว คั่นด้วยจุลภาค: ${READINESS_ITEMS.map((r) => r.th).join(' / ')} หรือ ครบ`,
    },
    { heading: 'ตัวชี้วัด', width: 30, hint: 'ตัวชี้วัดหลักของโครงการ เว้นว่างได้' },
    { heading: 'หลักการและเหตุผล', width: 50, hint: 'ปัญหาและความต้องการของพื้นที่ เว้นว่างได้' },
  ];
}

/** The needs form's columns, with the province's districts and the needs taxonomy's categories. */
export function needsFormColumns(districts: readonly string[], categories: typeof NEED_CATEGORIES): TemplateColumn[] {
  return [
    { heading: 'อำเภอ', width: 18, hint: 'อำเภอของตำบล (ช่วยระบุตำบลที่ชื่อซ้ำกัน)', list: districts },
    { heading: 'ตำบล', width: 20, hint: 'จำเป็น ชื่อตำบล' },
    { heading: 'หมู่ที่', width: 9, format: 'count', hint: 'เลขหมู่ที่ เว้นว่างได้' },
    { heading: 'ความต้องการ', width: 50, hint: 'จำเป็น ความต้องการหนึ่งเรื่องต่อหนึ่งแถว' },
    { heading: 'ด้าน', width: 34, hint: 'จำเป็น เลือกด้านของความต้องการ', list: categories.map((c) => c.th) },
    { heading: 'ผู้ได้รับผลกระทบ (คน)', width: 16, format: 'count', hint: 'จำเป็น จำนวนคนที่เดือดร้อน' },
    { heading: 'ครัวเรือน', width: 12, format: 'count', hint: 'จำนวนครัวเรือน เว้นว่างได้' },
    { heading: 'จำนวนครั้งที่เสนอ', width: 12, format: 'count', hint: 'จำนวนครั้งที่เสนอเรื่องนี้มา เว้นว่างได้ (= 1)' },
    {
      heading: 'ช่องทาง',
      width: 14,
      hint: 'ช่องทางที่รับเรื่อง เว้นว่างได้ (= ประชาคม)',
      list: ['ประชาคม', 'ออนไลน์', 'LINE', 'สำรวจ'],
    },
    { heading: 'วันที่รับเรื่อง', width: 16, hint: 'วัน/เดือน/ปี พ.ศ. เช่น 15/9/2569 เว้นว่างได้' },
    { heading: 'ประมาณการค่าใช้จ่าย (บาท)', width: 20, format: 'money', hint: `เว้นว่างได้; ${AMOUNT_HINT}` },
    { heading: 'พิกัด (ละติจูด, ลองจิจูด)', width: 26, hint: POINT_HINT },
  ];
}
