/**
 * HTTPS pull of a needs source (docs/needs-sync-protocol.md): `GET {base}/needs?since={cursor}&limit=N` →
 * `{items, deleted, next_cursor, has_more}`, page after page. Each page is checked whole, then applied in one
 * transaction together with the source's new cursor, so a run that fails or is killed resumes after the last page
 * applied and never applies a page twice. A run is one `sync_batch` (its counts grow page by page). Requests have a
 * timeout and a size cap; network errors, timeouts, 5xx/429 answers and unreadable bodies are retried with
 * exponential backoff; other answers stop the run with a clear error. Only https is pulled, or http on loopback.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import { z } from 'zod';
import { AppError, type InputProblem } from '../../../shared/api/errors';
import { isPullableUrl, type PullOutcome, type PullReport } from '../../../shared/api/needs-sources';
import { jsonShapeProblem } from '../../../shared/domain/import/json-syntax';
import { shown, zodIssueTh } from '../../../shared/domain/import/problems';
import { acceptFeedValue, finishFeed, newFeedBuilder } from '../../../shared/domain/needs-feed';
import { appendAudit } from '../audit/audit-log';
import type { SqliteStore } from '../db/sqlite-store';
import { networkFailure } from '../net-failure';
import { errorCode } from '../system-failure';
import { feedContext } from './needs-sync';
import type { SyncControl } from './sync-control';
import { openNeedsWriter, resumeNeedsWriter, type BatchCounts } from './needs-writer';

export type PullOptions = Readonly<{
  /** Records asked for per page. */
  limit?: number;
  /** Per request: connect, answer and body together. */
  timeoutMs?: number;
  /** Further attempts of one page after a retryable failure. */
  retries?: number;
  /** First backoff; doubled after each failure (plus up to 25% jitter). */
  backoffMs?: number;
  /** The largest page body accepted. */
  maxPageBytes?: number;
  /** Pages one run reads at most while the feed says more follow (see PULL_DEFAULTS). */
  maxPages?: number;
  /** Records (items and withdrawals) one run applies at most. */
  maxRecords?: number;
  /** How long one run goes on asking for more pages (ms, checked between pages). */
  maxRunMs?: number;
  /** Apply a page's valid records and skip its bad ones (recorded on the batch). */
  partial?: boolean;
  control?: SyncControl;
  /** Extra TLS trust (tests with a self-signed certificate). */
  ca?: string | Buffer;
}>;

type Limits = {
  limit: number;
  timeoutMs: number;
  retries: number;
  backoffMs: number;
  maxPageBytes: number;
  maxPages: number;
  maxRecords: number;
  maxRunMs: number;
};
type Resolved = PullOptions & Limits;

/**
 * A province's whole needs set is about 1,000,000 records: 1,000 pages of the 1,000 asked for, or 10,000 from a feed
 * that answers 100 at a time whatever is asked. One run stops at twice that (pages and records) or after 3 hours
 * (a whole set at a page a second takes about 20 minutes), so a feed that never ends, each page with a fresh cursor
 * and fresh records, is not pulled until someone cancels; the pages read stay applied and the next run goes on from
 * them. The run's worker is stopped only later (compute/runner.ts, 6 hours), as a last resort.
 */
export const PULL_DEFAULTS: Readonly<Limits> = {
  limit: 1000,
  timeoutMs: 30_000,
  retries: 5,
  backoffMs: 500,
  maxPageBytes: 32 * 1024 * 1024,
  maxPages: 20_000,
  maxRecords: 2_000_000,
  maxRunMs: 3 * 3_600_000,
};

type SourceRow = {
  id: number;
  name: string;
  url: string;
  source_key: string;
  cursor: string | null;
  etag: string | null;
};

const deletedSchema = z.union([
  z.string().trim().min(1).max(100),
  z.object({ id: z.string().trim().min(1).max(100), version: z.number().int().positive() }).strict(),
]);
const pageSchema = z.object({
  items: z.array(z.unknown()).max(100_000),
  deleted: z.array(deletedSchema).max(100_000).default([]),
  next_cursor: z.string().min(1).max(1000).nullable(),
  has_more: z.boolean(),
});
type Page = z.output<typeof pageSchema>;

/** The identity needs of a feed are stored under: its host and path (e.g. `platform.saraburi.go.th/api`). */
export function sourceKeyOf(url: string): string {
  const u = new URL(url);
  return `${u.host}${u.pathname.replace(/\/+$/u, '')}`;
}

/** The page request: `{base}/needs?since=…&limit=…` (no `since` before the first page). */
export function pageUrl(base: string, cursor: string | null, limit: number): URL {
  const u = new URL(base);
  u.pathname = `${u.pathname.replace(/\/+$/u, '')}/needs`;
  if (cursor !== null) u.searchParams.set('since', cursor);
  u.searchParams.set('limit', String(limit));
  return u;
}

/**
 * Pulls every page after the source's committed cursor (see the module comment) and records the outcome on the
 * source. Returns the outcome also when a page was refused or the feed failed (`ok: false`, with the error).
 */
export async function pullSource(
  store: SqliteStore,
  sourceId: number,
  actor: string,
  options: PullOptions = {},
): Promise<PullReport> {
  const { sqlite } = store;
  const o: Resolved = { ...PULL_DEFAULTS, ...options };
  const src = sqlite.prepare('SELECT id, name, url, source_key, cursor, etag FROM needs_source WHERE id = ?').get(sourceId) as
    SourceRow | undefined;
  if (!src) throw new AppError('NOT_FOUND', `needs source ${sourceId} not found`, `ไม่พบแหล่งข้อมูลความต้องการ ${sourceId}`);
  if (!isPullableUrl(src.url)) {
    throw new AppError(
      'BAD_ARGS',
      `${src.url}: only https:// addresses are pulled (http:// only on this machine)`,
      `${src.url}: ดึงข้อมูลได้เฉพาะที่อยู่ https:// (http:// ได้เฉพาะเครื่องนี้)`,
    );
  }
  const ctx = feedContext(store);
  const counts: BatchCounts = { newCount: 0, changedCount: 0, withdrawnCount: 0, unchangedCount: 0 };
  const header = { source: src.source_key, fileName: src.url, fileHash: '', actor, partial: o.partial === true };
  let batchId: number | null = null;
  let cursor = src.cursor;
  let etag = src.etag;
  let pages = 0;
  let rows = 0;
  let rejected = 0;
  let upToDate = false;
  let cancelled = false;
  let failure: AppError | null = null;
  const advance = sqlite.prepare('UPDATE needs_source SET cursor = ?, etag = ?, pages = pages + 1 WHERE id = ? AND cursor IS ?');
  /** Cursors this run has asked with: a feed that leads back to one would send the same pages forever. */
  const asked = new Set<string | null>();
  const startedAt = performance.now();
  /** A bound of the run reached while the feed says more pages follow: the pages applied so far are kept. */
  const bound = (kind: RunBound): AppError =>
    runBoundReached(src.url, kind, o, { pages, rows, cursor, ms: performance.now() - startedAt });
  try {
    for (let first = true; ; first = false) {
      if (o.control?.cancelled()) {
        cancelled = true;
        break;
      }
      if (!first && pages >= o.maxPages) throw bound('pages');
      if (!first && performance.now() - startedAt >= o.maxRunMs) throw bound('time');
      const url = pageUrl(src.url, cursor, o.limit);
      const got = await fetchPage(url, first ? etag : null, o);
      if (got.kind === 'not-modified') {
        upToDate = pages === 0;
        break;
      }
      const page = got.page;
      const pageName = `${src.url} (since=${cursor ?? '∅'})`;
      asked.add(cursor);
      // More pages follow only after a cursor this run has not asked with yet; otherwise the rest cannot be read.
      if (page.has_more && (page.next_cursor === null || asked.has(page.next_cursor))) {
        throw page.next_cursor === null
          ? noNextCursor(pageName)
          : cursorLoop(pageName, page.next_cursor, page.next_cursor === cursor);
      }
      if (rows + page.items.length + page.deleted.length > o.maxRecords) throw bound('records');
      // The whole page is checked before anything of it is written.
      const b = newFeedBuilder(src.source_key);
      page.items.forEach((item, i) => acceptFeedValue(b, item, i + 1, ctx));
      const feed = b.lines === 0 ? { ...b, problems: [] as InputProblem[] } : finishFeed(b);
      const problems = [...feed.problems];
      let problemCount = feed.problemCount;
      if (problemCount > 0 && !o.partial) throw refusedPage(pageName, problems, problemCount);
      const empty = page.items.length === 0 && page.deleted.length === 0;
      const nextCursor = page.next_cursor ?? cursor;
      const committed = sqlite.transaction((): boolean => {
        if (!empty || batchId !== null) {
          const w = batchId === null ? openNeedsWriter(sqlite, header) : resumeNeedsWriter(sqlite, header, batchId, counts);
          batchId = w.batchId;
          for (const n of feed.needs) {
            const p = w.upsert(n);
            if (p) {
              problems.push(p);
              problemCount++;
            }
          }
          for (const [i, d] of page.deleted.entries()) {
            const line = page.items.length + i + 1;
            const t =
              typeof d === 'string' ? { line, externalId: d, version: null } : { line, externalId: d.id, version: d.version };
            const p = w.withdraw(t);
            if (p) {
              problems.push(p);
              problemCount++;
            }
          }
          if (problemCount > 0 && !o.partial) throw refusedPage(pageName, problems, problemCount);
          w.save(rejected + problemCount);
          Object.assign(counts, w.counts);
          appendAudit(sqlite, actor, 'needs.pulled', {
            sourceId,
            batchId,
            since: cursor,
            nextCursor,
            items: page.items.length,
            deleted: page.deleted.length,
            rejected: problemCount,
          });
        }
        // The cursor moves with the page; a cursor moved meanwhile (another run) refuses this page.
        return advance.run(nextCursor, empty ? got.etag : null, sourceId, cursor).changes === 1;
      })();
      if (!committed) {
        throw new AppError(
          'INVALID_STATE',
          `${src.name}: another sync of this source moved its cursor; run it again`,
          `${src.name}: มีการซิงก์แหล่งนี้อีกครั้งพร้อมกัน กรุณาสั่งซิงก์ใหม่`,
        );
      }
      pages++;
      rows += page.items.length + page.deleted.length;
      rejected += problemCount;
      o.control?.progress({ rows, pages });
      etag = null;
      if (empty) upToDate = pages === 1;
      if (!page.has_more) break;
      cursor = nextCursor;
    }
  } catch (error) {
    failure = error instanceof AppError ? error : unavailable(src.url, error);
  }
  const outcome: PullOutcome = {
    ok: failure === null,
    pages,
    ...counts,
    upToDate,
    cancelled,
    error: failure
      ? { code: failure.code, en: failure.message, th: failure.messageTh, problems: (failure.problems ?? []).slice(0, 200) }
      : null,
  };
  sqlite
    .prepare('UPDATE needs_source SET last_run_at = ?, last_ok = ?, last_result_json = ? WHERE id = ?')
    .run(new Date().toISOString(), outcome.ok ? 1 : 0, JSON.stringify(outcome), sourceId);
  const now = sqlite.prepare('SELECT cursor FROM needs_source WHERE id = ?').get(sourceId) as { cursor: string | null };
  return { ...outcome, sourceId, batchId, cursor: now.cursor };
}

type Fetched = { kind: 'not-modified' } | { kind: 'page'; page: Page; etag: string | null };

/** A failure worth another attempt (the network, the server's load), or not (a 4xx, a body too large). */
class PullFailure extends Error {
  constructor(
    readonly retryable: boolean,
    readonly en: string,
    readonly th: string,
  ) {
    super(en);
  }
}

async function fetchPage(url: URL, etag: string | null, o: Resolved): Promise<Fetched> {
  let last: PullFailure | null = null;
  for (let attempt = 0; attempt <= o.retries; attempt++) {
    if (attempt > 0) {
      const wait = o.backoffMs * 2 ** (attempt - 1) * (1 + Math.random() / 4);
      await sleep(wait, o.control);
      if (o.control?.cancelled()) break;
    }
    try {
      const r = await request(url, etag, o);
      if (r.status === 304) return { kind: 'not-modified' };
      // Looked at before JSON.parse builds it: a page within the size cap can still build more than the worker's heap.
      const shape = pageShapeProblem(r.body);
      if (shape) throw shape;
      let json: unknown;
      try {
        json = JSON.parse(r.body);
      } catch {
        throw new PullFailure(true, 'the answer is not valid JSON', 'คำตอบไม่ใช่ JSON ที่ถูกต้อง');
      }
      const page = pageSchema.safeParse(json);
      if (!page.success) {
        const issue = page.error.issues[0];
        const at = issue ? ` ('${shown(issue.path.join('.'))}': ` : '';
        throw new PullFailure(
          false,
          `the answer is not a needs page {items, deleted, next_cursor, has_more}${issue ? `${at}${issue.message})` : ''}`,
          `คำตอบไม่ใช่หน้าข้อมูลความต้องการ {items, deleted, next_cursor, has_more}${issue ? `${at}${zodIssueTh(issue)})` : ''}`,
        );
      }
      return { kind: 'page', page: page.data, etag: r.etag };
    } catch (error) {
      last = error instanceof PullFailure ? error : networkPullFailure(error);
      if (!last.retryable) break;
    }
  }
  const f = last ?? new PullFailure(false, 'cancelled', 'ยกเลิกแล้ว');
  throw new AppError(
    'SOURCE_UNAVAILABLE',
    `${url.origin}${url.pathname}: ${f.en}${f.retryable ? ` (after ${o.retries + 1} attempts)` : ''}; nothing of this page was applied`,
    `${url.origin}${url.pathname}: ${f.th}${f.retryable ? ` (ลองแล้ว ${o.retries + 1} ครั้ง)` : ''} ไม่มีการนำเข้าข้อมูลของหน้านี้`,
  );
}

/** One GET with a deadline for the whole exchange and a cap on the body; redirects are not followed. */
function request(url: URL, etag: string | null, o: Resolved): Promise<{ status: number; body: string; etag: string | null }> {
  return new Promise((resolve, reject) => {
    const get = url.protocol === 'https:' ? https.get : http.get;
    // Pages are read as sent: a compressed answer is never inflated here (see below).
    const headers: Record<string, string> = { accept: 'application/json', 'accept-encoding': 'identity' };
    if (etag) headers['if-none-match'] = etag;
    const req = get(url, { headers, ...(o.ca ? { ca: o.ca } : {}) }, (res) => {
      const status = res.statusCode ?? 0;
      if (status === 304) {
        res.resume();
        resolve({ status, body: '', etag });
        return;
      }
      if (status >= 500 || status === 429) {
        res.resume();
        reject(new PullFailure(true, `the server answered ${status}`, `เซิร์ฟเวอร์ตอบ ${status}`));
        return;
      }
      if (status >= 300 && status < 400) {
        res.resume();
        reject(redirected(status, res.headers.location));
        return;
      }
      if (status !== 200) {
        res.resume();
        reject(new PullFailure(false, `the server answered ${status}`, `เซิร์ฟเวอร์ตอบ ${status}`));
        return;
      }
      const encoding = String(res.headers['content-encoding'] ?? 'identity')
        .trim()
        .toLowerCase();
      if (encoding !== 'identity' && encoding !== '') {
        // Asked for none, so the same answer would come again: not retried, and never inflated (no bomb to defuse).
        req.destroy();
        const e = shown(encoding, 40);
        reject(
          new PullFailure(
            false,
            `the server sent a compressed answer (${e}) although the pull asks for plain JSON; set the feed to answer uncompressed`,
            `เซิร์ฟเวอร์ส่งคำตอบแบบบีบอัด (${e}) ทั้งที่ขอ JSON แบบไม่บีบอัด กรุณาตั้งค่าแหล่งข้อมูลให้ส่งแบบไม่บีบอัด`,
          ),
        );
        return;
      }
      const declared = Number(res.headers['content-length'] ?? 0);
      if (declared > o.maxPageBytes) {
        req.destroy();
        reject(tooLarge(o.maxPageBytes));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > o.maxPageBytes) {
          req.destroy();
          reject(tooLarge(o.maxPageBytes));
          return;
        }
        chunks.push(c);
      });
      res.on('end', () => {
        if (!res.complete) {
          reject(new PullFailure(true, 'the connection closed in the middle of the page', 'การเชื่อมต่อถูกตัดกลางหน้า'));
          return;
        }
        const decoded = decodeBody(Buffer.concat(chunks));
        if (decoded === null) reject(new PullFailure(true, 'the answer is not UTF-8 text', 'คำตอบไม่ใช่ข้อความ UTF-8'));
        else resolve({ status, body: decoded, etag: typeof res.headers.etag === 'string' ? res.headers.etag : null });
      });
      res.on('error', (e) => reject(networkPullFailure(e)));
    });
    // One deadline for the whole exchange (a server that drips bytes never resets it).
    const deadline = setTimeout(
      () =>
        req.destroy(
          new PullFailure(
            true,
            `no complete answer within ${o.timeoutMs / 1000} s`,
            `ไม่ได้คำตอบครบภายใน ${o.timeoutMs / 1000} วินาที`,
          ),
        ),
      o.timeoutMs,
    );
    deadline.unref();
    // An answer that switches protocols (101): Node hands its socket to an 'upgrade' listener, or without one drops it
    // with neither an answer nor an error, and the pull waited forever (its deadline cleared, a cancel unheard).
    req.on('upgrade', (_res, socket) => {
      socket.destroy();
      reject(
        new PullFailure(
          false,
          'the server answered 101 (switching protocols) instead of a page',
          'เซิร์ฟเวอร์ตอบ 101 (เปลี่ยนโพรโทคอล) แทนที่จะส่งหน้าข้อมูล',
        ),
      );
    });
    // Whatever closes the exchange before it is settled settles it (a settled one is not changed).
    req.on('close', () => {
      clearTimeout(deadline);
      reject(new PullFailure(true, 'the connection closed without a complete answer', 'การเชื่อมต่อถูกปิดก่อนได้คำตอบครบ'));
    });
    req.on('error', (e) => reject(e instanceof PullFailure ? e : networkPullFailure(e)));
  });
}

/** Lists and objects nested deeper than this are no needs page (a page is 3 deep: {items: [{…}]}). */
export const MAX_PAGE_NESTING = 32;
/**
 * Lists and objects one page may hold: ten per record of the largest page accepted (100,000 records). JSON.parse
 * builds each as a heap object: 32 MB of `{},{},…` (10 million) takes more than the pull's worker may use (it was
 * stopped, or the whole program aborted, after minutes of garbage collection); a million take about 70 MB.
 */
export const MAX_PAGE_CONTAINERS = 1_000_000;

/**
 * A page body past MAX_PAGE_NESTING or MAX_PAGE_CONTAINERS, looked at without building it (`jsonShapeProblem`): the
 * problem (not worth another attempt, the same answer would come again), or null.
 */
function pageShapeProblem(text: string): PullFailure | null {
  const shape = jsonShapeProblem(text, { maxDepth: MAX_PAGE_NESTING, maxContainers: MAX_PAGE_CONTAINERS });
  if (shape === null) return null;
  if (shape.kind === 'depth') {
    return new PullFailure(
      false,
      `the answer nests lists or objects more than ${MAX_PAGE_NESTING} levels deep (at character ${shape.at}); a needs page is {items: [records…]}, so it was not read`,
      `คำตอบมีรายการหรือออบเจ็กต์ซ้อนกันเกิน ${MAX_PAGE_NESTING} ชั้น (ที่อักขระที่ ${shape.at}) หน้าข้อมูลความต้องการคือ {items: [รายการ…]} จึงไม่อ่านคำตอบนี้`,
    );
  }
  const n = MAX_PAGE_CONTAINERS.toLocaleString('en-US');
  return new PullFailure(
    false,
    `the answer holds more than ${n} lists and objects (at character ${shape.at}); a page of at most 100,000 records needs far fewer, so it was not read`,
    `คำตอบมีรายการและออบเจ็กต์เกิน ${n} ชุด (ที่อักขระที่ ${shape.at}) หน้าข้อมูลที่มีไม่เกิน 100,000 รายการไม่ต้องใช้มากขนาดนี้ จึงไม่อ่านคำตอบนี้`,
  );
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function decodeBody(bytes: Buffer): string | null {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return null;
  }
}

/** A redirect, not followed (to another host, `file:`, or round in a loop): says where it led, so the address can be fixed. */
function redirected(status: number, location: string | undefined): PullFailure {
  const to = location ? shown(location.trim(), 200) : '';
  return new PullFailure(
    false,
    `the server answered ${status}, a redirect${to ? ` to ${to}` : ''}; redirects are not followed: if the feed has moved, change the source's address`,
    `เซิร์ฟเวอร์ตอบ ${status} ให้ไปที่อยู่อื่น${to ? ` (${to})` : ''} โปรแกรมไม่ติดตามการเปลี่ยนเส้นทาง หากแหล่งข้อมูลย้ายที่อยู่ กรุณาแก้ไขที่อยู่ของแหล่งข้อมูล`,
  );
}

function tooLarge(max: number): PullFailure {
  return new PullFailure(false, `the page is larger than ${max} bytes`, `หน้าข้อมูลใหญ่เกิน ${max} ไบต์`);
}

/**
 * A failure of the network itself (refused, reset, a name not found, a certificate): worth another attempt; but not
 * headers past Node's limit (16 kB), which the same server sends again every time.
 */
function networkPullFailure(error: unknown): PullFailure {
  const { en, th } = networkFailure(error);
  return new PullFailure(errorCode(error) !== 'HPE_HEADER_OVERFLOW', en, th);
}

/** Waits, waking early when the run is cancelled. */
async function sleep(ms: number, control: SyncControl | undefined): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (control?.cancelled()) return;
    await new Promise((r) => setTimeout(r, Math.min(100, end - Date.now())));
  }
}

function refusedPage(pageName: string, problems: readonly InputProblem[], count: number): AppError {
  const sorted = [...problems].sort((a, b) => a.line - b.line);
  const first = sorted[0];
  return new AppError(
    'SYNC_REJECTED',
    `${pageName}: ${count} problem(s) in the page, nothing of it was applied.${first ? ` Record ${first.line}: ${first.en}` : ''}`,
    `${pageName}: พบปัญหา ${count} รายการในหน้านี้ ไม่มีการนำเข้าข้อมูลของหน้านี้${first ? ` รายการที่ ${first.line}: ${first.th}` : ''}`,
    sorted.slice(0, 200),
  );
}

/** A page whose `next_cursor` leads back to a page this run has read (its own, or an earlier one): no end. */
function cursorLoop(pageName: string, next: string, same: boolean): AppError {
  const c = shown(next);
  return same
    ? new AppError(
        'SYNC_REJECTED',
        `${pageName}: the feed says more pages follow (has_more) but its next_cursor '${c}' is the cursor this page was asked with, so the rest of the feed cannot be read; nothing of this page was applied (ask the platform to fix its cursors)`,
        `${pageName}: แหล่งข้อมูลแจ้งว่ายังมีหน้าถัดไป (has_more) แต่ next_cursor '${c}' เป็นค่าเดียวกับที่ใช้ขอหน้านี้ จึงอ่านข้อมูลที่เหลือไม่ได้ ไม่มีการนำเข้าข้อมูลของหน้านี้ (กรุณาแจ้งผู้ดูแลแพลตฟอร์มให้แก้ไข cursor)`,
      )
    : new AppError(
        'SYNC_REJECTED',
        `${pageName}: the feed's next_cursor '${c}' leads back to a page this sync has already read, so the feed would repeat itself without end; nothing of this page was applied (ask the platform to fix its cursors)`,
        `${pageName}: next_cursor '${c}' ของแหล่งข้อมูลย้อนกลับไปยังหน้าที่ซิงก์นี้อ่านแล้ว แหล่งข้อมูลจะส่งหน้าเดิมซ้ำไม่รู้จบ ไม่มีการนำเข้าข้อมูลของหน้านี้ (กรุณาแจ้งผู้ดูแลแพลตฟอร์มให้แก้ไข cursor)`,
      );
}

/** A page that says more pages follow without saying where they start. */
function noNextCursor(pageName: string): AppError {
  return new AppError(
    'SYNC_REJECTED',
    `${pageName}: the feed says more pages follow (has_more) but gives no next_cursor, so the rest of the feed cannot be read; nothing of this page was applied (ask the platform to fix its cursors)`,
    `${pageName}: แหล่งข้อมูลแจ้งว่ายังมีหน้าถัดไป (has_more) แต่ไม่ได้ให้ next_cursor จึงอ่านข้อมูลที่เหลือไม่ได้ ไม่มีการนำเข้าข้อมูลของหน้านี้ (กรุณาแจ้งผู้ดูแลแพลตฟอร์มให้แก้ไข cursor)`,
  );
}

type RunBound = 'pages' | 'records' | 'time';

/**
 * A run stopped at one of its bounds (PULL_DEFAULTS) with the feed still saying more pages follow: names the bound,
 * what was applied and kept, and that the next run goes on from there.
 */
function runBoundReached(
  url: string,
  kind: RunBound,
  o: Resolved,
  at: Readonly<{ pages: number; rows: number; cursor: string | null; ms: number }>,
): AppError {
  const n = (x: number): string => x.toLocaleString('en-US');
  // Minutes, or seconds under one.
  const span = (ms: number): { en: string; th: string } =>
    ms < 60_000
      ? { en: `${n(Math.round(ms / 1000))} s`, th: `${n(Math.round(ms / 1000))} วินาที` }
      : { en: `${n(Math.round(ms / 60_000))} minutes`, th: `${n(Math.round(ms / 60_000))} นาที` };
  const took = span(at.ms);
  const limit = {
    pages: { en: `at most ${n(o.maxPages)} pages`, th: `ไม่เกิน ${n(o.maxPages)} หน้า` },
    records: {
      en: `at most ${n(o.maxRecords)} records (the next page would go past it)`,
      th: `ไม่เกิน ${n(o.maxRecords)} รายการ (หน้าถัดไปจะเกินจำนวนนี้)`,
    },
    time: { en: `for at most ${span(o.maxRunMs).en}`, th: `ไม่เกิน ${span(o.maxRunMs).th}` },
  }[kind];
  const cursor = at.cursor === null ? '' : shown(at.cursor);
  const keptEn =
    at.pages === 0
      ? 'nothing was applied'
      : `the ${n(at.pages)} page(s) read (${n(at.rows)} records) are applied and kept, up to cursor '${cursor}'`;
  const keptTh =
    at.pages === 0
      ? 'ไม่มีการนำเข้าข้อมูล'
      : `${n(at.pages)} หน้าที่อ่านแล้ว (${n(at.rows)} รายการ) นำเข้าและเก็บไว้แล้ว ถึง cursor '${cursor}'`;
  return new AppError(
    'TOO_LARGE',
    `${url}: the feed still says more pages follow after ${n(at.pages)} page(s) and ${n(at.rows)} records in ${took.en}; one sync reads ${limit.en} (a province's whole needs, about 1,000,000, are about 1,000 pages), so it stopped here: ${keptEn}. Sync again to go on from there; if the feed never ends, ask the platform to fix it`,
    `${url}: แหล่งข้อมูลยังแจ้งว่ามีหน้าถัดไปหลังจากอ่านแล้ว ${n(at.pages)} หน้า ${n(at.rows)} รายการ ใน ${took.th} การซิงก์หนึ่งครั้งอ่าน${limit.th} (ความต้องการทั้งจังหวัดราว 1,000,000 รายการ ประมาณ 1,000 หน้า) จึงหยุดที่นี่ ${keptTh} สั่งซิงก์อีกครั้งเพื่ออ่านต่อจากจุดนี้ หากแหล่งข้อมูลไม่มีวันจบ กรุณาแจ้งผู้ดูแลแพลตฟอร์มให้แก้ไข`,
  );
}

function unavailable(url: string, error: unknown): AppError {
  const { en, th } = networkFailure(error);
  return new AppError('SOURCE_UNAVAILABLE', `${url}: ${en}`, `${url}: ${th}`);
}
