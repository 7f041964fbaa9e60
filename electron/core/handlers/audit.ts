/** The audit trail: verification on demand, a filtered view, and a CSV export of what the view shows. */
import { createHash } from 'node:crypto';
import type { AuditEventRow, AuditStatusView } from '../../../shared/api/types';
import { AppError } from '../../../shared/api/errors';
import { csvField } from '../../../shared/domain/line-formats';
import { appendAudit } from '../audit/audit-log';
import type { AuditStatus } from '../audit/anchor';
import type { Store } from '../db/database';
import type { HandlerMap } from './types';

export function auditStatusView(s: AuditStatus): AuditStatusView {
  return {
    ok: s.ok,
    length: s.length,
    head: s.head,
    anchorLength: s.anchor?.length ?? null,
    database: s.database,
    expectedDatabase: s.expected?.database ?? null,
    problem: s.problem,
    checkedAt: s.checkedAt,
  };
}

type Filter = Readonly<{ kind?: string | undefined; projectId?: number | undefined; memberId?: number | undefined }>;

function where(filter: Filter): { sql: string; params: (string | number)[] } {
  const parts: string[] = [];
  const params: (string | number)[] = [];
  if (filter.kind) {
    parts.push('kind = ?');
    params.push(filter.kind);
  }
  if (filter.projectId !== undefined) {
    parts.push(`json_extract(payload_json, '$.projectId') = ?`);
    params.push(filter.projectId);
  }
  if (filter.memberId !== undefined) {
    parts.push(`json_extract(payload_json, '$.memberId') = ?`);
    params.push(filter.memberId);
  }
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

function events(store: Store, filter: Filter, offset: number, limit: number): AuditEventRow[] {
  const w = where(filter);
  return store.sqlite
    .prepare(
      `SELECT id, at, actor, kind, payload_json AS payload, hash FROM audit_event ${w.sql} ORDER BY id DESC LIMIT ? OFFSET ?`,
    )
    .all(...w.params, limit, offset) as AuditEventRow[];
}

export const auditHandlers = {
  'audit.verify': (_args, _caller, ctx) => auditStatusView(ctx.audit.verify()),
  'audit.list': (args, _caller, ctx) => {
    const w = where(args);
    const total = (ctx.store.sqlite.prepare(`SELECT COUNT(*) AS n FROM audit_event ${w.sql}`).get(...w.params) as { n: number })
      .n;
    const kinds = (
      ctx.store.sqlite.prepare('SELECT DISTINCT kind FROM audit_event ORDER BY kind').all() as { kind: string }[]
    ).map((r) => r.kind);
    return { rows: events(ctx.store, args, args.offset, args.limit), total, kinds };
  },
  'audit.export': async (args, caller, ctx) => {
    const status = ctx.audit.verify();
    const rows = events(ctx.store, args, 0, Number.MAX_SAFE_INTEGER);
    const header = ['id', 'at', 'actor', 'kind', 'payload', 'hash'];
    const lines = [
      header.join(','),
      ...rows.map((r) =>
        [csvField(r.id, { numeric: true }), r.at, csvField(r.actor), csvField(r.kind), csvField(r.payload), r.hash].join(','),
      ),
    ];
    // A UTF-8 BOM so that spreadsheet programs read the Thai text as Thai.
    const bytes = Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
    const fileName = `chipao-audit-${new Date().toISOString().slice(0, 10)}.csv`;
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    ctx.store.sqlite.transaction(() => {
      appendAudit(ctx.store.sqlite, caller.actor, 'audit.exported', {
        fileName,
        events: rows.length,
        filter: args,
        sha256,
        chainLength: status.length,
        chainHead: status.head,
      });
    })();
    ctx.audit.changed();
    const file = await ctx.downloads.putBytes(caller, { fileName, mimeType: 'text/csv', bytes, sha256 });
    return { ...file, totalFunded: 0, fundedCount: 0 };
  },
  'audit.acceptDatabase': (args, caller, ctx) => {
    const now = ctx.audit.verify();
    if (now.problem?.code !== 'other_database') {
      throw new AppError(
        'INVALID_STATE',
        now.problem
          ? `there is no other database to accept: the audit check finds ${now.problem.en}`
          : 'there is no other database to accept: the audit trail verifies against its anchor',
        now.problem
          ? `ไม่มีฐานข้อมูลอื่นให้ยืนยัน: การตรวจสอบพบว่า${now.problem.th}`
          : 'ไม่มีฐานข้อมูลอื่นให้ยืนยัน: บันทึกการตรวจสอบตรงกับหลักฐานยืนยันแล้ว',
      );
    }
    if (now.database !== args.database) {
      throw new AppError(
        'INVALID_STATE',
        `the database open is ${now.database ?? '-'}, not ${args.database}: check again and accept the one shown`,
        `ฐานข้อมูลที่เปิดอยู่คือรหัส ${now.database ?? '-'} ไม่ใช่ ${args.database}: ตรวจสอบอีกครั้งแล้วยืนยันฐานข้อมูลที่แสดง`,
      );
    }
    const after = ctx.audit.accept((s) => {
      ctx.store.sqlite.transaction(() => {
        appendAudit(ctx.store.sqlite, caller.actor, 'audit.database_accepted', {
          database: s.database,
          length: s.length,
          head: s.head,
          replaced: s.expected
            ? { database: s.expected.database, length: s.expected.length, head: s.expected.head, at: s.expected.at }
            : null,
        });
      })();
    });
    return auditStatusView(after);
  },
  'audit.rekeyAnchor': (args, caller, ctx) => {
    const now = ctx.audit.verify();
    if (now.problem?.code !== 'anchor_unverifiable') {
      throw new AppError(
        'INVALID_STATE',
        now.problem
          ? `there is no anchor without its key to accept a new key for: the audit check finds ${now.problem.en}`
          : 'there is no anchor without its key to accept a new key for: the audit trail verifies against its anchor',
        now.problem
          ? `ไม่มีหลักฐานยืนยันที่ขาดกุญแจให้ยืนยันใช้กุญแจใหม่: การตรวจสอบพบว่า${now.problem.th}`
          : 'ไม่มีหลักฐานยืนยันที่ขาดกุญแจให้ยืนยันใช้กุญแจใหม่: บันทึกการตรวจสอบตรงกับหลักฐานยืนยันแล้ว',
      );
    }
    if (now.database !== args.database) {
      throw new AppError(
        'INVALID_STATE',
        `the database open is ${now.database ?? '-'}, not ${args.database ?? '-'}: check again and accept for the one shown`,
        `ฐานข้อมูลที่เปิดอยู่คือรหัส ${now.database ?? '-'} ไม่ใช่ ${args.database ?? '-'}: ตรวจสอบอีกครั้งแล้วยืนยันสำหรับฐานข้อมูลที่แสดง`,
      );
    }
    const after = ctx.audit.rekey((s) => {
      const u = s.unverified;
      ctx.store.sqlite.transaction(() => {
        appendAudit(ctx.store.sqlite, caller.actor, 'audit.anchor_rekeyed', {
          database: s.database,
          length: s.length,
          head: s.head,
          keyFile: u?.keyFile ?? null,
          key: u?.key ?? null,
          // Which key the anchor was made under and which the key file held (ids: neither key is written here).
          anchorKeyId: u?.anchorKeyId ?? null,
          foundKeyId: u?.foundKeyId ?? null,
          // What the anchor file recorded for this database, which could not be verified, and whether the chain held it.
          unverified: u?.anchor ? { length: u.anchor.length, head: u.anchor.head, at: u.anchor.at } : null,
          agrees: u?.agrees ?? null,
          anchoredDatabases: u?.databases ?? 0,
        });
      })();
    });
    return auditStatusView(after);
  },
} satisfies Partial<HandlerMap>;
