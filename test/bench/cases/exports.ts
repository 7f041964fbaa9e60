/**
 * Official exports (issue 10): `export.xlsx_5k_s`, writing the province's workbook of a round with 5,000 proposals
 * (six styled sheets) from the plan as read (reading it, which ranks the 5,000 proposals, is the ranking's cost and is
 * left out), and `export.pdf_report_s`, the PDF report of the sample round (300 proposals; district boundaries from
 * ../shared/data when present, so the map is drawn) end to end: read, run, HTML, charts, headless Chromium, audit
 * event. Each figure is the median of 3 after one warm-up.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../../../electron/core/core';
import { chromiumPrinter } from '../../../electron/core/export/pdf/printer';
import { exportPlan } from '../../../electron/core/export/plan-export';
import { loadPlanSource } from '../../../electron/core/export/plan-source';
import { buildPlanWorkbook } from '../../../electron/core/export/plan-xlsx';
import { highsSolver } from '../../../electron/core/solver/highs';
import { medianMs, type BenchRecord } from '../types';

const REFERENCE = join(process.cwd(), '..', 'shared', 'data');

async function timeExport(
  sample: { needs: number; projects: number },
  format: 'xlsx' | 'pdf',
  withShapes: boolean,
): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), `chipao-bench-export-${format}-`));
  const referenceFiles = withShapes
    ? ['saraburi-districts.geojson', 'saraburi-tambons.geojson'].map((f) => join(REFERENCE, f)).filter((f) => existsSync(f))
    : [];
  const core = await createCore({ dbPath: join(dir, 'chipao.sqlite'), sample, referenceFiles, auditAnchor: false });
  try {
    if (format === 'xlsx') {
      const source = await loadPlanSource(core.store, { roundId: 1 }, highsSolver);
      return await medianMs(3, () => buildPlanWorkbook(source, 'th'), 1);
    }
    const tools = { actor: 'bench', printer: chromiumPrinter(), solver: highsSolver };
    return await medianMs(3, () => exportPlan(core.store, { roundId: 1, format, lang: 'th' }, tools), 1);
  } finally {
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(only: (name: string) => boolean = () => true): Promise<BenchRecord[]> {
  const out: BenchRecord[] = [];
  if (only('export.xlsx_5k_s')) {
    const ms = await timeExport({ needs: 20_000, projects: 5_000 }, 'xlsx', false);
    out.push({ name: 'export.xlsx_5k_s', value: Math.round(ms) / 1000, unit: 's', baseline: null, ratio: null });
  }
  if (only('export.pdf_report_s')) {
    const ms = await timeExport({ needs: 20_000, projects: 300 }, 'pdf', true);
    out.push({ name: 'export.pdf_report_s', value: Math.round(ms) / 1000, unit: 's', baseline: null, ratio: null });
  }
  return out;
}
