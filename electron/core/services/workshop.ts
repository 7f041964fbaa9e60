/**
 * Workshop sessions (docs/workshop.md): one open session at a time, its participants, sign-in and the tokens it
 * issues. Secrets, one-time codes and tokens are stored only as hashes (scrypt for what a person types, SHA-256 for
 * the random tokens), so tokens survive a host restart and a copy of the database signs nobody in. Sign-in failures
 * are limited per device and per participant. The host lends its listener (`attachNetwork`): nothing listens beyond
 * loopback until a session is opened on another interface, and closing the session stops it.
 */
import { createHash, randomBytes, randomInt, scrypt, timingSafeEqual } from 'node:crypto';
import { networkInterfaces } from 'node:os';
import { promisify } from 'node:util';
import { AppError } from '../../../shared/api/errors';
import type { ParsedArgs } from '../../../shared/api/contract';
import {
  ONE_TIME_CODE_ALPHABET,
  ONE_TIME_CODE_LENGTH,
  type NetworkInterfaceOption,
  type ParticipantRole,
  type SignInResult,
  type WorkshopStatus,
} from '../../../shared/api/workshop';
import { nameKey } from '../../../shared/domain/names';
import { appendAudit } from '../audit/audit-log';
import type { Store } from '../db/database';
import { loadQrCode } from '../export/libs';
import { networkFailure } from '../net-failure';
import { createSignInLimiter } from './sign-in-limiter';
import { progressOf } from './workshop-views';

/** The listener a session borrows from the browser host. */
export type WorkshopNetwork = Readonly<{
  port: number;
  /** Listens on this address too (no-op for one already served); resolves once listening. */
  open(address: string): Promise<void>;
  /** Stops listening on anything but the host's own address. */
  close(): Promise<void>;
}>;

/** A signed-in device's identity, resolved from its token on every call. */
export type WorkshopIdentity = Readonly<{
  participantId: number;
  sessionId: number;
  roundId: number;
  role: ParticipantRole;
  name: string;
  memberId: number | null;
}>;

export type SessionRow = Readonly<{
  id: number;
  round_id: number;
  pin: string;
  address: string;
  status: 'open' | 'closed';
  revealed: number;
  opened_at: string;
}>;

type ParticipantRow = Readonly<{
  id: number;
  session_id: number;
  role: ParticipantRole;
  member_id: number | null;
  name: string;
  secret_hash: string | null;
  code_hash: string | null;
  projects_json: string | null;
  criteria_json: string | null;
}>;

export type WorkshopOptions = Readonly<{
  now?: () => number;
  /** How long a token is valid after sign-in (default 12 hours: a workshop day). */
  tokenTtlMs?: number;
  /** Failed sign-ins allowed per device and per participant in `limitWindowMs` (defaults 10 and 5 in 10 minutes). */
  deviceFailures?: number;
  participantFailures?: number;
  limitWindowMs?: number;
}>;

const scryptAsync = promisify(scrypt) as (password: string, salt: Buffer, keylen: number, options: object) => Promise<Buffer>;
const SCRYPT = { N: 16384, r: 8, p: 1 };

/** Hashes what a person types (a secret, a one-time code) with a fresh salt: `scrypt$<salt hex>$<hash hex>`. */
export async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scryptAsync(secret.normalize('NFC'), salt, 32, SCRYPT);
  return `scrypt$${salt.toString('hex')}$${hash.toString('hex')}`;
}

async function secretMatches(secret: string, stored: string | null): Promise<boolean> {
  const [kind, saltHex, hashHex] = (stored ?? '').split('$');
  if (kind !== 'scrypt' || !saltHex || !hashHex) return false;
  const hash = await scryptAsync(secret.normalize('NFC'), Buffer.from(saltHex, 'hex'), 32, SCRYPT);
  return timingSafeEqual(hash, Buffer.from(hashHex, 'hex'));
}

/** The SHA-256 a token is stored and looked up by (tokens are 32 random bytes: no salt or stretching needed). */
export function tokenHashOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function isLoopback(address: string): boolean {
  return address === '::1' || address.startsWith('127.');
}

/** Hashed once at load; compared against when a sign-in names nobody. */
const DUMMY_HASH = `scrypt$${'00'.repeat(16)}$${'00'.repeat(32)}`;

const SIGN_IN_FAILED = new AppError(
  'FORBIDDEN',
  'the PIN, name or secret is not right; check them with the facilitator',
  'รหัสห้อง ชื่อ หรือรหัสลับไม่ถูกต้อง กรุณาตรวจสอบกับผู้ดำเนินการประชุม',
);

export type WorkshopService = ReturnType<typeof createWorkshopService>;

const services = new WeakMap<Store, WorkshopService>();

/** The workshop state of one open store (sessions live in the store; limits and the token cache in memory). */
export function workshopFor(store: Store, options: WorkshopOptions = {}): WorkshopService {
  let service = services.get(store);
  if (!service) {
    service = createWorkshopService(store, options);
    services.set(store, service);
  }
  return service;
}

export function createWorkshopService(store: Store, options: WorkshopOptions = {}) {
  const { sqlite } = store;
  const now = options.now ?? Date.now;
  const tokenTtlMs = options.tokenTtlMs ?? 12 * 3600_000;
  const window = options.limitWindowMs ?? 10 * 60_000;
  const deviceLimiter = createSignInLimiter(options.deviceFailures ?? 10, window, now);
  const participantLimiter = createSignInLimiter(options.participantFailures ?? 5, window, now);
  const identities = new Map<string, (WorkshopIdentity & { expiresAt: number }) | null>();
  const qrCache = new Map<string, string>();
  let network: WorkshopNetwork | null = null;

  const iso = (): string => new Date(now()).toISOString();

  const openSession = (): SessionRow | null =>
    (sqlite.prepare(`SELECT * FROM workshop_session WHERE status = 'open'`).get() as SessionRow | undefined) ?? null;

  const requireOpen = (): SessionRow => {
    const session = openSession();
    if (!session) {
      throw new AppError('INVALID_STATE', 'no workshop session is open', 'ยังไม่ได้เปิดการประชุมเชิงปฏิบัติการ');
    }
    return session;
  };

  const participant = (sessionId: number, participantId: number): ParticipantRow => {
    const row = sqlite
      .prepare('SELECT * FROM workshop_participant WHERE id = ? AND session_id = ? AND removed_at IS NULL')
      .get(participantId, sessionId) as ParticipantRow | undefined;
    if (!row) {
      throw new AppError(
        'NOT_FOUND',
        `participant ${participantId} is not in the open session`,
        `ไม่พบผู้เข้าร่วมหมายเลข ${participantId} ในการประชุมที่เปิดอยู่`,
      );
    }
    return row;
  };

  /** Revokes tokens (all of a session's, or one participant's) and forgets cached identities. */
  const revoke = (where: 'session' | 'participant', id: number): number => {
    const column = where === 'session' ? 'session_id' : 'participant_id';
    const { changes } = sqlite
      .prepare(`UPDATE workshop_token SET revoked_at = ? WHERE ${column} = ? AND revoked_at IS NULL`)
      .run(iso(), id);
    identities.clear();
    return changes;
  };

  const joinUrl = (session: SessionRow): string => {
    const host = session.address.includes(':') ? `[${session.address}]` : session.address;
    return `http://${host}:${network?.port ?? 5180}/#/join?pin=${session.pin}`;
  };

  const qrSvg = async (url: string): Promise<string> => {
    let svg = qrCache.get(url);
    if (!svg) {
      svg = await (await loadQrCode()).toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
      qrCache.set(url, svg);
    }
    return svg;
  };

  const status = async (): Promise<WorkshopStatus | null> => {
    const session = openSession();
    if (!session) return null;
    const round = sqlite.prepare('SELECT name FROM round WHERE id = ?').get(session.round_id) as { name: string };
    const rows = sqlite
      .prepare('SELECT * FROM workshop_participant WHERE session_id = ? AND removed_at IS NULL ORDER BY role, name')
      .all(session.id) as ParticipantRow[];
    const devices = sqlite.prepare(
      'SELECT COUNT(*) AS n FROM workshop_token WHERE participant_id = ? AND revoked_at IS NULL AND expires_at > ?',
    );
    const url = joinUrl(session);
    const counts = progressOf(sqlite, session.round_id, rows);
    return {
      sessionId: session.id,
      roundId: session.round_id,
      roundName: round.name,
      pin: session.pin,
      address: session.address,
      joinUrl: url,
      qrSvg: await qrSvg(url),
      revealed: session.revealed === 1,
      openedAt: session.opened_at,
      participants: rows.map((p) => {
        const progress = counts.get(p.id)!;
        return {
          id: p.id,
          role: p.role,
          name: p.name,
          memberId: p.member_id,
          hasSecret: p.secret_hash !== null,
          codePending: p.code_hash !== null,
          devices: (devices.get(p.id, iso()) as { n: number }).n,
          assigned: progress.assigned,
          scored: progress.scored,
        };
      }),
    };
  };

  const checkAssignment = (roundId: number, projectIds?: readonly number[], criterionIds?: readonly number[]): void => {
    for (const projectId of projectIds ?? []) {
      if (!sqlite.prepare('SELECT 1 FROM project WHERE id = ? AND round_id = ?').get(projectId, roundId)) {
        throw new AppError(
          'NOT_FOUND',
          `projectIds: project ${projectId} is not in the session's round`,
          `projectIds: โครงการหมายเลข ${projectId} ไม่อยู่ในรอบการพิจารณาของการประชุมนี้`,
        );
      }
    }
    for (const criterionId of criterionIds ?? []) {
      if (
        !sqlite.prepare(`SELECT 1 FROM criterion WHERE id = ? AND round_id = ? AND kind = 'member'`).get(criterionId, roundId)
      ) {
        throw new AppError(
          'NOT_FOUND',
          `criterionIds: criterion ${criterionId} is not a member-scored criterion of the session's round`,
          `criterionIds: เกณฑ์หมายเลข ${criterionId} ไม่ใช่เกณฑ์ที่กรรมการให้คะแนนในรอบการพิจารณานี้`,
        );
      }
    }
  };

  return {
    openSession,

    /** The host lends its listener; a session left open at the last stop listens again on its interface. */
    async attachNetwork(net: WorkshopNetwork): Promise<() => void> {
      network = net;
      const session = openSession();
      if (session) await net.open(session.address).catch(() => undefined);
      return () => {
        if (network === net) network = null;
      };
    },

    /** Addresses a session can listen on: loopback first, then the machine's other interfaces. */
    interfaces(): NetworkInterfaceOption[] {
      const out: NetworkInterfaceOption[] = [];
      for (const [name, list] of Object.entries(networkInterfaces())) {
        for (const a of list ?? []) {
          // Link-local IPv6 needs a zone id no browser address bar accepts.
          if (a.family === 'IPv6' && a.address.toLowerCase().startsWith('fe80')) continue;
          out.push({ address: a.address, family: a.family, name, loopback: a.internal });
        }
      }
      return out.sort((a, b) => Number(b.loopback) - Number(a.loopback) || a.family.localeCompare(b.family));
    },

    async open(args: ParsedArgs<'workshop.open'>, actor: string): Promise<WorkshopStatus> {
      const address = args.address ?? '127.0.0.1';
      const existing = openSession();
      if (existing) {
        throw new AppError(
          'INVALID_STATE',
          `a workshop session is already open (PIN ${existing.pin}); close it first`,
          `มีการประชุมที่เปิดอยู่แล้ว (รหัสห้อง ${existing.pin}) กรุณาปิดก่อน`,
        );
      }
      const round = sqlite.prepare('SELECT id, name, archived_at FROM round WHERE id = ?').get(args.roundId) as
        { id: number; name: string; archived_at: string | null } | undefined;
      if (!round) throw new AppError('NOT_FOUND', `round ${args.roundId} does not exist`, `ไม่พบรอบการพิจารณา ${args.roundId}`);
      if (round.archived_at !== null) {
        throw new AppError('INVALID_STATE', `round '${round.name}' is archived`, `รอบการพิจารณา '${round.name}' ถูกเก็บเข้าคลังแล้ว`);
      }
      if (!this.interfaces().some((i) => i.address === address)) {
        throw new AppError(
          'BAD_ARGS',
          `address: ${address} is not one of this machine's network interfaces`,
          `address: ${address} ไม่ใช่ที่อยู่เครือข่ายของเครื่องนี้`,
        );
      }
      if (!network && !isLoopback(address)) {
        throw new AppError(
          'INVALID_STATE',
          'devices can join only through the browser host (npm run serve); this window can open a session on loopback only',
          'อุปกรณ์อื่นเข้าร่วมได้ผ่านโฮสต์เบราว์เซอร์ (npm run serve) เท่านั้น หน้าต่างนี้เปิดการประชุมได้เฉพาะเครื่องนี้',
        );
      }
      try {
        await network?.open(address);
      } catch (error) {
        const { en, th } = networkFailure(error);
        throw new AppError('INVALID_STATE', `cannot listen on ${address}: ${en}`, `เปิดรับการเชื่อมต่อที่ ${address} ไม่ได้: ${th}`);
      }
      const pin = String(randomInt(0, 1_000_000)).padStart(6, '0');
      sqlite.transaction(() => {
        sqlite
          .prepare(
            `INSERT INTO workshop_session (round_id, pin, address, status, revealed, opened_at, opened_by)
             VALUES (?, ?, ?, 'open', 0, ?, ?)`,
          )
          .run(args.roundId, pin, address, iso(), actor);
        appendAudit(sqlite, actor, 'workshop.opened', { roundId: args.roundId, address });
      })();
      return (await status())!;
    },

    async close(actor: string): Promise<{ closed: boolean; revokedTokens: number }> {
      const session = openSession();
      if (!session) return { closed: false, revokedTokens: 0 };
      const revokedTokens = sqlite.transaction(() => {
        sqlite.prepare(`UPDATE workshop_session SET status = 'closed', closed_at = ? WHERE id = ?`).run(iso(), session.id);
        const n = revoke('session', session.id);
        appendAudit(sqlite, actor, 'workshop.closed', { sessionId: session.id, revokedTokens: n });
        return n;
      })();
      identities.clear();
      await network?.close();
      return { closed: true, revokedTokens };
    },

    status,

    async setParticipant(args: ParsedArgs<'workshop.setParticipant'>, actor: string): Promise<WorkshopStatus> {
      const session = requireOpen();
      let name = args.name;
      let memberName = '';
      if (args.role === 'member') {
        const member = args.memberId
          ? (sqlite
              .prepare('SELECT name, active FROM member WHERE id = ? AND round_id = ?')
              .get(args.memberId, session.round_id) as { name: string; active: number } | undefined)
          : undefined;
        if (!member) {
          throw new AppError(
            'BAD_ARGS',
            'memberId: a member participant must name an active committee member of the session’s round',
            'memberId: ผู้เข้าร่วมที่เป็นกรรมการต้องเป็นกรรมการของรอบการพิจารณานี้',
          );
        }
        if (!member.active) {
          throw new AppError(
            'INVALID_STATE',
            `${member.name} is no longer an active member`,
            `${member.name} ไม่ได้ปฏิบัติหน้าที่กรรมการแล้ว`,
          );
        }
        memberName = member.name;
        name ??= member.name;
      } else if (args.memberId !== undefined) {
        throw new AppError(
          'BAD_ARGS',
          'memberId: only a member participant names a member',
          'memberId: ระบุกรรมการได้เฉพาะผู้เข้าร่วมที่เป็นกรรมการ',
        );
      }
      if (!name)
        throw new AppError('BAD_ARGS', 'name: required for a facilitator or observer', 'name: ต้องระบุชื่อผู้ดำเนินการหรือผู้สังเกตการณ์');
      if (args.role !== 'member' && (args.projectIds || args.criterionIds)) {
        throw new AppError('BAD_ARGS', 'projectIds: only members score', 'projectIds: กำหนดโครงการให้เฉพาะกรรมการผู้ให้คะแนน');
      }
      checkAssignment(session.round_id, args.projectIds, args.criterionIds);
      const secretHash = args.secret === undefined ? undefined : await hashSecret(args.secret);
      const key = nameKey(name);
      const clash = sqlite
        .prepare('SELECT id FROM workshop_participant WHERE session_id = ? AND name_key = ? AND removed_at IS NULL')
        .get(session.id, key) as { id: number } | undefined;
      if (clash && clash.id !== args.participantId) {
        throw new AppError(
          'INVALID_STATE',
          `name: '${name}' already signs in to this session; names must tell participants apart`,
          `name: มีผู้เข้าร่วมชื่อ '${name}' อยู่แล้ว ชื่อต้องไม่ซ้ำกัน`,
        );
      }
      if (args.role === 'member') {
        // One participant per member (a member's phone and tablet sign in as the same participant); said plainly
        // rather than left to the database's unique index, which the facilitator's screen shows as an internal error.
        const taken = sqlite
          .prepare('SELECT id, name FROM workshop_participant WHERE session_id = ? AND member_id = ? AND removed_at IS NULL')
          .get(session.id, args.memberId) as { id: number; name: string } | undefined;
        if (taken && taken.id !== args.participantId) {
          throw new AppError(
            'INVALID_STATE',
            `memberId: ${memberName} already takes part in this session as '${taken.name}'; their devices sign in as that participant (issue a one-time code for a new device)`,
            `memberId: ${memberName} เป็นผู้เข้าร่วมการประชุมนี้อยู่แล้วในชื่อ '${taken.name}' อุปกรณ์ทุกเครื่องของกรรมการท่านนี้ลงชื่อเข้าใช้ด้วยชื่อนั้น (ออกรหัสใช้ครั้งเดียวให้อุปกรณ์เครื่องใหม่ได้)`,
          );
        }
      }
      const projects = args.projectIds ? JSON.stringify([...new Set(args.projectIds)]) : null;
      const criteria = args.criterionIds ? JSON.stringify([...new Set(args.criterionIds)]) : null;
      sqlite.transaction(() => {
        if (args.participantId !== undefined) {
          const before = participant(session.id, args.participantId);
          if (before.role !== args.role || before.member_id !== (args.memberId ?? null)) revoke('participant', before.id);
          sqlite
            .prepare(
              `UPDATE workshop_participant SET role = ?, member_id = ?, name = ?, name_key = ?, projects_json = ?, criteria_json = ?,
               secret_hash = COALESCE(?, secret_hash) WHERE id = ?`,
            )
            .run(args.role, args.memberId ?? null, name, key, projects, criteria, secretHash ?? null, before.id);
          // Devices signed in as this participant keep their tokens but are named anew (who-am-I, the audit trail).
          identities.clear();
        } else {
          sqlite
            .prepare(
              `INSERT INTO workshop_participant (session_id, role, member_id, name, name_key, secret_hash, projects_json, criteria_json)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
            )
            .run(session.id, args.role, args.memberId ?? null, name, key, secretHash ?? null, projects, criteria);
        }
        appendAudit(sqlite, actor, 'workshop.participantSet', {
          sessionId: session.id,
          participantId: args.participantId ?? null,
          role: args.role,
          memberId: args.memberId ?? null,
          name,
          projectIds: args.projectIds ?? null,
          criterionIds: args.criterionIds ?? null,
          secretChanged: secretHash !== undefined,
        });
      })();
      return (await status())!;
    },

    async removeParticipant(participantId: number, actor: string): Promise<WorkshopStatus> {
      const session = requireOpen();
      const row = participant(session.id, participantId);
      sqlite.transaction(() => {
        sqlite.prepare('UPDATE workshop_participant SET removed_at = ? WHERE id = ?').run(iso(), row.id);
        revoke('participant', row.id);
        appendAudit(sqlite, actor, 'workshop.participantRemoved', { sessionId: session.id, participantId, name: row.name });
      })();
      return (await status())!;
    },

    async issueCode(participantId: number, actor: string): Promise<{ participantId: number; code: string }> {
      const session = requireOpen();
      const row = participant(session.id, participantId);
      const code = Array.from(
        { length: ONE_TIME_CODE_LENGTH },
        () => ONE_TIME_CODE_ALPHABET[randomInt(ONE_TIME_CODE_ALPHABET.length)],
      ).join('');
      const codeHash = await hashSecret(code);
      sqlite.transaction(() => {
        sqlite.prepare('UPDATE workshop_participant SET code_hash = ? WHERE id = ?').run(codeHash, row.id);
        appendAudit(sqlite, actor, 'workshop.codeIssued', { sessionId: session.id, participantId, name: row.name });
      })();
      // A name locked by wrong guesses is told to ask for a code: the code the facilitator hands over must sign it in
      // now, not after the lock's ten minutes (the device that guessed stays limited by its own count).
      participantLimiter.clear(`participant:${row.id}`);
      return { participantId, code };
    },

    async reveal(revealed: boolean, actor: string): Promise<WorkshopStatus> {
      const session = requireOpen();
      sqlite.transaction(() => {
        sqlite.prepare('UPDATE workshop_session SET revealed = ? WHERE id = ?').run(revealed ? 1 : 0, session.id);
        appendAudit(sqlite, actor, revealed ? 'workshop.revealed' : 'workshop.hidden', { sessionId: session.id });
      })();
      return (await status())!;
    },

    /**
     * Signs a device in with the session PIN, a participant's name and their secret or one-time code (used up by
     * this sign-in). Refused attempts count against the device and the participant named.
     */
    async signIn(args: ParsedArgs<'workshop.signIn'>, device: string, actor: string): Promise<SignInResult> {
      const deviceKey = `device:${device}`;
      const wait = deviceLimiter.waitFor(deviceKey);
      if (wait > 0) throw tooManyAttempts(wait, 'device');
      const session = openSession();
      const row =
        session && session.pin === args.pin
          ? (sqlite
              .prepare('SELECT * FROM workshop_participant WHERE session_id = ? AND name_key = ? AND removed_at IS NULL')
              .get(session.id, nameKey(args.name)) as ParticipantRow | undefined)
          : undefined;
      const participantKey = row ? `participant:${row.id}` : null;
      if (participantKey) {
        const waitParticipant = participantLimiter.waitFor(participantKey);
        if (waitParticipant > 0) throw tooManyAttempts(waitParticipant, 'participant');
      }
      // Counted as failed before the secret is checked (hashing takes a while, and guesses sent side by side would all
      // pass the checks above before any of them was counted); taken back for the device if it signs in.
      deviceLimiter.fail(deviceKey);
      if (participantKey) participantLimiter.fail(participantKey);
      // Unknown names cost the same hashing as known ones, so timing does not tell which names sign in.
      const bySecret = await secretMatches(args.secret, row ? row.secret_hash : DUMMY_HASH).then((ok) => ok && !!row);
      const byCode = row && !bySecret ? await secretMatches(args.secret.toUpperCase(), row.code_hash) : false;
      if (!session || !row || (!bySecret && !byCode)) throw SIGN_IN_FAILED;
      deviceLimiter.retract(deviceKey);
      participantLimiter.clear(participantKey!);
      const token = randomBytes(32).toString('hex');
      sqlite.transaction(() => {
        // A one-time code signs in once: a replayed sign-in with it is refused.
        if (byCode) {
          const used = sqlite
            .prepare('UPDATE workshop_participant SET code_hash = NULL WHERE id = ? AND code_hash = ?')
            .run(row.id, row.code_hash);
          if (used.changes !== 1) throw SIGN_IN_FAILED;
        }
        sqlite
          .prepare(
            `INSERT INTO workshop_token (token_hash, participant_id, session_id, device, issued_at, expires_at)
             VALUES (?, ?, ?, ?, ?, ?)`,
          )
          .run(tokenHashOf(token), row.id, session.id, device, iso(), new Date(now() + tokenTtlMs).toISOString());
        appendAudit(sqlite, actor, 'workshop.signedIn', {
          sessionId: session.id,
          participantId: row.id,
          name: row.name,
          role: row.role,
          device,
          with: byCode ? 'one-time code' : 'secret',
        });
      })();
      return { token, role: row.role, participantId: row.id, name: row.name };
    },

    signOut(tokenHash: string, actor: string): boolean {
      const changed = sqlite.transaction(() => {
        const { changes } = sqlite
          .prepare('UPDATE workshop_token SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL')
          .run(iso(), tokenHash);
        if (changes) appendAudit(sqlite, actor, 'workshop.signedOut', {});
        return changes;
      })();
      identities.clear();
      return changed > 0;
    },

    /** Who a token belongs to, if it is still valid (session open, not revoked, not expired, participant kept). */
    identify(tokenHash: string): WorkshopIdentity | null {
      let hit = identities.get(tokenHash);
      if (hit === undefined) {
        const row = sqlite
          .prepare(
            `SELECT p.id AS participantId, s.id AS sessionId, s.round_id AS roundId, p.role, p.name, p.member_id AS memberId,
                    t.expires_at AS expiresAt
             FROM workshop_token t JOIN workshop_participant p ON p.id = t.participant_id
             JOIN workshop_session s ON s.id = t.session_id
             WHERE t.token_hash = ? AND t.revoked_at IS NULL AND p.removed_at IS NULL AND s.status = 'open'`,
          )
          .get(tokenHash) as (WorkshopIdentity & { expiresAt: string }) | undefined;
        hit = row ? { ...row, expiresAt: Date.parse(row.expiresAt) } : null;
        // Bounded: unknown tokens from a guesser must not grow the cache without limit.
        if (identities.size > 10_000) identities.clear();
        identities.set(tokenHash, hit);
      }
      if (!hit || hit.expiresAt <= now()) return null;
      const { expiresAt: _expiresAt, ...identity } = hit;
      return identity;
    },

    /**
     * May this member participant score this cell (the projects and criteria assigned to them), or, without a
     * criterion, this project?
     */
    mayScore(participantId: number, projectId: number, criterionId?: number): boolean {
      const row = sqlite
        .prepare('SELECT projects_json, criteria_json FROM workshop_participant WHERE id = ?')
        .get(participantId) as Pick<ParticipantRow, 'projects_json' | 'criteria_json'> | undefined;
      if (!row) return false;
      const inList = (json: string | null, id: number): boolean => json === null || (JSON.parse(json) as number[]).includes(id);
      return inList(row.projects_json, projectId) && (criterionId === undefined || inList(row.criteria_json, criterionId));
    },

    /** Are the open session's results still hidden (so members and observers cannot read aggregates)? */
    hidesResults(): boolean {
      const session = openSession();
      return session !== null && session.revealed === 0;
    },
  };
}

function tooManyAttempts(waitMs: number, who: 'device' | 'participant'): AppError {
  const minutes = Math.max(1, Math.ceil(waitMs / 60_000));
  return who === 'device'
    ? new AppError(
        'RATE_LIMITED',
        `too many failed sign-ins from this device; try again in ${minutes} min`,
        `อุปกรณ์นี้ลงชื่อเข้าใช้ไม่สำเร็จหลายครั้งเกินไป กรุณาลองใหม่ใน ${minutes} นาที`,
      )
    : new AppError(
        'RATE_LIMITED',
        `too many failed sign-ins for this name; try again in ${minutes} min or ask the facilitator for a one-time code`,
        `ลงชื่อเข้าใช้ด้วยชื่อนี้ไม่สำเร็จหลายครั้งเกินไป กรุณาลองใหม่ใน ${minutes} นาที หรือขอรหัสใช้ครั้งเดียวจากผู้ดำเนินการ`,
      );
}
