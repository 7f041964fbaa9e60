/**
 * HTTPS pull against the fixture feed server: pages, ETag, resume from the committed cursor, retries with backoff on
 * dropped connections, 5xx, slow answers and malformed JSON, bounded pages, a refused page left whole, TLS.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isPullableUrl } from '../../../shared/api/needs-sources';
import { feedRecords, startFeedServer, type FeedServer } from '../../../test/fixtures/feed-server';
import { createCore, type Core } from '../core';
import { TASK_BUDGET_MS } from '../compute/runner';
import { pageUrl, PULL_DEFAULTS, pullSource, sourceKeyOf, type PullOptions } from './https-pull';
import { addSource } from './needs-sources';

let dir = '';
let core: Core;
let server: FeedServer | null = null;
let tambons: string[] = [];
const fast: PullOptions = { limit: 100, timeoutMs: 2000, retries: 4, backoffMs: 5 };

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'chipao-pull-'));
  core = await createCore({ dbPath: join(dir, 'chipao.sqlite'), seedSample: false });
  tambons = (core.store.sqlite.prepare('SELECT code FROM area_tambon ORDER BY code').all() as { code: string }[]).map(
    (r) => r.code,
  );
});
afterEach(async () => {
  await server?.close();
  server = null;
  await core.close();
  rmSync(dir, { recursive: true, force: true });
});

async function serve(n: number, options: Parameters<typeof startFeedServer>[0] = {}): Promise<FeedServer> {
  server = await startFeedServer({ ...options, log: feedRecords(n, tambons).map((item) => ({ item })) });
  return server;
}

function source(url: string): number {
  return addSource(core.store, null, 'platform', url, 'test').id;
}

const count = (sql: string, ...params: unknown[]): number => (core.store.sqlite.prepare(sql).get(...params) as { n: number }).n;
const needs = (): number => count('SELECT COUNT(*) AS n FROM need');
const cursorOf = (id: number): string | null =>
  (core.store.sqlite.prepare('SELECT cursor FROM needs_source WHERE id = ?').get(id) as { cursor: string | null }).cursor;

describe('pullSource', () => {
  it('pulls every page into one batch, commits the cursor with each page, then answers "up to date" by ETag', async () => {
    const s = await serve(250);
    const id = source(s.url);
    const r = await pullSource(core.store, id, 'test', fast);
    expect(r).toMatchObject({ ok: true, pages: 3, newCount: 250, cursor: '250', upToDate: false });
    expect(needs()).toBe(250);
    expect(s.requests.map((q) => q.since)).toEqual([null, '100', '200']);
    expect(count('SELECT new_count AS n FROM sync_batch WHERE id = ?', r.batchId)).toBe(250);
    expect(count('SELECT COUNT(*) AS n FROM need WHERE source = ?', sourceKeyOf(s.url))).toBe(250);

    const again = await pullSource(core.store, id, 'test', fast);
    expect(again).toMatchObject({ ok: true, pages: 1, newCount: 0, batchId: null });
    const third = await pullSource(core.store, id, 'test', fast);
    expect(third).toMatchObject({ ok: true, pages: 0, upToDate: true, batchId: null });
    expect(s.requests.at(-1)).toMatchObject({ since: '250', status: 304 });
    expect(count('SELECT COUNT(*) AS n FROM sync_batch')).toBe(1);
  });

  it('resumes after the last committed page when the feed fails, and never applies a page twice', async () => {
    const s = await serve(500);
    const id = source(s.url);
    // Page 1 fine, then page 2 fails more often than the retries allow.
    s.faults.push('none', '500', '500', 'drop', '500', '500');
    const first = await pullSource(core.store, id, 'test', fast);
    expect(first.ok).toBe(false);
    expect(first.error?.code).toBe('SOURCE_UNAVAILABLE');
    expect(first.error?.en).toMatch(/after 5 attempts/u);
    expect(first.pages).toBe(1);
    expect(cursorOf(id)).toBe('100');
    expect(needs()).toBe(100);
    const stored = core.store.sqlite.prepare('SELECT last_ok, last_result_json FROM needs_source WHERE id = ?').get(id) as {
      last_ok: number;
      last_result_json: string;
    };
    expect(stored.last_ok).toBe(0);
    expect(JSON.parse(stored.last_result_json)).toMatchObject({ ok: false, pages: 1 });

    const second = await pullSource(core.store, id, 'test', fast);
    expect(second).toMatchObject({ ok: true, pages: 4, newCount: 400, cursor: '500' });
    expect(s.requests.filter((q) => q.status === 200).map((q) => q.since)).toEqual([null, '100', '200', '300', '400']);
    expect(needs()).toBe(500);
    // Each need was written by exactly one page of one batch.
    expect(count("SELECT COUNT(*) AS n FROM need_change WHERE kind = 'new'")).toBe(500);
    expect(count('SELECT SUM(new_count) AS n FROM sync_batch')).toBe(500);
  });

  it('retries a dropped connection, a 500/503, a slow answer and malformed JSON, with backoff, then succeeds', async () => {
    const s = await serve(150, { slowMs: 3000 });
    const id = source(s.url);
    s.faults.push('drop', '500', 'slow', 'malformed', '503');
    const t0 = performance.now();
    const r = await pullSource(core.store, id, 'test', { ...fast, timeoutMs: 300, retries: 5, backoffMs: 20 });
    expect(r).toMatchObject({ ok: true, pages: 2, newCount: 150 });
    // The malformed answer is a 200 whose body does not parse.
    expect(s.requests.map((q) => q.status)).toEqual(['dropped', 500, 'slow', 200, 503, 200, 200]);
    // Backoff doubles: 20 + 40 + 80 + 160 + 320 ms at least, plus the slow answer's timeout.
    expect(performance.now() - t0).toBeGreaterThan(600 + 300);
    expect(needs()).toBe(150);
  });

  it('stops on an answer of the wrong shape or a 404 without retrying, and on a page larger than the cap', async () => {
    const s = await serve(50);
    const id = source(s.url);
    s.faults.push('wrong-shape');
    const a = await pullSource(core.store, id, 'test', fast);
    expect(a.ok).toBe(false);
    expect(a.error?.en).toMatch(/not a needs page/u);
    // The Thai message names the place and the reason in Thai, not zod's English.
    expect(a.error?.th).toMatch(/^.*คำตอบไม่ใช่หน้าข้อมูลความต้องการ .*\('[^']*': [^)]*[ก-๙][^)]*\)/u);
    expect(a.error?.th).not.toMatch(/Invalid|expected|received/u);
    s.faults.push('404');
    const b = await pullSource(core.store, id, 'test', fast);
    expect(b.error?.en).toMatch(/answered 404/u);
    s.faults.push('huge');
    const c = await pullSource(core.store, id, 'test', { ...fast, maxPageBytes: 2 * 1024 * 1024 });
    expect(c.error?.en).toMatch(/larger than 2097152 bytes/u);
    expect(s.requests).toHaveLength(3);
    expect(needs()).toBe(0);
    expect(cursorOf(id)).toBeNull();
  });

  it('refuses a page with a bad record whole (its problems listed), keeps the pages before; --partial skips the record', async () => {
    const s = await serve(150);
    (s.log[120] as { item: Record<string, unknown> }).item['tambon'] = '999999';
    const id = source(s.url);
    const r = await pullSource(core.store, id, 'test', fast);
    expect(r.ok).toBe(false);
    expect(r.error?.code).toBe('SYNC_REJECTED');
    expect(r.error?.problems[0]).toMatchObject({ line: 21, column: 'tambon', code: 'UNKNOWN_TAMBON' });
    expect(needs()).toBe(100);
    expect(cursorOf(id)).toBe('100');
    const partial = await pullSource(core.store, id, 'test', { ...fast, partial: true });
    expect(partial).toMatchObject({ ok: true, newCount: 49, cursor: '150' });
    expect(count('SELECT partial AS n FROM sync_batch WHERE id = ?', partial.batchId)).toBe(1);
  });

  it('applies new versions and withdrawals published after the cursor', async () => {
    const s = await serve(120);
    const id = source(s.url);
    await pullSource(core.store, id, 'test', fast);
    s.log.push(...feedRecords(2, tambons, 0, 2).map((item) => ({ item })), { deleted: 'F-0000005' });
    const r = await pullSource(core.store, id, 'test', fast);
    expect(r).toMatchObject({ ok: true, newCount: 0, changedCount: 2, withdrawnCount: 1 });
    expect(count("SELECT COUNT(*) AS n FROM need WHERE status = 'withdrawn'")).toBe(1);
    expect(count('SELECT version AS n FROM need WHERE external_id = ?', 'F-0000001')).toBe(2);
  });

  it('stops after the page it is applying when cancelled', async () => {
    const s = await serve(400);
    const id = source(s.url);
    let pages = 0;
    const r = await pullSource(core.store, id, 'test', {
      ...fast,
      control: { progress: (p) => (pages = p.pages ?? 0), cancelled: () => pages >= 2 },
    });
    expect(r).toMatchObject({ ok: true, cancelled: true, pages: 2, cursor: '200' });
    expect(needs()).toBe(200);
  });

  it('pulls over HTTPS from a server with a self-signed certificate it is told to trust, and refuses it otherwise', async () => {
    const key = join(dir, 'key.pem');
    const cert = join(dir, 'cert.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        key,
        '-out',
        cert,
      ],
      { stdio: 'ignore' },
    );
    const tls = { key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8') };
    const s = await serve(30, { tls });
    expect(s.url.startsWith('https://')).toBe(true);
    const id = source(s.url);
    const untrusted = await pullSource(core.store, id, 'test', { ...fast, retries: 0 });
    expect(untrusted.ok).toBe(false);
    expect(untrusted.error?.en).toMatch(/certificate/iu);
    expect(untrusted.error?.th).toMatch(/ใบรับรองความปลอดภัยของเซิร์ฟเวอร์ไม่น่าเชื่อถือ \([A-Z_]+\)/u);
    expect(untrusted.error?.th).not.toMatch(/certificate|network error/iu);
    const r = await pullSource(core.store, id, 'test', { ...fast, ca: tls.cert });
    expect(r).toMatchObject({ ok: true, newCount: 30 });
  });
});

describe('a feed that cannot be reached', () => {
  it('says so in Thai and English after its retries, with nothing applied', async () => {
    const s = await serve(10);
    const url = s.url;
    await s.close();
    server = null;
    const id = source(url);
    const r = await pullSource(core.store, id, 'test', { ...fast, retries: 1 });
    expect(r.ok).toBe(false);
    expect(r.error?.code).toBe('SOURCE_UNAVAILABLE');
    expect(r.error?.en).toMatch(/network error: ECONNREFUSED .*after 2 attempts/u);
    expect(r.error?.th).toMatch(/เซิร์ฟเวอร์ปฏิเสธการเชื่อมต่อ \(ECONNREFUSED\) \(ลองแล้ว 2 ครั้ง\)/u);
    expect(r.error?.th).not.toMatch(/network error|connect /u);
    expect(needs()).toBe(0);
  });
});

describe('a feed whose cursors go round in a circle', () => {
  it('stops at the page that leads back to a cursor already read, instead of pulling the same pages forever', async () => {
    const records = feedRecords(3, tambons);
    const asked: (string | null)[] = [];
    // since ∅ → A → B → A → B …: each page valid, the feed never ends. (Past 50 requests it answers 404, so a pull
    // that does not notice the circle still ends.)
    const hostile = createServer((req, res) => {
      const since = new URL(req.url ?? '/', 'http://127.0.0.1').searchParams.get('since');
      asked.push(since);
      if (asked.length > 50) {
        res.writeHead(404).end();
        return;
      }
      const next = since === 'A' ? 'B' : 'A';
      const items = since === null ? [records[0]] : since === 'A' ? [records[1]] : [records[2]];
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ items, deleted: [], next_cursor: next, has_more: true }));
    });
    await new Promise<void>((done) => hostile.listen(0, '127.0.0.1', () => done()));
    try {
      const id = source(`http://127.0.0.1:${(hostile.address() as AddressInfo).port}/api`);
      const r = await pullSource(core.store, id, 'test', fast);
      expect(r.ok).toBe(false);
      expect(r.error?.code).toBe('SYNC_REJECTED');
      expect(r.error?.en).toMatch(/since=B\): the feed's next_cursor 'A' leads back to a page this sync has already read/u);
      expect(r.error?.th).toMatch(/next_cursor 'A' ของแหล่งข้อมูลย้อนกลับไปยังหน้าที่ซิงก์นี้อ่านแล้ว/u);
      // The two pages before the circle are applied with their cursor; the page that closes it is not.
      expect(asked).toEqual([null, 'A', 'B']);
      expect(r.pages).toBe(2);
      expect(needs()).toBe(2);
      expect(cursorOf(id)).toBe('B');
    } finally {
      hostile.closeAllConnections();
      await new Promise((done) => hostile.close(done));
    }
  });
});

describe('a feed that says more pages follow without saying where', () => {
  it('refuses a page with has_more whose next_cursor is missing or the one it was asked with, instead of reporting success', async () => {
    const records = feedRecords(2, tambons);
    for (const stuck of [null, 'A'] as const) {
      // The first page leads to A; the page at A says more follow, with no cursor or with A again.
      const hostile = createServer((req, res) => {
        const since = new URL(req.url ?? '/', 'http://127.0.0.1').searchParams.get('since');
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify(
            since === null
              ? { items: [records[0]], deleted: [], next_cursor: 'A', has_more: true }
              : { items: [records[1]], deleted: [], next_cursor: stuck, has_more: true },
          ),
        );
      });
      await new Promise<void>((done) => hostile.listen(0, '127.0.0.1', () => done()));
      try {
        const id = source(`http://127.0.0.1:${(hostile.address() as AddressInfo).port}/api${stuck ?? ''}`);
        const r = await pullSource(core.store, id, 'test', fast);
        expect(r.ok, String(stuck)).toBe(false);
        expect(r.error?.code).toBe('SYNC_REJECTED');
        expect(r.error?.en).toMatch(
          stuck === null
            ? /since=A\): the feed says more pages follow \(has_more\) but gives no next_cursor/u
            : /since=A\): the feed says more pages follow \(has_more\) but its next_cursor 'A' is the cursor this page was asked with/u,
        );
        expect(r.error?.th).toMatch(/แหล่งข้อมูลแจ้งว่ายังมีหน้าถัดไป \(has_more\)/u);
        // The first page stays applied with its cursor; the page that cannot lead on is not applied.
        expect(r.pages).toBe(1);
        expect(cursorOf(id)).toBe('A');
      } finally {
        hostile.closeAllConnections();
        await new Promise((done) => hostile.close(done));
      }
    }
    // The first page's record, once under each of the two sources.
    expect(needs()).toBe(2);
  });
});

describe('a feed that never ends', () => {
  /**
   * Every page valid, with a fresh cursor and fresh records, and has_more: the feed never repeats itself, so no cursor
   * loop is seen. (Past 400 requests it answers 404, so a pull without bounds still ends.)
   */
  async function endless(run: (url: string) => Promise<void>, perPage = 3, delayMs = 0): Promise<(string | null)[]> {
    const asked: (string | null)[] = [];
    const hostile = createServer((req, res) => {
      const since = new URL(req.url ?? '/', 'http://127.0.0.1').searchParams.get('since');
      asked.push(since);
      const k = asked.length;
      if (k > 400) {
        res.writeHead(404).end();
        return;
      }
      const items = feedRecords(perPage, tambons, 1000 + k * perPage);
      const body = JSON.stringify({ items, deleted: [], next_cursor: `c${k}`, has_more: true });
      setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end(body), delayMs);
    });
    await new Promise<void>((done) => hostile.listen(0, '127.0.0.1', () => done()));
    try {
      await run(`http://127.0.0.1:${(hostile.address() as AddressInfo).port}/api`);
    } finally {
      hostile.closeAllConnections();
      await new Promise((done) => hostile.close(done));
    }
    return asked;
  }

  it('stops at its page bound, naming it and what was kept, and the next run goes on from there', async () => {
    let id = 0;
    const asked = await endless(async (url) => {
      id = source(url);
      const r = await pullSource(core.store, id, 'test', { ...fast, maxPages: 5 });
      expect(r.ok).toBe(false);
      expect(r.error?.code).toBe('TOO_LARGE');
      expect(r.error?.en).toMatch(/the feed still says more pages follow after 5 page\(s\) and 15 records in /u);
      expect(r.error?.en).toMatch(
        /one sync reads at most 5 pages .*the 5 page\(s\) read \(15 records\) are applied and kept, up to cursor 'c5'\. Sync again to go on/u,
      );
      expect(r.error?.th).toMatch(/แหล่งข้อมูลยังแจ้งว่ามีหน้าถัดไปหลังจากอ่านแล้ว 5 หน้า 15 รายการ/u);
      expect(r.error?.th).toMatch(/การซิงก์หนึ่งครั้งอ่านไม่เกิน 5 หน้า .*5 หน้าที่อ่านแล้ว \(15 รายการ\) นำเข้าและเก็บไว้แล้ว ถึง cursor 'c5'/u);
      expect(r).toMatchObject({ pages: 5, newCount: 15, cursor: 'c5' });
      expect(needs()).toBe(15);
      const stored = core.store.sqlite.prepare('SELECT last_ok, last_result_json FROM needs_source WHERE id = ?').get(id) as {
        last_ok: number;
        last_result_json: string;
      };
      expect(stored.last_ok).toBe(0);
      expect(JSON.parse(stored.last_result_json)).toMatchObject({ ok: false, pages: 5, error: { code: 'TOO_LARGE' } });
      // The next run starts after the last page kept.
      const again = await pullSource(core.store, id, 'test', { ...fast, maxPages: 2 });
      expect(again).toMatchObject({ ok: false, pages: 2, cursor: 'c7' });
      expect(needs()).toBe(21);
    });
    // The page past the bound is never asked for.
    expect(asked).toEqual([null, 'c1', 'c2', 'c3', 'c4', 'c5', 'c6']);
  });

  it('stops before the page that would take it past its record bound, nothing of that page applied', async () => {
    await endless(async (url) => {
      const id = source(url);
      const r = await pullSource(core.store, id, 'test', { ...fast, maxRecords: 10 });
      expect(r.error?.code).toBe('TOO_LARGE');
      expect(r.error?.en).toMatch(/one sync reads at most 10 records \(the next page would go past it\)/u);
      expect(r.error?.th).toMatch(/อ่านไม่เกิน 10 รายการ \(หน้าถัดไปจะเกินจำนวนนี้\)/u);
      expect(r).toMatchObject({ pages: 3, newCount: 9, cursor: 'c3' });
      expect(needs()).toBe(9);
      expect(cursorOf(id)).toBe('c3');
    });
  });

  it('stops at its time bound between pages', async () => {
    await endless(
      async (url) => {
        const id = source(url);
        const t0 = performance.now();
        const r = await pullSource(core.store, id, 'test', { ...fast, maxRunMs: 1000 });
        expect(performance.now() - t0).toBeLessThan(5000);
        expect(r.error?.code).toBe('TOO_LARGE');
        expect(r.error?.en).toMatch(/one sync reads for at most 1 s /u);
        expect(r.error?.th).toMatch(/การซิงก์หนึ่งครั้งอ่านไม่เกิน 1 วินาที /u);
        expect(r.pages).toBeGreaterThan(0);
        expect(needs()).toBe(r.pages * 3);
        expect(cursorOf(id)).toBe(`c${r.pages}`);
      },
      3,
      50,
    );
  });

  it("by default stops a run at twice a province's whole needs (about 1,000,000), before the worker's own time budget", () => {
    expect(PULL_DEFAULTS.maxRecords).toBe(2_000_000);
    // A feed answering 100 records a page whatever it is asked still brings a whole province in one run.
    expect(PULL_DEFAULTS.maxPages * 100).toBeGreaterThanOrEqual(1_000_000);
    // The slowest page: every attempt timed out, with every backoff (and its jitter) between them.
    const slowestPage =
      (PULL_DEFAULTS.retries + 1) * PULL_DEFAULTS.timeoutMs + PULL_DEFAULTS.backoffMs * 1.25 * (2 ** PULL_DEFAULTS.retries - 1);
    expect(PULL_DEFAULTS.maxRunMs + slowestPage).toBeLessThan(TASK_BUDGET_MS['needs.pull']);
  });
});

/** A loopback server answering every request with `answer`; the pull runs against it, then it closes. */
async function pullFrom(
  answer: (res: ServerResponse) => void,
): Promise<{ report: Awaited<ReturnType<typeof pullSource>>; requests: number }> {
  let requests = 0;
  const hostile = createServer((_req, res) => {
    requests++;
    answer(res);
  });
  await new Promise<void>((done) => hostile.listen(0, '127.0.0.1', () => done()));
  try {
    const id = source(`http://127.0.0.1:${(hostile.address() as AddressInfo).port}/api`);
    return { report: await pullSource(core.store, id, 'test', fast), requests };
  } finally {
    hostile.closeAllConnections();
    await new Promise((done) => hostile.close(done));
  }
}

describe('a redirect', () => {
  it('is not followed, and the error says where it led (another host, file:) so the address can be fixed', async () => {
    for (const location of ['file:///etc/passwd', 'http://feed.example.org/api/needs?limit=100']) {
      const { report, requests } = await pullFrom((res) => res.writeHead(302, { location }).end());
      expect(report.ok).toBe(false);
      expect(report.error?.code).toBe('SOURCE_UNAVAILABLE');
      expect(report.error?.en).toContain(`answered 302, a redirect to ${location}; redirects are not followed`);
      expect(report.error?.th).toContain(`ให้ไปที่อยู่อื่น (${location}) โปรแกรมไม่ติดตามการเปลี่ยนเส้นทาง`);
      // Not retried: the same answer would come again.
      expect(requests).toBe(1);
    }
    expect(needs()).toBe(0);
  });
});

describe('headers past the limit', () => {
  it('are named in Thai and English and not asked for again (the same server sends them every time)', async () => {
    // Node reads at most 16 kB of headers.
    const { report, requests } = await pullFrom((res) =>
      res.writeHead(200, { 'content-type': 'application/json', 'x-padding': 'a'.repeat(64 * 1024) }).end('{}'),
    );
    expect(report.ok).toBe(false);
    expect(report.error?.code).toBe('SOURCE_UNAVAILABLE');
    expect(report.error?.en).toMatch(/HPE_HEADER_OVERFLOW/u);
    expect(report.error?.th).toContain('ส่วนหัว (headers) ของคำตอบจากเซิร์ฟเวอร์ใหญ่เกินกำหนด (HPE_HEADER_OVERFLOW)');
    expect(report.error?.th).not.toMatch(/ลองแล้ว/u);
    expect(requests).toBe(1);
    expect(needs()).toBe(0);
  });
});

describe('an answer that switches protocols (101)', () => {
  it('is refused at once, not left waiting forever (Node drops its socket without an answer or an error)', async () => {
    let requests = 0;
    const hostile = createNetServer((socket) => {
      requests++;
      socket.once('data', () => socket.write('HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: x\r\n\r\n'));
      socket.on('error', () => undefined);
    });
    await new Promise<void>((done) => hostile.listen(0, '127.0.0.1', () => done()));
    try {
      const id = source(`http://127.0.0.1:${(hostile.address() as AddressInfo).port}/api`);
      const report = await pullSource(core.store, id, 'test', fast);
      expect(report.ok).toBe(false);
      expect(report.error?.en).toContain('the server answered 101 (switching protocols) instead of a page');
      expect(report.error?.th).toContain('เซิร์ฟเวอร์ตอบ 101 (เปลี่ยนโพรโทคอล)');
      expect(requests).toBe(1);
      expect(needs()).toBe(0);
    } finally {
      await new Promise((done) => hostile.close(done));
    }
  });
});

describe('a compressed answer', () => {
  it('is refused as compressed at once, never inflated, instead of "not UTF-8" after every retry', async () => {
    // A gzip bomb: 64 MB of spaces in about 64 kB, sent although the pull asks for no compression.
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20));
    const { report, requests } = await pullFrom((res) =>
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' }).end(bomb),
    );
    expect(report.ok).toBe(false);
    expect(report.error?.en).toMatch(/the server sent a compressed answer \(gzip\) although the pull asks for plain JSON/u);
    expect(report.error?.th).toMatch(/เซิร์ฟเวอร์ส่งคำตอบแบบบีบอัด \(gzip\)/u);
    expect(requests).toBe(1);
    expect(needs()).toBe(0);
  });
});

describe('a page nested too deep', () => {
  it('is refused before it is parsed, not retried, nothing applied; a record nested as deep as allowed is read', async () => {
    const [record] = feedRecords(1, tambons);
    // A page is 3 deep ({items: [{…}]}): a field of its record nested 29 more is 32 in all, one more is too many.
    const page = (extra: number): string =>
      `{"items":[${JSON.stringify(record).slice(0, -1)},"extra":${'['.repeat(extra)}${']'.repeat(extra)}}],"next_cursor":"1","has_more":false}`;
    const deep = await pullFrom((res) => res.writeHead(200, { 'content-type': 'application/json' }).end(page(30)));
    expect(deep.report.ok).toBe(false);
    expect(deep.report.error?.code).toBe('SOURCE_UNAVAILABLE');
    expect(deep.report.error?.en).toMatch(/the answer nests lists or objects more than 32 levels deep \(at character \d+\)/u);
    expect(deep.report.error?.th).toMatch(/คำตอบมีรายการหรือออบเจ็กต์ซ้อนกันเกิน 32 ชั้น .*ไม่มีการนำเข้าข้อมูลของหน้านี้/u);
    expect(deep.requests).toBe(1);
    expect(needs()).toBe(0);
    // 16 million levels in 32 MB: refused at once, never built (JSON.parse took ~10 s and ~900 MB for it).
    const abyss = Buffer.from(
      `{"items":[${'['.repeat(16_000_000)}${']'.repeat(16_000_000)}],"next_cursor":null,"has_more":false}`,
    );
    const t = performance.now();
    const huge = await pullFrom((res) =>
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': abyss.length }).end(abyss),
    );
    expect(huge.report.error?.en).toMatch(/more than 32 levels deep \(at character 41\)/u);
    expect(performance.now() - t).toBeLessThan(5000);
    const fine = await pullFrom((res) => res.writeHead(200, { 'content-type': 'application/json' }).end(page(29)));
    expect(fine.report).toMatchObject({ ok: true, newCount: 1 });
  });
});

describe('which addresses are pulled', () => {
  it('https anywhere, http only on loopback, never with a user name or fragment', () => {
    expect(isPullableUrl('https://platform.saraburi.go.th/api/v1')).toBe(true);
    expect(isPullableUrl('http://127.0.0.1:8080/api')).toBe(true);
    expect(isPullableUrl('http://localhost/api')).toBe(true);
    expect(isPullableUrl('http://[::1]:9000/api')).toBe(true);
    expect(isPullableUrl('http://platform.saraburi.go.th/api')).toBe(false);
    expect(isPullableUrl('http://127.0.0.1.evil.example/api')).toBe(false);
    expect(isPullableUrl('https://user:pw@platform.saraburi.go.th')).toBe(false);
    expect(isPullableUrl('https://platform.saraburi.go.th/#x')).toBe(false);
    expect(isPullableUrl('file:///etc/passwd')).toBe(false);
  });

  it('no http address off loopback is ever accepted (property)', () => {
    fc.assert(
      fc.property(fc.domain(), fc.webPath(), (host, path) => {
        fc.pre(!['localhost'].includes(host));
        return !isPullableUrl(`http://${host}${path}`);
      }),
      { numRuns: 50 },
    );
  });

  it('builds the page request from the base and the cursor', () => {
    expect(pageUrl('https://x.go.th/api/', null, 50).toString()).toBe('https://x.go.th/api/needs?limit=50');
    expect(pageUrl('https://x.go.th/api', 'abc=1&x', 50).toString()).toBe('https://x.go.th/api/needs?since=abc%3D1%26x&limit=50');
  });
});
