/**
 * A host restart in the middle of a workshop session: the session's listener comes back on its interface (::1), and a
 * member's device reconnecting with the token it already holds resumes its own sheet, its scores intact.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createCore } from '../core';
import { startHost } from './server';

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'chipao-workshop-restart-'));
  mkdirSync(join(dir, 'static'));
  writeFileSync(join(dir, 'static', 'index.html'), '<!doctype html><head></head>');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** One call on a fresh connection; resolves with the result. */
function callOnce(base: string, protocols: string[], method: string, args: unknown): Promise<{ ok: boolean; value?: unknown }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${base.replace(/^http/u, 'ws')}/api/ws`, protocols, { origin: base });
    ws.on('error', reject);
    ws.on('open', () => ws.send(JSON.stringify({ id: 1, method, args })));
    ws.on('message', (data) => {
      const m = JSON.parse(String(data)) as { id?: number; result?: { ok: boolean; value?: unknown } };
      if (m.id !== 1 || !m.result) return;
      ws.close();
      resolve(m.result);
    });
  });
}

it('the session listens again on ::1 after a restart and a member resumes with the same token', async () => {
  const dbPath = join(dir, 'chipao.sqlite');
  let core = await createCore({ dbPath, sample: { needs: 200, projects: 8 } });
  let host = await startHost({ core, staticDir: join(dir, 'static'), host: '127.0.0.1', port: 0, log: () => undefined });
  const port = Number(new URL(host.url).port);
  const owner = ['chipao', `chipao-owner.${host.ownerToken}`];
  const opened = await callOnce(host.url, owner, 'workshop.open', { roundId: 1, address: '::1' });
  const pin = (opened.value as { pin: string }).pin;
  await callOnce(host.url, owner, 'workshop.setParticipant', { role: 'member', memberId: 2, secret: 'restart-2' });
  const device = `http://[::1]:${port}`;
  const signed = await callOnce(device, ['chipao'], 'workshop.signIn', {
    pin,
    name: 'นางสาวพรทิพย์ ศรีสุข (สมมุติ)',
    secret: 'restart-2',
  });
  const token = (signed.value as { token: string }).token;
  const mine = ['chipao', `chipao-token.${token}`];
  const before = await callOnce(device, mine, 'workshop.mySheet', {});
  expect((before.value as { memberId: number }).memberId).toBe(2);

  await host.close();
  await core.close();
  await expect(callOnce(device, mine, 'workshop.mySheet', {})).rejects.toThrow(/ECONNREFUSED/u);

  core = await createCore({ dbPath, seedSample: false });
  host = await startHost({ core, staticDir: join(dir, 'static'), host: '127.0.0.1', port, log: () => undefined });
  try {
    // The listener on ::1 is back before any device asks (attachNetwork reopens an open session's interface).
    const after = await callOnce(device, mine, 'workshop.mySheet', {});
    expect(after.ok).toBe(true);
    expect(after.value).toEqual(before.value);
  } finally {
    await host.close();
    await core.close();
  }
});
