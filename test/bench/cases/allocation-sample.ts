/**
 * allocation.greedy_sample_ms and allocation.mes_add1_sample_ms: the rules on the full sample round (300
 * projects, 20,000 needs as weighted ballots), excluding loading from SQLite; scenario.run_*_sample_ms: a whole
 * scenario run as the UI asks for it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { greedyAllocate } from '../../../shared/domain/allocation/greedy';
import { mesAllocate } from '../../../shared/domain/allocation/mes';
import { ballotsFromNeeds } from '../../../shared/domain/allocation/need-ballots';
import { createCore } from '../../../electron/core/core';
import { loadNeedLinks, needVoters } from '../../../electron/core/services/need-links';
import { rankedProjects } from '../../../electron/core/services/ranking';
import { medianMs, type BenchRecord } from '../types';

export async function run(): Promise<BenchRecord[]> {
  const dir = mkdtempSync(join(tmpdir(), 'chipao-bench-'));
  const core = await createCore({ dbPath: join(dir, 'chipao.sqlite') });
  try {
    const { round, rows } = await rankedProjects(core.store, 1);
    const projects = rows.map((p) => ({
      id: String(p.id),
      cost: p.requested,
      score: p.composite,
      ...(p.districtCode === null ? {} : { district: p.districtCode }),
      strategy: p.strategy,
    }));
    const voters = ballotsFromNeeds(needVoters(loadNeedLinks(core.store, 1)), 'people');
    const runMes = (): unknown => mesAllocate({ projects, budget: round.ceiling, voters, completion: 'add1' });
    // The first call in a fresh process (JIT not warmed up yet), then the steady state.
    const cold = await medianMs(1, runMes);
    const greedy = await medianMs(21, () => greedyAllocate({ projects, budget: round.ceiling }), 10);
    const mes = await medianMs(21, runMes, 10);
    // What the committee waits for after an edit: the whole scenario run through the dispatcher (load from SQLite,
    // rank, allocate, fairness, shaping), on the sample's greedy and MES drafts.
    const owner = { role: 'owner' as const, actor: 'bench', transport: 'direct' as const };
    const scenarios = (await core.call('scenarios.list', { roundId: round.id }, owner)) as {
      ok: true;
      value: { id: number; rule: string }[];
    };
    const scenarioMs = async (rule: string): Promise<number> => {
      const s = scenarios.value.find((x) => x.rule === rule)!;
      return medianMs(11, () => core.call('scenarios.run', { scenarioId: s.id }, owner), 3);
    };
    const runGreedy = await scenarioMs('greedy');
    const runMesScenario = await scenarioMs('mes');
    return [
      { name: 'allocation.greedy_sample_ms', value: greedy, unit: 'ms', baseline: null, ratio: null },
      { name: 'scenario.run_greedy_sample_ms', value: runGreedy, unit: 'ms', baseline: null, ratio: null },
      { name: 'scenario.run_mes_sample_ms', value: runMesScenario, unit: 'ms', baseline: null, ratio: null },
      { name: 'allocation.mes_add1_sample_ms', value: mes, unit: 'ms', baseline: null, ratio: null },
      { name: 'allocation.mes_add1_sample_cold_ms', value: cold, unit: 'ms', baseline: null, ratio: null },
    ];
  } finally {
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
