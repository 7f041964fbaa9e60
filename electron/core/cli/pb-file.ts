/** Reads Pabulib files from disk (plain `.pb` or gzip-compressed `.pb.gz`). */
import { basename } from 'node:path';
import { readPbText } from '../compute/tasks';
import type { PbInstance } from '../../../shared/domain/pabulib/pb-format';
import { parsePb } from '../../../shared/domain/pabulib/pb-format';

/**
 * Reads and parses a `.pb` / `.pb.gz` file, with the app's limits (readPbText).
 *
 * @example (await readPbFile('Netherlands_Assen_2024.pb')).meta.budget // '100000'
 */
export async function readPbFile(path: string): Promise<PbInstance> {
  return parsePb(readPbText(path, basename(path)));
}
