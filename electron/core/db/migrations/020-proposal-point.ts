/**
 * Schema version 20: a proposal keeps its point. Frozen once released.
 *
 * The province's request form asks where a project is carried out as villages, tambons and a point
 * (พื้นที่ดำเนินการ … พิกัด). Proposals kept their tambons only, so a proposal file's coordinates were dropped and the
 * committee could not see a project beside the needs it answers on the map. Degrees within Thailand (latitude 5–21,
 * longitude 97–106), both or neither; NULL for every proposal stored before.
 */
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time and never see app types
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE project ADD COLUMN lat REAL
    CHECK (lat IS NULL OR (typeof(lat) IN ('real', 'integer') AND lat BETWEEN 5 AND 21))`.execute(db);
  await sql`ALTER TABLE project ADD COLUMN lon REAL
    CHECK ((lon IS NULL) = (lat IS NULL) AND (lon IS NULL OR (typeof(lon) IN ('real', 'integer') AND lon BETWEEN 97 AND 106)))`.execute(
    db,
  );
}
