/**
 * The browser host: serves the built renderer and the same API over a WebSocket at /api/ws. Bound to
 * 127.0.0.1 by default; a loopback client is the desktop owner, any other client (workshop mode) is a
 * committee member. WebSocket upgrades from another origin are refused (no cross-site or DNS-rebinding calls).
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Role } from '../../../shared/api/types';
import type { Core } from '../core';

export type HostOptions = Readonly<{
  core: Core;
  staticDir: string;
  host?: string;
  port?: number;
}>;

export type Host = Readonly<{ url: string; server: Server; close(): Promise<void> }>;

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

const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

export function startHost(options: HostOptions): Promise<Host> {
  const root = resolve(options.staticDir);
  const server = createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
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
    let file = normalize(join(root, path === '/' ? 'index.html' : path));
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(403).end();
      return;
    }
    if (!existsSync(file) || statSync(file).isDirectory()) file = join(root, 'index.html');
    if (!existsSync(file)) {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' }).end('The UI is not built: run `npm run build`.');
      return;
    }
    res.writeHead(200, {
      'content-type': MIME[extname(file)] ?? 'application/octet-stream',
      'content-security-policy': CSP,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': extname(file) === '.html' ? 'no-cache' : 'max-age=3600',
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  server.on('upgrade', (req, socket, head) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path !== '/api/ws' || !sameOrigin(req)) {
      socket.write('HTTP/1.1 403 Forbidden\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => serveClient(ws, req, options.core));
  });

  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 5180, options.host ?? '127.0.0.1', () => {
      const address = server.address() as AddressInfo;
      const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      resolvePromise({
        url: `http://${shownHost}:${address.port}`,
        server,
        close: () =>
          new Promise<void>((done) => {
            for (const client of wss.clients) client.terminate();
            wss.close();
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

function isLoopback(address: string | undefined): boolean {
  return !!address && (address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.'));
}

function sameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (!origin) return true; // non-browser clients (tests, scripts) send none
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

function serveClient(ws: WebSocket, req: IncomingMessage, core: Core): void {
  const address = req.socket.remoteAddress;
  const role: Role = isLoopback(address) ? 'owner' : 'member';
  const caller = { role, actor: `browser@${address ?? 'unknown'}`, transport: 'websocket' as const };
  const unsubscribe = core.onEvent((message) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  });
  ws.on('close', unsubscribe);
  ws.on('message', (data) => {
    let request: { id?: unknown; method?: unknown; args?: unknown };
    try {
      request = JSON.parse(String(data)) as typeof request;
    } catch {
      ws.send(JSON.stringify({ id: null, result: badRequest('message is not JSON', 'ข้อความไม่ใช่ JSON') }));
      return;
    }
    // `null`, numbers and strings are valid JSON too; read `id` only from an object.
    const id = typeof request === 'object' && request !== null && typeof request.id === 'number' ? request.id : null;
    if (id === null) {
      ws.send(JSON.stringify({ id, result: badRequest('message needs a numeric id', 'ข้อความต้องมีหมายเลข id') }));
      return;
    }
    void core.call(request.method, request.args, caller).then((result) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id, result }));
    });
  });
}

function badRequest(
  message: string,
  messageTh: string,
): { ok: false; error: { code: 'BAD_ARGS'; message: string; messageTh: string } } {
  return { ok: false, error: { code: 'BAD_ARGS', message, messageTh } };
}
