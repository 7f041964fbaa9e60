/**
 * The audit chain while the app runs: checked once at start (a broken or rewritten chain is reported, never
 * silently extended as if intact), re-checked on demand, and its anchor moved forward shortly after each change
 * the app makes, so that what a later start compares with is as recent as possible.
 */
import type Database from 'better-sqlite3';
import { advanceAnchor, checkAudit, rekeyAnchor, type Anchor, type AnchorStore, type AuditStatus } from './anchor';

export type AuditWatch = Readonly<{
  /** The result of the last check (at start, or the last `verify`). */
  status(): AuditStatus;
  /** Re-walks the chain now. */
  verify(): AuditStatus;
  /** Something was written: move the anchor soon (while the chain is known intact). */
  changed(): void;
  /**
   * While the check finds another database than the one last opened in this place (`other_database`), records the
   * acceptance (`record`, which appends its audit event) and anchors this database here; the other one's anchor is
   * kept, so it is checked against it if it comes back. Otherwise changes nothing. Returns the check made after.
   */
  accept(record: (status: AuditStatus) => void): AuditStatus;
  /**
   * While the anchor cannot be verified because its key is missing, unusable or another than the anchor was made under
   * (`anchor_unverifiable`), records the
   * acceptance (`record`, which appends its audit event), makes a new key and writes this database's anchor under it.
   * Otherwise changes nothing (a key that is there and does not verify the anchor is tampering, never re-keyed).
   * Returns the check made after.
   */
  rekey(record: (status: AuditStatus) => void): AuditStatus;
  close(): void;
}>;

export function createAuditWatch(sqlite: Database.Database, anchors: AnchorStore | null, delayMs = 500): AuditWatch {
  let status = checkAudit(sqlite, anchors);
  let timer: ReturnType<typeof setTimeout> | null = null;
  let anchored: Anchor | undefined;
  const advance = (): void => {
    timer = null;
    if (anchors && status.ok && sqlite.open) anchored = advanceAnchor(sqlite, anchors, anchored);
  };
  advance();
  /**
   * The owner's answer to a problem the anchor can be set right for: while the status still has that problem, the
   * answer is recorded, the anchor written (`write`) and the chain checked again.
   */
  const settle = (
    code: 'other_database' | 'anchor_unverifiable',
    record: (status: AuditStatus) => void,
    write: (sqlite: Database.Database, anchors: AnchorStore) => Anchor,
  ): AuditStatus => {
    status = checkAudit(sqlite, anchors);
    if (!anchors || status.problem?.code !== code || !sqlite.open) return status;
    record(status);
    anchored = write(sqlite, anchors);
    status = checkAudit(sqlite, anchors);
    return status;
  };
  return {
    status: () => status,
    verify() {
      status = checkAudit(sqlite, anchors);
      if (status.ok) advance();
      return status;
    },
    accept: (record) => settle('other_database', record, advanceAnchor),
    rekey: (record) => settle('anchor_unverifiable', record, rekeyAnchor),
    changed() {
      if (!anchors || !status.ok || timer) return;
      timer = setTimeout(advance, delayMs);
      timer.unref();
    },
    close() {
      if (timer) clearTimeout(timer);
      advance();
    },
  };
}
