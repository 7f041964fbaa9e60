/**
 * Every bad needs file in test/fixtures/bad/ is refused with its code and place, through the file import and (for
 * NDJSON) the feed sync, and leaves every table of the store unchanged; the core keeps answering.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ApiError } from '../../../shared/api/errors';
import type { SyncReport } from '../../../shared/api/types';
import { BAD_NEEDS_FILES } from '../../../test/fixtures/bad/needs-table';
import { everyTable as tableDigests, owner, useTestCore } from '../handlers/test-core';

const { core, upload } = useTestCore('chipao-bad-', { needs: 300, projects: 10 });

const everyTable = () => tableDigests(core());

async function refused(method: string, args: unknown): Promise<ApiError> {
  const r = await core().call(method, args, owner);
  if (r.ok) throw new Error(`${method} applied a bad file`);
  return r.error;
}

describe('bad needs files', () => {
  it('there are at least 40, each on disk', () => {
    expect(BAD_NEEDS_FILES.length).toBeGreaterThanOrEqual(40);
    expect(new Set(BAD_NEEDS_FILES.map((f) => f.file)).size).toBe(BAD_NEEDS_FILES.length);
  });

  it.each(BAD_NEEDS_FILES.map((f) => [f.file, f] as const))('%s is refused with its code and place', async (file, f) => {
    const bytes = readFileSync(new URL(`../../../test/fixtures/bad/${file}`, import.meta.url));
    const before = everyTable();
    const error = await refused('needs.importApply', { uploadId: upload(file, bytes) });
    expect(['IMPORT_REJECTED', 'SYNC_REJECTED']).toContain(error.code);
    const first = error.problems?.[0];
    expect(first).toMatchObject({ code: f.code, line: f.line, ...(f.column ? { column: f.column } : {}) });
    expect(first!.en.length).toBeGreaterThan(0);
    expect(first!.th.length).toBeGreaterThan(0);
    expect(error.message).toContain(file);
    if (file.endsWith('.ndjson')) {
      const sync = await refused('needs.sync', { uploadId: upload(file, bytes) });
      expect(sync.problems?.[0]).toMatchObject({ code: f.code, line: f.line });
    }
    expect(everyTable()).toEqual(before);
    expect((await core().call('app.info', {}, owner)).ok).toBe(true);

    // Asked for the valid rows only: a file refused as a whole stays refused; otherwise the bad row is skipped,
    // listed with the same place, and the batch says it was partial.
    const partial = await core().call('needs.importApply', { uploadId: upload(file, bytes), partial: true }, owner);
    if (f.line === 0 || !partial.ok) {
      expect(partial.ok).toBe(false);
      expect(everyTable()).toEqual(before);
    } else {
      const report = partial.value as SyncReport;
      expect(report.partial).toBe(true);
      expect(report.rejected[0]).toMatchObject({ code: f.code, line: f.line });
      const batch = core()
        .store.sqlite.prepare('SELECT partial, rejected_count FROM sync_batch WHERE id = ?')
        .get(report.batchId);
      expect(batch).toEqual({ partial: 1, rejected_count: report.rejectedCount });
    }
  });
});

describe('cells built to make a reader search', () => {
  it('refuses by row a file of distinct 32,000-character dates, places and points, within the test time, unchanged', async () => {
    // Each cell distinct (none remembered from the one before): " ถึง " repeated took over a second a cell in the date
    // range's search, a long place a tenth, "เขตเทศบาล " a population table's part search twelve seconds.
    const long = (word: string, i: number): string => `${i} ${word.repeat(Math.floor(32_000 / word.length))}`;
    const rows = Array.from(
      { length: 200 },
      (_, i) => `"${long('ตำบล ', i)}",ขอถนน ${i},ถนน,5,"${long(' ถึง ', i)}","${long('1.1,', i)}"`,
    );
    const csv = ['ตำบล,ความต้องการ,ด้าน,ผู้ได้รับผลกระทบ,วันที่,พิกัด', ...rows].join('\n');
    const before = everyTable();
    const error = await refused('needs.importApply', { uploadId: upload('long-cells.csv', csv) });
    expect(error.problems?.slice(0, 3).map((p) => [p.line, p.code])).toEqual([
      [2, 'BAD_DATE'],
      [2, 'BAD_FIELD'],
      [2, 'UNKNOWN_AREA'],
    ]);
    expect(error.problems?.[2]?.en).toContain('characters names no tambon');
    expect(everyTable()).toEqual(before);
  });
});
