/**
 * Schema version 10: the committee's judgement (docs/judgement.md). Frozen once released.
 * - score_comment: a member's comment on one score (a comment may stand without a score).
 * - score_cleared: a score the member took back ("not scored" again, never zero): the row leaves `score` and its
 *   version stays here, so a device still holding the old version is told of the conflict instead of overwriting.
 * - conflict_of_interest: a member's declaration on a project; their scores on it leave the aggregates.
 * - criterion_aggregation: the aggregation method the round chose for a criterion (absent: the round's default).
 * - member_weight: a member's weight in the aggregates (absent: 1).
 * - ranking_override: move / include / exclude, with the written reason and the member who asked; withdrawn ones
 *   stay, marked, for the record.
 * Child rows go with their project, member or criterion (ON DELETE CASCADE), so removing those is unchanged.
 */
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time and never see app types
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE score_comment (
    member_id INTEGER NOT NULL REFERENCES member(id) ON DELETE CASCADE,
    project_id INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,
    criterion_id INTEGER NOT NULL REFERENCES criterion(id) ON DELETE CASCADE,
    comment TEXT NOT NULL CHECK (length(comment) BETWEEN 1 AND 2000),
    updated_at TEXT NOT NULL,
    PRIMARY KEY (member_id, project_id, criterion_id))`.execute(db);
  await sql`CREATE TABLE score_cleared (
    member_id INTEGER NOT NULL REFERENCES member(id) ON DELETE CASCADE,
    project_id INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,
    criterion_id INTEGER NOT NULL REFERENCES criterion(id) ON DELETE CASCADE,
    version INTEGER NOT NULL CHECK (version > 0),
    cleared_at TEXT NOT NULL,
    PRIMARY KEY (member_id, project_id, criterion_id))`.execute(db);
  await sql`CREATE TABLE conflict_of_interest (
    member_id INTEGER NOT NULL REFERENCES member(id) ON DELETE CASCADE,
    project_id INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,
    reason TEXT NOT NULL,
    declared_at TEXT NOT NULL,
    actor TEXT NOT NULL,
    PRIMARY KEY (member_id, project_id))`.execute(db);
  await sql`CREATE INDEX conflict_of_interest_project ON conflict_of_interest(project_id)`.execute(db);
  await sql`CREATE TABLE criterion_aggregation (
    criterion_id INTEGER PRIMARY KEY REFERENCES criterion(id) ON DELETE CASCADE,
    aggregation TEXT NOT NULL CHECK (aggregation IN ('mean', 'median', 'trimmed_mean', 'geometric_mean')))`.execute(db);
  await sql`CREATE TABLE member_weight (
    member_id INTEGER PRIMARY KEY REFERENCES member(id) ON DELETE CASCADE,
    weight REAL NOT NULL CHECK (weight >= 0 AND weight <= 100))`.execute(db);
  await sql`CREATE TABLE ranking_override (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    round_id INTEGER NOT NULL REFERENCES round(id),
    project_id INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('move', 'include', 'exclude')),
    position INTEGER CHECK ((kind = 'move') = (position IS NOT NULL AND position >= 1)),
    reason TEXT NOT NULL CHECK (length(trim(reason)) >= 5),
    requested_by INTEGER NOT NULL REFERENCES member(id) ON DELETE CASCADE,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    withdrawn_at TEXT)`.execute(db);
  await sql`CREATE INDEX ranking_override_round ON ranking_override(round_id)`.execute(db);
}
