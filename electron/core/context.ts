/** What every handler receives: the store, the caller, and a way to broadcast events. */
import type { Events, EventName } from '../../shared/api/contract';
import type { Role } from '../../shared/api/types';
import type { RunStage } from '../../shared/api/scenario';
import type { ComputeRunner } from './compute/runner';
import type { Store } from './db/database';
import type { UploadStore } from './uploads';
import type { DownloadStore } from './downloads';
import type { AuditWatch } from './audit/audit-watch';

export type Caller = Readonly<{
  role: Role;
  /** Who, for the audit log: 'desktop', 'browser@127.0.0.1' (the owner's page), 'observer@127.0.0.1', 'member:3@192.168.1.20'. */
  actor: string;
  transport: 'ipc' | 'websocket' | 'direct';
  /** The connection (WebSocket or window) the call came on; uploads belong to it. */
  session?: string;
  // Workshop sessions (issue 11): set by the host and the dispatcher; see services/workshop.ts.
  /** The network address the call came from (sign-in attempts are limited per device). */
  address?: string;
  /** SHA-256 of the workshop token this connection offered; the dispatcher resolves it on every call. */
  tokenHash?: string;
  /** The signed-in participant and, for a member, the committee member they are bound to. */
  participantId?: number;
  memberId?: number;
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
  /** Files made for the caller (exports), fetched by id apart from the answer; see downloads.ts. */
  downloads: DownloadStore;
  /** The audit chain's state since start, and a fresh re-walk on demand (audit/audit-watch.ts). */
  audit: AuditWatch;
  /**
   * Stops the caller's running run of a scenario on the scenario lane (compute/scenario-lane.ts); false when none runs
   * there. Absent without a compute worker (a run on the host's thread cannot be interrupted). Only the owner may stop
   * it while other users' runs share the worker; a run is the caller's by role and name together.
   */
  cancelScenarioRun?: (caller: Caller, scenarioId: number) => Promise<boolean>;
  /**
   * Where the running call reports how far it is (a scenario run on the scenario lane: its stage, and the rule's
   * fraction done or null). Absent where nobody follows it.
   */
  progress?: (stage: RunStage, fraction: number | null) => void;
}>;
