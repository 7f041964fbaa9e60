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
 *
 * An anchor whose key file is missing or holds no key (a database copied with its anchor but not its key, a key file
 * lost) cannot be verified: that is said as such (`anchor_unverifiable`, naming the key file), not as tampering, and no
 * new key is made while that anchor stands; the owner may accept a new key (an audited event), under which the anchor
 * is written again for this database.
 *
 * The anchor file records which key it was made under (a key id: a hash of the key, never the key), covered by its
 * HMAC. An anchor made under another key than the one in the key file (the database and its anchor copied from
 * another laptop over this one's files, the key file left behind) cannot be verified here either: said as such
 * (`other_key`), with the same ways out (put the right key file back, or accept a new key). An anchor whose key id is
 * the key file's and that does not verify under it is tampering, and so is one written before the key id was kept
 * (rewritten with it at the next write) that does not verify. Editing the key id by hand makes the anchor
 * unverifiable, which deleting the key file does as well: it gains nothing the orange warning does not already show.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import type Database from 'better-sqlite3';
import { formatThaiDateTime } from '../../../shared/domain/thai-date';
import { auditHead, lastAuditHash, walkAuditChain } from './audit-log';
import { readSmallFile } from '../read-small-file';

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

/**
 * Why an anchor's key cannot be used: no key file, an empty one, one that holds no key, one that cannot be read, or
 * one that holds another key than the one the anchor was made under.
 */
export type KeyProblem = 'missing' | 'empty' | 'malformed' | 'unreadable' | 'other_key';

/** An anchor file whose key cannot be used: what it records, unverified, and why it cannot be checked. */
export type UnverifiedAnchors = Readonly<{
  unverifiable: KeyProblem;
  /** The key file's name (beside the database file). */
  keyFile: string;
  /** The id of the key the anchor file says it was made under (null for an anchor written before ids were kept). */
  anchorKeyId: string | null;
  /** The id of the key the key file holds (null when it holds none that can be read). */
  foundKeyId: string | null;
  databases: readonly Anchor[];
}>;

/** What a place's anchor file holds: verified anchors, anchors that cannot be verified, one that does not verify, none. */
export type AnchorRead = AnchorBook | UnverifiedAnchors | 'tampered' | null;

function isUnverified(read: AnchorRead): read is UnverifiedAnchors {
  return read !== null && read !== 'tampered' && 'unverifiable' in read;
}

const HEX64 = /^[0-9a-f]{64}$/u;
const ID = /^[0-9a-f]{32}$/u;

/** The anchor file remembers at most this many databases (a bounded file read at every start). */
export const MAX_ANCHORED_DATABASES = 16;
/** Past these sizes the files are not read: the app writes an anchor of a few kB and a key of 64 hex digits. */
export const MAX_ANCHOR_FILE_BYTES = 256 * 1024;
export const MAX_KEY_FILE_BYTES = 1024;
const KEY = /^[0-9a-fA-F]{64}$/u;
const KEY_ID = /^[0-9a-f]{16}$/u;

/**
 * Which key an anchor was made under, as the anchor file records it: the first 16 hex digits of a SHA-256 over a
 * fixed label and the key. It names the key without giving it away.
 *
 * ### Examples
 * `keyIdOf(Buffer.alloc(32))` is 16 hexadecimal digits, the same for the same key at every start.
 */
export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update('chipao-audit-key-id\n').update(key).digest('hex').slice(0, 16);
}

export type AuditProblem = Readonly<{
  code: 'edited' | 'unlinked' | 'truncated' | 'rewritten' | 'anchor_tampered' | 'anchor_unverifiable' | 'other_database';
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
  /** With `anchor_unverifiable`: why the key cannot be used and what the anchor file records, unverified. */
  unverified: Readonly<{
    key: KeyProblem;
    keyFile: string;
    /** The id of the key the anchor was made under, as the anchor file says (null for one written before ids). */
    anchorKeyId: string | null;
    /** The id of the key found in the key file (null when it holds none that can be read). */
    foundKeyId: string | null;
    /** This database's anchor as the file records it (null when it records none for it). */
    anchor: Anchor | null;
    /** Whether the chain holds the event that anchor names at its length (null without one). */
    agrees: boolean | null;
    /** How many databases' anchors the file records. */
    databases: number;
  }> | null;
  problem: AuditProblem | null;
  checkedAt: string;
}>;

export type AnchorStore = Readonly<{
  /** The anchor of the database last opened in this place. */
  read(): Anchor | 'tampered' | 'unverifiable' | null;
  /** Every database's anchor this place keeps, the last opened first. */
  readAll(): AnchorRead;
  /**
   * Records `anchor` as the place's current database, keeping the anchors of the others it has held. Refused (throws)
   * while an anchor file stands whose key is missing, unusable or another than it was made under: a new key is made
   * only by {@link AnchorStore.rekey}.
   */
  write(anchor: Anchor): void;
  /**
   * Makes a new key and writes the anchor under it naming `anchor`'s database only: the anchors the file held could
   * not be verified, and are not carried over under the new key. Only when the owner accepts it (`anchor_unverifiable`).
   */
  rekey(anchor: Anchor): void;
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

function isMissing(e: unknown): boolean {
  return (e as NodeJS.ErrnoException | null)?.code === 'ENOENT';
}

/** Written through a temporary file and renamed, so that a reader never sees half of it. */
function writeWhole(path: string, text: string, mode?: number): void {
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, text, mode === undefined ? {} : { mode });
  renameSync(tmp, path);
}

/**
 * What an anchor file says, checked without its key: the anchors, the id of the key it was made under (null in a file
 * written before this was kept), the text its HMAC covers and the HMAC.
 */
type AnchorFile = Readonly<{ databases: readonly Anchor[]; keyId: string | null; signed: string; mac: string }>;

const signedV2 = (file: string, databases: readonly Anchor[]): string =>
  `chipao-anchor-2\n${JSON.stringify(file)}\n${JSON.stringify(databases)}`;
const signedV3 = (file: string, keyId: string, databases: readonly Anchor[]): string =>
  `chipao-anchor-3\n${JSON.stringify(file)}\n${keyId}\n${JSON.stringify(databases)}`;

/** Reads an anchor file's text: null when it is not one the app wrote (its HMAC is checked by the caller). */
function anchorFileOf(text: string, dbPath: string): AnchorFile | null {
  const f = JSON.parse(text) as Record<string, unknown>;
  if (!f || typeof f !== 'object' || typeof f.mac !== 'string') return null;
  if (f.version === undefined) {
    // Written before the anchor named its database: the HMAC covers the file's name it was written for, its
    // length and head (a file renamed with its anchor still verifies; checked as the same database, as then).
    const anchor = anchorOf({ length: f.length, head: f.head, database: null, first: null, at: null });
    if (!anchor) return null;
    const file = typeof f.file === 'string' ? f.file : basename(dbPath);
    return { databases: [anchor], keyId: null, signed: `${file}\n${anchor.length}\n${anchor.head}`, mac: f.mac };
  }
  // Exactly the fields written (version 3 adds the key id): a length or head added or changed by hand beside the
  // signed list is refused.
  const fields = `database,databases,file,head,${f.version === 3 ? 'keyId,' : ''}length,mac,version`;
  if (Object.keys(f).sort().join() !== fields) return null;
  if ((f.version !== 2 && f.version !== 3) || typeof f.file !== 'string' || !Array.isArray(f.databases)) return null;
  const keyId = f.version === 3 ? f.keyId : null;
  if (keyId !== null && (typeof keyId !== 'string' || !KEY_ID.test(keyId))) return null;
  if (f.databases.length === 0 || f.databases.length > MAX_ANCHORED_DATABASES) return null;
  const databases = f.databases.map(anchorOf);
  if (databases.some((d) => d === null)) return null;
  const book = databases as Anchor[];
  const current = book[0]!;
  if (f.database !== current.database || f.length !== current.length || f.head !== current.head) return null;
  return {
    databases: book,
    keyId,
    signed: keyId === null ? signedV2(f.file, book) : signedV3(f.file, keyId, book),
    mac: f.mac,
  };
}

/** Anchor and key files beside the database: `<db>.audit-anchor.json` and `<db>.audit-key`. */
export function fileAnchorStore(dbPath: string): AnchorStore {
  const anchorPath = `${dbPath}.audit-anchor.json`;
  const keyPath = `${dbPath}.audit-key`;
  // A key read (or made) once per store is kept; a key that cannot be used is read again at the next check, so a key
  // file put back while the app runs is found by "check again".
  let cachedKey: Buffer | null = null;
  const readKey = (): Buffer | KeyProblem => {
    if (cachedKey) return cachedKey;
    let bytes: Buffer | 'too_large';
    try {
      bytes = readSmallFile(keyPath, MAX_KEY_FILE_BYTES);
    } catch (e) {
      return isMissing(e) ? 'missing' : 'unreadable';
    }
    if (bytes === 'too_large') return 'malformed';
    const text = bytes.toString('utf8').trim();
    if (text === '') return 'empty';
    if (!KEY.test(text)) return 'malformed';
    cachedKey = Buffer.from(text, 'hex');
    return cachedKey;
  };
  const makeKey = (): Buffer => {
    const key = randomBytes(32);
    writeWhole(keyPath, key.toString('hex'), 0o600);
    cachedKey = key;
    return key;
  };
  const macOf = (key: Buffer, signed: string): string => createHmac('sha256', key).update(signed).digest('hex');
  const verified = (mac: string, expected: string): boolean => {
    const a = Buffer.from(expected);
    const b = Buffer.from(mac);
    return a.length === b.length && timingSafeEqual(a, b);
  };
  const readFile = (): AnchorFile | 'tampered' | null => {
    try {
      const bytes = readSmallFile(anchorPath, MAX_ANCHOR_FILE_BYTES);
      if (bytes === 'too_large') return 'tampered';
      return anchorFileOf(bytes.toString('utf8'), dbPath) ?? 'tampered';
    } catch (e) {
      return isMissing(e) ? null : 'tampered';
    }
  };
  const readAll = (): AnchorRead => {
    const file = readFile();
    if (file === null || file === 'tampered') return file;
    const key = readKey();
    const keyFile = basename(keyPath);
    if (typeof key === 'string') {
      return { unverifiable: key, keyFile, anchorKeyId: file.keyId, foundKeyId: null, databases: file.databases };
    }
    const foundKeyId = keyIdOf(key);
    if (file.keyId !== null && file.keyId !== foundKeyId) {
      // Made under another key: not a key to keep for this place's anchor, so the file is read again at the next
      // check (the right key file put back is found by "check again").
      cachedKey = null;
      return { unverifiable: 'other_key', keyFile, anchorKeyId: file.keyId, foundKeyId, databases: file.databases };
    }
    // An anchor written before the key id was kept is checked under the key there, as then.
    return verified(file.mac, macOf(key, file.signed)) ? { databases: file.databases } : 'tampered';
  };
  const writeBook = (key: Buffer, databases: readonly Anchor[]): void => {
    const file = basename(dbPath);
    const current = databases[0]!;
    const keyId = keyIdOf(key);
    // The current database's length and head also at the top, for people reading the file; the HMAC covers the list
    // and the key id.
    const f = {
      version: 3,
      file,
      keyId,
      database: current.database,
      length: current.length,
      head: current.head,
      databases,
      mac: macOf(key, signedV3(file, keyId, databases)),
    };
    writeWhole(anchorPath, `${JSON.stringify(f, null, 2)}\n`);
  };
  return {
    read() {
      const book = readAll();
      if (book === null || book === 'tampered') return book;
      return isUnverified(book) ? 'unverifiable' : (book.databases[0] ?? null);
    },
    readAll,
    write(a) {
      const before = readAll();
      if (isUnverified(before) && before.unverifiable === 'other_key') {
        throw new Error(
          `the audit anchor ${anchorPath} was made under another key than the one in ${keyPath}: not written under it`,
        );
      }
      let key = readKey();
      if (typeof key === 'string') {
        // A new key only for a place without an anchor: one made under the lost key is not signed over unseen.
        if (existsSync(anchorPath)) {
          throw new Error(
            `the audit anchor ${anchorPath} cannot be verified (its key file ${keyPath} is ${key}): not written under a new key`,
          );
        }
        key = makeKey();
      }
      // An anchor written before databases had an identity vouched for this one (it was checked as such): replaced.
      const others =
        before && before !== 'tampered' ? before.databases.filter((d) => d.database !== null && d.database !== a.database) : [];
      writeBook(key, [anchorOf(a)!, ...others].slice(0, MAX_ANCHORED_DATABASES));
    },
    rekey(a) {
      writeBook(makeKey(), [anchorOf(a)!]);
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

/** The anchor cannot be verified: which key file, why, what the chain and the unverified anchor say, what to do. */
function unverifiableProblem(u: NonNullable<AuditStatus['unverified']>, length: number): AuditProblem {
  const f = u.keyFile;
  const key = {
    missing: {
      en: `its key file ${f} is missing (it belongs beside the database file)`,
      th: `ไม่พบไฟล์กุญแจ ${f} (ต้องอยู่ในโฟลเดอร์เดียวกับไฟล์ฐานข้อมูล)`,
    },
    empty: { en: `its key file ${f} is empty`, th: `ไฟล์กุญแจ ${f} ว่างเปล่า` },
    malformed: {
      en: `its key file ${f} does not hold a key (64 hexadecimal digits)`,
      th: `ไฟล์กุญแจ ${f} ไม่ได้เก็บกุญแจที่ถูกต้อง (เลขฐานสิบหก 64 หลัก)`,
    },
    unreadable: { en: `its key file ${f} cannot be read`, th: `อ่านไฟล์กุญแจ ${f} ไม่ได้` },
    other_key: {
      en: `it was made under another key than the one in its key file ${f} (the anchor file was copied or replaced without the key file it was made with)`,
      th: `หลักฐานยืนยันนี้สร้างด้วยกุญแจอื่น ไม่ใช่กุญแจในไฟล์กุญแจ ${f} (คัดลอกหรือแทนที่ไฟล์หลักฐานยืนยันมาโดยไม่มีไฟล์กุญแจที่ใช้สร้าง)`,
    },
  }[u.key];
  const todo =
    u.key === 'other_key'
      ? {
          en:
            `Put the key file it was made under (from the computer the anchor file came from) beside the database in ` +
            `place of this one and check again; if that key is lost (or the anchor file was copied here without it), ` +
            `accept a new key: it replaces the key file here, the anchor is written again for this database under it ` +
            `and the change is recorded in the audit trail`,
          th:
            `ให้นำไฟล์กุญแจที่ใช้สร้างหลักฐานยืนยันนี้ (จากเครื่องที่คัดลอกหลักฐานยืนยันมา) มาไว้ข้างไฟล์ฐานข้อมูลแทนไฟล์เดิมแล้วตรวจสอบอีกครั้ง ` +
            `หากกุญแจนั้นสูญหาย (หรือคัดลอกหลักฐานยืนยันมาโดยไม่มีไฟล์กุญแจ) ให้ยืนยันใช้กุญแจใหม่ ซึ่งจะแทนที่ไฟล์กุญแจที่นี่ ` +
            `โปรแกรมจะเขียนหลักฐานยืนยันของฐานข้อมูลนี้ใหม่ด้วยกุญแจนั้นและบันทึกการเปลี่ยนแปลงไว้ในบันทึกการตรวจสอบ`,
        }
      : {
          en:
            `Put the key file back beside the database and check again; if it is lost (or the database was copied here ` +
            `without it), accept a new key: the anchor is written again for this database under it and the change is ` +
            `recorded in the audit trail`,
          th:
            `ให้นำไฟล์กุญแจกลับมาไว้ข้างไฟล์ฐานข้อมูลแล้วตรวจสอบอีกครั้ง หากไฟล์กุญแจสูญหาย (หรือคัดลอกฐานข้อมูลมาโดยไม่มีไฟล์กุญแจ) ` +
            `ให้ยืนยันใช้กุญแจใหม่ โปรแกรมจะเขียนหลักฐานยืนยันของฐานข้อมูลนี้ใหม่ด้วยกุญแจนั้นและบันทึกการเปลี่ยนแปลงไว้ในบันทึกการตรวจสอบ`,
        };
  const a = u.anchor;
  const claim = !a
    ? { en: 'the anchor file records no anchor of this database', th: 'หลักฐานยืนยันไม่มีข้อมูลของฐานข้อมูลนี้' }
    : a.length === 0
      ? {
          en: 'the anchor file, unverified without its key, records no events yet for this database',
          th: 'หลักฐานยืนยัน (ซึ่งตรวจสอบไม่ได้เมื่อไม่มีกุญแจ) ระบุว่าฐานข้อมูลนี้ยังไม่มีรายการ',
        }
      : u.agrees
        ? {
            en: `the anchor file, unverified without its key, records ${eventCount(a.length)} for this database and the trail holds the event it names`,
            th: `หลักฐานยืนยัน (ซึ่งตรวจสอบไม่ได้เมื่อไม่มีกุญแจ) ระบุว่าฐานข้อมูลนี้มี ${a.length} รายการ และบันทึกปัจจุบันมีรายการลำดับนั้นตรงกัน`,
          }
        : {
            en: `the anchor file, unverified without its key, records ${eventCount(a.length)} for this database, and the trail does not hold the event it names at position ${a.length}`,
            th: `หลักฐานยืนยัน (ซึ่งตรวจสอบไม่ได้เมื่อไม่มีกุญแจ) ระบุว่าฐานข้อมูลนี้มี ${a.length} รายการ แต่บันทึกปัจจุบันไม่มีรายการลำดับที่ ${a.length} ตามที่ระบุไว้`,
          };
  return {
    code: 'anchor_unverifiable',
    eventId: null,
    position: null,
    en:
      `the audit anchor kept outside the database cannot be verified: ${key.en}. The database's own audit trail is ` +
      `intact (${eventCount(length)}); ${claim.en}. ${todo.en}`,
    th:
      `ตรวจสอบหลักฐานยืนยันบันทึกการตรวจสอบที่เก็บนอกฐานข้อมูลไม่ได้: ${key.th} ` +
      `บันทึกการตรวจสอบของฐานข้อมูลนี้เองไม่มีร่องรอยการแก้ไข (${length} รายการ) ${claim.th} ${todo.th}`,
  };
}

/**
 * Re-walks the chain and checks it against the anchor. Does not move the anchor; see {@link advanceAnchor}.
 */
export function checkAudit(sqlite: Database.Database, anchors: AnchorStore | null): AuditStatus {
  const read = anchors?.readAll() ?? null;
  const unverifiable = isUnverified(read) ? read : null;
  const book = read !== null && read !== 'tampered' && !isUnverified(read) ? read : null;
  const database = readIdentity(sqlite);
  const first = firstAuditHash(sqlite);
  // This database's own anchor, when the place has held it; else the one of the database last opened here.
  const anchor = book ? (book.databases.find((d) => vouchesFor(d, database, first)) ?? null) : null;
  const expected = book && !anchor ? book.databases[0]! : null;
  // An anchor that cannot be verified is not checked against, but what it records is said (and recorded if accepted).
  const claimed = unverifiable ? (unverifiable.databases.find((d) => vouchesFor(d, database, first)) ?? null) : null;
  const anchoredAt = [...(anchor ? [anchor.length] : []), ...(claimed ? [claimed.length] : [])];
  const walk = walkAuditChain(sqlite, anchoredAt);
  const holds = (a: Anchor): boolean =>
    a.length <= walk.length && (walk.hashesAt.get(a.length) ?? (a.length === 0 ? a.head : undefined)) === a.head;
  const base = {
    length: walk.length,
    head: walk.head,
    database,
    anchor,
    expected,
    unverified: unverifiable
      ? {
          key: unverifiable.unverifiable,
          keyFile: unverifiable.keyFile,
          anchorKeyId: unverifiable.anchorKeyId,
          foundKeyId: unverifiable.foundKeyId,
          anchor: claimed,
          agrees: claimed ? holds(claimed) : null,
          databases: unverifiable.databases.length,
        }
      : null,
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
  if (read === 'tampered') {
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
  if (base.unverified) {
    return { ...base, ok: false, problem: unverifiableProblem(base.unverified, walk.length) };
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
    if (!holds(anchor)) {
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
  const anchor = currentAnchor(sqlite);
  anchors.write(anchor);
  return anchor;
}

/**
 * Makes a new key and writes the anchor for this database's chain under it (only when the owner accepts that the
 * anchor could not be verified, `anchor_unverifiable`).
 */
export function rekeyAnchor(sqlite: Database.Database, anchors: Pick<AnchorStore, 'rekey'>): Anchor {
  const anchor = currentAnchor(sqlite);
  anchors.rekey(anchor);
  return anchor;
}

function currentAnchor(sqlite: Database.Database): Anchor {
  return { ...auditHead(sqlite), database: readIdentity(sqlite), first: firstAuditHash(sqlite), at: new Date().toISOString() };
}
