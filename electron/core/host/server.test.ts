import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { request } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { createCore, type Core } from '../core';
import { CSP, startHost, type Host } from './server';

const INDEX = '<!doctype html><title>ChiPao test</title><p>index</p>';

let dir: string;
let core: Core;
let host: Host;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'chipao-'));
  const staticDir = join(dir, 'static');
  mkdirSync(join(staticDir, 'assets'), { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), INDEX);
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  // A file next to the static root that must never be served.
  writeFileSync(join(dir, 'secret.txt'), 'TOP SECRET');
  core = await createCore({ dbPath: join(dir, 'data', 'chipao.sqlite'), sample: { needs: 500, projects: 20 } });
  host = await startHost({ core, staticDir, host: '127.0.0.1', port: 0 });
});

afterAll(async () => {
  await host?.close();
  await core?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A raw GET that sends the path exactly as written (fetch would normalise the dots away). */
function rawGet(
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const { hostname, port } = new URL(host.url);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method: 'GET', headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const wsUrl = (): string => `${host.url.replace(/^http/u, 'ws')}/api/ws`;

type Incoming = {
  id?: number | null;
  result?: { ok: boolean; value?: unknown; error?: { code: string } };
  event?: string;
  payload?: unknown;
};

/** A client that queues every message so none is lost between awaits. */
async function connect(options?: WebSocket.ClientOptions): Promise<{
  ws: WebSocket;
  next(pred?: (m: Incoming) => boolean): Promise<Incoming>;
  call(id: number, method: string, args: unknown): Promise<Incoming>;
}> {
  const ws = new WebSocket(wsUrl(), options);
  const queue: Incoming[] = [];
  const waiters: { pred: (m: Incoming) => boolean; resolve: (m: Incoming) => void }[] = [];
  ws.on('message', (data) => {
    const m = JSON.parse(String(data)) as Incoming;
    const i = waiters.findIndex((w) => w.pred(m));
    if (i >= 0) waiters.splice(i, 1)[0]!.resolve(m);
    else queue.push(m);
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const next = (pred: (m: Incoming) => boolean = () => true): Promise<Incoming> => {
    const i = queue.findIndex(pred);
    if (i >= 0) return Promise.resolve(queue.splice(i, 1)[0]!);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no matching message within 5 s')), 5000);
      waiters.push({ pred, resolve: (m) => (clearTimeout(timer), resolve(m)) });
    });
  };
  const call = (id: number, method: string, args: unknown): Promise<Incoming> => {
    ws.send(JSON.stringify({ id, method, args }));
    return next((m) => m.id === id);
  };
  return { ws, next, call };
}

describe('static files', () => {
  it('GET / serves index.html with a CSP and no-sniff', async () => {
    const res = await fetch(`${host.url}/`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(INDEX);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/u);
    expect(res.headers.get('content-security-policy')).toBe(CSP);
    expect(CSP).toContain("default-src 'self'");
    expect(CSP).toContain("object-src 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves an asset with its type, and index.html for client-side routes', async () => {
    const js = await fetch(`${host.url}/assets/app.js`);
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/u);
    expect(await js.text()).toBe('console.log(1)');
    const route = await fetch(`${host.url}/needs/123`);
    expect(await route.text()).toBe(INDEX);
  });

  it.each([
    '/../../etc/passwd',
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    '/..%2fsecret.txt',
    '/..%2f..%2f..%2f..%2f..%2fetc%2fpasswd',
    '/assets/..%2f..%2fsecret.txt',
    '/%2e%2e%2f%2e%2e%2fsecret.txt',
    '/..\\secret.txt',
    '/%00/../secret.txt',
  ])('never escapes the static root: %s', async (path) => {
    const res = await rawGet(path);
    expect([200, 400, 403, 404]).toContain(res.status);
    if (res.status === 200) expect(res.body).toBe(INDEX);
    expect(res.body).not.toContain('TOP SECRET');
    expect(res.body).not.toMatch(/root:.*:0:0:/u);
  });

  it('a malformed percent-encoding is a client error, and the host stays up', async () => {
    const res = await rawGet('/%E0%A4%A');
    expect(res.status).toBe(400);
    expect((await fetch(`${host.url}/`)).status).toBe(200);
  });

  it('refuses other methods', async () => {
    expect((await fetch(`${host.url}/`, { method: 'POST', body: 'x' })).status).toBe(405);
  });
});

describe('WebSocket API', () => {
  it('answers a call with the same id and the result as data', async () => {
    const c = await connect();
    const reply = await c.call(7, 'rounds.list', {});
    expect(reply.id).toBe(7);
    expect(reply.result?.ok).toBe(true);
    expect(reply.result?.value).toEqual([expect.objectContaining({ fiscalYear: 2571, projectCount: 20 })]);
    // A loopback client is the owner, over the websocket transport.
    const info = await c.call(8, 'app.info', {});
    expect(info.result?.value).toMatchObject({ role: 'owner', transport: 'websocket' });
    c.ws.close();
  });

  it('answers garbage with BAD_ARGS and keeps the connection usable', async () => {
    const c = await connect();
    for (const garbage of [
      '{not json',
      'null',
      '42',
      '"text"',
      '[]',
      '{"method":"rounds.list","args":{}}',
      '{"id":"1","method":"rounds.list"}',
    ]) {
      c.ws.send(garbage);
      const reply = await c.next((m) => m.result !== undefined);
      expect(reply.result?.ok).toBe(false);
      expect(reply.result?.error?.code).toBe('BAD_ARGS');
    }
    const reply = await c.call(9, 'rounds.list', {});
    expect(reply.result?.ok).toBe(true);
    expect(c.ws.readyState).toBe(WebSocket.OPEN);
    c.ws.close();
  });

  it('passes errors from the dispatcher through as data', async () => {
    const c = await connect();
    expect((await c.call(1, 'no.such.method', {})).result?.error?.code).toBe('UNKNOWN_METHOD');
    expect((await c.call(2, 'rounds.get', { roundId: 'one' })).result?.error?.code).toBe('BAD_ARGS');
    c.ws.close();
  });

  it('refuses an upgrade from another origin', async () => {
    const ws = new WebSocket(wsUrl(), { origin: 'http://evil.example' });
    const status = await new Promise<number>((resolve) => {
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => resolve(101));
      ws.on('error', () => resolve(-1));
    });
    expect(status).not.toBe(101);
    expect([403, -1]).toContain(status);
    ws.terminate();
  });

  it('accepts an upgrade from its own origin', async () => {
    const c = await connect({ origin: host.url });
    expect((await c.call(1, 'rounds.list', {})).result?.ok).toBe(true);
    c.ws.close();
  });

  it('refuses an upgrade on another path', async () => {
    const ws = new WebSocket(`${host.url.replace(/^http/u, 'ws')}/other`);
    const status = await new Promise<number>((resolve) => {
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => resolve(101));
      ws.on('error', () => resolve(-1));
    });
    expect(status).not.toBe(101);
    ws.terminate();
  });

  it('pushes events from one client call to every other client', async () => {
    const a = await connect();
    const b = await connect();
    const reply = await a.call(1, 'rounds.setCeiling', { roundId: 1, ceiling: 123_456_00 });
    expect(reply.result?.ok).toBe(true);
    const event = await b.next((m) => m.event === 'round.changed');
    expect(event).toEqual({ event: 'round.changed', payload: { roundId: 1 } });
    expect(await b.next((m) => m.event === 'allocation.changed')).toEqual({
      event: 'allocation.changed',
      payload: { roundId: 1 },
    });
    const round = await b.call(2, 'rounds.get', { roundId: 1 });
    expect(round.result?.value).toMatchObject({ ceiling: 123_456_00 });
    a.ws.close();
    b.ws.close();
  });
});
