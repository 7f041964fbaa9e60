/** Schema version 4: file imports (a batch records whether only the valid rows were applied; mappings per source). Frozen. */
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time and never see app types
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE sync_batch ADD COLUMN partial INTEGER NOT NULL DEFAULT 0 CHECK (partial IN (0, 1))`.execute(db);
  await sql`CREATE TABLE import_mapping (
    target TEXT NOT NULL,
    source_key TEXT NOT NULL,
    mapping_json TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (target, source_key))`.execute(db);
}
