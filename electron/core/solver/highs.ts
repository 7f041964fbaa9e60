/**
 * HiGHS (MIP solver compiled to WebAssembly) behind the pure {@link LpSolver} interface of the
 * allocation rules. The wasm runtime is loaded once, on first use, by a dynamic import so that bundles
 * that never solve don't pay for it. Nothing here touches Node APIs directly: the renderer bundle can
 * use the same module by passing `init.locateFile` or `init.wasmBinary` for the wasm asset.
 */
import type { Highs, InitOptions, LegacyHighsOptions } from 'highs';
import type { LpSolution, LpSolver } from '../../../shared/domain/allocation/optimum';

/** Options applied to each HiGHS `solve()` call (HiGHS option names, snake_case). */
export type HighsSolveOptions = LegacyHighsOptions;

/** Options of {@link createHighsSolver}. */
export type HighsSolverOptions = Readonly<{
  /** Merged over {@link DEFAULT_HIGHS_OPTIONS}. */
  solve?: HighsSolveOptions;
  /** Wasm loader options; only the call that actually loads the runtime uses them. */
  init?: InitOptions;
}>;

/**
 * Defaults: silent, and a zero MIP gap so 'Optimal' means proven optimal (the allocation must not lose
 * a project to a tolerance); the time limit keeps a pathological model from freezing the app.
 */
export const DEFAULT_HIGHS_OPTIONS: HighsSolveOptions = Object.freeze({
  output_flag: false,
  mip_rel_gap: 0,
  mip_abs_gap: 0,
  time_limit: 60,
});

let runtime: Promise<Highs> | null = null;

/**
 * Loads the HiGHS wasm runtime once and returns the shared instance.
 * @example const highs = await loadHighs(); highs.solve('Maximize\n obj: x\nSubject To\n c: x <= 1\nEnd')
 */
export function loadHighs(init?: InitOptions): Promise<Highs> {
  if (runtime === null) {
    runtime = import('highs')
      .then((m) => m.default(init))
      .catch((err: unknown) => {
        // Let a later call retry (e.g. after the renderer supplies a working locateFile).
        runtime = null;
        throw err;
      });
  }
  return runtime;
}

/**
 * Creates an {@link LpSolver} backed by the shared HiGHS runtime.
 * @example
 * const solve = createHighsSolver({ solve: { time_limit: 10 } });
 * const out = await optimize(input, solve);
 */
export function createHighsSolver(options: HighsSolverOptions = {}): LpSolver {
  const solveOptions: HighsSolveOptions = { ...DEFAULT_HIGHS_OPTIONS, ...options.solve };
  return async (lp: string): Promise<LpSolution> => {
    const highs = await loadHighs(options.init);
    try {
      return highs.solve(lp, solveOptions);
    } catch (err) {
      // A native error can leave the wasm heap in a bad state; start from a fresh runtime next time.
      if (runtime !== null && (await runtime) === highs) runtime = null;
      throw err;
    }
  };
}

/**
 * The default solver (HiGHS with {@link DEFAULT_HIGHS_OPTIONS}).
 * @example const out = await optimize(input, highsSolver);
 */
export const highsSolver: LpSolver = createHighsSolver();
