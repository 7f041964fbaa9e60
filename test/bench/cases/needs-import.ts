/**
 * Bench: needs into SQLite.
 * - `import.xlsx_100k`: a 100,000-row report-style XLSX through the whole import (zip check, header and mapping,
 *   Thai values, the feed's checks, one transaction), seconds; baseline = SheetJS's parse alone of the same file with
 *   the same options; ratio = value / baseline.
 * - `sync.ndjson_1m`: 1,000,000 needs from an NDJSON feed, rows/s; baseline = a bare prepared-statement insert of the
 *   same rows in one transaction; ratio = value / baseline. Also the peak RSS of the process during the sync.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as XLSX from 'xlsx';
import { createCore } from '../../../electron/core/core';
import { applyNeedsImport } from '../../../electron/core/import/needs-import';
import { syncNeedsFeed } from '../../../electron/core/sync/needs-sync';
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

function ndjson(tambons: readonly { code: string }[], rows: number): Buffer {
  const parts: string[] = [JSON.stringify({ feed: 'chipao.needs', version: 1, source: 'bench' })];
  for (let i = 0; i < rows; i++) {
    parts.push(
      JSON.stringify({
        id: `B-${i}`,
        version: 1,
        updated_at: '2026-11-20T09:30:00+07:00',
        title: `ขอขยายเขตประปาหมู่บ้าน ${i}`,
        category: NEED_CATEGORIES[i % NEED_CATEGORIES.length]!.id,
        tambon: tambons[i % tambons.length]!.code,
        village_no: (i % 15) + 1,
        households: (i % 40) + 2,
        people_affected: (i % 120) + 5,
        times_raised: 1,
        channel: 'ประชาคม',
        reported_date: '15 ต.ค. 2569',
        estimated_cost: `${((i % 500) + 20) * 1000}.00`,
      }),
    );
  }
  return Buffer.from(parts.join('\n') + '\n');
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
    if (want('sync.ndjson_1m')) {
      const rows = 1_000_000;
      const { core, tambons } = await freshCore(dir, 'ndjson.sqlite');
      const bytes = ndjson(tambons, rows);
      let peak = process.memoryUsage().rss;
      const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
      const t0 = performance.now();
      const report = syncNeedsFeed(core.store, 'bench.ndjson', bytes, 'bench');
      const seconds = (performance.now() - t0) / 1000;
      clearInterval(timer);
      peak = Math.max(peak, process.memoryUsage().rss);
      if (report.newCount !== rows) throw new Error(`expected ${rows} new needs, got ${report.newCount}`);
      await core.close();
      // Baseline: the same rows, parsed once beforehand, through one prepared insert in one transaction.
      const base = await freshCore(dir, 'bare.sqlite');
      const records = bytes
        .toString('utf8')
        .split('\n')
        .slice(1, rows + 1)
        .map((l) => JSON.parse(l) as Record<string, string | number>);
      const insert = base.core.store.sqlite
        .prepare(`INSERT INTO need (source, external_id, version, updated_at, title, description,
        category, tpmap, tambon_code, village_no, households, people_affected, times_raised, channel, reported_date, status, lat,
        lon, estimated_cost, raw_json, batch_id) VALUES ('bench', ?, 1, ?, ?, '', ?, NULL, ?, ?, ?, ?, 1, ?, '2026-10-15', 'active',
        NULL, NULL, ?, '{}', NULL)`);
      const t1 = performance.now();
      base.core.store.sqlite.transaction(() => {
        for (const r of records) {
          insert.run(
            r['id'],
            r['updated_at'],
            r['title'],
            r['category'],
            r['tambon'],
            r['village_no'],
            r['households'],
            r['people_affected'],
            r['channel'],
            Number(String(r['estimated_cost'])) * 100,
          );
        }
      })();
      const bareSeconds = (performance.now() - t1) / 1000;
      await base.core.close();
      const value = rows / seconds;
      const baseline = rows / bareSeconds;
      out.push({
        name: 'sync.ndjson_1m',
        value: Math.round(value),
        unit: 'rows/s',
        baseline: Math.round(baseline),
        ratio: round(value / baseline),
      });
      out.push({
        name: 'sync.ndjson_1m_peak_rss_mb',
        value: Math.round(peak / (1024 * 1024)),
        unit: 'MB',
        baseline: null,
        ratio: null,
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
