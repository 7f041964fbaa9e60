/** The committee's judgement: disagreement, aggregation, overrides, sensitivity, offline sheets (docs/judgement.md). */
import { exportScoringSheet } from '../export/scoring-sheets';
import { importScoringSheet, MAX_SHEET_BYTES } from '../export/scoring-sheets-import';
import { addOverride, judgementView, listOverrides, sensitivity, setAggregation, withdrawOverride } from '../services/judgement';
import type { HandlerMap } from './types';

export const judgementHandlers = {
  'judgement.view': (args, _caller, ctx) => judgementView(ctx.store, args.roundId, args.spread, args.top),
  'judgement.setAggregation': (args, caller, ctx) => {
    setAggregation(ctx.store, caller.actor, args);
    ctx.emit('round.changed', { roundId: args.roundId });
    ctx.emit('allocation.changed', { roundId: args.roundId });
    return judgementView(ctx.store, args.roundId);
  },
  'judgement.overrides': (args, _caller, ctx) => listOverrides(ctx.store, args.roundId),
  'judgement.addOverride': (args, caller, ctx) => {
    const added = addOverride(ctx.store, caller.actor, args);
    ctx.emit('allocation.changed', { roundId: args.roundId });
    return added;
  },
  'judgement.withdrawOverride': (args, caller, ctx) => {
    const withdrawn = withdrawOverride(ctx.store, caller.actor, args);
    ctx.emit('allocation.changed', { roundId: withdrawn.roundId });
    return withdrawn;
  },
  'judgement.sensitivity': (args, _caller, ctx) => sensitivity(ctx.store, args.roundId, args.spread, args.samples, args.seed),
  'judgement.exportSheet': async (args, caller, ctx) => {
    const { bytes, projects, ...file } = await exportScoringSheet(
      ctx.store,
      caller.actor,
      args.roundId,
      args.memberId,
      args.lang ?? 'th',
    );
    return { ...(await ctx.downloads.putBytes(caller, { ...file, bytes })), projects };
  },
  'judgement.importSheet': async (args, caller, ctx) => {
    const file = ctx.uploads.get(args.uploadId, caller, MAX_SHEET_BYTES);
    // Read on the compute worker (ExcelJS over a member's file holds no other device's call); checked and written here.
    const sheet = await ctx.compute('judgement.readSheet', { path: file.path });
    const report = importScoringSheet(ctx.store, caller.actor, args.roundId, sheet);
    ctx.uploads.discard(file.id);
    if (report.changed > 0) {
      ctx.emit('scores.changed', { roundId: args.roundId, memberId: report.memberId, projectId: 0, criterionId: 0 });
      ctx.emit('allocation.changed', { roundId: args.roundId });
    }
    return report;
  },
} satisfies Partial<HandlerMap>;
