/**
 * SheetJS on its own thread, within a time limit: a damaged workbook that keeps its parser spinning is refused naming
 * the file and the limit, the next workbook is read as before, and nothing SheetJS prints reaches the console.
 */
import { describe, expect, it, vi } from 'vitest';
import { REPORT_ROWS, reportExcel95, reportXlsx } from '../../../test/fixtures/needs-files';
import { PROPOSAL_ROWS, proposalsXlsx } from '../../../test/fixtures/proposals-files';
import { everyTable, owner, useTestCore } from '../handlers/test-core';
import { sheetJsTimeLimitMs } from './sheetjs-bounded';
import { refused } from './test-refused';
import { sheetJsSheets } from './workbook';

/**
 * The report as an Excel 95 workbook with 50 bytes of its stream written twice (found by mutating good files): a
 * formula's token stream then ends past its record, and SheetJS's `parse_Rgce` loops for ever.
 */
function spinningWorkbook(): Buffer {
  const good = reportExcel95();
  return Buffer.concat([good.subarray(0, 3142), good.subarray(3092, 3142), good.subarray(3142)]);
}

describe('SheetJS within a time limit', () => {
  it('refuses a workbook that keeps SheetJS spinning, then reads the next one as before', () => {
    const before = sheetJsSheets(reportExcel95(), 'report.xls');
    const started = performance.now();
    const error = refused(() => sheetJsSheets(spinningWorkbook(), 'damaged.xls', { timeoutMs: 1_000 }));
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(error.code).toBe('IMPORT_REJECTED');
    expect(error.problems?.[0]).toMatchObject({ code: 'CORRUPT_FILE', line: 0 });
    expect(error.message).toContain('damaged.xls');
    expect(error.problems?.[0]?.en).toContain('could not be read within 1 s');
    expect(error.problems?.[0]?.th).toContain('ไม่เสร็จภายใน 1 วินาที');
    // The stopped thread is replaced: the same workbook reads the same rows, Thai code page included.
    const after = sheetJsSheets(reportExcel95(), 'report.xls');
    expect(after).toEqual(before);
    expect(JSON.stringify(after)).toContain(REPORT_ROWS[0]!.title);
  });

  it('still refuses what SheetJS refuses with its own reason, and keeps its messages off the console', () => {
    const printed = vi.spyOn(console, 'error');
    const written = vi.spyOn(process.stderr, 'write');
    try {
      const truncated = reportXlsx(undefined, 'xls').subarray(0, 3000);
      const error = refused(() => sheetJsSheets(truncated, 'cut.xls'));
      expect(error.problems?.[0]).toMatchObject({ code: 'CORRUPT_FILE', line: 0 });
      expect(error.problems?.[0]?.en).toMatch(/^the workbook cannot be read \(/u);
      refused(() => sheetJsSheets(spinningWorkbook(), 'damaged.xls', { timeoutMs: 500 }));
      expect(printed).not.toHaveBeenCalled();
      expect(written.mock.calls.map((c) => String(c[0])).filter((s) => /XLS Record/u.test(s))).toEqual([]);
    } finally {
      printed.mockRestore();
      written.mockRestore();
    }
  });

  it('gives a workbook 10 s and 2 s more per MB', () => {
    expect(sheetJsTimeLimitMs(5_682)).toBe(12_000);
    expect(sheetJsTimeLimitMs(128 * 1024 * 1024)).toBe(266_000);
  });
});

describe('a spinning workbook through the import', () => {
  const { core, upload } = useTestCore('chipao-spin-', { needs: 100, projects: 5 });

  it('is refused by the preview within its limit, changes nothing, and the core answers afterwards', async () => {
    const before = everyTable(core());
    const started = performance.now();
    const r = await core().call('needs.importPreview', { uploadId: upload('damaged.xls', spinningWorkbook()) }, owner);
    expect(performance.now() - started).toBeLessThan(sheetJsTimeLimitMs(6_000) + 8_000);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.problems?.[0]).toMatchObject({ code: 'CORRUPT_FILE', line: 0 });
    expect(r.error.message).toContain('damaged.xls');
    expect(everyTable(core())).toEqual(before);
    expect((await core().call('app.info', {}, owner)).ok).toBe(true);
    const good = await core().call('needs.importPreview', { uploadId: upload('report.xls', reportExcel95()) }, owner);
    expect(good.ok).toBe(true);
  });
});

describe('a spinning workbook previewed on the compute worker', () => {
  const { core: threaded, upload: put } = useTestCore('chipao-spin-worker-', { needs: 100, projects: 5 }, { worker: true });

  /**
   * Previews the spinning workbook with `method`, checks that the host answers `app.info` in under a second `answers`
   * times while the worker reads it, and that the file is then refused and nothing changed.
   */
  async function refusedWhileHostAnswers(method: 'needs.importPreview' | 'projects.importPreview', answers: number) {
    const core = threaded();
    const before = everyTable(core);
    let settled = false;
    const preview = core.call(method, { uploadId: put('damaged.xls', spinningWorkbook()) }, owner);
    void preview.finally(() => (settled = true));
    await new Promise((r) => setTimeout(r, 500));
    for (let i = 0; i < answers; i++) {
      const started = performance.now();
      expect((await core.call('app.info', {}, owner)).ok).toBe(true);
      expect(performance.now() - started).toBeLessThan(1_000);
    }
    expect(settled).toBe(false);
    const r = await preview;
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.problems?.[0]).toMatchObject({ code: 'CORRUPT_FILE', line: 0 });
    expect(everyTable(core)).toEqual(before);
  }

  it('holds no other call meanwhile: the host answers while the worker reads, then the file is refused', async () => {
    await refusedWhileHostAnswers('needs.importPreview', 5);
    // A good workbook previews on the worker as on the host's thread.
    const good = await threaded().call('needs.importPreview', { uploadId: put('report.xls', reportExcel95()) }, owner);
    expect(good.ok).toBe(true);
    if (good.ok) expect(good.value).toMatchObject({ fileName: 'report.xls', valid: REPORT_ROWS.length });
  });

  it('reads a proposals file there too: the host answers meanwhile, the file is refused, a good one previews', async () => {
    await refusedWhileHostAnswers('projects.importPreview', 1);
    const good = await threaded().call(
      'projects.importPreview',
      { uploadId: put('p.xls', proposalsXlsx(undefined, { bookType: 'xls' })) },
      owner,
    );
    expect(good.ok).toBe(true);
    if (good.ok) expect(good.value).toMatchObject({ fileName: 'p.xls', rows: PROPOSAL_ROWS.length });
  });
});
