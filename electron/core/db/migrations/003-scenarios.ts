/** Schema version 3: scenarios (named draft allocations per round). Frozen. */
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time and never see app types
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE scenario (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    round_id INTEGER NOT NULL REFERENCES round(id),
    name TEXT NOT NULL,
    rule TEXT NOT NULL CHECK (rule IN ('greedy','optimum','mes')),
    params_json TEXT NOT NULL DEFAULT '{}',
    locks_json TEXT NOT NULL DEFAULT '{}',
    parent_id INTEGER REFERENCES scenario(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (round_id, name))`.execute(db);
  // Every existing round starts with one draft that follows the ranking.
  await sql`INSERT INTO scenario (round_id, name, rule, created_at, updated_at)
    SELECT id, 'ร่างที่ 1 ตามลำดับคะแนน', 'greedy', strftime('%Y-%m-%dT%H:%M:%SZ','now'), strftime('%Y-%m-%dT%H:%M:%SZ','now') FROM round`.execute(
    db,
  );
}
