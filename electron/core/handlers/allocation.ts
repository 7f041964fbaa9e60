import { runGreedy } from '../services/allocation';
import type { HandlerMap } from './types';

export const allocationHandlers = {
  'allocation.run': (args, _caller, ctx) => runGreedy(ctx.store, args.roundId),
  // 'plan.exportXlsx' moved to ./exports.ts with the other official documents (issue 10).
} satisfies Partial<HandlerMap>;
