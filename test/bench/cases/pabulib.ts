/**
 * Pabulib benchmark: our slowest `mes_cost_add1` over the reference instances against pabutools' time on that
 * instance, plus a synthetic city-scale MES add1 run (100,000 voters x 200 projects).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parsePb } from '../../../shared/domain/pabulib/pb-format';
import { pbApprovalProfile, runPbRuleOnProfile } from '../../../shared/domain/pabulib/rules';
import { runMes } from '../../../shared/domain/allocation/mes';
import * as Q from '../../../shared/domain/allocation/rational';

export type BenchRecord = { name: string; value: number; unit: string; baseline: number | null; ratio: number | null };

const PABULIB = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../shared/pabulib');

/** Tiny deterministic PRNG (mulberry32) so the synthetic city is the same on every machine. */
function mulberry32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function cityScaleMs(): number {
  const rnd = mulberry32(20240601);
  const P = 200;
  const V = 100_000;
  // Costs in satang (50k-1M baht), budget 20M baht, +1 baht per voter per add1 round.
  const projects = Array.from({ length: P }, (_, i) => ({
    id: `P${String(i).padStart(3, '0')}`,
    cost: Q.fromInt(Math.round(50_000 + rnd() * 950_000) * 100),
  }));
  const popularity = projects.map(() => rnd() ** 2);
  const ballots = Array.from({ length: V }, () => {
    const k = 1 + Math.floor(rnd() * 8);
    const chosen = new Set<string>();
    while (chosen.size < k) {
      const i = Math.floor(rnd() * P);
      if (rnd() < 0.2 + popularity[i]!) chosen.add(projects[i]!.id);
    }
    return { weight: 1, approves: [...chosen] };
  });
  const t0 = performance.now();
  runMes({
    projects,
    ballots,
    budget: Q.fromInt(20_000_000 * 100),
    utility: 'cost',
    completion: 'add1',
    increment: Q.fromInt(100),
  });
  return performance.now() - t0;
}

/** Runs the Pabulib benchmark cases. */
export async function run(): Promise<BenchRecord[]> {
  if (!existsSync(path.join(PABULIB, 'instances'))) return [];
  let worst: { instance: string; seconds: number; baseline: number | null } | null = null;
  for (const file of readdirSync(path.join(PABULIB, 'instances'))
    .filter((f) => f.endsWith('.pb'))
    .sort()) {
    const name = file.replace(/\.pb$/, '');
    const refPath = path.join(PABULIB, 'reference', `${name}.json`);
    if (!existsSync(refPath)) continue;
    const ref = JSON.parse(readFileSync(refPath, 'utf8')) as { rules: Record<string, { status: string; seconds?: number }> };
    const r = ref.rules['mes_cost_add1'];
    if (!r || r.status !== 'ok') continue;
    const profile = pbApprovalProfile(parsePb(readFileSync(path.join(PABULIB, 'instances', file), 'utf8')));
    const t0 = performance.now();
    runPbRuleOnProfile(profile, 'mes_cost_add1');
    const seconds = (performance.now() - t0) / 1000;
    if (!worst || seconds > worst.seconds) worst = { instance: name, seconds, baseline: r.seconds ?? null };
  }
  const records: BenchRecord[] = [];
  if (worst) {
    records.push({
      name: 'allocation.mes_add1_pabulib_max_s',
      value: worst.seconds,
      unit: 's',
      baseline: worst.baseline,
      ratio: worst.baseline ? worst.seconds / worst.baseline : null,
    });
  }
  records.push({ name: 'allocation.mes_add1_city_100k_ms', value: cityScaleMs(), unit: 'ms', baseline: null, ratio: null });
  return records;
}
