/**
 * Scenario storage: named draft allocations per round (rule, parameters, locks), read, listed, created, updated and
 * deleted. Stored parameters that no longer read are refused with where the problem is, never reset to defaults.
 */
import type { Selectable } from 'kysely';
import { AppError } from '../../../shared/api/errors';
import {
  DEFAULT_PARAMS,
  isRuleKind,
  locksSchema,
  RULES,
  scenarioParamsSchema,
  type RuleKind,
  type ScenarioParams,
} from '../../../shared/api/scenario';
import type { Scenario, UnreadableScenario } from '../../../shared/api/types';
import {
  DISTRICT_FIELD_NAMES,
  REFERENCE_FIELD_NAMES,
  selfReferences,
  unknownDistricts,
  unknownReferences,
  type DistrictReferences,
  type ProjectReferences,
} from '../../../shared/domain/allocation/scenario-references';
import type { Store } from '../db/database';
import type { DB } from '../db/schema';

type ScenarioRowDb = Selectable<DB['scenario']>;

/** Parses one stored JSON column; null with the path of the first problem when it no longer reads. */
function readStored<T>(
  text: string,
  schema: {
    safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[] }[] } };
  },
): { ok: true; value: T } | { ok: false; where: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, where: '(JSON)' };
  }
  const parsed = schema.safeParse(value);
  if (parsed.success) return { ok: true, value: parsed.data };
  const path = parsed.error.issues[0]?.path ?? [];
  return { ok: false, where: path.length > 0 ? path.map(String).join('.') : '(root)' };
}

/**
 * A stored scenario row as the API shape. Stored parameters or locks that no longer read (a file edited by hand, a
 * field whose rules changed) are refused with where the problem is, never silently replaced by defaults.
 */
export function toScenario(row: ScenarioRowDb): Scenario {
  const read = readScenario(row);
  if (!read.ok) throw read.error;
  return read.scenario;
}

/** A stored row as a scenario, or the refusal naming what no longer reads. */
function readScenario(row: ScenarioRowDb): { ok: true; scenario: Scenario } | { ok: false; error: AppError } {
  if (!isRuleKind(row.rule)) {
    return {
      ok: false,
      error: new AppError(
        'INVALID_STATE',
        `scenario ${row.id} '${row.name}': its rule '${row.rule}' is not one this version of ChiPao knows (${RULES.join(', ')}); delete the scenario or open it with the version that made it`,
        `สถานการณ์ ${row.id} '${row.name}': โปรแกรมรุ่นนี้ไม่รู้จักวิธีจัดสรร '${row.rule}' (รู้จัก ${RULES.join(', ')}) กรุณาลบสถานการณ์นี้หรือเปิดด้วยโปรแกรมรุ่นที่สร้างไว้`,
      ),
    };
  }
  const rule = row.rule;
  const params = readStored(row.params_json, scenarioParamsSchema);
  const locks = readStored(row.locks_json, locksSchema);
  if (!params.ok || !locks.ok) {
    const [en, th, where] = !params.ok
      ? ['parameters', 'พารามิเตอร์', params.where]
      : ['locks', 'การล็อกวงเงิน', !locks.ok ? locks.where : ''];
    return {
      ok: false,
      error: new AppError(
        'INVALID_STATE',
        `scenario ${row.id} '${row.name}': its stored ${en} no longer read (at ${where}); delete the scenario and create it again`,
        `สถานการณ์ ${row.id} '${row.name}': อ่าน${th}ที่บันทึกไว้ไม่ได้ (ที่ ${where}) กรุณาลบสถานการณ์นี้แล้วสร้างใหม่`,
      ),
    };
  }
  const scenario: Scenario = {
    id: row.id,
    roundId: row.round_id,
    name: row.name,
    rule,
    params: params.value,
    locks: locks.value,
    parentId: row.parent_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
  return { ok: true, scenario };
}

export async function getScenario(store: Store, scenarioId: number): Promise<Scenario> {
  const row = await store.db.selectFrom('scenario').selectAll().where('id', '=', scenarioId).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', `scenario ${scenarioId} does not exist`, `ไม่พบสถานการณ์ ${scenarioId}`);
  return toScenario(row);
}

/** Identity of a stored scenario, read without its parameters (so one whose parameters no longer read can be deleted). */
export async function getScenarioIdentity(
  store: Store,
  scenarioId: number,
): Promise<{ id: number; roundId: number; name: string }> {
  const row = await store.db
    .selectFrom('scenario')
    .select(['id', 'round_id', 'name'])
    .where('id', '=', scenarioId)
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', `scenario ${scenarioId} does not exist`, `ไม่พบสถานการณ์ ${scenarioId}`);
  return { id: row.id, roundId: row.round_id, name: row.name };
}

/**
 * The round's scenarios that read. One whose stored parameters or locks no longer read is left out here (the others
 * stay usable) and named by unreadableScenarios, so it can be deleted.
 */
export async function listScenarios(store: Store, roundId: number): Promise<Scenario[]> {
  const rows = await store.db.selectFrom('scenario').selectAll().where('round_id', '=', roundId).orderBy('id').execute();
  return rows.flatMap((row) => {
    const read = readScenario(row);
    return read.ok ? [read.scenario] : [];
  });
}

/** The round's scenarios whose stored parameters or locks no longer read, each with where and why. */
export async function unreadableScenarios(store: Store, roundId: number): Promise<UnreadableScenario[]> {
  const rows = await store.db.selectFrom('scenario').selectAll().where('round_id', '=', roundId).orderBy('id').execute();
  return rows.flatMap((row) => {
    const read = readScenario(row);
    return read.ok ? [] : [{ id: row.id, name: row.name, message: read.error.message, messageTh: read.error.messageTh }];
  });
}

function nameTaken(name: string): AppError {
  return new AppError(
    'INVALID_STATE',
    `a scenario named '${name}' already exists in this round`,
    `มีสถานการณ์ชื่อ '${name}' ในรอบนี้แล้ว`,
  );
}

/**
 * Refuses parameters or locks that name a project outside the round, a district outside the province, or a project
 * that requires itself or is set against itself (BAD_ARGS, every problem listed with its field), before anything is
 * written.
 */
function checkReferences(
  store: Store,
  roundId: number,
  params: (ProjectReferences & DistrictReferences) | undefined,
  locks: Readonly<Record<string, number>> | undefined,
): void {
  if (!params && !locks) return;
  const rows = store.sqlite.prepare('SELECT id FROM project WHERE round_id = ?').all(roundId) as { id: number }[];
  const unknown = unknownReferences(params ?? {}, locks, new Set(rows.map((r) => r.id)));
  if (unknown.length > 0) {
    const list = (lang: 'th' | 'en'): string =>
      unknown.map((u) => `${REFERENCE_FIELD_NAMES[u.field][lang]}: ${u.projectId}`).join(', ');
    throw new AppError(
      'BAD_ARGS',
      `these projects are not in round ${roundId}: ${list('en')}`,
      `โครงการต่อไปนี้ไม่อยู่ในรอบ ${roundId}: ${list('th')}`,
    );
  }
  const districts = store.sqlite.prepare('SELECT code FROM area_district').all() as { code: string }[];
  const strange = unknownDistricts(params ?? {}, new Set(districts.map((d) => d.code)));
  if (strange.length > 0) {
    const list = (lang: 'th' | 'en'): string =>
      strange.map((u) => `${DISTRICT_FIELD_NAMES[u.field][lang]}: ${u.code}`).join(', ');
    throw new AppError(
      'BAD_ARGS',
      `these district codes are not districts of the province: ${list('en')}`,
      `รหัสต่อไปนี้ไม่ใช่อำเภอของจังหวัด: ${list('th')}`,
    );
  }
  const self = selfReferences(params ?? {});
  if (self.length > 0) {
    const list = (lang: 'th' | 'en'): string =>
      self.map((u) => `${REFERENCE_FIELD_NAMES[u.field][lang]}: ${u.projectId}`).join(', ');
    throw new AppError(
      'BAD_ARGS',
      `these conditions name the same project on both sides (a project requiring or excluding itself): ${list('en')}`,
      `เงื่อนไขต่อไปนี้ระบุโครงการเดียวกันทั้งสองฝั่ง (โครงการที่ต้องมีตัวเองก่อน หรือให้งบพร้อมกับตัวเองไม่ได้): ${list('th')}`,
    );
  }
}

export function createScenario(
  store: Store,
  input: { roundId: number; name: string; rule?: RuleKind; params?: Partial<ScenarioParams>; fromId?: number },
  from: Scenario | null,
): number {
  const now = new Date().toISOString();
  if (from && from.roundId !== input.roundId) {
    throw new AppError(
      'INVALID_STATE',
      'a scenario can only branch from one of the same round',
      'แตกสถานการณ์ได้จากสถานการณ์ในรอบเดียวกันเท่านั้น',
    );
  }
  checkReferences(store, input.roundId, input.params, undefined);
  const params = { ...(from?.params ?? DEFAULT_PARAMS), ...(input.params ?? {}) };
  const exists = store.sqlite.prepare('SELECT 1 FROM scenario WHERE round_id = ? AND name = ?').get(input.roundId, input.name);
  if (exists) throw nameTaken(input.name);
  const info = store.sqlite
    .prepare(
      `INSERT INTO scenario (round_id, name, rule, params_json, locks_json, parent_id, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      input.roundId,
      input.name,
      input.rule ?? from?.rule ?? 'greedy',
      JSON.stringify(params),
      JSON.stringify(from?.locks ?? {}),
      from?.id ?? null,
      now,
      now,
    );
  return Number(info.lastInsertRowid);
}

export function updateScenario(
  store: Store,
  current: Scenario,
  patch: { name?: string; rule?: RuleKind; params?: Partial<ScenarioParams>; locks?: Record<string, number> },
): void {
  if (patch.name && patch.name !== current.name) {
    const exists = store.sqlite
      .prepare('SELECT 1 FROM scenario WHERE round_id = ? AND name = ? AND id <> ?')
      .get(current.roundId, patch.name, current.id);
    if (exists) throw nameTaken(patch.name);
  }
  checkReferences(store, current.roundId, patch.params, patch.locks);
  const params = { ...current.params, ...(patch.params ?? {}) };
  store.sqlite
    .prepare('UPDATE scenario SET name = ?, rule = ?, params_json = ?, locks_json = ?, updated_at = ? WHERE id = ?')
    .run(
      patch.name ?? current.name,
      patch.rule ?? current.rule,
      JSON.stringify(params),
      JSON.stringify(patch.locks ?? current.locks),
      new Date().toISOString(),
      current.id,
    );
}

/** Deletes one scenario (its children keep their parameters; their parent link is cleared by the foreign key). */
export function deleteScenario(store: Store, scenarioId: number): void {
  store.sqlite.prepare('DELETE FROM scenario WHERE id = ?').run(scenarioId);
}
