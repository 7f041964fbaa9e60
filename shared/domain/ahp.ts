/**
 * Analytic Hierarchy Process (Saaty): criteria weights from a pairwise comparison matrix, as the principal
 * eigenvector, with the consistency ratio that says whether the judgments hang together (warn above 0.1).
 */

/** Saaty's random consistency index by matrix size (index = n); n ≤ 2 is always consistent. */
export const RANDOM_INDEX: readonly number[] = [
  0, 0, 0, 0.58, 0.9, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59,
];

/** Largest matrix with a random index (and more criteria than a committee can compare pairwise). */
export const AHP_MAX_SIZE = RANDOM_INDEX.length - 1;

/** Above this consistency ratio the judgments should be revisited (Saaty's 10% rule). */
export const CR_WARNING = 0.1;

export type AhpResult = Readonly<{
  /** Principal eigenvector normalised to sum 1, in the matrix's order. */
  weights: number[];
  lambdaMax: number;
  /** Consistency index (λmax − n) / (n − 1). */
  ci: number;
  /** Consistency ratio CI / RI(n); 0 for n ≤ 2. */
  cr: number;
  /** True when cr > CR_WARNING. */
  inconsistent: boolean;
}>;

/** Why a matrix cannot be used; `row`/`col` are 0-based. */
export class AhpMatrixError extends Error {
  constructor(
    readonly en: string,
    readonly th: string,
    readonly row?: number,
    readonly col?: number,
  ) {
    super(en);
    this.name = 'AhpMatrixError';
  }
}

const MIN_JUDGMENT = 1 / 9 - 1e-9;
const MAX_JUDGMENT = 9 + 1e-9;

/**
 * Builds the full reciprocal matrix from the judgments above the diagonal, row by row:
 * `upper[k]` compares criterion i with j (i < j), how many times more important i is than j (1/9 … 9).
 * @example matrixFromUpper(3, [3, 5, 3]) // [[1,3,5],[1/3,1,3],[1/5,1/3,1]]
 */
export function matrixFromUpper(n: number, upper: readonly number[]): number[][] {
  const expected = (n * (n - 1)) / 2;
  if (!Number.isInteger(n) || n < 1 || n > AHP_MAX_SIZE) {
    throw new AhpMatrixError(
      `a comparison needs 1 to ${AHP_MAX_SIZE} criteria, got ${n}`,
      `การเปรียบเทียบต้องมีเกณฑ์ 1 ถึง ${AHP_MAX_SIZE} ข้อ แต่มี ${n} ข้อ`,
    );
  }
  if (upper.length !== expected) {
    throw new AhpMatrixError(
      `${n} criteria need ${expected} pairwise judgments, got ${upper.length}`,
      `เกณฑ์ ${n} ข้อต้องมีการเปรียบเทียบเป็นคู่ ${expected} คู่ แต่มี ${upper.length} คู่`,
    );
  }
  const m = Array.from({ length: n }, () => Array<number>(n).fill(1));
  let k = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const v = upper[k++]!;
      checkJudgment(v, i, j);
      m[i]![j] = v;
      m[j]![i] = 1 / v;
    }
  }
  return m;
}

function checkJudgment(v: number, i: number, j: number): void {
  if (!Number.isFinite(v) || v < MIN_JUDGMENT || v > MAX_JUDGMENT) {
    throw new AhpMatrixError(
      `row ${i + 1}, column ${j + 1}: ${v} is not a judgment between 1/9 and 9`,
      `แถว ${i + 1} คอลัมน์ ${j + 1}: ${v} ไม่ใช่ค่าการเปรียบเทียบระหว่าง 1/9 ถึง 9`,
      i,
      j,
    );
  }
}

/** Checks a full matrix: square, 1 on the diagonal, judgments within 1/9 … 9 and reciprocal (a_ji = 1 / a_ij). */
export function checkMatrix(m: readonly (readonly number[])[]): void {
  const n = m.length;
  if (n < 1 || n > AHP_MAX_SIZE) {
    throw new AhpMatrixError(
      `a comparison needs 1 to ${AHP_MAX_SIZE} criteria, got ${n}`,
      `การเปรียบเทียบต้องมีเกณฑ์ 1 ถึง ${AHP_MAX_SIZE} ข้อ แต่มี ${n} ข้อ`,
    );
  }
  for (let i = 0; i < n; i++) {
    const row = m[i]!;
    if (row.length !== n) {
      throw new AhpMatrixError(
        `row ${i + 1} has ${row.length} values, expected ${n}`,
        `แถว ${i + 1} มี ${row.length} ค่า ต้องมี ${n} ค่า`,
        i,
      );
    }
    if (Math.abs(row[i]! - 1) > 1e-9) {
      throw new AhpMatrixError(
        `row ${i + 1}: the diagonal must be 1, got ${row[i]}`,
        `แถว ${i + 1}: ค่าบนเส้นทแยงมุมต้องเป็น 1 แต่เป็น ${row[i]}`,
        i,
        i,
      );
    }
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      const v = row[j]!;
      checkJudgment(v, i, j);
      const back = m[j]?.[i];
      if (back === undefined || Math.abs(v * back - 1) > 1e-6) {
        throw new AhpMatrixError(
          `row ${i + 1}, column ${j + 1}: ${v} and its mirror ${back} are not reciprocal`,
          `แถว ${i + 1} คอลัมน์ ${j + 1}: ${v} กับค่าคู่กลับ ${back} ไม่เป็นส่วนกลับกัน`,
          i,
          j,
        );
      }
    }
  }
}

/**
 * Weights as the principal eigenvector of a positive reciprocal matrix (power iteration, which converges for
 * positive matrices by Perron–Frobenius), λmax, CI and Saaty's consistency ratio.
 * @example
 * ahpWeights([[1, 3, 5], [1 / 3, 1, 3], [1 / 5, 1 / 3, 1]])
 * // { weights: [0.637, 0.258, 0.105] (rounded), lambdaMax: 3.039, cr: 0.033, inconsistent: false, ... }
 */
export function ahpWeights(m: readonly (readonly number[])[]): AhpResult {
  checkMatrix(m);
  const n = m.length;
  let w = Array<number>(n).fill(1 / n);
  for (let iter = 0; iter < 1000; iter++) {
    const next = multiply(m, w);
    const sum = next.reduce((s, v) => s + v, 0);
    for (let i = 0; i < n; i++) next[i] = next[i]! / sum;
    const delta = next.reduce((d, v, i) => Math.max(d, Math.abs(v - w[i]!)), 0);
    w = next;
    if (delta < 1e-13) break;
  }
  const aw = multiply(m, w);
  const lambdaMax = aw.reduce((s, v, i) => s + v / w[i]!, 0) / n;
  const ci = n <= 2 ? 0 : Math.max(0, (lambdaMax - n) / (n - 1));
  const ri = RANDOM_INDEX[n] ?? 0;
  const cr = ri > 0 ? ci / ri : 0;
  return { weights: w, lambdaMax, ci, cr, inconsistent: cr > CR_WARNING };
}

function multiply(m: readonly (readonly number[])[], v: readonly number[]): number[] {
  return m.map((row) => row.reduce((s, a, j) => s + a * v[j]!, 0));
}

/**
 * Rounds weights to `digits` decimals so that they still sum to exactly 1 at that precision
 * (largest remainders get the spare units), for storing and showing.
 * @example roundWeights([1 / 3, 1 / 3, 1 / 3], 2) // [0.34, 0.33, 0.33]
 */
export function roundWeights(weights: readonly number[], digits = 4): number[] {
  const scale = 10 ** digits;
  const total = weights.reduce((s, v) => s + v, 0);
  if (!(total > 0)) return weights.map(() => 0);
  const raw = weights.map((v) => (v / total) * scale);
  const floors = raw.map(Math.floor);
  let spare = scale - floors.reduce((s, v) => s + v, 0);
  const order = raw.map((v, i) => ({ i, r: v - floors[i]! })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (spare <= 0) break;
    floors[i] = floors[i]! + 1;
    spare--;
  }
  return floors.map((v) => v / scale);
}
