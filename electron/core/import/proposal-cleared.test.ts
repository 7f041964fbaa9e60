/**
 * Values a proposals file leaves empty, on a real database: a proposal that had a point, a description or a priority
 * and a file without that column (or with an empty cell) clears it, as the file replaces the proposal; the preview
 * says so by field before anything is written (the first codes named, all counted), the report and the audit event
 * say what was cleared, and a file that leaves nothing empty says nothing.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ProposalsImportPreview, ProposalsImportReport, RoundDetail } from '../../../shared/api/types';
import { everyTable, useTestCore } from '../handlers/test-core';
import { listProposals } from '../services/proposal-store';

const { core, ok, upload } = useTestCore('chipao-proposal-cleared-', { needs: 300, projects: 10 });

beforeAll(async () => {
  await ok<RoundDetail>('rounds.create', { fiscalYear: 2574, name: 'รอบ ๒๕๗๔', ceiling: 25_000_000_000 });
});

const TITLE = 'แบบเสนอโครงการ ประจำปีงบประมาณ พ.ศ. ๒๕๗๔';
const ROWS = 12;

/** Twelve proposals of one agency, each with a point, a description and a priority unless `omit` leaves the column out. */
function form(omit: readonly ('point' | 'description' | 'priority')[] = [], blankDescriptionOf: readonly number[] = []): string {
  const headings = ['รหัสโครงการ', 'ชื่อโครงการ', 'หน่วยงานรับผิดชอบ', 'พื้นที่ดำเนินการ', 'งบประมาณ (บาท)'];
  if (!omit.includes('point')) headings.push('พิกัด');
  if (!omit.includes('description')) headings.push('รายละเอียดโครงการ');
  if (!omit.includes('priority')) headings.push('ลำดับความสำคัญ');
  const rows = Array.from({ length: ROWS }, (_, i) => {
    const n = i + 1;
    const cells = [`ตด-${String(n).padStart(2, '0')}`, `ขุดลอกคลองสายที่ ${n}`, 'อบต.ตาลเดี่ยว', 'ต.ตาลเดี่ยว อ.แก่งคอย', '300,000'];
    if (!omit.includes('point')) cells.push(`14.5${n % 10}, 101.00`);
    if (!omit.includes('description')) cells.push(blankDescriptionOf.includes(n) ? '' : `ขุดลอกคลองยาว ${n} กม.`);
    if (!omit.includes('priority')) cells.push(String(n));
    return cells;
  });
  return [TITLE, ...[headings, ...rows].map((r) => r.map((c) => `"${c}"`).join(','))].join('\n');
}

const stored = () =>
  listProposals(
    core().store.sqlite,
    core().store.sqlite.prepare('SELECT id FROM round WHERE fiscal_year = 2574').pluck().get() as number,
  )
    .filter((p) => p.code.startsWith('ตด-'))
    .map((p) => ({ code: p.code, point: p.point !== null, description: p.description, priority: p.agencyPriority }));

describe('values a proposals file leaves empty', () => {
  it('a file that leaves nothing empty says nothing', async () => {
    const first = await ok<ProposalsImportPreview>('projects.importPreview', { uploadId: upload('แบบเสนอ.csv', form()) });
    expect(first).toMatchObject({ newCount: ROWS, problemCount: 0, cleared: [] });
    const r = await ok<ProposalsImportReport>('projects.importApply', { uploadId: upload('แบบเสนอ.csv', form()) });
    expect(r).toMatchObject({ newCount: ROWS, rejectedCount: 0 });
    expect(r.cleared).toBeUndefined();
    expect(stored().every((p) => p.point && p.description !== '' && p.priority !== null)).toBe(true);
  });

  it('are named by field in the preview, before anything is written: the first ten codes, every one counted', async () => {
    const before = everyTable(core());
    const file = form(['point', 'priority'], [3]);
    const preview = await ok<ProposalsImportPreview>('projects.importPreview', { uploadId: upload('ไม่มีพิกัด.csv', file) });
    expect(preview).toMatchObject({ newCount: 0, changedCount: ROWS, problemCount: 0 });
    const codes = Array.from({ length: 10 }, (_, i) => `ตด-${String(i + 1).padStart(2, '0')}`);
    expect(preview.cleared).toEqual([
      { field: 'agencyPriority', count: ROWS, codes },
      { field: 'point', count: ROWS, codes },
      { field: 'description', count: 1, codes: ['ตด-03'] },
    ]);
    expect(everyTable(core())).toEqual(before);
  });

  it('are cleared on apply, said in the report and recorded with every code in the audit event', async () => {
    const file = form(['point', 'priority'], [3]);
    const r = await ok<ProposalsImportReport>('projects.importApply', { uploadId: upload('ไม่มีพิกัด.csv', file) });
    expect(r).toMatchObject({ changedCount: ROWS, rejectedCount: 0 });
    expect(r.cleared?.map((c) => [c.field, c.count])).toEqual([
      ['agencyPriority', ROWS],
      ['point', ROWS],
      ['description', 1],
    ]);
    const now = stored();
    expect(now.every((p) => !p.point && p.priority === null)).toBe(true);
    expect(now.find((p) => p.code === 'ตด-03')?.description).toBe('');
    expect(now.find((p) => p.code === 'ตด-04')?.description).toBe('ขุดลอกคลองยาว 4 กม.');
    const audit = core()
      .store.sqlite.prepare("SELECT payload_json FROM audit_event WHERE kind = 'proposals.imported' ORDER BY id DESC LIMIT 1")
      .pluck()
      .get() as string;
    const cleared = (JSON.parse(audit) as { cleared: Record<string, string[]> }).cleared;
    expect(cleared['point']).toHaveLength(ROWS);
    expect(cleared['point']).toContain('ตด-12');
    expect(cleared['description']).toEqual(['ตด-03']);
    // The values given back: nothing is cleared, the same proposals changed again.
    const back = await ok<ProposalsImportPreview>('projects.importPreview', { uploadId: upload('แบบเสนอ.csv', form()) });
    expect(back).toMatchObject({ changedCount: ROWS, cleared: [] });
  });
});
