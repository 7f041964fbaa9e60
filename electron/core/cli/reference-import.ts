/**
 * `reference-import FILE --db PATH`: imports the province's reference data into an existing database, as the round
 * screen's Province reference data tab does: a population table (XLSX, XLS, ODS, HTML saved as .xls, CSV in UTF-8,
 * UTF-16 or Windows-874; by area code or by name), a GeoJSON layer of boundaries or our reference JSON. Prints one JSON
 * object with what it set (`districts`, `tambons`, `withPopulation`, `withGeometry`, `withEnglishName`,
 * `otherProvinces`) and, on stderr, what the reading passed over or added up (Thai, then English).
 * All or nothing: a file with any problem exits 1 with the first 20 problems on stderr (place, Thai, English) and
 * changes nothing; a usage error exits 2.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AppError } from '../../../shared/api/errors';
import { MAX_REFERENCE_BYTES } from '../../../shared/api/limits';
import { createCore } from '../core';
import { importAreas } from '../sync/reference-import';
import { noteImport, printRefused } from './report';
import { parseRoundArgs, requireDb } from './round-db';
import { requireInputFile, UsageError, type Command } from './usage';

export const referenceImportCommand: Command = {
  usage: {
    en: 'reference-import FILE --db PATH',
    th: 'reference-import ไฟล์ --db ฐานข้อมูล',
  },
  async run(argv) {
    const { db, positional } = parseRoundArgs(argv, []);
    if (positional.length !== 1) {
      throw new UsageError('ต้องระบุไฟล์ข้อมูลอ้างอิงหนึ่งไฟล์', 'expected exactly one reference FILE');
    }
    const path = positional[0]!;
    // The database must exist: the province's districts and tambons are in it from its first start.
    requireDb(resolve(db));
    requireInputFile(path, MAX_REFERENCE_BYTES);
    const bytes = readFileSync(path);
    const core = await createCore({ dbPath: resolve(db), seedSample: false });
    try {
      const name = path.split(/[\\/]/u).pop() ?? path;
      try {
        const { notes, ...counts } = importAreas(core.store, name, bytes, 'cli');
        process.stdout.write(`${JSON.stringify(counts)}\n`);
        noteImport({ ...(notes ? { mappingNotes: notes } : {}) });
        return 0;
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        // Its problems say their sheet, row and column in their own texts.
        return printRefused(
          e,
          { districts: 0, tambons: 0, withPopulation: 0, withGeometry: 0 },
          { placed: true, lead: { th: 'ไม่ได้นำเข้า: ', en: 'not imported: ' } },
        );
      }
    } finally {
      await core.close();
    }
  },
};
