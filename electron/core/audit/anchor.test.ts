/**
 * The audit trail can be checked: an edited event is named, and a truncated or consistently rewritten chain (which
 * passes its own re-walk) is caught by the anchor kept outside the database file. Checked at every start, on demand,
 * and from the command line.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppInfo, AuditPage, AuditStatusView, ExportedFile } from '../../../shared/api/types';
import type { Caller } from '../context';
import { createCore, type Core } from '../core';
import { downloadedBytes } from '../handlers/test-core';
import { canonicalJson } from './audit-log';

const owner: Caller = { role: 'owner', actor: 'test', transport: 'direct' };
const root = fileURLToPath(new URL('../../..', import.meta.url));

let dir: string;
let dbPath: string;
let core: Core | null;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'chipao-audit-'));
  dbPath = join(dir, 'chipao.sqlite');
  core = await createCore({ dbPath, sample: { needs: 300, projects: 12 } });
  // A few events: ceiling changes and a score.
  for (const ceiling of [100_000_000_00, 120_000_000_00, 90_000_000_00]) await call('rounds.setCeiling', { roundId: 1, ceiling });
  await core.close();
  core = null;
});

afterEach(async () => {
  await core?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function call<T>(method: string, args: unknown): Promise<T> {
  const r = await core!.call(method, args, owner);
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}

async function reopen(): Promise<AuditStatusView> {
  core = await createCore({ dbPath });
  return (await call<AppInfo>('app.info', {})).audit;
}

/** Tampering as someone with the file would: triggers dropped, then raw SQL. */
async function tamper(sql: string): Promise<void> {
  const c = await createCore({ dbPath, auditAnchor: false });
  c.store.sqlite.exec('DROP TRIGGER audit_event_no_update; DROP TRIGGER audit_event_no_delete;');
  c.store.sqlite.exec(sql);
  await c.close();
}

function cliVerify(): {
  status: number;
  out: { ok: boolean; problem: { code: string; event_id: number | null } | null };
  err: string;
} {
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(root, 'electron/core/cli/main.ts'), 'audit-verify', '--db', dbPath],
    {
      cwd: root,
      encoding: 'utf8',
    },
  );
  return { status: r.status ?? -1, out: JSON.parse(r.stdout) as never, err: r.stderr };
}

describe('audit trail checks', () => {
  it('an intact trail verifies at start, on demand and from the command line; the anchor follows new events', async () => {
    const start = await reopen();
    expect(start).toMatchObject({ ok: true, problem: null });
    expect(start.length).toBeGreaterThanOrEqual(3);
    expect(start.anchorLength).toBe(start.length);
    await call('rounds.setCeiling', { roundId: 1, ceiling: 80_000_000_00 });
    const again = await call<AuditStatusView>('audit.verify', {});
    expect(again).toMatchObject({ ok: true, length: start.length + 1 });
    await core!.close();
    core = null;
    const anchor = JSON.parse(readFileSync(`${dbPath}.audit-anchor.json`, 'utf8')) as { length: number; head: string };
    expect(anchor).toMatchObject({ length: start.length + 1, head: again.head });
    const cli = cliVerify();
    expect(cli.status).toBe(0);
    expect(cli.out).toMatchObject({ ok: true, problem: null });
  });

  it('names the first edited event (triggers dropped, one payload changed)', async () => {
    await tamper(
      `UPDATE audit_event SET payload_json = replace(payload_json, '12000000000', '99900000000') WHERE kind = 'round.ceiling_set'`,
    );
    const ids = (await reopen()).problem;
    expect(ids).toMatchObject({ code: 'edited' });
    const edited = core!.store.sqlite
      .prepare(`SELECT id FROM audit_event WHERE payload_json LIKE '%99900000000%' ORDER BY id LIMIT 1`)
      .get() as { id: number };
    expect(ids?.eventId).toBe(edited.id);
    expect(ids?.th).toContain(`ที่ ${edited.id}`);
    await core!.close();
    core = null;
    const cli = cliVerify();
    expect(cli.status).toBe(1);
    expect(cli.out.problem).toMatchObject({ code: 'edited', event_id: edited.id });
    expect(cli.err).toContain(`audit event ${edited.id}`);
  });

  it('catches a truncated trail, which passes its own re-walk', async () => {
    await tamper('DELETE FROM audit_event WHERE id = (SELECT MAX(id) FROM audit_event)');
    const status = await reopen();
    expect(status.ok).toBe(false);
    expect(status.problem?.code).toBe('truncated');
    expect(status.problem?.en).toMatch(/had \d+ events and now has \d+/u);
  });

  it('catches a chain rewritten consistently from some event on (hashes recomputed)', async () => {
    const c = await createCore({ dbPath, auditAnchor: false });
    c.store.sqlite.exec('DROP TRIGGER audit_event_no_update; DROP TRIGGER audit_event_no_delete;');
    const rows = c.store.sqlite.prepare('SELECT * FROM audit_event ORDER BY id').all() as {
      id: number;
      at: string;
      actor: string;
      kind: string;
      payload_json: string;
      prev_hash: string;
    }[];
    // Rewrite the last event's payload and recompute its hash as the app would: the chain is self-consistent.
    const last = rows[rows.length - 1]!;
    const payload = canonicalJson({ roundId: 1, ceiling: 1 });
    const { createHash } = await import('node:crypto');
    const hash = createHash('sha256')
      .update(`${last.prev_hash}\n${last.at}\n${last.actor}\n${last.kind}\n${payload}`)
      .digest('hex');
    c.store.sqlite.prepare('UPDATE audit_event SET payload_json = ?, hash = ? WHERE id = ?').run(payload, hash, last.id);
    await c.close();
    const status = await reopen();
    expect(status.problem?.code).toBe('rewritten');
  });

  it('refuses an anchor edited by hand', async () => {
    const file = `${dbPath}.audit-anchor.json`;
    const anchor = JSON.parse(readFileSync(file, 'utf8')) as { length: number };
    writeFileSync(file, JSON.stringify({ ...anchor, length: 1 }));
    expect((await reopen()).problem?.code).toBe('anchor_tampered');
  });

  it('lists events by kind and project, and exports them as CSV with the export itself recorded', async () => {
    core = await createCore({ dbPath });
    const page = await call<AuditPage>('audit.list', { offset: 0, limit: 50, kind: 'round.ceiling_set' });
    expect(page.total).toBe(3);
    expect(page.rows.every((r) => r.kind === 'round.ceiling_set')).toBe(true);
    expect(page.kinds).toContain('round.ceiling_set');
    const file = await call<ExportedFile>('audit.export', { kind: 'round.ceiling_set' });
    const text = downloadedBytes(core!, file).toString('utf8');
    expect(text.startsWith('\uFEFFid,at,actor,kind,payload,hash\r\n')).toBe(true);
    expect(text.trim().split('\r\n')).toHaveLength(4);
    const after = await call<AuditPage>('audit.list', { offset: 0, limit: 1 });
    expect(after.rows[0]?.kind).toBe('audit.exported');
  });
});

describe('advancing the anchor', () => {
  it('writes the anchor file only when the chain has a new head', async () => {
    const { openStore } = await import('../db/database');
    const { advanceAnchor, fileAnchorStore } = await import('./anchor');
    const store = openStore(dbPath);
    try {
      const written: unknown[] = [];
      const files = fileAnchorStore(dbPath);
      const anchors = { read: files.read, write: (a: Parameters<typeof files.write>[0]) => (written.push(a), files.write(a)) };
      const first = advanceAnchor(store.sqlite, anchors);
      expect(written).toHaveLength(1);
      // Nothing new: the same anchor, no file written (a long sync's progress events call this twice a second).
      expect(advanceAnchor(store.sqlite, anchors, first)).toBe(first);
      expect(written).toHaveLength(1);
      const { appendAudit } = await import('./audit-log');
      appendAudit(store.sqlite, 'test', 'round.updated', { roundId: 1 });
      const next = advanceAnchor(store.sqlite, anchors, first);
      expect(written).toHaveLength(2);
      expect(next.length).toBe(first.length + 1);
      expect(files.read()).toEqual(next);
    } finally {
      await store.close();
    }
  });
});
