/** Reads Pabulib files from disk (plain `.pb` or gzip-compressed `.pb.gz`). */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { gunzipCapped } from '../compute/tasks';
import { decodeUtf8 } from '../sync/decode';
import type { PbInstance } from '../../../shared/domain/pabulib/pb-format';
import { parsePb } from '../../../shared/domain/pabulib/pb-format';

/**
 * Reads a `.pb` or `.pb.gz` file as text (gzip detected by its magic bytes, whatever the extension).
 *
 * @example await readPbText('instances/Poland_Swiecie_2023.pb.gz')
 */
export async function readPbText(path: string): Promise<string> {
  const raw = await readFile(path);
  const name = basename(path);
  const bytes = raw.length >= 2 && raw[0] === 0x1f && raw[1] === 0x8b ? gunzipCapped(raw, name) : raw;
  return decodeUtf8(bytes, name);
}

/**
 * Reads and parses a `.pb` / `.pb.gz` file.
 *
 * @example (await readPbFile('Netherlands_Assen_2024.pb')).meta.budget // '100000'
 */
export async function readPbFile(path: string): Promise<PbInstance> {
  return parsePb(await readPbText(path));
}
