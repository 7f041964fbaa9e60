/**
 * Every bad proposals file in test/fixtures/bad/ is refused with its code and place, leaves every table of the store
 * unchanged, and the core keeps answering; asked for the valid rows only, a file refused as a whole stays refused and
 * a bad row is skipped and listed with the same place.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ApiError } from '../../../shared/api/errors';
import type { ProposalsImportReport, RoundDetail } from '../../../shared/api/types';
import { BAD_PROPOSAL_FILES } from '../../../test/fixtures/bad/proposals-table';
import { PROPOSAL_ISSUES } from '../../../test/fixtures/proposals-files';
import { everyTable as tableDigests, owner, useTestCore } from '../handlers/test-core';

const { core, ok, upload } = useTestCore('chipao-bad-proposals-', { needs: 100, projects: 5 });

beforeAll(async () => {
  const r = await ok<RoundDetail>('rounds.create', { fiscalYear: 2571, name: 'รอบ ๒๕๗๑', ceiling: 10_000_000_000 });
  await ok('developmentIssues.set', { roundId: r.id, issues: PROPOSAL_ISSUES });
});

const everyTable = () => tableDigests(core());

async function refused(args: unknown): Promise<ApiError> {
  const r = await core().call('projects.importApply', args, owner);
  if (r.ok) throw new Error('projects.importApply applied a bad file');
  return r.error;
}

describe('bad proposals files', () => {
  it('there are at least 25, each on disk', () => {
    expect(BAD_PROPOSAL_FILES.length).toBeGreaterThanOrEqual(25);
    expect(new Set(BAD_PROPOSAL_FILES.map((f) => f.file)).size).toBe(BAD_PROPOSAL_FILES.length);
  });

  it.each(BAD_PROPOSAL_FILES.map((f) => [f.file, f] as const))('%s is refused with its code and place', async (file, f) => {
    const bytes = readFileSync(new URL(`../../../test/fixtures/bad/${file}`, import.meta.url));
    const before = everyTable();
    const error = await refused({ uploadId: upload(file, bytes) });
    expect(error.code).toBe('IMPORT_REJECTED');
    const first = error.problems?.[0];
    expect(first).toMatchObject({ code: f.code, line: f.line, ...(f.column ? { column: f.column } : {}) });
    expect(first!.en.length).toBeGreaterThan(0);
    expect(first!.th.length).toBeGreaterThan(0);
    expect(everyTable()).toEqual(before);
    expect((await core().call('app.info', {}, owner)).ok).toBe(true);

    const partial = await core().call('projects.importApply', { uploadId: upload(file, bytes), partial: true }, owner);
    // A cell too large to read stops the reading of the file: refused as a whole like a file-level problem.
    if (f.line === 0 || f.code === 'CELL_TOO_LARGE') {
      expect(partial.ok).toBe(false);
      expect(everyTable()).toEqual(before);
    } else {
      expect(partial.ok).toBe(true);
      if (!partial.ok) return;
      const report = partial.value as ProposalsImportReport;
      expect(report.partial).toBe(true);
      expect(report.rejected[0]).toMatchObject({ code: f.code, line: f.line });
      // Undo, so every file meets the same store.
      const { sqlite } = core().store;
      sqlite.transaction(() => {
        sqlite
          .prepare('DELETE FROM project_area WHERE project_id IN (SELECT id FROM project WHERE round_id = ?)')
          .run(report.roundId);
        sqlite.prepare('DELETE FROM project WHERE round_id = ?').run(report.roundId);
      })();
    }
  });
});
