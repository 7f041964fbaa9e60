import { hash } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import type { Approval } from '../../../shared/api/approval';
import type { ExportAgency, ExportedDocument } from '../../../shared/api/exports';
import type { ExportedFile, ProjectRow, Scenario, ScenarioResult } from '../../../shared/api/types';
import { bahtText } from '../../../shared/domain/baht-text';
import { formatBaht } from '../../../shared/domain/money';
import { STRATEGIES } from '../../../shared/domain/taxonomy';
import { downloadedBytes, owner, sampleApprovalArgs, useTestCore } from '../handlers/test-core';
import { sarabunFontFaces } from './pdf/html';
import { chromiumPath, chromiumPrinter } from './pdf/printer';
import {
  hasOpenpyxl,
  hasPoppler,
  pdfFonts,
  pdfPagePng,
  pdfText,
  readXlsxWithOpenpyxl,
  type PyCell,
  type PySheet,
} from './test-readers';
import { existsSync } from 'node:fs';

const { core, ok } = useTestCore('chipao-exports-', { needs: 1500, projects: 40 });
/** A file's bytes, fetched once per download (a test reads some files more than once). */
const fetched = new Map<string, Buffer>();
const bytes = (f: { downloadId: string }): Buffer => {
  const known = fetched.get(f.downloadId) ?? downloadedBytes(core(), f);
  fetched.set(f.downloadId, known);
  return known;
};
const member = { role: 'member', actor: 'member:2', transport: 'websocket' } as const;
const hasChromium = existsSync(chromiumPath());
const values = (row: readonly PyCell[]): (string | number | boolean | null)[] => row.map((c) => c.v);
const sheet = (book: PySheet[], name: string): PySheet => {
  const found = book.find((s) => s.name === name);
  if (!found) throw new Error(`no sheet ${name} in ${book.map((s) => s.name).join(', ')}`);
  return found;
};
/** Rows of a list sheet whose first cell is a number (the data rows), and its total row. */
const dataRows = (s: PySheet): PyCell[][] => s.rows.filter((r) => typeof r[0]?.v === 'number');
const totalRow = (s: PySheet, word = 'รวม'): PyCell[] => {
  const row = s.rows.find((r) => r[0]?.v === word);
  if (!row) throw new Error(`no total row in ${s.name}`);
  return row;
};
const baht = (satang: number): number => satang / 100;
const lastExport = (): { kind: string; payload: Record<string, unknown> } => {
  const row = core()
    .store.sqlite.prepare(
      `SELECT kind, payload_json FROM audit_event WHERE kind IN ('plan.exported', 'evidence.exported') ORDER BY id DESC LIMIT 1`,
    )
    .get() as { kind: string; payload_json: string };
  return { kind: row.kind, payload: JSON.parse(row.payload_json) as Record<string, unknown> };
};

async function scenarioNamed(name: string, rule: 'greedy' | 'mes' | 'optimum' = 'greedy'): Promise<Scenario> {
  return ok<Scenario>('scenarios.create', { roundId: 1, name, rule });
}

describe.skipIf(!hasOpenpyxl())('the plan workbook, read back by openpyxl', () => {
  it('lays out a draft in the province form and every number agrees with the database', async () => {
    const db = core().store.sqlite;
    // A proposal title a spreadsheet would run, and a locked amount to be marked.
    db.prepare('UPDATE project SET title = ? WHERE id = 2').run('=HYPERLINK("http://evil.example","คลิก")');
    const scenario = await scenarioNamed('ร่างแผน ก');
    const projects = await ok<ProjectRow[]>('projects.list', { roundId: 1 });
    const lockedProject = projects[projects.length - 1]!;
    await ok<Scenario>('scenarios.update', { scenarioId: scenario.id, locks: { [String(lockedProject.id)]: 1_000_00 } });
    const run = await ok<ScenarioResult>('scenarios.run', { scenarioId: scenario.id });

    const file = await ok<ExportedDocument>('exports.plan', { roundId: 1, scenarioId: scenario.id, format: 'xlsx' });
    expect(file.approved).toBe(false);
    const book = readXlsxWithOpenpyxl(bytes(file));
    expect(book.map((s) => s.name)).toEqual([
      'ปก',
      'สรุป',
      'Y1 ได้รับการจัดสรร',
      'Y2 บัญชีสำรอง',
      'ความต้องการที่ตอบสนอง',
      'ภาคผนวก วิธีการ',
    ]);

    // Draft: the title says ร่าง and so does every printed page's header and footer.
    const cover = sheet(book, 'ปก');
    expect(String(cover.rows[0]![0]!.v)).toContain('[ร่าง]');
    for (const s of book) {
      expect(s.oddHeader).toContain('ร่าง');
      expect(s.oddFooter).toContain('&P');
      expect(s.oddFooter).toContain('&N');
      expect(s.orientation).toBe('landscape');
      expect(s.paperSize).toBe(9);
    }
    const coverText = cover.rows.flatMap(values).filter((v): v is string => typeof v === 'string');
    expect(coverText.some((t) => t.includes(bahtText(run.totalFunded)) && t.includes(formatBaht(run.totalFunded)))).toBe(true);

    // Y1: a running number, the rank in its own column, requested and allocated as in the run.
    const y1 = sheet(book, 'Y1 ได้รับการจัดสรร');
    const funded = run.rows.filter((r) => r.funded > 0).sort((a, b) => a.rank - b.rank);
    const y1Rows = dataRows(y1);
    expect(y1Rows.map((r) => r[0]!.v)).toEqual(funded.map((_r, i) => i + 1));
    expect(y1Rows.map((r) => r[1]!.v)).toEqual(funded.map((r) => r.rank));
    expect(y1Rows.map((r) => r[10]!.v)).toEqual(funded.map((r) => baht(r.requested)));
    expect(y1Rows.map((r) => r[11]!.v)).toEqual(funded.map((r) => baht(r.funded)));
    expect(totalRow(y1)[11]!.v).toBeCloseTo(baht(run.totalFunded), 2);
    expect(totalRow(y1)[11]!.bold).toBe(true);
    // The locked project is marked.
    const lockedRow = [...y1Rows, ...dataRows(sheet(book, 'Y2 บัญชีสำรอง'))].find((r) => r[2]!.v === lockedProject.code);
    expect(String(lockedRow?.[12]?.v ?? '')).toContain('ล็อก');

    // Y2: in reserve order, nothing allocated.
    const y2 = sheet(book, 'Y2 บัญชีสำรอง');
    const y2Rows = y2.rows.filter((r, i) => i > 5 && r[0]?.v !== 'รวม' && typeof r[1]?.v === 'number');
    expect(y2Rows).toHaveLength(run.rows.length - funded.length);
    const order = y2Rows.map((r) => r[0]!.v).filter((v): v is number => typeof v === 'number');
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(y2Rows.every((r) => r[11]!.v === 0)).toBe(true);

    // Summary: per development issue the count and the sum cover the same proposals, straight from the database.
    const summary = sheet(book, 'สรุป');
    const byStrategy = db
      .prepare('SELECT strategy, COUNT(*) AS n, SUM(requested) AS requested FROM project WHERE round_id = 1 GROUP BY strategy')
      .all() as { strategy: string; n: number; requested: number }[];
    for (const s of STRATEGIES) {
      const row = summary.rows.find((r) => r[0]?.v === s.th)!;
      const truth = byStrategy.find((x) => x.strategy === s.id) ?? { n: 0, requested: 0 };
      const fundedHere = run.rows.filter((r) => r.strategy === s.id && r.funded > 0);
      expect(values(row).slice(1, 5)).toEqual([
        truth.n,
        baht(truth.requested),
        fundedHere.length,
        baht(fundedHere.reduce((a, r) => a + r.funded, 0)),
      ]);
    }
    const totals = summary.rows.filter((r) => r[0]?.v === 'รวม');
    expect(totals).toHaveLength(2);
    const all = db.prepare('SELECT COUNT(*) AS n, SUM(requested) AS requested FROM project WHERE round_id = 1').get() as {
      n: number;
      requested: number;
    };
    for (const total of totals)
      expect(values(total).slice(1, 5)).toEqual([all.n, baht(all.requested), funded.length, baht(run.totalFunded)]);

    // Needs covered: one row per link of a funded project, with the need's people.
    const needs = dataRows(sheet(book, 'ความต้องการที่ตอบสนอง'));
    const links = db
      .prepare(
        `SELECT COUNT(*) AS n, COALESCE(SUM(n.people_affected), 0) AS people FROM project_need pn JOIN need n ON n.id = pn.need_id
          WHERE n.status = 'active' AND pn.project_id IN (${funded.map((r) => r.projectId).join(',')})`,
      )
      .get() as { n: number; people: number };
    expect(needs).toHaveLength(links.n);
    expect(needs.reduce((a, r) => a + Number(r[9]!.v), 0)).toBe(links.people);

    // Style: Sarabun, bold bordered headers, #,##0.00, frozen header rows, repeated title rows.
    expect(y1Rows[0]!.every((c) => c.font === 'Sarabun')).toBe(true);
    expect(y1Rows[0]![11]!.fmt).toBe('#,##0.00');
    const header = y1.rows.find((r) => r[0]?.v === 'ลำดับ')!;
    expect(header.every((c) => c.bold)).toBe(true);
    expect(y1.freeze).toMatch(/^A\d+$/u);
    expect(y1.printTitleRows).toMatch(/^\$?1:\$?\d+$/u);

    // The method appendix names the rule, the criteria and the lock.
    const methodText = sheet(book, 'ภาคผนวก วิธีการ').rows.flatMap(values).join(' ');
    expect(methodText).toContain('ตามลำดับคะแนน');
    const round = db.prepare('SELECT name_th FROM criterion WHERE round_id = 1 ORDER BY sort LIMIT 1').get() as {
      name_th: string;
    };
    expect(methodText).toContain(round.name_th);
    expect(methodText).toContain(lockedProject.code);

    // Nothing in the file runs: the formula-looking title is text.
    for (const s of book) for (const r of s.rows) for (const c of r) expect(c.t).not.toBe('f');
    expect(y1Rows.concat(dataRows(y2)).some((r) => r[3]!.v === `'=HYPERLINK("http://evil.example","คลิก")`)).toBe(true);

    // The audit event holds the file's SHA-256 and the chain as it stood before the event.
    const event = lastExport();
    expect(event.kind).toBe('plan.exported');
    expect(event.payload['sha256']).toBe(hash('sha256', bytes(file), 'hex'));
    expect(event.payload['sha256']).toBe(file.sha256);
    expect(event.payload['chainLength']).toBe(file.chainLength - 1);
    const head = db.prepare('SELECT hash FROM audit_event ORDER BY id DESC LIMIT 1').get() as { hash: string };
    expect(file.chainHead).toBe(head.hash);
  });

  it('shows the resolution of an approved plan, from its frozen record, without the draft mark', async () => {
    const scenario = await scenarioNamed('แผนที่อนุมัติ');
    const before = await ok<ScenarioResult>('scenarios.run', { scenarioId: scenario.id });
    const { approval } = await ok<{ approval: Approval }>(
      'approvals.approve',
      sampleApprovalArgs(scenario.id, { resolutionDate: '15/11/2569' }),
    );
    // Today's scores move after the approval; the document still shows the approved plan.
    core()
      .store.sqlite.prepare(
        'UPDATE project SET requested = requested + 100, min_amount = min_amount + 100, operating = operating + 100 WHERE id = 3',
      )
      .run();
    const file = await ok<ExportedDocument>('exports.plan', { roundId: 1, scenarioId: scenario.id, format: 'xlsx' });
    expect(file.approved).toBe(true);
    expect(file.totalFunded).toBe(before.totalFunded);
    const book = readXlsxWithOpenpyxl(bytes(file));
    const coverText = sheet(book, 'ปก').rows.flatMap(values).join(' ');
    expect(coverText).toContain('ครั้งที่ 3/2570');
    expect(coverText).toContain('15 พฤศจิกายน 2569');
    expect(coverText).not.toContain('[ร่าง]');
    for (const s of book) expect(s.oddHeader).not.toContain('ร่าง');
    expect(lastExport().payload['approvalId']).toBe(approval.id);
  });

  it("keeps the allocation screen's plan.exportXlsx, in English too", async () => {
    const file = await ok<ExportedFile>('plan.exportXlsx', { roundId: 1, lang: 'en' });
    const book = readXlsxWithOpenpyxl(bytes(file));
    expect(book.map((s) => s.name)).toEqual(['Cover', 'Summary', 'Y1 funded', 'Y2 reserve', 'Needs covered', 'Appendix method']);
    expect(dataRows(sheet(book, 'Y1 funded'))).toHaveLength(file.fundedCount);
  });
});

describe('open data', () => {
  it('writes need → proposal → baht per village as CSV and JSON that agree with the database', async () => {
    const scenario = await scenarioNamed('ข้อมูลเปิด');
    const run = await ok<ScenarioResult>('scenarios.run', { scenarioId: scenario.id });
    const csv = await ok<ExportedDocument>('exports.plan', { roundId: 1, scenarioId: scenario.id, format: 'csv' });
    const json = await ok<ExportedDocument>('exports.plan', { roundId: 1, scenarioId: scenario.id, format: 'json' });
    const text = bytes(csv).toString('utf8');
    expect(text.startsWith('\uFEFFfiscal_year,plan_status,district_code')).toBe(true);
    const doc = JSON.parse(bytes(json).toString('utf8')) as { status: string; rows: Record<string, unknown>[] };
    expect(doc.status).toBe('draft');
    const links = core()
      .store.sqlite.prepare(
        `SELECT COUNT(*) AS n FROM project_need pn JOIN need n ON n.id = pn.need_id JOIN project p ON p.id = pn.project_id
          WHERE n.status = 'active' AND p.round_id = 1`,
      )
      .get() as { n: number };
    expect(doc.rows).toHaveLength(links.n);
    expect(text.trim().split('\r\n')).toHaveLength(links.n + 1);
    const funded = new Map(run.rows.map((r) => [r.code, r.funded]));
    for (const r of doc.rows) {
      expect(r['project_funded_satang']).toBe(funded.get(String(r['project_code'])));
      expect(r['decision']).toBe(
        (funded.get(String(r['project_code'])) ?? 0) > 0 ? 'funded' : r['reserve_order'] === null ? 'not_funded' : 'reserve',
      );
    }
  });
});

describe.skipIf(!hasChromium || !hasPoppler)('PDF documents (headless Chromium), read back by poppler', () => {
  it('prints the report with the Thai title, totals, baht text, the draft mark and Sarabun embedded', async () => {
    const scenario = await scenarioNamed('รายงาน PDF');
    const run = await ok<ScenarioResult>('scenarios.run', { scenarioId: scenario.id });
    const file = await ok<ExportedDocument>('exports.plan', { roundId: 1, scenarioId: scenario.id, format: 'pdf' });
    expect(bytes(file).subarray(0, 5).toString()).toBe('%PDF-');
    const { text, pages } = pdfText(bytes(file));
    const flat = text.replace(/\s+/gu, '');
    expect(flat).toContain('แผนการจัดสรรงบประมาณเพื่อการพัฒนาจังหวัดสระบุรี');
    expect(flat).toContain('ปีงบประมาณพ.ศ.2571');
    expect(flat).toContain(formatBaht(run.totalFunded));
    expect(flat).toContain(bahtText(run.totalFunded));
    expect(flat).toContain('ร่าง');
    expect(flat).toContain(`หน้า1/${pages}`);
    expect(pdfFonts(bytes(file))).toMatch(/Sarabun/u);
    const png = pdfPagePng(bytes(file), 1, '/tmp/exports-report-p1.png');
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    pdfPagePng(bytes(file), 2, '/tmp/exports-report-p2.png');
  });

  it("packs one agency's evidence (a PDF and an XLSX per proposal) in one zip", async () => {
    const agencies = await ok<ExportAgency[]>('exports.agencies', { roundId: 1 });
    const agency = agencies[0]!;
    const file = await ok<ExportedDocument>('exports.evidencePack', { roundId: 1, agency: agency.agency });
    const zip = await JSZip.loadAsync(bytes(file));
    const names = Object.keys(zip.files).sort();
    expect(names.filter((n) => n.endsWith('.pdf'))).toHaveLength(agency.proposals);
    expect(names.filter((n) => n.endsWith('.xlsx'))).toHaveLength(agency.proposals);
    const project = core()
      .store.sqlite.prepare('SELECT id, code FROM project WHERE round_id = 1 AND agency = ? ORDER BY id LIMIT 1')
      .get(agency.agency) as {
      id: number;
      code: string;
    };
    const pdf = await zip
      .file(names.find((n) => n.endsWith('.pdf') && n.startsWith(project.code.replace(/[^\p{L}\p{M}\p{N}._-]+/gu, '_')))!)!
      .async('nodebuffer');
    const { text } = pdfText(pdf);
    expect(text.replace(/\s+/gu, '')).toContain('เอกสารประกอบคำขอรับงบประมาณ');
    pdfPagePng(pdf, 1, '/tmp/exports-evidence-p1.png');
    if (hasOpenpyxl()) {
      const xlsx = await zip
        .file(names.find((n) => n.endsWith('.xlsx') && n.startsWith(project.code.replace(/[^\p{L}\p{M}\p{N}._-]+/gu, '_')))!)!
        .async('nodebuffer');
      const book = readXlsxWithOpenpyxl(xlsx);
      const links = core()
        .store.sqlite.prepare(
          `SELECT COUNT(*) AS n FROM project_need pn JOIN need n ON n.id = pn.need_id WHERE n.status = 'active' AND pn.project_id = ?`,
        )
        .get(project.id) as { n: number };
      const needSheet = book[1]!;
      const total = needSheet.rows.find((r) => r[0]?.v === 'รวม')!;
      expect(total[1]!.v).toBe(links.n);
    }
    expect(lastExport()).toMatchObject({ kind: 'evidence.exported', payload: { agency: agency.agency, sha256: file.sha256 } });
  });

  it('prints the open-data package with one notice page per tambon', async () => {
    const file = await ok<ExportedDocument>('exports.plan', { roundId: 1, format: 'opendata' });
    const zip = await JSZip.loadAsync(bytes(file));
    expect(Object.keys(zip.files).sort()).toEqual(['README.md', 'open-data.csv', 'open-data.json', 'tambons.pdf']);
    const pdf = await zip.file('tambons.pdf')!.async('nodebuffer');
    const { text, pages } = pdfText(pdf);
    const tambons = core()
      .store.sqlite.prepare(
        `SELECT COUNT(DISTINCT n.tambon_code) AS n FROM project_need pn JOIN need n ON n.id = pn.need_id JOIN project p ON p.id = pn.project_id
          WHERE n.status = 'active' AND p.round_id = 1`,
      )
      .get() as { n: number };
    expect(pages).toBe(tambons.n);
    expect(text.replace(/\s+/gu, '')).toContain('ความต้องการของหมู่บ้าน→โครงการที่ได้รับงบประมาณ');
    pdfPagePng(pdf, 1, '/tmp/exports-tambon-p1.png');
    expect(await zip.file('README.md')!.async('string')).toContain('project_funded_baht');
  });
});

describe('refusals', () => {
  it('refuses an unknown agency, a member, and an infeasible plan, and records nothing', async () => {
    const count = (): number => (core().store.sqlite.prepare('SELECT COUNT(*) AS n FROM audit_event').get() as { n: number }).n;
    const before = count();
    const unknown = await core().call('exports.evidencePack', { roundId: 1, agency: 'ไม่มีหน่วยงานนี้' }, owner);
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) {
      expect(unknown.error.code).toBe('NOT_FOUND');
      expect(unknown.error.messageTh).toContain('ไม่มีหน่วยงานนี้');
    }
    const forbidden = await core().call('exports.plan', { roundId: 1, format: 'xlsx' }, member);
    expect(forbidden.ok).toBe(false);
    const badFormat = await core().call('exports.plan', { roundId: 1, format: 'docx' }, owner);
    expect(badFormat.ok).toBe(false);
    const s = await scenarioNamed('เป็นไปไม่ได้', 'optimum');
    const district = core()
      .store.sqlite.prepare(
        'SELECT district_code AS d, SUM(requested) AS r FROM project WHERE round_id = 1 AND district_code IS NOT NULL GROUP BY district_code LIMIT 1',
      )
      .get() as { d: string; r: number };
    await ok<Scenario>('scenarios.update', { scenarioId: s.id, params: { districtFloors: { [district.d]: district.r + 1 } } });
    const infeasible = await core().call('exports.plan', { roundId: 1, scenarioId: s.id, format: 'csv' }, owner);
    expect(infeasible.ok).toBe(false);
    expect(count()).toBe(before + 2); // the two scenario changes, no export
  });
});

describe('the Chromium printer', () => {
  it.skipIf(!hasChromium || !hasPoppler)(
    'prints once its inline fonts are loaded: bold and regular Thai are both in the PDF',
    async () => {
      const html =
        `<html><head><style>${sarabunFontFaces()} body{font-family:Sarabun}</style></head>` +
        '<body><p>ปกติ ทดสอบ</p><p><b>ตัวหนา ทดสอบ</b></p><h1>หัวเรื่อง ความต้องการ</h1></body></html>';
      for (let i = 0; i < 3; i++) {
        const { text } = pdfText(await chromiumPrinter().print(html));
        expect(text.replace(/\s+/gu, '')).toBe('ปกติทดสอบตัวหนาทดสอบหัวเรื่องความต้องการ');
      }
    },
  );

  it('stops a print that takes too long, and says when Chromium cannot start', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chipao-slow-'));
    try {
      const slow = join(dir, 'slow-chromium');
      writeFileSync(slow, '#!/bin/sh\nsleep 5\n');
      chmodSync(slow, 0o755);
      await expect(chromiumPrinter({ binary: slow, timeoutMs: 200 }).print('<p>x</p>')).rejects.toMatchObject({
        code: 'TOO_LARGE',
      });
      await expect(chromiumPrinter({ binary: join(dir, 'missing') }).print('<p>x</p>')).rejects.toMatchObject({
        code: 'INTERNAL',
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
