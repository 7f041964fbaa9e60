/**
 * Handler tests' shared setup: a core on a fresh temporary SQLite file seeded with a small synthetic sample,
 * closed and deleted after the test file, and `ok`, which calls a method and throws on an error result.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';
import type { ProposalDetail } from '../../../shared/api/projects';
import type { Caller } from '../context';
import { createCore, type Core } from '../core';
import { deviceOf } from '../downloads';
import type { SampleOptions } from '../seed/sample-data';

export const owner: Caller = { role: 'owner', actor: 'test', transport: 'direct' };

/**
 * The `projects.update` arguments of a proposal's edit form saved with `change` applied, as the grid sends it back
 * (confirmed after scoring when it has scores).
 */
export function proposalEditArgs(d: ProposalDetail, change: Readonly<Record<string, unknown>> = {}): Record<string, unknown> {
  const {
    id,
    version,
    roundId: _r,
    requested: _q,
    updatedAt: _u,
    changedAfterScoring: _c,
    coveredTambons: _t,
    scoreCount,
    linkCount: _l,
    pointOutside: _o,
    ...input
  } = d;
  return {
    projectId: id,
    expectedVersion: version,
    proposal: { ...input, ...change },
    ...(scoreCount > 0 ? { confirmAfterScoring: true } : {}),
  };
}

export function useTestCore(
  prefix: string,
  sample: SampleOptions,
  /** `worker`: compute tasks run on a compute worker thread, as in the app (off the core's own thread). */
  options: Readonly<{ worker?: boolean }> = {},
): Readonly<{
  core: () => Core;
  ok: <T>(method: string, args: unknown, caller?: Caller) => Promise<T>;
  /** Registers a file as an upload of the caller (as the browser's HTTP upload would) and returns its id. */
  upload: (fileName: string, content: string | Uint8Array, caller?: Caller) => string;
  /** The bytes of a file an export offered (as the caller's device fetches it: once). */
  download: (file: Readonly<{ downloadId: string }>, caller?: Caller) => Buffer;
}> {
  let dir = '';
  let core: Core | null = null;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), prefix));
    const worker = options.worker === true ? new URL('../compute/worker-dev.mjs', import.meta.url) : null;
    core = await createCore({
      dbPath: join(dir, 'chipao.sqlite'),
      sample,
      ...(worker ? { compute: { workerFile: fileURLToPath(worker) } } : {}),
    });
  });
  afterAll(async () => {
    await core?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const current = (): Core => {
    if (!core) throw new Error('the test core is not open (use it inside a test)');
    return core;
  };
  return {
    core: current,
    download: (file, caller = owner) => downloadedBytes(current(), file, caller),
    upload: (fileName, content, caller = owner) =>
      current().uploads.putBytes(caller, fileName, typeof content === 'string' ? Buffer.from(content) : content).id,
    ok: async <T>(method: string, args: unknown, caller: Caller = owner): Promise<T> => {
      const r = await current().call(method, args, caller);
      if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
      return r.value as T;
    },
  };
}

/** The bytes of a file an export offered to `caller`, fetched as its device would (once: the id is used up). */
export function downloadedBytes(core: Core, file: Readonly<{ downloadId: string }>, caller: Caller = owner): Buffer {
  const claimed = core.downloads.claim(file.downloadId, deviceOf(caller));
  if (!claimed) throw new Error(`download ${file.downloadId} is not available`);
  try {
    return readFileSync(claimed.path);
  } finally {
    claimed.release();
  }
}

/**
 * The arguments approving a scenario of the sample's round: its chair (member 1) with members 1–3 present, at the
 * meeting ครั้งที่ 3/2570 of 15 November 2569; `extra` overrides any of them.
 */
export function sampleApprovalArgs(scenarioId: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    scenarioId,
    resolutionNo: 'ครั้งที่ 3/2570',
    resolutionDate: '15 พ.ย. 2569',
    approverId: 1,
    memberIds: [1, 2, 3],
    ...extra,
  };
}

/** Every table's row count and content hash: equal before and after means nothing changed. */
export function everyTable(core: Core): Record<string, { count: number; sha: string }> {
  const { sqlite } = core.store;
  // Ordinary tables: a search index (FTS5 virtual and shadow tables) is derived from them by triggers.
  // A WITHOUT ROWID table has no rowid to order by: its primary key orders it (SELECT * without ORDER BY walks it).
  const tables = sqlite
    .prepare(
      "SELECT t.name, l.wr FROM sqlite_master t JOIN pragma_table_list l ON l.name = t.name AND l.schema = 'main' WHERE t.type = 'table' AND l.type = 'table' ORDER BY t.name",
    )
    .all() as { name: string; wr: number }[];
  const out: Record<string, { count: number; sha: string }> = {};
  for (const { name: t, wr } of tables) {
    const rows = sqlite.prepare(`SELECT * FROM "${t}"${wr ? '' : ' ORDER BY rowid'}`).all();
    out[t] = { count: rows.length, sha: createHash('sha256').update(JSON.stringify(rows)).digest('hex') };
  }
  return out;
}
