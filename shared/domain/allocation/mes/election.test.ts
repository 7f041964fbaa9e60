import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import * as Q from '../rational';
import { compileElection } from './election';

const ids = ['a', 'b', 'c', 'd', 'e', 'B', '10', '9'];

/** Identical ballots merged the plain way: approvals sorted without repeats, keyed by their text, first seen first. */
function plainGroups(ballots: readonly { weight: number; approves: readonly string[] }[]): [number, number[]][] {
  const groups = new Map<string, [number, number[]]>();
  for (const b of ballots) {
    if (b.weight === 0) continue;
    const projects = [...new Set(b.approves.map((id) => ids.indexOf(id)))].sort((x, y) => x - y);
    const key = projects.join(',');
    const g = groups.get(key);
    if (g) g[0] += b.weight;
    else groups.set(key, [b.weight, projects]);
  }
  return [...groups.values()];
}

describe('compileElection', () => {
  it('merges identical ballots (repeats and order within a ballot ignored) into groups in order of first appearance (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            weight: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 1_000_000 })),
            // Repeats within a ballot, any order, empty ballots.
            approves: fc.array(fc.constantFrom(...ids), { maxLength: 12 }),
          }),
          { maxLength: 60 },
        ),
        (ballots) => {
          const c = compileElection({
            projects: ids.map((id) => ({ id, cost: Q.fromInt(1) })),
            ballots,
            budget: Q.fromInt(10),
            utility: 'cost',
          });
          const { groupApprovalStart: start, groupApprovalProjects: approved } = c;
          const got = Array.from(c.groupWeight, (w, g) => [w, [...approved.subarray(start[g]!, start[g + 1]!)]]);
          expect(got).toEqual(plainGroups(ballots));
          expect(c.voters).toBe(BigInt(ballots.reduce((n, b) => n + b.weight, 0)));
        },
      ),
      { numRuns: 500 },
    );
  });
});
