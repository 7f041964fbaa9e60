/**
 * Bench: the optimum rule on a seeded random province-sized instance (2,000 projects, 13 districts with
 * floors and caps, 6 strategies with caps, a few must/dependency/incompatibility constraints).
 */
import { optimize, type OptimumInput } from '../../../shared/domain/allocation/optimum';
import type { AllocationProject } from '../../../shared/domain/allocation/types';
import { createHighsSolver } from '../../../electron/core/solver/highs';
import { medianMs, type BenchRecord } from '../types';

const RUNS = 5;

/** mulberry32: tiny, seedable and good enough to make the same instance on every machine. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Builds the benchmark instance: a ceiling of 37.5% of the total requested (about 6,400 million baht).
 * @example benchInstance(1).projects.length // 2000
 */
export function benchInstance(seed: number, count = 2000): OptimumInput {
  const rnd = prng(seed);
  const districts = Array.from({ length: 13 }, (_, k) => String(1901 + k));
  const strategies = ['S1', 'S2', 'S3', 'S4', 'S5', 'S6'];
  const projects: AllocationProject[] = [];
  for (let k = 0; k < count; k++) {
    // Log-uniform costs from 50,000 to 20,000,000 baht, in whole baht like real requests.
    const bahtCost = Math.round(50_000 * Math.exp(rnd() * Math.log(400)));
    const cost = bahtCost * 100;
    const partial = rnd() < 0.2;
    projects.push({
      id: `P${String(k).padStart(4, '0')}`,
      cost,
      ...(partial ? { minCost: Math.round(cost * (0.4 + 0.4 * rnd())) } : {}),
      score: Math.round(rnd() * 10_000) / 100,
      district: districts[Math.floor(rnd() * districts.length)]!,
      strategy: strategies[Math.floor(rnd() * strategies.length)]!,
      peopleReached: Math.floor(rnd() * 20_000),
    });
  }
  const requested = (pred: (p: AllocationProject) => boolean): number => projects.filter(pred).reduce((s, p) => s + p.cost, 0);
  const budget = Math.round(requested(() => true) * 0.375);
  const districtFloors: Record<string, number> = {};
  const districtCaps: Record<string, number> = {};
  for (const d of districts) {
    const r = requested((p) => p.district === d);
    districtFloors[d] = Math.round(r * 0.2);
    districtCaps[d] = Math.round(r * 0.45);
  }
  const strategyCaps: Record<string, number> = {};
  for (const s of strategies) strategyCaps[s] = Math.round(requested((p) => p.strategy === s) * 0.42);
  const id = (k: number): string => projects[k]!.id;
  return {
    projects,
    budget,
    objective: 'score',
    districtFloors,
    districtCaps,
    strategyCaps,
    mustFund: [id(3), id(17), id(400)],
    mustNot: [id(5), id(900)],
    dependencies: [
      { project: id(10), requires: id(11) },
      { project: id(12), requires: id(13) },
      { project: id(14), requires: id(3) },
    ],
    incompatibilities: [
      [id(20), id(21)],
      [id(22), id(23)],
    ],
    locks: { [id(30)]: projects[30]!.cost },
  };
}

/**
 * Median wall time of the optimum rule on the 2,000-project instance (wasm load excluded).
 * @example (await run())[0].name // 'allocation.optimum_2000_ms'
 */
export async function run(): Promise<BenchRecord[]> {
  const solver = createHighsSolver();
  const input = benchInstance(20_240_601);
  // Warm-up: loads the wasm runtime and JIT-compiles the model writer.
  const first = await optimize(input, solver);
  if (first.status !== 'optimal') throw new Error('bench instance is expected to be feasible');
  const value = await medianMs(RUNS, () => optimize(input, solver));
  return [{ name: 'allocation.optimum_2000_ms', value, unit: 'ms', baseline: null, ratio: null }];
}
