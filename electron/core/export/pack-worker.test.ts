import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportAgency, ExportedDocument } from '../../../shared/api/exports';
import { downloadedBytes, owner, useTestCore } from '../handlers/test-core';
import type { Core } from '../core';
import { fileSafe } from './evidence';
import { setPdfPrinter, type PdfPrinter } from './pdf/printer';

// The host's printer stands in for Chromium here: it "prints" a page as its own HTML, at once, so what the host's
// thread does besides printing is what these tests see.
const pages: string[] = [];
const htmlPrinter: PdfPrinter = {
  print: async (html) => {
    pages.push(html);
    return Buffer.from(html);
  },
};
beforeAll(() => setPdfPrinter(htmlPrinter));
afterAll(() => setPdfPrinter(null));

/**
 * Runs an export while the host is asked for something else: the other calls must be answered at once, and the host's
 * thread must stay mostly idle while the worker reads the plan and writes and zips the files.
 */
async function whileAnswering(core: Core, method: string, args: unknown): Promise<ExportedDocument> {
  const loop = performance.eventLoopUtilization();
  let settled = false;
  const exported = core.call(method, args, owner);
  void exported.finally(() => (settled = true));
  const waits: number[] = [];
  while (!settled) {
    const started = performance.now();
    expect((await core.call('app.info', {}, owner)).ok).toBe(true);
    waits.push(performance.now() - started);
    await new Promise((r) => setTimeout(r, 20));
  }
  const busy = performance.eventLoopUtilization(loop).utilization;
  const r = await exported;
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  expect(waits.length).toBeGreaterThan(3);
  // A loaded machine delays a call now and then; made on the host's thread, the export held them for seconds.
  expect(Math.max(...waits)).toBeLessThan(1000);
  // Made on the host's thread, the export kept it busy nearly throughout (0.7–0.9 here).
  expect(busy).toBeLessThan(0.35);
  return r.value as ExportedDocument;
}

describe('open data and evidence packs made on the compute worker', () => {
  const { core, ok } = useTestCore('chipao-pack-worker-', { needs: 20_000, projects: 200 }, { worker: true });
  const bytes = (f: { downloadId: string }): Buffer => downloadedBytes(core(), f);

  it('makes the open-data zip off the host, with the same files as the CSV and JSON exports', async () => {
    const csv = await ok<ExportedDocument>('exports.plan', { roundId: 1, format: 'csv' });
    const json = await ok<ExportedDocument>('exports.plan', { roundId: 1, format: 'json' });
    pages.length = 0;
    const file = await whileAnswering(core(), 'exports.plan', { roundId: 1, format: 'opendata' });
    const zip = await JSZip.loadAsync(bytes(file));
    expect(Object.keys(zip.files)).toEqual(['open-data.csv', 'open-data.json', 'README.md', 'tambons.pdf']);
    expect(await zip.file('open-data.csv')!.async('nodebuffer')).toEqual(bytes(csv));
    const withoutTime = (b: Buffer): unknown => ({ ...(JSON.parse(b.toString('utf8')) as object), generated_at: null });
    expect(withoutTime(await zip.file('open-data.json')!.async('nodebuffer'))).toEqual(withoutTime(bytes(json)));
    // The notices were printed by the host's printer, once.
    expect(pages).toHaveLength(1);
    expect((await zip.file('tambons.pdf')!.async('string')) === pages[0]).toBe(true);
    const event = core()
      .store.sqlite.prepare(`SELECT payload_json FROM audit_event WHERE kind = 'plan.exported' ORDER BY id DESC LIMIT 3`)
      .all() as { payload_json: string }[];
    expect(event.map((e) => (JSON.parse(e.payload_json) as { format: string }).format)).toEqual(['opendata', 'json', 'csv']);
  });

  it("makes an agency's evidence pack off the host: an XLSX and a printed page per proposal, in rank order", async () => {
    pages.length = 0;
    const agencies = await ok<ExportAgency[]>('exports.agencies', { roundId: 1 });
    const agency = [...agencies].sort((a, b) => b.proposals - a.proposals)[0]!;
    expect(agency.proposals).toBeGreaterThan(20);
    const file = await whileAnswering(core(), 'exports.evidencePack', { roundId: 1, agency: agency.agency });
    const zip = await JSZip.loadAsync(bytes(file));
    const codes = (
      core().store.sqlite.prepare('SELECT code FROM project WHERE round_id = 1 AND agency = ?').all(agency.agency) as {
        code: string;
      }[]
    ).map((p) => fileSafe(p.code));
    const names = Object.keys(zip.files);
    expect([...names].sort()).toEqual(codes.flatMap((c) => [`${c}.pdf`, `${c}.xlsx`]).sort());
    expect(pages).toHaveLength(agency.proposals);
    for (const code of codes) {
      const page = await zip.file(`${code}.pdf`)!.async('string');
      expect(page).toContain(`<title>`);
      expect(page).toContain(code);
      expect(pages.includes(page)).toBe(true);
      const xlsx = await zip.file(`${code}.xlsx`)!.async('nodebuffer');
      expect(xlsx.subarray(0, 2).toString()).toBe('PK');
    }
    const event = core()
      .store.sqlite.prepare(`SELECT payload_json FROM audit_event WHERE kind = 'evidence.exported' ORDER BY id DESC LIMIT 1`)
      .get() as { payload_json: string };
    expect(JSON.parse(event.payload_json)).toMatchObject({ agency: agency.agency, sha256: file.sha256, format: 'evidence' });
  });

  it('refuses an agency with no proposal in the round, in Thai, leaving no file behind', async () => {
    const r = await core().call('exports.evidencePack', { roundId: 1, agency: 'ไม่มีหน่วยงานนี้' }, owner);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('NOT_FOUND');
      expect(r.error.messageTh).toContain('ไม่มีโครงการของหน่วยงาน');
    }
  });
});
