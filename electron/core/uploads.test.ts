/**
 * A file registered from disk (the desktop's file dialog): copied whole, and hashed as its bytes say, also when it
 * spans many of the reads the hash is made of.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Caller } from './context';
import { createUploadStore } from './uploads';

const dir = mkdtempSync(join(tmpdir(), 'chipao-uploads-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const owner: Caller = { role: 'owner', actor: 'test', transport: 'direct' };

describe('uploads from a file on disk', () => {
  it.each([0, 1, (1 << 20) - 1, 1 << 20, 3 * (1 << 20) + 17])('copies and hashes %i bytes', (size) => {
    const bytes = randomBytes(size);
    const source = join(dir, `source-${size}.bin`);
    writeFileSync(source, bytes);
    const store = createUploadStore(join(dir, `store-${size}`));
    try {
      const file = store.putFile(owner, 'f.bin', source);
      expect(file.size).toBe(size);
      expect(file.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
      expect(readFileSync(file.path).equals(bytes)).toBe(true);
    } finally {
      store.close();
    }
  });
});

describe('files held at once', () => {
  const device = (n: number, connection = 0): Caller => ({
    role: 'facilitator',
    actor: `member-${n}`,
    transport: 'websocket',
    session: `s${n}-${connection}`,
    address: `192.168.1.${n + 10}`,
  });

  it('refuses a device more uploads than it may hold, while other devices can still send', () => {
    const store = createUploadStore(join(dir, 'held'), 1000);
    try {
      // Two of the largest files fill one device's share; the third is refused and nothing is reserved for it.
      // (from two connections of the same device: the device holds them, not each connection).
      store.begin(device(1), 'a.xlsx', 1000);
      store.begin(device(1, 1), 'b.xlsx', 999);
      expect(() => store.begin(device(1, 2), 'c.xlsx', 2)).toThrow(/already holds 2 files/u);
      // Small files count too: at most 16 at once.
      for (let i = 0; i < 16; i++) store.begin(device(2), `s${i}.csv`, 1);
      expect(() => store.begin(device(2), 's16.csv', 1)).toThrow(/already holds 16 files/u);
      // Another device is unaffected, and a file discarded gives its room back.
      const other = store.begin(device(3), 'x.xlsx', 1000);
      store.discard(other.id);
      expect(store.begin(device(3), 'x.xlsx', 1000).id).toMatch(/^[0-9a-f]{32}$/u);
    } finally {
      store.close();
    }
  });

  it('refuses any device once all together hold eight of the largest files', () => {
    const store = createUploadStore(join(dir, 'held-all'), 1000);
    try {
      for (let n = 0; n < 4; n++) {
        store.begin(device(n), 'a.xlsx', 1000);
        store.begin(device(n), 'b.xlsx', 1000);
      }
      expect(() => store.begin(device(9), 'c.xlsx', 1)).toThrow(/the host already holds/u);
      // The host's own user is not capped.
      for (let i = 0; i < 20; i++) store.begin(owner, `o${i}.xlsx`, 1000);
    } finally {
      store.close();
    }
  });
});
