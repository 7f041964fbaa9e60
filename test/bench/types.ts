/** One figure of `npm run bench`: value in unit, with the baseline measured in the same run where one exists. */
export type BenchRecord = { name: string; value: number; unit: string; baseline: number | null; ratio: number | null };

export type BenchCase = Readonly<{
  /** Record names this case produces, so `--only` can skip cases without running them. */
  names: readonly string[];
  run(): Promise<BenchRecord[]>;
}>;

/**
 * Median of a few timed runs, in milliseconds, after `warmup` untimed runs (the host computes the same rule again and
 * again while the committee edits a scenario, so the steady state is what users wait for; the first, cold call is
 * reported separately where it matters).
 */
export async function medianMs(runs: number, fn: () => unknown, warmup = 0): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return Math.round(times[Math.floor(times.length / 2)]! * 100) / 100;
}
