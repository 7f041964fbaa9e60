/**
 * The one writer of project proposals: the grid editor (projects.create / projects.update), the proposals import
 * and the round file all go through writeProposal, so every write is checked the same way, versioned and audited.
 * Synchronous (better-sqlite3); each write is its own transaction, or a savepoint inside the caller's.
 */
import type Database from 'better-sqlite3';
import { AppError, type InputProblem } from '../../../shared/api/errors';
import type { PriorityHolder } from '../../../shared/api/types';
import { CLEARABLE_FIELDS, type ClearableField, type ProposalPoint, type ProposalPoints } from '../../../shared/api/projects';
import { pointText } from '../../../shared/domain/import/coordinates';
import { samePriorities } from '../../../shared/domain/import/proposal-rows';
import {
  proposalProblems,
  READINESS_KEYS,
  type Proposal,
  type ProposalInput,
  type ReadinessKey,
} from '../../../shared/domain/proposals';
import { appendAudit } from '../audit/audit-log';

export type WriteOptions = Readonly<{
  /** Refuse unless the stored version is this one (the editor's optimistic check). */
  expectedVersion?: number;
  /** The user confirmed editing a proposal members have already scored. */
  confirmAfterScoring?: boolean;
  /** Only insert: an existing code is refused (projects.create). */
  createOnly?: boolean;
  /** false: the caller audits the change itself (an import records its batch). */
  audit?: boolean;
}>;

/** The refusal of a change to a proposal members have scored, without the user's confirmation. */
export class ScoredProposalError extends AppError {
  constructor(
    proposalCode: string,
    readonly scores: number,
  ) {
    super(
      'INVALID_STATE',
      `proposal ${proposalCode} already has ${scores} scores: confirm to change it (it will be flagged "changed after scoring")`,
      `โครงการ ${proposalCode} มีคะแนนแล้ว ${scores} รายการ ต้องยืนยันก่อนแก้ไข (จะมีเครื่องหมาย "แก้ไขหลังให้คะแนน")`,
    );
  }
}

export type WriteResult = Readonly<{
  id: number;
  kind: 'new' | 'changed' | 'unchanged';
  version: number;
  /** Of a change, the fields (comparable's keys) that had a value and are left empty by it. */
  cleared?: readonly ClearableField[];
}>;

const isEmpty = (v: unknown): boolean => v === null || v === '' || v === '[]';

type Row = {
  id: number;
  round_id: number;
  code: string;
  title: string;
  level: Proposal['level'];
  agency: string;
  development_issue_no: number | null;
  scope: Proposal['scope'];
  district_code: string | null;
  operating: number;
  investment: number;
  requested: number;
  min_amount: number;
  min_stated: number;
  people: number | null;
  households: number | null;
  agency_priority: number | null;
  lat: number | null;
  lon: number | null;
  readiness_json: string;
  kpis_json: string;
  description: string;
  strategy: string;
  version: number;
  updated_at: string | null;
  changed_after_scoring: number;
};

function parseList<T>(json: string, keep: (v: unknown) => v is T): T[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter(keep) : [];
  } catch {
    return [];
  }
}

const isReadiness = (v: unknown): v is ReadinessKey => typeof v === 'string' && (READINESS_KEYS as readonly string[]).includes(v);
const isKpi = (v: unknown): v is { name: string; target: string; unit: string } =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as Record<string, unknown>)['name'] === 'string' &&
  typeof (v as Record<string, unknown>)['target'] === 'string' &&
  typeof (v as Record<string, unknown>)['unit'] === 'string';

function toProposal(r: Row, covered: readonly string[]): Proposal {
  return {
    id: r.id,
    roundId: r.round_id,
    code: r.code,
    title: r.title,
    level: r.level,
    agency: r.agency,
    developmentIssueNo: r.development_issue_no,
    scope: r.scope,
    tambonCodes: r.scope === 'tambons' ? covered : [],
    districtCode: r.scope === 'province' ? null : r.district_code,
    operating: r.operating,
    investment: r.investment,
    requested: r.requested,
    minimum: r.min_stated ? r.min_amount : null,
    people: r.people,
    households: r.households,
    agencyPriority: r.agency_priority,
    point: r.lat !== null && r.lon !== null ? { lat: r.lat, lon: r.lon } : null,
    readiness: parseList(r.readiness_json, isReadiness),
    kpis: parseList(r.kpis_json, isKpi),
    description: r.description,
    strategy: r.strategy,
    version: r.version,
    updatedAt: r.updated_at,
    changedAfterScoring: r.changed_after_scoring === 1,
    coveredTambons: covered,
  };
}

/** Every proposal of a round, by code. */
export function listProposals(sqlite: Database.Database, roundId: number): Proposal[] {
  const rows = sqlite.prepare('SELECT * FROM project WHERE round_id = ? ORDER BY code').all(roundId) as Row[];
  const areas = new Map<number, string[]>();
  const all = sqlite
    .prepare(
      'SELECT pa.project_id AS p, pa.tambon_code AS t FROM project_area pa JOIN project p ON p.id = pa.project_id WHERE p.round_id = ? ORDER BY pa.tambon_code',
    )
    .raw()
    .all(roundId) as [number, string][];
  for (const [p, t] of all) {
    const list = areas.get(p);
    if (list) list.push(t);
    else areas.set(p, [t]);
  }
  return rows.map((r) => toProposal(r, areas.get(r.id) ?? []));
}

/**
 * A round's proposals that have a point, by code (the first `limit`), within a district or a tambon when given: those
 * covering any of its tambons (a province-wide proposal covers every district); and how many there are in all.
 */
export function proposalPoints(
  sqlite: Database.Database,
  filter: Readonly<{ roundId: number; districtCode?: string | undefined; tambonCode?: string | undefined }>,
  limit: number,
): ProposalPoints {
  const where = ['p.round_id = @roundId', 'p.lat IS NOT NULL', 'p.lon IS NOT NULL'];
  if (filter.districtCode !== undefined) {
    where.push(`EXISTS (SELECT 1 FROM project_area pa JOIN area_tambon t ON t.code = pa.tambon_code
      WHERE pa.project_id = p.id AND t.district_code = @districtCode)`);
  }
  if (filter.tambonCode !== undefined) {
    where.push('EXISTS (SELECT 1 FROM project_area pa WHERE pa.project_id = p.id AND pa.tambon_code = @tambonCode)');
  }
  const params = {
    roundId: filter.roundId,
    ...(filter.districtCode !== undefined ? { districtCode: filter.districtCode } : {}),
    ...(filter.tambonCode !== undefined ? { tambonCode: filter.tambonCode } : {}),
  };
  const sql = `FROM project p WHERE ${where.join(' AND ')}`;
  const total = sqlite.prepare(`SELECT COUNT(*) ${sql}`).pluck().get(params) as number;
  const points = sqlite
    .prepare(`SELECT p.id, p.code, p.title, p.lat, p.lon, p.requested ${sql} ORDER BY p.code LIMIT @limit`)
    .all({ ...params, limit }) as ProposalPoint[];
  return { points, total };
}

/** One proposal, or null. */
export function readProposal(sqlite: Database.Database, id: number): Proposal | null {
  const r = sqlite.prepare('SELECT * FROM project WHERE id = ?').get(id) as Row | undefined;
  if (!r) return null;
  const covered = (
    sqlite.prepare('SELECT tambon_code FROM project_area WHERE project_id = ? ORDER BY tambon_code').pluck().all(id) as string[]
  ).slice();
  return toProposal(r, covered);
}

/**
 * The round's other proposals of an agency that already hold a priority (ลำดับความสำคัญ), by code: what the warning
 * of a proposal given that priority names. Agencies compare as the import compares them, in one spelling (`agencyKey`).
 */
export function priorityHolders(
  sqlite: Database.Database,
  proposal: Readonly<{ id: number; roundId: number; agency: string; agencyPriority: number }>,
): PriorityHolder[] {
  const others = sqlite
    .prepare(
      `SELECT code, title, agency, agency_priority AS agencyPriority FROM project
        WHERE round_id = ? AND agency_priority = ? AND id <> ? ORDER BY code`,
    )
    .all(proposal.roundId, proposal.agencyPriority, proposal.id) as {
    code: string;
    title: string;
    agency: string;
    agencyPriority: number;
  }[];
  return (samePriorities([proposal], others)[0]?.held ?? []).map((h) => ({ code: h.code, title: h.title }));
}

/** Each tambon's district, read once per writer. */
function tambonDistricts(sqlite: Database.Database): ReadonlyMap<string, string> {
  return new Map(sqlite.prepare('SELECT code, district_code FROM area_tambon').raw().all() as [string, string][]);
}

/** The tambons a proposal covers and the one district it lies in (null for several or the province). */
export function coveredAreas(
  tambonDistrict: ReadonlyMap<string, string>,
  input: Pick<ProposalInput, 'scope' | 'tambonCodes' | 'districtCode'>,
): { tambons: string[]; districtCode: string | null; problems: { field: keyof ProposalInput; en: string; th: string }[] } {
  const problems: { field: keyof ProposalInput; en: string; th: string }[] = [];
  if (input.scope === 'province') return { tambons: [...tambonDistrict.keys()].sort(), districtCode: null, problems };
  if (input.scope === 'district') {
    const d = input.districtCode ?? '';
    const tambons = [...tambonDistrict].filter(([, dc]) => dc === d).map(([c]) => c);
    if (tambons.length === 0) {
      problems.push({ field: 'districtCode', en: `district '${d}' is not in the province`, th: `ไม่พบอำเภอ '${d}' ในจังหวัด` });
    }
    return { tambons: tambons.sort(), districtCode: d, problems };
  }
  const tambons = [...new Set(input.tambonCodes)].sort();
  for (const t of tambons) {
    if (!tambonDistrict.has(t)) {
      problems.push({ field: 'tambonCodes', en: `tambon '${t}' is not in the province`, th: `ไม่พบตำบล '${t}' ในจังหวัด` });
    }
  }
  const districts = new Set(tambons.map((t) => tambonDistrict.get(t)));
  const only = districts.size === 1 ? [...districts][0] : undefined;
  return { tambons, districtCode: only ?? null, problems };
}

/** The fields compared to decide whether a write changes a proposal (and named in its audit event). */
function comparable(p: ProposalInput, covered: readonly string[]): Record<string, unknown> {
  return {
    title: p.title,
    level: p.level,
    agency: p.agency,
    developmentIssueNo: p.developmentIssueNo,
    scope: p.scope,
    areas: covered.join(','),
    operating: p.operating,
    investment: p.investment,
    minimum: p.minimum,
    people: p.people,
    households: p.households,
    agencyPriority: p.agencyPriority,
    point: p.point ? pointText(p.point) : null,
    readiness: [...p.readiness].sort().join(','),
    kpis: JSON.stringify(p.kpis),
    description: p.description,
    strategy: p.strategy,
  };
}

function refuse(problems: readonly { field: string; en: string; th: string }[], code: string): never {
  const list: InputProblem[] = problems.map((p) => ({ line: 0, column: p.field, en: p.en, th: p.th }));
  throw new AppError(
    'BAD_ARGS',
    `proposal ${code}: ${problems.map((p) => p.en).join('; ')}`,
    `โครงการ ${code}: ${problems.map((p) => p.th).join('; ')}`,
    list,
  );
}

/** The columns a new proposal is inserted with (its version starts at 1). */
const INSERT_COLUMNS = [
  'round_id',
  'code',
  'title',
  'level',
  'agency',
  'development_issue_no',
  'scope',
  'district_code',
  'operating',
  'investment',
  'requested',
  'min_amount',
  'min_stated',
  'people',
  'households',
  'agency_priority',
  'lat',
  'lon',
  'readiness_json',
  'kpis_json',
  'description',
  'strategy',
  'updated_at',
] as const;

export type ProposalWriter = Readonly<{
  /** Creates or updates one proposal (see writeProposal). */
  write(roundId: number, input: ProposalInput, actor: string, options?: WriteOptions): WriteResult;
}>;

/**
 * A writer for many proposals (an import): statements prepared and the province's tambons read once. The areas must
 * not change while it is used. `bulk`: a round's proposals are read once, on its first write, instead of one lookup
 * per write (nothing else may write the round's proposals while the writer is used: an import's transaction).
 */
export function proposalWriter(sqlite: Database.Database, options: Readonly<{ bulk?: boolean }> = {}): ProposalWriter {
  const tambonDistrict = tambonDistricts(sqlite);
  const st = {
    round: sqlite.prepare('SELECT status FROM round WHERE id = ?'),
    issues: sqlite.prepare('SELECT no FROM development_issue WHERE round_id = ?').pluck(),
    existing: sqlite.prepare('SELECT * FROM project WHERE round_id = ? AND code = ?'),
    ofRound: sqlite.prepare('SELECT * FROM project WHERE round_id = ?'),
    areasOf: sqlite.prepare('SELECT tambon_code FROM project_area WHERE project_id = ? ORDER BY tambon_code').pluck(),
    clearAreas: sqlite.prepare('DELETE FROM project_area WHERE project_id = ?'),
    addArea: sqlite.prepare('INSERT INTO project_area (project_id, tambon_code) VALUES (?, ?)'),
    scores: sqlite.prepare('SELECT COUNT(*) FROM score WHERE project_id = ?').pluck(),
    // Positional parameters (in INSERT_COLUMNS' order): binding by name costs about half the insert again.
    insert: sqlite.prepare(
      `INSERT INTO project (${INSERT_COLUMNS.join(', ')}, version) VALUES (${INSERT_COLUMNS.map(() => '?').join(', ')}, 1)`,
    ),
    update: sqlite.prepare(
      `UPDATE project SET title = @title, level = @level, agency = @agency, development_issue_no = @development_issue_no,
         scope = @scope, district_code = @district_code, operating = @operating, investment = @investment,
         requested = @requested, min_amount = @min_amount, min_stated = @min_stated, people = @people,
         households = @households, agency_priority = @agency_priority, lat = @lat, lon = @lon, readiness_json = @readiness_json, kpis_json = @kpis_json,
         description = @description, strategy = @strategy, version = @version, updated_at = @updated_at,
         changed_after_scoring = CASE WHEN @flag = 1 THEN 1 ELSE changed_after_scoring END
       WHERE id = @id`,
    ),
  };
  // A round's status and development issues, read once per writer (they do not change during an import).
  const rounds = new Map<number, { status: string; issues: ReadonlySet<number> } | null>();
  const roundOf = (roundId: number): { status: string; issues: ReadonlySet<number> } | null => {
    if (!rounds.has(roundId)) {
      const r = st.round.get(roundId) as { status: string } | undefined;
      rounds.set(roundId, r ? { status: r.status, issues: new Set(st.issues.all(roundId) as number[]) } : null);
    }
    return rounds.get(roundId) ?? null;
  };
  const known = new Map<number, Map<string, Row>>();
  const existingOf = (roundId: number, code: string): Row | undefined => {
    if (!options.bulk) return st.existing.get(roundId, code) as Row | undefined;
    let byCode = known.get(roundId);
    if (!byCode) {
      byCode = new Map((st.ofRound.all(roundId) as Row[]).map((r) => [r.code, r]));
      known.set(roundId, byCode);
    }
    return byCode.get(code);
  };
  const remember = (row: Row): void => {
    known.get(row.round_id)?.set(row.code, row);
  };
  const write = (roundId: number, input: ProposalInput, actor: string, options: WriteOptions = {}): WriteResult => {
    const round = roundOf(roundId);
    if (!round) throw new AppError('NOT_FOUND', `round ${roundId} does not exist`, `ไม่พบรอบที่ ${roundId}`);
    if (round.status === 'approved' || round.status === 'closed') {
      throw new AppError(
        'INVALID_STATE',
        `the round is ${round.status}: its proposals can no longer change`,
        'รอบนี้อนุมัติหรือปิดแล้ว แก้ไขโครงการไม่ได้',
      );
    }
    const problems = proposalProblems(input);
    const areas = coveredAreas(tambonDistrict, input);
    problems.push(...areas.problems);
    if (input.developmentIssueNo !== null && !round.issues.has(input.developmentIssueNo)) {
      problems.push({
        field: 'developmentIssueNo',
        en: `the round has no development issue ${input.developmentIssueNo}`,
        th: `รอบนี้ไม่มีประเด็นการพัฒนาที่ ${input.developmentIssueNo}`,
      });
    }
    if (problems.length > 0) refuse(problems, input.code);
    const requested = input.operating + input.investment;
    const existing = existingOf(roundId, input.code);
    const now = new Date().toISOString();
    const values = {
      title: input.title,
      level: input.level,
      agency: input.agency,
      development_issue_no: input.developmentIssueNo,
      scope: input.scope,
      district_code: areas.districtCode,
      operating: input.operating,
      investment: input.investment,
      requested,
      min_amount: input.minimum ?? requested,
      min_stated: input.minimum === null ? 0 : 1,
      people: input.people,
      households: input.households,
      agency_priority: input.agencyPriority,
      lat: input.point?.lat ?? null,
      lon: input.point?.lon ?? null,
      readiness_json: JSON.stringify([...new Set(input.readiness)].sort()),
      kpis_json: JSON.stringify(input.kpis),
      description: input.description,
      strategy: input.strategy,
    };
    const writeAreas = (id: number, fresh: boolean): void => {
      if (!fresh) st.clearAreas.run(id);
      for (const t of areas.tambons) st.addArea.run(id, t);
    };
    const audit = options.audit !== false;
    if (!existing) {
      if (options.expectedVersion !== undefined && options.expectedVersion !== 0) {
        throw new AppError('VERSION_CONFLICT', `proposal ${input.code} no longer exists`, `ไม่พบโครงการ ${input.code} แล้ว`);
      }
      const inserted: Record<(typeof INSERT_COLUMNS)[number], unknown> = {
        ...values,
        round_id: roundId,
        code: input.code,
        updated_at: now,
      };
      const id = Number(st.insert.run(INSERT_COLUMNS.map((c) => inserted[c])).lastInsertRowid);
      remember({
        ...(inserted as Omit<Row, 'id' | 'version' | 'changed_after_scoring'>),
        id,
        version: 1,
        changed_after_scoring: 0,
      });
      writeAreas(id, true);
      if (audit) {
        appendAudit(sqlite, actor, 'proposal.created', {
          roundId,
          projectId: id,
          code: input.code,
          ...comparable(input, areas.tambons),
        });
      }
      return { id, kind: 'new', version: 1 };
    }
    if (options.createOnly) {
      throw new AppError('INVALID_STATE', `a proposal with code ${input.code} already exists`, `มีโครงการรหัส ${input.code} อยู่แล้ว`);
    }
    if (options.expectedVersion !== undefined && options.expectedVersion !== existing.version) {
      throw new AppError(
        'VERSION_CONFLICT',
        `proposal ${input.code} was changed meanwhile (version ${existing.version}, not ${options.expectedVersion})`,
        `โครงการ ${input.code} ถูกแก้ไขไปแล้ว (ฉบับที่ ${existing.version})`,
      );
    }
    const current = toProposal(existing, st.areasOf.all(existing.id) as string[]);
    const before = comparable(current, current.coveredTambons);
    const after = comparable(input, areas.tambons);
    const changed = Object.keys(after).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
    if (changed.length === 0) return { id: existing.id, kind: 'unchanged', version: existing.version };
    const scores = st.scores.get(existing.id) as number;
    if (scores > 0 && !options.confirmAfterScoring) throw new ScoredProposalError(input.code, scores);
    const version = existing.version + 1;
    st.update.run({ ...values, id: existing.id, version, updated_at: now, flag: scores > 0 ? 1 : 0 });
    remember({
      ...existing,
      ...values,
      version,
      updated_at: now,
      changed_after_scoring: scores > 0 ? 1 : existing.changed_after_scoring,
    });
    if (changed.includes('areas')) writeAreas(existing.id, false);
    if (audit) {
      appendAudit(sqlite, actor, 'proposal.updated', {
        roundId,
        projectId: existing.id,
        code: input.code,
        version,
        afterScoring: scores > 0,
        changes: Object.fromEntries(changed.map((k) => [k, { from: before[k], to: after[k] }])),
      });
    }
    const cleared = CLEARABLE_FIELDS.filter((k) => changed.includes(k) && !isEmpty(before[k]) && isEmpty(after[k]));
    return { id: existing.id, kind: 'changed', version, ...(cleared.length > 0 ? { cleared } : {}) };
  };
  // Every refusal comes before the first write, so inside the caller's transaction (an import) no savepoint is
  // needed; an unexpected SQLite error there rolls the caller's transaction back as a whole.
  const tx = sqlite.transaction(write);
  return {
    write: (roundId, input, actor, options) =>
      sqlite.inTransaction ? write(roundId, input, actor, options) : tx(roundId, input, actor, options),
  };
}

/**
 * Creates or updates (by round and code) one proposal. Refuses, changing nothing: a proposal breaking its own rules,
 * an unknown area or development issue, a round already approved or closed, a stale expectedVersion, and an edit of
 * a scored proposal without confirmation (then it is flagged "changed after scoring"). Audited unless the caller
 * records the change itself (an import records one event for its batch).
 */
export function writeProposal(
  sqlite: Database.Database,
  roundId: number,
  input: ProposalInput,
  actor: string,
  options: WriteOptions = {},
): WriteResult {
  return proposalWriter(sqlite).write(roundId, input, actor, options);
}
