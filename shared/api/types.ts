/** Data shapes returned by the API (DTOs). Money is integer satang. */
import type { ClearedField } from './projects';
import type { DownloadRef } from './downloads';
import type { InputProblem } from './errors';
import type { Aggregation } from '../domain/judgement/aggregation';
import type { RowsAsPeople } from '../domain/needs-feed';
import type { RuleKind, ScenarioParams } from './scenario';
import type {
  AhpComparison,
  CriterionDirection,
  DevelopmentIssue,
  EvidenceSource,
  MemberRole,
  PlanningLevel,
  RoundStatus,
} from './rounds';

export type Lang = 'th' | 'en';

export type AppInfo = Readonly<{
  version: string;
  schemaVersion: number;
  dataPath: string;
  /** True when the store holds the generated sample data (synthetic, not real citizens' needs). */
  synthetic: boolean;
  transport: 'ipc' | 'websocket';
  role: Role;
  /** The audit trail as checked at start (or at the last verification). */
  audit: AuditStatusView;
}>;

/** The audit chain re-walked and checked against its anchor outside the database. */
export type AuditStatusView = Readonly<{
  ok: boolean;
  length: number;
  /** SHA-256 of the last intact event. */
  head: string;
  /** Events the anchor outside the database vouches for (null: no anchor yet). */
  anchorLength: number | null;
  /** The identity made once inside the database checked (null in a file of an older schema). */
  database: string | null;
  /** With `other_database`: the identity of the database last opened in this place, which this one is not. */
  expectedDatabase: string | null;
  problem: Readonly<{
    /**
     * `other_database`: not tampering, another database in the anchored place; `anchor_unverifiable`: the anchor's key
     * file is missing, holds no key or holds another key than the anchor was made under, so the anchor cannot be checked (the chain itself walked intact). The owner may
     * accept either.
     */
    code: 'edited' | 'unlinked' | 'truncated' | 'rewritten' | 'anchor_tampered' | 'anchor_unverifiable' | 'other_database';
    eventId: number | null;
    position: number | null;
    en: string;
    th: string;
  }> | null;
  checkedAt: string;
}>;

export type AuditEventRow = Readonly<{
  id: number;
  at: string;
  actor: string;
  kind: string;
  /** The event's recorded detail, canonical JSON. */
  payload: string;
  hash: string;
}>;

export type AuditPage = Readonly<{ rows: AuditEventRow[]; total: number; kinds: string[] }>;

/**
 * Who is calling: the `owner` (desktop, or the owner's browser with the owner secret); a signed-in workshop
 * `facilitator`, `member` or `observer` (a loopback page without the owner secret is an observer); a `guest` device
 * that has not signed in (it may only sign in). See docs/workshop.md.
 */
export type Role = 'owner' | 'facilitator' | 'member' | 'observer' | 'guest';

/** Where to send a file's bytes: `POST {url}` with the body (browser host); the id then names the file in calls. */
export type UploadTicket = Readonly<{ uploadId: string; url: string; maxBytes: number }>;

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
  /** Fields the protocol does not know, dropped (never stored), with how many records carried each. */
  droppedFields: Readonly<Record<string, number>>;
  /** True when only the valid rows were applied (the user chose it); the skipped rows are in `rejected`. */
  partial: boolean;
  /** Rows skipped by a partial apply (at most 200 listed), with row, column, code and reason. */
  rejected: readonly InputProblem[];
  rejectedCount: number;
  /** Data rows read though their sheet hides them (by hand or by a filter), when there were any. */
  hiddenRows?: number;
  /** Rows passed over as totals (รวม, รวมทั้งสิ้น…), when there were any: how many and the first rows (see TotalRowsPassed). */
  totalRows?: TotalRowsPassed;
  /** How columns were chosen that should be checked (a hidden column mapped, two columns headed alike), if any. */
  mappingNotes?: readonly Readonly<{ en: string; th: string }>[];
  /**
   * Projects of a multi-year plan passed over for having money in other years' columns only (the preview's
   * `skipped.year`, summed over the sheets), when there were any.
   */
  otherYearsOnly?: number;
  /** Rows read as one person each (the user's choice for a table without a people column), when there were any. */
  rowsAsPeople?: RowsAsPeople;
}>;

/** One need a batch added, changed (field by field, before → after the batch) or withdrew. */
export type NeedChange = Readonly<{
  needId: number;
  externalId: string;
  title: string;
  tambonCode: string;
  kind: 'new' | 'changed' | 'withdrawn';
  fields: readonly Readonly<{ field: string; before: string | number | null; after: string | number | null }>[];
}>;

/** `needs.changes`: what one sync or import changed against the state before it. */
export type NeedChangesPage = Readonly<{
  batchId: number;
  counts: Readonly<{ new: number; changed: number; withdrawn: number }>;
  total: number;
  rows: readonly NeedChange[];
}>;

/** An online backup of the database, taken before a sync or import. */
export type BackupInfo = Readonly<{ name: string; size: number; createdAt: string; reason: string }>;

/** A field an import can fill (see shared/domain/import/target.ts). */
export type ImportField = Readonly<{ key: string; th: string; en: string; required: boolean }>;

/** What the mapping step shows for one part of a file (a sheet, a CSV, a zip entry). */
/**
 * The rows an import passed over as totals (the parts' `skipped.total`, summed) and the first ten of them (from 1),
 * with their sheet's part name in a file of several.
 */
export type TotalRowsPassed = Readonly<{ count: number; first: readonly Readonly<{ row: number; part?: string }>[] }>;

export type ImportPartPreview = Readonly<{
  name: string;
  kind: 'feed' | 'records' | 'grid';
  /** 1-based row of the header (its first row), null when none was found or the part is a feed. */
  headerRow: number | null;
  headerRows: number;
  labels: readonly string[];
  /** The mapping used: field key → 0-based column. */
  mapping: Readonly<Record<string, number>>;
  mappingFrom: 'given' | 'remembered' | 'suggested';
  suggested: Readonly<Record<string, number>>;
  /** The first data rows as text (every column). */
  sample: readonly (readonly (string | null)[])[];
  /** 1-based row numbers of the sample rows. */
  sampleRows: readonly number[];
  rows: number;
  skipped: Readonly<{
    blank: number;
    total: number;
    header: number;
    numbers: number;
    section: number;
    footer: number;
    /** Rows of a multi-year plan with no amount in the round's fiscal year (only in other years' columns). */
    year: number;
  }>;
  /** The rows passed over as totals (`skipped.total` of them), the first ten (from 1); absent when there are none. */
  totalRows?: readonly number[];
  /** Data rows whose empty group cells (a tambon, an agency written once on a group's first row) repeat the row above. */
  filledDown: number;
  /** A hidden sheet passed over beside visible ones (not read). */
  hidden?: boolean;
  /** A summary sheet passed over beside the list it counts ("จำนวนความต้องการ" per tambon; not read). */
  summary?: boolean;
  /** A sheet left out of the sheets chosen to read (`sheets` of the import's arguments; not read). */
  notChosen?: boolean;
  /**
   * Data rows the sheet hides, by hand or by a filter (an XLSX's or an XML Spreadsheet's): read like the others, and
   * said, since a filtered sheet's hidden rows may not have been meant to be sent. `first`: their row numbers (from 1),
   * the first ten.
   */
  hiddenRows?: Readonly<{ count: number; first: readonly number[] }>;
  /**
   * Header columns the sheet hides: how many, and the fields mapped to one (`column`: "F: งบประมาณ"). A hidden column
   * is the last choice for a field (it often holds a superseded figure); one still mapped is said, to be checked.
   */
  hiddenColumns?: Readonly<{ count: number; mapped: readonly Readonly<{ field: string; column: string }>[] }>;
  /**
   * Mapped fields whose heading another column of the sheet repeats word for word (two "งบประมาณ" columns): the
   * column used (`used`, "F") and the others ("G"), to be checked; absent when every heading is distinct.
   */
  sameHeading?: readonly Readonly<{ field: string; label: string; used: string; others: readonly string[] }>[];
  /**
   * Amount columns read in a unit other than baht, as their heading or the title states it ("งบประมาณ (พันบาท)",
   * "หน่วย : ล้านบาท" above the table): the column (`column`: "F: งบประมาณ"), the unit ("พันบาท", "thousands of baht"),
   * the satang one of it is, and the title's text when the title states it.
   */
  scaledAmounts?: readonly Readonly<{
    field: string;
    column: string;
    unit: Readonly<{ th: string; en: string }>;
    satang: number;
    title?: string;
  }>[];
  /**
   * Columns a remembered mapping read as one count whose heading states the other's unit ("ผู้ได้รับประโยชน์
   * (ครัวเรือน)" remembered as people): the field remembered and the column's label; read as the heading says.
   */
  countsByHeading?: readonly Readonly<{ field: string; label: string }>[];
}>;

/** `needs.importPreview`: what the file holds and what applying it would refuse; nothing is written. */
export type ImportPreview = Readonly<{
  fileName: string;
  format: string;
  encoding: string | null;
  source: string;
  fields: readonly ImportField[];
  parts: readonly ImportPartPreview[];
  rows: number;
  valid: number;
  problemCount: number;
  problems: readonly InputProblem[];
  droppedFields: Readonly<Record<string, number>>;
  /** A table of the file maps no people column: its rows can be read as one person each (`rowsAsPeople`). */
  peopleColumnMissing?: boolean;
  /** With that choice: rows read as one person each, and those counted as an earlier row's need's further people. */
  rowsAsPeople?: RowsAsPeople;
  /** What the file's needs ask to check before they are applied (points outside their tambon), when anything. */
  notes?: readonly Readonly<{ en: string; th: string }>[];
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
  /** Rows refused; with `partial` the batch applied the valid rows only (the user chose it). */
  rejectedCount: number;
  partial: boolean;
  /** Rows read as one person each who raised its need (the user's choice for a table without a people column); 0 when none. */
  rowsAsPeople: number;
}>;

export type RoundSummary = Readonly<{
  id: number;
  name: string;
  fiscalYear: number;
  ceiling: number;
  status: RoundStatus;
  projectCount: number;
  /** Plans of the round approved so far (the round is "approved" only with one). */
  approvalCount: number;
  levels: readonly PlanningLevel[];
  archived: boolean;
  /** The synthetic sample's round (labelled demo, not a real round). */
  demo: boolean;
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
  direction: CriterionDirection;
  /** For computed criteria: the evidence they are computed from. */
  source: EvidenceSource | null;
}>;

export type Member = Readonly<{
  id: number;
  name: string;
  titleTh: string;
  titleEn: string;
  agency: string;
  role: MemberRole;
  active: boolean;
}>;

export type RoundDetail = RoundSummary &
  Readonly<{
    criteria: Criterion[];
    /** Active members (those who score). */
    members: Member[];
    /** Deactivated members, kept for their past scores and the record. */
    inactiveMembers: Member[];
    aggregation: Aggregation;
    developmentIssues: DevelopmentIssue[];
    ahp: AhpComparison | null;
  }>;

/** A round's ranking: project ids best first (rank = position + 1) and their composites, in the same order. */
export type ProjectRanking = Readonly<{ ids: readonly number[]; composites: readonly number[] }>;

export type ProjectRow = Readonly<{
  id: number;
  code: string;
  title: string;
  agency: string;
  level: 'province' | 'agency' | 'local';
  strategy: string;
  /** The one district the proposal lies in; null when it spans several districts or the whole province. */
  districtCode: string | null;
  requested: number;
  minAmount: number;
  needCount: number;
  peopleAffected: number;
  villages: number;
  composite: number;
  rank: number;
  evidenceChanged: boolean;
  /** The round's development issue the proposal answers, by number (null when not stated). */
  developmentIssueNo: number | null;
  /** Issue 12: the committee's override in force on this project (see judgement.overrides), if any. */
  override?: 'move' | 'include' | 'exclude';
}>;

export type MemberScore = Readonly<{
  projectId: number;
  criterionId: number;
  value: number;
  version: number;
  /** The member's comment on this score (issue 12), when there is one. */
  comment?: string;
}>;

export type AllocationRow = Readonly<{
  projectId: number;
  code: string;
  title: string;
  /** null for a proposal spanning several districts or the whole province. */
  districtCode: string | null;
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
  /** The district's code; {@link SEVERAL_DISTRICTS_CODE} for proposals over several districts or the whole province. */
  code: string;
  nameTh: string;
  nameEn: string;
  requested: number;
  funded: number;
  projects: number;
  fundedProjects: number;
}>;

/** The district row of the proposals of no single district (several districts, the whole province); last, if any. */
export const SEVERAL_DISTRICTS_CODE = '';

export type AllocationView = Readonly<{
  roundId: number;
  rule: 'greedy';
  budget: number;
  totalFunded: number;
  remaining: number;
  fundedCount: number;
  /**
   * What the committee's included projects take when that is more than the ceiling (then nothing is funded: no plan
   * fits); null otherwise.
   */
  includedOverCeiling: number | null;
  rows: AllocationRow[];
  byDistrict: DistrictAllocation[];
}>;

/** A file made by an export (its bytes fetched by `downloadId`) and the plan's totals. */
export type ExportedFile = DownloadRef & Readonly<{ totalFunded: number; fundedCount: number }>;

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

/** A stored scenario whose parameters or locks no longer read (`scenarios.unreadable`): it can only be deleted. */
export type UnreadableScenario = Readonly<{ id: number; name: string; message: string; messageTh: string }>;

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
  districtCode: string | null;
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
  /** What the file was read as: our JSON, a GeoJSON layer, or a population table's format. */
  kind: 'reference-json' | 'geojson' | 'csv' | 'xlsx' | 'xls' | 'ods' | 'html' | 'zip';
  districts: number;
  tambons: number;
  withPopulation: number;
  withGeometry: number;
  /** Areas whose English name the file gave (it replaces the geography package's). */
  withEnglishName: number;
  /** Features of a national layer (or rows of a national table) that lie in other provinces, passed over. */
  otherProvinces: number;
  /**
   * What a population table's reading adds to the counts: men and women added where no total is given, a houses
   * column not read, the province's own row and sheets without a table passed over.
   */
  notes?: readonly Readonly<{ en: string; th: string }>[];
}>;

/** The province's reference data loaded so far: areas in all, with a population figure, with a boundary. */
/** The synthetic sample in a database: what removing it would take out, and what stops it (see `sample.remove`). */
export type SampleFootprint = Readonly<{
  /** Whether the database holds the sample at all. */
  present: boolean;
  /** The demo rounds, removed with their proposals, members, criteria, scores, scenarios and sessions. */
  rounds: ReadonlyArray<Readonly<{ id: number; name: string }>>;
  projects: number;
  needs: number;
  /** Districts whose population is still the sample's synthetic figure (cleared; a reference import's stay). */
  populations: number;
  /** Why it cannot be removed now; empty when it can. */
  blockers: ReadonlyArray<Readonly<{ th: string; en: string }>>;
}>;

export type ReferenceStatus = Readonly<{
  districts: number;
  tambons: number;
  districtsWithPopulation: number;
  tambonsWithPopulation: number;
  districtsWithBoundary: number;
  tambonsWithBoundary: number;
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
  /** Voter ids given more than once (see pbDuplicateVoters), when there are any. */
  duplicateVoters?: Readonly<{ ids: number; first: string; times: number }>;
}>;

/** An unmet need's door as lists show it: the key (`province`, `agency:<name>`, `local:<tambon>`) and its name. */
export type UnmetDoor = Readonly<{
  key: string;
  kind: 'province' | 'agency' | 'local';
  nameTh: string;
  nameEn: string;
  needs: number;
  people: number;
  households: number;
  /** Sum of the stated estimates, satang (needs without one add nothing). */
  estimatedCost: number;
  /** How many of its needs state an estimate (0: the sum says nothing). */
  estimated: number;
}>;

/** Unmet needs of one area (a district, or a tambon within a district) and category. */
export type UnmetCell = Readonly<{ areaCode: string; category: string; needs: number; people: number; households: number }>;

/** Needs no proposal of the round answers, by area × category, and per door (unmet.summary). */
export type UnmetSummary = Readonly<{
  roundId: number;
  /** The district looked at (areas are its tambons), or null for the province (areas are districts). */
  districtCode: string | null;
  cells: UnmetCell[];
  doors: UnmetDoor[];
  totals: Readonly<{ needs: number; people: number; households: number }>;
}>;

/** One routed unmet need (unmet.list). */
export type UnmetNeedRow = Readonly<{
  id: number;
  externalId: string;
  title: string;
  category: string;
  tambonCode: string;
  districtCode: string;
  villageNo: number | null;
  households: number;
  peopleAffected: number;
  timesRaised: number;
  estimatedCost: number | null;
  door: string;
  doorKind: 'province' | 'agency' | 'local';
  doorTh: string;
  doorEn: string;
  reason: string;
  reasonTh: string;
  reasonEn: string;
}>;

export type UnmetPage = Readonly<{ rows: UnmetNeedRow[]; total: number }>;

/** The agency a round sends a category's unmet needs to: the built-in default, or the round's own choice. */
export type AgencyRoute = Readonly<{
  category: string;
  defaultAgency: string | null;
  agency: string | null;
  overridden: boolean;
}>;

/** The unmet needs of one door as an XLSX workbook (its bytes fetched by `downloadId`). */
export type UnmetExport = DownloadRef & Readonly<{ needCount: number }>;

/** `projects.importPreview`: what a proposals file holds, the round it goes to and what applying would do. */
/**
 * A new proposal of an import without a code that probably renames one of the round the file no longer lists (same
 * agency, a name a few characters apart or containing the other): imported as new, the old one kept.
 */
export type PossiblyRenamed = Readonly<{ row: number; part?: string; title: string; wasCode: string; wasTitle: string }>;

/** An agency's proposals in the round that an import's file does not list (kept), the first codes and how many. */
export type UnlistedProposals = Readonly<{ agency: string; count: number; codes: readonly string[] }>;

/** A proposal of the round already holding a priority (its code and title), named by a same-priority warning. */
export type PriorityHolder = Readonly<{ code: string; title: string }>;

/**
 * Proposals of one agency that state the same priority (ลำดับความสำคัญ) in an import's file, or in the file and among
 * the round's proposals the file does not replace: a warning, each is imported as the file writes it. The file's rows
 * (with their sheet when the file has several) and codes, and the round's proposals already holding that priority.
 */
export type SamePriority = Readonly<{
  agency: string;
  priority: number;
  proposals: readonly Readonly<{ row: number; part?: string; code: string }>[];
  held: readonly PriorityHolder[];
}>;

export type ProposalsImportPreview = ImportPreview &
  Readonly<{
    /** The fiscal year (BE) the file states, or the one given; null when neither. */
    fiscalYear: number | null;
    roundId: number | null;
    roundName: string | null;
    newCount: number;
    changedCount: number;
    unchangedCount: number;
    /** Codes of scored proposals the file would change (applying needs confirmation). */
    scoredChanged: readonly string[];
    possiblyRenamed: readonly PossiblyRenamed[];
    unlisted: readonly UnlistedProposals[];
    /** Agencies that give a proposal of the file a priority another of theirs, in the file or the round, has (a warning). */
    samePriority: readonly SamePriority[];
    /** Values of the round's proposals the file leaves empty, by field: applying it clears them (a warning). */
    cleared: readonly ClearedField[];
  }>;

/** `projects.importApply` and the command line's `projects-import`. */
export type ProposalsImportReport = Readonly<{
  batchId: number;
  roundId: number;
  fiscalYear: number;
  fileName: string;
  newCount: number;
  changedCount: number;
  unchangedCount: number;
  partial: boolean;
  rejected: readonly InputProblem[];
  rejectedCount: number;
  /** Data rows read though their sheet hides them (by hand or by a filter), when there were any. */
  hiddenRows?: number;
  /** Rows passed over as totals (รวม, รวมทั้งสิ้น…), when there were any: how many and the first rows (see TotalRowsPassed). */
  totalRows?: TotalRowsPassed;
  /** How columns were chosen that should be checked (a hidden column mapped, two columns headed alike), if any. */
  mappingNotes?: readonly Readonly<{ en: string; th: string }>[];
  /** New proposals that probably rename one the file no longer lists (the old one kept), if any. */
  possiblyRenamed?: readonly PossiblyRenamed[];
  /** Per agency of the file, its proposals in the round the file does not list (kept), if any. */
  unlisted?: readonly UnlistedProposals[];
  /**
   * Agencies that give a proposal of the file a priority another of theirs, in the file or the round, has, if any
   * (imported as written).
   */
  samePriority?: readonly SamePriority[];
  /** Values of proposals the file left empty, by field (cleared), if any. */
  cleared?: readonly ClearedField[];
}>;
