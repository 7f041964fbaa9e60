/**
 * links.*: suggestions of citizens' needs as a proposal's evidence, accepting, rejecting, linking and unlinking them,
 * and the evidence recomputed from the links. Round-wide suggestions run on the compute worker; the worker writes
 * its progress into a shared counter that this thread broadcasts as `links.progress` events.
 */
import type { RoundSuggestions } from '../../../shared/domain/links/types';
import type { Caller, CoreContext } from '../context';
import {
  changeLinks,
  DEFAULT_SUGGESTIONS,
  projectLinks,
  readRoundSuggestInputs,
  suggestNeeds,
  type LinkAction,
} from '../services/links';
import type { HandlerMap } from './types';

/** How often the progress of a round-wide run is broadcast. */
const PROGRESS_EVERY_MS = 250;

/** Round-wide runs under way, per core: a second call for the same round joins the running one. */
const running = new WeakMap<CoreContext['store'], Map<string, Promise<RoundSuggestions>>>();

function change(action: LinkAction) {
  return (args: { projectId: number; needIds: number[] }, caller: Caller, ctx: CoreContext) => {
    const result = changeLinks(ctx.store.sqlite, action, args.projectId, args.needIds, caller.actor);
    if (result.changed > 0) {
      ctx.emit('links.changed', { roundId: result.roundId, projectId: result.projectId });
      if (action !== 'reject') ctx.emit('allocation.changed', { roundId: result.roundId });
    }
    return { projectId: result.projectId, changed: result.changed, evidenceChanged: result.evidenceChanged };
  };
}

async function suggestAll(roundId: number, limit: number, ctx: CoreContext): Promise<RoundSuggestions> {
  const started = performance.now();
  const { table, proposals } = readRoundSuggestInputs(ctx.store.sqlite, roundId);
  const total = proposals.length;
  const progress = new SharedArrayBuffer(4);
  const done = new Int32Array(progress);
  ctx.emit('links.progress', { roundId, done: 0, total });
  const timer = setInterval(() => ctx.emit('links.progress', { roundId, done: Atomics.load(done, 0), total }), PROGRESS_EVERY_MS);
  try {
    const items = await ctx.compute('links.suggestAll', { table, proposals, limit, progress });
    return { roundId, proposals: total, needs: table.ids.length, seconds: (performance.now() - started) / 1000, items };
  } finally {
    clearInterval(timer);
    ctx.emit('links.progress', { roundId, done: total, total });
  }
}

export const linksHandlers = {
  'links.suggest': (args, _caller, ctx) =>
    suggestNeeds(ctx.store.sqlite, args.roundId, args.projectId, args.limit ?? DEFAULT_SUGGESTIONS),
  'links.suggestAll': (args, _caller, ctx) => {
    const limit = args.limit ?? 3;
    let runs = running.get(ctx.store);
    if (!runs) running.set(ctx.store, (runs = new Map()));
    const key = `${args.roundId}:${limit}`;
    const current = runs.get(key);
    if (current) return current;
    const run = suggestAll(args.roundId, limit, ctx).finally(() => runs.delete(key));
    runs.set(key, run);
    return run;
  },
  'links.accept': change('accept'),
  'links.reject': change('reject'),
  'links.link': change('link'),
  'links.unlink': change('unlink'),
  'links.forProject': (args, _caller, ctx) => projectLinks(ctx.store.sqlite, args.projectId),
} satisfies Partial<HandlerMap>;
