/**
 * Schema version 13: a scenario's rule is checked by the app's rule registry, not by a CHECK list, so a new rule needs
 * no migration. The scenario table is rebuilt without `CHECK (rule IN …)` (SQLite cannot drop a CHECK), every column,
 * row and id kept, and its indexes and triggers (the approved-plan freeze of version 8, any other) recreated as they
 * were. Frozen once released.
 */
import { sql, type Kysely } from 'kysely';

const RULE_CHECK = /\s+CHECK\s*\(\s*rule\s+IN\s*\([^)]*\)\s*\)/iu;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time and never see app types
export async function up(db: Kysely<any>): Promise<void> {
  const { rows: table } = await sql<{ sql: string }>`
    SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'scenario'`.execute(db);
  const create = table[0]?.sql;
  if (!create || !RULE_CHECK.test(create)) throw new Error('migration 13: the scenario table is not the one version 3 made');
  // Indexes SQLite made itself (UNIQUE) have no sql and come back with the table.
  const { rows: attached } = await sql<{ sql: string }>`
    SELECT sql FROM sqlite_master
    WHERE tbl_name = 'scenario' AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY type, name`.execute(db);
  const rebuilt = create.replace(RULE_CHECK, '').replace(/^CREATE TABLE\s+"?scenario"?/iu, 'CREATE TABLE scenario_v13');
  await sql.raw(rebuilt).execute(db);
  await sql`INSERT INTO scenario_v13 SELECT * FROM scenario`.execute(db);
  // Ids of deleted scenarios stay used (the audit log names them): the AUTOINCREMENT counter carries over.
  const { rows: counter } = await sql<{ seq: number }>`SELECT seq FROM sqlite_sequence WHERE name = 'scenario'`.execute(db);
  await sql`DROP TABLE scenario`.execute(db);
  await sql`ALTER TABLE scenario_v13 RENAME TO scenario`.execute(db);
  const seq = counter[0]?.seq ?? 0;
  await sql`DELETE FROM sqlite_sequence WHERE name = 'scenario'`.execute(db);
  await sql`INSERT INTO sqlite_sequence (name, seq) SELECT 'scenario', max(${seq}, coalesce(max(id), 0)) FROM scenario`.execute(
    db,
  );
  for (const { sql: statement } of attached) await sql.raw(statement).execute(db);
}
