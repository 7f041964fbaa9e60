/**
 * One door's unmet needs as an XLSX workbook for the agency head, the local government or the province: title rows
 * (province, round, fiscal year BE, the door, the date BE), the needs with the reason each was sent there, totals,
 * and a second sheet explaining the routing rule. Headers are Thai; amounts are baht with two decimals.
 */
import type { UnmetNeedRow } from '../../../shared/api/types';
import { satangToBaht, formatBaht } from '../../../shared/domain/money';
import { DEFAULT_ROUTING_RULE as RULE, LOCAL_REMIT_CATEGORIES } from '../../../shared/domain/routing';
import { formatThaiDate } from '../../../shared/domain/thai-date';
import { safeText } from './plan-xlsx';
import { loadExcel } from './libs';

const MONEY = '#,##0.00';

/** Column headers of the needs table, in order (the test reads the workbook back by them). */
export const UNMET_COLUMNS = [
  'ลำดับ',
  'รหัสความต้องการ',
  'หมู่ที่',
  'ตำบล',
  'อำเภอ',
  'ประเภท',
  'ความต้องการ',
  'ประชาชนที่ได้รับผลกระทบ (คน)',
  'ครัวเรือน',
  'จำนวนครั้งที่เสนอ',
  'ประมาณการ (บาท)',
  'เหตุผลที่ส่งถึงผู้รับผิดชอบนี้',
] as const;

const WIDTHS = [7, 16, 8, 18, 18, 28, 52, 16, 11, 12, 18, 70];

export type UnmetExportInput = Readonly<{
  roundName: string;
  fiscalYear: number;
  doorTh: string;
  /** The district the list is limited to (Thai name), or null for the whole province. */
  areaTh: string | null;
  rows: readonly UnmetNeedRow[];
  /** Thai names of areas and categories by code. */
  tambonTh(code: string): string;
  districtTh(code: string): string;
  categoryTh(id: string): string;
  synthetic: boolean;
  now: Date;
}>;

/** Builds the workbook; the first sheet is the needs, the second the routing rule. */
export async function buildUnmetWorkbook(input: UnmetExportInput): Promise<Buffer> {
  const wb = new (await loadExcel()).Workbook();
  wb.creator = 'ChiPao';
  wb.created = input.now;
  const ws = wb.addWorksheet('ความต้องการ');
  ws.addRow(['จังหวัดสระบุรี: ความต้องการของประชาชนที่ยังไม่มีโครงการรองรับ']).font = { bold: true, size: 14 };
  ws.addRow([`${safeText(input.roundName)} ปีงบประมาณ พ.ศ. ${input.fiscalYear}`]).font = { bold: true };
  ws.addRow([`ส่งถึง: ${safeText(input.doorTh)}`]).font = { bold: true, size: 12 };
  ws.addRow([`พื้นที่: ${input.areaTh ? `อำเภอ${input.areaTh}` : 'ทั้งจังหวัด'}`]);
  ws.addRow([`ข้อมูล ณ วันที่ ${formatThaiDate(input.now, 'th')}`]);
  if (input.synthetic) ws.addRow(['ข้อมูลตัวอย่าง (สังเคราะห์) ไม่ใช่ข้อมูลจริง']).font = { bold: true, color: { argb: 'FFC00000' } };
  ws.addRow([]);
  const header = ws.addRow([...UNMET_COLUMNS]);
  header.font = { bold: true };
  header.eachCell((c) => {
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
    c.border = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };
    c.alignment = { wrapText: true, vertical: 'middle' };
  });
  const headerRow = header.number;
  let people = 0;
  let households = 0;
  let cost = 0;
  input.rows.forEach((r, i) => {
    people += r.peopleAffected;
    households += r.households;
    cost += r.estimatedCost ?? 0;
    const row = ws.addRow([
      i + 1,
      safeText(r.externalId),
      r.villageNo,
      input.tambonTh(r.tambonCode),
      input.districtTh(r.districtCode),
      input.categoryTh(r.category),
      safeText(r.title),
      r.peopleAffected,
      r.households,
      r.timesRaised,
      r.estimatedCost === null ? null : satangToBaht(r.estimatedCost),
      r.reasonTh,
    ]);
    row.getCell(11).numFmt = MONEY;
    row.getCell(12).alignment = { wrapText: true, vertical: 'top' };
  });
  const total = ws.addRow([
    `รวม ${input.rows.length.toLocaleString('en-US')} รายการ`,
    '',
    '',
    '',
    '',
    '',
    '',
    people,
    households,
    '',
    satangToBaht(cost),
  ]);
  total.font = { bold: true };
  total.getCell(11).numFmt = MONEY;
  for (const c of [8, 9, 10]) ws.getColumn(c).numFmt = '#,##0';
  WIDTHS.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  ws.views = [{ state: 'frozen', ySplit: headerRow }];

  const rule = wb.addWorksheet('หลักการส่งต่อ');
  rule.getColumn(1).width = 120;
  const lines = [
    'หลักการส่งต่อความต้องการที่ยังไม่มีโครงการรองรับ (ตรวจตามลำดับ)',
    `1. ประมาณการตั้งแต่ ${formatBaht(RULE.provinceMinCost)} บาท → จังหวัด (เกินงบตามภารกิจของ อปท. หรือหน่วยงานเดียว บรรจุในแผนพัฒนาจังหวัด)`,
    `2. อยู่ในหมู่บ้านเดียว (ผู้ได้รับผลกระทบไม่เกิน ${RULE.localMaxPeople.toLocaleString('en-US')} คน) และเป็นภารกิจถ่ายโอนตาม พ.ร.บ.กำหนดแผนและขั้นตอนการกระจายอำนาจฯ พ.ศ. 2542 (${[...LOCAL_REMIT_CATEGORIES].map((c) => input.categoryTh(c)).join(', ')}) ไม่เกิน ${formatBaht(RULE.localRemitMaxCost)} บาท → องค์กรปกครองส่วนท้องถิ่นในตำบลนั้น`,
    `3. อยู่ในหมู่บ้านเดียวและประมาณการไม่เกิน ${formatBaht(RULE.localMaxCost)} บาท → องค์กรปกครองส่วนท้องถิ่นในตำบลนั้น`,
    `4. ประเภทเดียวกันยังไม่มีโครงการรองรับตั้งแต่ ${RULE.wideDistricts} อำเภอขึ้นไป และประมาณการตั้งแต่ ${formatBaht(RULE.pooledMinCost)} บาท → จังหวัด (โครงการบูรณาการระดับจังหวัด)`,
    '5. นอกนั้น → ส่วนราชการระดับจังหวัดที่รับผิดชอบประเภทนั้น (ค่าเริ่มต้นตามตารางในโปรแกรม รอบการพิจารณากำหนดหน่วยงานเองได้) หากไม่มีหน่วยงานรับผิดชอบ → จังหวัด',
    '',
    'ไม่มีรายชื่อเทศบาล/อบต. ในข้อมูล จึงระบุ อปท. ด้วยชื่อตำบลและอำเภอ',
    'ความต้องการที่ยังไม่มีโครงการรองรับ = ความต้องการที่ยังไม่ถอนออก และไม่เชื่อมโยงกับโครงการใดของรอบการพิจารณานี้',
  ];
  lines.forEach((text, i) => {
    const row = rule.addRow([text]);
    row.getCell(1).alignment = { wrapText: true };
    if (i === 0) row.font = { bold: true, size: 12 };
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
