/**
 * What the audit chain alone cannot show: that the database still refuses edits of its records (the append-only
 * triggers on the audit trail, approvals, their frozen snapshots and approved scenarios), and that every approved plan's
 * frozen inputs still match their manifest's SHA-256 (as `plan-export` and `approvals.reproduce` check one plan,
 * `readFrozenPlan`). Read only; `audit-verify` reports it beside the chain.
 */
import type { Store } from '../db/database';
import { readFrozenPlan } from '../services/approval';

/** An approved scenario's triggers fire only for a scenario some approval names (migration 008). */
const WHEN_APPROVED = 'when exists(select 1 from approval where scenario_id=old.id)';

/**
 * The triggers that make records append-only, with the schema version that made each (migrations 002, 008 and 018)
 * and what each does: before which change of which table (an update of which columns) and under which condition it
 * aborts the change.
 */
export const PROTECTIVE_TRIGGERS: readonly Readonly<{
  name: string;
  table: string;
  since: number;
  before: string;
  when?: string;
}>[] = [
  { name: 'audit_event_no_update', table: 'audit_event', since: 2, before: 'update' },
  { name: 'audit_event_no_delete', table: 'audit_event', since: 2, before: 'delete' },
  { name: 'approval_no_update', table: 'approval', since: 8, before: 'update' },
  { name: 'approval_no_delete', table: 'approval', since: 8, before: 'delete' },
  { name: 'approval_part_no_update', table: 'approval_part', since: 8, before: 'update' },
  { name: 'approval_part_no_delete', table: 'approval_part', since: 8, before: 'delete' },
  {
    name: 'scenario_approved_no_update',
    table: 'scenario',
    since: 8,
    before: 'update of id,round_id,name,rule,params_json,locks_json,created_at,updated_at',
    when: WHEN_APPROVED,
  },
  { name: 'scenario_approved_no_delete', table: 'scenario', since: 8, before: 'delete', when: WHEN_APPROVED },
  { name: 'database_identity_no_update', table: 'database_identity', since: 18, before: 'update' },
  { name: 'database_identity_no_delete', table: 'database_identity', since: 18, before: 'delete' },
];

/**
 * A trigger's SQL in one spelling: lower case, identifiers unquoted (a table rebuilt by a migration is quoted in the
 * triggers SQLite rewrites), every message text emptied, spaces only between words.
 *
 * @example triggerShape("CREATE TRIGGER t BEFORE DELETE ON \"a\"\n BEGIN SELECT RAISE(ABORT, 'no'); END") // "create trigger t before delete on a begin select raise(abort,'');end"
 */
export function triggerShape(sql: string): string {
  return sql
    .replace(/'(?:[^']|'')*'/gu, "''")
    .replace(/["`[\]]/gu, '')
    .toLowerCase()
    .replace(/\s+/gu, ' ')
    .replace(/ ?([(),;=]) ?/gu, '$1')
    .trim();
}

export type IntegrityProblem = Readonly<{
  code: 'trigger_missing' | 'approval_tampered';
  /** The trigger missing (or no longer refusing), or the approval whose snapshot changed. */
  trigger?: string;
  approvalId?: number;
  /** The frozen parts that no longer match the manifest. */
  parts?: readonly string[];
  en: string;
  th: string;
}>;

/**
 * The protective triggers a database of schema `version` should have and does not (dropped, or replaced by one on
 * another table, for other changes, under another condition, or that no longer aborts the change).
 */
export function missingTriggers(store: Store, version: number): IntegrityProblem[] {
  const found = new Map(
    (
      store.sqlite.prepare("SELECT name, tbl_name AS tbl, sql FROM sqlite_master WHERE type = 'trigger'").all() as {
        name: string;
        tbl: string;
        sql: string | null;
      }[]
    ).map((t) => [t.name, t]),
  );
  return PROTECTIVE_TRIGGERS.filter((t) => version >= t.since)
    .filter((t) => {
      const f = found.get(t.name);
      // The whole statement, not only its RAISE: a trigger recreated with `WHEN 0`, or for another column, never aborts.
      const shape = `create trigger ${t.name} before ${t.before} on ${t.table} ${t.when ? `${t.when} ` : ''}begin select raise(abort,'');end`;
      return !f || f.tbl !== t.table || triggerShape(f.sql ?? '') !== triggerShape(shape);
    })
    .map((t) => ({
      code: 'trigger_missing',
      trigger: t.name,
      en: `the database no longer refuses changes to ${t.table}: its trigger ${t.name} was dropped or altered`,
      th: `ฐานข้อมูลไม่ป้องกันการแก้ไขตาราง ${t.table} แล้ว: ทริกเกอร์ ${t.name} ถูกลบหรือถูกแก้ไข`,
    }));
}

/** Every approval whose frozen snapshot no longer matches its manifest (or the audit event that recorded it). */
export function tamperedApprovals(store: Store, version: number): IntegrityProblem[] {
  if (version < 8) return [];
  const ids = (store.sqlite.prepare('SELECT id FROM approval ORDER BY id').all() as { id: number }[]).map((r) => r.id);
  const problems: IntegrityProblem[] = [];
  for (const id of ids) {
    let parts: string[];
    try {
      const plan = readFrozenPlan(store, id);
      parts = plan.manifestOk ? [] : plan.tampered.map((t) => t.part);
      if (!plan.manifestOk && parts.length === 0) parts = ['manifest'];
    } catch {
      // A record that can no longer be read (its members present edited into text that is not JSON).
      parts = ['approval (record)'];
    }
    if (parts.length === 0) continue;
    problems.push({
      code: 'approval_tampered',
      approvalId: id,
      parts,
      en: `approval ${id}: its frozen record no longer matches its manifest's SHA-256 (${parts.join(', ')})`,
      th: `การอนุมัติ ${id}: ข้อมูลแผนที่อนุมัติแล้วไม่ตรงกับ SHA-256 ในบันทึกรับรอง (${parts.join(', ')})`,
    });
  }
  return problems;
}
