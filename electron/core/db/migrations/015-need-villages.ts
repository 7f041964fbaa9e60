/**
 * Schema version 15: the active needs summed per village are read from an index alone. Frozen once released.
 *
 * A scenario's run reads every active need (MES gives each person who raised one an equal share, fairness counts
 * each village). Read row by row, a province's 1,000,000 needs took 2–3 s of a run whose rule takes 0.5 s; most of
 * them link to no proposal and count only through their village's totals, which SQLite sums from this covering index
 * in about a tenth of a second (services/need-links.ts).
 */
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time and never see app types
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE INDEX need_status_village ON need(status, tambon_code, village_no, people_affected, households)`.execute(db);
}
