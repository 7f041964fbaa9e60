/**
 * Schema version 5: a round prepared by the secretariat. Frozen.
 * - round: status preparing → in session → approved → closed ('draft' becomes 'preparing'), planning levels in
 *   scope, archive time, the demo flag (the synthetic sample's round) and the AHP comparison its weights came from.
 *   SQLite cannot change a CHECK in place, so the table is rebuilt (the runner turns foreign keys off around the
 *   transaction and checks them before commit).
 * - development_issue: the province's development issues (ประเด็นการพัฒนา) per round, with their approaches
 *   (แนวทางการพัฒนา) and links to the national strategy and master plans.
 * - member: agency, role (chair, member, secretariat) and active flag.
 * - criterion: direction (benefit or cost) and, for computed criteria, which evidence they are computed from.
 * - project: the development issue it answers, by number.
 */
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time and never see app types
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE round_v5 (
    id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, fiscal_year INTEGER NOT NULL,
    ceiling INTEGER NOT NULL CHECK (ceiling >= 0),
    status TEXT NOT NULL CHECK (status IN ('preparing','in_session','approved','closed')),
    aggregation TEXT NOT NULL DEFAULT 'mean',
    levels_json TEXT NOT NULL DEFAULT '["province","agency","local"]',
    archived_at TEXT,
    demo INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1)),
    ahp_json TEXT)`.execute(db);
  await sql`INSERT INTO round_v5 (id, name, fiscal_year, ceiling, status, aggregation, demo)
    SELECT id, name, fiscal_year, ceiling, CASE status WHEN 'draft' THEN 'preparing' ELSE status END, aggregation,
      CASE WHEN EXISTS (SELECT 1 FROM setting WHERE key = 'synthetic' AND value = '1') THEN 1 ELSE 0 END
    FROM round`.execute(db);
  await sql`DROP TABLE round`.execute(db);
  await sql`ALTER TABLE round_v5 RENAME TO round`.execute(db);

  await sql`CREATE TABLE development_issue (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    round_id INTEGER NOT NULL REFERENCES round(id),
    no INTEGER NOT NULL CHECK (no >= 1),
    title_th TEXT NOT NULL,
    title_en TEXT NOT NULL DEFAULT '',
    approaches_json TEXT NOT NULL DEFAULT '[]',
    national_strategy INTEGER CHECK (national_strategy IS NULL OR national_strategy BETWEEN 1 AND 6),
    master_plans_json TEXT NOT NULL DEFAULT '[]',
    UNIQUE (round_id, no))`.execute(db);

  await sql`ALTER TABLE member ADD COLUMN agency TEXT NOT NULL DEFAULT ''`.execute(db);
  await sql`ALTER TABLE member ADD COLUMN role TEXT NOT NULL DEFAULT 'member'
    CHECK (role IN ('chair','member','secretariat'))`.execute(db);
  await sql`ALTER TABLE member ADD COLUMN active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))`.execute(db);
  await sql`UPDATE member SET role = CASE
      WHEN title_th LIKE 'ประธาน%' THEN 'chair'
      WHEN title_th LIKE '%เลขานุการ%' THEN 'secretariat'
      ELSE 'member' END`.execute(db);

  await sql`ALTER TABLE criterion ADD COLUMN direction TEXT NOT NULL DEFAULT 'benefit'
    CHECK (direction IN ('benefit','cost'))`.execute(db);
  await sql`ALTER TABLE criterion ADD COLUMN source TEXT
    CHECK (source IS NULL OR source IN ('people','cost_per_person','times_raised','area_share'))`.execute(db);
  // Until now every computed criterion was "people reached from linked needs".
  await sql`UPDATE criterion SET source = 'people' WHERE kind = 'computed'`.execute(db);

  await sql`ALTER TABLE project ADD COLUMN development_issue_no INTEGER`.execute(db);
  await sql`CREATE INDEX development_issue_round ON development_issue(round_id)`.execute(db);
}
