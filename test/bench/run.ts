/**
 * `npm run bench [-- --only NAME[,NAME] --out FILE]`: runs every benchmark case (or those whose figure names
 * start with NAME) and prints one JSON record per figure: {name, value, unit, baseline, ratio}.
 * Each case runs in a process of its own, so that what one case leaves in memory (a million needs, a large heap to
 * collect) never counts in another's memory, stall or time figures.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { seedBench } from './cases/seed';
import type { BenchCase, BenchRecord } from './types';

async function loadCases(): Promise<BenchCase[]> {
  const cases: BenchCase[] = [seedBench];
  // Cases that bring their own heavy modules are imported lazily.
  const lazy: { names: string[]; load: () => Promise<{ run: () => Promise<BenchRecord[]> }> }[] = [
    {
      names: [
        'allocation.greedy_sample_ms',
        'allocation.mes_add1_sample_ms',
        'allocation.mes_add1_sample_cold_ms',
        'scenario.run_greedy_sample_ms',
        'scenario.run_mes_sample_ms',
      ],
      load: () => import('./cases/allocation-sample'),
    },
    { names: ['allocation.mes_add1_pabulib_max_s', 'allocation.mes_add1_city_100k_ms'], load: () => import('./cases/pabulib') },
    { names: ['allocation.optimum_2000_ms'], load: () => import('./cases/optimum') },
    // A scenario run as the committee waits for it, over a province's needs.
    { names: ['scenario.run_mes_1m_needs_ms'], load: () => import('./cases/scenario-1m') },
    // One entry per large MES figure, so `--only` runs just the one asked for.
    ...['allocation.mes_add1_budget_1e9_ms', 'allocation.mes_add1_1m_needs_ms'].map((name) => ({
      names: [name],
      load: async () => {
        const m = await import('./cases/mes-scale');
        return { run: () => m.run((n) => n === name) };
      },
    })),
    { names: ['import.xlsx_100k'], load: () => import('./cases/needs-import') },
    // Needs sync (issue 9 item 7): the 1M feed through needs.sync on its worker.
    {
      names: ['sync.ndjson_1m', 'sync.ndjson_1m_peak_rss_mb', 'sync.main_thread_stall_ms'],
      load: () => import('./cases/needs-sync'),
    },
    { names: ['host.flood_p95_ms'], load: () => import('./cases/host') },
    { names: ['audit.verify_100k_ms'], load: () => import('./cases/audit') },
    { names: ['projects.import_5k_s'], load: () => import('./cases/projects-import') },
    { names: ['links.suggest_5k_x_1m_s'], load: () => import('./cases/links-suggest') },
    {
      names: ['unmet.summary_1m_cold_ms', 'unmet.list_first_page_1m_ms', 'unmet.list_next_page_1m_ms'],
      load: () => import('./cases/unmet'),
    },
    // Approval (issue 10)
    { names: ['approval.reproduce_s'], load: () => import('./cases/approval') },
    // Official exports (issue 10 items 3–6): one entry per figure, so `--only` runs just the one asked for.
    ...['export.xlsx_5k_s', 'export.pdf_report_s'].map((name) => ({
      names: [name],
      load: async () => {
        const m = await import('./cases/exports');
        return { run: () => m.run((n) => n === name) };
      },
    })),
    // Needs explorer (issue 9 item 8)
    { names: ['needs.filter_1m_ms'], load: () => import('./cases/needs-explorer') },
    // The committee's judgement (issue 12)
    {
      names: ['scoring.edit_rerank_ms', 'scoring.full_recompute_ms', 'scoring.sensitivity_1000_s'],
      load: () => import('./cases/scoring'),
    },
    // Workshop sessions (issue 11)
    { names: ['workshop.broadcast_p95_ms'], load: () => import('./cases/workshop') },
  ];
  for (const l of lazy) cases.push({ names: l.names, run: async () => (await l.load()).run() });
  return cases;
}

/** Runs case number `index` in a fresh process (this script, `--case`), returning its records. */
function runInChild(index: number): BenchRecord[] {
  const dir = mkdtempSync(join(tmpdir(), 'chipao-bench-case-'));
  try {
    const out = join(dir, 'records.json');
    const child = spawnSync(
      process.execPath,
      [...process.execArgv, process.argv[1]!, ...process.argv.slice(2), '--case', String(index), '--case-out', out],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
    if (child.status !== 0) throw new Error(`bench case ${index} failed (exit ${child.status ?? child.signal})`);
    return JSON.parse(readFileSync(out, 'utf8')) as BenchRecord[];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { only: { type: 'string' }, out: { type: 'string' }, case: { type: 'string' }, 'case-out': { type: 'string' } },
  });
  const cases = await loadCases();
  if (values.case !== undefined) {
    // In the child: the one case, its records to the parent's file.
    const records = await cases[Number(values.case)]!.run();
    writeFileSync(values['case-out']!, JSON.stringify(records));
    // Workers or timers a case left behind must not keep the child waiting.
    process.exit(0);
  }
  const only =
    values.only
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean) ?? [];
  const wanted = (name: string): boolean => only.length === 0 || only.some((o) => name === o || name.startsWith(o));
  const records: BenchRecord[] = [];
  for (const [index, c] of cases.entries()) {
    if (!c.names.some(wanted)) continue;
    for (const r of runInChild(index)) {
      if (!wanted(r.name)) continue;
      records.push(r);
      console.log(JSON.stringify(r));
    }
  }
  if (values.out) {
    mkdirSync(dirname(values.out), { recursive: true });
    writeFileSync(values.out, JSON.stringify(records, null, 2) + '\n');
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
