/**
 * No score is silently overwritten: two clients write the same cell 1,000 times each, concurrently, over real
 * WebSocket connections. Every write is either applied (with a version no other write got) or refused as a
 * conflict; the stored version counts exactly the applied writes, and the audit log holds one event per write.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createCore, type Core } from '../core';
import { startHost, type Host } from './server';

let dir: string;
let core: Core;
let host: Host;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'chipao-race-'));
  mkdirSync(join(dir, 'static'));
  writeFileSync(join(dir, 'static', 'index.html'), '<!doctype html>');
  core = await createCore({ dbPath: join(dir, 'chipao.sqlite'), sample: { needs: 300, projects: 10 } });
  host = await startHost({ core, staticDir: join(dir, 'static'), host: '127.0.0.1', port: 0 });
});

afterAll(async () => {
  await host?.close();
  await core?.close();
  rmSync(dir, { recursive: true, force: true });
});

type Reply = { id: number; result: { ok: boolean; value?: { value: number; version: number }; error?: { code: string } } };

async function client(): Promise<(method: string, args: unknown) => Promise<Reply['result']>> {
  const ws = new WebSocket(host.url.replace(/^http/u, 'ws') + '/api/ws', ['chipao', `chipao-owner.${host.ownerToken}`], {
    origin: host.url,
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const waiting = new Map<number, (r: Reply['result']) => void>();
  ws.on('message', (d) => {
    const m = JSON.parse(String(d)) as Partial<Reply>;
    if (typeof m.id === 'number' && m.result) waiting.get(m.id)?.(m.result);
  });
  let next = 1;
  const once = (method: string, args: unknown): Promise<Reply['result']> =>
    new Promise((resolve) => {
      const id = next++;
      waiting.set(id, (r) => {
        waiting.delete(id);
        resolve(r);
      });
      ws.send(JSON.stringify({ id, method, args }));
    });
  // A well-behaved client: a call refused by the host's rate limit is sent again a little later (the writers here
  // send faster than the per-connection rate, which is part of what is being tested).
  return async (method, args) => {
    for (;;) {
      const r = await once(method, args);
      if (r.error?.code !== 'RATE_LIMITED') return r;
      await new Promise((wait) => setTimeout(wait, 20));
    }
  };
}

const cell = { roundId: 1, memberId: 2, projectId: 3, criterionId: 1 };

function stored(): { value: number; version: number } {
  return core.store.sqlite
    .prepare('SELECT value, version FROM score WHERE member_id = ? AND project_id = ? AND criterion_id = ?')
    .get(cell.memberId, cell.projectId, cell.criterionId) as { value: number; version: number };
}

describe('concurrent score writes', () => {
  it('two clients × 1,000 writes to one cell: each applied with its own version or refused as a conflict', async () => {
    const start = stored();
    const auditBefore = (
      core.store.sqlite.prepare(`SELECT COUNT(*) AS n FROM audit_event WHERE kind = 'score.set'`).get() as { n: number }
    ).n;
    const applied: { version: number; value: number }[] = [];
    let conflicts = 0;
    let other = 0;

    const writer = async (value: number): Promise<void> => {
      const call = await client();
      let known = start.version;
      // Up to four writes in flight at once, each naming the version this client last saw.
      const inFlight = new Set<Promise<void>>();
      for (let i = 0; i < 1000; i++) {
        const write = call('scores.set', { ...cell, value, expectedVersion: known }).then(async (r) => {
          if (r.ok && r.value) {
            applied.push({ version: r.value.version, value: r.value.value });
            known = Math.max(known, r.value.version);
          } else if (r.error?.code === 'VERSION_CONFLICT') {
            conflicts++;
            const mine = await call('scores.forMember', { roundId: 1, memberId: cell.memberId });
            expect(mine.ok).toBe(true);
            const current = (mine.value as unknown as { projectId: number; criterionId: number; version: number }[]).find(
              (s) => s.projectId === cell.projectId && s.criterionId === cell.criterionId,
            );
            known = current?.version ?? known;
          } else other++;
        });
        inFlight.add(write);
        void write.then(() => inFlight.delete(write));
        if (inFlight.size >= 4) await Promise.race(inFlight);
      }
      await Promise.all(inFlight);
    };
    await Promise.all([writer(2), writer(4)]);

    expect(other).toBe(0);
    expect(applied.length + conflicts).toBe(2000);
    expect(applied.length).toBeGreaterThan(0);
    expect(conflicts).toBeGreaterThan(0);
    // Each applied write got its own version: start+1 … start+applied, none shared, none skipped.
    const versions = applied.map((a) => a.version).sort((a, b) => a - b);
    expect(versions).toEqual(Array.from({ length: applied.length }, (_, i) => start.version + 1 + i));
    // What is stored is the write with the highest version, and the version counts the applied writes.
    const last = applied.reduce((a, b) => (b.version > a.version ? b : a));
    expect(stored()).toEqual({ value: last.value, version: start.version + applied.length });
    const auditAfter = (
      core.store.sqlite.prepare(`SELECT COUNT(*) AS n FROM audit_event WHERE kind = 'score.set'`).get() as { n: number }
    ).n;
    expect(auditAfter - auditBefore).toBe(applied.length);
  }, 120_000);

  it('a write without a version is refused by the contract', async () => {
    const call = await client();
    const r = await call('scores.set', { ...cell, value: 3 });
    expect(r.ok).toBe(false);
    expect(r.error?.code).toBe('BAD_ARGS');
  });
});
