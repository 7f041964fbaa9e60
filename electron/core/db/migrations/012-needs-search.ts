/**
 * Schema version 12: the needs explorer's search index and the indexes its filters use. Frozen once released.
 *
 * `need_search` is an FTS5 trigram index of each need's title (Thai has no spaces between words; trigrams find any
 * substring of three or more characters, as the LIKE search before it did, without segmenting words). It is
 * contentless (the text lives in `need`) and kept current by triggers, so every writer (sync, file import, seed,
 * restore, command line) keeps it right without calling anything. The title is stored with "ํา" (nikhahit + sara aa)
 * written as "ำ" (sara am), the two spellings people type for the same vowel.
 */
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time and never see app types
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE VIRTUAL TABLE need_search USING fts5(title, content='', contentless_delete=1, tokenize='trigram')`.execute(db);
  const text = (row: 'new' | 'old') => sql.raw(`replace(${row}.title, char(3661, 3634), char(3635))`);
  await sql`CREATE TRIGGER need_search_insert AFTER INSERT ON need BEGIN
    INSERT INTO need_search (rowid, title) VALUES (new.id, ${text('new')});
  END`.execute(db);
  await sql`CREATE TRIGGER need_search_update AFTER UPDATE OF title ON need WHEN old.title IS NOT new.title BEGIN
    DELETE FROM need_search WHERE rowid = old.id;
    INSERT INTO need_search (rowid, title) VALUES (new.id, ${text('new')});
  END`.execute(db);
  await sql`CREATE TRIGGER need_search_delete AFTER DELETE ON need BEGIN
    DELETE FROM need_search WHERE rowid = old.id;
  END`.execute(db);
  await sql`INSERT INTO need_search (rowid, title) SELECT id, ${sql.raw('replace(title, char(3661, 3634), char(3635))')} FROM need`.execute(
    db,
  );
  // Category with the area (a district is a range of tambon codes), the explorer's most common filter; it also covers
  // the grid's default order and the totals, so those read the index alone and only the rows shown are looked up.
  await sql`CREATE INDEX need_category_tambon
    ON need(category, tambon_code, external_id, people_affected, households, estimated_cost)`.execute(db);
  // Search by need id, and the grid's default order.
  await sql`CREATE INDEX need_external_id ON need(external_id)`.execute(db);
}
