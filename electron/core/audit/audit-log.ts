/**
 * Append-only, hash-chained audit log: each event's hash covers the previous hash and the canonical JSON of
 * the event, so any later edit of history breaks the chain (`verifyAuditChain`).
 */
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';

const GENESIS = '0'.repeat(64);

/** JSON with object keys sorted, so that equal events always hash equally. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function hashOf(prev: string, at: string, actor: string, kind: string, payloadJson: string): string {
  return createHash('sha256').update(`${prev}\n${at}\n${actor}\n${kind}\n${payloadJson}`).digest('hex');
}

/** Appends one event; call inside the transaction that makes the change it records. */
export function appendAudit(sqlite: Database.Database, actor: string, kind: string, payload: unknown): string {
  const last = sqlite.prepare('SELECT hash FROM audit_event ORDER BY id DESC LIMIT 1').get() as { hash: string } | undefined;
  const prev = last?.hash ?? GENESIS;
  const at = new Date().toISOString();
  const payloadJson = canonicalJson(payload);
  const hash = hashOf(prev, at, actor, kind, payloadJson);
  sqlite
    .prepare('INSERT INTO audit_event (at, actor, kind, payload_json, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?)')
    .run(at, actor, kind, payloadJson, prev, hash);
  return hash;
}

/** Recomputes the chain; returns the id of the first broken event, or null when intact. */
export function verifyAuditChain(sqlite: Database.Database): number | null {
  let prev = GENESIS;
  const rows = sqlite
    .prepare('SELECT id, at, actor, kind, payload_json, prev_hash, hash FROM audit_event ORDER BY id')
    .iterate() as Iterable<{
    id: number;
    at: string;
    actor: string;
    kind: string;
    payload_json: string;
    prev_hash: string;
    hash: string;
  }>;
  for (const r of rows) {
    if (r.prev_hash !== prev || hashOf(prev, r.at, r.actor, r.kind, r.payload_json) !== r.hash) return r.id;
    prev = r.hash;
  }
  return null;
}
