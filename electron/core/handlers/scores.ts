/** A member's scoring sheet: scores, comments, taken-back scores and conflicts of interest (docs/judgement.md). */
import type { CoreContext } from '../context';
import { carryScoreEdit } from '../services/ranking';
import { clearScore, commentCell, declareConflict, memberSheet, setScore } from '../services/score-sheet';
import type { HandlerMap } from './types';

/** Every device refetches the member's sheet, the ranking and the allocation. */
function changed(ctx: CoreContext, cell: { roundId: number; memberId: number; projectId: number; criterionId: number }): void {
  ctx.emit('scores.changed', cell);
  ctx.emit('allocation.changed', { roundId: cell.roundId, cause: 'score' });
}

export const scoresHandlers = {
  'scores.forMember': (args, _caller, ctx) =>
    memberSheet(ctx.store.sqlite, args.roundId, args.memberId).cells.flatMap((c) =>
      c.value === null
        ? []
        : [
            {
              projectId: c.projectId,
              criterionId: c.criterionId,
              value: c.value,
              version: c.version,
              ...(c.comment ? { comment: c.comment } : {}),
            },
          ],
    ),
  'scores.set': (args, caller, ctx) => {
    const saved = carryScoreEdit(ctx.store, args, () => setScore(ctx.store.sqlite, caller.actor, args));
    changed(ctx, args);
    return saved;
  },
  'scores.sheet': (args, _caller, ctx) => memberSheet(ctx.store.sqlite, args.roundId, args.memberId),
  'scores.clear': (args, caller, ctx) => {
    const cleared = carryScoreEdit(ctx.store, args, () => clearScore(ctx.store.sqlite, caller.actor, args));
    changed(ctx, args);
    return cleared;
  },
  'scores.comment': (args, caller, ctx) => {
    const saved = commentCell(ctx.store.sqlite, caller.actor, args);
    ctx.emit('scores.changed', args);
    return saved;
  },
  'scores.declareConflict': (args, caller, ctx) => {
    declareConflict(ctx.store.sqlite, caller.actor, args);
    changed(ctx, { ...args, criterionId: 0 });
    return memberSheet(ctx.store.sqlite, args.roundId, args.memberId);
  },
} satisfies Partial<HandlerMap>;
