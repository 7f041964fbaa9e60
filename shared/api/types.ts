/** Data shapes returned by the API (DTOs). Money is integer satang. */
import type { RuleKind, ScenarioParams } from './scenario';

export type Lang = 'th' | 'en';

export type AppInfo = Readonly<{
  version: string;
  schemaVersion: number;
  dataPath: string;
  /** True when the store holds the generated sample data (synthetic, not real citizens' needs). */
  synthetic: boolean;
  transport: 'ipc' | 'websocket';
  role: Role;
}>;

export type Role = 'owner' | 'member' | 'viewer';

export type District = Readonly<{ code: string; nameTh: string; nameEn: string; population: number | null }>;
export type Tambon = Readonly<{ code: string; districtCode: string; nameTh: string; nameEn: string }>;
export type Category = Readonly<{ id: string; nameTh: string; nameEn: string; tpmap: string | null }>;

export type AreasList = Readonly<{ districts: District[]; tambons: Tambon[]; categories: Category[] }>;

export type NeedRow = Readonly<{
  id: number;
  source: string;
  externalId: string;
  version: number;
  title: string;
  category: string;
  tambonCode: string;
  districtCode: string;
  villageNo: number | null;
  households: number;
  peopleAffected: number;
  timesRaised: number;
  channel: string;
  reportedDate: string | null;
  status: 'active' | 'withdrawn';
  estimatedCost: number | null;
  updatedAt: string;
}>;

/** Columns `needs.list` can sort by. */
export const NEEDS_SORT_FIELDS = [
  'externalId',
  'title',
  'category',
  'tambonCode',
  'peopleAffected',
  'households',
  'reportedDate',
  'updatedAt',
  'status',
] as const;

export type NeedsPage = Readonly<{ rows: NeedRow[]; total: number }>;

export type SyncReport = Readonly<{
  batchId: number;
  source: string;
  fileName: string;
  fileHash: string;
  lines: number;
  newCount: number;
  changedCount: number;
  withdrawnCount: number;
  unchangedCount: number;
  /** Projects whose linked needs changed after scoring had started ("evidence changed"). */
  flaggedProjects: number;
}>;

export type SyncBatch = Readonly<{
  id: number;
  source: string;
  fileName: string;
  fileHash: string;
  startedAt: string;
  finishedAt: string;
  newCount: number;
  changedCount: number;
  withdrawnCount: number;
  unchangedCount: number;
  actor: string;
}>;

export type RoundSummary = Readonly<{
  id: number;
  name: string;
  fiscalYear: number;
  ceiling: number;
  status: 'draft' | 'in_session' | 'approved';
  projectCount: number;
}>;

export type Criterion = Readonly<{
  id: number;
  code: string;
  nameTh: string;
  nameEn: string;
  weight: number;
  scaleMin: number;
  scaleMax: number;
  kind: 'member' | 'computed';
}>;

export type Member = Readonly<{ id: number; name: string; titleTh: string; titleEn: string }>;

export type RoundDetail = RoundSummary &
  Readonly<{ criteria: Criterion[]; members: Member[]; aggregation: 'mean' | 'median' | 'trimmed_mean' | 'geometric_mean' }>;

export type ProjectRow = Readonly<{
  id: number;
  code: string;
  title: string;
  agency: string;
  level: 'province' | 'agency' | 'local';
  strategy: string;
  districtCode: string;
  requested: number;
  minAmount: number;
  needCount: number;
  peopleAffected: number;
  villages: number;
  composite: number;
  rank: number;
  evidenceChanged: boolean;
}>;

export type MemberScore = Readonly<{
  projectId: number;
  criterionId: number;
  value: number;
  version: number;
}>;

export type AllocationRow = Readonly<{
  projectId: number;
  code: string;
  title: string;
  districtCode: string;
  strategy: string;
  rank: number;
  composite: number;
  requested: number;
  funded: number;
  reason: string;
  step: number;
  remainingBefore: number;
}>;

export type DistrictAllocation = Readonly<{
  code: string;
  nameTh: string;
  nameEn: string;
  requested: number;
  funded: number;
  projects: number;
  fundedProjects: number;
}>;

export type AllocationView = Readonly<{
  roundId: number;
  rule: 'greedy';
  budget: number;
  totalFunded: number;
  remaining: number;
  fundedCount: number;
  rows: AllocationRow[];
  byDistrict: DistrictAllocation[];
}>;

export type ExportedFile = Readonly<{
  fileName: string;
  mimeType: string;
  /** File content, base64. */
  base64: string;
  totalFunded: number;
  fundedCount: number;
}>;

export type Scenario = Readonly<{
  id: number;
  roundId: number;
  name: string;
  rule: RuleKind;
  params: ScenarioParams;
  /** Project id (as text) → locked amount, satang. */
  locks: Readonly<Record<string, number>>;
  parentId: number | null;
  createdAt: string;
  updatedAt: string;
}>;

export type ScenarioRow = AllocationRow & Readonly<{ locked: boolean; reservePosition: number | null }>;

export type StrategyAllocation = Readonly<{
  id: string;
  nameTh: string;
  nameEn: string;
  requested: number;
  funded: number;
  fundedProjects: number;
}>;

export type ConflictGroup = Readonly<{ id: string; th: string; en: string }>;

export type FairnessView = Readonly<{
  districts: ReadonlyArray<
    Readonly<{
      code: string;
      nameTh: string;
      nameEn: string;
      population: number | null;
      funded: number;
      fundedShare: number;
      populationShare: number | null;
      needShare: number;
      perCapita: number | null;
      perNeedPerson: number;
    }>
  >;
  giniPerCapita: number | null;
  giniPerNeedPerson: number | null;
  villagesWithNeeds: number;
  unservedVillages: number;
  /** First unserved villages, "ต.ชื่อ หมู่ที่ n" / "Tambon name, village n". */
  unservedSample: ReadonlyArray<Readonly<{ th: string; en: string }>>;
  budgetShareSpent: number;
}>;

export type ScenarioResult = Readonly<{
  scenario: Scenario;
  status: 'ok' | 'infeasible';
  conflict: readonly ConflictGroup[];
  budget: number;
  totalFunded: number;
  remaining: number;
  fundedCount: number;
  rows: ScenarioRow[];
  byDistrict: DistrictAllocation[];
  byStrategy: StrategyAllocation[];
  fairness: FairnessView;
  elapsedMs: number;
}>;

export type ScenarioDiffProject = Readonly<{
  projectId: number;
  code: string;
  title: string;
  districtCode: string;
  strategy: string;
  amountA: number;
  amountB: number;
}>;

export type ScenarioDiff = Readonly<{
  a: Readonly<{ id: number; name: string; totalFunded: number }>;
  b: Readonly<{ id: number; name: string; totalFunded: number }>;
  /** Funded in B, not in A. */
  entered: ScenarioDiffProject[];
  /** Funded in A, not in B. */
  left: ScenarioDiffProject[];
  /** Funded in both with different amounts. */
  changed: ScenarioDiffProject[];
  byDistrict: ReadonlyArray<Readonly<{ code: string; nameTh: string; nameEn: string; a: number; b: number; delta: number }>>;
  byStrategy: ReadonlyArray<Readonly<{ id: string; nameTh: string; nameEn: string; a: number; b: number; delta: number }>>;
}>;

export type WhyCardView = Readonly<{ projectId: number; code: string; title: string; funded: number; th: string; en: string }>;

export type AreasImportReport = Readonly<{
  fileName: string;
  kind: 'reference-json' | 'geojson' | 'csv';
  districts: number;
  tambons: number;
  withPopulation: number;
  withGeometry: number;
}>;

export type PbAnalysis = Readonly<{
  fileName: string;
  meta: Readonly<Record<string, string>>;
  projects: number;
  voters: number;
  distinctBallots: number;
  /** Selections per rule key (greedy_cost, mes_cost_add1, …): ids sorted as strings, and compute time. */
  rules: ReadonlyArray<Readonly<{ rule: string; selected: readonly string[]; totalCost: string; seconds: number }>>;
  /** The `selected` column of the file (the official outcome), when present. */
  official: readonly string[] | null;
}>;
