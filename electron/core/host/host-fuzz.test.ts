/**
 * The host under attack, over real loopback connections: more than a thousand crafted WebSocket frames, messages,
 * handshakes and uploads (bad RSV bits, lengths, masks and opcodes, invalid UTF-8, a 65 MB message, deep nesting,
 * unknown methods, wrong types, foreign Host and Origin, a missing owner secret). After each one the host still
 * answers a well-behaved client, no crafted call succeeds, and no table changed.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect as tcpConnect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createRng, type Rng } from '../../../shared/domain/prng';
import { createCore, type Core } from '../core';
import { startHost, type Host } from './server';

let dir: string;
let core: Core;
let host: Host;
let port: number;
const logged: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'chipao-fuzz-'));
  const staticDir = join(dir, 'static');
  mkdirSync(staticDir, { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><head></head><p>index</p>');
  core = await createCore({ dbPath: join(dir, 'chipao.sqlite'), sample: { needs: 400, projects: 15 } });
  host = await startHost({ core, staticDir, host: '127.0.0.1', port: 0, log: (m) => logged.push(m) });
  port = Number(new URL(host.url).port);
});

afterAll(async () => {
  await host?.close();
  await core?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Every table's row count and a digest of its rows: a crafted call that changed anything shows here. */
function storeDigest(): Record<string, string> {
  // Ordinary tables: a search index (FTS5 virtual and shadow tables) is derived from them by triggers.
  const tables = core.store.sqlite
    .prepare(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN (SELECT name FROM pragma_table_list WHERE type IN ('virtual', 'shadow')) ORDER BY name`,
    )
    .all() as {
    name: string;
  }[];
  const out: Record<string, string> = {};
  for (const { name } of tables) {
    const rows = core.store.sqlite.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all();
    out[name] = `${rows.length}:${createHash('sha256').update(JSON.stringify(rows)).digest('hex')}`;
  }
  return out;
}

type Reply = { id?: number | null; result?: { ok: boolean; error?: { code: string; message: string } } };

/** A well-behaved owner client: the page the host served, with its secret. */
async function wellBehaved(): Promise<{ ws: WebSocket; call(method: string, args: unknown): Promise<Reply> }> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/api/ws`, ['chipao', `chipao-owner.${host.ownerToken}`], {
    origin: host.url,
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  let nextId = 1;
  const waiting = new Map<number, (r: Reply) => void>();
  ws.on('message', (data) => {
    const m = JSON.parse(String(data)) as Reply;
    if (typeof m.id === 'number') waiting.get(m.id)?.(m);
  });
  return {
    ws,
    call: (method, args) =>
      new Promise((resolve, reject) => {
        const id = nextId++;
        const timer = setTimeout(() => reject(new Error(`no reply to ${method} within 5 s`)), 5000);
        waiting.set(id, (r) => {
          clearTimeout(timer);
          waiting.delete(id);
          resolve(r);
        });
        ws.send(JSON.stringify({ id, method, args }));
      }),
  };
}

/** One WebSocket frame as a client would write it (or, with the options, as a broken or hostile one would). */
function frame(
  payload: Buffer,
  o: Partial<{ fin: boolean; rsv: number; opcode: number; mask: boolean; claimedLength: bigint }> = {},
): Buffer {
  const fin = o.fin ?? true;
  const rsv = o.rsv ?? 0;
  const opcode = o.opcode ?? 0x1;
  const mask = o.mask ?? true;
  const length = o.claimedLength ?? BigInt(payload.length);
  const head: number[] = [(fin ? 0x80 : 0) | ((rsv & 7) << 4) | (opcode & 0xf)];
  const m = mask ? 0x80 : 0;
  let ext = Buffer.alloc(0);
  if (length < 126n) head.push(m | Number(length));
  else if (length < 65536n) {
    head.push(m | 126);
    ext = Buffer.alloc(2);
    ext.writeUInt16BE(Number(length));
  } else {
    head.push(m | 127);
    ext = Buffer.alloc(8);
    ext.writeBigUInt64BE(length);
  }
  const key = mask ? randomBytes(4) : Buffer.alloc(0);
  const body = Buffer.from(payload);
  if (mask) for (let i = 0; i < body.length; i++) body[i]! ^= key[i % 4]!;
  return Buffer.concat([Buffer.from(head), ext, key, body]);
}

const text = (s: string): Buffer => Buffer.from(s, 'utf8');

/** Opens a raw TCP connection and sends a handshake; resolves with the socket and the status line it got back. */
function rawHandshake(
  headers: Record<string, string | undefined>,
  path = '/api/ws',
): Promise<{ socket: Socket; status: number }> {
  return new Promise((resolve, reject) => {
    const socket = tcpConnect(port, '127.0.0.1');
    socket.on('error', () => undefined);
    let buffered = '';
    const onData = (chunk: Buffer): void => {
      buffered += chunk.toString('latin1');
      const end = buffered.indexOf('\r\n\r\n');
      if (end < 0) return;
      socket.off('data', onData);
      resolve({ socket, status: Number(/^HTTP\/1\.1 (\d{3})/u.exec(buffered)?.[1] ?? 0) });
    };
    socket.on('data', onData);
    socket.on('close', () => resolve({ socket, status: Number(/^HTTP\/1\.1 (\d{3})/u.exec(buffered)?.[1] ?? 0) }));
    socket.setTimeout(5000, () => reject(new Error('handshake timed out')));
    const all: Record<string, string | undefined> = {
      Host: `127.0.0.1:${port}`,
      Upgrade: 'websocket',
      Connection: 'Upgrade',
      'Sec-WebSocket-Key': randomBytes(16).toString('base64'),
      'Sec-WebSocket-Version': '13',
      'Sec-WebSocket-Protocol': 'chipao',
      Origin: `http://127.0.0.1:${port}`,
      ...headers,
    };
    const lines = Object.entries(all)
      .filter((e): e is [string, string] => e[1] !== undefined)
      .map(([k, v]) => `${k}: ${v}`);
    socket.write(`GET ${path} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`);
  });
}

/**
 * Sends bytes on a fresh connection (after a valid handshake, as an observer: no owner secret) and collects what
 * comes back until the host closes it or a short while passes. Replies to calls must all be refusals.
 */
async function sendRaw(bytes: Buffer, waitMs = 40, expectReply = false): Promise<{ replies: Reply[]; closed: boolean }> {
  const { socket, status } = await rawHandshake({});
  expect(status).toBe(101);
  const replies: Reply[] = [];
  let pending = Buffer.alloc(0);
  let closed = false;
  socket.on('data', (chunk: Buffer) => {
    pending = Buffer.concat([pending, chunk]);
    // Server frames are unmasked; read the text frames' payloads.
    while (pending.length >= 2) {
      const opcode = pending[0]! & 0xf;
      let len = pending[1]! & 0x7f;
      let off = 2;
      if (len === 126) {
        if (pending.length < 4) return;
        len = pending.readUInt16BE(2);
        off = 4;
      } else if (len === 127) {
        if (pending.length < 10) return;
        len = Number(pending.readBigUInt64BE(2));
        off = 10;
      }
      if (pending.length < off + len) return;
      const body = pending.subarray(off, off + len);
      pending = pending.subarray(off + len);
      if (opcode === 0x1) {
        const m = JSON.parse(body.toString('utf8')) as Reply & { event?: string };
        if (m.event === undefined) replies.push(m);
      }
    }
  });
  // Done when the host closes the connection, when the expected reply came, or after waitMs.
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, waitMs);
    const done = (): void => {
      clearTimeout(timer);
      resolve();
    };
    socket.on('close', () => {
      closed = true;
      done();
    });
    if (expectReply) socket.on('data', () => setImmediate(() => replies.length > 0 && done()));
    socket.write(bytes);
  });
  socket.destroy();
  return { replies, closed };
}

function craftedFrames(rng: Rng): { name: string; bytes: Buffer }[] {
  const call = (method: string, args: unknown): Buffer => text(JSON.stringify({ id: rng.int(1, 1e6), method, args }));
  const out: { name: string; bytes: Buffer }[] = [];
  for (let i = 0; i < 70; i++) {
    out.push({ name: 'rsv bits set', bytes: frame(call('rounds.list', {}), { rsv: rng.int(1, 7) }) });
    out.push({ name: 'unmasked client frame', bytes: frame(call('rounds.list', {}), { mask: false }) });
    out.push({
      name: 'reserved opcode',
      bytes: frame(text('{}'), { opcode: rng.pick([3, 4, 5, 6, 7, 0xb, 0xc, 0xd, 0xe, 0xf]) }),
    });
    out.push({
      name: 'length over the limit, no body',
      bytes: frame(Buffer.alloc(0), {
        claimedLength: rng.pick([1n << 62n, 65n * 1024n * 1024n, (1n << 63n) - 1n, 2n * 1024n * 1024n]),
      }),
    });
    out.push({
      name: 'invalid UTF-8 text',
      bytes: frame(Buffer.from([0x7b, 0xc3, 0x28, 0xa0, 0xa1, 0xff, 0xfe, rng.int(0x80, 0xbf)])),
    });
    out.push({ name: 'control frame too long', bytes: frame(randomBytes(rng.int(126, 400)), { opcode: 0x9 }) });
    out.push({ name: 'fragmented control frame', bytes: frame(text('ping'), { opcode: 0x9, fin: false }) });
    out.push({ name: 'continuation without a start', bytes: frame(call('rounds.list', {}), { opcode: 0x0 }) });
    out.push({ name: 'close with an invalid code', bytes: frame(Buffer.from([0x03, rng.int(0, 0xe7)]), { opcode: 0x8 }) });
    out.push({ name: 'close with a one-byte body', bytes: frame(Buffer.from([0x03]), { opcode: 0x8 }) });
    out.push({ name: 'truncated frame', bytes: frame(call('rounds.list', {})).subarray(0, rng.int(1, 12)) });
    out.push({ name: 'random bytes', bytes: randomBytes(rng.int(1, 300)) });
    out.push({
      name: 'text frame split by a data frame of another type',
      bytes: Buffer.concat([frame(text('{"id":1,'), { fin: false }), frame(text('"method"'), { opcode: 0x2 })]),
    });
  }
  return out;
}

function craftedMessages(rng: Rng): { name: string; message: string }[] {
  const id = (): number => rng.int(1, 1e6);
  const owner = [
    ['rounds.setCeiling', { roundId: 1, ceiling: 1 }],
    ['needs.sync', { uploadId: '0'.repeat(32) }],
    ['scenarios.create', { roundId: 1, name: 'x' }],
    ['scenarios.delete', { scenarioId: 1 }],
    ['scenarios.update', { scenarioId: 1, name: 'y' }],
    ['plan.exportXlsx', { roundId: 1 }],
    ['reference.importAreas', { uploadId: 'a'.repeat(32) }],
    ['scores.set', { roundId: 1, memberId: 1, projectId: 1, criterionId: 1, value: 5, expectedVersion: 1 }],
  ] as const;
  const out: { name: string; message: string }[] = [];
  const deep = (n: number): string => `${'['.repeat(n)}${']'.repeat(n)}`;
  for (let i = 0; i < 40; i++) {
    out.push({
      name: 'deep nesting in args',
      message: `{"id":${id()},"method":"rounds.get","args":${deep(rng.int(1000, 200_000))}}`,
    });
    out.push({
      name: 'deep nested objects',
      message: `{"id":${id()},"method":"rounds.get","args":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`,
    });
    out.push({
      name: 'unknown method',
      message: JSON.stringify({ id: id(), method: `x.${randomBytes(4).toString('hex')}`, args: {} }),
    });
    out.push({
      name: 'prototype key as method',
      message: JSON.stringify({
        id: id(),
        method: rng.pick(['__proto__', 'constructor', 'toString', 'hasOwnProperty']),
        args: {},
      }),
    });
    out.push({
      name: 'wrong argument types',
      message: JSON.stringify({
        id: id(),
        method: 'rounds.get',
        args: { roundId: rng.pick(['1', -1, 1.5, null, [], {}, 1e308]) },
      }),
    });
    out.push({
      name: 'extra argument keys',
      message: JSON.stringify({ id: id(), method: 'projects.list', args: { roundId: 1, __proto__: { admin: true }, extra: 1 } }),
    });
    out.push({
      name: 'args not an object',
      message: JSON.stringify({ id: id(), method: 'rounds.get', args: rng.pick(['x', 1, true, [1]]) }),
    });
    const [method, args] = rng.pick(owner);
    out.push({ name: `owner method without the owner secret (${method})`, message: JSON.stringify({ id: id(), method, args }) });
    out.push({
      name: 'owner method with a forged secret field',
      message: JSON.stringify({ id: id(), method, args, token: host.ownerToken.replace(/./u, 'f') }),
    });
    out.push({ name: 'id not a safe integer', message: `{"id":1e400,"method":"rounds.list","args":{}}` });
  }
  return out;
}

describe('host under crafted input', () => {
  it('survives 1,000+ crafted frames, messages and handshakes; nothing crafted succeeds; nothing changes', async () => {
    const good = await wellBehaved();
    const before = storeDigest();
    const rng = createRng(20261202);
    let crafted = 0;
    const stillServes = async (after: string): Promise<void> => {
      const r = await good.call('app.info', {});
      expect(r.result?.ok, `host stopped answering after: ${after}`).toBe(true);
    };

    // 1. Frames that break the protocol: each closes its own connection only.
    for (const f of craftedFrames(rng)) {
      const { replies } = await sendRaw(f.bytes);
      for (const r of replies) expect(r.result?.ok, f.name).toBe(false);
      crafted++;
      await stillServes(f.name);
    }

    // 2. Well-formed frames carrying hostile messages, from a loopback connection without the owner secret.
    for (const m of craftedMessages(rng)) {
      const { replies } = await sendRaw(frame(text(m.message)), 2000, true);
      expect(replies, m.name).toHaveLength(1);
      for (const r of replies) expect(r.result?.ok, m.name).toBe(false);
      crafted++;
      await stillServes(m.name);
    }

    // 3. Handshakes that must be refused before any handler.
    const handshakes: { name: string; headers: Record<string, string | undefined>; path?: string; want: number[] }[] = [];
    for (let i = 0; i < 12; i++) {
      handshakes.push(
        {
          name: 'foreign Host (DNS rebinding)',
          headers: { Host: `evil.example:${port}`, Origin: `http://evil.example:${port}` },
          want: [421],
        },
        { name: 'foreign Origin', headers: { Origin: 'http://evil.example' }, want: [403] },
        { name: 'null Origin', headers: { Origin: 'null' }, want: [403] },
        { name: 'no Origin', headers: { Origin: undefined }, want: [403] },
        { name: 'Origin of another port', headers: { Origin: `http://127.0.0.1:${port + 1}` }, want: [403] },
        { name: 'no subprotocol', headers: { 'Sec-WebSocket-Protocol': undefined }, want: [400] },
        { name: 'wrong path', headers: {}, path: '/api/ws2', want: [404] },
        { name: 'unknown protocol version', headers: { 'Sec-WebSocket-Version': '99' }, want: [400, 426] },
        { name: 'bad key', headers: { 'Sec-WebSocket-Key': 'short' }, want: [400] },
        { name: 'Host with a path', headers: { Host: `127.0.0.1:${port}/x` }, want: [421] },
      );
    }
    for (const h of handshakes) {
      const { socket, status } = await rawHandshake(h.headers, h.path);
      socket.destroy();
      expect(h.want, h.name).toContain(status);
      crafted++;
      await stillServes(h.name);
    }

    // 4. An owner secret that is almost right is no owner secret.
    for (let i = 0; i < 20; i++) {
      const forged = host.ownerToken.slice(0, 63) + (host.ownerToken.endsWith('0') ? '1' : '0');
      const ws = new WebSocket(
        `ws://127.0.0.1:${port}/api/ws`,
        ['chipao', `chipao-owner.${rng.pick([forged, '', 'x'.repeat(64)])}`],
        {
          origin: host.url,
        },
      );
      await new Promise<void>((resolve, reject) => {
        ws.once('open', () => resolve());
        ws.once('error', reject);
      });
      const reply = await new Promise<Reply>((resolve) => {
        ws.once('message', (d) => resolve(JSON.parse(String(d)) as Reply));
        ws.send(JSON.stringify({ id: 1, method: 'rounds.setCeiling', args: { roundId: 1, ceiling: 100 } }));
      });
      expect(reply.result?.error?.code).toBe('FORBIDDEN');
      ws.close();
      crafted++;
    }

    // 5. A 65 MB message: refused (closed with 1009) without the host reading it into memory.
    const big = new WebSocket(`ws://127.0.0.1:${port}/api/ws`, ['chipao'], { origin: host.url });
    await new Promise<void>((resolve, reject) => {
      big.once('open', () => resolve());
      big.once('error', reject);
    });
    const closeCode = new Promise<number>((resolve) => big.once('close', (code) => resolve(code)));
    big.send(Buffer.alloc(65 * 1024 * 1024, 0x20), { binary: false });
    expect(await closeCode).toBe(1009);
    crafted++;
    await stillServes('65 MB message');

    expect(crafted).toBeGreaterThanOrEqual(1000);
    expect(storeDigest()).toEqual(before);
    // Every refused connection was logged with its reason.
    expect(logged.some((l) => /Invalid WebSocket frame|RSV/iu.test(l))).toBe(true);
    expect(logged.some((l) => /foreign Host/u.test(l))).toBe(true);
    good.ws.close();
  }, 240_000);

  it('a client that floods the host waits behind a well-behaved one', async () => {
    const good = await wellBehaved();
    const flood = new WebSocket(`ws://127.0.0.1:${port}/api/ws`, ['chipao'], { origin: host.url });
    await new Promise<void>((resolve) => flood.once('open', () => resolve()));
    const replies: Reply[] = [];
    let lastFloodReplyAt = 0;
    flood.on('message', (d) => {
      replies.push(JSON.parse(String(d)) as Reply);
      lastFloodReplyAt = performance.now();
    });
    for (let i = 1; i <= 3000; i++) flood.send(JSON.stringify({ id: i, method: 'projects.list', args: { roundId: 1 } }));
    const goodReply = await good.call('app.info', {});
    const goodAt = performance.now();
    expect(goodReply.result?.ok).toBe(true);
    await new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (replies.length >= 3000) {
          clearInterval(check);
          resolve();
        }
      }, 20);
    });
    // Every flood call got an answer: run, or refused as rate-limited (never silently dropped).
    expect(replies).toHaveLength(3000);
    const limited = replies.filter((r) => r.result?.error?.code === 'RATE_LIMITED');
    expect(limited.length).toBeGreaterThan(0);
    expect(limited[0]!.result!.error!.message).toMatch(/too many calls/u);
    // The well-behaved call was answered before the flood was through.
    expect(goodAt).toBeLessThan(lastFloodReplyAt);
    flood.close();
    good.ws.close();
  });
});
