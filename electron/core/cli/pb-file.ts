/** Reads Pabulib files from disk (plain `.pb` or gzip-compressed `.pb.gz`). */
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { MAX_PB_BYTES } from '../../../shared/api/limits';
import { AppError } from '../../../shared/api/errors';
import { gunzipCapped } from '../compute/tasks';
import { decodeUtf8 } from '../sync/decode';
import type { PbInstance } from '../../../shared/domain/pabulib/pb-format';
import { parsePb } from '../../../shared/domain/pabulib/pb-format';

/** zlib's output pieces for a .pb.gz: 16 MB (see gunzipCapped). */
const GUNZIP_CHUNK = 16 * 1024 * 1024;

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
 * an unpacked gzip are both held to MAX_PB_BYTES: a plain file by its size before it is read (and once read, should it
 * have grown meanwhile), a gzip while it inflates.
 *
 * @example await readPbText('instances/Poland_Swiecie_2023.pb.gz')
 */
export async function readPbText(path: string): Promise<string> {
  const name = basename(path);
  if ((await stat(path)).size > MAX_PB_BYTES) throw tooLarge(name);
  const raw = await readFile(path);
  if (raw.length > MAX_PB_BYTES) throw tooLarge(name);
  const gzip = raw.length >= 2 && raw[0] === 0x1f && raw[1] === 0x8b;
  return decodeUtf8(gzip ? gunzipCapped(raw, name, MAX_PB_BYTES, GUNZIP_CHUNK) : raw, name);
}

/**
 * Reads and parses a `.pb` / `.pb.gz` file.
 *
 * @example (await readPbFile('Netherlands_Assen_2024.pb')).meta.budget // '100000'
 */
export async function readPbFile(path: string): Promise<PbInstance> {
  return parsePb(await readPbText(path));
}
