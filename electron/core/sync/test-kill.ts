/**
 * The kill test's trials, shared by the test suite (kill.test.ts) and the stress script (test/stress/kill-sync.ts):
 * a sync of a large feed (a file, or an HTTP feed served from this process) runs in a child
 * process that is SIGKILLed at a random moment; then the database must pass `PRAGMA integrity_check`, show no partial
 * batch (a file: all of it or none; a feed: exactly the pages its committed cursor covers), and a resync must end with
 * exactly the rows of an uninterrupted sync.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCore } from '../core';
import { openStore } from '../db/database';
import { exportNeedLines } from '../import/needs-export';
import { pullSource, sourceKeyOf } from './https-pull';
import { syncNeedsFile } from './needs-sync';
import { addSource } from './needs-sources';
import { feedRecords, startFeedServer, type FeedServer } from '../../../test/fixtures/feed-server';

const ROOT = new URL('../../../', import.meta.url).pathname;
const CHILD = join(ROOT, 'electron/core/sync/test-kill-child.ts');
/** Records per page of the feed trials. */
export const KILL_PAGE = 500;

export type KillSetup = Readonly<{
  dir: string;
  rows: number;
  feedPath: string;
  server: FeedServer;
  /** An empty migrated database, copied for each trial. */
  template: string;
  /** `needs-export` of an uninterrupted sync, file and feed. */
  reference: Readonly<{ file: string[]; feed: string[] }>;
  /** How long an uninterrupted child's sync takes, ms, from its first write to the database to its exit. */
  syncMs: Readonly<{ file: number; feed: number }>;
  close(): Promise<void>;
}>;

export type TrialResult = Readonly<{
  kind: 'file' | 'feed';
  killAfterMs: number;
  /** The child had finished before the kill. */
  finished: boolean;
  /** Needs present after the kill (before the resync). */
  needsAfterKill: number;
  integrity: string;
  /** Problems found; empty when the trial passed. */
  problems: string[];
}>;

/** Builds the feed (file and server), an empty database and the reference exports from uninterrupted runs. */
export async function setupKillTrials(dir: string, rows: number): Promise<KillSetup> {
  const template = join(dir, 'template.sqlite');
  const core = await createCore({ dbPath: template, seedSample: false, auditAnchor: false });
  const tambons = (core.store.sqlite.prepare('SELECT code FROM area_tambon ORDER BY code').all() as { code: string }[]).map(
    (r) => r.code,
  );
  core.store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  await core.close();
  const records = feedRecords(rows, tambons);
  const feedPath = join(dir, 'feed.ndjson');
  writeFileSync(
    feedPath,
    [JSON.stringify({ feed: 'chipao.needs', version: 1, source: 'kill' }), ...records.map((r) => JSON.stringify(r))].join('\n') +
      '\n',
  );
  const server = await startFeedServer({ log: records.map((item) => ({ item })) });
  const ref = async (kind: 'file' | 'feed'): Promise<{ lines: string[]; ms: number }> => {
    const db = freshDb(dir, template, `reference-${kind}`);
    const run = await runChild(kind === 'file' ? feedPath : server.url, db, null);
    if (run.code !== 0) throw new Error(`the uninterrupted ${kind} sync exited ${run.code}`);
    return { lines: exportOf(db), ms: run.syncMs };
  };
  const file = await ref('file');
  const feed = await ref('feed');
  return {
    dir,
    rows,
    feedPath,
    server,
    template,
    reference: { file: file.lines, feed: feed.lines },
    syncMs: { file: file.ms, feed: feed.ms },
    close: () => server.close(),
  };
}

/**
 * One trial: a child sync killed `killAfterMs` after it first wrote to the database, the checks, a resync in this
 * process, the comparison.
 */
export async function killTrial(setup: KillSetup, kind: 'file' | 'feed', killAfterMs: number, n: number): Promise<TrialResult> {
  const db = freshDb(setup.dir, setup.template, `trial-${n}`);
  const { code } = await runChild(kind === 'file' ? setup.feedPath : setup.server.url, db, killAfterMs);
  const problems: string[] = [];
  const store = openStore(db);
  let integrity = '';
  let needsAfterKill = 0;
  try {
    integrity = String(store.sqlite.pragma('integrity_check', { simple: true }));
    if (integrity !== 'ok') problems.push(`integrity_check: ${integrity}`);
    needsAfterKill = (store.sqlite.prepare('SELECT COUNT(*) AS n FROM need').get() as { n: number }).n;
    // Every batch's counts match what it wrote: no batch is visible half-written.
    const batches = store.sqlite
      .prepare(
        `SELECT b.id, b.new_count, (SELECT COUNT(*) FROM need_change c WHERE c.batch_id = b.id AND c.kind = 'new') AS written
         FROM sync_batch b`,
      )
      .all() as { id: number; new_count: number; written: number }[];
    for (const b of batches)
      if (b.new_count !== b.written) problems.push(`batch ${b.id} says ${b.new_count} new, wrote ${b.written}`);
    if (kind === 'file') {
      if (needsAfterKill !== 0 && needsAfterKill !== setup.rows) problems.push(`a partial file batch: ${needsAfterKill} needs`);
    } else {
      const src = store.sqlite.prepare('SELECT cursor FROM needs_source').get() as { cursor: string | null } | undefined;
      const covered = src?.cursor ? Number(src.cursor) : 0;
      if (needsAfterKill !== covered)
        problems.push(`the cursor covers ${covered} records but ${needsAfterKill} needs are stored`);
    }
    // The resync runs to the end (here, as the command line would); the result must equal an uninterrupted sync's.
    if (kind === 'file') {
      syncNeedsFile(store, { path: setup.feedPath, fileName: 'feed.ndjson' }, 'cli');
    } else {
      const source = addSource(store, null, sourceKeyOf(setup.server.url), setup.server.url, 'cli');
      const r = await pullSource(store, source.id, 'cli', { limit: KILL_PAGE, backoffMs: 20 });
      if (!r.ok) problems.push(`the resync failed: ${r.error?.en ?? ''}`);
    }
  } catch (error) {
    problems.push(`the resync failed: ${String(error)}`);
  } finally {
    await store.close();
  }
  const lines = exportOf(db);
  const reference = kind === 'file' ? setup.reference.file : setup.reference.feed;
  if (lines.length !== reference.length || lines.some((l, i) => l !== reference[i])) {
    problems.push(`after the resync ${lines.length} needs differ from the uninterrupted sync's ${reference.length}`);
  }
  for (const suffix of ['', '-wal', '-shm', '.audit-anchor.json', '.audit-key']) rmSync(`${db}${suffix}`, { force: true });
  return { kind, killAfterMs, finished: code === 0, needsAfterKill, integrity, problems };
}

function freshDb(dir: string, template: string, name: string): string {
  const db = join(dir, `${name}.sqlite`);
  copyFileSync(template, db);
  return db;
}

function exportOf(db: string): string[] {
  const store = openStore(db);
  try {
    return [...exportNeedLines(store)];
  } finally {
    void store.close();
  }
}

/**
 * Runs a sync in a child Node process (test-kill-child.ts: what `cli sync SOURCE --db DB` does; TypeScript through
 * tsx's loader in the same process, so the signal reaches the process that holds the database). The clock starts when the child first writes to the database
 * (its WAL file appears, after start-up); with `killAfterMs` the child is SIGKILLed that long after.
 */
function runChild(source: string, db: string, killAfterMs: number | null): Promise<{ code: number | null; syncMs: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, source, db, String(KILL_PAGE)], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
    let started: number | null = null;
    let timer: NodeJS.Timeout | null = null;
    const watch = setInterval(() => {
      if (started !== null || !existsSync(`${db}-wal`)) return;
      started = performance.now();
      if (killAfterMs !== null) timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    }, 5);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearInterval(watch);
      if (timer) clearTimeout(timer);
      const syncMs = started === null ? 0 : performance.now() - started;
      if (signal === null && code !== 0 && killAfterMs === null) reject(new Error(`sync exited ${code}: ${stderr}`));
      else resolve({ code: signal === 'SIGKILL' ? null : code, syncMs });
    });
  });
}
