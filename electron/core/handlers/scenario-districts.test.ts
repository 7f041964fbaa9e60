/**
 * Money by district when some proposals lie in no single district (a province-wide project): the scenario's district
 * rows add up to what it funds, and the diff of two scenarios shows money moved to or from such proposals.
 */
import { describe, expect, it } from 'vitest';
import {
  SEVERAL_DISTRICTS_CODE,
  type ProjectRow,
  type Scenario,
  type ScenarioDiff,
  type ScenarioResult,
} from '../../../shared/api/types';
import { useTestCore } from './test-core';

const { core, ok } = useTestCore('chipao-several-districts-', { needs: 400, projects: 14 });

describe('proposals over the whole province', () => {
  it('have a district row of their own in every result and in the diff, so the rows add up', async () => {
    const projects = await ok<ProjectRow[]>('projects.list', { roundId: 1 });
    const wide = projects[0]!;
    core().store.sqlite.prepare("UPDATE project SET district_code = NULL, scope = 'province' WHERE id = ?").run(wide.id);
    const a = await ok<Scenario>('scenarios.create', { roundId: 1, name: 'ทั้งจังหวัดได้', rule: 'greedy' });
    const b = await ok<Scenario>('scenarios.create', { roundId: 1, name: 'ทั้งจังหวัดไม่ได้', rule: 'greedy' });
    await ok('scenarios.update', { scenarioId: a.id, locks: { [String(wide.id)]: wide.requested } });
    // Locked at nothing: B funds none of it.
    await ok('scenarios.update', { scenarioId: b.id, locks: { [String(wide.id)]: 0 } });
    const runA = await ok<ScenarioResult>('scenarios.run', { scenarioId: a.id });
    const runB = await ok<ScenarioResult>('scenarios.run', { scenarioId: b.id });
    for (const run of [runA, runB]) {
      expect(run.byDistrict.reduce((s, d) => s + d.funded, 0)).toBe(run.totalFunded);
      expect(run.byDistrict.reduce((s, d) => s + d.projects, 0)).toBe(run.rows.length);
      expect(run.byDistrict.at(-1)).toMatchObject({ code: SEVERAL_DISTRICTS_CODE, nameTh: 'หลายอำเภอ / ทั้งจังหวัด', projects: 1 });
    }
    expect(runA.byDistrict.at(-1)!.funded).toBe(wide.requested);
    expect(runB.byDistrict.at(-1)!.funded).toBe(0);
    const diff = await ok<ScenarioDiff>('scenarios.diff', { a: a.id, b: b.id });
    const several = diff.byDistrict.find((d) => d.code === SEVERAL_DISTRICTS_CODE);
    expect(several).toMatchObject({ a: wide.requested, b: 0, delta: -wide.requested });
    expect(diff.byDistrict.reduce((s, d) => s + d.delta, 0)).toBe(runB.totalFunded - runA.totalFunded);
  });
});
