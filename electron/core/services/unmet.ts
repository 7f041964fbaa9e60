/**
 * Unmet needs of a round (active needs with no link to any of its proposals), routed to the level that should act
 * by the rule in shared/domain/routing.ts. The rule runs inside SQLite as a function, so counting, filtering by door
 * and paging stay one query over the need table however many needs there are.
 */
import type Database from 'better-sqlite3';
import { AppError } from '../../../shared/api/errors';
import type { AgencyRoute, UnmetCell, UnmetDoor, UnmetNeedRow, UnmetPage, UnmetSummary } from '../../../shared/api/types';
import {
  DEFAULT_AGENCIES,
  PROVINCE_DOOR_NAME,
  ROUTE_REASONS,
  agencyFor,
  doorKey,
  doorKindOf,
  localGovernmentName,
  localGovernmentNameEn,
  parseDoorKey,
  routeReason,
  routeReasonText,
  type Door,
  type RouteReason,
} from '../../../shared/domain/routing';
import { appendAudit } from '../audit/audit-log';
import type { Store } from '../db/database';
import { readCache } from './read-cache';

/** What the rule needs beyond the need itself: the round's agencies and how widely each category is unmet. */
type RoutingContext = Readonly<{ overrides: ReadonlyMap<string, string>; spread: ReadonlyMap<string, number> }>;

type AreaNames = Readonly<{
  districts: ReadonlyMap<string, { th: string; en: string }>;
  tambons: ReadonlyMap<string, { th: string; en: string }>;
}>;

/** A need as the queries return it. */
type UnmetRowDb = {
  id: number;
  external_id: string;
  title: string;
  category: string;
  tambon_code: string;
  village_no: number | null;
  households: number;
  people_affected: number;
  times_raised: number;
  estimated_cost: number | null;
  reason: RouteReason;
};

type Params = Record<string, unknown>;

export type UnmetFilter = Readonly<{
  door?: string | undefined;
  districtCode?: string | undefined;
  category?: string | undefined;
}>;

/** The most needs one door's workbook holds. */
export const MAX_EXPORT_ROWS = 200_000;

const ROUTE_FN = 'chipao_unmet_route';

/**
 * The contexts of the queries running now, by token. better-sqlite3 runs a statement synchronously, so a context is
 * registered just before its statement and removed right after; the SQL function looks it up by the token it is given.
 */
const contexts = new Map<number, RoutingContext>();
let nextToken = 1;
const registered = new WeakSet<Database.Database>();

function ensureRouteFunction(sqlite: Database.Database): void {
  if (registered.has(sqlite)) return;
  sqlite.function(
    ROUTE_FN,
    { deterministic: true },
    (token: unknown, category: unknown, cost: unknown, village: unknown, people: unknown): string => {
      const ctx = contexts.get(Number(token));
      if (!ctx) throw new Error('unmet routing context is missing');
      const c = String(category);
      return routeReason({
        category: c,
        estimatedCost: cost === null ? null : Number(cost),
        villageNo: village === null ? null : Number(village),
        peopleAffected: Number(people),
        spreadDistricts: ctx.spread.get(c) ?? 0,
        hasAgency: agencyFor(c, ctx.overrides) !== null,
      });
    },
  );
  registered.add(sqlite);
}

/** Runs `fn` with `ctx` registered for the SQL function under the returned token. */
function withContext<T>(store: Store, ctx: RoutingContext, fn: (token: number) => T): T {
  ensureRouteFunction(store.sqlite);
  const token = nextToken++;
  contexts.set(token, ctx);
  try {
    return fn(token);
  } finally {
    contexts.delete(token);
  }
}

/**
 * An active need that no proposal of the round answers (`n` is the need; `@roundId` is bound). CROSS JOIN keeps
 * SQLite on project_need_need (the need's few links) instead of walking every project of the round per need:
 * 1.4 s instead of 139 s for a count over 1,000,000 needs.
 */
const UNMET = `n.status = 'active' AND NOT EXISTS (
  SELECT 1 FROM project_need pn CROSS JOIN project p ON p.id = pn.project_id
  WHERE pn.need_id = n.id AND p.round_id = @roundId)`;

const ROUTE = `${ROUTE_FN}(@token, n.category, n.estimated_cost, n.village_no, n.people_affected)`;

const LOCAL_REASONS = ROUTE_REASONS.filter((r) => doorKindOf(r) === 'local');
const PROVINCE_REASONS = ROUTE_REASONS.filter((r) => doorKindOf(r) === 'province');
const inList = (xs: readonly string[]): string => xs.map((x) => `'${x}'`).join(', ');

function assertRound(store: Store, roundId: number): { name: string; fiscal_year: number } {
  const round = store.sqlite
    .prepare<[number], { name: string; fiscal_year: number }>('SELECT name, fiscal_year FROM round WHERE id = ?')
    .get(roundId);
  if (!round) throw new AppError('NOT_FOUND', `round ${roundId} does not exist`, `ไม่พบรอบการพิจารณา ${roundId}`);
  return round;
}

function overridesOf(store: Store, roundId: number): Map<string, string> {
  const rows = store.sqlite
    .prepare<[number], { category: string; agency: string }>('SELECT category, agency FROM agency_route WHERE round_id = ?')
    .all(roundId);
  return new Map(rows.map((r) => [r.category, r.agency]));
}

/** In how many districts each category has unmet needs in the round (cached until the database changes). */
async function spreadOf(store: Store, roundId: number): Promise<ReadonlyMap<string, number>> {
  return readCache(store).get(spreadKey(roundId), () => {
    // DISTINCT pairs first, then a count: about half the time of COUNT(DISTINCT …) per category on 1,000,000 needs.
    const rows = store.sqlite
      .prepare<{ roundId: number }, { category: string; districts: number }>(
        `SELECT category, COUNT(*) AS districts FROM (
           SELECT DISTINCT n.category AS category, substr(n.tambon_code, 1, 4) AS district FROM need n WHERE ${UNMET})
         GROUP BY category`,
      )
      .all({ roundId });
    return Promise.resolve(new Map(rows.map((r) => [r.category, r.districts])));
  });
}

const spreadKey = (roundId: number): string => `unmet.spread:${roundId}`;

async function contextOf(store: Store, roundId: number): Promise<RoutingContext> {
  return { overrides: overridesOf(store, roundId), spread: await spreadOf(store, roundId) };
}

function areaNames(store: Store): AreaNames {
  type Named = { code: string; th: string; en: string };
  const d = store.sqlite.prepare<[], Named>('SELECT code, name_th AS th, name_en AS en FROM area_district').all();
  const t = store.sqlite.prepare<[], Named>('SELECT code, name_th AS th, name_en AS en FROM area_tambon').all();
  return {
    districts: new Map(d.map((x) => [x.code, { th: x.th, en: x.en }])),
    tambons: new Map(t.map((x) => [x.code, { th: x.th, en: x.en }])),
  };
}

/** A door's name in Thai and English. */
function doorName(door: Door, names: AreaNames): { th: string; en: string } {
  if (door.kind === 'province') return PROVINCE_DOOR_NAME;
  if (door.kind === 'agency') return { th: door.agency, en: door.agency };
  const tambon = names.tambons.get(door.tambonCode);
  const district = names.districts.get(door.tambonCode.slice(0, 4));
  return {
    th: localGovernmentName(tambon?.th ?? door.tambonCode, district?.th ?? ''),
    en: localGovernmentNameEn(tambon?.en ?? door.tambonCode, district?.en ?? ''),
  };
}

/** The SQL conditions (and parameters) of a filter, over `n`. */
function whereOf(filter: UnmetFilter, ctx: RoutingContext): { sql: string; params: Record<string, unknown> } {
  const parts = [UNMET];
  const params: Record<string, unknown> = {};
  if (filter.districtCode) {
    // A range over need_tambon (tambon codes start with their district's).
    parts.push('n.tambon_code >= @districtFrom AND n.tambon_code < @districtTo');
    params.districtFrom = filter.districtCode;
    params.districtTo = `${filter.districtCode}~`;
  }
  if (filter.category) {
    parts.push('n.category = @category');
    params.category = filter.category;
  }
  if (filter.door) {
    const door = parseDoorKey(filter.door);
    if (!door) throw new AppError('BAD_ARGS', `${filter.door} is not a door`, `${filter.door} ไม่ใช่ผู้รับผิดชอบที่รู้จัก`);
    if (door.kind === 'province') parts.push(`${ROUTE} IN (${inList(PROVINCE_REASONS)})`);
    if (door.kind === 'local') {
      parts.push(`n.tambon_code = @doorTambon AND ${ROUTE} IN (${inList(LOCAL_REASONS)})`);
      params.doorTambon = door.tambonCode;
    }
    if (door.kind === 'agency') {
      const categories = [...new Set([...Object.keys(DEFAULT_AGENCIES), ...ctx.overrides.keys()])].filter(
        (c) => agencyFor(c, ctx.overrides) === door.agency,
      );
      parts.push(`n.category IN (SELECT value FROM json_each(@doorCategories)) AND ${ROUTE} = 'agency_remit'`);
      params.doorCategories = JSON.stringify(categories);
    }
  }
  return { sql: parts.join(' AND '), params };
}

function toRow(r: UnmetRowDb, ctx: RoutingContext, names: AreaNames): UnmetNeedRow {
  const door = doorOf(r.reason, r.category, r.tambon_code, ctx);
  const name = doorName(door, names);
  const reason = routeReasonText(r.reason, {
    agency: agencyFor(r.category, ctx.overrides),
    spreadDistricts: ctx.spread.get(r.category) ?? 0,
  });
  return {
    id: r.id,
    externalId: r.external_id,
    title: r.title,
    category: r.category,
    tambonCode: r.tambon_code,
    districtCode: r.tambon_code.slice(0, 4),
    villageNo: r.village_no,
    households: r.households,
    peopleAffected: r.people_affected,
    timesRaised: r.times_raised,
    estimatedCost: r.estimated_cost,
    door: doorKey(door),
    doorKind: door.kind,
    doorTh: name.th,
    doorEn: name.en,
    reason: r.reason,
    reasonTh: reason.th,
    reasonEn: reason.en,
  };
}

const ROW_COLUMNS = `n.id, n.external_id, n.title, n.category, n.tambon_code, n.village_no, n.households,
  n.people_affected, n.times_raised, n.estimated_cost, ${ROUTE} AS reason`;

/**
 * One page of a round's routed unmet needs, by tambon then need id (the need_tambon index's order, so a page
 * stops reading once it has its rows); the total is cached until the database changes.
 */
export async function listUnmet(
  store: Store,
  roundId: number,
  filter: UnmetFilter,
  page: Readonly<{ offset: number; limit: number }>,
): Promise<UnmetPage> {
  assertRound(store, roundId);
  const ctx = await contextOf(store, roundId);
  const where = whereOf(filter, ctx);
  const total = await readCache(store).get(`unmet.count:${roundId}:${JSON.stringify(filter)}`, () =>
    Promise.resolve(
      withContext(store, ctx, (token) => {
        const r = store.sqlite
          .prepare<Params, { n: number }>(`SELECT COUNT(*) AS n FROM need n WHERE ${where.sql}`)
          .get({ ...where.params, roundId, token });
        return r?.n ?? 0;
      }),
    ),
  );
  const rows = withContext(store, ctx, (token) =>
    store.sqlite
      .prepare<Params, UnmetRowDb>(
        `SELECT ${ROW_COLUMNS} FROM need n WHERE ${where.sql}
           ORDER BY n.tambon_code, n.id LIMIT @limit OFFSET @offset`,
      )
      .all({ ...where.params, roundId, token, limit: page.limit, offset: page.offset }),
  );
  const names = areaNames(store);
  return { total, rows: rows.map((r) => toRow(r, ctx, names)) };
}

/**
 * Every unmet need of one door (in one district, if given), by tambon, village and need, for its workbook; refused
 * above MAX_EXPORT_ROWS.
 */
export async function unmetForDoor(
  store: Store,
  roundId: number,
  door: string,
  districtCode: string | null,
): Promise<{ round: { name: string; fiscalYear: number }; door: Door; doorTh: string; doorEn: string; rows: UnmetNeedRow[] }> {
  const round = assertRound(store, roundId);
  const parsed = parseDoorKey(door);
  if (!parsed) throw new AppError('BAD_ARGS', `${door} is not a door`, `${door} ไม่ใช่ผู้รับผิดชอบที่รู้จัก`);
  const ctx = await contextOf(store, roundId);
  const where = whereOf(districtCode ? { door, districtCode } : { door }, ctx);
  const rows = withContext(store, ctx, (token) =>
    store.sqlite
      .prepare<Params, UnmetRowDb>(
        `SELECT ${ROW_COLUMNS} FROM need n WHERE ${where.sql}
           ORDER BY n.tambon_code, n.village_no, n.id LIMIT ${MAX_EXPORT_ROWS + 1}`,
      )
      .all({ ...where.params, roundId, token }),
  );
  if (rows.length > MAX_EXPORT_ROWS) {
    throw new AppError(
      'TOO_LARGE',
      `this door has more than ${MAX_EXPORT_ROWS.toLocaleString('en-US')} unmet needs; export it by district instead`,
      `ผู้รับผิดชอบนี้มีความต้องการเกิน ${MAX_EXPORT_ROWS.toLocaleString('en-US')} รายการ`,
    );
  }
  const names = areaNames(store);
  const name = doorName(parsed, names);
  return {
    round: { name: round.name, fiscalYear: round.fiscal_year },
    door: parsed,
    doorTh: name.th,
    doorEn: name.en,
    rows: rows.map((r) => toRow(r, ctx, names)),
  };
}

/** One raw row of the summary's scan: tambon, category, estimate, village, people, households. */
type ScanRow = [string, string, number | null, number | null, number, number];

/** An (area, category) cell of the summary, with the tambon it was read from (for the door of a local need). */
type Cell = { areaCode: string; tambon: string; category: string; needs: number; people: number; households: number };

/**
 * A round's unmet needs counted by area (districts, or the tambons of one district) and category, with people and
 * households, and per door; cached until the database changes. One pass over the needs in SQLite's own order, grouped
 * and routed here: grouping in SQL by (tambon, category, route) sorted every need through a temporary B-tree (5.9 s on
 * 1,000,000 needs). For the province the spread per category comes from the same pass.
 */
export async function summarizeUnmet(store: Store, roundId: number, districtCode: string | null): Promise<UnmetSummary> {
  assertRound(store, roundId);
  return readCache(store).get(`unmet.summary:${roundId}:${districtCode ?? ''}`, async () => {
    const overrides = overridesOf(store, roundId);
    const where = whereOf(districtCode ? { districtCode } : {}, { overrides, spread: new Map() });
    const cellIndex = new Map<string, number>();
    const cells: Cell[] = [];
    // Per need: its cell, estimate (NaN when none), village (0 when none), people, households.
    const rowCell: number[] = [];
    const rowCost: number[] = [];
    const rowVillage: number[] = [];
    const rowPeople: number[] = [];
    const rowHouseholds: number[] = [];
    const scan = store.sqlite
      .prepare<Params, ScanRow>(
        `SELECT n.tambon_code, n.category, n.estimated_cost, n.village_no, n.people_affected, n.households
         FROM need n WHERE ${where.sql}`,
      )
      .raw();
    for (const [tambon, category, cost, village, people, households] of scan.iterate({ ...where.params, roundId })) {
      const key = `${tambon}|${category}`;
      let i = cellIndex.get(key);
      if (i === undefined) {
        i = cells.length;
        cellIndex.set(key, i);
        cells.push({
          areaCode: districtCode ? tambon : tambon.slice(0, 4),
          tambon,
          category,
          needs: 0,
          people: 0,
          households: 0,
        });
      }
      const cell = cells[i]!;
      cell.needs += 1;
      cell.people += people;
      cell.households += households;
      rowCell.push(i);
      rowCost.push(cost ?? Number.NaN);
      rowVillage.push(village ?? 0);
      rowPeople.push(people);
      rowHouseholds.push(households);
    }
    // The province's pass has every unmet need: its spread is kept for the list and the district views too.
    const spread = districtCode
      ? await spreadOf(store, roundId)
      : await readCache(store).get(spreadKey(roundId), () => Promise.resolve(spreadOfCells(cells)));
    const ctx: RoutingContext = { overrides, spread };
    const doors = new Map<
      string,
      { door: Door; needs: number; people: number; households: number; estimatedCost: number; estimated: number }
    >();
    for (let r = 0; r < rowCell.length; r++) {
      const cell = cells[rowCell[r]!]!;
      const cost = rowCost[r]!;
      const reason = routeReason({
        category: cell.category,
        estimatedCost: Number.isNaN(cost) ? null : cost,
        villageNo: rowVillage[r] === 0 ? null : rowVillage[r]!,
        peopleAffected: rowPeople[r]!,
        spreadDistricts: spread.get(cell.category) ?? 0,
        hasAgency: agencyFor(cell.category, overrides) !== null,
      });
      const door = doorOf(reason, cell.category, cell.tambon, ctx);
      const key = doorKey(door);
      let d = doors.get(key);
      if (!d) doors.set(key, (d = { door, needs: 0, people: 0, households: 0, estimatedCost: 0, estimated: 0 }));
      d.needs += 1;
      d.people += rowPeople[r]!;
      d.households += rowHouseholds[r]!;
      if (!Number.isNaN(cost)) {
        d.estimatedCost += cost;
        d.estimated += 1;
      }
    }
    const names = areaNames(store);
    const order = { province: 0, agency: 1, local: 2 } as const;
    const doorList = [...doors.entries()]
      .map(([key, d]): UnmetDoor => {
        const name = doorName(d.door, names);
        return {
          key,
          kind: d.door.kind,
          nameTh: name.th,
          nameEn: name.en,
          needs: d.needs,
          people: d.people,
          households: d.households,
          estimatedCost: d.estimatedCost,
          estimated: d.estimated,
        };
      })
      .sort((a, b) => order[a.kind] - order[b.kind] || b.needs - a.needs || a.key.localeCompare(b.key));
    const byArea = new Map<string, UnmetCell>();
    for (const c of cells) {
      const key = `${c.areaCode}|${c.category}`;
      const a = byArea.get(key) ?? { areaCode: c.areaCode, category: c.category, needs: 0, people: 0, households: 0 };
      byArea.set(key, { ...a, needs: a.needs + c.needs, people: a.people + c.people, households: a.households + c.households });
    }
    const cellList = [...byArea.values()].sort(
      (a, b) => a.areaCode.localeCompare(b.areaCode) || a.category.localeCompare(b.category),
    );
    const totals = {
      needs: rowCell.length,
      people: cellList.reduce((a, c) => a + c.people, 0),
      households: cellList.reduce((a, c) => a + c.households, 0),
    };
    return { roundId, districtCode, cells: cellList, doors: doorList, totals };
  });
}

/** In how many districts each category has unmet needs, from the province's (tambon, category) cells. */
function spreadOfCells(cells: readonly Cell[]): Map<string, number> {
  const districts = new Map<string, Set<string>>();
  for (const c of cells) {
    const set = districts.get(c.category) ?? new Set<string>();
    set.add(c.tambon.slice(0, 4));
    districts.set(c.category, set);
  }
  return new Map([...districts].map(([category, set]) => [category, set.size]));
}

function doorOf(reason: RouteReason, category: string, tambonCode: string, ctx: RoutingContext): Door {
  const kind = doorKindOf(reason);
  if (kind === 'local') return { kind: 'local', tambonCode };
  const agency = agencyFor(category, ctx.overrides);
  return kind === 'agency' && agency !== null ? { kind: 'agency', agency } : { kind: 'province' };
}

/** The agency of each category in the round (every category of the taxonomy table, and any the round added). */
export function agencyRoutes(store: Store, roundId: number): AgencyRoute[] {
  assertRound(store, roundId);
  const overrides = overridesOf(store, roundId);
  const categories = store.sqlite.prepare<[], { id: string }>('SELECT id FROM category ORDER BY sort, id').all();
  const ids = [...new Set([...categories.map((c) => c.id), ...overrides.keys()])];
  return ids.map((category) => {
    const own = overrides.get(category);
    return {
      category,
      defaultAgency: DEFAULT_AGENCIES[category] ?? null,
      agency: agencyFor(category, overrides),
      overridden: own !== undefined,
    };
  });
}

/**
 * Sets (or, with null, clears) the round's agency for a category, with an audit event, in one transaction.
 * Setting the default agency itself clears the override.
 */
export function setAgencyRoute(
  store: Store,
  roundId: number,
  category: string,
  agency: string | null,
  actor: string,
): AgencyRoute[] {
  assertRound(store, roundId);
  const known = store.sqlite.prepare('SELECT 1 FROM category WHERE id = ?').get(category);
  if (!known) throw new AppError('NOT_FOUND', `category ${category} does not exist`, `ไม่พบประเภทความต้องการ ${category}`);
  const previous = overridesOf(store, roundId).get(category) ?? null;
  const next = agency === null || agency === DEFAULT_AGENCIES[category] ? null : agency;
  store.sqlite.transaction(() => {
    if (next === null) {
      store.sqlite.prepare('DELETE FROM agency_route WHERE round_id = ? AND category = ?').run(roundId, category);
    } else {
      store.sqlite
        .prepare(
          `INSERT INTO agency_route (round_id, category, agency) VALUES (?, ?, ?)
           ON CONFLICT (round_id, category) DO UPDATE SET agency = excluded.agency`,
        )
        .run(roundId, category, next);
    }
    appendAudit(store.sqlite, actor, 'unmet.routeSet', { roundId, category, agency: next, previous });
  })();
  return agencyRoutes(store, roundId);
}
