/**
 * Bench: needs into SQLite.
 * - `import.xlsx_100k`: a 100,000-row report-style XLSX through the whole import (zip check, header and mapping,
 *   Thai values, the feed's checks, one transaction), seconds; baseline = SheetJS's parse alone of the same file with
 *   the same options; ratio = value / baseline.
 * (`sync.ndjson_1m` and its memory and stall figures are in needs-sync.ts.)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as XLSX from 'xlsx';
import { createCore } from '../../../electron/core/core';
import { applyNeedsImport } from '../../../electron/core/import/needs-import';
import { NEED_CATEGORIES } from '../../../shared/domain/taxonomy';
import { REPORT_HEADER_BOTTOM, REPORT_HEADER_TOP } from '../../fixtures/needs-files';
import type { BenchRecord } from '../types';
import { sheetJsParseSeconds } from '../xlsx-baseline';

const CHANNELS = ['ประชาคม', 'LINE', 'ไลน์', 'TPMAP', 'ออนไลน์'];

async function freshCore(dir: string, name: string) {
  const core = await createCore({ dbPath: join(dir, name), seedSample: false });
  const tambons = core.store.sqlite.prepare('SELECT code, name_th FROM area_tambon ORDER BY code').all() as {
    code: string;
    name_th: string;
  }[];
  return { core, tambons };
}

function xlsx100k(tambons: readonly { code: string; name_th: string }[], rows: number): Buffer {
  const aoa: (string | number)[][] = [['สรุปปัญหาความต้องการของประชาชน'], [], REPORT_HEADER_TOP, REPORT_HEADER_BOTTOM];
  for (let i = 0; i < rows; i++) {
    const t = tambons[i % tambons.length]!;
    const c = NEED_CATEGORIES[i % NEED_CATEGORIES.length]!;
    aoa.push([
      i + 1,
      '',
      `ต.${t.name_th}`,
      (i % 15) + 1,
      `ความต้องการที่ ${i + 1}`,
      c.th,
      (i % 40) + 2,
      (i % 120) + 5,
      CHANNELS[i % CHANNELS.length]!,
      `${(i % 28) + 1} ต.ค. 2569`,
      `${((i % 500) + 20) * 1000}.00 บาท`,
    ]);
  }
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(aoa), 'needs');
  return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
}

export async function run(): Promise<BenchRecord[]> {
  const dir = mkdtempSync(join(tmpdir(), 'chipao-bench-import-'));
  const out: BenchRecord[] = [];
  try {
    const only = process.argv.join(' ');
    const want = (name: string): boolean => !only.includes('--only') || only.includes(name) || only.includes(name.split('.')[0]!);
    if (want('import.xlsx_100k')) {
      const { core, tambons } = await freshCore(dir, 'xlsx.sqlite');
      const bytes = xlsx100k(tambons, 100_000);
      const baseline = sheetJsParseSeconds(bytes);
      const t1 = performance.now();
      const report = applyNeedsImport(core.store, 'bench.xlsx', bytes, 'bench');
      const value = (performance.now() - t1) / 1000;
      if (report.newCount !== 100_000) throw new Error(`expected 100000 new needs, got ${report.newCount}`);
      await core.close();
      out.push({
        name: 'import.xlsx_100k',
        value: round(value),
        unit: 's',
        baseline: round(baseline),
        ratio: round(value / baseline),
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
