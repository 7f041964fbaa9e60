/**
 * The audit chain's anchor outside the database file: its length and head hash, with an HMAC under a key kept
 * beside it in the app's settings folder. A chain rewritten from some event on (hashes recomputed) or truncated
 * passes its own re-walk; it fails against the anchor, because the event at the anchored length is no longer the
 * anchored one, or no longer there. The anchor moves forward after every change the app makes.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import type Database from 'better-sqlite3';
import { auditHead, lastAuditHash, walkAuditChain } from './audit-log';

export type Anchor = Readonly<{ length: number; head: string }>;

export type AuditProblem = Readonly<{
  code: 'edited' | 'unlinked' | 'truncated' | 'rewritten' | 'anchor_tampered';
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
  /** The anchor checked against (null when none existed yet: a new store, or one opened here for the first time). */
  anchor: Anchor | null;
  problem: AuditProblem | null;
  checkedAt: string;
}>;

type AnchorFile = { file: string; length: number; head: string; mac: string };

export type AnchorStore = Readonly<{
  read(): Anchor | 'tampered' | null;
  write(anchor: Anchor): void;
}>;

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
  const mac = (a: Anchor): string =>
    createHmac('sha256', key())
      .update(`${basename(dbPath)}\n${a.length}\n${a.head}`)
      .digest('hex');
  return {
    read() {
      if (!existsSync(anchorPath)) return null;
      try {
        const f = JSON.parse(readFileSync(anchorPath, 'utf8')) as AnchorFile;
        if (typeof f.length !== 'number' || typeof f.head !== 'string' || typeof f.mac !== 'string') return 'tampered';
        const expected = Buffer.from(mac({ length: f.length, head: f.head }));
        const given = Buffer.from(f.mac);
        return expected.length === given.length && timingSafeEqual(expected, given)
          ? { length: f.length, head: f.head }
          : 'tampered';
      } catch {
        return 'tampered';
      }
    },
    write(a) {
      const f: AnchorFile = { file: basename(dbPath), length: a.length, head: a.head, mac: mac(a) };
      const tmp = `${anchorPath}.tmp`;
      writeFileSync(tmp, `${JSON.stringify(f, null, 2)}\n`);
      renameSync(tmp, anchorPath);
    },
  };
}

/**
 * Re-walks the chain and checks it against the anchor. Does not move the anchor; see {@link advanceAnchor}.
 */
export function checkAudit(sqlite: Database.Database, anchors: AnchorStore | null): AuditStatus {
  const anchor = anchors?.read() ?? null;
  const anchoredAt = anchor && anchor !== 'tampered' ? [anchor.length] : [];
  const walk = walkAuditChain(sqlite, anchoredAt);
  const base = {
    length: walk.length,
    head: walk.head,
    anchor: anchor === 'tampered' ? null : anchor,
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
  if (anchor === 'tampered') {
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
 * Moves the anchor to the chain's current head (only ever called while the chain is known to be intact). Given the
 * anchor last written, a chain whose newest event is still that head is left alone: no count of the events and no
 * file written (the host calls this after every change it broadcasts, progress of a long sync included, and a file
 * written while a million-row batch fills the disk can hold the host's thread for a long time).
 */
export function advanceAnchor(sqlite: Database.Database, anchors: AnchorStore, last?: Anchor): Anchor {
  if (last && lastAuditHash(sqlite) === last.head) return last;
  const head = auditHead(sqlite);
  anchors.write(head);
  return head;
}
