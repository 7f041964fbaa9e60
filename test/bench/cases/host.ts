/**
 * host.flood_p95_ms: a well-behaved client's `app.info` round trip (95th percentile) while another client on the
 * same host floods it with 10,000 `projects.list` calls sent at once. Baseline: the same client's p95 on an idle
 * host, measured first in the same run. The host runs in its own process (as `npm run serve` does), on loopback,
 * with the full synthetic sample.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import type { BenchCase, BenchRecord } from '../types';

const root = fileURLToPath(new URL('../../..', import.meta.url));

export async function startHostProcess(dir: string): Promise<{ child: ChildProcess; url: string }> {
  const staticDir = join(dir, 'static');
  mkdirSync(staticDir, { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><head></head>');
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(root, 'electron/core/host/main.ts'),
      '--data-dir',
      join(dir, 'data'),
      '--port',
      '0',
      '--static',
      staticDir,
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`host did not start:\n${output}`)), 120_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const m = /serving on (http:\/\/\S+)/u.exec(output);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`host exited with ${code}:\n${output}`)));
  });
  return { child, url };
}

type Client = { ws: WebSocket; call(method: string, args: unknown): Promise<{ ok: boolean }> };

async function connect(url: string, token: string | null): Promise<Client> {
  const ws = new WebSocket(`${url.replace(/^http/u, 'ws')}/api/ws`, token ? ['chipao', `chipao-owner.${token}`] : ['chipao'], {
    origin: url,
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const waiting = new Map<number, (r: { ok: boolean }) => void>();
  ws.on('message', (d) => {
    const m = JSON.parse(String(d)) as { id?: number; result?: { ok: boolean } };
    if (typeof m.id !== 'number' || !m.result) return;
    waiting.get(m.id)?.(m.result);
    waiting.delete(m.id);
  });
  let next = 1;
  return {
    ws,
    call: (method, args) =>
      new Promise((resolve) => {
        const id = next++;
        waiting.set(id, resolve);
        ws.send(JSON.stringify({ id, method, args }));
      }),
  };
}

function p95(samples: number[]): number {
  const s = [...samples].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor(s.length * 0.95))]! * 100) / 100;
}

/** Sequential `app.info` round trips, one every few milliseconds, until `until()` says stop (at least `min`). */
async function probe(client: Client, until: () => boolean, min: number): Promise<number[]> {
  const times: number[] = [];
  while (times.length < min || !until()) {
    const t0 = performance.now();
    const r = await client.call('app.info', {});
    if (!r.ok) throw new Error('app.info failed');
    times.push(performance.now() - t0);
    await new Promise((res) => setTimeout(res, 5));
    if (times.length > 100_000) break;
  }
  return times;
}

export async function run(): Promise<BenchRecord[]> {
  const dir = mkdtempSync(join(tmpdir(), 'chipao-bench-host-'));
  const { child, url } = await startHostProcess(dir);
  try {
    const html = await (await fetch(url)).text();
    const token = /name="chipao-owner" content="([0-9a-f]{64})"/u.exec(html)?.[1] ?? null;
    if (!token) throw new Error('the host did not give its own page the owner secret');
    const good = await connect(url, token);
    await probe(good, () => true, 50); // warm up
    const idle = await probe(good, () => true, 200);

    // The flooder reads its replies as fast as they come (counting them without parsing 100 KB each), so the
    // host serves it rather than dropping it as a client that does not read.
    const flood = new WebSocket(`${url.replace(/^http/u, 'ws')}/api/ws`, ['chipao'], { origin: url });
    await new Promise<void>((resolve, reject) => {
      flood.once('open', () => resolve());
      flood.once('error', reject);
    });
    const total = 10_000;
    let replies = 0;
    let dropped = false;
    flood.on('message', (d: Buffer) => {
      if (d.subarray(0, 6).toString() === '{"id":') replies++;
    });
    flood.on('close', () => (dropped = true));
    for (let i = 1; i <= total; i++) flood.send(JSON.stringify({ id: i, method: 'projects.list', args: { roundId: 1 } }));
    const progress = process.env.BENCH_DEBUG ? setInterval(() => console.error('flood replies', replies), 2000) : undefined;
    const loaded = await probe(good, () => replies >= total || dropped, 50);
    if (dropped) throw new Error(`the host dropped the flooding client after ${replies} replies`);
    clearInterval(progress);
    flood.close();
    good.ws.close();

    const value = p95(loaded);
    if (process.env.BENCH_DEBUG)
      console.error(JSON.stringify({ n: loaded.length, sorted: [...loaded].sort((a, b) => a - b).map(Math.round) }));
    const baseline = p95(idle);
    return [{ name: 'host.flood_p95_ms', value, unit: 'ms', baseline, ratio: Math.round((value / baseline) * 100) / 100 }];
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
}

export const hostBench: BenchCase = { names: ['host.flood_p95_ms'], run };
