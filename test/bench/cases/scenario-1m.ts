/**
 * scenario.run_mes_1m_needs_ms: what the committee waits for when it runs Equal Shares over a province's needs
 * (1,000,000 needs, 5,000 proposals, the synthetic sample): the whole `scenarios.run` through the dispatcher (read the
 * scenario, ranking and needs from SQLite, run the rule with add1, fairness, shaping), median of 3 after one
 * untimed run. Baseline: reading the active needs one row each, as the run did before the needs that link to no
 * proposal were summed per village (services/need-links.ts); ratio = value / baseline.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../../../electron/core/core';
import type { Caller } from '../../../electron/core/context';
import type { Scenario } from '../../../shared/api/types';
import { medianMs, type BenchRecord } from '../types';

const owner: Caller = { role: 'owner', actor: 'bench', transport: 'direct' };

export async function run(): Promise<BenchRecord[]> {
  const dir = mkdtempSync(join(tmpdir(), 'chipao-bench-scenario-1m-'));
  const core = await createCore({
    dbPath: join(dir, 'chipao.sqlite'),
    sample: { needs: 1_000_000, projects: 5_000 },
    auditAnchor: false,
  });
  try {
    core.store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const list = await core.call('scenarios.list', { roundId: 1 }, owner);
    if (!list.ok) throw new Error(list.error.message);
    const mes = (list.value as Scenario[]).find((s) => s.rule === 'mes');
    if (!mes) throw new Error('the sample has no MES scenario');
    const runOnce = async (): Promise<void> => {
      const r = await core.call('scenarios.run', { scenarioId: mes.id }, owner);
      if (!r.ok) throw new Error(`scenarios.run: ${r.error.message}`);
    };
    const value = await medianMs(3, runOnce, 1);
    const readEveryNeed = core.store.sqlite.prepare(
      `SELECT id, tambon_code, village_no, people_affected, households FROM need WHERE status = 'active' ORDER BY id`,
    );
    const baseline = await medianMs(3, () => readEveryNeed.raw().all());
    return [
      {
        name: 'scenario.run_mes_1m_needs_ms',
        value: Math.round(value),
        unit: 'ms',
        baseline: Math.round(baseline),
        ratio: Math.round((value / baseline) * 1e4) / 1e4,
      },
    ];
  } finally {
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
