/**
 * The secretariat hands on the plan's documents: export the draft's workbook (marked ร่าง), approve the plan, then
 * export the report (PDF), the open data and one agency's evidence pack; each download is read back by a reader no
 * one here wrote (openpyxl, pdftotext, unzip) and each export is in the audit trail with the file's SHA-256.
 */
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Download, TestInfo } from '@playwright/test';
import { expect, snap, test } from './fixtures';
import { AppShell } from './pages/app-shell';
import { ExportsPage } from './pages/exports-page';

/** Saves a download where the test can read it and returns its path and bytes. */
async function saved(download: Download, testInfo: TestInfo): Promise<{ path: string; bytes: Buffer }> {
  const path = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(path);
  return { path, bytes: readFileSync(path) };
}

type Exported = { kind: string; payload: { sha256: string; fileName: string; format: string; approvalId: number | null } };

function exportsRecorded(dataDir: string): Exported[] {
  const db = new Database(join(dataDir, 'chipao.sqlite'), { readonly: true });
  try {
    return (
      db
        .prepare(`SELECT kind, payload_json FROM audit_event WHERE kind IN ('plan.exported', 'evidence.exported') ORDER BY id`)
        .all() as {
        kind: string;
        payload_json: string;
      }[]
    ).map((r) => ({ kind: r.kind, payload: JSON.parse(r.payload_json) as Exported['payload'] }));
  } finally {
    db.close();
  }
}

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

test('export the draft, approve, then export the report, open data and an evidence pack', async ({ page, app }, testInfo) => {
  test.setTimeout(400_000);
  const shell = new AppShell(page);
  const exportsPage = new ExportsPage(page);
  await shell.open(`${app.url}/#/allocation`);
  await exportsPage.open();
  await expect(exportsPage.documentsStatus()).toContainText('ร่าง');
  await snap(page, testInfo, '00-exports-draft');

  // The draft's workbook: the province's six sheets, the title marked ร่าง, read by openpyxl.
  const xlsxDownload = await exportsPage.export('xlsx');
  // The answer named the file; the page fetched its bytes once from the host, saved under the export's name.
  expect(xlsxDownload.url()).toMatch(/\/api\/download\/[0-9a-f]{32}$/u);
  expect(xlsxDownload.suggestedFilename()).toMatch(/^chipao-plan-FY2571(-scenario-\d+)?\.xlsx$/u);
  const xlsx = await saved(xlsxDownload, testInfo);
  expect(xlsx.bytes.subarray(0, 2).toString()).toBe('PK');
  const refetched = await page.request.get(xlsxDownload.url());
  expect(refetched.status()).toBe(404);
  expect(((await refetched.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
  const sheets = JSON.parse(
    execFileSync('/usr/bin/python3', [
      '-c',
      'import json,sys,openpyxl; wb=openpyxl.load_workbook(sys.argv[1]); print(json.dumps([wb.sheetnames, wb.worksheets[0]["A1"].value], ensure_ascii=False))',
      xlsx.path,
    ]).toString('utf8'),
  ) as [string[], string];
  expect(sheets[0]).toEqual(['ปก', 'สรุป', 'Y1 ได้รับการจัดสรร', 'Y2 บัญชีสำรอง', 'ความต้องการที่ตอบสนอง', 'ภาคผนวก วิธีการ']);
  expect(sheets[1]).toContain('[ร่าง]');
  await expect(exportsPage.lastRecorded()).toContainText(sha256(xlsx.bytes));

  // Approve the plan under a resolution; the panel now says the documents cite it.
  await exportsPage.approve({ resolutionNo: 'ครั้งที่ 4/2570', date: '20/11/2569' });
  await expect(exportsPage.documentsStatus()).toContainText('อนุมัติแล้ว');

  const pdf = await saved(await exportsPage.export('pdf'), testInfo);
  expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
  const text = execFileSync('/usr/bin/pdftotext', [pdf.path, '-']).toString('utf8').replace(/\s+/gu, '');
  expect(text).toContain('แผนการจัดสรรงบประมาณเพื่อการพัฒนาจังหวัดสระบุรี');
  expect(text).toContain('มติที่ประชุมครั้งที่4/2570');
  execFileSync('/usr/bin/pdftoppm', [
    '-png',
    '-r',
    '60',
    '-f',
    '1',
    '-l',
    '1',
    '-singlefile',
    pdf.path,
    testInfo.outputPath('report-p1'),
  ]);

  const open = await saved(await exportsPage.export('opendata'), testInfo);
  const listing = execFileSync('/usr/bin/python3', [
    '-c',
    'import sys,zipfile; print("\\n".join(sorted(zipfile.ZipFile(sys.argv[1]).namelist())))',
    open.path,
  ])
    .toString('utf8')
    .trim()
    .split('\n');
  expect(listing).toEqual(['README.md', 'open-data.csv', 'open-data.json', 'tambons.pdf']);

  const agencyOption = await (async () => {
    await page.getByTestId('exports-agency').click();
    const first = (await page.getByRole('option').first().textContent()) ?? '';
    await page.keyboard.press('Escape');
    return first.replace(/ \(\d+ โครงการ\)$/u, '');
  })();
  const pack = await saved(await exportsPage.exportEvidence(agencyOption), testInfo);
  const packFiles = execFileSync('/usr/bin/python3', [
    '-c',
    'import sys,zipfile; print("\\n".join(sorted(zipfile.ZipFile(sys.argv[1]).namelist())))',
    pack.path,
  ])
    .toString('utf8')
    .trim()
    .split('\n');
  expect(packFiles.length).toBeGreaterThan(0);
  expect(packFiles.filter((f) => f.endsWith('.pdf')).length).toBe(packFiles.filter((f) => f.endsWith('.xlsx')).length);
  await snap(page, testInfo, '01-exports-approved');

  // Every download is in the audit trail with its own SHA-256; the approved ones name the approval.
  const recorded = exportsRecorded(app.dataDir);
  expect(recorded.map((r) => r.payload.sha256)).toEqual([xlsx, pdf, open, pack].map((f) => sha256(f.bytes)));
  expect(recorded.map((r) => r.payload.approvalId === null)).toEqual([true, false, false, false]);
  expect(recorded.at(-1)!.kind).toBe('evidence.exported');
});
