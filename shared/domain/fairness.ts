/**
 * Fairness figures shown with every scenario: how the money lands by district against population and
 * against need, how unequal per-person spending is (Gini), and which villages raised needs that no funded
 * project answers.
 */

export type DistrictInput = Readonly<{
  code: string;
  /** Registered population; null when the reference data has none for the district. */
  population: number | null;
  /** Active needs raised in the district and the people they affect. */
  needs: number;
  needPeople: number;
  /** Integer satang funded to projects in the district. */
  funded: number;
}>;

export type DistrictFairness = Readonly<{
  code: string;
  funded: number;
  /** Share of all funded money, 0–1. */
  fundedShare: number;
  /**
   * Share of the province's population, 0–1; null for every district when any district's population is unknown
   * (a share of the districts that have one would overstate each of them: 4 districts of 13 known would make the
   * largest a third of the province).
   */
  populationShare: number | null;
  /** Share of all people affected by needs, 0–1. */
  needShare: number;
  /** Satang per resident; null when the population is unknown. */
  perCapita: number | null;
  /** Satang per person affected by a need. */
  perNeedPerson: number;
}>;

export type VillageInput = Readonly<{ tambonCode: string; villageNo: number | null; served: boolean }>;

export type FairnessReport = Readonly<{
  districts: DistrictFairness[];
  /** Population-weighted Gini of per-capita spend across districts with known population (0 = equal); null if < 2. */
  giniPerCapita: number | null;
  /** Gini of spend per person-in-need across districts, weighted by people in need. */
  giniPerNeedPerson: number | null;
  villagesWithNeeds: number;
  /** Villages whose needs got no funded project, as "tambon/หมู่" keys, by tambon then village number ("-" first). */
  unservedVillages: string[];
  /** Funded money / budget, 0–1. */
  budgetShareSpent: number;
}>;

/**
 * Orders "tambon/หมู่" keys by tambon code, then by village number as a number (หมู่ที่ 6 before หมู่ที่ 13; as text
 * "190101/13" came first), a tambon's needs with no village ("-") before its villages.
 * @example ['190101/13', '190101/6', '190101/-'].sort(byVillageKey) // ['190101/-', '190101/6', '190101/13']
 */
export function byVillageKey(a: string, b: string): number {
  const [ta = '', va = '-'] = a.split('/');
  const [tb = '', vb = '-'] = b.split('/');
  if (ta !== tb) return ta < tb ? -1 : 1;
  const na = va === '-' ? -1 : Number(va);
  const nb = vb === '-' ? -1 : Number(vb);
  return na - nb;
}

/**
 * Weighted Gini coefficient: Σᵢ Σⱼ wᵢ wⱼ |xᵢ − xⱼ| / (2 W² μ). Null with fewer than two positive weights; 0 when
 * everybody gets nothing.
 * @example weightedGini([1, 1], [1, 1]) // 0
 * @example weightedGini([0, 1], [1, 1]) // 0.5
 */
export function weightedGini(values: readonly number[], weights: readonly number[]): number | null {
  const pairs = values.map((v, i) => [v, weights[i] ?? 0] as const).filter(([, w]) => w > 0);
  if (pairs.length < 2) return null;
  const W = pairs.reduce((s, [, w]) => s + w, 0);
  const mu = pairs.reduce((s, [v, w]) => s + v * w, 0) / W;
  if (mu === 0) return 0;
  // Sorted form, O(n log n): Σᵢ wᵢ xᵢ (2 Cᵢ − wᵢ − W) where Cᵢ is the cumulative weight up to and including i.
  const sorted = [...pairs].sort((a, b) => a[0] - b[0]);
  let cumulative = 0;
  let sum = 0;
  for (const [v, w] of sorted) {
    cumulative += w;
    sum += w * v * (2 * cumulative - w - W);
  }
  return sum / (W * W * mu);
}

/** A district's population as the reference data gives it: none, or 0 (no district has no residents), is unknown. */
export function isKnownPopulation(population: number | null): population is number {
  return population !== null && population > 0;
}

/**
 * Fairness of one allocation.
 * @example fairnessReport({ budget: 100, districts: [{ code: '1901', population: 10, needs: 1, needPeople: 5, funded: 50 },
 *   { code: '1902', population: 10, needs: 1, needPeople: 5, funded: 50 }], villages: [] }).giniPerCapita // 0
 */
export function fairnessReport(
  input: Readonly<{ budget: number; districts: readonly DistrictInput[]; villages: readonly VillageInput[] }>,
): FairnessReport {
  const totalFunded = input.districts.reduce((s, d) => s + d.funded, 0);
  const knownPopulation = input.districts.reduce((s, d) => s + (d.population ?? 0), 0);
  const everyPopulationKnown = input.districts.every((d) => isKnownPopulation(d.population));
  const totalNeedPeople = input.districts.reduce((s, d) => s + d.needPeople, 0);
  const districts = input.districts.map((d): DistrictFairness => ({
    code: d.code,
    funded: d.funded,
    fundedShare: totalFunded > 0 ? d.funded / totalFunded : 0,
    populationShare: everyPopulationKnown && d.population !== null ? d.population / knownPopulation : null,
    needShare: totalNeedPeople > 0 ? d.needPeople / totalNeedPeople : 0,
    perCapita: d.population ? d.funded / d.population : null,
    perNeedPerson: d.needPeople > 0 ? d.funded / d.needPeople : 0,
  }));
  const withPopulation = input.districts.filter((d) => isKnownPopulation(d.population));
  const villageServed = new Map<string, boolean>();
  for (const v of input.villages) {
    const key = `${v.tambonCode}/${v.villageNo ?? '-'}`;
    villageServed.set(key, (villageServed.get(key) ?? false) || v.served);
  }
  return {
    districts,
    giniPerCapita: weightedGini(
      withPopulation.map((d) => d.funded / (d.population as number)),
      withPopulation.map((d) => d.population as number),
    ),
    giniPerNeedPerson: weightedGini(
      input.districts.map((d) => (d.needPeople > 0 ? d.funded / d.needPeople : 0)),
      input.districts.map((d) => d.needPeople),
    ),
    villagesWithNeeds: villageServed.size,
    unservedVillages: [...villageServed]
      .filter(([, served]) => !served)
      .map(([k]) => k)
      .sort(byVillageKey),
    budgetShareSpent: input.budget > 0 ? totalFunded / input.budget : 0,
  };
}
