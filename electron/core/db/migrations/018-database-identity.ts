/**
 * Schema version 18: the database knows its own identity. Frozen once released.
 *
 * The audit chain's anchor lies beside the database file, so it belongs to a place, not to a database: a file prepared
 * on one laptop and copied over the projector laptop's `chipao.sqlite` was checked against the anchor of the database
 * it replaced and reported as tampered with. A random id made once, kept inside the file and never changed, lets the
 * anchor record which database it vouches for, and a different database in the same place be said as such.
 */
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time and never see app types
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE database_identity (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    id TEXT NOT NULL CHECK (length(id) = 32 AND id NOT GLOB '*[^0-9a-f]*'),
    created_at TEXT NOT NULL)`.execute(db);
  await sql`INSERT INTO database_identity (singleton, id, created_at)
    VALUES (1, lower(hex(randomblob(16))), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`.execute(db);
  // Made once: the database itself refuses a change or removal of its identity.
  await sql`CREATE TRIGGER database_identity_no_update BEFORE UPDATE ON database_identity
    BEGIN SELECT RAISE(ABORT, 'database_identity is made once'); END`.execute(db);
  await sql`CREATE TRIGGER database_identity_no_delete BEFORE DELETE ON database_identity
    BEGIN SELECT RAISE(ABORT, 'database_identity is made once'); END`.execute(db);
}
