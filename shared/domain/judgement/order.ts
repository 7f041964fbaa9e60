/**
 * The ranking's order on typed arrays, for the paths that rank thousands of projects many times (sensitivity,
 * an edit's re-rank). Same rule as `rankProjects`: composite (0–100, rounded to 1e-9) descending, then the static
 * tie-break (need evidence desc, lower cost, code).
 */
import type { ProjectForRanking } from '../scoring';

/** Composites are rounded to this many steps per point so that float noise never decides a tie. */
const STEPS = 1e9;
/** Largest rounded composite (100 points) plus one. */
const SPAN = 100 * STEPS + 1;
/** Projects that fit the packed sort key (SPAN × PACK < 2^53). */
const PACK = 65_536;

/**
 * The documented tie-break between equal composites: more need evidence first, then lower cost, then code.
 * @example compareTieBreak({id:1,code:'B',cost:5,needEvidence:9}, {id:2,code:'A',cost:5,needEvidence:3}) // < 0
 */
export function compareTieBreak(a: ProjectForRanking, b: ProjectForRanking): number {
  return b.needEvidence - a.needEvidence || a.cost - b.cost || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}

/**
 * Each project's position in the tie-break order (0 = wins every tie).
 * @example tiePositions([{id:1,code:'B',cost:5,needEvidence:1}, {id:2,code:'A',cost:5,needEvidence:1}]) // [1, 0]
 */
export function tiePositions(projects: readonly ProjectForRanking[]): Uint32Array {
  const idx = projects.map((_, i) => i).sort((a, b) => compareTieBreak(projects[a]!, projects[b]!));
  const pos = new Uint32Array(projects.length);
  idx.forEach((p, i) => (pos[p] = i));
  return pos;
}

/**
 * Rounds a composite the way the ranking does (1e-9 of a point).
 * @example roundComposite(61.2000000000004) // 61.2
 */
export function roundComposite(x: number): number {
  return Math.round(x * STEPS) / STEPS;
}

/**
 * Project indices best first. With at most 65,536 projects the composite and tie position are packed into one
 * exactly representable number and sorted natively (no comparator): a few hundred microseconds for 5,000.
 * @example rankOrder(Float64Array.of(50, 70, 50), Uint32Array.of(1, 2, 0)) // Uint32Array [1, 2, 0]
 */
export function rankOrder(composites: Float64Array, tie: Uint32Array, keys?: Float64Array): Uint32Array {
  const n = composites.length;
  const out = new Uint32Array(n);
  if (n <= PACK) {
    const k = keys && keys.length === n ? keys : new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const steps = Math.round(composites[i]! * STEPS);
      k[i] = (SPAN - 1 - steps) * PACK + tie[i]!;
    }
    k.sort();
    // Tie positions are a permutation, so the low part names the project.
    const projectAt = new Uint32Array(n);
    for (let i = 0; i < n; i++) projectAt[tie[i]!] = i;
    for (let i = 0; i < n; i++) out[i] = projectAt[k[i]! % PACK]!;
    return out;
  }
  const idx = Array.from({ length: n }, (_, i) => i);
  const rounded = Array.from(composites, (c) => Math.round(c * STEPS));
  idx.sort((a, b) => rounded[b]! - rounded[a]! || tie[a]! - tie[b]!);
  out.set(idx);
  return out;
}

/**
 * Greedy funding down an order, as `greedyAllocate` without envelopes: locked projects (`include` overrides) are
 * charged first, excluded ones skipped, then each project is funded when its cost fits the money left.
 * Returns 1 per funded project (by index).
 * @example fundedMask(Uint32Array.of(0, 1, 2), [70, 50, 30], 100) // Uint8Array [1, 0, 1]
 */
export function fundedMask(
  order: Uint32Array,
  costs: ArrayLike<number>,
  budget: number,
  locked?: Uint8Array,
  excluded?: Uint8Array,
  out?: Uint8Array,
): Uint8Array {
  const n = order.length;
  const funded = out && out.length === n ? out.fill(0) : new Uint8Array(n);
  let remaining = budget;
  if (locked) {
    for (let i = 0; i < n; i++) {
      if (locked[i] && !excluded?.[i]) {
        funded[i] = 1;
        remaining -= costs[i]!;
      }
    }
  }
  for (let r = 0; r < n; r++) {
    const i = order[r]!;
    if (funded[i] || excluded?.[i]) continue;
    if (costs[i]! <= remaining) {
      funded[i] = 1;
      remaining -= costs[i]!;
    }
  }
  return funded;
}
