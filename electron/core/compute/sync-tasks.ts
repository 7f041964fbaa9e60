/**
 * Needs syncs and imports as compute tasks: each write runs on a worker thread of its own
 * (`run(task, input, { dedicated: true })`) with its own write connection, so parsing and applying a million records
 * never stalls the host's event loop; the host follows it through shared counters (sync/sync-control.ts). Without a
 * worker (tests, the command line) they run inline on a second connection of the same file. An import's preview runs
 * here too, on the shared worker's read-only connection (read-replica.ts). The syncs of a feed are in
 * feed-sync-tasks.ts (their worker starts from an entry of its own).
 */
import { readFileSync } from 'node:fs';
import type { ImportPreview, SyncReport } from '../../../shared/api/types';
import { applyNeedsImport, previewNeedsImport, type ImportOptions } from '../import/needs-import';
import { sharedControl } from '../sync/sync-control';
import { storeOn } from '../db/database';
import { feedSyncTasks, withWriteConnection, type WriteInput } from './feed-sync-tasks';
import { readOnlyStore } from './read-replica';

export type ImportApplyInput = WriteInput &
  Readonly<{
    path: string;
    fileName: string;
    actor: string;
    options: ImportOptions;
    control: SharedArrayBuffer;
  }>;

export type ImportPreviewInput = Readonly<{ dbPath: string; path: string; fileName: string; options: ImportOptions }>;

export const syncTasks = {
  ...feedSyncTasks,
  /**
   * What an import file would bring, before it is applied: read and mapped off the host's thread, so a large workbook,
   * or a damaged one that keeps SheetJS busy until its time limit, holds no other device's call meanwhile.
   */
  'needs.importPreview': (input: ImportPreviewInput): ImportPreview =>
    previewNeedsImport(readOnlyStore(input.dbPath), input.fileName, readFileSync(input.path), input.options),
  /** Any other import file (spreadsheets, CSV, zip): read, mapped and applied in one transaction. */
  'needs.importApply': (input: ImportApplyInput): Promise<SyncReport> =>
    withWriteConnection(input, (sqlite) => {
      const bytes = readFileSync(input.path);
      const report = applyNeedsImport(storeOn(sqlite), input.fileName, bytes, input.actor, input.options);
      sharedControl(input.control).progress({ rows: report.lines });
      return report;
    }),
};
