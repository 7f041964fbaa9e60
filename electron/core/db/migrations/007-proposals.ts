/**
 * Schema version 7: project proposals as agencies and local governments file them, and the evidence links. Frozen.
 * - project: rebuilt (SQLite cannot relax NOT NULL or change a CHECK in place). district_code becomes the one
 *   district the proposal lies in, or NULL when it spans several or the whole province; scope says which
 *   (tambons / district / province); the request is split into operating + investment (requested is their sum,
 *   checked); min_stated says whether the file stated a minimum (min_amount = requested when not); people and
 *   households it serves (NULL = not stated); a readiness checklist and KPIs as JSON; a description; a version and
 *   its time for every edit; changed_after_scoring for an edit made once members had scored it.
 *   Existing proposals: all of the request counted as investment, scope 'district'.
 * - project_area: the tambons a proposal covers (all of its district's for 'district', all of the province's for
 *   'province'), so area overlap with needs is one join.
 * - project_need: how a link was made (seed, manual, suggestion accepted) and when.
 * - link_rejection: suggested needs the secretariat rejected for a proposal (not suggested again).
 * - project_batch: one row per proposals import, like sync_batch for needs.
 * - agency_route: which agency an unmet need of a category is sent to in a round (over the built-in defaults).
 */
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time and never see app types
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE project_v7 (
    id INTEGER PRIMARY KEY AUTOINCREMENT, round_id INTEGER NOT NULL REFERENCES round(id),
    code TEXT NOT NULL, title TEXT NOT NULL, agency TEXT NOT NULL,
    level TEXT NOT NULL CHECK (level IN ('province','agency','local')), strategy TEXT NOT NULL,
    district_code TEXT REFERENCES area_district(code),
    scope TEXT NOT NULL DEFAULT 'tambons' CHECK (scope IN ('tambons','district','province')),
    operating INTEGER NOT NULL DEFAULT 0 CHECK (operating >= 0),
    investment INTEGER NOT NULL DEFAULT 0 CHECK (investment >= 0),
    requested INTEGER NOT NULL CHECK (requested >= 0 AND requested = operating + investment),
    min_amount INTEGER NOT NULL CHECK (min_amount >= 0 AND min_amount <= requested),
    min_stated INTEGER NOT NULL DEFAULT 1 CHECK (min_stated IN (0, 1)),
    people INTEGER CHECK (people IS NULL OR people >= 0),
    households INTEGER CHECK (households IS NULL OR households >= 0),
    readiness TEXT NOT NULL DEFAULT '',
    readiness_json TEXT NOT NULL DEFAULT '[]',
    kpis_json TEXT NOT NULL DEFAULT '[]',
    description TEXT NOT NULL DEFAULT '',
    evidence_changed INTEGER NOT NULL DEFAULT 0,
    changed_after_scoring INTEGER NOT NULL DEFAULT 0 CHECK (changed_after_scoring IN (0, 1)),
    development_issue_no INTEGER,
    version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    updated_at TEXT,
    UNIQUE (round_id, code))`.execute(db);
  await sql`INSERT INTO project_v7 (id, round_id, code, title, agency, level, strategy, district_code, scope, operating,
      investment, requested, min_amount, min_stated, readiness, evidence_changed, development_issue_no)
    SELECT id, round_id, code, title, agency, level, strategy, district_code, 'district', 0, requested, requested,
      min_amount, 1, readiness, evidence_changed, development_issue_no
    FROM project`.execute(db);
  await sql`DROP TABLE project`.execute(db);
  await sql`ALTER TABLE project_v7 RENAME TO project`.execute(db);

  await sql`CREATE TABLE project_area (
    project_id INTEGER NOT NULL REFERENCES project(id),
    tambon_code TEXT NOT NULL REFERENCES area_tambon(code),
    PRIMARY KEY (project_id, tambon_code))`.execute(db);
  await sql`CREATE INDEX project_area_tambon ON project_area(tambon_code)`.execute(db);
  await sql`INSERT INTO project_area (project_id, tambon_code)
    SELECT p.id, t.code FROM project p JOIN area_tambon t ON t.district_code = p.district_code`.execute(db);

  await sql`ALTER TABLE project_need ADD COLUMN origin TEXT NOT NULL DEFAULT 'seed'
    CHECK (origin IN ('seed','manual','suggestion'))`.execute(db);
  await sql`ALTER TABLE project_need ADD COLUMN linked_at TEXT`.execute(db);

  await sql`CREATE TABLE link_rejection (
    project_id INTEGER NOT NULL REFERENCES project(id),
    need_id INTEGER NOT NULL REFERENCES need(id),
    at TEXT NOT NULL, actor TEXT NOT NULL,
    PRIMARY KEY (project_id, need_id))`.execute(db);

  await sql`CREATE TABLE project_batch (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    round_id INTEGER NOT NULL REFERENCES round(id),
    file_name TEXT NOT NULL, file_hash TEXT NOT NULL, at TEXT NOT NULL, actor TEXT NOT NULL,
    new_count INTEGER NOT NULL, changed_count INTEGER NOT NULL, unchanged_count INTEGER NOT NULL,
    rejected_count INTEGER NOT NULL, partial INTEGER NOT NULL DEFAULT 0 CHECK (partial IN (0, 1)))`.execute(db);

  await sql`CREATE TABLE agency_route (
    round_id INTEGER NOT NULL REFERENCES round(id),
    category TEXT NOT NULL,
    agency TEXT NOT NULL,
    PRIMARY KEY (round_id, category))`.execute(db);
}
