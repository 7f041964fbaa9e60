import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ExportedDocument } from '../../../shared/api/exports';
import type { Scenario, ScenarioResult } from '../../../shared/api/types';
import { formatBaht } from '../../../shared/domain/money';
import { STRATEGIES } from '../../../shared/domain/taxonomy';
import { downloadedBytes, useTestCore } from '../handlers/test-core';
import { chromiumPath } from './pdf/printer';
import { hasOpenpyxl, hasPoppler, pdfText, readXlsxWithOpenpyxl, type PyCell, type PySheet } from './test-readers';

// A round with development issues of its own, as round-import or the round screen sets them, and proposals that
// state their issue by number (as the proposals import reads "ประเด็นที่ ๒"): the documents sum and name by those.
const { core, ok } = useTestCore('chipao-plan-issues-', { needs: 400, projects: 14 });
/** A file's bytes, fetched once per download (a test reads some files more than once). */
const fetched = new Map<string, Buffer>();
const bytes = (f: { downloadId: string }): Buffer => {
  const known = fetched.get(f.downloadId) ?? downloadedBytes(core(), f);
  fetched.set(f.downloadId, known);
  return known;
};
const ISSUES = [
  { no: 1, title: 'ส่งเสริมเกษตรปลอดภัยและการบริหารจัดการน้ำ', titleEn: 'Safe farming and water' },
  { no: 2, title: 'พัฒนาโครงข่ายคมนาคมและโลจิสติกส์', titleEn: '' },
];
const baht = (satang: number): number => satang / 100;
const sheet = (book: PySheet[], name: string): PySheet => book.find((s) => s.name === name)!;
const text = (row: readonly PyCell[] | undefined): string => String(row?.[0]?.v ?? '');

async function roundWithIssues(): Promise<Scenario> {
  await ok('developmentIssues.set', {
    roundId: 1,
    issues: ISSUES.map((i) => ({
      no: i.no,
      titleTh: i.title,
      titleEn: i.titleEn,
      approaches: [],
      nationalStrategy: null,
      masterPlans: [],
    })),
  });
  const db = core().store.sqlite;
  // Odd ids answer issue 1, even ids issue 2, the first proposal states none.
  db.prepare('UPDATE project SET development_issue_no = 2 - (id % 2) WHERE round_id = 1').run();
  db.prepare('UPDATE project SET development_issue_no = NULL WHERE id = (SELECT MIN(id) FROM project WHERE round_id = 1)').run();
  return ok<Scenario>('scenarios.create', { roundId: 1, name: 'แผนตามประเด็นของรอบ', rule: 'greedy' });
}

function truthByIssue(
  run: ScenarioResult,
): { no: number | null; n: number; requested: number; funded: number; fundedN: number }[] {
  const issueOf = new Map(
    (
      core().store.sqlite.prepare('SELECT id, development_issue_no AS no FROM project WHERE round_id = 1').all() as {
        id: number;
        no: number | null;
      }[]
    ).map((r) => [r.id, r.no]),
  );
  return [1, 2, null].map((no) => {
    const rows = run.rows.filter((r) => issueOf.get(r.projectId) === no);
    return {
      no,
      n: rows.length,
      requested: rows.reduce((a, r) => a + r.requested, 0),
      funded: rows.reduce((a, r) => a + r.funded, 0),
      fundedN: rows.filter((r) => r.funded > 0).length,
    };
  });
}

describe.skipIf(!hasOpenpyxl())("the plan's documents name the round's own development issues", () => {
  it('sums the workbook by the issues the round set, and names each proposal by its issue', async () => {
    const scenario = await roundWithIssues();
    const run = await ok<ScenarioResult>('scenarios.run', { scenarioId: scenario.id });
    const file = await ok<ExportedDocument>('exports.plan', { roundId: 1, scenarioId: scenario.id, format: 'xlsx' });
    const book = readXlsxWithOpenpyxl(bytes(file));

    const summary = sheet(book, 'สรุป');
    const start = summary.rows.findIndex((r) => text(r) === 'ประเด็นการพัฒนา');
    const end = summary.rows.findIndex((r, i) => i > start && text(r) === 'รวม');
    const issueRows = summary.rows.slice(start + 1, end);
    // The round's two issues and the proposal that states none; none of the sample's six strategy names.
    expect(issueRows.map(text)).toEqual([`1. ${ISSUES[0]!.title}`, `2. ${ISSUES[1]!.title}`, 'ไม่ระบุประเด็นการพัฒนา']);
    for (const s of STRATEGIES) expect(summary.rows.map(text)).not.toContain(s.th);
    const truth = truthByIssue(run);
    issueRows.forEach((row, k) => {
      const want = truth[k]!;
      expect(row.slice(1, 5).map((c) => c.v)).toEqual([want.n, baht(want.requested), want.fundedN, baht(want.funded)]);
    });
    // The rows add up to the total row.
    const total = summary.rows[end]!;
    for (const col of [1, 2, 3, 4]) {
      const sum = issueRows.reduce((a, r) => a + Number(r[col]!.v), 0);
      expect(sum).toBeCloseTo(Number(total[col]!.v), 2);
    }

    // Y1 and Y2 name each proposal's issue.
    const issueOf = new Map(
      (
        core().store.sqlite.prepare('SELECT code, development_issue_no AS no FROM project WHERE round_id = 1').all() as {
          code: string;
          no: number | null;
        }[]
      ).map((r) => [r.code, r.no]),
    );
    const listed = ['Y1 ได้รับการจัดสรร', 'Y2 บัญชีสำรอง'].flatMap((name) =>
      sheet(book, name).rows.filter((r) => typeof r[0]?.v === 'number'),
    );
    expect(listed).toHaveLength(issueOf.size);
    for (const r of listed) {
      const no = issueOf.get(String(r[2]!.v));
      expect(r[6]!.v).toBe(no === null || no === undefined ? '' : `${no}. ${ISSUES[no - 1]!.title}`);
    }

    // In English, the English title where the round gave one, the Thai one otherwise.
    const en = await ok<ExportedDocument>('exports.plan', { roundId: 1, scenarioId: scenario.id, format: 'xlsx', lang: 'en' });
    const enNames = sheet(readXlsxWithOpenpyxl(bytes(en)), 'Summary').rows.map(text);
    expect(enNames).toContain('1. Safe farming and water');
    expect(enNames).toContain(`2. ${ISSUES[1]!.title}`);
    expect(enNames).toContain('No development issue stated');
  });

  it.skipIf(!hasPoppler || !existsSync(chromiumPath()))(
    "prints the report's summary by the round's issues, its rows adding up to the total",
    async () => {
      const scenario = await ok<Scenario>('scenarios.create', { roundId: 1, name: 'รายงานตามประเด็น', rule: 'greedy' });
      const run = await ok<ScenarioResult>('scenarios.run', { scenarioId: scenario.id });
      const file = await ok<ExportedDocument>('exports.plan', { roundId: 1, scenarioId: scenario.id, format: 'pdf' });
      const { text: pdf } = pdfText(bytes(file));
      // Table cells wrap Thai names over lines: compare without the spaces and line breaks.
      const flat = pdf.replace(/\s+/gu, '');
      for (const i of ISSUES) expect(flat).toContain(`${i.no}.${i.title}`);
      expect(flat).toContain('ไม่ระบุประเด็นการพัฒนา');
      for (const s of STRATEGIES) expect(flat).not.toContain(s.th.replace(/\s+/gu, ''));
      // The first proposal states no issue: its row is printed, so the rows add up to the total printed below them.
      const unstated = truthByIssue(run)[2]!;
      expect(unstated.n).toBe(1);
      expect(flat).toContain(`${formatBaht(unstated.requested)}`);
    },
    120_000,
  );
});
