/**
 * The audit chain's anchor outside the database file: its length and head hash, with an HMAC under a key kept
 * beside it in the app's settings folder. A chain rewritten from some event on (hashes recomputed) or truncated
 * passes its own re-walk; it fails against the anchor, because the event at the anchored length is no longer the
 * anchored one, or no longer there. The anchor moves forward after every change the app makes.
 *
 * The anchor names the database it vouches for (its identity, migration 18, and its chain's first event), not the
 * file's name: a database copied, renamed or moved with its anchor files still verifies, and another database put in
 * the anchored place (a round prepared on another laptop copied over `chipao.sqlite`) is said as such, naming the one
 * expected and the one found, instead of as tampering; the owner may accept it (an audited event). The anchor file
 * remembers the last databases it vouched for, each with its own length and head, so a database that comes back to
 * the place is checked against its own anchor, and one truncated or rewritten meanwhile is still caught.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import type Database from 'better-sqlite3';
import { formatThaiDateTime } from '../../../shared/domain/thai-date';
import { auditHead, lastAuditHash, walkAuditChain } from './audit-log';

/** What the anchor vouches for: a database (by identity and first event) and its chain's length and head. */
export type Anchor = Readonly<{
  length: number;
  head: string;
  /** The database's identity; null in an anchor written before databases had one (then checked as the same database). */
  database: string | null;
  /** The hash of the chain's first event (null: an empty chain, or an anchor written before this was kept). */
  first: string | null;
  /** When the anchor was written (null in an anchor written before this was kept). */
  at: string | null;
}>;

/** The anchors kept in one place: the database last opened there first, then the others it has held, newest first. */
export type AnchorBook = Readonly<{ databases: readonly Anchor[] }>;

const HEX64 = /^[0-9a-f]{64}$/u;
const ID = /^[0-9a-f]{32}$/u;

/** The anchor file remembers at most this many databases (a bounded file read at every start). */
export const MAX_ANCHORED_DATABASES = 16;

export type AuditProblem = Readonly<{
  code: 'edited' | 'unlinked' | 'truncated' | 'rewritten' | 'anchor_tampered' | 'other_database';
  /** The first event that is wrong, where one can be named. */
  eventId: number | null;
  position: number | null;
  en: string;
  th: string;
}>;

export type AuditStatus = Readonly<{
  ok: boolean;
  length: number;
  head: string;
  /** The identity of the database checked (null before migration 18). */
  database: string | null;
  /** The anchor checked against (null when none existed yet: a new store, or one opened here for the first time). */
  anchor: Anchor | null;
  /** With `other_database`: the anchor of the database last opened in this place, which this one is not. */
  expected: Anchor | null;
  problem: AuditProblem | null;
  checkedAt: string;
}>;

export type AnchorStore = Readonly<{
  /** The anchor of the database last opened in this place. */
  read(): Anchor | 'tampered' | null;
  /** Every database's anchor this place keeps, the last opened first. */
  readAll(): AnchorBook | 'tampered' | null;
  /** Records `anchor` as the place's current database, keeping the anchors of the others it has held. */
  write(anchor: Anchor): void;
}>;

/**
 * The identity made once inside the database (migration 18); null in a file of an older schema, read as it is, and
 * for one that is not an identity (written past the table's CHECK): such a database is checked against the anchor of
 * the database last opened in its place, as before databases had one, never passed as another database.
 */
export function readIdentity(sqlite: Database.Database): string | null {
  const table = sqlite.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'database_identity'`).get();
  if (!table) return null;
  const id: unknown = sqlite.prepare('SELECT id FROM database_identity WHERE singleton = 1').pluck().get();
  return typeof id === 'string' && ID.test(id) ? id : null;
}

function firstAuditHash(sqlite: Database.Database): string | null {
  return (sqlite.prepare('SELECT hash FROM audit_event ORDER BY id LIMIT 1').pluck().get() as string | undefined) ?? null;
}

/** Whether an anchor vouches for this database: the same identity, or the same first event (one history). */
function vouchesFor(anchor: Anchor, database: string | null, first: string | null): boolean {
  if (anchor.database === null || database === null) return true;
  return anchor.database === database || (anchor.first !== null && anchor.first === first);
}

/** One anchor as read from the file, each field checked; null when it is not one. */
function anchorOf(value: unknown): Anchor | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  const textOrNull = (x: unknown, re?: RegExp): x is string | null =>
    x === null || (typeof x === 'string' && x.length <= 1000 && (!re || re.test(x)));
  if (!Number.isSafeInteger(v.length) || (v.length as number) < 0 || typeof v.head !== 'string' || !HEX64.test(v.head))
    return null;
  if (!textOrNull(v.database, ID) || !textOrNull(v.first, HEX64) || !textOrNull(v.at)) return null;
  // The fields in one order, so that the HMAC covers what was written and nothing else.
  return { length: v.length as number, head: v.head, database: v.database, first: v.first, at: v.at };
}

/** Anchor and key files beside the database: `<db>.audit-anchor.json` and `<db>.audit-key`. */
export function fileAnchorStore(dbPath: string): AnchorStore {
  const anchorPath = `${dbPath}.audit-anchor.json`;
  const keyPath = `${dbPath}.audit-key`;
  // Read (or made) once per store; the anchor is rewritten after every change.
  let cachedKey: Buffer | null = null;
  const key = (): Buffer => {
    if (cachedKey) return cachedKey;
    if (!existsSync(keyPath)) writeFileSync(keyPath, randomBytes(32).toString('hex'), { mode: 0o600 });
    cachedKey = Buffer.from(readFileSync(keyPath, 'utf8').trim(), 'hex');
    return cachedKey;
  };
  const hmac = (text: string): string => createHmac('sha256', key()).update(text).digest('hex');
  const macOf = (file: string, databases: readonly Anchor[]): string =>
    hmac(`chipao-anchor-2\n${JSON.stringify(file)}\n${JSON.stringify(databases)}`);
  const verified = (mac: string, expected: string): boolean => {
    const a = Buffer.from(expected);
    const b = Buffer.from(mac);
    return a.length === b.length && timingSafeEqual(a, b);
  };
  const readAll = (): AnchorBook | 'tampered' | null => {
    if (!existsSync(anchorPath)) return null;
    try {
      const f = JSON.parse(readFileSync(anchorPath, 'utf8')) as Record<string, unknown>;
      if (typeof f.mac !== 'string') return 'tampered';
      if (f.version === undefined) {
        // Written before the anchor named its database: the HMAC covers the file's name it was written for, its
        // length and head (a file renamed with its anchor still verifies; checked as the same database, as then).
        if (typeof f.length !== 'number' || typeof f.head !== 'string') return 'tampered';
        const file = typeof f.file === 'string' ? f.file : basename(dbPath);
        if (!verified(f.mac, hmac(`${file}\n${f.length}\n${f.head}`))) return 'tampered';
        return { databases: [{ length: f.length, head: f.head, database: null, first: null, at: null }] };
      }
      // Exactly the fields written: a length or head added or changed by hand beside the signed list is refused.
      if (Object.keys(f).sort().join() !== 'database,databases,file,head,length,mac,version') return 'tampered';
      if (f.version !== 2 || typeof f.file !== 'string' || !Array.isArray(f.databases)) return 'tampered';
      if (f.databases.length === 0 || f.databases.length > MAX_ANCHORED_DATABASES) return 'tampered';
      const databases = f.databases.map(anchorOf);
      if (databases.some((d) => d === null)) return 'tampered';
      const book = databases as Anchor[];
      const current = book[0]!;
      if (f.database !== current.database || f.length !== current.length || f.head !== current.head) return 'tampered';
      return verified(f.mac, macOf(f.file, book)) ? { databases: book } : 'tampered';
    } catch {
      return 'tampered';
    }
  };
  return {
    read() {
      const book = readAll();
      return book === 'tampered' ? book : (book?.databases[0] ?? null);
    },
    readAll,
    write(a) {
      const before = readAll();
      // An anchor written before databases had an identity vouched for this one (it was checked as such): replaced.
      const others =
        before && before !== 'tampered' ? before.databases.filter((d) => d.database !== null && d.database !== a.database) : [];
      const databases = [anchorOf(a)!, ...others].slice(0, MAX_ANCHORED_DATABASES);
      const file = basename(dbPath);
      // The current database's length and head also at the top, for people reading the file; the HMAC covers the list.
      const f = {
        version: 2,
        file,
        database: a.database,
        length: a.length,
        head: a.head,
        databases,
        mac: macOf(file, databases),
      };
      const tmp = `${anchorPath}.tmp`;
      writeFileSync(tmp, `${JSON.stringify(f, null, 2)}\n`);
      renameSync(tmp, anchorPath);
    },
  };
}

function eventCount(n: number): string {
  return n === 1 ? '1 event' : `${n} events`;
}

/** A database's short name as people read it: the first 8 hex digits of its identity. */
function shortId(id: string | null): string {
  return id ? id.slice(0, 8) : '-';
}

/**
 * Re-walks the chain and checks it against the anchor. Does not move the anchor; see {@link advanceAnchor}.
 */
export function checkAudit(sqlite: Database.Database, anchors: AnchorStore | null): AuditStatus {
  const book = anchors?.readAll() ?? null;
  const database = readIdentity(sqlite);
  const first = firstAuditHash(sqlite);
  // This database's own anchor, when the place has held it; else the one of the database last opened here.
  const anchor = book && book !== 'tampered' ? (book.databases.find((d) => vouchesFor(d, database, first)) ?? null) : null;
  const expected = book && book !== 'tampered' && !anchor ? book.databases[0]! : null;
  const anchoredAt = anchor ? [anchor.length] : [];
  const walk = walkAuditChain(sqlite, anchoredAt);
  const base = {
    length: walk.length,
    head: walk.head,
    database,
    anchor,
    expected,
    checkedAt: new Date().toISOString(),
  };
  if (walk.broken) {
    const b = walk.broken;
    const problem: AuditProblem =
      b.reason === 'edited'
        ? {
            code: 'edited',
            eventId: b.id,
            position: b.position,
            en: `audit event ${b.id} (${b.kind}, ${b.at}) was changed after it was recorded`,
            th: `รายการบันทึกการตรวจสอบที่ ${b.id} (${b.kind}, ${b.at}) ถูกแก้ไขหลังจากบันทึกแล้ว`,
          }
        : {
            code: 'unlinked',
            eventId: b.id,
            position: b.position,
            en: `audit event ${b.id} (${b.kind}, ${b.at}) does not follow the event before it: events were removed, inserted or re-chained`,
            th: `รายการบันทึกการตรวจสอบที่ ${b.id} (${b.kind}, ${b.at}) ไม่ต่อเนื่องกับรายการก่อนหน้า: มีการลบ แทรก หรือสร้างสายบันทึกใหม่`,
          };
    return { ...base, ok: false, problem };
  }
  if (book === 'tampered') {
    return {
      ...base,
      ok: false,
      problem: {
        code: 'anchor_tampered',
        eventId: null,
        position: null,
        en: 'the audit anchor kept outside the database does not verify (edited or replaced)',
        th: 'หลักฐานยืนยันบันทึกการตรวจสอบที่เก็บนอกฐานข้อมูลตรวจสอบไม่ผ่าน (ถูกแก้ไขหรือแทนที่)',
      },
    };
  }
  if (expected) {
    const firstAt = first
      ? (sqlite.prepare('SELECT at FROM audit_event ORDER BY id LIMIT 1').pluck().get() as string | undefined)
      : undefined;
    const when = (iso: string | null | undefined, lang: 'th' | 'en'): string | null =>
      iso && !Number.isNaN(Date.parse(iso)) ? formatThaiDateTime(new Date(iso), lang) : null;
    const was = { en: when(expected.at, 'en'), th: when(expected.at, 'th') };
    const began = { en: when(firstAt, 'en'), th: when(firstAt, 'th') };
    return {
      ...base,
      ok: false,
      problem: {
        code: 'other_database',
        eventId: null,
        position: null,
        en:
          `this is not the database last opened in this place: the audit anchor here belongs to database ` +
          `${shortId(expected.database)} (${eventCount(expected.length)}${was.en ? `, last anchored ${was.en}` : ''}), ` +
          `this file holds database ${shortId(database)} (${eventCount(walk.length)}` +
          `${began.en ? `, the first recorded ${began.en}` : ''}). Its own audit trail is intact; if it was put here on ` +
          `purpose (copied from another computer or replaced), accept it as this place's database`,
        th:
          `ไฟล์นี้ไม่ใช่ฐานข้อมูลที่เปิดใช้ที่ตำแหน่งนี้ครั้งล่าสุด: หลักฐานยืนยันบันทึกการตรวจสอบที่นี่เป็นของฐานข้อมูลรหัส ` +
          `${shortId(expected.database)} (${expected.length} รายการ${was.th ? ` ยืนยันล่าสุด ${was.th}` : ''}) ` +
          `แต่ไฟล์นี้เป็นฐานข้อมูลรหัส ${shortId(database)} (${walk.length} รายการ` +
          `${began.th ? ` รายการแรกบันทึกเมื่อ ${began.th}` : ''}) บันทึกการตรวจสอบของฐานข้อมูลนี้เองไม่มีร่องรอยการแก้ไข ` +
          `หากตั้งใจนำมาใช้ที่นี่ (คัดลอกจากเครื่องอื่นหรือนำมาแทนที่) ให้ยืนยันใช้ฐานข้อมูลนี้ที่ตำแหน่งนี้`,
      },
    };
  }
  if (anchor) {
    if (walk.length < anchor.length) {
      return {
        ...base,
        ok: false,
        problem: {
          code: 'truncated',
          eventId: null,
          position: walk.length + 1,
          en: `the audit trail had ${anchor.length} events and now has ${walk.length}: events from position ${walk.length + 1} on were removed`,
          th: `บันทึกการตรวจสอบเคยมี ${anchor.length} รายการ ขณะนี้เหลือ ${walk.length} รายการ: รายการตั้งแต่ลำดับที่ ${walk.length + 1} ถูกลบ`,
        },
      };
    }
    const atAnchor = walk.hashesAt.get(anchor.length) ?? (anchor.length === 0 ? anchor.head : undefined);
    if (atAnchor !== anchor.head) {
      return {
        ...base,
        ok: false,
        problem: {
          code: 'rewritten',
          eventId: null,
          position: anchor.length,
          en: `the audit trail was rewritten: its event at position ${anchor.length} is not the one recorded when the app last saw it`,
          th: `บันทึกการตรวจสอบถูกเขียนใหม่: รายการลำดับที่ ${anchor.length} ไม่ใช่รายการเดิมที่โปรแกรมบันทึกไว้ครั้งล่าสุด`,
        },
      };
    }
  }
  return { ...base, ok: true, problem: null };
}

/**
 * Moves the anchor to the chain's current head (only ever called while the chain is known to be intact, or when the
 * owner accepts another database in this place), recording which database it vouches for. Given the anchor last
 * written, a chain whose newest event is still that head is left alone: no count of the events and no file written
 * (the host calls this after every change it broadcasts, progress of a long sync included, and a file written while a
 * million-row batch fills the disk can hold the host's thread for a long time).
 */
export function advanceAnchor(sqlite: Database.Database, anchors: Pick<AnchorStore, 'write'>, last?: Anchor): Anchor {
  if (last && lastAuditHash(sqlite) === last.head) return last;
  const anchor: Anchor = {
    ...auditHead(sqlite),
    database: readIdentity(sqlite),
    first: firstAuditHash(sqlite),
    at: new Date().toISOString(),
  };
  anchors.write(anchor);
  return anchor;
}
