/**
 * The anchor vouches for a database, not for a file's name and place: a database copied over another (a round prepared
 * on one laptop, copied over the projector laptop's `chipao.sqlite`) is said as another database, with the one expected
 * and the one found, and can be accepted (an audited event); a file renamed with its anchor files, a copy without them
 * and a restored backup verify; two databases opened in turn under one name are each checked against their own
 * anchor; and a chain truncated or rewritten in the same database is caught as before, its identity changed or not.
 */
import { spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppInfo, AuditPage, AuditStatusView, BackupInfo } from '../../../shared/api/types';
import type { Caller } from '../context';
import { createCore, type Core } from '../core';

const owner: Caller = { role: 'owner', actor: 'test', transport: 'direct' };
const root = fileURLToPath(new URL('../../..', import.meta.url));

let dir: string;
let core: Core | null = null;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'chipao-anchor-place-'));
});

afterEach(async () => {
  await core?.close();
  core = null;
  rmSync(dir, { recursive: true, force: true });
});

async function call<T>(method: string, args: unknown): Promise<T> {
  const r = await core!.call(method, args, owner);
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message} | ${r.error.messageTh}`);
  return r.value as T;
}

async function open(dbPath: string): Promise<AuditStatusView> {
  await core?.close();
  core = await createCore({ dbPath, sample: { needs: 200, projects: 8 } });
  return (await call<AppInfo>('app.info', {})).audit;
}

async function shut(): Promise<void> {
  await core?.close();
  core = null;
}

/** A database with a few events of its own, closed (its WAL folded into the file, as when the app quits). */
async function makeDatabase(dbPath: string, ceilings: readonly number[]): Promise<string> {
  mkdirSync(join(dbPath, '..'), { recursive: true });
  const status = await open(dbPath);
  for (const ceiling of ceilings) await call('rounds.setCeiling', { roundId: 1, ceiling });
  await shut();
  expect(status.database).toMatch(/^[0-9a-f]{32}$/u);
  return status.database!;
}

function identityOf(dbPath: string): string {
  const db = new Database(dbPath, { readonly: true });
  try {
    return db.prepare('SELECT id FROM database_identity').pluck().get() as string;
  } finally {
    db.close();
  }
}

/** Tampering as someone with the file would: triggers dropped, then raw SQL. */
async function tamper(dbPath: string, sql: string): Promise<void> {
  const c = await createCore({ dbPath, auditAnchor: false });
  c.store.sqlite.exec('DROP TRIGGER IF EXISTS audit_event_no_update; DROP TRIGGER IF EXISTS audit_event_no_delete;');
  c.store.sqlite.exec(sql);
  await c.close();
}

describe("the anchor follows the database, not the file's name", () => {
  it('a database copied over the one anchored in a place is said as another database, accepted, then verifies', async () => {
    const prepared = join(dir, 'secretariat', 'prov.sqlite');
    const projector = join(dir, 'projector', 'chipao.sqlite');
    const preparedId = await makeDatabase(prepared, [100_000_000_00, 120_000_000_00]);
    const projectorId = await makeDatabase(projector, [90_000_000_00]);
    expect(preparedId).not.toBe(projectorId);

    // The secretariat's file replaces the projector's chipao.sqlite; the projector's anchor files stay.
    copyFileSync(prepared, projector);
    const found = await open(projector);
    expect(found.ok).toBe(false);
    expect(found.problem?.code).toBe('other_database');
    expect(found.database).toBe(preparedId);
    expect(found.expectedDatabase).toBe(projectorId);
    // Both databases named, in Thai and in English.
    for (const text of [found.problem!.th, found.problem!.en]) {
      expect(text).toContain(preparedId.slice(0, 8));
      expect(text).toContain(projectorId.slice(0, 8));
    }
    expect(found.problem!.th).toContain('ไม่ใช่ฐานข้อมูลที่เปิดใช้ที่ตำแหน่งนี้');
    expect(found.problem!.en).toContain('not the database last opened in this place');

    // Accepting another id than the one found is refused and changes nothing.
    const wrong = await core!.call('audit.acceptDatabase', { database: projectorId }, owner);
    expect(wrong).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    if (!wrong.ok) expect(wrong.error.messageTh).toContain(preparedId);
    expect((await call<AuditStatusView>('audit.verify', {})).problem?.code).toBe('other_database');

    const accepted = await call<AuditStatusView>('audit.acceptDatabase', { database: preparedId });
    expect(accepted).toMatchObject({ ok: true, problem: null, database: preparedId, expectedDatabase: null });
    const last = (await call<AuditPage>('audit.list', { offset: 0, limit: 1 })).rows[0]!;
    expect(last.kind).toBe('audit.database_accepted');
    expect(JSON.parse(last.payload)).toMatchObject({ database: preparedId, replaced: { database: projectorId } });
    expect(accepted.length).toBe(found.length + 1);
    // Once accepted, nothing is left to accept.
    expect(await core!.call('audit.acceptDatabase', { database: preparedId }, owner)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_STATE' },
    });

    // The next start verifies, and the anchor moves on with new events.
    expect(await open(projector)).toMatchObject({ ok: true, problem: null, anchorLength: accepted.length });
    await call('rounds.setCeiling', { roundId: 1, ceiling: 80_000_000_00 });
    await shut();
    expect(await open(projector)).toMatchObject({ ok: true, anchorLength: accepted.length + 1 });
  });

  it('a truncated chain in the anchored database is still caught, also with its identity changed', async () => {
    const dbPath = join(dir, 'chipao.sqlite');
    await makeDatabase(dbPath, [100_000_000_00, 120_000_000_00, 90_000_000_00]);
    // Events removed and the database given a new identity, so as to pass for another database.
    await tamper(
      dbPath,
      `DELETE FROM audit_event WHERE id = (SELECT MAX(id) FROM audit_event);
       DROP TRIGGER database_identity_no_update;
       UPDATE database_identity SET id = '${'ab'.repeat(16)}'`,
    );
    const status = await open(dbPath);
    expect(status.problem?.code).toBe('truncated');
    expect(status.ok).toBe(false);
    // Nothing to accept: truncation is not another database.
    expect(await core!.call('audit.acceptDatabase', { database: 'ab'.repeat(16) }, owner)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_STATE' },
    });
  });

  it('an identity that is not one (written past its CHECK) is read as none: the anchor still verifies, truncation caught', async () => {
    const dbPath = join(dir, 'chipao.sqlite');
    await makeDatabase(dbPath, [100_000_000_00, 120_000_000_00]);
    await tamper(
      dbPath,
      `DROP TRIGGER database_identity_no_update;
       PRAGMA ignore_check_constraints = ON;
       UPDATE database_identity SET id = 'not an id';`,
    );
    expect(await open(dbPath)).toMatchObject({ ok: true, database: null, problem: null });
    await call('rounds.setCeiling', { roundId: 1, ceiling: 80_000_000_00 });
    await shut();
    // The anchor written meanwhile is one the next start can read.
    expect(await open(dbPath)).toMatchObject({ ok: true, problem: null });
    await shut();
    await tamper(dbPath, 'DELETE FROM audit_event WHERE id = (SELECT MAX(id) FROM audit_event)');
    expect((await open(dbPath)).problem?.code).toBe('truncated');
  });

  it('a renamed file with its anchor files renamed too verifies; a copy without them starts its own anchor', async () => {
    const dbPath = join(dir, 'chipao.sqlite');
    const id = await makeDatabase(dbPath, [100_000_000_00, 120_000_000_00]);
    const renamed = join(dir, 'saraburi-2571.sqlite');
    for (const suffix of ['', '.audit-anchor.json', '.audit-key']) renameSync(`${dbPath}${suffix}`, `${renamed}${suffix}`);
    const status = await open(renamed);
    expect(status).toMatchObject({ ok: true, problem: null, database: id });
    expect(status.anchorLength).toBe(status.length);
    await shut();

    const copy = join(dir, 'usb', 'chipao.sqlite');
    mkdirSync(join(dir, 'usb'));
    copyFileSync(renamed, copy);
    expect(await open(copy)).toMatchObject({ ok: true, problem: null, anchorLength: null, database: id });
    await shut();
    expect(existsSync(`${copy}.audit-anchor.json`)).toBe(true);
    expect(await open(copy)).toMatchObject({ ok: true, anchorLength: status.length });
  });

  it('two databases opened in turn under one name are each checked against their own anchor', async () => {
    const a = join(dir, 'a.sqlite');
    const b = join(dir, 'b.sqlite');
    const place = join(dir, 'place', 'chipao.sqlite');
    await makeDatabase(a, [100_000_000_00]);
    const idB = await makeDatabase(b, [110_000_000_00, 120_000_000_00]);
    await makeDatabase(place, [130_000_000_00]);
    const own = join(dir, 'own.sqlite');
    copyFileSync(place, own);

    copyFileSync(b, place);
    await open(place);
    await call('audit.acceptDatabase', { database: idB });
    await call('rounds.setCeiling', { roundId: 1, ceiling: 95_000_000_00 });
    await shut();
    const bLater = join(dir, 'b-later.sqlite');
    copyFileSync(place, bLater);

    // The place's own database comes back: checked against its own anchor, intact.
    copyFileSync(own, place);
    expect(await open(place)).toMatchObject({ ok: true, problem: null });
    await shut();
    // B comes back as it was: intact too, no acceptance asked.
    copyFileSync(bLater, place);
    expect(await open(place)).toMatchObject({ ok: true, problem: null, database: idB });
    await shut();
    // B comes back with its last event removed: caught against B's own anchor.
    copyFileSync(bLater, place);
    await tamper(place, 'DELETE FROM audit_event WHERE id = (SELECT MAX(id) FROM audit_event)');
    expect((await open(place)).problem?.code).toBe('truncated');
  });

  it("a restored backup keeps the database's identity and its trail verifies", async () => {
    const dbPath = join(dir, 'chipao.sqlite');
    const id = await makeDatabase(dbPath, [100_000_000_00]);
    await open(dbPath);
    const { backupNow } = await import('../import/backups');
    await backupNow(core!.store, dbPath, 'manual');
    await call('rounds.setCeiling', { roundId: 1, ceiling: 70_000_000_00 });
    const [backup] = await call<BackupInfo[]>('needs.backups', {});
    await call('needs.restoreBackup', { name: backup!.name });
    expect(await call<AuditStatusView>('audit.verify', {})).toMatchObject({ ok: true, database: id });
    await shut();
    expect(identityOf(dbPath)).toBe(id);
    expect(await open(dbPath)).toMatchObject({ ok: true, problem: null, database: id });
  });

  it('an anchor written before databases had an identity keeps working, and is rewritten naming it', async () => {
    const dbPath = join(dir, 'chipao.sqlite');
    const id = await makeDatabase(dbPath, [100_000_000_00, 120_000_000_00]);
    // The anchor as it was written then: the file's name, the chain's length and head, an HMAC of the three.
    const head = (await open(dbPath)).head;
    const length = (await call<AuditStatusView>('audit.verify', {})).length;
    await shut();
    const key = Buffer.from(readFileSync(`${dbPath}.audit-key`, 'utf8').trim(), 'hex');
    const legacy = (n: number, h: string) => ({
      file: 'chipao.sqlite',
      length: n,
      head: h,
      mac: createHmac('sha256', key).update(`chipao.sqlite\n${n}\n${h}`).digest('hex'),
    });
    writeFileSync(`${dbPath}.audit-anchor.json`, JSON.stringify(legacy(length, head)));
    expect(await open(dbPath)).toMatchObject({ ok: true, problem: null, anchorLength: length });
    await shut();
    expect(JSON.parse(readFileSync(`${dbPath}.audit-anchor.json`, 'utf8'))).toMatchObject({ version: 3, database: id, length });

    // An old anchor still catches a chain truncated under it.
    writeFileSync(`${dbPath}.audit-anchor.json`, JSON.stringify(legacy(length + 1, head)));
    expect((await open(dbPath)).problem?.code).toBe('truncated');
  });

  it('audit-verify names another database in the anchored place and exits 1', async () => {
    const place = join(dir, 'chipao.sqlite');
    const other = join(dir, 'other.sqlite');
    await makeDatabase(place, [100_000_000_00]);
    await makeDatabase(other, [110_000_000_00]);
    copyFileSync(other, place);
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(root, 'electron/core/cli/main.ts'), 'audit-verify', '--db', place],
      { cwd: root, encoding: 'utf8' },
    );
    expect(r.status).toBe(1);
    expect((JSON.parse(r.stdout) as { problem: { code: string } }).problem.code).toBe('other_database');
    expect(r.stderr).toContain('ไม่ใช่ฐานข้อมูลที่เปิดใช้ที่ตำแหน่งนี้');
  });
});
