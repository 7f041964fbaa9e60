/** One figure of `npm run bench`: value in unit, with the baseline measured in the same run where one exists. */
export type BenchRecord = { name: string; value: number; unit: string; baseline: number | null; ratio: number | null };

export type BenchCase = Readonly<{
  /** Record names this case produces, so `--only` can skip cases without running them. */
  names: readonly string[];
  run(): Promise<BenchRecord[]>;
}>;

/** Median of a few timed runs, in milliseconds. */
export async function medianMs(runs: number, fn: () => unknown): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return Math.round(times[Math.floor(times.length / 2)]! * 100) / 100;
}
