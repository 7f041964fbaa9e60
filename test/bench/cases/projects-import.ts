/**
 * Bench `projects.import_5k_s`: 5,000 proposals from a report-style XLSX (title rows with the year, two-row header,
 * Thai amounts, areas by name, a development issue per row) through the whole import into an empty round
 * (header and mapping, Thai values, the store's checks, versioned and audited writes, one transaction), seconds;
 * baseline = SheetJS's parse alone of the same file with the same options; ratio = value / baseline.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as XLSX from 'xlsx';
import { createCore } from '../../../electron/core/core';
import { applyProposalsImport } from '../../../electron/core/import/proposals-import';
import { PROPOSAL_HEADER_BOTTOM, PROPOSAL_HEADER_TOP } from '../../fixtures/proposals-files';
import type { BenchRecord } from '../types';
import { sheetJsParseSeconds } from '../xlsx-baseline';

const round = (v: number): number => Math.round(v * 1000) / 1000;

export function workbook(
  tambons: readonly { name_th: string }[],
  districts: readonly { name_th: string }[],
  rows: number,
): Buffer {
  const aoa: (string | number)[][] = [
    ['บัญชีรายการโครงการเพื่อขอรับการจัดสรรงบประมาณ จังหวัดสระบุรี'],
    ['ประจำปีงบประมาณ พ.ศ. ๒๕๗๑'],
    [],
    PROPOSAL_HEADER_TOP,
    PROPOSAL_HEADER_BOTTOM,
  ];
  for (let i = 0; i < rows; i++) {
    const t = tambons[i % tambons.length]!;
    const t2 = tambons[(i * 7 + 3) % tambons.length]!;
    const areas =
      i % 10 === 0
        ? `ทั้งอำเภอ${districts[i % districts.length]!.name_th}`
        : i % 3 === 0
          ? `ต.${t.name_th}, ต.${t2.name_th}`
          : `ต.${t.name_th}`;
    const investment = ((i % 900) + 50) * 10_000;
    const operating = i % 4 === 0 ? 0 : ((i % 30) + 1) * 5_000;
    aoa.push([
      i + 1,
      `B71-${String(i + 1).padStart(5, '0')}`,
      `โครงการพัฒนาโครงสร้างพื้นฐานและคุณภาพชีวิต ลำดับที่ ${i + 1}`,
      i % 2 === 0 ? `องค์การบริหารส่วนตำบล${t.name_th}` : 'แขวงทางหลวงชนบทสระบุรี',
      `ประเด็นที่ ${(i % 3) + 1}`,
      areas,
      operating.toLocaleString('en-US'),
      investment.toLocaleString('en-US'),
      (operating + investment).toLocaleString('en-US') + '.00',
      i % 5 === 0 ? Math.round(investment / 2).toLocaleString('en-US') : '',
      (i % 2000) + 50,
      (i % 600) + 10,
      i % 2 === 0 ? 'มีแบบรูปรายการ ปร.4 ปร.5, ที่ดินพร้อม' : 'ครบ',
      `ผลผลิต ${i % 9} หน่วย`,
    ]);
  }
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(aoa), 'โครงการ');
  return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
}

export async function run(): Promise<BenchRecord[]> {
  const dir = mkdtempSync(join(tmpdir(), 'chipao-bench-projects-'));
  try {
    const core = await createCore({ dbPath: join(dir, 'projects.sqlite'), seedSample: false });
    const { sqlite } = core.store;
    const tambons = sqlite.prepare('SELECT name_th FROM area_tambon ORDER BY code').all() as { name_th: string }[];
    const districts = sqlite.prepare('SELECT name_th FROM area_district ORDER BY code').all() as { name_th: string }[];
    // Tambon names that are also another district's tambon name are left out: the bench rows name no district.
    const seen = new Map<string, number>();
    for (const t of tambons) seen.set(t.name_th, (seen.get(t.name_th) ?? 0) + 1);
    const unique = tambons.filter((t) => seen.get(t.name_th) === 1);
    const roundId = Number(
      sqlite.prepare(`INSERT INTO round (name, fiscal_year, ceiling, status) VALUES ('bench', 2571, 0, 'preparing')`).run()
        .lastInsertRowid,
    );
    const issue = sqlite.prepare('INSERT INTO development_issue (round_id, no, title_th) VALUES (?, ?, ?)');
    for (const no of [1, 2, 3]) issue.run(roundId, no, `ประเด็น ${no}`);
    const bytes = workbook(unique, districts, 5_000);
    const baseline = sheetJsParseSeconds(bytes);
    const t1 = performance.now();
    const report = applyProposalsImport(core.store, 'bench.xlsx', bytes, 'bench');
    const value = (performance.now() - t1) / 1000;
    if (report.newCount !== 5_000)
      throw new Error(`expected 5000 new proposals, got ${report.newCount} (${report.rejected[0]?.en ?? ''})`);
    await core.close();
    return [
      { name: 'projects.import_5k_s', value: round(value), unit: 's', baseline: round(baseline), ratio: round(value / baseline) },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
