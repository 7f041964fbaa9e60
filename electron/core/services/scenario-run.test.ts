import { describe, expect, it } from 'vitest';
import type { Scenario, ScenarioResult } from '../../../shared/api/types';
import { owner, useTestCore } from '../handlers/test-core';
import { highsSolver } from '../solver/highs';
import type { NeedRow } from './need-links';
import { loadScenarioContext, runScenario, runScenarioContext, type ScenarioContext } from './scenario-run';

const { core, ok } = useTestCore('chipao-scenrun-', { needs: 1500, projects: 40 });

const withoutTime = (r: ScenarioResult): Omit<ScenarioResult, 'elapsedMs'> => {
  const { elapsedMs: _elapsed, ...rest } = r;
  return rest;
};

/** Every active need one by one with the round's projects it links to: how contexts (and plans frozen) were before. */
function oneRowPerNeed(roundId: number): NeedRow[] {
  const db = core().store.sqlite;
  const links = db
    .prepare(
      'SELECT pn.need_id AS need, pn.project_id AS project FROM project_need pn JOIN project p ON p.id = pn.project_id WHERE p.round_id = ?',
    )
    .all(roundId) as { need: number; project: number }[];
  const rows = db
    .prepare(`SELECT id, tambon_code, village_no, people_affected, households FROM need WHERE status = 'active' ORDER BY id`)
    .all() as { id: number; tambon_code: string; village_no: number | null; people_affected: number; households: number }[];
  return rows.map((r) => ({
    id: r.id,
    tambonCode: r.tambon_code,
    villageNo: r.village_no,
    people: r.people_affected,
    households: r.households,
    projectIds: links.filter((l) => l.need === r.id).map((l) => String(l.project)),
  }));
}

describe('scenario run from a context', () => {
  it('gives the same result from the needs summed per village as from one row per need (and plans frozen so)', async () => {
    // Without completion MES's shares are the budget over everyone who raised a need, linked or not.
    const plain = await ok<Scenario>('scenarios.create', {
      roundId: 1,
      name: 'shares without completion',
      rule: 'mes',
      params: { completion: 'none', voterUnit: 'households' },
    });
    const seeded = [...(await ok<Scenario[]>('scenarios.list', { roundId: 1 })).filter((s) => s.id !== plain.id), plain];
    const db = core().store.sqlite;
    // A need linked only to a project of another round counts for this round as unlinked; a withdrawn one not at all.
    const otherRound = Number(
      db.prepare(`INSERT INTO round (name, fiscal_year, ceiling, status) VALUES ('other', 2570, 100, 'preparing')`).run()
        .lastInsertRowid,
    );
    const otherProject = Number(
      db
        .prepare(
          `INSERT INTO project (round_id, code, title, agency, level, strategy, district_code, scope, operating, investment,
             requested, min_amount, readiness, evidence_changed, updated_at)
           SELECT ?, 'OTHER-1', title, agency, level, strategy, district_code, scope, operating, investment, requested,
             min_amount, readiness, 0, updated_at FROM project WHERE round_id = 1 LIMIT 1`,
        )
        .run(otherRound).lastInsertRowid,
    );
    const unlinkedHere = `SELECT id FROM need WHERE status = 'active'
      AND id NOT IN (SELECT pn.need_id FROM project_need pn JOIN project p ON p.id = pn.project_id WHERE p.round_id = 1) ORDER BY id`;
    const elsewhere = (db.prepare(`${unlinkedHere} LIMIT 1`).get() as { id: number }).id;
    db.prepare('INSERT INTO project_need (project_id, need_id, coverage) VALUES (?, ?, 1)').run(otherProject, elsewhere);
    const withdrawn = (db.prepare(`${unlinkedHere} LIMIT 1 OFFSET 3`).get() as { id: number }).id;
    db.prepare(`UPDATE need SET status = 'withdrawn' WHERE id = ?`).run(withdrawn);
    try {
      for (const s of seeded) {
        const ctx = await loadScenarioContext(core().store, s.id);
        const all = oneRowPerNeed(1);
        expect(all.some((n) => n.id === withdrawn)).toBe(false);
        const linked = all.filter((n) => n.projectIds.length > 0);
        expect(ctx.needs).toEqual(linked);
        expect(all.find((n) => n.id === elsewhere)?.projectIds).toEqual([]);
        expect(ctx.unlinked.length).toBeGreaterThan(0);
        expect(ctx.unlinked.reduce((a, v) => a + v.needs, 0)).toBe(all.length - linked.length);
        expect(ctx.unlinked.reduce((a, v) => a + v.people, 0)).toBe(
          all.filter((n) => n.projectIds.length === 0).reduce((a, n) => a + n.people, 0),
        );
        const perNeed: ScenarioContext = { ...ctx, needs: all, unlinked: [] };
        expect(withoutTime(await runScenarioContext(ctx, highsSolver))).toEqual(
          withoutTime(await runScenarioContext(perNeed, highsSolver)),
        );
      }
    } finally {
      db.prepare(`UPDATE need SET status = 'active' WHERE id = ?`).run(withdrawn);
      db.prepare('DELETE FROM project_need WHERE project_id = ?').run(otherProject);
      db.prepare('DELETE FROM project WHERE id = ?').run(otherProject);
      db.prepare('DELETE FROM round WHERE id = ?').run(otherRound);
      await ok('scenarios.delete', { scenarioId: plain.id });
    }
  });

  it('gives the identical result from a context read back from JSON, for every rule', async () => {
    const seeded = await ok<Scenario[]>('scenarios.list', { roundId: 1 });
    const optimum = await ok<Scenario>('scenarios.create', { roundId: 1, name: 'exact', rule: 'optimum' });
    for (const s of [...seeded, optimum]) {
      const ctx = await loadScenarioContext(core().store, s.id);
      const replayed = JSON.parse(JSON.stringify(ctx)) as ScenarioContext;
      expect(replayed).toEqual(ctx);
      const direct = await runScenarioContext(ctx, highsSolver);
      const fromJson = await runScenarioContext(replayed, highsSolver);
      expect(withoutTime(fromJson)).toEqual(withoutTime(direct));
      // The handler's run reads the same context.
      const viaApi = await ok<ScenarioResult>('scenarios.run', { scenarioId: s.id }, owner);
      expect(withoutTime(viaApi)).toEqual(withoutTime(direct));
      expect(direct.totalFunded).toBeGreaterThan(0);
    }
  });

  it('reads nothing from the database while it runs', async () => {
    const [s] = await ok<Scenario[]>('scenarios.list', { roundId: 1 });
    const ctx = await loadScenarioContext(core().store, s!.id);
    const before = await runScenarioContext(ctx, highsSolver);
    // Withdrawing every need changes the fairness figures of a fresh run, not of one from the saved context.
    const db = core().store.sqlite;
    db.exec(`CREATE TEMP TABLE was_active AS SELECT id FROM need WHERE status = 'active'`);
    db.prepare(`UPDATE need SET status = 'withdrawn'`).run();
    try {
      const after = await runScenarioContext(ctx, highsSolver);
      expect(withoutTime(after)).toEqual(withoutTime(before));
      const fresh = await runScenarioContext(await loadScenarioContext(core().store, s!.id), highsSolver);
      expect(fresh.fairness.villagesWithNeeds).not.toBe(before.fairness.villagesWithNeeds);
    } finally {
      db.exec(`UPDATE need SET status = 'active' WHERE id IN (SELECT id FROM was_active); DROP TABLE was_active`);
    }
  });

  it('reports its stages in order, and Equal Shares its add1 fraction rising to 1 while it computes', async () => {
    const seeded = await ok<Scenario[]>('scenarios.list', { roundId: 1 });
    for (const s of seeded) {
      const seen: [string, number | null][] = [];
      const result = await runScenario(core().store, s.id, highsSolver, (stage, fraction) => seen.push([stage, fraction]));
      const stages = seen.map(([stage]) => stage);
      expect(stages[0]).toBe('reading');
      expect(stages.at(-1)).toBe('finishing');
      expect(stages.filter((x) => x === 'reading' || x === 'finishing')).toEqual(['reading', 'finishing']);
      expect(stages.slice(1, -1).every((x) => x === 'computing')).toBe(true);
      const fractions = seen.filter(([stage, f]) => stage === 'computing' && f !== null).map(([, f]) => f!);
      if (s.rule === 'mes') {
        expect(fractions.length).toBeGreaterThan(1);
        expect(fractions.at(-1)).toBe(1);
        for (let i = 1; i < fractions.length; i++) expect(fractions[i]).toBeGreaterThanOrEqual(fractions[i - 1]!);
      } else {
        expect(fractions).toEqual([]);
      }
      // Reporting changes nothing in the result.
      expect(withoutTime(result)).toEqual(withoutTime(await runScenario(core().store, s.id, highsSolver)));
    }
    expect(seeded.map((s) => s.rule)).toContain('mes');
  });
});
