import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Caller } from './context';
import { createDownloadStore, deviceOf, type DownloadStore } from './downloads';

const owner: Caller = {
  role: 'owner',
  actor: 'browser@127.0.0.1',
  transport: 'websocket',
  session: 'ws-a',
  address: '127.0.0.1',
};
const member = (address: string, session = `ws-${address}`): Caller => ({
  role: 'member',
  actor: `member:1@${address}`,
  transport: 'websocket',
  session,
  address,
});
const put = (store: DownloadStore, caller: Caller, text = 'ข้อมูล') =>
  store.putBytes(caller, { fileName: 'plan.csv', mimeType: 'text/csv', bytes: Buffer.from(text) });
/** Lets the unlinks the store starts off the thread finish. */
const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 50));

describe('downloads', () => {
  let dir = '';
  let now = 1_000_000;
  let store: DownloadStore;
  const folder = (): string => join(dir, 'downloads');
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'chipao-downloads-'));
    now = 1_000_000;
    store = createDownloadStore(folder(), { now: () => now, perDevice: 3, total: 5 });
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves a file once, to the device that made it, with the SHA-256 of its bytes', async () => {
    const ref = await put(store, member('192.168.1.20'), 'รายการ,1');
    expect(ref.downloadId).toMatch(/^[0-9a-f]{32}$/u);
    expect(ref.size).toBe(Buffer.byteLength('รายการ,1'));
    expect(ref.sha256).toBe(createHash('sha256').update('รายการ,1').digest('hex'));
    // Another device, and another address's form of the same id, get nothing and change nothing.
    expect(store.claim(ref.downloadId, '192.168.1.21')).toBeNull();
    expect(store.claim(ref.downloadId.toUpperCase(), '192.168.1.20')).toBeNull();
    const claimed = store.claim(ref.downloadId, deviceOf(member('::ffff:192.168.1.20')));
    expect(claimed).not.toBeNull();
    expect(readFileSync(claimed!.path, 'utf8')).toBe('รายการ,1');
    claimed!.release();
    await settle();
    expect(existsSync(claimed!.path)).toBe(false);
    // Fetched: the id is used up.
    expect(store.claim(ref.downloadId, '192.168.1.20')).toBeNull();
  });

  it('expires a download left unfetched after 10 minutes and deletes its file', async () => {
    const ref = await put(store, owner);
    now += 10 * 60 * 1000 - 1;
    const kept = await put(store, owner);
    now += 1;
    // Putting another sweeps the expired one away.
    await put(store, owner);
    await settle();
    expect(store.claim(ref.downloadId, '127.0.0.1')).toBeNull();
    expect(readdirSync(folder())).not.toContain(ref.downloadId);
    expect(store.claim(kept.downloadId, '127.0.0.1')).not.toBeNull();
    now += 10 * 60 * 1000;
    const late = await put(store, owner);
    now += 10 * 60 * 1000;
    expect(store.claim(late.downloadId, '127.0.0.1')).toBeNull();
  });

  it('holds a bounded number per device and for every device together, dropping the oldest', async () => {
    const a = member('192.168.1.20');
    const first = await put(store, a);
    const rest = [await put(store, a), await put(store, a)];
    const fourth = await put(store, a);
    await settle();
    expect(store.claim(first.downloadId, '192.168.1.20')).toBeNull();
    expect(readdirSync(folder())).not.toContain(first.downloadId);
    expect(store.held()).toBe(3);
    // Two more devices: every device together holds at most 5; the oldest of them go first.
    await put(store, member('192.168.1.21'));
    await put(store, member('192.168.1.22'));
    await put(store, member('192.168.1.22'));
    expect(store.held()).toBe(5);
    expect(store.claim(rest[0]!.downloadId, '192.168.1.20')).toBeNull();
    expect(store.claim(fourth.downloadId, '192.168.1.20')).not.toBeNull();
    // The owner's own files are not pushed out by other devices' (nor counted with theirs).
    const mine = await put(store, owner);
    for (let i = 0; i < 6; i++) await put(store, member(`192.168.1.${30 + i}`));
    expect(store.claim(mine.downloadId, '127.0.0.1')).not.toBeNull();
    // And a device's connection closing drops its downloads.
    const b = member('192.168.1.40', 'ws-b');
    const gone = await put(store, b);
    store.dropOwner('ws-b');
    expect(store.claim(gone.downloadId, '192.168.1.40')).toBeNull();
  });

  it('never gives an id twice', async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 300; i++) ids.add((await put(store, member(`10.0.${i >> 8}.${i & 255}`))).downloadId);
    expect(ids.size).toBe(300);
  });

  it('moves a file made elsewhere into its folder', async () => {
    const made = join(dir, 'made.zip');
    writeFileSync(made, 'PK');
    const ref = await store.putFile(owner, {
      fileName: '../../x/open-data.zip',
      mimeType: 'application/zip',
      path: made,
      size: 2,
      sha256: 'ab',
    });
    expect(ref.fileName).toBe('open-data.zip');
    expect(existsSync(made)).toBe(false);
    const claimed = store.claim(ref.downloadId, '127.0.0.1');
    expect(readFileSync(claimed!.path, 'utf8')).toBe('PK');
  });

  it('starts empty: files left by a previous run are deleted', async () => {
    await put(store, owner);
    store.close();
    writeFileSync(join(dir, 'stale'), '');
    store = createDownloadStore(folder());
    expect(readdirSync(folder())).toEqual([]);
  });
});
