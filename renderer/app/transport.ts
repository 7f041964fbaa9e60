/**
 * The one transport chosen at boot: the Electron preload bridge when present, otherwise a WebSocket
 * to the host that served this page (browser mode, workshop devices, Playwright).
 */
import type { CallRequest, EventMessage, EventName } from '../../shared/api/contract';
import type { ApiError, Result } from '../../shared/api/errors';
import type { Transport } from '../../shared/api/client';
import { en } from '../i18n/en';
import { th } from '../i18n/th';

/** Exactly what electron/preload exposes through contextBridge. */
export type ChipaoBridge = Readonly<{
  call(method: string, args: unknown): Promise<Result<unknown>>;
  onEvent(listener: (message: EventMessage) => void): () => void;
}>;

declare global {
  interface Window {
    bridge?: ChipaoBridge;
  }
}

export type ConnectionStatus = 'connecting' | 'open' | 'reconnecting';

/** A transport plus its connection state, which the app bar shows and which triggers refetches. */
export type AppTransport = Transport &
  Readonly<{
    status(): ConnectionStatus;
    onStatus(listener: (status: ConnectionStatus) => void): () => void;
  }>;

const EVENT_NAMES: ReadonlySet<string> = new Set<EventName>([
  'needs.synced',
  'scores.changed',
  'allocation.changed',
  'round.changed',
  'scenario.changed',
  'areas.changed',
]);

export function chooseTransport(): AppTransport {
  const bridge = window.bridge;
  if (bridge) return ipcTransport(bridge);
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return webSocketTransport(`${scheme}://${location.host}/api/ws`);
}

function ipcTransport(bridge: ChipaoBridge): AppTransport {
  return {
    kind: 'ipc',
    call: (method, args) => bridge.call(method, args),
    onEvent: (listener) => bridge.onEvent(listener),
    status: () => 'open',
    onStatus: () => () => undefined,
  };
}

const connectionLost: ApiError = {
  code: 'INTERNAL',
  message: en.errors.connectionLost,
  messageTh: th.errors.connectionLost,
};

const MIN_DELAY_MS = 250;
const MAX_DELAY_MS = 10_000;

type Pending = { request: CallRequest; resolve: (result: Result<unknown>) => void; sent: boolean };

/**
 * JSON over one WebSocket: `{id, method, args}` → `{id, result}`; pushed `{event, payload}`.
 * Calls made while the socket is down wait in order and go out when it opens. Calls already sent
 * when it drops resolve with a "connection lost" error rather than hang (they may or may not have run).
 */
export function webSocketTransport(url: string): AppTransport {
  const pending = new Map<number, Pending>();
  const listeners = new Set<(message: EventMessage) => void>();
  const statusListeners = new Set<(status: ConnectionStatus) => void>();
  let socket: WebSocket | null = null;
  let status: ConnectionStatus = 'connecting';
  let nextId = 1;
  let attempt = 0;

  const setStatus = (next: ConnectionStatus): void => {
    if (next === status) return;
    status = next;
    for (const l of statusListeners) l(next);
  };

  const send = (p: Pending): void => {
    if (socket?.readyState !== WebSocket.OPEN) return;
    socket.send(JSON.stringify(p.request));
    p.sent = true;
  };

  const onMessage = (raw: unknown): void => {
    if (typeof raw !== 'string') return;
    let message: unknown;
    try {
      message = JSON.parse(raw);
    } catch {
      return;
    }
    if (typeof message !== 'object' || message === null) return;
    if ('id' in message && 'result' in message && typeof message.id === 'number') {
      const p = pending.get(message.id);
      if (!p) return;
      pending.delete(message.id);
      p.resolve(message.result as Result<unknown>);
    } else if ('event' in message && typeof message.event === 'string' && EVENT_NAMES.has(message.event)) {
      for (const l of listeners) l(message as EventMessage);
    }
  };

  const connect = (): void => {
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      attempt = 0;
      setStatus('open');
      for (const p of pending.values()) if (!p.sent) send(p);
    };
    ws.onmessage = (e: MessageEvent) => onMessage(e.data);
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      for (const [id, p] of pending) {
        if (!p.sent) continue;
        pending.delete(id);
        p.resolve({ ok: false, error: connectionLost });
      }
      setStatus('reconnecting');
      // Exponential backoff with jitter so many workshop devices don't reconnect in lockstep.
      const delay = Math.min(MAX_DELAY_MS, MIN_DELAY_MS * 2 ** attempt) * (0.75 + Math.random() * 0.5);
      attempt += 1;
      setTimeout(connect, delay);
    };
    // onerror is always followed by onclose, which handles the retry.
    ws.onerror = () => undefined;
  };

  connect();

  return {
    kind: 'websocket',
    call: (method, args) =>
      new Promise<Result<unknown>>((resolve) => {
        const p: Pending = { request: { id: nextId++, method, args }, resolve, sent: false };
        pending.set(p.request.id, p);
        send(p);
      }),
    onEvent: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    status: () => status,
    onStatus: (listener) => {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
  };
}
