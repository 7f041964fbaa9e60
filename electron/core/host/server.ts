/**
 * The browser host: serves the built renderer and the same API over a WebSocket at /api/ws, and takes import files
 * as streamed HTTP uploads (`POST /api/upload/<id>` after `uploads.begin`) and hands exported files out as HTTP
 * downloads (`GET /api/download/<id>`, once, to the device that made the export). Bound to 127.0.0.1 by default.
 *
 * Hostile input is expected from every socket: requests naming a foreign Host are refused before anything else
 * (DNS rebinding), WebSocket upgrades need an allowed Origin, the owner proves itself with the secret written into
 * the page served to loopback (guard.ts), every socket and WebSocket error closes that one connection with a logged
 * reason, messages are capped, and each connection's calls pass a bounded, rate-limited, round-robin queue
 * (fair-queue.ts) so no client can starve another.
 *
 * Workshop sessions (docs/workshop.md): the host lends its listener to the session; opening one on another
 * interface starts a second listener there (same port, same checks) and closing it stops that listener, so nothing
 * listens beyond loopback unless a session is open. A device's workshop token travels as a subprotocol and is
 * resolved by the dispatcher on every call; a device not signed in hears only `workshop.changed`.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync, createReadStream } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { AppError, type ApiError } from '../../../shared/api/errors';
import { MAX_MESSAGE_BYTES } from '../../../shared/api/limits';
import { DOWNLOAD_PATH } from '../../../shared/api/downloads';
import type { Caller } from '../context';
import type { Core } from '../core';
import { downloadHeaders, downloadNotFound, normalizeAddress } from '../downloads';
import { isLoopback, workshopFor } from '../services/workshop';
import { createFairQueue, DEFAULT_LIMITS, type FairQueueLimits } from './fair-queue';
import { createGuard, PROTOCOL } from './guard';

export type HostOptions = Readonly<{
  core: Core;
  staticDir: string;
  host?: string;
  port?: number;
  /** Further Host names to serve (workshop mode behind a name); loopback names and the bound address always are. */
  allowedHosts?: readonly string[];
  limits?: Partial<FairQueueLimits>;
  /** Open connections (HTTP and WebSocket) allowed per remote address and in all, the owner's 127.0.0.1 / ::1 aside. */
  connections?: Readonly<{ perAddress?: number; total?: number }>;
  /** Bytes of replies and events waiting to be sent, per device (all its connections) and in all, the owner aside. */
  backlog?: Readonly<{ perAddress?: number; total?: number }>;
  /** Where connection-level refusals are reported (default: console.warn). */
  log?: (message: string) => void;
}>;

export type Host = Readonly<{ url: string; server: Server; ownerToken: string; close(): Promise<void> }>;

const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.geojson': 'application/geo+json',
};

export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; font-src 'self' data:; " +
  "img-src 'self' data: blob:; connect-src 'self' ws: wss:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/** Name of the meta element that carries the owner secret in the page served to loopback. */
export const OWNER_META = 'chipao-owner';

/** A client that does not read its replies is dropped before its backlog holds this much memory. */
const MAX_BUFFERED_BYTES = 32 * 1024 * 1024;
/** How long closing waits for calls already running to end before the connections are cut (the core closes next). */
const CLOSE_WAIT_MS = 5_000;
/**
 * The same for a device as a whole (its connections together) and for every device together: a device that opens
 * its 64 connections and reads none of them would otherwise hold 64 × 32 MB of the host's memory, and many devices
 * many times that. The owner's own 127.0.0.1 / ::1 is not counted.
 */
const MAX_BUFFERED_BYTES_PER_ADDRESS = 32 * 1024 * 1024;
const MAX_BUFFERED_BYTES_TOTAL = 256 * 1024 * 1024;

/**
 * Open connections a device may hold (a phone's page needs two or three), and all devices together: a device that
 * opens connections and sends nothing cannot use up the host's file descriptors and lock the owner out. The owner's
 * own address (127.0.0.1, ::1) is not counted.
 */
const MAX_CONNECTIONS_PER_ADDRESS = 64;
const MAX_CONNECTIONS = 2048;

export function startHost(options: HostOptions): Promise<Host> {
  const root = resolve(options.staticDir);
  const log = options.log ?? ((m: string) => console.warn(`[chipao host] ${m}`));
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const queue = createFairQueue(limits);
  const { core } = options;
  let guard = createGuard(options.host ?? '127.0.0.1', options.port ?? 5180, options.allowedHosts);
  const workshop = workshopFor(core.store);
  const perAddressCap = options.connections?.perAddress ?? MAX_CONNECTIONS_PER_ADDRESS;
  const totalCap = options.connections?.total ?? MAX_CONNECTIONS;
  const openByAddress = new Map<string, number>();
  let openOthers = 0;
  const backlogPerAddress = options.backlog?.perAddress ?? MAX_BUFFERED_BYTES_PER_ADDRESS;
  const backlogTotal = options.backlog?.total ?? MAX_BUFFERED_BYTES_TOTAL;
  /** Bytes handed to `ws.send` and not yet written to the socket, per device and in all (the owner's aside). */
  const unsentByAddress = new Map<string, number>();
  let unsentOthers = 0;
  /** Addresses already reported at their cap (reported once until they fall below it). */
  const reportedFull = new Set<string>();
  /** Admits a new socket, or closes it at once when its address (or every device together) is at its cap. */
  const admit = (socket: Socket): void => {
    const address = deviceOf(socket);
    if (isOwnerAddress(address)) return;
    const open = openByAddress.get(address) ?? 0;
    if (open >= perAddressCap || openOthers >= totalCap) {
      if (!reportedFull.has(address)) {
        reportedFull.add(address);
        log(
          `refusing connections from ${address}: ${open >= perAddressCap ? `${open} open from it` : `${openOthers} open in all`}`,
        );
      }
      socket.destroy();
      return;
    }
    openByAddress.set(address, open + 1);
    openOthers++;
    socket.once('close', () => {
      openOthers--;
      const left = (openByAddress.get(address) ?? 1) - 1;
      if (left > 0) openByAddress.set(address, left);
      else openByAddress.delete(address);
      reportedFull.delete(address);
    });
  };

  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    res.on('error', () => undefined);
    req.on('error', () => undefined);
    if (!guard.allowsHost(req.headers.host)) {
      plain(res, 421, 'This host name is not served here. / ไม่ให้บริการชื่อโฮสต์นี้');
      return;
    }
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    } catch {
      // A malformed escape such as '/%E0' would otherwise throw out of the listener and take the host down.
      res.writeHead(400).end();
      return;
    }
    if (path.startsWith('/api/upload/')) {
      receiveUpload(req, res, path.slice('/api/upload/'.length));
      return;
    }
    if (path.startsWith(DOWNLOAD_PATH)) {
      sendDownload(req, res, path.slice(DOWNLOAD_PATH.length));
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    serveStatic(req, res, path);
  };
  /** One HTTP server per address listened on, all with the same checks. */
  const listener = (): Server => {
    const s = createServer(onRequest);
    s.on('connection', admit);
    s.on('clientError', (error, socket) => {
      log(`bad HTTP request: ${error.message}`);
      if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n');
      else socket.destroy();
    });
    s.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => onUpgrade(req, socket, head));
    s.headersTimeout = 20_000;
    s.requestTimeout = 15 * 60_000;
    return s;
  };
  const server = listener();
  /** Listeners a workshop session opened on other interfaces, by address. */
  const sessionServers = new Map<string, Server>();
  /** Open WebSocket connections by the local address they came in on, so closing a session's listener ends them. */
  const clientsByLocal = new Map<WebSocket, string>();

  const serveStatic = (req: IncomingMessage, res: ServerResponse, path: string): void => {
    let file = normalize(join(root, path === '/' ? 'index.html' : path));
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(403).end();
      return;
    }
    if (!existsSync(file) || statSync(file).isDirectory()) file = join(root, 'index.html');
    if (!existsSync(file)) {
      plain(res, 503, 'The UI is not built: run `npm run build`.');
      return;
    }
    const isHtml = extname(file) === '.html';
    const headers = {
      'content-type': MIME[extname(file)] ?? 'application/octet-stream',
      'content-security-policy': CSP,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': isHtml ? 'no-store' : 'max-age=3600',
    };
    if (isHtml) {
      // The page served to the owner's own browser carries the owner secret; other devices' pages do not.
      let html = readFileSync(file, 'utf8');
      if (guard.mayReceiveOwnerToken(req)) {
        const meta = `<meta name="${OWNER_META}" content="${guard.ownerToken}">`;
        html = /<head[^>]*>/iu.test(html) ? html.replace(/<head[^>]*>/iu, (h) => `${h}${meta}`) : `${meta}${html}`;
      }
      res.writeHead(200, headers);
      res.end(req.method === 'HEAD' ? undefined : html);
      return;
    }
    res.writeHead(200, headers);
    if (req.method === 'HEAD') res.end();
    else
      createReadStream(file)
        .on('error', () => res.destroy())
        .pipe(res);
  };

  const receiveUpload = (req: IncomingMessage, res: ServerResponse, id: string): void => {
    const origin = req.headers.origin;
    if (req.method !== 'POST' || (origin !== undefined && !guard.allowsOrigin(origin, req.headers.host))) {
      req.resume();
      json(res, 403, { ok: false, error: forbidden('uploads come from this app’s own pages', 'รับไฟล์จากหน้าของโปรแกรมนี้เท่านั้น') });
      return;
    }
    if (!/^[0-9a-f]{32}$/u.test(id)) {
      req.resume();
      json(res, 404, { ok: false, error: new AppError('NOT_FOUND', 'unknown upload', 'ไม่พบรายการส่งไฟล์').toApiError() });
      return;
    }
    core.uploads.receive(id, req).then(
      (file) => json(res, 200, { ok: true, value: { uploadId: file.id, size: file.size, sha256: file.sha256 } }),
      (error: unknown) => {
        const api =
          error instanceof AppError
            ? error.toApiError()
            : new AppError('INTERNAL', 'the upload failed', 'การส่งไฟล์ไม่สำเร็จ').toApiError();
        json(res, api.code === 'TOO_LARGE' ? 413 : api.code === 'NOT_FOUND' ? 404 : 400, { ok: false, error: api });
        // Stop reading a body we have refused.
        if (!req.complete) req.socket.destroySoon?.();
      },
    );
  };

  /**
   * An exported file's bytes, streamed once to the device whose call made it (downloads.ts): the same checks as an
   * upload (this app's own pages only), and an unknown, expired, fetched or another device's id is the same 404.
   */
  const sendDownload = (req: IncomingMessage, res: ServerResponse, id: string): void => {
    const origin = req.headers.origin;
    if (
      req.method !== 'GET' ||
      (origin !== undefined && !guard.allowsOrigin(origin, req.headers.host)) ||
      req.headers['sec-fetch-site'] === 'cross-site'
    ) {
      json(res, 403, {
        ok: false,
        error: forbidden('downloads are fetched by this app’s own pages', 'ดาวน์โหลดได้จากหน้าของโปรแกรมนี้เท่านั้น'),
      });
      return;
    }
    const file = core.downloads.claim(id, normalizeAddress(req.socket.remoteAddress ?? ''));
    if (!file) {
      json(res, 404, { ok: false, error: downloadNotFound().toApiError() });
      return;
    }
    res.once('close', file.release);
    const stream = createReadStream(file.path);
    stream.once('error', () => res.destroy());
    stream.once('open', () => {
      res.writeHead(200, downloadHeaders(file));
      stream.pipe(res);
    });
  };

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_MESSAGE_BYTES,
    handleProtocols: (protocols) => (protocols.has(PROTOCOL) ? PROTOCOL : false),
  });
  wss.on('error', (error) => log(`websocket server error: ${error.message}`));

  const onUpgrade = (req: IncomingMessage, socket: Socket, head: Buffer): void => {
    socket.on('error', (error) => log(`socket error before upgrade from ${req.socket.remoteAddress ?? '?'}: ${error.message}`));
    let path = '';
    try {
      path = new URL(req.url ?? '/', 'http://x').pathname;
    } catch {
      path = '';
    }
    const refuse = (status: string, reason: string): void => {
      log(`refused upgrade from ${req.socket.remoteAddress ?? '?'}: ${reason}`);
      if (socket.writable) socket.end(`HTTP/1.1 ${status}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
      socket.destroy();
    };
    if (!guard.allowsHost(req.headers.host))
      return refuse('421 Misdirected Request', `foreign Host '${String(req.headers.host).slice(0, 80)}'`);
    if (path !== '/api/ws') return refuse('404 Not Found', 'not the API path');
    if (!guard.allowsOrigin(req.headers.origin, req.headers.host)) {
      return refuse('403 Forbidden', `Origin '${String(req.headers.origin).slice(0, 80)}' is not this host`);
    }
    const offered = new Set(
      String(req.headers['sec-websocket-protocol'] ?? '')
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean),
    );
    if (!offered.has(PROTOCOL)) return refuse('400 Bad Request', `no '${PROTOCOL}' subprotocol`);
    wss.handleUpgrade(req, socket, head, (ws) => serveClient(ws, req, offered));
  };

  const serveClient = (ws: WebSocket, req: IncomingMessage, offered: ReadonlySet<string>): void => {
    const address = req.socket.remoteAddress ?? 'unknown';
    clientsByLocal.set(ws, (req.socket.localAddress ?? '').replace(/^::ffff:/u, ''));
    const role = guard.roleOf(req, offered);
    const tokenHash = guard.tokenHashOf(offered);
    const session = `ws-${randomBytes(8).toString('hex')}`;
    const caller: Caller = {
      role,
      // A page without the owner's secret is named by its role, so the audit trail tells the owner's page on the host
      // laptop from a projector page there (a signed-in participant is named by the dispatcher).
      actor: role === 'owner' ? `browser@${address}` : `${role}@${address}`,
      transport: 'websocket',
      session,
      address,
      ...(tokenHash ? { tokenHash } : {}),
    };
    const lane = queue.lane();
    let paused = false;
    const device = deviceOf(req.socket);
    const counted = !isOwnerAddress(device);
    /** This connection's bytes not yet written to its socket; forgotten (and given back) when it closes. */
    let unsent = 0;
    let gone = false;
    const owe = (bytes: number): void => {
      if (gone) return;
      unsent += bytes;
      unsentOthers += bytes;
      const left = (unsentByAddress.get(device) ?? 0) + bytes;
      if (left > 0) unsentByAddress.set(device, left);
      else unsentByAddress.delete(device);
    };
    const send = (message: unknown): void => {
      if (ws.readyState !== ws.OPEN) return;
      const deviceBacklog = counted ? (unsentByAddress.get(device) ?? 0) : 0;
      const why =
        ws.bufferedAmount > MAX_BUFFERED_BYTES
          ? `${ws.bufferedAmount} bytes waiting`
          : deviceBacklog > backlogPerAddress
            ? `${deviceBacklog} bytes waiting over its connections`
            : counted && unsent > 0 && unsentOthers > backlogTotal
              ? `${unsent} bytes waiting, ${unsentOthers} for every device together`
              : null;
      if (why !== null) {
        log(`dropping ${address}: it does not read its replies (${why})`);
        ws.terminate();
        return;
      }
      const data = JSON.stringify(message);
      if (!counted) {
        ws.send(data);
        return;
      }
      const bytes = Buffer.byteLength(data);
      owe(bytes);
      ws.send(data, () => owe(-bytes));
    };
    // A device that has not signed in hears only that the session changed (so its sign-in page can follow).
    const hears = (event: string): boolean =>
      role !== 'guest' || event === 'workshop.changed' || (!!tokenHash && workshop.identify(tokenHash) !== null);
    const unsubscribe = core.onEvent((message) => {
      if (hears(message.event)) send(message);
    });
    ws.on('error', (error: Error & { code?: string }) => {
      // The ws library closes the connection itself (1002 protocol error, 1007 bad UTF-8, 1009 too big).
      log(`closed ${address}: ${error.code ?? 'error'}: ${error.message}`);
    });
    ws.on('close', () => {
      owe(-unsent);
      gone = true;
      clientsByLocal.delete(ws);
      unsubscribe();
      lane.close();
      core.uploads.dropOwner(session);
      core.downloads.dropOwner(session);
    });
    ws.on('message', (data, isBinary) => {
      if (isBinary) {
        send({ id: null, result: badRequest('messages are JSON text', 'ข้อความต้องเป็นข้อความ JSON') });
        return;
      }
      let request: { id?: unknown; method?: unknown; args?: unknown };
      try {
        request = JSON.parse(String(data)) as typeof request;
      } catch {
        send({ id: null, result: badRequest('message is not JSON', 'ข้อความไม่ใช่ JSON') });
        return;
      }
      // `null`, numbers and strings are valid JSON too; read `id` only from an object.
      const id =
        typeof request === 'object' && request !== null && Number.isSafeInteger(request.id) ? (request.id as number) : null;
      if (id === null) {
        send({ id, result: badRequest('message needs a numeric id', 'ข้อความต้องมีหมายเลข id') });
        return;
      }
      const refused = lane.submit(async () => {
        const result = await core.call(request.method, request.args, caller);
        send({ id, result });
        if (paused && lane.waiting() <= limits.maxQueued / 2) {
          paused = false;
          ws.resume();
        }
      });
      // Backpressure: with its queue full, the connection is not read until half of it has run, so a flooding
      // client is slowed by TCP itself instead of the host reading (and refusing) everything it sends.
      if (!refused && !paused && lane.waiting() >= limits.maxQueued) {
        paused = true;
        ws.pause();
      }
      if (refused) {
        send({
          id,
          result: {
            ok: false,
            error:
              refused === 'stopped'
                ? closing()
                : refused === 'rate'
                  ? busy(`more than ${limits.ratePerSecond} calls a second`, `เกิน ${limits.ratePerSecond} คำสั่งต่อวินาที`)
                  : busy(`more than ${limits.maxQueued} calls waiting`, `มีคำสั่งรอเกิน ${limits.maxQueued} รายการ`),
          },
        });
      }
    });
  };

  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 5180, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      server.on('error', (error) => log(`server error: ${error.message}`));
      const address = server.address() as AddressInfo;
      guard = createGuard(options.host ?? '127.0.0.1', address.port, options.allowedHosts);
      const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      const bound = address.address;
      const closeSessionServers = async (): Promise<void> => {
        const closing = [...sessionServers].map(
          ([a, s]) =>
            new Promise<void>((done) => {
              guard.forgetAddress(a);
              s.close(() => done());
              s.closeAllConnections();
              // Devices connected through this listener are cut off too: nothing stays reachable there.
              for (const [client, local] of clientsByLocal) if (local === a) client.terminate();
            }),
        );
        sessionServers.clear();
        await Promise.all(closing);
      };
      // A session left open at the last stop listens on its interface again before the host says it is ready.
      void workshop
        .attachNetwork({
          port: address.port,
          open: async (sessionAddress) => {
            guard.serveAddress(sessionAddress);
            // Already served: the host's own address, or every address when it listens on all of them.
            if (sessionAddress === bound || bound === '0.0.0.0' || bound === '::' || sessionServers.has(sessionAddress)) return;
            const extra = listener();
            await new Promise<void>((done, fail) => {
              extra.once('error', (error) => {
                guard.forgetAddress(sessionAddress);
                fail(error);
              });
              extra.listen(address.port, sessionAddress, () => {
                extra.on('error', (error) => log(`server error on ${sessionAddress}: ${error.message}`));
                done();
              });
            });
            sessionServers.set(sessionAddress, extra);
            log(
              `workshop session: also listening on ${sessionAddress}:${address.port}${isLoopback(sessionAddress) ? ' (loopback)' : ''}`,
            );
          },
          close: closeSessionServers,
        })
        .then((detach) =>
          resolvePromise({
            url: `http://${shownHost}:${address.port}`,
            server,
            ownerToken: guard.ownerToken,
            close: async () => {
              detach();
              // No call starts once closing begins, and those running end before the caller closes the core.
              await queue.stop(CLOSE_WAIT_MS);
              await closeSessionServers();
              await new Promise<void>((done) => {
                for (const client of wss.clients) client.terminate();
                wss.close();
                server.close(() => done());
                server.closeAllConnections();
              });
            },
          }),
        );
    });
  });
}

/** The device a socket comes from: its remote address, an IPv4 address mapped into IPv6 written as IPv4. */
function deviceOf(socket: Socket): string {
  return (socket.remoteAddress ?? '').replace(/^::ffff:/u, '');
}

/** The owner's own addresses, which the per-device caps leave out. */
function isOwnerAddress(address: string): boolean {
  return address === '127.0.0.1' || address === '::1';
}

function plain(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' }).end(text);
}

function json(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

function forbidden(message: string, messageTh: string): ApiError {
  return { code: 'FORBIDDEN', message, messageTh };
}

function badRequest(message: string, messageTh: string): { ok: false; error: ApiError } {
  return { ok: false, error: { code: 'BAD_ARGS', message, messageTh } };
}

/** A call that arrived while the host was closing: it was not run. */
function closing(): ApiError {
  return {
    code: 'INVALID_STATE',
    message: 'the program is closing; the call was not run',
    messageTh: 'โปรแกรมกำลังปิด คำสั่งนี้จึงไม่ได้ทำ',
  };
}

function busy(why: string, whyTh: string): ApiError {
  return {
    code: 'RATE_LIMITED',
    message: `too many calls from this connection (${why}); wait a moment and try again`,
    messageTh: `การเชื่อมต่อนี้ส่งคำสั่งมากเกินไป (${whyTh}) กรุณารอสักครู่แล้วลองใหม่`,
  };
}
