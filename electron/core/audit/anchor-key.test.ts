/**
 * The anchor's key file missing or holding no key (a database copied with its anchor but not its key, a key file lost
 * or emptied): the anchor cannot be verified, which is said as such (`anchor_unverifiable`, naming the key file), not as
 * tampering; no new key is made and the anchor is not rewritten until the owner accepts a new key (an audited event).
 * An anchor that does not verify under a key that is there is still tampering, with nothing to accept.
 */
import { spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppInfo, AuditPage, AuditStatusView } from '../../../shared/api/types';
import type { Caller } from '../context';
import { createCore, type Core } from '../core';
import { openStore } from '../db/database';
import { advanceAnchor, fileAnchorStore, keyIdOf, MAX_ANCHOR_FILE_BYTES, MAX_KEY_FILE_BYTES } from './anchor';

const owner: Caller = { role: 'owner', actor: 'test', transport: 'direct' };
const observer: Caller = { role: 'observer', actor: 'browser@127.0.0.1', transport: 'websocket', address: '127.0.0.1' };
const guest: Caller = { role: 'guest', actor: 'browser@10.0.0.7', transport: 'websocket', address: '10.0.0.7' };
const root = fileURLToPath(new URL('../../..', import.meta.url));

let dir: string;
let dbPath: string;
let keyPath: string;
let anchorPath: string;
let core: Core | null = null;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'chipao-anchor-key-'));
  dbPath = join(dir, 'chipao.sqlite');
  keyPath = `${dbPath}.audit-key`;
  anchorPath = `${dbPath}.audit-anchor.json`;
  core = await createCore({ dbPath, sample: { needs: 200, projects: 8 } });
  for (const ceiling of [100_000_000_00, 120_000_000_00]) await call('rounds.setCeiling', { roundId: 1, ceiling });
  await shut();
});

afterEach(async () => {
  await shut();
  rmSync(dir, { recursive: true, force: true });
});

async function call<T>(method: string, args: unknown, caller: Caller = owner): Promise<T> {
  const r = await core!.call(method, args, caller);
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}

async function open(): Promise<AuditStatusView> {
  await shut();
  core = await createCore({ dbPath });
  return (await call<AppInfo>('app.info', {})).audit;
}

async function shut(): Promise<void> {
  await core?.close();
  core = null;
}

/** Tampering as someone with the file would: triggers dropped, then raw SQL, the anchor not touched. */
async function tamper(sql: string): Promise<void> {
  const c = await createCore({ dbPath, auditAnchor: false });
  c.store.sqlite.exec('DROP TRIGGER IF EXISTS audit_event_no_update; DROP TRIGGER IF EXISTS audit_event_no_delete;');
  c.store.sqlite.exec(sql);
  await c.close();
}

function cliVerify(): { status: number; code: string | null; stderr: string } {
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(root, 'electron/core/cli/main.ts'), 'audit-verify', '--db', dbPath],
    { cwd: root, encoding: 'utf8' },
  );
  const out = JSON.parse(r.stdout) as { problem: { code: string } | null };
  return { status: r.status ?? -1, code: out.problem?.code ?? null, stderr: r.stderr };
}

describe('an anchor whose key file is missing or holds no key', () => {
  it('a missing key file is said as such, naming it; no key is made and the anchor stays as it was', async () => {
    const anchorBefore = readFileSync(anchorPath, 'utf8');
    unlinkSync(keyPath);
    const status = await open();
    expect(status).toMatchObject({ ok: false, anchorLength: null, problem: { code: 'anchor_unverifiable' } });
    expect(status.problem!.en).toContain('chipao.sqlite.audit-key is missing');
    expect(status.problem!.th).toContain('ไม่พบไฟล์กุญแจ chipao.sqlite.audit-key');
    // The chain itself walked intact, and the anchor file (unverified) agrees with it.
    expect(status.problem!.en).toContain(`audit trail is intact (${status.length} events)`);
    expect(status.problem!.th).toContain('ไม่มีร่องรอยการแก้ไข');
    expect(status.problem!.en).toContain('the trail holds the event it names');
    expect(status.problem!.en).not.toContain('edited or replaced');
    // The app keeps working meanwhile; nothing moves the anchor and no key is made, also when it closes.
    await call('rounds.setCeiling', { roundId: 1, ceiling: 80_000_000_00 });
    expect((await call<AuditStatusView>('audit.verify', {})).problem?.code).toBe('anchor_unverifiable');
    await shut();
    expect(existsSync(keyPath)).toBe(false);
    expect(readFileSync(anchorPath, 'utf8')).toBe(anchorBefore);
    expect((await open()).problem?.code).toBe('anchor_unverifiable');
  });

  it('an empty key file, or one that holds no key, is said as such and left as it is', async () => {
    for (const [content, en] of [
      ['', 'is empty'],
      ['\n  \n', 'is empty'],
      ['not a key', 'does not hold a key'],
      ['ab'.repeat(31), 'does not hold a key'],
      ['a'.repeat(MAX_KEY_FILE_BYTES + 1), 'does not hold a key'],
    ] as const) {
      writeFileSync(keyPath, content);
      const status = await open();
      expect(status.problem?.code, JSON.stringify(content.slice(0, 20))).toBe('anchor_unverifiable');
      expect(status.problem!.en).toContain(`chipao.sqlite.audit-key ${en}`);
      await shut();
      expect(readFileSync(keyPath, 'utf8')).toBe(content);
    }
  });

  it('a chain edited under an anchor without its key is named as edited first', async () => {
    await tamper(
      `UPDATE audit_event SET payload_json = replace(payload_json, '12000000000', '99900000000') WHERE kind = 'round.ceiling_set'`,
    );
    unlinkSync(keyPath);
    const status = await open();
    expect(status.problem?.code).toBe('edited');
    expect(await core!.call('audit.rekeyAnchor', { database: status.database }, owner)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_STATE' },
    });
    await shut();
    expect(existsSync(keyPath)).toBe(false);
  });

  it('a chain truncated under an anchor without its key: the message says the trail lacks the anchored event', async () => {
    await tamper('DELETE FROM audit_event WHERE id = (SELECT MAX(id) FROM audit_event)');
    unlinkSync(keyPath);
    const status = await open();
    expect(status.problem?.code).toBe('anchor_unverifiable');
    expect(status.problem!.en).toContain(`records ${status.length + 1} events for this database, and the trail does not hold`);
    expect(status.problem!.th).toContain(`แต่บันทึกปัจจุบันไม่มีรายการลำดับที่ ${status.length + 1}`);
  });

  it('audit-verify says the anchor cannot be verified and makes no key file (it only reads)', async () => {
    unlinkSync(keyPath);
    const r = cliVerify();
    expect(r.status).toBe(1);
    expect(r.code).toBe('anchor_unverifiable');
    expect(r.stderr).toContain('ไม่พบไฟล์กุญแจ chipao.sqlite.audit-key');
    expect(existsSync(keyPath)).toBe(false);
  });
});

type AnchorJson = Record<string, unknown> & { keyId?: string; mac: string; databases: Record<string, unknown>[] };

const readAnchor = (): AnchorJson => JSON.parse(readFileSync(anchorPath, 'utf8')) as AnchorJson;
const writeAnchor = (f: object): void => writeFileSync(anchorPath, `${JSON.stringify(f, null, 2)}\n`);
const keyIn = (path: string): Buffer => Buffer.from(readFileSync(path, 'utf8').trim(), 'hex');

/** What the INVALID_STATE of `audit.rekeyAnchor` looks like when there is nothing to accept. */
async function expectNothingToAccept(database: string | null): Promise<void> {
  expect(await core!.call('audit.rekeyAnchor', { database }, owner)).toMatchObject({
    ok: false,
    error: { code: 'INVALID_STATE' },
  });
}

describe('an anchor made under another key than the one in the key file', () => {
  it('a database and its anchor copied over a place that has its own key: unverifiable, not tampering; a new key is accepted', async () => {
    // The projector laptop: its own database, anchor and key.
    const projector = join(dir, 'projector');
    mkdirSync(projector);
    const placed = join(projector, 'chipao.sqlite');
    core = await createCore({ dbPath: placed, sample: { needs: 50, projects: 4 } });
    await shut();
    const projectorKey = readFileSync(`${placed}.audit-key`, 'utf8');
    // The secretariat copies the prepared database and its anchor over the projector's files, not the key file.
    copyFileSync(dbPath, placed);
    copyFileSync(anchorPath, `${placed}.audit-anchor.json`);
    const anchorBefore = readFileSync(`${placed}.audit-anchor.json`, 'utf8');
    dbPath = placed;
    keyPath = `${placed}.audit-key`;
    anchorPath = `${placed}.audit-anchor.json`;

    const found = await open();
    expect(found).toMatchObject({ ok: false, anchorLength: null, problem: { code: 'anchor_unverifiable' } });
    expect(found.problem!.en).toContain('made under another key than the one in its key file chipao.sqlite.audit-key');
    expect(found.problem!.th).toContain('สร้างด้วยกุญแจอื่น ไม่ใช่กุญแจในไฟล์กุญแจ chipao.sqlite.audit-key');
    expect(found.problem!.en).toContain('the trail holds the event it names');
    expect(found.problem!.en).toContain('Put the key file it was made under');
    expect(found.problem!.en).not.toContain('edited or replaced');
    // Nothing is written meanwhile, also when the app closes: the key and the anchor stay as they are.
    await call('rounds.setCeiling', { roundId: 1, ceiling: 80_000_000_00 });
    await shut();
    expect(readFileSync(keyPath, 'utf8')).toBe(projectorKey);
    expect(readFileSync(anchorPath, 'utf8')).toBe(anchorBefore);

    const status = await open();
    expect(status.problem?.code).toBe('anchor_unverifiable');
    const accepted = await call<AuditStatusView>('audit.rekeyAnchor', { database: status.database });
    expect(accepted).toMatchObject({ ok: true, problem: null, length: status.length + 1 });
    expect(readFileSync(keyPath, 'utf8')).not.toBe(projectorKey);
    expect(readAnchor().keyId).toBe(keyIdOf(keyIn(keyPath)));
    const last = (await call<AuditPage>('audit.list', { offset: 0, limit: 1 })).rows[0]!;
    expect(last.kind).toBe('audit.anchor_rekeyed');
    expect(JSON.parse(last.payload)).toMatchObject({
      key: 'other_key',
      keyFile: 'chipao.sqlite.audit-key',
      agrees: true,
      // Which key the copied anchor was made under, and which key the key file here held.
      anchorKeyId: (JSON.parse(anchorBefore) as { keyId: string }).keyId,
      foundKeyId: keyIdOf(Buffer.from(projectorKey, 'hex')),
    });
    expect((JSON.parse(anchorBefore) as { keyId: string }).keyId).not.toBe(keyIdOf(Buffer.from(projectorKey, 'hex')));

    // Verified afterwards; a chain truncated later is caught against the new anchor.
    expect(await open()).toMatchObject({ ok: true, problem: null, anchorLength: accepted.length });
    await shut();
    await tamper('DELETE FROM audit_event WHERE id = (SELECT MAX(id) FROM audit_event)');
    expect((await open()).problem?.code).toBe('truncated');
  });

  it('the right key file put back while the app runs verifies at the next check', async () => {
    const key = readFileSync(keyPath, 'utf8');
    writeFileSync(keyPath, 'cd'.repeat(32));
    expect((await open()).problem?.code).toBe('anchor_unverifiable');
    writeFileSync(keyPath, key);
    expect(await call<AuditStatusView>('audit.verify', {})).toMatchObject({ ok: true, problem: null });
  });

  it('the key id it was made under, with an altered MAC or anchor, is tampering, with nothing to accept', async () => {
    const f = readAnchor();
    expect(f).toMatchObject({ version: 3, keyId: keyIdOf(keyIn(keyPath)) });
    expect(readFileSync(anchorPath, 'utf8')).not.toContain(readFileSync(keyPath, 'utf8').trim());
    const length = f.length as number;
    for (const altered of [
      { ...f, mac: `${f.mac.slice(0, -1)}${f.mac.endsWith('0') ? '1' : '0'}` },
      { ...f, length: length - 1, databases: [{ ...f.databases[0], length: length - 1 }, ...f.databases.slice(1)] },
    ]) {
      writeAnchor(altered);
      const status = await open();
      expect(status.problem?.code).toBe('anchor_tampered');
      await expectNothingToAccept(status.database);
      await shut();
    }
    // A key id that is not one is not read as an anchor.
    writeAnchor({ ...f, keyId: 'not a key id' });
    expect((await open()).problem?.code).toBe('anchor_tampered');
  });

  it('an anchor written before the key id was kept verifies under its key and is rewritten with one; one that does not verify is tampering', async () => {
    const key = keyIn(keyPath);
    const { keyId: _, ...rest } = readAnchor();
    const v2 = (signingKey: Buffer): object => ({
      ...rest,
      version: 2,
      mac: createHmac('sha256', signingKey)
        .update(`chipao-anchor-2\n${JSON.stringify(rest.file)}\n${JSON.stringify(rest.databases)}`)
        .digest('hex'),
    });
    writeAnchor(v2(key));
    expect(await open()).toMatchObject({ ok: true, problem: null });
    await shut();
    expect(readAnchor()).toMatchObject({ version: 3, keyId: keyIdOf(key) });

    // Without a key id, an HMAC that fails under the key there cannot be told from tampering.
    writeAnchor(v2(Buffer.from('cd'.repeat(32), 'hex')));
    const status = await open();
    expect(status.problem?.code).toBe('anchor_tampered');
    await expectNothingToAccept(status.database);
  });

  it('a key id edited by hand makes the anchor unverifiable, as deleting the key file would: what it records is still said', async () => {
    await tamper('DELETE FROM audit_event WHERE id = (SELECT MAX(id) FROM audit_event)');
    writeAnchor({ ...readAnchor(), keyId: '0123456789abcdef' });
    const key = readFileSync(keyPath, 'utf8');
    const status = await open();
    expect(status.problem?.code).toBe('anchor_unverifiable');
    expect(status.problem!.en).toContain('made under another key');
    // The truncation the anchor records stays in view, as it does with the key file deleted.
    expect(status.problem!.en).toContain(`records ${status.length + 1} events for this database, and the trail does not hold`);
    await shut();
    expect(readFileSync(keyPath, 'utf8')).toBe(key);
  });
});

describe('accepting a new key (audit.rekeyAnchor)', () => {
  it('the owner accepts: a new key, the anchor written for this database, the event recorded; later starts verify', async () => {
    const old = JSON.parse(readFileSync(anchorPath, 'utf8')) as { length: number; head: string; keyId: string };
    const keyIdBefore = keyIdOf(keyIn(keyPath));
    expect(old.keyId).toBe(keyIdBefore);
    unlinkSync(keyPath);
    const found = await open();
    expect(found.problem?.code).toBe('anchor_unverifiable');

    // Only the owner; another database named than the one open is refused; nothing changes.
    expect(await core!.call('audit.rekeyAnchor', { database: found.database }, observer)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await core!.call('audit.rekeyAnchor', { database: found.database }, guest)).toMatchObject({
      ok: false,
      error: { code: 'SIGN_IN_REQUIRED' },
    });
    expect(await core!.call('audit.rekeyAnchor', { database: 'ab'.repeat(16) }, owner)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_STATE' },
    });
    expect(existsSync(keyPath)).toBe(false);
    expect((await call<AuditStatusView>('audit.verify', {})).problem?.code).toBe('anchor_unverifiable');

    const accepted = await call<AuditStatusView>('audit.rekeyAnchor', { database: found.database });
    expect(accepted).toMatchObject({ ok: true, problem: null, length: found.length + 1, anchorLength: found.length + 1 });
    expect(readFileSync(keyPath, 'utf8')).toMatch(/^[0-9a-f]{64}$/u);
    expect(JSON.parse(readFileSync(anchorPath, 'utf8'))).toMatchObject({ length: found.length + 1, head: accepted.head });
    const last = (await call<AuditPage>('audit.list', { offset: 0, limit: 1 })).rows[0]!;
    expect(last.kind).toBe('audit.anchor_rekeyed');
    expect(JSON.parse(last.payload)).toMatchObject({
      database: found.database,
      length: found.length,
      keyFile: 'chipao.sqlite.audit-key',
      key: 'missing',
      unverified: { length: old.length, head: old.head },
      agrees: true,
      anchorKeyId: keyIdBefore,
      foundKeyId: null,
    });
    // Once accepted, nothing is left to accept.
    expect(await core!.call('audit.rekeyAnchor', { database: found.database }, owner)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_STATE' },
    });

    // The next start verifies under the new key, and the anchor moves on with new events.
    expect(await open()).toMatchObject({ ok: true, problem: null, anchorLength: accepted.length });
    await call('rounds.setCeiling', { roundId: 1, ceiling: 80_000_000_00 });
    await shut();
    expect(await open()).toMatchObject({ ok: true, problem: null, anchorLength: accepted.length + 1 });
    await shut();

    // A chain truncated after the new key is caught against the new anchor.
    await tamper('DELETE FROM audit_event WHERE id = (SELECT MAX(id) FROM audit_event)');
    expect((await open()).problem?.code).toBe('truncated');
  });
});

describe('the anchor and key files', () => {
  it('are read within a size limit; a key is never made beside an anchor made under another', async () => {
    const store = openStore(dbPath);
    try {
      unlinkSync(keyPath);
      const files = fileAnchorStore(dbPath);
      expect(files.read()).toBe('unverifiable');
      expect(() => advanceAnchor(store.sqlite, files)).toThrow(/cannot be verified/u);
      expect(existsSync(keyPath)).toBe(false);

      // An anchor file past its size limit is not read as an anchor.
      writeFileSync(keyPath, 'ef'.repeat(32));
      writeFileSync(anchorPath, `${' '.repeat(MAX_ANCHOR_FILE_BYTES)}{}`);
      expect(fileAnchorStore(dbPath).read()).toBe('tampered');

      // Without an anchor file, a place whose key file holds no key is given a new one with its first anchor.
      unlinkSync(anchorPath);
      writeFileSync(keyPath, '');
      const fresh = fileAnchorStore(dbPath);
      const anchor = advanceAnchor(store.sqlite, fresh);
      expect(readFileSync(keyPath, 'utf8')).toMatch(/^[0-9a-f]{64}$/u);
      expect(fileAnchorStore(dbPath).read()).toEqual(anchor);

      // Nor over an anchor made under another key: the key file there is left as it is.
      writeFileSync(keyPath, 'ab'.repeat(32));
      const other = fileAnchorStore(dbPath);
      expect(other.read()).toBe('unverifiable');
      expect(() => advanceAnchor(store.sqlite, other)).toThrow(/another key/u);
      expect(readFileSync(keyPath, 'utf8')).toBe('ab'.repeat(32));
    } finally {
      await store.close();
    }
  });
});
