import { sql } from 'kysely';
import { listBackups, restoreBackup } from '../import/backups';
import { needChanges } from '../import/need-changes';
import type { ImportOptions } from '../import/needs-import';
import { needRow } from '../services/needs-explorer';
import { runSyncJob } from '../sync/sync-jobs';
import type { HandlerMap } from './types';

const SORT_COLUMNS = {
  externalId: 'need.external_id',
  title: 'need.title',
  category: 'need.category',
  tambonCode: 'need.tambon_code',
  peopleAffected: 'need.people_affected',
  households: 'need.households',
  reportedDate: 'need.reported_date',
  updatedAt: 'need.updated_at',
  status: 'need.status',
} as const;

export const needsHandlers = {
  'needs.sync': async (args, caller, ctx) => {
    const file = ctx.uploads.get(args.uploadId, caller);
    let report;
    try {
      // Streamed from the uploaded file on a worker of its own: the host keeps answering meanwhile.
      report = await runSyncJob(ctx, 'file', file.fileName, (control) =>
        ctx.compute(
          'needs.syncFile',
          {
            dbPath: ctx.dataPath,
            backup: 'before-sync',
            path: file.path,
            fileName: file.fileName,
            actor: caller.actor,
            partial: args.partial === true,
            control,
          },
          { dedicated: true },
        ),
      );
    } finally {
      ctx.uploads.discard(file.id);
    }
    ctx.emit('needs.synced', { batchId: report.batchId });
    return report;
  },
  'needs.importPreview': (args, caller, ctx) => {
    const file = ctx.uploads.get(args.uploadId, caller);
    // The upload is kept: the user corrects the mapping and previews again, then applies the same file. Read on the
    // compute worker: a large or damaged workbook holds no other device's call meanwhile.
    return ctx.compute('needs.importPreview', {
      dbPath: ctx.dataPath,
      path: file.path,
      fileName: file.fileName,
      options: importOptions(args),
    });
  },
  'needs.importApply': async (args, caller, ctx) => {
    const file = ctx.uploads.get(args.uploadId, caller);
    // A refused file stays uploaded (until it expires) so the user can correct the mapping or choose the valid rows.
    const options = { ...importOptions(args), partial: args.partial === true };
    const report = await runSyncJob(ctx, 'file', file.fileName, (control) =>
      ctx.compute(
        'needs.importApply',
        {
          dbPath: ctx.dataPath,
          backup: 'before-import',
          path: file.path,
          fileName: file.fileName,
          actor: caller.actor,
          options,
          control,
        },
        { dedicated: true },
      ),
    );
    ctx.uploads.discard(file.id);
    ctx.emit('needs.synced', { batchId: report.batchId });
    return report;
  },
  'needs.backups': (_args, _caller, ctx) => listBackups(ctx.dataPath),
  'needs.restoreBackup': (args, caller, ctx) => {
    restoreBackup(ctx.store, ctx.dataPath, args.name, caller.actor);
    const last = ctx.store.sqlite.prepare('SELECT MAX(id) AS id FROM sync_batch').get() as { id: number | null };
    ctx.emit('needs.synced', { batchId: last.id ?? 0 });
    return { restored: args.name };
  },
  'needs.changes': (args, _caller, ctx) =>
    needChanges(ctx.store, args.batchId, { kind: args.kind, offset: args.offset, limit: args.limit }),
  'needs.list': async (args, _caller, ctx) => {
    let q = ctx.store.db.selectFrom('need');
    if (args.search) {
      const like = `%${args.search.replace(/[\\%_]/gu, (c) => `\\${c}`)}%`;
      q = q.where((eb) =>
        eb.or([
          eb('need.title', 'like', sql<string>`${like} ESCAPE '\\'`),
          eb('need.external_id', 'like', sql<string>`${like} ESCAPE '\\'`),
        ]),
      );
    }
    if (args.districtCode) q = q.where('need.tambon_code', 'like', `${args.districtCode}%`);
    if (args.status) q = q.where('need.status', '=', args.status);
    const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const sort = args.sort ?? { field: 'externalId', dir: 'asc' };
    const rows = await q
      .select([
        'id',
        'source',
        'external_id',
        'version',
        'title',
        'category',
        'tambon_code',
        'village_no',
        'households',
        'people_affected',
        'times_raised',
        'channel',
        'reported_date',
        'status',
        'estimated_cost',
        'updated_at',
      ])
      .orderBy(SORT_COLUMNS[sort.field], sort.dir)
      .orderBy('need.id', 'asc')
      .limit(args.limit)
      .offset(args.offset)
      .execute();
    return {
      total: Number(total.n),
      rows: rows.map(needRow),
    };
  },
  'needs.batches': async (_args, _caller, ctx) => {
    const rows = await ctx.store.db.selectFrom('sync_batch').selectAll().orderBy('id', 'desc').limit(200).execute();
    return rows.map((b) => ({
      id: b.id,
      source: b.source,
      fileName: b.file_name,
      fileHash: b.file_hash,
      startedAt: b.started_at,
      finishedAt: b.finished_at,
      newCount: b.new_count,
      changedCount: b.changed_count,
      withdrawnCount: b.withdrawn_count,
      unchangedCount: b.unchanged_count,
      actor: b.actor,
      rejectedCount: b.rejected_count,
      partial: b.partial === 1,
      rowsAsPeople: b.rows_as_people,
    }));
  },
} satisfies Partial<HandlerMap>;

function importOptions(
  args: Readonly<{
    mapping?: Record<string, number> | undefined;
    source?: string | undefined;
    sheets?: string[] | undefined;
    rowsAsPeople?: boolean | undefined;
  }>,
): ImportOptions {
  return {
    ...(args.mapping ? { mapping: args.mapping } : {}),
    ...(args.rowsAsPeople ? { rowsAsPeople: true } : {}),
    ...(args.source ? { source: args.source } : {}),
    ...(args.sheets ? { sheets: args.sheets } : {}),
  };
}
