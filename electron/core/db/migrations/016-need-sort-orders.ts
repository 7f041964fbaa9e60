/**
 * Schema version 16: each order the needs explorer offers is read from an index. Frozen once released.
 *
 * The explorer pages a province's 1,000,000 needs in the order of the column clicked (then by row id). Without an
 * index on that column every page sorted the whole table again on the host's thread: 1–3 s a page by people, dates or
 * status, 9 s by title, while every other device's calls waited. With one, a page is read along the index (tens of ms
 * even a million rows in). External id, tambon and category already had theirs (012, 001).
 */
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time and never see app types
export async function up(db: Kysely<any>): Promise<void> {
  // An index holds the row id after its column, so each also gives the "then by id" of the explorer's order.
  await sql`CREATE INDEX need_title ON need(title)`.execute(db);
  await sql`CREATE INDEX need_people ON need(people_affected)`.execute(db);
  await sql`CREATE INDEX need_households ON need(households)`.execute(db);
  await sql`CREATE INDEX need_reported_date ON need(reported_date)`.execute(db);
  await sql`CREATE INDEX need_updated_at ON need(updated_at)`.execute(db);
  await sql`CREATE INDEX need_status ON need(status)`.execute(db);
}
