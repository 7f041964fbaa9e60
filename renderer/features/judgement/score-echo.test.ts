import { describe, expect, it } from 'vitest';
import { notScoreEcho } from './score-echo';

describe('notScoreEcho', () => {
  it('lets go only the allocation change that follows a score edit', () => {
    expect(notScoreEcho({ event: 'allocation.changed', payload: { roundId: 1, cause: 'score' } })).toBe(false);
    expect(notScoreEcho({ event: 'allocation.changed', payload: { roundId: 1 } })).toBe(true);
    expect(notScoreEcho({ event: 'scores.changed', payload: { roundId: 1, memberId: 2, projectId: 3, criterionId: 4 } })).toBe(
      true,
    );
    expect(notScoreEcho({ event: 'round.changed', payload: { roundId: 1 } })).toBe(true);
  });
});
