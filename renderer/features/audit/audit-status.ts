import { useSyncExternalStore } from 'react';
import type { AuditStatusView } from '../../../shared/api/types';
import { useSession } from '../../app/session-context';

// The latest on-demand verification on this page, so the header's banner follows "verify again" at once
// (app.info is read once, at connection; it carries the check made when the app started or last verified).
let verified: AuditStatusView | null = null;
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Records the result of `audit.verify` for every component showing the trail's status. */
export function publishAuditStatus(status: AuditStatusView): void {
  verified = status;
  for (const listener of listeners) listener();
}

/** The most recent known state of the audit chain (from app.info or a later verification), or undefined while loading. */
export function useAuditStatus(): AuditStatusView | undefined {
  const { info } = useSession();
  const latest = useSyncExternalStore(subscribe, () => verified);
  const fromInfo = info?.audit;
  if (!latest) return fromInfo;
  if (!fromInfo) return latest;
  // ISO-8601 instants compare correctly as text.
  return latest.checkedAt >= fromInfo.checkedAt ? latest : fromInfo;
}
