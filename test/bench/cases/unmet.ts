/**
 * Unmet needs over 1,000,000 citizens' needs (the synthetic sample, 300 proposals): the province summary on first
 * call (spread per category, then one grouped pass with the routing rule per need), the routed list's first page
 * (with its count) and the next page. Baseline: a plain count of the unmet needs without routing, the least any of
 * these must read; ratio = value / baseline.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../../../electron/core/core';
import type { Caller } from '../../../electron/core/context';
import type { BenchRecord } from '../types';

const NEEDS = 1_000_000;
const owner: Caller = { role: 'owner', actor: 'bench', transport: 'direct' };

export async function run(): Promise<BenchRecord[]> {
  const dir = mkdtempSync(join(tmpdir(), 'chipao-bench-unmet-'));
  const core = await createCore({
    dbPath: join(dir, 'chipao.sqlite'),
    sample: { needs: NEEDS, projects: 300 },
    auditAnchor: false,
  });
  try {
    core.store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const timed = async (method: string, args: unknown): Promise<number> => {
      const t0 = performance.now();
      const r = await core.call(method, args, owner);
      if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
      return Math.round(performance.now() - t0);
    };
    const b0 = performance.now();
    core.store.sqlite
      .prepare(
        `SELECT COUNT(*) FROM need n WHERE n.status = 'active' AND NOT EXISTS (SELECT 1 FROM project_need pn
         CROSS JOIN project p ON p.id = pn.project_id WHERE pn.need_id = n.id AND p.round_id = 1)`,
      )
      .get();
    const baseline = Math.round(performance.now() - b0);
    const summary = await timed('unmet.summary', { roundId: 1 });
    const first = await timed('unmet.list', { roundId: 1, offset: 0, limit: 100 });
    const next = await timed('unmet.list', { roundId: 1, offset: 100, limit: 100 });
    const record = (name: string, value: number): BenchRecord => ({
      name,
      value,
      unit: 'ms',
      baseline,
      ratio: Math.round((value / baseline) * 1e4) / 1e4,
    });
    return [
      record('unmet.summary_1m_cold_ms', summary),
      record('unmet.list_first_page_1m_ms', first),
      record('unmet.list_next_page_1m_ms', next),
    ];
  } finally {
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
