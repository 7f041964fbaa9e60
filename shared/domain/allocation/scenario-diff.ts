/**
 * Scenario A versus scenario B (same round): which projects entered, left or changed amount, and the money moved per
 * district and per strategy. Pure: it compares two results already computed.
 */

/** One project's row in a scenario result (amounts in satang). */
export type DiffRow = Readonly<{
  projectId: number;
  code: string;
  title: string;
  districtCode: string | null;
  strategy: string;
  funded: number;
}>;
/** A total per district or per strategy. */
export type DiffTotal = Readonly<{ key: string; nameTh: string; nameEn: string; funded: number }>;
export type DiffSide = Readonly<{ rows: readonly DiffRow[]; byDistrict: readonly DiffTotal[]; byStrategy: readonly DiffTotal[] }>;

export type DiffProject = Readonly<{
  projectId: number;
  code: string;
  title: string;
  districtCode: string | null;
  strategy: string;
  amountA: number;
  amountB: number;
}>;
export type DiffDelta = Readonly<{ key: string; nameTh: string; nameEn: string; a: number; b: number; delta: number }>;

export type OutcomeDiff = Readonly<{
  /** Unfunded in A, funded in B. */
  entered: DiffProject[];
  /** Funded in A, unfunded in B. */
  left: DiffProject[];
  /** Funded in both, with different amounts. */
  changed: DiffProject[];
  byDistrict: DiffDelta[];
  byStrategy: DiffDelta[];
}>;

function deltas(a: readonly DiffTotal[], b: readonly DiffTotal[]): DiffDelta[] {
  const inB = new Map(b.map((t) => [t.key, t.funded]));
  return a.map((t) => {
    const fb = inB.get(t.key) ?? 0;
    return { key: t.key, nameTh: t.nameTh, nameEn: t.nameEn, a: t.funded, b: fb, delta: fb - t.funded };
  });
}

/**
 * The diff of two results over the same projects, in A's row order; totals are matched by key (district code,
 * strategy id), in A's order.
 *
 * @example
 * const row = { projectId: 1, code: 'P1', title: 'Road', districtCode: '1901', strategy: 'S1' };
 * diffOutcomes({ rows: [{ ...row, funded: 0 }], byDistrict: [], byStrategy: [] },
 *   { rows: [{ ...row, funded: 500 }], byDistrict: [], byStrategy: [] }).entered[0]?.amountB // 500
 */
export function diffOutcomes(a: DiffSide, b: DiffSide): OutcomeDiff {
  const bRows = new Map(b.rows.map((r) => [r.projectId, r]));
  const entered: DiffProject[] = [];
  const left: DiffProject[] = [];
  const changed: DiffProject[] = [];
  for (const ra of a.rows) {
    const item: DiffProject = {
      projectId: ra.projectId,
      code: ra.code,
      title: ra.title,
      districtCode: ra.districtCode,
      strategy: ra.strategy,
      amountA: ra.funded,
      amountB: bRows.get(ra.projectId)?.funded ?? 0,
    };
    if (item.amountA === 0 && item.amountB > 0) entered.push(item);
    else if (item.amountA > 0 && item.amountB === 0) left.push(item);
    else if (item.amountA !== item.amountB) changed.push(item);
  }
  return {
    entered,
    left,
    changed,
    byDistrict: deltas(a.byDistrict, b.byDistrict),
    byStrategy: deltas(a.byStrategy, b.byStrategy),
  };
}
