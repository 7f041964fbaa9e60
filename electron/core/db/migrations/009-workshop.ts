/**
 * Schema version 9: workshop sessions, their participants and sign-in tokens (docs/workshop.md). Frozen once released.
 * - workshop_session: one per opened session: the round, the short PIN, the interface it listens on, open/closed,
 *   whether the results are revealed.
 * - workshop_participant: who may sign in: a round member (role 'member') or a facilitator or observer by name;
 *   the secret and the one-time code are stored only as scrypt hashes; what a member scores (JSON arrays of ids,
 *   NULL = all of the round's).
 * - workshop_token: a signed-in device's token, stored as its SHA-256 only, so tokens survive a host restart and a
 *   copy of the database signs nobody in; closing the session revokes every one.
 */
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time and never see app types
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE workshop_session (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    round_id INTEGER NOT NULL REFERENCES round(id),
    pin TEXT NOT NULL CHECK (length(pin) = 6),
    address TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
    revealed INTEGER NOT NULL DEFAULT 0 CHECK (revealed IN (0, 1)),
    opened_at TEXT NOT NULL,
    closed_at TEXT,
    opened_by TEXT NOT NULL
  )`.execute(db);
  // At most one open session at a time.
  await sql`CREATE UNIQUE INDEX workshop_session_one_open ON workshop_session(status) WHERE status = 'open'`.execute(db);
  await sql`CREATE TABLE workshop_participant (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    session_id INTEGER NOT NULL REFERENCES workshop_session(id),
    role TEXT NOT NULL CHECK (role IN ('facilitator', 'member', 'observer')),
    member_id INTEGER REFERENCES member(id),
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    secret_hash TEXT,
    code_hash TEXT,
    projects_json TEXT,
    criteria_json TEXT,
    removed_at TEXT,
    CHECK ((role = 'member') = (member_id IS NOT NULL))
  )`.execute(db);
  await sql`CREATE UNIQUE INDEX workshop_participant_name ON workshop_participant(session_id, name_key)
    WHERE removed_at IS NULL`.execute(db);
  await sql`CREATE UNIQUE INDEX workshop_participant_member ON workshop_participant(session_id, member_id)
    WHERE removed_at IS NULL AND member_id IS NOT NULL`.execute(db);
  await sql`CREATE TABLE workshop_token (
    token_hash TEXT PRIMARY KEY,
    participant_id INTEGER NOT NULL REFERENCES workshop_participant(id),
    session_id INTEGER NOT NULL REFERENCES workshop_session(id),
    device TEXT NOT NULL,
    issued_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    revoked_at TEXT
  )`.execute(db);
  await sql`CREATE INDEX workshop_token_participant ON workshop_token(participant_id)`.execute(db);
}
