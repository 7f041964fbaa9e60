/**
 * `sync URL --db PATH` through the real command line against the fixture feed server: an empty database pulls
 * every page, a second run resumes at the committed cursor and finds nothing new, a failing feed exits 1 with the pages
 * before it kept, and an http address off this machine is a usage error.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedRecords, startFeedServer, type FeedServer } from '../../../test/fixtures/feed-server';
import { emptyDb } from './test-cli';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'chipao-pull-cli-'));
let server: FeedServer;

beforeAll(async () => {
  // Saraburi's tambon codes: the store is seeded with the province's areas (see createCore).
  server = await startFeedServer({ log: feedRecords(300, ['190101', '190105', '190106']).map((item) => ({ item })) });
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The command line in a child process, without blocking this one (it serves the feed). */
function cli(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'electron/core/cli/main.ts'), ...args], {
      cwd: root,
      env: { ...process.env, CHIPAO_PULL_LIMIT: '100', CHIPAO_PULL_RETRIES: '1', CHIPAO_PULL_BACKOFF_MS: '10' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('command line: sync URL', () => {
  it('pulls every page, resumes at the committed cursor, keeps the pages before a failure', async () => {
    const db = join(dir, 'pull.sqlite');
    await emptyDb(db);
    const first = await cli('sync', server.url, '--db', db);
    expect(first.status, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toEqual({
      batch: 1,
      new: 300,
      changed: 0,
      withdrawn: 0,
      unchanged: 0,
      pages: 3,
      cursor: '300',
      rejected: [],
    });
    const again = await cli('sync', server.url, '--db', db);
    expect(JSON.parse(again.stdout)).toMatchObject({ batch: null, new: 0, pages: 1, cursor: '300' });

    server.log.push(...feedRecords(150, ['190101'], 300).map((item) => ({ item })));
    server.faults.push('none', '500', '500');
    const failing = await cli('sync', server.url, '--db', db);
    expect(failing.status).toBe(1);
    expect(JSON.parse(failing.stdout)).toMatchObject({ new: 100, pages: 1, cursor: '400', rejected: [{ row: 0, code: null }] });
    expect(failing.stderr).toContain('500');
    const resumed = await cli('sync', server.url, '--db', db);
    expect(JSON.parse(resumed.stdout)).toMatchObject({ new: 50, pages: 1, cursor: '450' });
  }, 120_000);

  it('refuses http off this machine as a usage error', async () => {
    const db = join(dir, 'x.sqlite');
    await emptyDb(db);
    const r = await cli('sync', 'http://example.org/api', '--db', db);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('https://');
  }, 60_000);
});
