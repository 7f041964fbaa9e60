/**
 * The needs explorer's reads over up to a million needs, all in indexed SQL so the renderer only ever holds a page:
 * one WHERE clause built from the filter serves the grid's pages, its totals and the map, so the three agree. Text is
 * found through the trigram index `need_search` (migration 012); terms shorter than a trigram are matched with LIKE on
 * the rows the other filters leave. See docs/needs-explorer.md.
 */
import type { Selectable } from 'kysely';
import { AppError } from '../../../shared/api/errors';
import type {
  ChoroplethArea,
  FieldValue,
  NeedDetail,
  NeedPoint,
  NeedPoints,
  NeedProposal,
  NeedsChoropleth,
  NeedsExplorePage,
  NeedsFilter,
  NeedsTotals,
  NeedVersion,
  ProjectNeedChanges,
} from '../../../shared/api/needs-explorer';
import type { NeedRow, NEEDS_SORT_FIELDS } from '../../../shared/api/types';
import { ftsMatch, likePattern, parseNeedsQuery } from '../../../shared/domain/needs-query';
import type { Store } from '../db/database';
import type { DB } from '../db/schema';
import { CHANGE_FIELDS, changedFields } from '../sync/needs-sync';

type SortField = (typeof NEEDS_SORT_FIELDS)[number];
export type Sort = Readonly<{ field: SortField; dir: 'asc' | 'desc' }>;

const SORT_COLUMNS: Readonly<Record<SortField, string>> = {
  externalId: 'n.external_id',
  title: 'n.title',
  category: 'n.category',
  tambonCode: 'n.tambon_code',
  peopleAffected: 'n.people_affected',
  households: 'n.households',
  reportedDate: 'n.reported_date',
  updatedAt: 'n.updated_at',
  status: 'n.status',
};

/** A WHERE clause (without the keyword; '1' for none) and its named parameters. */
export type Where = Readonly<{ sql: string; params: Record<string, string | number> }>;

/** The parts of a filter the map does not apply: it is where the user picks the area. */
type AreaFree = Omit<NeedsFilter, 'districtCode' | 'tambonCode'>;

/**
 * How the words of a search are found: through the trigram index, or by testing the title of each row the other
 * filters leave (cheaper when those are few: the index would list every match in the province first).
 */
export type TextVia = 'index' | 'scan';

/**
 * Rows the other filters may leave for the title test to be the cheaper way; more, and the index is used (listing a
 * common word's matches in a million titles takes ~25 ms; testing a title costs a row lookup, ~5–10 µs).
 */
const SCAN_LIMIT = 3_000;

/** The title as the index stores it (migration 012), for the LIKE tests to see what the index sees. */
const TITLE = 'replace(n.title, char(3661, 3634), char(3635))';

/**
 * The filter as SQL over `need n`. District codes are ranges of tambon codes, so the (category, tambon_code) and
 * (tambon_code) indexes serve them.
 */
export function needsWhere(filter: NeedsFilter, textVia: TextVia = 'index'): Where {
  const parts: string[] = [];
  const params: Record<string, string | number> = {};
  const district = (code: string, name: string): void => {
    parts.push(`n.tambon_code BETWEEN @${name}Lo AND @${name}Hi`);
    params[`${name}Lo`] = `${code}00`;
    params[`${name}Hi`] = `${code}99`;
  };
  if (filter.districtCode) district(filter.districtCode, 'district');
  if (filter.tambonCode) {
    parts.push('n.tambon_code = @tambon');
    params['tambon'] = filter.tambonCode;
  }
  const equal = (value: string | undefined, column: string, name: string): void => {
    if (value === undefined) return;
    parts.push(`${column} = @${name}`);
    params[name] = value;
  };
  equal(filter.category, 'n.category', 'category');
  equal(filter.channel, 'n.channel', 'channel');
  equal(filter.status, 'n.status', 'status');
  equal(filter.tpmap, 'n.tpmap', 'tpmap');
  if (filter.dateFrom) {
    parts.push('n.reported_date >= @dateFrom');
    params['dateFrom'] = filter.dateFrom;
  }
  if (filter.dateTo) {
    parts.push('n.reported_date <= @dateTo');
    params['dateTo'] = filter.dateTo;
  }
  if (filter.projectId !== undefined) {
    parts.push('n.id IN (SELECT need_id FROM project_need WHERE project_id = @projectId)');
    params['projectId'] = filter.projectId;
  }
  const query = parseNeedsQuery(filter.search ?? '');
  if (query.kind === 'area') {
    if (query.code.length === 4) district(query.code, 'searchDistrict');
    else {
      parts.push('n.tambon_code = @searchTambon');
      params['searchTambon'] = query.code;
    }
  } else if (query.kind === 'text') {
    const text: string[] = [];
    const match = ftsMatch(query.indexed);
    if (match && textVia === 'index') {
      text.push('n.id IN (SELECT rowid FROM need_search WHERE need_search MATCH @match)');
      params['match'] = match;
    }
    const scanned = textVia === 'index' ? query.short : [...query.indexed, ...query.short];
    scanned.forEach((term, i) => {
      text.push(`${TITLE} LIKE @term${i} ESCAPE '\\'`);
      params[`term${i}`] = likePattern(term);
    });
    const words = text.join(' AND ');
    if (query.idPrefix === null) parts.push(words);
    else {
      // An id-like word is also a need id or the beginning of one.
      params['idLo'] = query.idPrefix;
      params['idHi'] = `${query.idPrefix}\uffff`;
      parts.push(`(n.id IN (SELECT id FROM need WHERE external_id >= @idLo AND external_id < @idHi) OR (${words}))`);
    }
  }
  return { sql: parts.length === 0 ? '1' : parts.join(' AND '), params };
}

/**
 * The filter as SQL, finding its words the cheaper way: when the other filters leave at most SCAN_LIMIT rows (counted
 * through their indexes, stopping at the limit), each title is tested; otherwise the trigram index lists the matches.
 */
export function plannedWhere(store: Store, filter: NeedsFilter): Where {
  const query = parseNeedsQuery(filter.search ?? '');
  if (query.kind !== 'text' || query.indexed.length === 0) return needsWhere(filter);
  const rest = needsWhere({ ...filter, search: undefined });
  if (rest.sql === '1') return needsWhere(filter);
  const { n } = store.sqlite
    .prepare(`SELECT COUNT(*) AS n FROM (SELECT 1 FROM need n WHERE ${rest.sql} LIMIT ${SCAN_LIMIT + 1})`)
    .get(rest.params) as { n: number };
  return needsWhere(filter, n > SCAN_LIMIT ? 'index' : 'scan');
}

/** A need's row as the database holds it (the columns `needRow` reads). */
export type NeedRowDb = Pick<
  Selectable<DB['need']>,
  | 'id'
  | 'source'
  | 'external_id'
  | 'version'
  | 'title'
  | 'category'
  | 'tambon_code'
  | 'village_no'
  | 'households'
  | 'people_affected'
  | 'times_raised'
  | 'channel'
  | 'reported_date'
  | 'status'
  | 'estimated_cost'
  | 'updated_at'
>;

const ROW_COLUMNS = `n.id, n.source, n.external_id, n.version, n.title, n.category, n.tambon_code, n.village_no, n.households,
  n.people_affected, n.times_raised, n.channel, n.reported_date, n.status, n.estimated_cost, n.updated_at`;

/** A need's database row as the API gives it (the district is its tambon's first four digits). */
export function needRow(r: NeedRowDb): NeedRow {
  return {
    id: r.id,
    source: r.source,
    externalId: r.external_id,
    version: r.version,
    title: r.title,
    category: r.category,
    tambonCode: r.tambon_code,
    districtCode: r.tambon_code.slice(0, 4),
    villageNo: r.village_no,
    households: r.households,
    peopleAffected: r.people_affected,
    timesRaised: r.times_raised,
    channel: r.channel,
    reportedDate: r.reported_date,
    status: r.status,
    estimatedCost: r.estimated_cost,
    updatedAt: r.updated_at,
  };
}

function sortOrder(sort: Sort | undefined): string {
  const { field, dir } = sort ?? { field: 'externalId', dir: 'asc' };
  const d = dir === 'desc' ? 'DESC' : 'ASC';
  return `${SORT_COLUMNS[field]} ${d}, n.id ${d}`;
}

/**
 * The ids of one page (`@limit` from `@offset`) of the needs the filter finds, in the asked order then by row id: each
 * order is read along an index (migrations 012, 016), never by sorting a province's table for every page.
 */
export function pageIdsSql(where: Where, sort: Sort | undefined): string {
  return `SELECT n.id FROM need n WHERE ${where.sql} ORDER BY ${sortOrder(sort)} LIMIT @limit OFFSET @offset`;
}

/** One page of the needs matching the filter, in the asked order (then by row id), with how many match. */
export function exploreNeeds(
  store: Store,
  filter: NeedsFilter,
  page: Readonly<{ offset: number; limit: number; sort?: Sort | undefined }>,
  /** How many match, when the caller already knows (the totals of the same filter). */
  knownTotal?: number,
): NeedsExplorePage {
  const where = plannedWhere(store, filter);
  const order = sortOrder(page.sort);
  // The page's ids first (from an index alone where the filter allows), then only those rows.
  const rows = store.sqlite
    .prepare(`SELECT ${ROW_COLUMNS} FROM need n WHERE n.id IN (${pageIdsSql(where, page.sort)}) ORDER BY ${order}`)
    .all({ ...where.params, limit: page.limit, offset: page.offset }) as NeedRowDb[];
  // The first page counts; a later page whose rows stop short also knows the count without asking.
  const total =
    knownTotal ??
    (page.offset > 0 && rows.length > 0 && rows.length < page.limit
      ? page.offset + rows.length
      : (store.sqlite.prepare(`SELECT COUNT(*) AS n FROM need n WHERE ${where.sql}`).get(where.params) as { n: number }).n);
  return { rows: rows.map(needRow), total };
}

/** Needs, people, households and the estimated cost (satang, over the needs that state one) under the filter. */
export function needsTotals(store: Store, filter: NeedsFilter): NeedsTotals {
  const where = plannedWhere(store, filter);
  const r = store.sqlite
    .prepare(
      `SELECT COUNT(*) AS needs, COALESCE(SUM(n.people_affected), 0) AS people, COALESCE(SUM(n.households), 0) AS households,
        COALESCE(SUM(n.estimated_cost), 0) AS cost, COUNT(n.estimated_cost) AS withCost
       FROM need n WHERE ${where.sql}`,
    )
    .get(where.params) as { needs: number; people: number; households: number; cost: number; withCost: number };
  return { needs: r.needs, people: r.people, households: r.households, estimatedCost: r.cost, withCost: r.withCost };
}

/**
 * Needs per district of the province, or per tambon of one district, under the filter's other fields (the map is
 * where the area is chosen, so the filter's own district and tambon do not narrow it). Every area is listed, those
 * without needs with 0.
 */
export function needsChoropleth(
  store: Store,
  filter: AreaFree,
  level: 'district' | 'tambon',
  parent: string | undefined,
): NeedsChoropleth {
  const { sqlite } = store;
  const scoped: NeedsFilter = level === 'tambon' && parent ? { ...filter, districtCode: parent } : filter;
  const where = plannedWhere(store, scoped);
  const key = level === 'district' ? 'substr(n.tambon_code, 1, 4)' : 'n.tambon_code';
  const counts = new Map(
    (
      sqlite
        .prepare(
          `SELECT ${key} AS code, COUNT(*) AS needs, COALESCE(SUM(n.people_affected), 0) AS people FROM need n
           WHERE ${where.sql} GROUP BY ${key}`,
        )
        .all(where.params) as { code: string; needs: number; people: number }[]
    ).map((r) => [r.code, r]),
  );
  const areas = (
    level === 'district'
      ? sqlite.prepare('SELECT code, population FROM area_district ORDER BY code').all()
      : sqlite.prepare('SELECT code, population FROM area_tambon WHERE district_code = ? ORDER BY code').all(parent)
  ) as { code: string; population: number | null }[];
  return {
    level,
    parent: level === 'tambon' ? (parent ?? null) : null,
    areas: areas.map((a): ChoroplethArea => {
      const c = counts.get(a.code);
      const needs = c?.needs ?? 0;
      return {
        code: a.code,
        needs,
        people: c?.people ?? 0,
        population: a.population,
        per1000: a.population ? Math.round((needs / a.population) * 1000 * 100) / 100 : null,
      };
    }),
  };
}

/**
 * The points of the needs under the filter that have one, the first `limit` by id, and how many have one: the map of
 * one district's tambons draws them (a district's needs with points are a few thousand at most; the rest are counted).
 */
export function needsPoints(store: Store, filter: NeedsFilter, limit: number): NeedPoints {
  const where = plannedWhere(store, filter);
  const sql = `FROM need n WHERE ${where.sql} AND n.lat IS NOT NULL AND n.lon IS NOT NULL`;
  const total = store.sqlite.prepare(`SELECT COUNT(*) ${sql}`).pluck().get(where.params) as number;
  const points = store.sqlite
    .prepare(`SELECT n.id, n.lat, n.lon, n.title, n.people_affected AS people ${sql} ORDER BY n.id LIMIT @pointsLimit`)
    .all({ ...where.params, pointsLimit: limit }) as NeedPoint[];
  return { points, total };
}

type Fields = Record<string, FieldValue>;

function diff(before: Fields | null, after: Fields): NeedVersion['fields'] {
  if (before === null) return [];
  return changedFields(before, after);
}

function parseFields(json: string | null): Fields | null {
  return json === null ? null : (JSON.parse(json) as Fields);
}

type DetailDb = NeedRowDb & {
  description: string;
  tpmap: string | null;
  lat: number | null;
  lon: number | null;
  batch_id: number | null;
  raw_json: string;
};

/** Every field of one need, its versions across syncs (oldest first) and the proposals it is linked to. */
export function needDetail(store: Store, needId: number): NeedDetail {
  const { sqlite } = store;
  const r = sqlite
    .prepare(`SELECT ${ROW_COLUMNS}, n.description, n.tpmap, n.lat, n.lon, n.batch_id, n.raw_json FROM need n WHERE n.id = ?`)
    .get(needId) as DetailDb | undefined;
  if (!r) throw new AppError('NOT_FOUND', `no need with id ${needId}`, `ไม่พบความต้องการรหัส ${needId}`);
  const current: Fields = Object.fromEntries(CHANGE_FIELDS.map((f) => [f, r[f]]));
  const changes = sqlite
    .prepare(
      `SELECT c.batch_id, c.kind, c.before_json, b.finished_at, b.file_name, b.source
       FROM need_change c JOIN sync_batch b ON b.id = c.batch_id WHERE c.need_id = ? ORDER BY c.batch_id`,
    )
    .all(needId) as {
    batch_id: number;
    kind: NeedVersion['kind'];
    before_json: string | null;
    finished_at: string;
    file_name: string;
    source: string;
  }[];
  const versions = changes.map((c, i): NeedVersion => {
    const after = parseFields(changes[i + 1]?.before_json ?? null) ?? current;
    return {
      batchId: c.batch_id,
      at: c.finished_at,
      fileName: c.file_name,
      source: c.source,
      kind: c.kind,
      version: Number(after['version']),
      fields: diff(parseFields(c.before_json), after),
    };
  });
  const proposals = (
    sqlite
      .prepare(
        `SELECT p.id, p.round_id, r.name AS round_name, r.fiscal_year, p.code, p.title, pn.coverage, p.evidence_changed
         FROM project_need pn JOIN project p ON p.id = pn.project_id JOIN round r ON r.id = p.round_id
         WHERE pn.need_id = ? ORDER BY r.fiscal_year DESC, p.code`,
      )
      .all(needId) as {
      id: number;
      round_id: number;
      round_name: string;
      fiscal_year: number;
      code: string;
      title: string;
      coverage: number;
      evidence_changed: number;
    }[]
  ).map((p): NeedProposal => ({
    projectId: p.id,
    roundId: p.round_id,
    roundName: p.round_name,
    fiscalYear: p.fiscal_year,
    code: p.code,
    title: p.title,
    coverage: p.coverage,
    evidenceChanged: p.evidence_changed === 1,
  }));
  return {
    need: {
      ...needRow(r),
      description: r.description,
      tpmap: r.tpmap,
      lat: r.lat,
      lon: r.lon,
      batchId: r.batch_id,
      raw: r.raw_json,
    },
    versions,
    proposals,
  };
}

/**
 * What syncs and imports changed in the needs linked to one proposal (changed field by field, or withdrawn), newest
 * batch first: the detail behind the proposal's "evidence changed" flag.
 */
export function projectNeedChanges(store: Store, projectId: number, limit: number): ProjectNeedChanges {
  const { sqlite } = store;
  const project = sqlite.prepare('SELECT id, code, title, evidence_changed FROM project WHERE id = ?').get(projectId) as
    { id: number; code: string; title: string; evidence_changed: number } | undefined;
  if (!project) throw new AppError('NOT_FOUND', `no proposal with id ${projectId}`, `ไม่พบโครงการรหัส ${projectId}`);
  // A need's first load ('new') is not a change of evidence.
  const changes = `project_need pn JOIN need_change c ON c.need_id = pn.need_id AND c.kind <> 'new'`;
  const total = (
    sqlite.prepare(`SELECT COUNT(*) AS n FROM ${changes} WHERE pn.project_id = @projectId`).get({ projectId }) as { n: number }
  ).n;
  const rows = sqlite
    .prepare(
      `SELECT c.batch_id, b.finished_at, c.need_id, c.kind, c.before_json,
         (SELECT c2.before_json FROM need_change c2 WHERE c2.need_id = c.need_id AND c2.batch_id > c.batch_id
           ORDER BY c2.batch_id LIMIT 1) AS next_json,
         n.external_id, n.title, n.tambon_code, ${CHANGE_FIELDS.map((f) => `n.${f}`).join(', ')}
       FROM ${changes} JOIN sync_batch b ON b.id = c.batch_id JOIN need n ON n.id = c.need_id
       WHERE pn.project_id = @projectId
       ORDER BY c.batch_id DESC, n.external_id LIMIT @limit`,
    )
    .all({ projectId, limit }) as ({
    batch_id: number;
    finished_at: string;
    need_id: number;
    kind: 'changed' | 'withdrawn';
    before_json: string | null;
    next_json: string | null;
    external_id: string;
    title: string;
    tambon_code: string;
  } & Fields)[];
  return {
    projectId,
    code: project.code,
    title: project.title,
    evidenceChanged: project.evidence_changed === 1,
    total,
    rows: rows.map((r) => {
      const after: Fields = parseFields(r.next_json) ?? Object.fromEntries(CHANGE_FIELDS.map((f) => [f, r[f] ?? null]));
      return {
        batchId: r.batch_id,
        at: r.finished_at,
        needId: r.need_id,
        externalId: r.external_id,
        title: String(after['title'] ?? r.title),
        tambonCode: String(after['tambon_code'] ?? r.tambon_code),
        kind: r.kind,
        fields: diff(parseFields(r.before_json), after),
      };
    }),
  };
}
