/**
 * Bench: a 1,000,000-need NDJSON feed through `needs.sync` as the host runs it (an upload, a backup, the sync streamed
 * on a worker of its own with its own write connection).
 * - `sync.ndjson_1m`: rows/s; baseline = a bare better-sqlite3 prepared-statement insert of the same rows (parsed
 *   beforehand, untimed) in one transaction; ratio = value / baseline (≥ 0.5 wanted).
 * - `sync.ndjson_1m_peak_rss_mb`: the process's peak resident memory during the sync (main thread and workers), MB;
 *   baseline = the same process idle just before (≤ 400 wanted).
 * - `sync.main_thread_stall_ms`: the host's longest event-loop stall during the sync, ms (≤ 100 wanted); baseline = the
 *   longest stall of an idle event loop in another process over the same period (what the machine's load alone causes).
 */
import { execFileSync, spawn } from 'node:child_process';
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { SyncReport } from '../../../shared/api/types';
import { NEED_CATEGORIES } from '../../../shared/domain/taxonomy';
import type { Caller } from '../../../electron/core/context';
import { createCore } from '../../../electron/core/core';
import { indexNewNeeds } from '../../../electron/core/db/need-search';
import type { BenchRecord } from '../types';

const ROWS = 1_000_000;
const owner: Caller = { role: 'owner', actor: 'bench', transport: 'direct' };
const ROOT = new URL('../../../', import.meta.url).pathname;

/**
 * The compute worker, the feed sync's and the feed reader's entries as the app ships them: bundled by esbuild with the
 * build's options (electron/scripts/build.mjs), here into a directory of this run's own under node_modules/.cache so
 * that their packages resolve (and another checkout's bench, sharing that node_modules, cannot replace them
 * meanwhile). (The development worker loads TypeScript through tsx in every thread, some 300 MB per worker, which the
 * app never does.)
 */
async function bundledWorker(out: string): Promise<{ workerFile: string; syncWorkerFile: string; readerFile: string }> {
  const bundle = async (entry: string, name: string): Promise<string> => {
    const outfile = join(out, name);
    await build({
      entryPoints: [join(ROOT, entry)],
      outfile,
      bundle: true,
      platform: 'node',
      target: 'node20',
      packages: 'external',
      format: 'esm',
      logLevel: 'warning',
    });
    return outfile;
  };
  return {
    workerFile: await bundle('electron/core/compute/worker.ts', 'compute-worker.mjs'),
    syncWorkerFile: await bundle('electron/core/compute/sync-worker.ts', 'sync-worker.mjs'),
    readerFile: await bundle('electron/core/compute/feed-reader-worker.ts', 'feed-reader-worker.mjs'),
  };
}

/**
 * Writes the feed to disk in a child process, so that the million strings it makes are never in this process's heap
 * (their garbage would count in the peak memory and its collection in the stalls measured here).
 */
function writeFeed(path: string, tambons: readonly string[], rows: number): void {
  const script = `
    const { openSync, writeSync, closeSync } = require('node:fs');
    const { path, rows, tambons, categories } = JSON.parse(process.env.FEED);
    const fd = openSync(path, 'w');
    writeSync(fd, JSON.stringify({ feed: 'chipao.needs', version: 1, source: 'bench' }) + '\\n');
    let chunk = [];
    for (let i = 0; i < rows; i++) {
      chunk.push(JSON.stringify({
        id: 'B-' + i, version: 1, updated_at: '2026-11-20T09:30:00+07:00', title: 'ขอขยายเขตประปาหมู่บ้าน ' + i,
        category: categories[i % categories.length], tambon: tambons[i % tambons.length], village_no: (i % 15) + 1,
        households: (i % 40) + 2, people_affected: (i % 120) + 5, times_raised: 1, channel: 'ประชาคม',
        reported_date: '15 ต.ค. 2569', estimated_cost: ((i % 500) + 20) * 1000 + '.00',
      }));
      if (chunk.length === 10000) { writeSync(fd, chunk.join('\\n') + '\\n'); chunk = []; }
    }
    if (chunk.length > 0) writeSync(fd, chunk.join('\\n') + '\\n');
    closeSync(fd);`;
  const categories = NEED_CATEGORIES.map((c) => c.id);
  execFileSync(process.execPath, ['-e', script], {
    env: { ...process.env, FEED: JSON.stringify({ path, rows, tambons, categories }) },
    stdio: 'inherit',
  });
}

/** Writes back every file's dirty pages (`sync`), so that a timing does not pay for an earlier step's writes. */
function flushDisk(): void {
  execFileSync('sync');
}

/** Resets the kernel's record of this process's peak resident size (Linux); false where that is not possible. */
function resetPeakRss(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return peakRss() !== null;
  } catch {
    return false;
  }
}

/** The process's peak resident size since the last reset (VmHWM), in bytes. */
function peakRss(): number | null {
  const m = /VmHWM:\s+(\d+) kB/u.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) * 1024 : null;
}

/**
 * An idle event loop in another process, measuring its own longest stall until stopped: on a loaded machine a thread
 * may wait for a core for hundreds of ms whatever it runs, so this is the stall figure's baseline (same period).
 */
function idleLoopProbe(): { stop(): Promise<number> } {
  const script = `
    let last = performance.now(), max = 0;
    setInterval(() => { const now = performance.now(); max = Math.max(max, now - last - 10); last = now; }, 10);
    process.stdin.on('data', () => { process.stdout.write(String(Math.round(max))); process.exit(0); });`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  return {
    stop: () =>
      new Promise((resolve) => {
        child.on('exit', () => resolve(Number(out)));
        child.stdin.write('stop\n');
      }),
  };
}

export async function run(): Promise<BenchRecord[]> {
  const dir = mkdtempSync(join(tmpdir(), 'chipao-bench-sync-'));
  const cache = join(ROOT, 'node_modules/.cache');
  mkdirSync(cache, { recursive: true });
  const bundles = mkdtempSync(join(cache, 'chipao-bench-'));
  try {
    const core = await createCore({
      dbPath: join(dir, 'sync.sqlite'),
      seedSample: false,
      compute: await bundledWorker(bundles),
    });
    const tambons = (core.store.sqlite.prepare('SELECT code FROM area_tambon ORDER BY code').all() as { code: string }[]).map(
      (r) => r.code,
    );
    const feed = join(dir, 'bench.ndjson');
    writeFeed(feed, tambons, ROWS);
    const upload = core.uploads.putFile(owner, 'bench.ndjson', feed);
    // The shared compute worker is up (createCore starts it); let it settle before measuring.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    // Both timings start with the disk's write cache empty: what the feed's writing left (and, before the baseline,
    // the sync's own gigabyte) would otherwise be written back during one timing and not the other.
    flushDisk();
    const rssBefore = process.memoryUsage.rss();

    // The kernel's own peak (VmHWM), reset just before the sync; sampling the resident size from this thread instead
    // (where the kernel cannot reset it) reads /proc while the sync's worker maps memory, which itself stalled the
    // event loop being measured.
    const kernelPeak = resetPeakRss();
    let peak = process.memoryUsage.rss();
    const sampler = kernelPeak ? null : setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
    const stalls = monitorEventLoopDelay({ resolution: 10 });
    stalls.enable();
    const probe = idleLoopProbe();
    const t0 = performance.now();
    // Where the long stalls were (stderr), to tell what caused them.
    let last = performance.now();
    const lateness = setInterval(() => {
      const now = performance.now();
      if (now - last > 60)
        console.error(`[needs-sync bench] stall ${Math.round(now - last - 10)} ms at ${Math.round(last - t0)} ms`);
      last = now;
    }, 10);
    const r = await core.call('needs.sync', { uploadId: upload.id }, owner);
    const seconds = (performance.now() - t0) / 1000;
    stalls.disable();
    const idleStallMs = await probe.stop();
    if (sampler) clearInterval(sampler);
    clearInterval(lateness);
    peak = Math.max(peak, process.memoryUsage.rss(), kernelPeak ? (peakRss() ?? 0) : 0);
    if (!r.ok) throw new Error(`needs.sync failed: ${r.error.code} ${r.error.message}`);
    const report = r.value as SyncReport;
    if (report.newCount !== ROWS) throw new Error(`expected ${ROWS} new needs, got ${report.newCount}`);
    // The delay monitor's max is the longest time a 10 ms timer was late: the longest stall, less its resolution.
    const stallMs = Math.max(0, stalls.max / 1e6 - 10);
    await core.close();

    flushDisk();
    const bareSeconds = await bareInsertSeconds(dir, feed);
    const value = ROWS / seconds;
    const baseline = ROWS / bareSeconds;
    return [
      {
        name: 'sync.ndjson_1m',
        value: Math.round(value),
        unit: 'rows/s',
        baseline: Math.round(baseline),
        ratio: round(value / baseline),
      },
      // The baseline is the process's memory just before the sync (the host with its compute worker, idle).
      {
        name: 'sync.ndjson_1m_peak_rss_mb',
        value: Math.round(peak / (1024 * 1024)),
        unit: 'MB',
        baseline: Math.round(rssBefore / (1024 * 1024)),
        ratio: null,
      },
      // Baseline: the longest stall of an idle event loop in another process over the same period (the machine's load).
      {
        name: 'sync.main_thread_stall_ms',
        value: Math.round(stallMs),
        unit: 'ms',
        baseline: idleStallMs,
        ratio: idleStallMs > 0 ? round(stallMs / idleStallMs) : null,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(bundles, { recursive: true, force: true });
  }
}

/**
 * The baseline: the same rows (with the record's JSON, which the sync keeps too), parsed beforehand (untimed), through
 * one prepared insert in one transaction on a fresh database of the same schema, their titles indexed for search. Parsed and inserted 100,000 at a time so the parse does not fill memory.
 */
async function bareInsertSeconds(dir: string, feed: string): Promise<number> {
  const base = await createCore({ dbPath: join(dir, 'bare.sqlite'), seedSample: false });
  const { sqlite } = base.store;
  const insert = sqlite.prepare(`INSERT INTO need (source, external_id, version, updated_at, title, description,
    category, tpmap, tambon_code, village_no, households, people_affected, times_raised, channel, reported_date, status, lat,
    lon, estimated_cost, raw_json, batch_id) VALUES ('bench', ?, 1, ?, ?, '', ?, NULL, ?, ?, ?, ?, 1, ?, '2026-10-15', 'active',
    NULL, NULL, ?, ?, NULL)`);
  const lines = readFileSync(feed, 'utf8').split('\n');
  let ms = 0;
  sqlite.exec('BEGIN');
  for (let start = 1; start < lines.length; start += 100_000) {
    const records = lines
      .slice(start, start + 100_000)
      .filter((l) => l !== '')
      .map((l) => ({ r: JSON.parse(l) as Record<string, string | number>, raw: l }));
    const t = performance.now();
    for (const { r, raw } of records) {
      insert.run(
        r['id'],
        r['updated_at'],
        r['title'],
        r['category'],
        r['tambon'],
        r['village_no'],
        r['households'],
        r['people_affected'],
        r['channel'],
        Number(String(r['estimated_cost'])) * 100,
        raw,
      );
    }
    ms += performance.now() - t;
  }
  // The same schema's search index, as every writer of needs fills it (one statement for the batch's new ids).
  const t = performance.now();
  indexNewNeeds(sqlite, 1, Number(sqlite.prepare('SELECT max(id) FROM need').pluck().get()));
  sqlite.exec('COMMIT');
  ms += performance.now() - t;
  await base.close();
  return ms / 1000;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
