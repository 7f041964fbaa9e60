/**
 * The one transport chosen at boot: the Electron preload bridge when present, otherwise a WebSocket
 * to the host that served this page (browser mode, workshop devices, Playwright).
 */
import type { CallRequest, EventMessage, EventName } from '../../shared/api/contract';
import type { ApiError, Result } from '../../shared/api/errors';
import type { Transport } from '../../shared/api/client';
import type { UploadTicket } from '../../shared/api/types';
import { en } from '../i18n/en';
import { th } from '../i18n/th';

/** Exactly what electron/preload exposes through contextBridge. */
export type ChipaoBridge = Readonly<{
  call(method: string, args: unknown): Promise<Result<unknown>>;
  onEvent(listener: (message: EventMessage) => void): () => void;
  /** Hands a chosen file to the core, which reads it from disk (no bytes cross the bridge). */
  upload(file: File): Promise<Result<UploadDone>>;
}>;

/** A file the core now holds; its id names it in calls such as `needs.sync`. */
export type UploadDone = Readonly<{ uploadId: string }>;

export type UploadProgress = (sentBytes: number, totalBytes: number) => void;

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
    /** Sends a file for an import: streamed HTTP in the browser, a local path in the desktop. */
    upload(file: File, onProgress?: UploadProgress): Promise<Result<UploadDone>>;
  }>;

const EVENT_NAMES: ReadonlySet<string> = new Set<EventName>([
  'needs.synced',
  'scores.changed',
  'allocation.changed',
  'round.changed',
  'scenario.changed',
  'areas.changed',
  'links.changed',
  'links.progress',
  'workshop.changed',
  'sample.removed',
  // A long scenario run's stage and fraction done
  'scenario.progress',
  // A long sync's progress (issue 9 item 7)
  'needs.syncProgress',
]);

export function chooseTransport(): AppTransport {
  const bridge = window.bridge;
  if (bridge) return ipcTransport(bridge);
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return webSocketTransport(`${scheme}://${location.host}/api/ws`, takeOwnerToken(), storedWorkshopToken());
}

/** Where a workshop device keeps the token its sign-in returned (features/workshop/workshop-token.ts writes it). */
export const WORKSHOP_TOKEN_KEY = 'chipao.workshopToken';

/** The workshop token this device signed in with, if any: offered on every connect, so a reconnect resumes. */
function storedWorkshopToken(): string | null {
  try {
    const token = localStorage.getItem(WORKSHOP_TOKEN_KEY);
    return token && /^[0-9a-f]{64}$/u.test(token) ? token : null;
  } catch {
    return null;
  }
}

/**
 * The owner secret the host wrote into the page it served to the owner's own browser (none on workshop devices).
 * Read once, kept in memory only, and removed from the document.
 */
function takeOwnerToken(): string | null {
  const meta = document.querySelector<HTMLMetaElement>('meta[name="chipao-owner"]');
  const token = meta?.content ?? null;
  meta?.remove();
  return token && /^[0-9a-f]{64}$/u.test(token) ? token : null;
}

function ipcTransport(bridge: ChipaoBridge): AppTransport {
  return {
    kind: 'ipc',
    call: (method, args) => bridge.call(method, args),
    onEvent: (listener) => bridge.onEvent(listener),
    status: () => 'open',
    onStatus: () => () => undefined,
    upload: (file) => bridge.upload(file),
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
export function webSocketTransport(
  url: string,
  ownerToken: string | null = null,
  workshopToken: string | null = null,
): AppTransport {
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
    const protocols = ['chipao'];
    if (ownerToken) protocols.push(`chipao-owner.${ownerToken}`);
    if (workshopToken) protocols.push(`chipao-token.${workshopToken}`);
    const ws = new WebSocket(url, protocols);
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

  const call = (method: string, args: unknown): Promise<Result<unknown>> =>
    new Promise<Result<unknown>>((resolve) => {
      const p: Pending = { request: { id: nextId++, method, args }, resolve, sent: false };
      pending.set(p.request.id, p);
      send(p);
    });

  return {
    kind: 'websocket',
    call,
    upload: async (file, onProgress) => {
      const ticket = (await call('uploads.begin', { fileName: file.name, size: file.size })) as Result<UploadTicket>;
      if (!ticket.ok) return ticket;
      return postFile(new URL(ticket.value.url, location.href).toString(), file, onProgress);
    },
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

const uploadFailed: ApiError = { code: 'INTERNAL', message: en.errors.uploadFailed, messageTh: th.errors.uploadFailed };

/** POSTs the file's bytes as the request body (streamed by the browser), reporting progress; the host answers JSON. */
function postFile(url: string, file: File, onProgress?: UploadProgress): Promise<Result<UploadDone>> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    if (onProgress) xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onload = () => {
      try {
        const body = JSON.parse(String(xhr.responseText)) as Result<UploadDone>;
        resolve(typeof body === 'object' && body !== null && 'ok' in body ? body : { ok: false, error: uploadFailed });
      } catch {
        resolve({ ok: false, error: uploadFailed });
      }
    };
    xhr.onerror = () => resolve({ ok: false, error: uploadFailed });
    xhr.send(file);
  });
}
