import type * as nodeFs from 'node:fs';
import { existsSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../shared/api/errors';
import { MAX_PB_BYTES } from '../../../shared/api/limits';
import { createComputeRunner } from './runner';
import { analyzePb } from './tasks';

// readFileSync watched (and still reading), so a test can tell that a file was refused before it was read.
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof nodeFs>();
  return { ...fs, readFileSync: vi.fn(fs.readFileSync) };
});

// The worker from source, through tsx (the bundled app uses dist/electron/compute-worker.mjs).
const workerFile = fileURLToPath(new URL('./worker-dev.mjs', import.meta.url));
const threaded = createComputeRunner({ workerFile });
const inline = createComputeRunner();
afterAll(() => threaded.close());

const scratch = mkdtempSync(join(tmpdir(), 'chipao-compute-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
/** Writes a .pb text to a file (tasks read uploads from the data folder) and returns its path. */
const pb = (text: string): string => {
  const path = join(scratch, `${Math.random().toString(36).slice(2)}.pb`);
  writeFileSync(path, text);
  return path;
};
const SMALL = [
  'META',
  'key;value',
  'description;three projects',
  'budget;100',
  'vote_type;approval',
  'PROJECTS',
  'project_id;cost;selected',
  '1;60;1',
  '2;50;0',
  '3;40;1',
  'VOTES',
  'voter_id;vote',
  ...Array.from({ length: 9 }, (_, i) => `${i + 1};${i < 5 ? '1,3' : i < 8 ? '2' : '3'}`),
].join('\n');

describe('compute runner', () => {
  it('runs tasks on a worker thread, inline without a worker file', async () => {
    expect(threaded.threaded).toBe(true);
    expect((await threaded.run('worker.ping', null)).threadId).toBeGreaterThan(0);
    expect(inline.threaded).toBe(false);
    expect((await inline.run('worker.ping', null)).threadId).toBe(0);
  });

  it('gives the same analysis on the worker as inline', async () => {
    const args = { fileName: 'small.pb', path: pb(SMALL) };
    const a = await threaded.run('pb.analyze', args);
    const b = await inline.run('pb.analyze', args);
    expect(a.rules.map((r) => ({ ...r, seconds: 0 }))).toEqual(b.rules.map((r) => ({ ...r, seconds: 0 })));
    expect(a.official).toEqual(['1', '3']);
    expect(a.voters).toBe(9);
  });

  it('brings a refusal back from the worker as the same AppError, in Thai and English, with the line', async () => {
    const bad = SMALL.replace('2;50;0', '2;fifty;0');
    const error = await threaded.run('pb.analyze', { fileName: 'bad.pb', path: pb(bad) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    const api = (error as AppError).toApiError();
    expect(api.code).toBe('IMPORT_REJECTED');
    expect(api.message).toContain('bad.pb');
    expect(api.messageTh).toContain('bad.pb');
    expect(api.problems?.[0]?.line).toBe(9);
    // The worker is still there for the next task.
    expect((await threaded.run('worker.ping', null)).threadId).toBeGreaterThan(0);
  });

  it('keeps the calling thread free while a large instance is analysed', async (ctx) => {
    const dir = fileURLToPath(new URL('../../../../shared/pabulib/', import.meta.url));
    const file = join(dir, 'instances', 'Poland_Warszawa_2023_Praga-Polnoc.pb');
    if (!existsSync(file)) {
      ctx.skip(`../shared/pabulib (Warszawa 2023 Praga-Północ) is not beside the checkout`);
      return;
    }
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const started = performance.now();
    const analysis = await threaded.run('pb.analyze', { fileName: 'praga.pb', path: file });
    const elapsed = performance.now() - started;
    clearInterval(timer);
    expect(analysis.voters).toBeGreaterThan(1_000);
    // A blocked thread would not tick at all until the analysis returned.
    expect(ticks).toBeGreaterThan(Math.min(10, elapsed / 50));
  });

  it('refuses a plain .pb larger than MAX_PB_BYTES by its size, without reading it; a small one is analysed', () => {
    const big = pb(SMALL);
    // Sparse: the size is what the check reads, so the test writes nothing like 256 MB.
    truncateSync(big, MAX_PB_BYTES + 1);
    vi.mocked(readFileSync).mockClear();
    let error: unknown;
    try {
      analyzePb({ fileName: 'big.pb', path: big });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    const api = (error as AppError).toApiError();
    expect(api.code).toBe('TOO_LARGE');
    expect(api.message).toBe('big.pb: larger than 256 MB, the most a .pb file may be; refused');
    expect(api.messageTh).toContain('ใหญ่เกิน 256 MB');
    expect(vi.mocked(readFileSync)).not.toHaveBeenCalled();

    const small = pb(SMALL);
    const analysis = analyzePb({ fileName: 'small.pb', path: small });
    expect(vi.mocked(readFileSync)).toHaveBeenCalledWith(small);
    expect(analysis.official).toEqual(['1', '3']);
    expect(analysis.voters).toBe(9);
  });

  it('stops a task over its time budget with a clear refusal, and serves the next task', async () => {
    const strict = createComputeRunner({ workerFile, budgets: { 'pb.analyze': 1 } });
    // 3,000 voters: far more than a millisecond of work.
    const many = [SMALL, ...Array.from({ length: 3000 }, (_, i) => `${i + 100};1,2`)].join('\n');
    const error = await strict.run('pb.analyze', { fileName: 'big.pb', path: pb(many) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    const api = (error as AppError).toApiError();
    expect(api.code).toBe('TOO_LARGE');
    expect(api.message).toMatch(/took longer than/u);
    expect(api.messageTh).toContain('ใช้เวลานานเกิน');
    expect((await strict.run('worker.ping', null)).threadId).toBeGreaterThan(0);
    await strict.close();
  });
});
