/** Needs sources per round and "sync now" (issue 9 items 1 and 7); the pull runs on a worker of its own. */
import { addSource, getSource, listSources, removeSource } from '../sync/needs-sources';
import { cancelSyncJob, runSyncJob } from '../sync/sync-jobs';
import type { HandlerMap } from './types';

export const needsSourcesHandlers = {
  'needs.sources': (args, _caller, ctx) => listSources(ctx.store, args.roundId),
  'needs.addSource': (args, caller, ctx) => addSource(ctx.store, args.roundId, args.name, args.url, caller.actor),
  'needs.removeSource': (args, caller, ctx) => {
    removeSource(ctx.store, args.sourceId, caller.actor);
    return { removed: args.sourceId };
  },
  'needs.pullSource': async (args, caller, ctx) => {
    const source = getSource(ctx.store, args.sourceId);
    const report = await runSyncJob(ctx, 'pull', source.name, (control) =>
      ctx.compute(
        'needs.pull',
        {
          dbPath: ctx.dataPath,
          backup: 'before-sync',
          sourceId: source.id,
          actor: caller.actor,
          control,
          options: { partial: args.partial === true },
        },
        { dedicated: true },
      ),
    );
    if (report.batchId !== null) ctx.emit('needs.synced', { batchId: report.batchId });
    return report;
  },
  'needs.cancelSync': (args, _caller, ctx) => ({ cancelled: cancelSyncJob(ctx, args.jobId) }),
} satisfies Partial<HandlerMap>;
