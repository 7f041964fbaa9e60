/**
 * `needs.filter_1m_ms`: the needs explorer over 1,000,000 needs (the synthetic sample): a district + category + Thai
 * text filter as the screen asks for it — the grid's first page with its count, then the totals bar — through the
 * dispatcher, each run a district not asked before (so nothing is cached from an earlier run; within a run the first
 * page computes the totals once and the totals call reads them back); the median of three districts. Baseline: the
 * same count and sums the way the grid searched before the explorer (`tambon_code LIKE '1901%'`, `title LIKE '%…%'`)
 * without the indexes; ratio = value / baseline.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../../../electron/core/core';
import type { Caller } from '../../../electron/core/context';
import type { BenchRecord } from '../types';

const NEEDS = 1_000_000;
const owner: Caller = { role: 'owner', actor: 'bench', transport: 'direct' };
const CATEGORY = 'water';
const TEXT = 'ประปา';
const DISTRICTS = ['1901', '1903', '1906'];

export async function run(): Promise<BenchRecord[]> {
  const dir = mkdtempSync(join(tmpdir(), 'chipao-bench-explorer-'));
  const t0 = performance.now();
  const core = await createCore({
    dbPath: join(dir, 'chipao.sqlite'),
    sample: { needs: NEEDS, projects: 300 },
    auditAnchor: false,
  });
  console.error(`needs-explorer bench: seeded ${NEEDS} needs in ${Math.round((performance.now() - t0) / 1000)} s`);
  try {
    core.store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const call = async (method: string, args: unknown): Promise<unknown> => {
      const r = await core.call(method, args, owner);
      if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
      return r.value;
    };
    const times: number[] = [];
    const baselines: number[] = [];
    for (const districtCode of DISTRICTS) {
      const filter = { districtCode, category: CATEGORY, search: TEXT };
      const s = performance.now();
      const page = (await call('needs.explore', { ...filter, offset: 0, limit: 100 })) as { total: number };
      const totals = (await call('needs.totals', filter)) as { needs: number };
      times.push(performance.now() - s);
      console.error(`needs-explorer bench: ${districtCode}: ${page.total} needs, ${Math.round(performance.now() - s)} ms`);
      if (page.total !== totals.needs || page.total === 0) throw new Error(`page total ${page.total} ≠ totals ${totals.needs}`);

      const b = performance.now();
      const bare = core.store.sqlite
        .prepare(
          `SELECT COUNT(*) AS n, SUM(people_affected), SUM(households), SUM(estimated_cost) FROM need NOT INDEXED
           WHERE tambon_code LIKE ? AND category = ? AND title LIKE ?`,
        )
        .get(`${districtCode}%`, CATEGORY, `%${TEXT}%`) as { n: number };
      baselines.push(performance.now() - b);
      if (bare.n !== totals.needs) throw new Error(`baseline found ${bare.n}, the explorer ${totals.needs}`);
    }
    // Other shapes of the same screen, for the docs (not targets): text alone, and the whole province's totals.
    for (const [label, args] of [
      ['text only', { search: TEXT }],
      ['no filter', {}],
    ] as const) {
      const s = performance.now();
      await call('needs.explore', { ...args, offset: 0, limit: 100 });
      await call('needs.totals', args);
      console.error(`needs-explorer bench: ${label}: ${Math.round(performance.now() - s)} ms`);
    }
    const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const value = Math.round(median(times));
    const baseline = Math.round(median(baselines));
    return [
      { name: 'needs.filter_1m_ms', value, unit: 'ms', baseline, ratio: Math.round((value / Math.max(1, baseline)) * 1e4) / 1e4 },
    ];
  } finally {
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
