/**
 * workshop.broadcast_p95_ms: 30 members signed in to a workshop session on their own connections, results revealed,
 * and a projector. One member edits a score; the figure is the 95th percentile, over every edit and every screen, of
 * the time from sending the edit until that screen has heard `scores.changed` and fetched what it shows again (the
 * revealed results, `workshop.projector`), as the UI does. Baseline: the editing member's own `scores.set` round trip
 * (p95), in the same run. The host runs in its own process on loopback with the full synthetic sample.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import type { BenchCase, BenchRecord } from '../types';
import { startHostProcess } from './host';

const MEMBERS = 30;
const EDITS = 40;

type Result = { ok: boolean; value?: unknown; error?: { message: string } };
type Screen = Readonly<{
  call<T>(method: string, args: unknown): Promise<T>;
  /** Resolves at the next `scores.changed` this connection hears. */
  nextChange(): Promise<void>;
  close(): void;
}>;

async function screen(url: string, protocols: string[]): Promise<Screen> {
  const ws = new WebSocket(`${url.replace(/^http/u, 'ws')}/api/ws`, protocols, { origin: url });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const waiting = new Map<number, (r: Result) => void>();
  let changeWaiters: (() => void)[] = [];
  ws.on('message', (d) => {
    const m = JSON.parse(String(d)) as { id?: number; result?: Result; event?: string };
    if (m.event === 'scores.changed') {
      const w = changeWaiters;
      changeWaiters = [];
      for (const f of w) f();
    } else if (typeof m.id === 'number' && m.result) {
      waiting.get(m.id)?.(m.result);
      waiting.delete(m.id);
    }
  });
  let next = 1;
  return {
    call: <T>(method: string, args: unknown) =>
      new Promise<T>((resolve, reject) => {
        const id = next++;
        waiting.set(id, (r) => (r.ok ? resolve(r.value as T) : reject(new Error(`${method}: ${r.error?.message}`))));
        ws.send(JSON.stringify({ id, method, args }));
      }),
    nextChange: () => new Promise<void>((resolve) => changeWaiters.push(resolve)),
    close: () => ws.close(),
  };
}

function p95(samples: number[]): number {
  const s = [...samples].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor(s.length * 0.95))]! * 100) / 100;
}

export async function run(): Promise<BenchRecord[]> {
  const dir = mkdtempSync(join(tmpdir(), 'chipao-bench-workshop-'));
  const { child, url } = await startHostProcess(dir);
  const screens: Screen[] = [];
  try {
    const html = await (await fetch(url)).text();
    const ownerToken = /name="chipao-owner" content="([0-9a-f]{64})"/u.exec(html)?.[1];
    if (!ownerToken) throw new Error('the host did not give its own page the owner secret');
    const owner = await screen(url, ['chipao', `chipao-owner.${ownerToken}`]);
    screens.push(owner);
    const round = await owner.call<{ members: { id: number; name: string }[] }>('rounds.get', { roundId: 1 });
    const memberIds = round.members.map((m) => m.id);
    for (let i = memberIds.length; i < MEMBERS; i++) {
      const created = await owner.call<{ id: number }>('members.create', {
        roundId: 1,
        name: `กรรมการทดสอบ ${i + 1}`,
        titleTh: '',
        titleEn: '',
        agency: '',
        role: 'member',
      });
      memberIds.push(created.id);
    }
    const status = await owner.call<{ pin: string }>('workshop.open', { roundId: 1 });
    const members: { memberId: number; screen: Screen }[] = [];
    for (const [i, memberId] of memberIds.slice(0, MEMBERS).entries()) {
      const secret = `bench-secret-${i}`;
      const set = await owner.call<{ participants: { memberId: number | null; name: string }[] }>('workshop.setParticipant', {
        role: 'member',
        memberId,
        secret,
      });
      const name = set.participants.find((p) => p.memberId === memberId)!.name;
      const guest = await screen(url, ['chipao']);
      const { token } = await guest.call<{ token: string }>('workshop.signIn', { pin: status.pin, name, secret });
      guest.close();
      members.push({ memberId, screen: await screen(url, ['chipao', `chipao-token.${token}`]) });
    }
    await owner.call('workshop.reveal', { revealed: true });
    const projector = await screen(url, ['chipao']);
    const all = [...members.map((m) => m.screen), projector];
    screens.push(...all);
    for (const s of all) await s.call('workshop.projector', {});

    const reach: number[] = [];
    const ownTrip: number[] = [];
    const versions = new Map<string, number>();
    for (let e = 0; e < EDITS; e++) {
      const editor = members[e % members.length]!;
      const cell = `${editor.memberId}:${1 + (e % 10)}:${1 + (e % 4)}`;
      const [, projectId, criterionId] = cell.split(':').map(Number) as [number, number, number];
      if (!versions.has(cell)) {
        const own = await editor.screen.call<{ projectId: number; criterionId: number; version: number }[]>('scores.forMember', {
          roundId: 1,
          memberId: editor.memberId,
        });
        versions.set(cell, own.find((s) => s.projectId === projectId && s.criterionId === criterionId)?.version ?? 0);
      }
      const heard = all.map((s) =>
        s
          .nextChange()
          .then(() => s.call('workshop.projector', {}))
          .then(() => performance.now()),
      );
      const t0 = performance.now();
      const saved = await editor.screen.call<{ version: number }>('scores.set', {
        roundId: 1,
        memberId: editor.memberId,
        projectId,
        criterionId,
        value: 1 + (e % 5),
        expectedVersion: versions.get(cell),
      });
      ownTrip.push(performance.now() - t0);
      versions.set(cell, saved.version);
      for (const t of await Promise.all(heard)) reach.push(t - t0);
    }
    const value = p95(reach);
    const baseline = p95(ownTrip);
    return [
      { name: 'workshop.broadcast_p95_ms', value, unit: 'ms', baseline, ratio: Math.round((value / baseline) * 100) / 100 },
    ];
  } finally {
    for (const s of screens) s.close();
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
}

export const workshopBench: BenchCase = { names: ['workshop.broadcast_p95_ms'], run };
