/**
 * The allocation plan as an XLSX workbook in a provincial layout: a summary by strategy and district, the
 * funded list (Y1) and the reserve list (Y2), Thai headers, BE date, amounts with two decimals and the total
 * in Thai baht text. Text cells that a spreadsheet would read as a formula are escaped.
 */
import ExcelJS from 'exceljs';
import type { AllocationView, Lang, ProjectRow, RoundDetail } from '../../../shared/api/types';
import { bahtText } from '../../../shared/domain/baht-text';
import { formatBaht, satangToBaht } from '../../../shared/domain/money';
import { STRATEGIES } from '../../../shared/domain/taxonomy';
import { formatThaiDate } from '../../../shared/domain/thai-date';

/** Prefixes an apostrophe to text a spreadsheet would evaluate (= + - @), so no cell can run a formula. */
export function safeText(text: string): string {
  return /^[=+\-@\t\r]/u.test(text) ? `'${text}` : text;
}

const MONEY = '#,##0.00';

const L = {
  th: {
    title: 'แผนการจัดสรรงบประมาณเพื่อการพัฒนาจังหวัดสระบุรี',
    fy: 'ปีงบประมาณ พ.ศ.',
    asOf: 'ข้อมูล ณ วันที่',
    synthetic: 'ข้อมูลตัวอย่าง (สังเคราะห์) ไม่ใช่ข้อมูลจริง',
    ceiling: 'วงเงินงบประมาณ (บาท)',
    funded: 'จัดสรรแล้ว (บาท)',
    remaining: 'คงเหลือ (บาท)',
    fundedText: 'จัดสรรแล้ว (ตัวอักษร)',
    summary: 'สรุป',
    y1: 'Y1 ได้รับการจัดสรร',
    y2: 'Y2 บัญชีสำรอง',
    byStrategy: 'สรุปตามประเด็นการพัฒนา',
    byDistrict: 'สรุปตามอำเภอ',
    strategy: 'ประเด็นการพัฒนา',
    district: 'อำเภอ',
    projects: 'จำนวนโครงการ',
    requested: 'งบประมาณที่เสนอ (บาท)',
    allocated: 'งบประมาณที่จัดสรร (บาท)',
    rank: 'ลำดับ',
    code: 'รหัสโครงการ',
    name: 'ชื่อโครงการ',
    agency: 'หน่วยงานเสนอ',
    score: 'คะแนนรวม',
    needs: 'จำนวนความต้องการที่เชื่อมโยง',
    people: 'ประชาชนที่ได้รับประโยชน์ (คน)',
    total: 'รวม',
    rules: {
      greedy: 'วิธีจัดสรร: เรียงตามคะแนน จัดสรรตามลำดับจนเต็มวงเงิน (greedy)',
      optimum: 'วิธีจัดสรร: หาชุดโครงการที่ให้ผลรวมสูงสุดภายใต้วงเงินและเงื่อนไข (optimum, HiGHS)',
      mes: 'วิธีจัดสรร: แบ่งส่วนเท่ากันตามความต้องการของประชาชน (Method of Equal Shares)',
    },
    scenario: 'สถานการณ์',
  },
  en: {
    title: 'Saraburi provincial development budget allocation plan',
    fy: 'Fiscal year (BE)',
    asOf: 'As of',
    synthetic: 'Sample data (synthetic), not real',
    ceiling: 'Budget ceiling (baht)',
    funded: 'Allocated (baht)',
    remaining: 'Remaining (baht)',
    fundedText: 'Allocated (in Thai words)',
    summary: 'Summary',
    y1: 'Y1 funded',
    y2: 'Y2 reserve',
    byStrategy: 'By development issue',
    byDistrict: 'By district',
    strategy: 'Development issue',
    district: 'District',
    projects: 'Projects',
    requested: 'Requested (baht)',
    allocated: 'Allocated (baht)',
    rank: 'Rank',
    code: 'Project code',
    name: 'Project',
    agency: 'Proposing agency',
    score: 'Composite score',
    needs: 'Linked needs',
    people: 'People reached',
    total: 'Total',
    rules: {
      greedy: 'Rule: by composite score, fund in rank order while the money lasts (greedy)',
      optimum: 'Rule: the set of projects with the highest total under the ceiling and constraints (optimum, HiGHS)',
      mes: "Rule: Method of Equal Shares over citizens' needs",
    },
    scenario: 'Scenario',
  },
} as const;

export type PlanExportInput = Readonly<{
  round: RoundDetail;
  view: Pick<AllocationView, 'budget' | 'totalFunded' | 'remaining' | 'rows' | 'byDistrict'>;
  projects: readonly ProjectRow[];
  districtNames: ReadonlyMap<string, { th: string; en: string }>;
  synthetic: boolean;
  lang: Lang;
  now: Date;
  rule?: 'greedy' | 'optimum' | 'mes';
  scenarioName?: string;
}>;

export async function buildPlanWorkbook(input: PlanExportInput): Promise<Buffer> {
  const t = L[input.lang];
  const { round, view } = input;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'ChiPao';
  wb.created = input.now;
  const projectById = new Map(input.projects.map((p) => [p.id, p]));
  const districtName = (code: string | null): string => {
    if (code === null) return input.lang === 'th' ? 'หลายอำเภอ / ทั้งจังหวัด' : 'Several districts / province';
    const d = input.districtNames.get(code);
    return d ? (input.lang === 'th' ? d.th : d.en) : code;
  };
  const header = (ws: ExcelJS.Worksheet, title: string): void => {
    ws.addRow([`${t.title} ${t.fy} ${round.fiscalYear}`]).font = { bold: true, size: 14 };
    ws.addRow([title]).font = { bold: true, size: 12 };
    ws.addRow([`${t.asOf} ${formatThaiDate(input.now, input.lang)}`]);
    if (input.synthetic) ws.addRow([t.synthetic]).font = { bold: true, color: { argb: 'FFC00000' } };
    ws.addRow([]);
  };
  const tableHeader = (ws: ExcelJS.Worksheet, cells: string[]): void => {
    const row = ws.addRow(cells);
    row.font = { bold: true };
    row.eachCell((c) => {
      c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
      c.border = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };
      c.alignment = { wrapText: true, vertical: 'middle' };
    });
  };

  const summary = wb.addWorksheet(t.summary);
  header(summary, t.summary);
  summary.addRow([t.ceiling, satangToBaht(view.budget)]).getCell(2).numFmt = MONEY;
  summary.addRow([t.funded, satangToBaht(view.totalFunded)]).getCell(2).numFmt = MONEY;
  summary.addRow([t.remaining, satangToBaht(view.remaining)]).getCell(2).numFmt = MONEY;
  summary.addRow([t.fundedText, `${formatBaht(view.totalFunded)} บาท (${bahtText(view.totalFunded)})`]);
  summary.addRow([t.rules[input.rule ?? 'greedy']]);
  if (input.scenarioName) summary.addRow([t.scenario, safeText(input.scenarioName)]);
  summary.addRow([]);
  summary.addRow([t.byStrategy]).font = { bold: true };
  tableHeader(summary, [t.strategy, t.projects, t.requested, t.allocated]);
  for (const s of STRATEGIES) {
    const rows = view.rows.filter((r) => r.strategy === s.id);
    const r = summary.addRow([
      input.lang === 'th' ? s.th : s.en,
      rows.filter((x) => x.funded > 0).length,
      satangToBaht(rows.reduce((a, x) => a + x.requested, 0)),
      satangToBaht(rows.reduce((a, x) => a + x.funded, 0)),
    ]);
    r.getCell(3).numFmt = MONEY;
    r.getCell(4).numFmt = MONEY;
  }
  summary.addRow([]);
  summary.addRow([t.byDistrict]).font = { bold: true };
  tableHeader(summary, [t.district, t.projects, t.requested, t.allocated]);
  for (const d of view.byDistrict) {
    const r = summary.addRow([
      input.lang === 'th' ? d.nameTh : d.nameEn,
      d.fundedProjects,
      satangToBaht(d.requested),
      satangToBaht(d.funded),
    ]);
    r.getCell(3).numFmt = MONEY;
    r.getCell(4).numFmt = MONEY;
  }
  summary.getColumn(1).width = 46;
  for (const c of [2, 3, 4]) summary.getColumn(c).width = 22;

  const list = (name: string, funded: boolean): void => {
    const ws = wb.addWorksheet(name);
    header(ws, name);
    tableHeader(ws, [
      t.rank,
      t.code,
      t.name,
      t.agency,
      t.district,
      t.strategy,
      t.score,
      t.needs,
      t.people,
      t.requested,
      t.allocated,
    ]);
    const rows = view.rows.filter((r) => r.funded > 0 === funded);
    for (const r of rows) {
      const p = projectById.get(r.projectId);
      const strategy = STRATEGIES.find((s) => s.id === r.strategy);
      const row = ws.addRow([
        r.rank,
        safeText(r.code),
        safeText(r.title),
        safeText(p?.agency ?? ''),
        districtName(r.districtCode),
        strategy ? (input.lang === 'th' ? strategy.th : strategy.en) : r.strategy,
        Math.round(r.composite * 100) / 100,
        p?.needCount ?? 0,
        p?.peopleAffected ?? 0,
        satangToBaht(r.requested),
        satangToBaht(r.funded),
      ]);
      row.getCell(7).numFmt = '0.00';
      row.getCell(10).numFmt = MONEY;
      row.getCell(11).numFmt = MONEY;
    }
    const total = ws.addRow([
      t.total,
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      satangToBaht(rows.reduce((a, x) => a + x.requested, 0)),
      satangToBaht(rows.reduce((a, x) => a + x.funded, 0)),
    ]);
    total.font = { bold: true };
    total.getCell(10).numFmt = MONEY;
    total.getCell(11).numFmt = MONEY;
    const widths = [8, 14, 60, 40, 18, 30, 12, 14, 16, 20, 20];
    widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
    ws.views = [{ state: 'frozen', ySplit: input.synthetic ? 6 : 5 }];
  };
  list(t.y1, true);
  list(t.y2, false);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
