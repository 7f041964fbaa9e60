/** The proposals import through the API (see import/proposals-import.ts): preview, then apply the same upload. */
import { backupNow } from '../import/backups';
import { applyProposalsImport, previewProposalsImport, type ProposalsFile } from '../import/proposals-import';
import { arrivedSource } from '../import/read';
import type { CoreContext } from '../context';
import type { UploadedFile } from '../uploads';
import type { HandlerMap } from './types';

/**
 * The uploaded file read into its parts on the compute worker (`import.read`): the checks against the round and the
 * writes stay here, on the host's connection.
 */
async function readOffThread(ctx: CoreContext, file: UploadedFile): Promise<ProposalsFile> {
  const source = arrivedSource(await ctx.compute('import.read', { path: file.path, fileName: file.fileName }));
  return { source, sha256: file.sha256 };
}

export const proposalsImportHandlers = {
  'projects.importPreview': async (args, caller, ctx) => {
    const file = ctx.uploads.get(args.uploadId, caller);
    const read = await readOffThread(ctx, file);
    // Kept: the user corrects the mapping or picks the round and previews again, then applies the same upload.
    return previewProposalsImport(ctx.store, file.fileName, read, {
      ...(args.mapping ? { mapping: args.mapping } : {}),
      ...(args.sheets ? { sheets: args.sheets } : {}),
      ...(args.fiscalYear ? { fiscalYear: args.fiscalYear } : {}),
      confirmAfterScoring: args.confirmAfterScoring === true,
    });
  },
  'projects.importApply': async (args, caller, ctx) => {
    const file = ctx.uploads.get(args.uploadId, caller);
    const read = await readOffThread(ctx, file);
    await backupNow(ctx.store, ctx.dataPath, 'before-proposals');
    const report = applyProposalsImport(ctx.store, file.fileName, read, caller.actor, {
      ...(args.mapping ? { mapping: args.mapping } : {}),
      ...(args.sheets ? { sheets: args.sheets } : {}),
      ...(args.fiscalYear ? { fiscalYear: args.fiscalYear } : {}),
      partial: args.partial === true,
      confirmAfterScoring: args.confirmAfterScoring === true,
    });
    ctx.uploads.discard(file.id);
    ctx.emit('round.changed', { roundId: report.roundId });
    return report;
  },
} satisfies Partial<HandlerMap>;
