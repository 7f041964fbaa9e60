/** Schema version 1. Frozen: never edit after release; add a new migration instead. */
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time and never see app types
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE setting (key TEXT PRIMARY KEY, value TEXT NOT NULL)`.execute(db);
  await sql`CREATE TABLE area_district (
    code TEXT PRIMARY KEY CHECK (length(code) = 4),
    name_th TEXT NOT NULL, name_en TEXT NOT NULL,
    population INTEGER, geometry_json TEXT)`.execute(db);
  await sql`CREATE TABLE area_tambon (
    code TEXT PRIMARY KEY CHECK (length(code) = 6),
    district_code TEXT NOT NULL REFERENCES area_district(code),
    name_th TEXT NOT NULL, name_en TEXT NOT NULL,
    population INTEGER, geometry_json TEXT)`.execute(db);
  await sql`CREATE TABLE category (id TEXT PRIMARY KEY, name_th TEXT NOT NULL, name_en TEXT NOT NULL,
    tpmap TEXT, sort INTEGER NOT NULL)`.execute(db);
  await sql`CREATE TABLE sync_batch (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    source TEXT NOT NULL, file_name TEXT NOT NULL, file_hash TEXT NOT NULL,
    started_at TEXT NOT NULL, finished_at TEXT NOT NULL,
    new_count INTEGER NOT NULL, changed_count INTEGER NOT NULL, withdrawn_count INTEGER NOT NULL,
    unchanged_count INTEGER NOT NULL, rejected_count INTEGER NOT NULL, actor TEXT NOT NULL)`.execute(db);
  await sql`CREATE TABLE need (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    source TEXT NOT NULL, external_id TEXT NOT NULL, version INTEGER NOT NULL, updated_at TEXT NOT NULL,
    title TEXT NOT NULL, description TEXT NOT NULL, category TEXT NOT NULL REFERENCES category(id),
    tpmap TEXT, tambon_code TEXT NOT NULL REFERENCES area_tambon(code), village_no INTEGER,
    households INTEGER NOT NULL, people_affected INTEGER NOT NULL, times_raised INTEGER NOT NULL,
    channel TEXT NOT NULL, reported_date TEXT, status TEXT NOT NULL CHECK (status IN ('active','withdrawn')),
    lat REAL, lon REAL, estimated_cost INTEGER CHECK (estimated_cost IS NULL OR estimated_cost >= 0),
    raw_json TEXT NOT NULL, batch_id INTEGER REFERENCES sync_batch(id),
    UNIQUE (source, external_id))`.execute(db);
  await sql`CREATE INDEX need_tambon ON need(tambon_code)`.execute(db);
  await sql`CREATE TABLE round (
    id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, fiscal_year INTEGER NOT NULL,
    ceiling INTEGER NOT NULL CHECK (ceiling >= 0),
    status TEXT NOT NULL CHECK (status IN ('draft','in_session','approved')),
    aggregation TEXT NOT NULL DEFAULT 'mean')`.execute(db);
  await sql`CREATE TABLE criterion (
    id INTEGER PRIMARY KEY AUTOINCREMENT, round_id INTEGER NOT NULL REFERENCES round(id),
    code TEXT NOT NULL, name_th TEXT NOT NULL, name_en TEXT NOT NULL, weight REAL NOT NULL,
    scale_min REAL NOT NULL, scale_max REAL NOT NULL, kind TEXT NOT NULL CHECK (kind IN ('member','computed')),
    sort INTEGER NOT NULL, UNIQUE (round_id, code))`.execute(db);
  await sql`CREATE TABLE member (
    id INTEGER PRIMARY KEY AUTOINCREMENT, round_id INTEGER NOT NULL REFERENCES round(id),
    name TEXT NOT NULL, title_th TEXT NOT NULL, title_en TEXT NOT NULL)`.execute(db);
  await sql`CREATE TABLE project (
    id INTEGER PRIMARY KEY AUTOINCREMENT, round_id INTEGER NOT NULL REFERENCES round(id),
    code TEXT NOT NULL, title TEXT NOT NULL, agency TEXT NOT NULL,
    level TEXT NOT NULL CHECK (level IN ('province','agency','local')), strategy TEXT NOT NULL,
    district_code TEXT NOT NULL REFERENCES area_district(code),
    requested INTEGER NOT NULL CHECK (requested >= 0),
    min_amount INTEGER NOT NULL CHECK (min_amount >= 0 AND min_amount <= requested),
    readiness TEXT NOT NULL, evidence_changed INTEGER NOT NULL DEFAULT 0,
    UNIQUE (round_id, code))`.execute(db);
  await sql`CREATE TABLE project_need (
    project_id INTEGER NOT NULL REFERENCES project(id), need_id INTEGER NOT NULL REFERENCES need(id),
    coverage REAL NOT NULL DEFAULT 1, PRIMARY KEY (project_id, need_id))`.execute(db);
  await sql`CREATE INDEX project_need_need ON project_need(need_id)`.execute(db);
  await sql`CREATE TABLE score (
    member_id INTEGER NOT NULL REFERENCES member(id), project_id INTEGER NOT NULL REFERENCES project(id),
    criterion_id INTEGER NOT NULL REFERENCES criterion(id), value REAL NOT NULL,
    version INTEGER NOT NULL, updated_at TEXT NOT NULL,
    PRIMARY KEY (member_id, project_id, criterion_id))`.execute(db);
  await sql`CREATE INDEX score_project ON score(project_id)`.execute(db);
}
