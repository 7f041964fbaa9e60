/**
 * The needs search index (`need_search`, FTS5 trigram over titles; migrations 012 and 014) for needs just inserted:
 * whoever inserts needs indexes them here, in one statement per batch and inside the batch's transaction, so a refused
 * or killed batch leaves neither rows nor index entries. Titles changed later and needs deleted are kept right by
 * migration 012's triggers. The title is indexed with "ํา" (nikhahit + sara aa) written as "ำ" (sara am), as those
 * triggers do.
 */
import type Database from 'better-sqlite3';

const TITLE = 'replace(title, char(3661, 3634), char(3635))';

/** Indexes the titles of the needs with ids from `firstId` to `lastId` (inserted since the last call, none indexed). */
export function indexNewNeeds(sqlite: Database.Database, firstId: number, lastId: number): void {
  sqlite
    .prepare(`INSERT INTO need_search (rowid, title) SELECT id, ${TITLE} FROM need WHERE id BETWEEN ? AND ?`)
    .run(firstId, lastId);
}

/** Rebuilds the whole index from the needs table (after a restore has replaced its rows). */
export function reindexAllNeeds(sqlite: Database.Database): void {
  sqlite.exec(`INSERT INTO need_search (need_search) VALUES ('delete-all')`);
  sqlite.exec(`INSERT INTO need_search (rowid, title) SELECT id, ${TITLE} FROM need`);
}
