/**
 * Would the ranking survive small changes of the weights? Each sample multiplies every criterion's weight by a
 * factor drawn uniformly from [1 − spread, 1 + spread] (seeded, so the same seed gives the same answer on every
 * machine), re-ranks and re-allocates greedily; each project's best and worst rank and how often it is funded are
 * kept. A project whose funded status in some sample differs from the unperturbed ranking "flips".
 */
import { createRng } from '../prng';
import { fundedMask, rankOrder } from './order';

export type SensitivityInput = Readonly<{
  /** Normalised value per project × criterion (row-major, project first), 0 where not scored. */
  norms: Float64Array;
  /** The round's criterion weights (non-negative). */
  weights: readonly number[];
  /** Tie-break position per project (`tiePositions`). */
  tie: Uint32Array;
  /** Requested amount per project, satang. */
  costs: ArrayLike<number>;
  budget: number;
  /** 1 for projects an `include` override funds whatever their rank. */
  locked?: Uint8Array;
  /** 1 for projects an `exclude` override keeps out. */
  excluded?: Uint8Array;
  samples: number;
  /** Relative change of each weight, e.g. 0.1 for ±10%. */
  spread: number;
  seed: number;
}>;

export type SensitivityResult = Readonly<{
  baseRank: Uint32Array;
  minRank: Uint32Array;
  maxRank: Uint32Array;
  baseFunded: Uint8Array;
  /** Samples in which the project was funded. */
  fundedCount: Uint32Array;
  samples: number;
}>;

/**
 * Composites (0–100) for given weights over a norm matrix.
 * @example composites(Float64Array.of(1, 0, 0, 1), [3, 1]) // Float64Array [75, 25]
 */
export function composites(norms: Float64Array, weights: readonly number[], out?: Float64Array): Float64Array {
  const c = weights.length;
  const n = c === 0 ? 0 : norms.length / c;
  const result = out && out.length === n ? out : new Float64Array(n);
  const total = weights.reduce((s, w) => s + Math.max(0, w), 0) || 1;
  const share = weights.map((w) => (Math.max(0, w) / total) * 100);
  for (let p = 0; p < n; p++) {
    let sum = 0;
    const row = p * c;
    for (let k = 0; k < c; k++) sum += share[k]! * norms[row + k]!;
    result[p] = sum;
  }
  return result;
}

/**
 * Rank range and funded share of every project over `samples` weight perturbations.
 * @example
 * const r = rankSensitivity({ norms: Float64Array.of(1, 0, 0, 1), weights: [1, 1], tie: Uint32Array.of(0, 1),
 *   costs: [5, 5], budget: 5, samples: 100, spread: 0.2, seed: 7 });
 * // r.minRank [1, 1], r.maxRank [2, 2]: equal weights, so either can come first
 */
export function rankSensitivity(input: SensitivityInput): SensitivityResult {
  const n = input.tie.length;
  const order0 = rankOrder(composites(input.norms, input.weights), input.tie);
  const baseRank = new Uint32Array(n);
  order0.forEach((p, r) => (baseRank[p] = r + 1));
  const baseFunded = fundedMask(order0, input.costs, input.budget, input.locked, input.excluded);
  const minRank = baseRank.slice();
  const maxRank = baseRank.slice();
  const fundedCount = new Uint32Array(n);
  const rng = createRng(input.seed);
  const weights = new Array<number>(input.weights.length);
  const comp = new Float64Array(n);
  const keys = new Float64Array(n);
  const funded = new Uint8Array(n);
  for (let s = 0; s < input.samples; s++) {
    for (let k = 0; k < weights.length; k++) weights[k] = input.weights[k]! * (1 + input.spread * (2 * rng.next() - 1));
    const order = rankOrder(composites(input.norms, weights, comp), input.tie, keys);
    for (let r = 0; r < n; r++) {
      const p = order[r]!;
      if (r + 1 < minRank[p]!) minRank[p] = r + 1;
      if (r + 1 > maxRank[p]!) maxRank[p] = r + 1;
    }
    fundedMask(order, input.costs, input.budget, input.locked, input.excluded, funded);
    for (let p = 0; p < n; p++) fundedCount[p]! += funded[p]!;
  }
  return { baseRank, minRank, maxRank, baseFunded, fundedCount, samples: input.samples };
}

/**
 * Whether a project's funded status differs from the unperturbed ranking in at least one sample.
 * @example flips({ baseFunded: Uint8Array.of(1), fundedCount: Uint32Array.of(99), samples: 100 } as never, 0) // true
 */
export function flips(result: SensitivityResult, project: number): boolean {
  const count = result.fundedCount[project]!;
  return result.baseFunded[project] ? count < result.samples : count > 0;
}
