/**
 * Schema version 8: approved plans. An approval freezes a scenario under a committee resolution: a snapshot of every
 * input that produced the plan (one row per part, each with its SHA-256) and the overall manifest hash. Approvals,
 * their parts and the approved scenario row are append-only (triggers); a change is a new scenario and a new approval
 * that `supersedes` the old one. Frozen once released.
 */
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time and never see app types
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE approval (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    scenario_id INTEGER NOT NULL UNIQUE REFERENCES scenario(id),
    round_id INTEGER NOT NULL REFERENCES round(id),
    resolution_no TEXT NOT NULL,
    resolution_date TEXT NOT NULL CHECK (resolution_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    approved_by TEXT NOT NULL,
    members_present_json TEXT NOT NULL,
    approved_at TEXT NOT NULL,
    actor TEXT NOT NULL,
    manifest_json TEXT NOT NULL,
    manifest_sha256 TEXT NOT NULL CHECK (length(manifest_sha256) = 64),
    chain_length INTEGER NOT NULL,
    chain_head TEXT NOT NULL,
    code_version TEXT NOT NULL,
    supersedes INTEGER UNIQUE REFERENCES approval(id))`.execute(db);
  await sql`CREATE INDEX approval_round ON approval(round_id)`.execute(db);
  await sql`CREATE TABLE approval_part (
    approval_id INTEGER NOT NULL REFERENCES approval(id),
    part TEXT NOT NULL,
    content_json TEXT NOT NULL,
    sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
    PRIMARY KEY (approval_id, part))`.execute(db);
  // Append-only: the database itself refuses edits and deletions of an approval and its snapshot.
  for (const table of ['approval', 'approval_part']) {
    await sql`CREATE TRIGGER ${sql.raw(`${table}_no_update`)} BEFORE UPDATE ON ${sql.table(table)}
      BEGIN SELECT RAISE(ABORT, ${sql.lit(`${table} is append-only: an approved plan cannot be changed`)}); END`.execute(db);
    await sql`CREATE TRIGGER ${sql.raw(`${table}_no_delete`)} BEFORE DELETE ON ${sql.table(table)}
      BEGIN SELECT RAISE(ABORT, ${sql.lit(`${table} is append-only: an approved plan cannot be deleted`)}); END`.execute(db);
  }
  // The approved scenario row is frozen too. Only parent_id may change: deleting the draft it branched from sets it to
  // NULL (ON DELETE SET NULL), which changes nothing the plan was computed from.
  await sql`CREATE TRIGGER scenario_approved_no_update
    BEFORE UPDATE OF id, round_id, name, rule, params_json, locks_json, created_at, updated_at ON scenario
    WHEN EXISTS (SELECT 1 FROM approval WHERE scenario_id = OLD.id)
    BEGIN SELECT RAISE(ABORT, 'scenario is approved: an approved plan cannot be changed'); END`.execute(db);
  await sql`CREATE TRIGGER scenario_approved_no_delete BEFORE DELETE ON scenario
    WHEN EXISTS (SELECT 1 FROM approval WHERE scenario_id = OLD.id)
    BEGIN SELECT RAISE(ABORT, 'scenario is approved: an approved plan cannot be deleted'); END`.execute(db);
}
