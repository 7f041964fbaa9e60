/**
 * Properties of the committee's judgement over a real SQLite file (fast-check): whatever a member's stored scores on
 * a project they declared a conflict of interest on, no result the committee reads changes — the ranking and its
 * composites, the allocation, the disagreement heatmap and Kendall's W, the workshop projector.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ProjectRow } from '../../../shared/api/types';
import { useTestCore } from './test-core';

const { core, ok } = useTestCore('chipao-judgement-props-', { needs: 200, projects: 12 });

type ScoreRow = { member_id: number; project_id: number; criterion_id: number; value: number; version: number };

/** Everything the committee reads of round 1 that aggregates members' scores. */
async function results(): Promise<unknown> {
  const ranking = await ok<ProjectRow[]>('projects.list', { roundId: 1 });
  return {
    ranking: ranking.map((p) => [p.id, p.rank, p.composite]),
    allocation: await ok('allocation.run', { roundId: 1, rule: 'greedy' }),
    view: await ok('judgement.view', { roundId: 1 }),
    projector: (await ok<{ results: unknown }>('workshop.projector', {})).results,
  };
}

describe('a conflicted member’s scores never count', () => {
  it('rewriting them in any way leaves every result as it was', async () => {
    const { sqlite } = core().store;
    await ok('workshop.open', { roundId: 1 });
    await ok('workshop.reveal', { revealed: true });
    const members = (sqlite.prepare('SELECT id FROM member WHERE round_id = 1').all() as { id: number }[]).map((m) => m.id);
    const projects = (sqlite.prepare('SELECT id FROM project WHERE round_id = 1').all() as { id: number }[]).map((p) => p.id);
    const criteria = sqlite
      .prepare(`SELECT id, scale_min AS lo, scale_max AS hi FROM criterion WHERE round_id = 1 AND kind = 'member'`)
      .all() as { id: number; lo: number; hi: number }[];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...members),
        fc.constantFrom(...projects),
        // Per criterion: a new score on the scale, or none (taken back).
        fc.array(fc.option(fc.double({ min: 0, max: 1, noNaN: true })), {
          minLength: criteria.length,
          maxLength: criteria.length,
        }),
        async (memberId, projectId, picks) => {
          const stored = sqlite
            .prepare('SELECT * FROM score WHERE member_id = ? AND project_id = ?')
            .all(memberId, projectId) as ScoreRow[];
          await ok('scores.declareConflict', { roundId: 1, memberId, projectId, declared: true, reason: 'ญาติเป็นผู้เสนอ' });
          const before = await results();
          // What a stale device, an old import or an edit before the declaration could have left stored.
          sqlite.transaction(() => {
            sqlite.prepare('DELETE FROM score WHERE member_id = ? AND project_id = ?').run(memberId, projectId);
            criteria.forEach((c, i) => {
              const pick = picks[i];
              if (pick === null || pick === undefined) return;
              sqlite
                .prepare(
                  `INSERT INTO score (member_id, project_id, criterion_id, value, version, updated_at) VALUES (?, ?, ?, ?, 1, ?)`,
                )
                .run(memberId, projectId, c.id, Math.round(c.lo + pick * (c.hi - c.lo)), new Date().toISOString());
            });
          })();
          expect(await results()).toEqual(before);
          // Put the member's own scores back and withdraw, so that each run starts from the same round.
          sqlite.transaction(() => {
            sqlite.prepare('DELETE FROM score WHERE member_id = ? AND project_id = ?').run(memberId, projectId);
            for (const r of stored)
              sqlite
                .prepare(
                  `INSERT INTO score (member_id, project_id, criterion_id, value, version, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
                )
                .run(r.member_id, r.project_id, r.criterion_id, r.value, r.version, new Date().toISOString());
          })();
          await ok('scores.declareConflict', { roundId: 1, memberId, projectId, declared: false });
        },
      ),
      { numRuns: 25 },
    );
  });
});
