import type { EventMessage } from '../../../shared/api/contract';

/**
 * A score edit sends `scores.changed` and, right after it, `allocation.changed` with cause 'score' (handlers/scores.ts):
 * a view that refetches on both would ask the host twice per edit for the same answer. With this as `when`, the second
 * is let go (and a view that waits only for `allocation.changed` skips score edits, which do not change it).
 */
export const notScoreEcho = (m: EventMessage): boolean => !(m.event === 'allocation.changed' && m.payload.cause === 'score');
