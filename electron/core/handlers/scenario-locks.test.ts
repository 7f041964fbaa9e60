import { describe, expect, it } from 'vitest';
import type { ProjectRow, Scenario, ScenarioResult } from '../../../shared/api/types';
import { formatBaht } from '../../../shared/domain/money';
import { everyTable, owner, useTestCore } from './test-core';

// Locked amounts (the scenario's locks, the committee's "include" overrides) are paid before any rule runs: when
// they add up to more than the ceiling there is no plan within it, and none may be approved or issued.
const { core, ok } = useTestCore('chipao-locks-ceiling-', { needs: 400, projects: 14 });

async function refusal(method: string, args: unknown): Promise<{ code: string; message: string; messageTh?: string }> {
  const r = await core().call(method, args, owner);
  if (r.ok) throw new Error(`${method} was not refused`);
  return r.error as { code: string; message: string; messageTh?: string };
}

describe('locks that add up to more than the ceiling', () => {
  it('leave every rule without a plan, naming the ceiling and each lock, and the plan cannot be approved or exported', async () => {
    const projects = await ok<ProjectRow[]>('projects.list', { roundId: 1 });
    const [a, b] = [projects[0]!, projects[1]!];
    const locks = { [String(a.id)]: a.requested, [String(b.id)]: b.requested };
    const lockedTotal = a.requested + b.requested;
    // The ceiling was cut below what the committee had locked.
    const ceiling = lockedTotal - 100_00;
    const scenario = await ok<Scenario>('scenarios.create', { roundId: 1, name: 'ล็อกเกินวงเงิน', rule: 'greedy' });
    await ok('scenarios.update', { scenarioId: scenario.id, params: { ceiling }, locks });

    for (const rule of ['greedy', 'mes', 'optimum'] as const) {
      await ok('scenarios.update', { scenarioId: scenario.id, rule });
      const run = await ok<ScenarioResult>('scenarios.run', { scenarioId: scenario.id });
      expect(run.status, rule).toBe('infeasible');
      expect(run.totalFunded, rule).toBe(0);
      expect(run.totalFunded, rule).toBeLessThanOrEqual(run.budget);
      if (rule !== 'optimum') {
        const said = run.conflict.map((c) => c.th).join(' / ');
        expect(said).toContain(formatBaht(ceiling));
        for (const p of [a, b]) expect(said).toContain(`${p.code} ถูกล็อกไว้ที่ ${formatBaht(p.requested)}`);
        expect(run.conflict.map((c) => c.en).join(' / ')).toContain(`${a.code} locked at ${formatBaht(a.requested)}`);
      }
    }

    await ok('scenarios.update', { scenarioId: scenario.id, rule: 'greedy' });
    const before = everyTable(core());
    const approve = await refusal('approvals.approve', {
      scenarioId: scenario.id,
      resolutionNo: 'ครั้งที่ 4/2569',
      resolutionDate: '15/11/2569',
      approverId: 1,
      memberIds: [1, 2],
    });
    expect(approve.code).toBe('INVALID_STATE');
    expect(approve.messageTh).toMatch(/[\u0E00-\u0E7F]/u);
    const exported = await refusal('exports.plan', { roundId: 1, scenarioId: scenario.id, format: 'xlsx' });
    expect(exported.code).toBe('INVALID_STATE');
    expect(everyTable(core())).toEqual(before);

    // Within the ceiling again, the plan pays the locks and stays under it.
    await ok('scenarios.update', { scenarioId: scenario.id, params: { ceiling: lockedTotal } });
    const fits = await ok<ScenarioResult>('scenarios.run', { scenarioId: scenario.id });
    expect(fits.status).toBe('ok');
    expect(fits.totalFunded).toBe(lockedTotal);
  });

  it("count the committee's inclusions as locks of the full request", async () => {
    const projects = await ok<ProjectRow[]>('projects.list', { roundId: 1 });
    const big = [...projects].sort((x, y) => y.requested - x.requested)[0]!;
    await ok('judgement.addOverride', {
      roundId: 1,
      projectId: big.id,
      kind: 'include',
      reason: 'โครงการตามนโยบายเร่งด่วน',
      requestedBy: 2,
    });
    const scenario = await ok<Scenario>('scenarios.create', { roundId: 1, name: 'รวมไว้เกินวงเงิน', rule: 'mes' });
    await ok('scenarios.update', { scenarioId: scenario.id, params: { ceiling: big.requested - 1 } });
    const run = await ok<ScenarioResult>('scenarios.run', { scenarioId: scenario.id });
    expect(run.status).toBe('infeasible');
    expect(run.conflict.map((c) => c.th).join(' ')).toContain(formatBaht(big.requested));
    // Named as the committee's inclusion, not as a lock of the scenario, under every rule.
    for (const rule of ['mes', 'greedy', 'optimum'] as const) {
      await ok('scenarios.update', { scenarioId: scenario.id, rule });
      const r = await ok<ScenarioResult>('scenarios.run', { scenarioId: scenario.id });
      const named = r.conflict.find((c) => c.id === `lock:${big.id}`);
      expect(named?.th, rule).toContain(`${big.code} ที่คณะกรรมการให้รวมไว้ ใช้งบ ${formatBaht(big.requested)} บาท`);
      expect(named?.en, rule).toContain(`${big.code}, included by the committee, takes ${formatBaht(big.requested)} baht`);
    }
  });
});
