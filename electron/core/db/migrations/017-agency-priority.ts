/**
 * Schema version 17: a proposal keeps its agency's own priority. Frozen once released.
 *
 * The province's request form asks each agency to rank its proposals (ลำดับความสำคัญ, 1 = most important). The
 * import recognised the column and dropped its value, so the committee lost what each agency said mattered most to
 * it. A whole number from 1, or null when the agency gave none (every proposal stored before).
 */
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time and never see app types
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE project ADD COLUMN agency_priority INTEGER
    CHECK (agency_priority IS NULL OR (typeof(agency_priority) = 'integer' AND agency_priority >= 1))`.execute(db);
}
