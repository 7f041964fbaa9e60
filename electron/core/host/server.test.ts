import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { connect as connectTcp, type Socket } from 'node:net';
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

const withOwner = (html: string): string => `<meta name="chipao-owner" content="${host.ownerToken}">${html}`;

const wsUrl = (): string => `${host.url.replace(/^http/u, 'ws')}/api/ws`;

type Incoming = {
  id?: number | null;
  result?: { ok: boolean; value?: unknown; error?: { code: string } };
  event?: string;
  payload?: unknown;
};

/** A client that queues every message so none is lost between awaits. By default it is the owner's own page. */
async function connect(
  options: WebSocket.ClientOptions = {},
  protocols: string[] = ['chipao', `chipao-owner.${host.ownerToken}`],
): Promise<{
  ws: WebSocket;
  next(pred?: (m: Incoming) => boolean): Promise<Incoming>;
  call(id: number, method: string, args: unknown): Promise<Incoming>;
}> {
  const ws = new WebSocket(wsUrl(), protocols, { origin: host.url, ...options });
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
  it('GET / serves index.html with a CSP and no-sniff, and the owner secret to loopback only', async () => {
    const res = await fetch(`${host.url}/`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(withOwner(INDEX));
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
    expect(await route.text()).toBe(withOwner(INDEX));
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
    if (res.status === 200) expect(res.body).toBe(withOwner(INDEX));
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

  it('serves nothing to a Host name it does not listen for (DNS rebinding)', async () => {
    const { port } = new URL(host.url);
    for (const name of [`evil.example:${port}`, 'evil.example', `127.0.0.1.nip.io:${port}`, `localhost:${Number(port) + 1}`]) {
      const res = await rawGet('/', { host: name });
      expect(res.status, name).toBe(421);
      expect(res.body).not.toContain('chipao-owner');
      expect(res.body).not.toContain(host.ownerToken);
    }
    // The loopback names it does listen for are served.
    for (const name of [`localhost:${port}`, `127.0.0.1:${port}`]) expect((await rawGet('/', { host: name })).status).toBe(200);
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

describe('who is the owner', () => {
  it('a loopback client without the owner secret is an observer and cannot change anything', async () => {
    const c = await connect({}, ['chipao']);
    expect((await c.call(1, 'app.info', {})).result?.value).toMatchObject({ role: 'observer' });
    const refused = await c.call(2, 'rounds.setCeiling', { roundId: 1, ceiling: 100 });
    expect(refused.result?.error?.code).toBe('FORBIDDEN');
    c.ws.close();
  });

  it('an upgrade without an Origin, or without the app’s subprotocol, is refused', async () => {
    for (const [protocols, headers] of [
      [['chipao'], {}],
      [[], { origin: host.url }],
    ] as const) {
      const ws = new WebSocket(wsUrl(), [...protocols], { headers });
      const status = await new Promise<number>((resolve) => {
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.on('open', () => resolve(101));
        ws.on('error', () => resolve(-1));
      });
      expect([400, 403]).toContain(status);
      ws.terminate();
    }
  });
});

describe('uploads', () => {
  const feed = [
    '{"feed":"chipao.needs","version":1,"source":"upload-test"}',
    '{"id":"UP-1","version":1,"updated_at":"2026-11-22T10:00:00+07:00","title":"ขอประปา","category":"water","tambon":"190101","people_affected":5}',
    '',
  ].join('\n');

  async function begin(c: Awaited<ReturnType<typeof connect>>, size: number): Promise<{ uploadId: string; url: string }> {
    const r = await c.call(Math.floor(Math.random() * 1e6), 'uploads.begin', { fileName: 'feed.ndjson', size });
    expect(r.result?.ok).toBe(true);
    return r.result?.value as { uploadId: string; url: string };
  }

  it('streams a file over HTTP and names it in a call on the same connection', async () => {
    const c = await connect();
    const ticket = await begin(c, Buffer.byteLength(feed));
    const res = await fetch(`${host.url}${ticket.url}`, { method: 'POST', body: feed, headers: { origin: host.url } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, value: { uploadId: ticket.uploadId, size: Buffer.byteLength(feed) } });
    const sync = await c.call(2, 'needs.sync', { uploadId: ticket.uploadId });
    expect(sync.result?.ok, JSON.stringify(sync.result)).toBe(true);
    // Used once: the same id is gone afterwards.
    expect((await c.call(3, 'needs.sync', { uploadId: ticket.uploadId })).result?.error?.code).toBe('NOT_FOUND');
    c.ws.close();
  });

  it('refuses more bytes than announced, a second body, an unknown id and a foreign Origin', async () => {
    const c = await connect();
    const ticket = await begin(c, 10);
    const tooMuch = await fetch(`${host.url}${ticket.url}`, { method: 'POST', body: 'x'.repeat(100) });
    expect(tooMuch.status).toBe(400);
    expect(((await tooMuch.json()) as { error: { messageTh: string } }).error.messageTh).toContain('แจ้งขนาด 10 ไบต์');
    const again = await fetch(`${host.url}${ticket.url}`, { method: 'POST', body: 'x'.repeat(10) });
    expect(again.status).toBe(404);
    expect((await fetch(`${host.url}/api/upload/${'0'.repeat(32)}`, { method: 'POST', body: 'x' })).status).toBe(404);
    const t2 = await begin(c, 1);
    const foreign = await fetch(`${host.url}${t2.url}`, {
      method: 'POST',
      body: 'x',
      headers: { origin: 'http://evil.example' },
    });
    expect(foreign.status).toBe(403);
    c.ws.close();
  });

  it('refuses a file over the size limit before it is sent', async () => {
    const c = await connect();
    const r = await c.call(1, 'uploads.begin', { fileName: 'huge.ndjson', size: 600 * 1024 * 1024 });
    expect(r.result?.error?.code).toBe('TOO_LARGE');
    c.ws.close();
  });

  it('an upload is usable only on the connection that began it', async () => {
    const a = await connect();
    const b = await connect();
    const ticket = await begin(a, Buffer.byteLength(feed));
    await fetch(`${host.url}${ticket.url}`, { method: 'POST', body: feed });
    expect((await b.call(1, 'needs.sync', { uploadId: ticket.uploadId })).result?.error?.code).toBe('NOT_FOUND');
    a.ws.close();
    b.ws.close();
  });
});

describe('connections per device', () => {
  /** A raw TCP connection from a loopback address other than the owner's, open until its end. */
  const hold = (localAddress: string): Promise<{ socket: Socket; closed: Promise<void> }> => {
    const { hostname, port } = new URL(host.url);
    return new Promise((resolve, reject) => {
      const socket = connectTcp({ host: hostname, port: Number(port), localAddress }, () =>
        resolve({ socket, closed: new Promise((done) => socket.once('close', () => done())) }),
      );
      socket.on('error', reject);
    });
  };

  it('closes connections a device opens past its cap, while the owner and other devices are served', async () => {
    const held = await Promise.all(Array.from({ length: 70 }, () => hold('127.0.0.2')));
    // The host closes the ones past 64 at once; the first 64 stay open.
    const closedSoon = await Promise.all(
      held.map(({ closed }) => Promise.race([closed.then(() => true), new Promise((r) => setTimeout(() => r(false), 500))])),
    );
    expect(closedSoon.filter(Boolean)).toHaveLength(6);
    expect((await rawGet('/')).status).toBe(200);
    const other = await hold('127.0.0.3');
    expect(await Promise.race([other.closed.then(() => 'closed'), new Promise((r) => setTimeout(() => r('open'), 300))])).toBe(
      'open',
    );
    other.socket.destroy();
    // Closing its connections lets the device connect again.
    for (const h of held) h.socket.destroy();
    await Promise.all(held.map((h) => h.closed));
    await new Promise((r) => setTimeout(r, 50));
    const again = await hold('127.0.0.2');
    expect(await Promise.race([again.closed.then(() => 'closed'), new Promise((r) => setTimeout(() => r('open'), 300))])).toBe(
      'open',
    );
    again.socket.destroy();
  });
});

describe('replies a device does not read', () => {
  /** A WebSocket connection from 127.0.0.2 that upgrades, then never reads another byte. */
  const deaf = (target: Host): Promise<Socket> => {
    const port = Number(new URL(target.url).port);
    return new Promise((resolve, reject) => {
      const socket = connectTcp({ host: '127.0.0.1', port, localAddress: '127.0.0.2' });
      socket.on('error', () => undefined);
      socket.once('data', (d: Buffer) => {
        socket.pause();
        if (d.toString('latin1').startsWith('HTTP/1.1 101')) resolve(socket);
        else reject(new Error(`no upgrade: ${d.toString('latin1').slice(0, 40)}`));
      });
      socket.write(
        [
          'GET /api/ws HTTP/1.1',
          `Host: 127.0.0.1:${port}`,
          'Upgrade: websocket',
          'Connection: Upgrade',
          `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
          'Sec-WebSocket-Version: 13',
          'Sec-WebSocket-Protocol: chipao',
          `Origin: http://127.0.0.1:${port}`,
          '',
          '',
        ].join('\r\n'),
      );
    });
  };
  /** One masked text frame, as a client sends it. */
  const textFrame = (text: string): Buffer => {
    const payload = Buffer.from(text);
    const key = randomBytes(4);
    for (let i = 0; i < payload.length; i++) payload[i]! ^= key[i % 4]!;
    return Buffer.concat([Buffer.from([0x81, 0x80 | payload.length]), key, payload]);
  };

  it('drops a device whose connections together hold more unsent replies than its share, though each holds less', async () => {
    const logged: string[] = [];
    const perAddress = 2 * 1024 * 1024;
    const small = await startHost({
      core,
      staticDir: join(dir, 'static'),
      host: '127.0.0.1',
      port: 0,
      backlog: { perAddress },
      log: (m) => logged.push(m),
    });
    const sockets = await Promise.all(Array.from({ length: 4 }, () => deaf(small)));
    try {
      const dropped = (): string | undefined => logged.find((m) => m.startsWith('dropping 127.0.0.2'));
      // Each connection asks for the area list (about 11 kB) 500 times a second and reads none of the answers.
      const started = Date.now();
      for (let id = 1; !dropped() && Date.now() - started < 15_000;) {
        for (const s of sockets) {
          if (s.destroyed) continue;
          for (let i = 0; i < 10; i++) s.write(textFrame(JSON.stringify({ id: id++, method: 'areas.list', args: {} })));
        }
        await new Promise((r) => setTimeout(r, 20));
      }
      const message = dropped();
      expect(message).toMatch(/bytes waiting over its connections/u);
      // Dropped once the device's backlog passed its share (plus one answer), long before any one connection's 32 MB.
      expect(Number(/\((\d+) bytes/u.exec(message ?? '')?.[1])).toBeLessThan(perAddress + 64 * 1024);
      // The owner is still served.
      expect((await rawGet('/')).status).toBe(200);
    } finally {
      for (const s of sockets) s.destroy();
      await small.close();
    }
  });
});

describe('closing', () => {
  it('starts no call once closing begins, and lets those running end before the core is closed', async () => {
    const own = await createCore({ dbPath: join(dir, 'closing', 'chipao.sqlite'), sample: { needs: 50, projects: 5 } });
    let closing = false;
    let startedAfter = 0;
    let running = 0;
    let endedAfterClose = 0;
    let coreClosed = false;
    const counting: Core = {
      ...own,
      call: async (method, args, caller) => {
        if (closing) startedAfter++;
        running++;
        try {
          return await own.call(method, args, caller);
        } finally {
          running--;
          if (coreClosed) endedAfterClose++;
        }
      },
    };
    const target = await startHost({ core: counting, staticDir: join(dir, 'static'), host: '127.0.0.1', port: 0 });
    const port = new URL(target.url).port;
    const ws = new WebSocket(`ws://127.0.0.1:${port}/api/ws`, ['chipao', `chipao-owner.${target.ownerToken}`], {
      origin: target.url,
    });
    ws.on('error', () => undefined);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    // A burst of calls, most of them still queued when the host is told to close.
    const first = new Promise<void>((resolve) => ws.once('message', () => resolve()));
    for (let id = 1; id <= 200; id++) ws.send(JSON.stringify({ id, method: 'areas.list', args: {} }));
    await first;
    closing = true;
    await target.close();
    expect(running).toBe(0);
    await own.close();
    coreClosed = true;
    await new Promise((r) => setTimeout(r, 100));
    expect(startedAfter).toBe(0);
    expect(endedAfterClose).toBe(0);
  });
});
