/**
 * MES add1 at scale, on generated elections (fixed seeds, see mes-instances.ts):
 * - allocation.mes_add1_budget_1e9_ms: a city election with budget 1,000,000,000 in small currency units, 30,000
 *   voters approving up to 15 projects in categories, 175 projects (written and read back as a .pb file; +1 unit per
 *   voter per add1 run, as pabutools' `voter_budget_increment=1`);
 * - allocation.mes_add1_1m_needs_ms: 1,000,000 needs linked to 5,000 proposals, people-weighted ballots (+1 baht per
 *   person per add1 run, the app's default).
 * Each is one timed call (they take long enough that a median of several would not change the picture).
 */
import { pbApprovalProfile } from '../../../shared/domain/pabulib/rules';
import { runMes } from '../../../shared/domain/allocation/mes';
import { bigCityInstance, provinceNeeds } from './mes-instances';
import type { BenchRecord } from '../types';

function timed(fn: () => unknown): number {
  const t0 = performance.now();
  fn();
  return Math.round((performance.now() - t0) * 100) / 100;
}

/** Runs the large-scale MES cases; `names` limits them (figure names, as `--only` gives them). */
export async function run(wanted: (name: string) => boolean = () => true): Promise<BenchRecord[]> {
  const records: BenchRecord[] = [];
  if (wanted('allocation.mes_add1_budget_1e9_ms')) {
    const profile = pbApprovalProfile(bigCityInstance());
    const ms = timed(() => runMes({ ...profile, utility: 'cost', completion: 'add1' }));
    records.push({ name: 'allocation.mes_add1_budget_1e9_ms', value: ms, unit: 'ms', baseline: null, ratio: null });
  }
  if (wanted('allocation.mes_add1_1m_needs_ms')) {
    const needs = provinceNeeds();
    const ms = timed(() => runMes({ ...needs, utility: 'cost', completion: 'add1' }));
    records.push({ name: 'allocation.mes_add1_1m_needs_ms', value: ms, unit: 'ms', baseline: null, ratio: null });
  }
  return Promise.resolve(records);
}
