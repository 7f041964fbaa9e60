/** Reading a file that should be small, bounded whatever it is: a device or a pipe has no size and may never end. */
import { closeSync, openSync, readSync } from 'node:fs';

/**
 * The file's bytes when it holds at most `max`, else 'too_large' (read up to `max` + 1 bytes, never its size as stat
 * gives it). Throws as `openSync` does (ENOENT, EACCES, EISDIR).
 */
export function readSmallFile(path: string, max: number): Buffer | 'too_large' {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(max + 1);
    let n = 0;
    while (n < buffer.length) {
      const read = readSync(fd, buffer, n, buffer.length - n, null);
      if (read === 0) break;
      n += read;
    }
    return n > max ? 'too_large' : buffer.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}
