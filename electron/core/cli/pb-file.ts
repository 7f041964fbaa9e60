/** Reads Pabulib files from disk (plain `.pb` or gzip-compressed `.pb.gz`). */
import { open } from 'node:fs/promises';
import { isUtf8 } from 'node:buffer';
import { basename } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { MAX_PB_BYTES } from '../../../shared/api/limits';
import { AppError } from '../../../shared/api/errors';
import { gunzipCapped } from '../compute/tasks';
import { decodeUtf8 } from '../sync/decode';
import type { PbInstance } from '../../../shared/domain/pabulib/pb-format';
import { parsePb } from '../../../shared/domain/pabulib/pb-format';

function tooLarge(name: string): AppError {
  const mb = Math.round(MAX_PB_BYTES / (1024 * 1024));
  return new AppError(
    'TOO_LARGE',
    `${name}: larger than ${mb} MB, the most a .pb file may be; refused`,
    `${name}: ไฟล์ใหญ่เกิน ${mb} MB ซึ่งเป็นขนาดสูงสุดของไฟล์ .pb จึงไม่รับ`,
  );
}

/**
 * Reads a `.pb` or `.pb.gz` file as text (gzip detected by its magic bytes, whatever the extension). A plain file and
 * an unpacked gzip are both held to MAX_PB_BYTES, checked before the bytes are read or inflated further.
 *
 * @example await readPbText('instances/Poland_Swiecie_2023.pb.gz')
 */
export async function readPbText(path: string): Promise<string> {
  const name = basename(path);
  const file = await open(path, 'r');
  let raw: Buffer;
  try {
    // The size on disk first; then reading never goes past one byte over the cap, so a file that grows meanwhile
    // (or a device that reports no size) is refused too.
    const size = (await file.stat()).size;
    if (size > MAX_PB_BYTES) throw tooLarge(name);
    let buf = Buffer.allocUnsafe(size + 1);
    let n = 0;
    for (;;) {
      if (n === buf.length) {
        if (n > MAX_PB_BYTES) throw tooLarge(name);
        const bigger = Buffer.allocUnsafe(Math.min(2 * n, MAX_PB_BYTES + 1));
        buf.copy(bigger, 0, 0, n);
        buf = bigger;
      }
      const { bytesRead } = await file.read(buf, n, buf.length - n, n);
      if (bytesRead === 0) break;
      n += bytesRead;
    }
    raw = buf.subarray(0, n);
  } finally {
    await file.close();
  }
  const bytes = raw.length >= 2 && raw[0] === 0x1f && raw[1] === 0x8b ? gunzip(raw, name) : raw;
  // Checked, then decoded in one step into the final string (parsePb drops a BOM); the strict decoder, which builds
  // its text in a buffer of its own first, only runs to say where a file that is not UTF-8 goes wrong.
  return isUtf8(bytes) ? bytes.toString('utf8') : decodeUtf8(bytes, name);
}

/** Output pieces of 16 MB: zlib's default 64 KB pieces of a 250 MB file stay in the allocator after they are joined. */
const GUNZIP_CHUNK = 16 * 1024 * 1024;

/** Inflates within MAX_PB_BYTES; a file that does not inflate is inflated once more by gunzipCapped to say why. */
function gunzip(raw: Buffer, name: string): Buffer {
  try {
    return gunzipSync(raw, { maxOutputLength: MAX_PB_BYTES, chunkSize: GUNZIP_CHUNK });
  } catch {
    return gunzipCapped(raw, name, MAX_PB_BYTES);
  }
}

/**
 * Reads and parses a `.pb` / `.pb.gz` file.
 *
 * @example (await readPbFile('Netherlands_Assen_2024.pb')).meta.budget // '100000'
 */
export async function readPbFile(path: string): Promise<PbInstance> {
  return parsePb(await readPbText(path));
}
