/** The proposals import through the API (see import/proposals-import.ts): preview, then apply the same upload. */
import { backupNow } from '../import/backups';
import { applyProposalsImport, previewProposalsImport } from '../import/proposals-import';
import type { HandlerMap } from './types';

export const proposalsImportHandlers = {
  'projects.importPreview': (args, caller, ctx) => {
    const file = ctx.uploads.get(args.uploadId, caller);
    // Kept: the user corrects the mapping or picks the round and previews again, then applies the same upload.
    return previewProposalsImport(ctx.store, file.fileName, ctx.uploads.read(file), {
      ...(args.mapping ? { mapping: args.mapping } : {}),
      ...(args.fiscalYear ? { fiscalYear: args.fiscalYear } : {}),
      confirmAfterScoring: args.confirmAfterScoring === true,
    });
  },
  'projects.importApply': async (args, caller, ctx) => {
    const file = ctx.uploads.get(args.uploadId, caller);
    await backupNow(ctx.store, ctx.dataPath, 'before-proposals');
    const report = applyProposalsImport(ctx.store, file.fileName, ctx.uploads.read(file), caller.actor, {
      ...(args.mapping ? { mapping: args.mapping } : {}),
      ...(args.fiscalYear ? { fiscalYear: args.fiscalYear } : {}),
      partial: args.partial === true,
      confirmAfterScoring: args.confirmAfterScoring === true,
    });
    ctx.uploads.discard(file.id);
    ctx.emit('round.changed', { roundId: report.roundId });
    return report;
  },
} satisfies Partial<HandlerMap>;
