import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import type { UnmetNeedRow } from '../../../shared/api/types';
import { buildUnmetWorkbook, UNMET_COLUMNS } from './unmet-xlsx';

const row = (i: number, over: Partial<UnmetNeedRow> = {}): UnmetNeedRow => ({
  id: i,
  externalId: `SRB-N-${i}`,
  title: `ขอซ่อมถนน หมู่ที่ ${i}`,
  category: 'roads_transport',
  tambonCode: '190101',
  districtCode: '1901',
  villageNo: i,
  households: 10 * i,
  peopleAffected: 30 * i,
  timesRaised: i,
  estimatedCost: 12_345_678 * i,
  door: 'local:190101',
  doorKind: 'local',
  doorTh: 'องค์กรปกครองส่วนท้องถิ่นในตำบลปากเพรียว อำเภอเมืองสระบุรี',
  doorEn: 'Local government(s) of tambon Pak Phriao, Mueang Saraburi district',
  reason: 'local_remit',
  reasonTh: 'งานระดับหมู่บ้าน',
  reasonEn: 'A village-level task',
  ...over,
});

async function read(rows: readonly UnmetNeedRow[], areaTh: string | null = null) {
  const buffer = await buildUnmetWorkbook({
    roundName: '=HYPERLINK("x")',
    fiscalYear: 2571,
    doorTh: 'องค์กรปกครองส่วนท้องถิ่นในตำบลปากเพรียว อำเภอเมืองสระบุรี',
    areaTh,
    rows,
    tambonTh: () => 'ปากเพรียว',
    districtTh: () => 'เมืองสระบุรี',
    categoryTh: (c) => `หมวด ${c}`,
    synthetic: true,
    now: new Date('2026-12-02T03:00:00Z'),
  });
  return XLSX.read(buffer, { type: 'buffer', cellNF: true, cellFormula: true, cellStyles: true });
}

describe('buildUnmetWorkbook', () => {
  it('writes title rows, a Thai table with money in baht, totals and the routing sheet', async () => {
    const wb = await read([row(1), row(2, { estimatedCost: null, title: '+cmd' })]);
    expect(wb.SheetNames).toEqual(['ความต้องการ', 'หลักการส่งต่อ']);
    const sheet = wb.Sheets['ความต้องการ']!;
    const rows = XLSX.utils.sheet_to_json<unknown[]>(sheet, { header: 1, blankrows: true });
    expect(rows[0]?.[0]).toBe('จังหวัดสระบุรี: ความต้องการของประชาชนที่ยังไม่มีโครงการรองรับ');
    expect(rows[1]?.[0]).toBe(`'=HYPERLINK("x") ปีงบประมาณ พ.ศ. 2571`);
    expect(rows[3]?.[0]).toBe('พื้นที่: ทั้งจังหวัด');
    expect(rows[4]?.[0]).toBe('ข้อมูล ณ วันที่ 2 ธันวาคม 2569');
    expect(rows[5]?.[0]).toBe('ข้อมูลตัวอย่าง (สังเคราะห์) ไม่ใช่ข้อมูลจริง');
    expect(rows[7]).toEqual([...UNMET_COLUMNS]);
    expect(rows[8]).toEqual([
      1,
      'SRB-N-1',
      1,
      'ปากเพรียว',
      'เมืองสระบุรี',
      'หมวด roads_transport',
      'ขอซ่อมถนน หมู่ที่ 1',
      30,
      10,
      1,
      123456.78,
      'งานระดับหมู่บ้าน',
    ]);
    // A text a spreadsheet would run is escaped; a need without an estimate leaves the cell empty.
    expect(rows[9]?.[6]).toBe("'+cmd");
    expect(rows[9]?.[10]).toBeUndefined();
    expect(rows[10]).toEqual(['รวม 2 รายการ', '', '', '', '', '', '', 90, 30, '', 123456.78]);
    expect(sheet[XLSX.utils.encode_cell({ r: 8, c: 10 })]?.z).toBe('#,##0.00');
    expect(Object.values(sheet).some((c) => typeof c === 'object' && c !== null && 'f' in c)).toBe(false);
    const widths = (sheet['!cols'] ?? []).map((c) => Math.round(c.wch ?? c.width ?? 0));
    expect(widths[6]).toBeGreaterThan(40);
    expect(widths[11]).toBeGreaterThan(60);
    const rule = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['หลักการส่งต่อ']!, { header: 1 });
    expect(rule.map((r) => String(r[0])).join('\n')).toContain('พ.ร.บ.กำหนดแผนและขั้นตอนการกระจายอำนาจ');
  });

  it('names the district a list is limited to, and totals an empty list as zero', async () => {
    const wb = await read([], 'เสาไห้');
    const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['ความต้องการ']!, { header: 1, blankrows: true });
    expect(rows[3]?.[0]).toBe('พื้นที่: อำเภอเสาไห้');
    expect(rows[8]).toEqual(['รวม 0 รายการ', '', '', '', '', '', '', 0, 0, '', 0]);
  });
});
