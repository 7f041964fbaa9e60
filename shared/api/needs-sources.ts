/**
 * Needs sources (the participation platform's HTTPS feed, per round) and long syncs: the argument schemas of their
 * methods (the contract imports them), what they return, and the progress a running sync broadcasts.
 * See docs/needs-sync-protocol.md.
 */
import { z } from 'zod';
import { hasUnsafeCharacters } from '../domain/line-formats';
import type { InputProblem } from './errors';

const id = z.number().int().positive();

/**
 * Whether a URL may be pulled from: https, or http on this machine's loopback (test fixtures, a local relay); no user
 * name, password or #fragment.
 * @example isPullableUrl('http://127.0.0.1:8080/api') // true; isPullableUrl('http://example.org') // false
 */
export function isPullableUrl(text: string): boolean {
  const m = /^(https?):\/\/([^/?#@\s]+)([/?][^#\s]*)?$/iu.exec(text);
  if (!m) return false;
  const scheme = m[1]!.toLowerCase();
  const host = m[2]!.toLowerCase().replace(/:\d{1,5}$/u, '');
  if (host === '' || !/^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)$/u.test(host)) return false;
  return scheme === 'https' || ['127.0.0.1', 'localhost', '[::1]'].includes(host);
}

/** The longest name and address a needs source may have: the form stops typing there. */
export const NEEDS_SOURCE_LIMITS = { name: 120, url: 2000 } as const;

const sourceUrl = z
  .string()
  .trim()
  .max(NEEDS_SOURCE_LIMITS.url)
  .refine((u) => isPullableUrl(u) && !hasUnsafeCharacters(u), {
    message: 'must be an https:// address (http:// only on this machine), without a user name or #fragment',
    params: { th: 'ต้องเป็นที่อยู่ https:// (http:// ได้เฉพาะเครื่องนี้) ไม่มีชื่อผู้ใช้หรือ #ส่วนท้าย' },
  });

export const needsSourceSchemas = {
  /** The round's sources, with the cursor and result of their last run. */
  'needs.sources': z.object({ roundId: id }).strict(),
  'needs.addSource': z
    .object({
      roundId: id,
      name: z
        .string()
        .trim()
        .min(1)
        .max(NEEDS_SOURCE_LIMITS.name)
        .refine((s) => !hasUnsafeCharacters(s), {
          message: 'must be one line without control characters',
          params: { th: 'ต้องเป็นข้อความบรรทัดเดียว ไม่มีอักขระควบคุม' },
        }),
      url: sourceUrl,
    })
    .strict(),
  'needs.removeSource': z.object({ sourceId: id }).strict(),
  /** "Sync now": pulls every page after the source's last cursor (each page its own transaction). */
  'needs.pullSource': z.object({ sourceId: id, partial: z.boolean().optional() }).strict(),
  /** Stops a running sync: a file sync rolls back whole, a pull stops after the page it is applying. */
  'needs.cancelSync': z.object({ jobId: z.string().regex(/^[0-9a-f]{16}$/u) }).strict(),
} as const;

/** The outcome of a source's last run, as kept on the source. */
export type PullOutcome = Readonly<{
  ok: boolean;
  /** Pages applied in that run. */
  pages: number;
  newCount: number;
  changedCount: number;
  withdrawnCount: number;
  unchangedCount: number;
  /** The feed answered "not modified" (ETag) or had nothing after the cursor. */
  upToDate: boolean;
  cancelled: boolean;
  /** Why it stopped (a page refused, the feed unreachable), in both languages. */
  error: Readonly<{ code: string; en: string; th: string; problems: readonly InputProblem[] }> | null;
}>;

export type NeedsSource = Readonly<{
  id: number;
  roundId: number | null;
  name: string;
  url: string;
  /** The identity its needs are stored under (need.source). */
  sourceKey: string;
  cursor: string | null;
  pages: number;
  lastRunAt: string | null;
  lastResult: PullOutcome | null;
}>;

/** What "sync now" returns: the run's outcome and the batch its pages were written in (null when none was). */
export type PullReport = PullOutcome & Readonly<{ sourceId: number; batchId: number | null; cursor: string | null }>;

/** A running sync's progress (`needs.syncProgress` events, about four a second). */
export type SyncProgress = Readonly<{
  jobId: string;
  kind: 'file' | 'pull';
  /** The file's name or the source's name. */
  label: string;
  rows: number;
  rowsPerSecond: number;
  /** 0–1 of the file read; null when unknown (a feed's length is not known in advance). */
  fraction: number | null;
  secondsLeft: number | null;
  pages: number;
  state: 'running' | 'done' | 'failed' | 'cancelled';
}>;

export type NeedsSourceResults = {
  'needs.sources': NeedsSource[];
  'needs.addSource': NeedsSource;
  'needs.removeSource': { removed: number };
  'needs.pullSource': PullReport;
  'needs.cancelSync': { cancelled: boolean };
};
