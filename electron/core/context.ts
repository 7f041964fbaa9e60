/** What every handler receives: the store, the caller, and a way to broadcast events. */
import type { Events, EventName } from '../../shared/api/contract';
import type { Role } from '../../shared/api/types';
import type { ComputeRunner } from './compute/runner';
import type { Store } from './db/database';
import type { UploadStore } from './uploads';
import type { AuditWatch } from './audit/audit-watch';

export type Caller = Readonly<{
  role: Role;
  /** Who, for the audit log: 'desktop', 'browser@127.0.0.1', 'member:3@192.168.1.20'. */
  actor: string;
  transport: 'ipc' | 'websocket' | 'direct';
  /** The connection (WebSocket or window) the call came on; uploads belong to it. */
  session?: string;
}>;

export type CoreContext = Readonly<{
  store: Store;
  dataPath: string;
  version: string;
  emit<E extends EventName>(event: E, payload: Events[E]): void;
  /** CPU-heavy work without the database (compute/tasks.ts), off the host's thread when a worker is configured. */
  compute: ComputeRunner['run'];
  /** Files sent for imports (streamed to the data folder); see uploads.ts. */
  uploads: UploadStore;
  /** The audit chain's state since start, and a fresh re-walk on demand (audit/audit-watch.ts). */
  audit: AuditWatch;
}>;
