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
