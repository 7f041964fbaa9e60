/**
 * An offline scoring sheet is read on the compute worker: ExcelJS over a member's file (here 20 MB of rows, about two
 * seconds of reading) leaves the host's thread idle (read there, it kept that thread busy 99.98% of the time, though
 * ExcelJS's streams let other calls through between its chunks), and what it read is then checked on the host (this
 * one is no ChiPao sheet: refused, nothing changed). The refusals themselves are tested through the handler in
 * handlers/judgement.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { writeZip } from '../../../test/fixtures/zip-writer';
import { everyTable, owner, useTestCore } from '../handlers/test-core';

/** A workbook part of about `mb` MB of rows with two numbers each, in a zip (no signature sheet). */
function rowsWorkbook(mb: number): Buffer {
  const rows: string[] = [];
  let size = 0;
  for (let r = 1; size < mb * 1024 * 1024; r++) {
    const row = `<row r="${r}"><c r="A${r}"><v>${r}</v></c><c r="B${r}"><v>1</v></c></row>`;
    rows.push(row);
    size += row.length;
  }
  const sheet = `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows.join('')}</sheetData></worksheet>`;
  return writeZip([
    { name: '[Content_Types].xml', data: '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>' },
    { name: 'xl/worksheets/sheet1.xml', data: sheet },
  ]);
}

describe('a scoring sheet read on the compute worker', () => {
  const { core: threaded, upload } = useTestCore('chipao-sheet-worker-', { needs: 50, projects: 5 }, { worker: true });

  it('leaves the host idle: it answers while the worker reads, then the file is refused', async () => {
    const core = threaded();
    const uploadId = upload('sheet.xlsx', rowsWorkbook(20));
    const before = everyTable(core);
    let settled = false;
    const loop = performance.eventLoopUtilization();
    const imported = core.call('judgement.importSheet', { roundId: 1, uploadId }, owner);
    void imported.finally(() => (settled = true));
    await new Promise((r) => setTimeout(r, 300));
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      expect((await core.call('app.info', {}, owner)).ok).toBe(true);
      expect(performance.now() - started).toBeLessThan(250);
    }
    expect(settled).toBe(false);
    const r = await imported;
    // The host's thread was mostly idle meanwhile (ExcelJS reading on it keeps it busy nearly throughout).
    const busy = performance.eventLoopUtilization(loop).utilization;
    expect(busy).toBeLessThan(0.3);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('not a ChiPao scoring sheet');
    expect(everyTable(core)).toEqual(before);
  });
});
