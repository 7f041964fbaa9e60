/**
 * The "optimum" allocation rule: a mixed-integer program that picks the set of projects (and, for
 * partially fundable ones, the amounts) maximising Σ composite score or Σ people reached under the
 * committee's constraints. Pure: the MIP solver is injected as an {@link LpSolver} that takes CPLEX LP
 * text, so this module runs unchanged in the main process, a worker or the renderer.
 *
 * Exactness: the solver works in floating point with tolerances, so its solution is rounded to integer
 * satang, repaired on partially funded amounts, and re-verified in integer arithmetic before it is
 * returned; a row the rounded solution still violates is tightened by the violation and re-solved.
 */
import { formatBaht } from '../money';
import type { AllocationOutcome, AllocationProject, Decision, DecisionReason } from './types';

/** The parts of a HiGHS `solve()` result this rule reads (a HiGHS result is assignable to it). */
export type LpSolution = Readonly<{
  /** HiGHS model status, e.g. 'Optimal', 'Infeasible', 'Time limit reached'. */
  Status: string;
  /** Columns by name; infeasible results carry no `Primal`. */
  Columns: Readonly<Record<string, Readonly<{ Index: number; Primal?: number }>>>;
}>;

/** Solves a model written in CPLEX LP format (maximise or minimise; `Binary` and `General` sections). */
export type LpSolver = (lp: string) => Promise<LpSolution>;

/** What the optimum maximises. */
export type OptimumObjective = 'score' | 'people';

/** A named constraint group, as the infeasibility explanation shows it to the committee. */
export type ConstraintGroup = Readonly<{
  /** Stable id: 'ceiling', 'floor:1901', 'cap:1901', 'strategyCap:S1', 'mustFund:P1', 'mustNot:P1',
   *  'dependency:P1->P2', 'incompatible:P1|P2', 'lock:P1'. */
  id: string;
  th: string;
  en: string;
}>;

/** Display names for explanations (Thai, and English where given); codes are used where a name is missing. */
export type OptimumNames = Readonly<{
  districts?: Readonly<Record<string, string>>;
  districtsEn?: Readonly<Record<string, string>>;
  strategies?: Readonly<Record<string, string>>;
  strategiesEn?: Readonly<Record<string, string>>;
  /** Project id → project code (the same in both languages). */
  projects?: Readonly<Record<string, string>>;
  /** Ids of projects locked because the committee included them (their lock is named so, not as a scenario's). */
  included?: readonly string[];
}>;

/** Input of {@link optimize}. All money is integer satang. */
export type OptimumInput = Readonly<{
  projects: readonly AllocationProject[];
  /** Budget ceiling. */
  budget: number;
  objective: OptimumObjective;
  /** Minimum total per district code. */
  districtFloors?: Readonly<Record<string, number>>;
  /** Maximum total per district code. */
  districtCaps?: Readonly<Record<string, number>>;
  /** Maximum total per strategy code. */
  strategyCaps?: Readonly<Record<string, number>>;
  mustFund?: readonly string[];
  mustNot?: readonly string[];
  /** `project` may be funded only if `requires` is funded. */
  dependencies?: readonly Readonly<{ project: string; requires: string }>[];
  /** Pairs that may not both be funded. */
  incompatibilities?: readonly (readonly [string, string])[];
  /** When false every project is all-or-nothing regardless of `minCost` (default true). */
  partialFunding?: boolean;
  /** Project id → fixed amount (0 keeps it out). */
  locks?: Readonly<Record<string, number>>;
  names?: OptimumNames;
}>;

/** Result of {@link optimize}. */
export type OptimumOutcome = AllocationOutcome &
  Readonly<{
    status: 'optimal' | 'infeasible';
    /** Σ value × funded/cost over funded projects (locks included), computed from the final amounts. */
    objectiveValue: number;
    /** When infeasible: a minimal set of constraint groups that cannot all hold together. */
    conflict?: readonly ConstraintGroup[];
  }>;

/** The solver ended in a state that is neither a proven optimum nor proven infeasibility. */
export class OptimumSolverError extends Error {
  constructor(readonly solverStatus: string) {
    super(`optimum: solver ended with status "${solverStatus}"`);
    this.name = 'OptimumSolverError';
  }
}

type GroupKind = 'ceiling' | 'floor' | 'cap' | 'strategyCap' | 'mustFund' | 'mustNot' | 'dependency' | 'incompatible' | 'lock';

type Group = ConstraintGroup & {
  kind: GroupKind;
  /** District/strategy code for money groups. */
  key?: string;
  /** Bound for money groups and the amount for locks. */
  amount?: number;
  /** Project indexes the group speaks about. */
  members: number[];
};

type Prepared = {
  input: OptimumInput;
  projects: readonly AllocationProject[];
  cost: number[];
  /** Smallest fundable amount (equals cost when all-or-nothing). */
  min: number[];
  partial: boolean[];
  value: number[];
  groups: Group[];
  byId: Map<string, Group>;
  /** Objective multiplier (power of two) that lifts per-satang coefficients above solver tolerances. */
  objScale: number;
};

type Sense = '<=' | '>=';

type Row = { group: string; terms: Map<string, number>; sense: Sense; rhs: number };

type Model = {
  /** Null when the active groups are infeasible on constants alone (e.g. a lock breaks a cap). */
  lp: string | null;
  locked: Map<number, number>;
};

type Solved = { kind: 'feasible'; amounts: number[]; locked: Map<number, number> } | { kind: 'infeasible' };

/** Deletion-filter order: groups a committee is likeliest to revise are tried (and dropped) first. */
const DELETION_ORDER: readonly GroupKind[] = [
  'lock',
  'incompatible',
  'dependency',
  'mustNot',
  'mustFund',
  'strategyCap',
  'cap',
  'floor',
  'ceiling',
];

const MAX_TIGHTEN_ROUNDS = 4;
const TERMS_PER_LINE = 40;

/**
 * Computes the allocation that maximises the chosen objective under every constraint, or, when no
 * allocation satisfies them all, a minimal conflicting set of constraint groups.
 * @example
 * const out = await optimize(
 *   { projects: [{ id: 'A', cost: 600, score: 10 }, { id: 'B', cost: 500, score: 7 }, { id: 'C', cost: 500, score: 7 }],
 *     budget: 1000, objective: 'score' },
 *   createHighsSolver(),
 * );
 * // out.status === 'optimal', out.funded → { B: 500, C: 500 } (greedy would take A alone)
 */
export async function optimize(input: OptimumInput, solver: LpSolver): Promise<OptimumOutcome> {
  const prep = prepare(input);
  const all = new Set(prep.groups.map((g) => g.id));
  const solved = await solveExact(prep, all, true, solver);
  if (solved.kind === 'infeasible') {
    const conflict = await deletionFilter(prep, solver);
    return infeasibleOutcome(prep, conflict);
  }
  return optimalOutcome(prep, solved.amounts, solved.locked);
}

/**
 * Lists the constraint groups of an input in display order (what a conflict is chosen from).
 * @example listConstraintGroups({ projects: [], budget: 100, objective: 'score' }).map((g) => g.id) // ['ceiling']
 */
export function listConstraintGroups(input: OptimumInput): ConstraintGroup[] {
  return prepare(input).groups.map(({ id, th, en }) => ({ id, th, en }));
}

/**
 * Whether some integer-satang allocation satisfies the given constraint groups (all of them when
 * `groupIds` is omitted); the objective is ignored. Used by the conflict search and its tests.
 * @example await checkFeasible(input, solver, ['ceiling', 'floor:1901']) // false if the floor exceeds the budget
 */
export async function checkFeasible(input: OptimumInput, solver: LpSolver, groupIds?: Iterable<string>): Promise<boolean> {
  const prep = prepare(input);
  const active = new Set(groupIds ?? prep.groups.map((g) => g.id));
  for (const id of active) if (!prep.byId.has(id)) throw new RangeError(`optimum: unknown constraint group "${id}"`);
  return feasible(prep, active, solver);
}

// ---------------------------------------------------------------------------------------------
// Input checking and constraint groups

function prepare(input: OptimumInput): Prepared {
  const { projects } = input;
  const index = new Map<string, number>();
  projects.forEach((p, i) => {
    if (index.has(p.id)) throw new RangeError(`optimum: duplicate project id "${p.id}"`);
    index.set(p.id, i);
    if (!Number.isSafeInteger(p.cost) || p.cost <= 0) {
      throw new RangeError(`optimum: project "${p.id}" cost must be a positive integer (satang)`);
    }
    const m = p.minCost ?? p.cost;
    if (!Number.isSafeInteger(m) || m < 1 || m > p.cost) {
      throw new RangeError(`optimum: project "${p.id}" minCost must be an integer in [1, cost]`);
    }
    if (!Number.isFinite(p.score)) throw new RangeError(`optimum: project "${p.id}" score must be finite`);
  });
  money(input.budget, 'budget');

  const partialOn = input.partialFunding ?? true;
  const cost = projects.map((p) => p.cost);
  const min = projects.map((p) => (partialOn ? (p.minCost ?? p.cost) : p.cost));
  const partial = projects.map((p, i) => min[i]! < p.cost);
  const value = projects.map((p) => {
    const v = input.objective === 'people' ? (p.peopleReached ?? 0) : p.score;
    if (!Number.isFinite(v)) throw new RangeError(`optimum: project "${p.id}" value must be finite`);
    return v;
  });

  const at = (id: string, what: string): number => {
    const i = index.get(id);
    if (i === undefined) throw new RangeError(`optimum: ${what} names unknown project "${id}"`);
    return i;
  };
  const names = input.names ?? {};
  const dName = (code: string): { th: string; en: string } => {
    const n = names.districts?.[code];
    const e = names.districtsEn?.[code];
    return { th: n !== undefined ? `อำเภอ${n}` : `อำเภอรหัส ${code}`, en: e !== undefined ? `${e} district` : `district ${code}` };
  };
  const sName = (code: string): { th: string; en: string } => {
    const n = names.strategies?.[code];
    const e = names.strategiesEn?.[code];
    return {
      th: n !== undefined ? `ประเด็นยุทธศาสตร์${n}` : `ประเด็นยุทธศาสตร์รหัส ${code}`,
      en: e !== undefined ? `the ${e} issue` : `strategy ${code}`,
    };
  };
  const pName = (i: number): { th: string; en: string } => {
    const id = projects[i]!.id;
    const n = names.projects?.[id];
    return { th: `โครงการ ${n ?? id}`, en: `project ${n ?? id}` };
  };
  const baht = (s: number): string => formatBaht(s);

  const groups: Group[] = [];
  const add = (g: Group): void => {
    if (!groups.some((h) => h.id === g.id)) groups.push(g);
  };
  const byDistrict = (code: string): number[] => indexesWhere(projects, (p) => p.district === code);
  const byStrategy = (code: string): number[] => indexesWhere(projects, (p) => p.strategy === code);

  add({
    id: 'ceiling',
    kind: 'ceiling',
    amount: input.budget,
    members: projects.map((_, i) => i),
    th: `วงเงินงบประมาณรวมไม่เกิน ${baht(input.budget)} บาท`,
    en: `budget ceiling: ${baht(input.budget)} baht`,
  });
  for (const [code, amount] of sortedEntries(input.districtFloors)) {
    money(amount, `floor for district ${code}`);
    // A zero floor can never bind; leaving it out saves a solve in the conflict search.
    if (amount === 0) continue;
    const n = dName(code);
    add({
      id: `floor:${code}`,
      kind: 'floor',
      key: code,
      amount,
      members: byDistrict(code),
      th: `งบขั้นต่ำ${n.th} ${baht(amount)} บาท`,
      en: `floor for ${n.en}: ${baht(amount)} baht`,
    });
  }
  for (const [code, amount] of sortedEntries(input.districtCaps)) {
    money(amount, `cap for district ${code}`);
    const n = dName(code);
    add({
      id: `cap:${code}`,
      kind: 'cap',
      key: code,
      amount,
      members: byDistrict(code),
      th: `เพดานงบ${n.th} ${baht(amount)} บาท`,
      en: `cap for ${n.en}: ${baht(amount)} baht`,
    });
  }
  for (const [code, amount] of sortedEntries(input.strategyCaps)) {
    money(amount, `cap for strategy ${code}`);
    const n = sName(code);
    add({
      id: `strategyCap:${code}`,
      kind: 'strategyCap',
      key: code,
      amount,
      members: byStrategy(code),
      th: `เพดานงบ${n.th} ${baht(amount)} บาท`,
      en: `cap for ${n.en}: ${baht(amount)} baht`,
    });
  }
  for (const id of input.mustFund ?? []) {
    const i = at(id, 'mustFund');
    const n = pName(i);
    add({ id: `mustFund:${id}`, kind: 'mustFund', members: [i], th: `${n.th} ต้องได้รับงบ`, en: `${n.en} must be funded` });
  }
  for (const id of input.mustNot ?? []) {
    const i = at(id, 'mustNot');
    const n = pName(i);
    add({ id: `mustNot:${id}`, kind: 'mustNot', members: [i], th: `${n.th} ห้ามได้รับงบ`, en: `${n.en} must not be funded` });
  }
  for (const d of input.dependencies ?? []) {
    const p = at(d.project, 'dependency');
    const r = at(d.requires, 'dependency');
    const np = pName(p);
    const nr = pName(r);
    add({
      id: `dependency:${d.project}->${d.requires}`,
      kind: 'dependency',
      members: [p, r],
      th: `${np.th} ได้รับงบได้ก็ต่อเมื่อ${nr.th}ได้รับงบ`,
      en: `${np.en} may be funded only if ${nr.en} is funded`,
    });
  }
  for (const [a, b] of input.incompatibilities ?? []) {
    const ia = at(a, 'incompatibility');
    const ib = at(b, 'incompatibility');
    const na = pName(ia);
    const nb = pName(ib);
    add({
      id: `incompatible:${a}|${b}`,
      kind: 'incompatible',
      members: [ia, ib],
      th: `${na.th} และ${nb.th} ได้รับงบพร้อมกันไม่ได้`,
      en: `${na.en} and ${nb.en} cannot both be funded`,
    });
  }
  for (const [id, amount] of Object.entries(input.locks ?? {})) {
    const i = at(id, 'lock');
    money(amount, `lock for project ${id}`);
    if (amount > cost[i]!) throw new RangeError(`optimum: lock for project "${id}" exceeds its cost`);
    const n = pName(i);
    add({
      id: `lock:${id}`,
      kind: 'lock',
      amount,
      members: [i],
      ...(input.names?.included?.includes(id)
        ? {
            th: `${n.th} ที่คณะกรรมการให้รวมไว้ ใช้งบ ${baht(amount)} บาท`,
            en: `${n.en}, included by the committee, takes ${baht(amount)} baht`,
          }
        : {
            th: amount === 0 ? `${n.th} ถูกล็อกไม่ให้ได้รับงบ` : `${n.th} ถูกล็อกไว้ที่ ${baht(amount)} บาท`,
            en: amount === 0 ? `${n.en} locked out (0.00 baht)` : `${n.en} locked at ${baht(amount)} baht`,
          }),
    });
  }

  // Per-satang objective coefficients (value/cost) are ~1e-8 for multi-million-baht projects, below
  // HiGHS' dual tolerance (1e-7), so the solver would ignore partial amounts; scale the whole objective.
  let smallest = Infinity;
  projects.forEach((_, i) => {
    if (partial[i] && value[i] !== 0) smallest = Math.min(smallest, Math.abs(value[i]!) / cost[i]!);
  });
  const objScale = smallest < 1e-2 ? 2 ** Math.min(60, Math.ceil(Math.log2(1e-2 / smallest))) : 1;

  return {
    input,
    projects,
    cost,
    min,
    partial,
    value,
    groups,
    byId: new Map(groups.map((g) => [g.id, g])),
    objScale,
  };
}

function money(amount: number, what: string): void {
  if (!Number.isSafeInteger(amount) || amount < 0) {
    throw new RangeError(`optimum: ${what} must be a non-negative integer (satang)`);
  }
}

function sortedEntries(rec: Readonly<Record<string, number>> | undefined): [string, number][] {
  return Object.entries(rec ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function indexesWhere<T>(xs: readonly T[], pred: (x: T, i: number) => boolean): number[] {
  const out: number[] = [];
  xs.forEach((x, i) => {
    if (pred(x, i)) out.push(i);
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Model

type ModelOptions = {
  withObjective: boolean;
  /** LP relaxation: funding variables continuous in [0, 1]. */
  relax?: boolean;
  /** Group id → satang by which its bound is tightened. */
  tighten?: ReadonlyMap<string, number>;
};

function buildModel(prep: Prepared, active: ReadonlySet<string>, opts: ModelOptions): Model {
  const tighten = opts.tighten ?? new Map<string, number>();
  const { projects, cost, min, partial } = prep;
  const locked = new Map<number, number>();
  for (const g of prep.groups) if (g.kind === 'lock' && active.has(g.id)) locked.set(g.members[0]!, g.amount!);

  // An expression is variable terms plus a constant (locked projects are constants).
  const amountTerms = (i: number, row: Row): number => {
    const l = locked.get(i);
    if (l !== undefined) return l;
    addTerm(row.terms, `x${i}`, min[i]!);
    if (partial[i]) addTerm(row.terms, `e${i}`, 1);
    return 0;
  };
  const fundedTerm = (i: number, row: Row, coef: number): number => {
    const l = locked.get(i);
    if (l !== undefined) return l > 0 ? coef : 0;
    addTerm(row.terms, `x${i}`, coef);
    return 0;
  };

  const rows: Row[] = [];
  for (const g of prep.groups) {
    if (!active.has(g.id) || g.kind === 'lock') continue;
    const row: Row = { group: g.id, terms: new Map(), sense: '<=', rhs: 0 };
    let constant = 0;
    switch (g.kind) {
      case 'ceiling':
      case 'cap':
      case 'strategyCap':
      case 'floor':
        for (const i of g.members) constant += amountTerms(i, row);
        row.sense = g.kind === 'floor' ? '>=' : '<=';
        row.rhs = g.amount! + (g.kind === 'floor' ? 1 : -1) * (tighten.get(g.id) ?? 0);
        break;
      case 'mustFund':
        constant += fundedTerm(g.members[0]!, row, 1);
        row.sense = '>=';
        row.rhs = 1;
        break;
      case 'mustNot':
        constant += fundedTerm(g.members[0]!, row, 1);
        row.rhs = 0;
        break;
      case 'dependency':
        constant += fundedTerm(g.members[0]!, row, 1);
        constant += fundedTerm(g.members[1]!, row, -1);
        row.rhs = 0;
        break;
      case 'incompatible':
        constant += fundedTerm(g.members[0]!, row, 1);
        constant += fundedTerm(g.members[1]!, row, 1);
        row.rhs = 1;
        break;
    }
    row.rhs -= constant;
    for (const [k, c] of row.terms) if (c === 0) row.terms.delete(k);
    if (row.terms.size === 0) {
      if (row.sense === '<=' ? 0 > row.rhs : 0 < row.rhs) return { lp: null, locked };
      continue;
    }
    rows.push(row);
  }

  const out: string[] = [];
  const free = indexesWhere(projects, (_, i) => !locked.has(i));
  if (opts.withObjective) {
    out.push('Maximize', ' obj:');
    const obj = new Map<string, number>();
    for (const i of free) {
      const perSatang = (prep.value[i]! / cost[i]!) * prep.objScale;
      addTerm(obj, `x${i}`, perSatang * min[i]!);
      if (partial[i]) addTerm(obj, `e${i}`, perSatang);
    }
    writeTerms(out, obj);
  } else {
    out.push('Minimize', ' obj:');
  }
  out.push('Subject To');
  rows.forEach((row, r) => {
    out.push(` r${r}:`);
    writeTerms(out, row.terms);
    out.push(`  ${row.sense} ${row.rhs}`);
  });
  for (const i of free) {
    if (!partial[i]) continue;
    out.push(` l${i}: e${i} - ${cost[i]! - min[i]!} x${i} <= 0`);
  }
  out.push('Bounds');
  for (const i of free) if (partial[i]) out.push(` 0 <= e${i} <= ${cost[i]! - min[i]!}`);
  if (opts.relax) {
    for (const i of free) out.push(` 0 <= x${i} <= 1`);
  } else {
    out.push('Binary');
    for (let k = 0; k < free.length; k += TERMS_PER_LINE) {
      out.push(
        ' ' +
          free
            .slice(k, k + TERMS_PER_LINE)
            .map((i) => `x${i}`)
            .join(' '),
      );
    }
  }
  out.push('End', '');
  return { lp: out.join('\n'), locked };
}

function addTerm(terms: Map<string, number>, col: string, coef: number): void {
  terms.set(col, (terms.get(col) ?? 0) + coef);
}

function writeTerms(out: string[], terms: ReadonlyMap<string, number>): void {
  let line: string[] = [];
  for (const [col, c] of terms) {
    if (c === 0) continue;
    line.push(`${c < 0 ? '-' : '+'} ${fmtNum(Math.abs(c))} ${col}`);
    if (line.length === TERMS_PER_LINE) {
      out.push('  ' + line.join(' '));
      line = [];
    }
  }
  if (line.length > 0) out.push('  ' + line.join(' '));
}

function fmtNum(n: number): string {
  // LP readers parse exponents, but keep integers plain so row data round-trips exactly.
  return Number.isInteger(n) && n < 1e21 ? n.toFixed(0) : String(n);
}

// ---------------------------------------------------------------------------------------------
// Solving to exact integer satang

async function solveExact(
  prep: Prepared,
  active: ReadonlySet<string>,
  withObjective: boolean,
  solver: LpSolver,
): Promise<Solved> {
  const tighten = new Map<string, number>();
  for (let round = 0; round <= MAX_TIGHTEN_ROUNDS; round++) {
    const model = buildModel(prep, active, { withObjective, tighten });
    if (model.lp === null) return { kind: 'infeasible' };
    const sol = await solver(model.lp);
    if (provenInfeasible(sol)) return { kind: 'infeasible' };
    // 'Empty': every project is locked, so the constants (already checked by the model) are the answer.
    if (sol.Status !== 'Optimal' && sol.Status !== 'Empty') throw new OptimumSolverError(sol.Status);
    const amounts = roundSolution(prep, sol, model.locked);
    repairMoney(prep, active, amounts, model.locked);
    const violations = violatedRows(prep, active, amounts);
    if (violations.size === 0) return { kind: 'feasible', amounts, locked: model.locked };
    for (const [id, by] of violations) {
      const g = prep.byId.get(id)!;
      // Only money rows can be off by rounding; a violated logical row means a broken solver answer.
      if (g.kind !== 'ceiling' && g.kind !== 'floor' && g.kind !== 'cap' && g.kind !== 'strategyCap') {
        throw new OptimumSolverError(`solution violates ${id}`);
      }
      tighten.set(id, (tighten.get(id) ?? 0) + by);
    }
  }
  throw new OptimumSolverError('solution could not be made exact in integer satang');
}

function provenInfeasible(sol: LpSolution): boolean {
  // Every column is bounded, so "infeasible or unbounded" can only mean infeasible.
  return sol.Status === 'Infeasible' || sol.Status === 'Primal infeasible or unbounded';
}

/**
 * Objective-free integer feasibility. The LP relaxation goes first: when it is infeasible so is the
 * MIP, and it settles that in a fraction of the time a MIP infeasibility proof can take.
 */
async function feasible(prep: Prepared, active: ReadonlySet<string>, solver: LpSolver): Promise<boolean> {
  const relaxed = buildModel(prep, active, { withObjective: false, relax: true });
  if (relaxed.lp === null) return false;
  if (provenInfeasible(await solver(relaxed.lp))) return false;
  return (await solveExact(prep, active, false, solver)).kind === 'feasible';
}

function roundSolution(prep: Prepared, sol: LpSolution, locked: ReadonlyMap<number, number>): number[] {
  const col = (name: string): number => sol.Columns[name]?.Primal ?? 0;
  return prep.projects.map((_, i) => {
    const l = locked.get(i);
    if (l !== undefined) return l;
    if (col(`x${i}`) < 0.5) return 0;
    if (!prep.partial[i]) return prep.cost[i]!;
    const extra = Math.round(col(`e${i}`));
    return prep.min[i]! + Math.max(0, Math.min(prep.cost[i]! - prep.min[i]!, extra));
  });
}

type MoneyRow = { id: string; members: number[]; sense: Sense; bound: number; activity: number };

function moneyRows(prep: Prepared, active: ReadonlySet<string>, amounts: readonly number[]): MoneyRow[] {
  const rows: MoneyRow[] = [];
  for (const g of prep.groups) {
    if (!active.has(g.id)) continue;
    if (g.kind !== 'ceiling' && g.kind !== 'floor' && g.kind !== 'cap' && g.kind !== 'strategyCap') continue;
    let activity = 0;
    for (const i of g.members) activity += amounts[i]!;
    rows.push({ id: g.id, members: g.members, sense: g.kind === 'floor' ? '>=' : '<=', bound: g.amount!, activity });
  }
  return rows;
}

/** Shifts partially funded amounts by the few satang rounding can cost, without breaking other rows. */
function repairMoney(prep: Prepared, active: ReadonlySet<string>, amounts: number[], locked: ReadonlyMap<number, number>): void {
  const rows = moneyRows(prep, active, amounts);
  const rowsOf = new Map<number, MoneyRow[]>();
  for (const r of rows) {
    for (const i of r.members) {
      const list = rowsOf.get(i);
      if (list) list.push(r);
      else rowsOf.set(i, [r]);
    }
  }
  const perSatang = (i: number): number => prep.value[i]! / prep.cost[i]!;
  for (let pass = 0; pass < 2 * rows.length + 1; pass++) {
    let changed = false;
    for (const r of rows) {
      const gap = r.sense === '<=' ? r.activity - r.bound : r.bound - r.activity;
      if (gap <= 0) continue;
      const dir = r.sense === '<=' ? -1 : 1;
      const movable = r.members
        .filter((i) => prep.partial[i] && amounts[i]! > 0 && !locked.has(i))
        .sort((a, b) => dir * (perSatang(b) - perSatang(a)) || a - b);
      let need = gap;
      for (const i of movable) {
        if (need === 0) break;
        let room = dir < 0 ? amounts[i]! - prep.min[i]! : prep.cost[i]! - amounts[i]!;
        for (const other of rowsOf.get(i) ?? []) {
          if (other === r) continue;
          // Moving in `dir` eats slack only in rows whose sense opposes that move.
          if (dir < 0 && other.sense === '>=') room = Math.min(room, Math.max(0, other.activity - other.bound));
          if (dir > 0 && other.sense === '<=') room = Math.min(room, Math.max(0, other.bound - other.activity));
        }
        const delta = Math.min(room, need);
        if (delta <= 0) continue;
        amounts[i]! += dir * delta;
        for (const other of rowsOf.get(i) ?? []) other.activity += dir * delta;
        need -= delta;
        changed = true;
      }
    }
    if (!changed) break;
  }
}

/** Violated groups → by how many satang (or 1 for logical rows), checked in integer arithmetic. */
function violatedRows(prep: Prepared, active: ReadonlySet<string>, amounts: readonly number[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of moneyRows(prep, active, amounts)) {
    const by = r.sense === '<=' ? r.activity - r.bound : r.bound - r.activity;
    if (by > 0) out.set(r.id, by);
  }
  const on = (i: number): boolean => amounts[i]! > 0;
  for (const g of prep.groups) {
    if (!active.has(g.id)) continue;
    const [a, b] = g.members;
    const bad =
      (g.kind === 'mustFund' && !on(a!)) ||
      (g.kind === 'mustNot' && on(a!)) ||
      (g.kind === 'dependency' && on(a!) && !on(b!)) ||
      (g.kind === 'incompatible' && on(a!) && on(b!)) ||
      (g.kind === 'lock' && amounts[a!] !== g.amount);
    if (bad) out.set(g.id, 1);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Infeasibility: deletion filter over constraint groups

async function deletionFilter(prep: Prepared, solver: LpSolver): Promise<ConstraintGroup[]> {
  const kept = new Set(prep.groups.map((g) => g.id));
  const order = [...prep.groups].sort((a, b) => DELETION_ORDER.indexOf(a.kind) - DELETION_ORDER.indexOf(b.kind));
  for (const g of order) {
    kept.delete(g.id);
    // Still infeasible without g → g is not needed to explain the conflict.
    if (await feasible(prep, kept, solver)) kept.add(g.id);
  }
  return prep.groups.filter((g) => kept.has(g.id)).map(({ id, th, en }) => ({ id, th, en }));
}

// ---------------------------------------------------------------------------------------------
// Outcomes and explanations

function byScoreThenId(prep: Prepared): (a: number, b: number) => number {
  const ps = prep.projects;
  return (a, b) => ps[b]!.score - ps[a]!.score || (ps[a]!.id < ps[b]!.id ? -1 : ps[a]!.id > ps[b]!.id ? 1 : 0);
}

function objectiveOf(prep: Prepared, amounts: readonly number[]): number {
  let sum = 0;
  amounts.forEach((a, i) => {
    if (a > 0) sum += (prep.value[i]! * a) / prep.cost[i]!;
  });
  return sum;
}

function optimalOutcome(prep: Prepared, amounts: readonly number[], locked: ReadonlyMap<number, number>): OptimumOutcome {
  const { projects, input } = prep;
  const all = new Set(prep.groups.map((g) => g.id));
  const rows = moneyRows(prep, all, amounts);
  const rowsByProject = new Map<number, MoneyRow[]>();
  for (const r of rows) for (const i of r.members) rowsByProject.set(i, [...(rowsByProject.get(i) ?? []), r]);
  const rowsOf = (i: number): MoneyRow[] => rowsByProject.get(i) ?? [];
  const mustNot = new Set(prep.groups.filter((g) => g.kind === 'mustNot').map((g) => g.members[0]!));
  const mustFund = new Set(prep.groups.filter((g) => g.kind === 'mustFund').map((g) => g.members[0]!));

  const decisions: Decision[] = [];
  let remaining = input.budget;
  const lockedOrder = [...locked.keys()].sort((a, b) => a - b);
  for (const i of lockedOrder) {
    decisions.push({
      projectId: projects[i]!.id,
      funded: amounts[i]!,
      reason: 'locked',
      step: 0,
      remainingBefore: remaining,
      detail: { constraint: `lock:${projects[i]!.id}` },
    });
    remaining -= amounts[i]!;
  }
  const excluded = [...mustNot].filter((i) => !locked.has(i)).sort((a, b) => a - b);
  for (const i of excluded) {
    decisions.push({
      projectId: projects[i]!.id,
      funded: 0,
      reason: 'excluded',
      step: 0,
      remainingBefore: remaining,
      detail: { constraint: `mustNot:${projects[i]!.id}` },
    });
  }
  // The MIP decides everything else in one step, with the money left after locks.
  const rest = indexesWhere(projects, (_, i) => !locked.has(i) && !mustNot.has(i)).sort(byScoreThenId(prep));
  for (const i of rest) {
    const id = projects[i]!.id;
    const a = amounts[i]!;
    let reason: DecisionReason;
    let binding: string[];
    if (a > 0) {
      reason = a < prep.cost[i]! ? 'funded_partial' : 'funded';
      // For a partial amount, the rows with no slack left are what stopped it growing.
      binding =
        a < prep.cost[i]!
          ? rowsOf(i)
              .filter((r) => r.sense === '<=' && r.activity === r.bound)
              .map((r) => r.id)
          : [];
      if (mustFund.has(i)) binding.unshift(`mustFund:${id}`);
    } else {
      binding = unfundedBinding(prep, i, amounts, rowsOf(i));
      const first = binding[0];
      const kind = first === undefined ? undefined : prep.byId.get(first)?.kind;
      reason =
        kind === 'ceiling'
          ? 'skipped_no_money'
          : kind === 'cap'
            ? 'skipped_district_envelope'
            : kind === 'strategyCap'
              ? 'skipped_strategy_envelope'
              : 'not_selected';
    }
    decisions.push({
      projectId: id,
      funded: a,
      reason,
      step: 1,
      remainingBefore: remaining,
      detail: { constraint: binding[0] ?? null, binding, value: prep.value[i] },
    });
  }

  const funded: Record<string, number> = {};
  let totalFunded = 0;
  amounts.forEach((a, i) => {
    if (a > 0) {
      funded[projects[i]!.id] = a;
      totalFunded += a;
    }
  });
  const reserve = indexesWhere(projects, (_, i) => amounts[i] === 0)
    .sort(byScoreThenId(prep))
    .map((i) => projects[i]!.id);
  return {
    rule: 'optimum',
    status: 'optimal',
    funded,
    totalFunded,
    budget: input.budget,
    remaining: input.budget - totalFunded,
    decisions,
    reserve,
    objectiveValue: objectiveOf(prep, amounts),
  };
}

/** Constraints that stop an unfunded project from being added to the chosen allocation as it stands. */
function unfundedBinding(prep: Prepared, i: number, amounts: readonly number[], rows: readonly MoneyRow[]): string[] {
  const out: string[] = [];
  for (const g of prep.groups) {
    if (g.kind === 'incompatible' && g.members.includes(i)) {
      const other = g.members[0] === i ? g.members[1]! : g.members[0]!;
      if (other !== i && amounts[other]! > 0) out.push(g.id);
    }
    if (g.kind === 'dependency' && g.members[0] === i && amounts[g.members[1]!] === 0) out.push(g.id);
  }
  const need = prep.min[i]!;
  const kindRank: Record<string, number> = { ceiling: 0, cap: 1, strategyCap: 2 };
  const money = rows
    .filter((r) => r.sense === '<=' && r.bound - r.activity < need)
    .map((r) => r.id)
    .sort((a, b) => (kindRank[prep.byId.get(a)!.kind] ?? 3) - (kindRank[prep.byId.get(b)!.kind] ?? 3));
  out.push(...money);
  return out;
}

function infeasibleOutcome(prep: Prepared, conflict: readonly ConstraintGroup[]): OptimumOutcome {
  const { projects, input } = prep;
  const order = projects.map((_, i) => i).sort(byScoreThenId(prep));
  const conflictIds = conflict.map((c) => c.id);
  return {
    rule: 'optimum',
    status: 'infeasible',
    funded: {},
    totalFunded: 0,
    budget: input.budget,
    remaining: input.budget,
    decisions: order.map((i) => ({
      projectId: projects[i]!.id,
      funded: 0,
      reason: 'not_selected',
      step: 0,
      remainingBefore: input.budget,
      detail: { constraint: null, infeasible: true, conflict: conflictIds },
    })),
    reserve: order.map((i) => projects[i]!.id),
    objectiveValue: 0,
    conflict,
  };
}
