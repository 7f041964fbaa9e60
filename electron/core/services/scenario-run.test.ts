import { describe, expect, it } from 'vitest';
import type { Scenario, ScenarioResult } from '../../../shared/api/types';
import { owner, useTestCore } from '../handlers/test-core';
import { highsSolver } from '../solver/highs';
import { loadScenarioContext, runScenarioContext, type ScenarioContext } from './scenario-run';

const { core, ok } = useTestCore('chipao-scenrun-', { needs: 1500, projects: 40 });

const withoutTime = (r: ScenarioResult): Omit<ScenarioResult, 'elapsedMs'> => {
  const { elapsedMs: _elapsed, ...rest } = r;
  return rest;
};

describe('scenario run from a context', () => {
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
});
