import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type {
  ExportedFile,
  ProjectRow,
  Scenario,
  ScenarioDiff,
  ScenarioResult,
  UnreadableScenario,
  WhyCardView,
} from '../../../shared/api/types';
import { RULE_REGISTRY } from '../../../shared/domain/allocation/rules';
import { owner, useTestCore } from './test-core';

const member = { role: 'member' as const, actor: 'member:1', transport: 'websocket' as const };

const fundedIds = (r: ScenarioResult): number[] => r.rows.filter((x) => x.funded > 0).map((x) => x.projectId);

const { core, ok, download } = useTestCore('chipao-scen-', { needs: 2000, projects: 60 });

describe('scenarios', () => {
  it('seeds a greedy and an MES draft and runs each within the ceiling', async () => {
    const list = await ok<Scenario[]>('scenarios.list', { roundId: 1 });
    expect(list.map((s) => s.rule)).toEqual(['greedy', 'mes']);
    for (const s of list) {
      const r = await ok<ScenarioResult>('scenarios.run', { scenarioId: s.id });
      expect(r.status).toBe('ok');
      expect(r.totalFunded).toBeLessThanOrEqual(r.budget);
      expect(r.rows.reduce((a, x) => a + x.funded, 0)).toBe(r.totalFunded);
      expect(r.byDistrict.reduce((a, x) => a + x.funded, 0)).toBe(r.totalFunded);
      expect(r.byStrategy.reduce((a, x) => a + x.funded, 0)).toBe(r.totalFunded);
      expect(r.fairness.budgetShareSpent).toBeCloseTo(r.totalFunded / r.budget, 9);
      // Y2 positions are 1..n over the unfunded projects in rank order.
      const reserve = r.rows.filter((x) => x.funded === 0).map((x) => x.reservePosition);
      expect(reserve).toEqual(reserve.map((_, i) => i + 1));
    }
  });

  it('a scenario ceiling changes the money and never the round', async () => {
    const greedy = (await ok<Scenario[]>('scenarios.list', { roundId: 1 }))[0]!;
    const before = await ok<ScenarioResult>('scenarios.run', { scenarioId: greedy.id });
    const ceiling = Math.floor(before.budget / 5);
    await ok<Scenario>('scenarios.update', { scenarioId: greedy.id, params: { ceiling } });
    const after = await ok<ScenarioResult>('scenarios.run', { scenarioId: greedy.id });
    expect(after.budget).toBe(ceiling);
    expect(after.totalFunded).toBeLessThanOrEqual(ceiling);
    expect(after.fundedCount).toBeLessThan(before.fundedCount);
    const round = await ok<{ ceiling: number }>('rounds.get', { roundId: 1 });
    expect(round.ceiling).toBe(before.budget);
  });

  it('branches, locks a project that stays funded, and diffs the branches', async () => {
    const base = await ok<Scenario>('scenarios.create', {
      roundId: 1,
      name: 'base',
      rule: 'greedy',
      params: { ceiling: 30_000_000_00 },
    });
    const baseRun = await ok<ScenarioResult>('scenarios.run', { scenarioId: base.id });
    const target = baseRun.rows.find((r) => r.funded === 0)!;
    const branch = await ok<Scenario>('scenarios.create', { roundId: 1, name: 'branch', fromId: base.id });
    expect(branch.parentId).toBe(base.id);
    expect(branch.params.ceiling).toBe(30_000_000_00);
    await ok<Scenario>('scenarios.update', { scenarioId: branch.id, locks: { [String(target.projectId)]: target.requested } });
    const branchRun = await ok<ScenarioResult>('scenarios.run', { scenarioId: branch.id });
    const locked = branchRun.rows.find((r) => r.projectId === target.projectId)!;
    expect(locked.locked).toBe(true);
    expect(locked.funded).toBe(target.requested);
    expect(branchRun.totalFunded).toBeLessThanOrEqual(branchRun.budget);

    const diff = await ok<ScenarioDiff>('scenarios.diff', { a: base.id, b: branch.id });
    expect(diff.entered.map((p) => p.projectId)).toContain(target.projectId);
    const moved = diff.byDistrict.reduce((s, d) => s + d.delta, 0);
    expect(moved).toBe(branchRun.totalFunded - baseRun.totalFunded);
    expect(diff.byDistrict.find((d) => d.code === target.districtCode)!.b).toBeGreaterThanOrEqual(target.requested);

    const card = await ok<WhyCardView>('scenarios.explain', { scenarioId: branch.id, projectId: target.projectId });
    expect(card.th).toContain(target.code);
    expect(card.th).toContain('ล็อก');
    const out = branchRun.rows.find((r) => r.funded === 0)!;
    const whyOut = await ok<WhyCardView>('scenarios.explain', { scenarioId: branch.id, projectId: out.projectId });
    expect(whyOut.funded).toBe(0);
    expect(whyOut.en).toContain('not funded');
    expect(whyOut.th).toContain(`Y2) ลำดับที่ ${out.reservePosition}`);
  });

  it('optimum honours a district floor and names the conflict when the floor is impossible', async () => {
    const projects = await ok<ProjectRow[]>('projects.list', { roundId: 1 });
    const s = await ok<Scenario>('scenarios.create', {
      roundId: 1,
      name: 'optimum',
      rule: 'optimum',
      params: { ceiling: 20_000_000_00 },
    });
    const free = await ok<ScenarioResult>('scenarios.run', { scenarioId: s.id });
    // The district that gets least under the free optimum, given a floor it can meet.
    const poorest = [...free.byDistrict].filter((d) => d.requested > 0).sort((a, b) => a.funded - b.funded)[0]!;
    const cheapest = Math.min(...projects.filter((p) => p.districtCode === poorest.code).map((p) => p.requested));
    await ok<Scenario>('scenarios.update', {
      scenarioId: s.id,
      params: { districtFloors: { [poorest.code]: poorest.funded + cheapest } },
    });
    const floored = await ok<ScenarioResult>('scenarios.run', { scenarioId: s.id });
    expect(floored.status).toBe('ok');
    expect(floored.byDistrict.find((d) => d.code === poorest.code)!.funded).toBeGreaterThanOrEqual(poorest.funded + cheapest);
    expect(floored.totalFunded).toBeLessThanOrEqual(20_000_000_00);

    await ok<Scenario>('scenarios.update', {
      scenarioId: s.id,
      params: { districtFloors: { [poorest.code]: poorest.requested + 1 } },
    });
    const impossible = await ok<ScenarioResult>('scenarios.run', { scenarioId: s.id });
    expect(impossible.status).toBe('infeasible');
    expect(impossible.conflict.map((g) => g.id)).toContain(`floor:${poorest.code}`);
    expect(impossible.conflict.every((g) => g.th.length > 0 && g.en.length > 0)).toBe(true);
    const refused = await core().call('plan.exportXlsx', { roundId: 1, scenarioId: s.id }, owner);
    expect(refused.ok).toBe(false);
  });

  it('exports the chosen scenario as the plan, totals matching the run', async () => {
    const mes = (await ok<Scenario[]>('scenarios.list', { roundId: 1 })).find((x) => x.rule === 'mes')!;
    const run = await ok<ScenarioResult>('scenarios.run', { scenarioId: mes.id });
    const file = await ok<ExportedFile>('plan.exportXlsx', { roundId: 1, scenarioId: mes.id });
    expect(file.totalFunded).toBe(run.totalFunded);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(download(file) as unknown as ArrayBuffer);
    // The workbook names the scenario's rule as the registry labels it (its layout is the export's own tests' concern).
    const texts: string[] = [];
    for (const ws of wb.worksheets) ws.eachRow((row) => row.eachCell((cell) => texts.push(String(cell.value ?? ''))));
    expect(texts.some((t) => t.includes(RULE_REGISTRY.mes.label.th))).toBe(true);
    expect(fundedIds(run).length).toBe(file.fundedCount);
  });

  it('refuses bad edits without changing the scenario', async () => {
    const s = (await ok<Scenario[]>('scenarios.list', { roundId: 1 }))[0]!;
    const dup = await core().call('scenarios.create', { roundId: 1, name: s.name }, owner);
    expect(dup.ok).toBe(false);
    const badFloor = await core().call(
      'scenarios.update',
      { scenarioId: s.id, params: { districtFloors: { '9999': 5 } } },
      owner,
    );
    expect(badFloor.ok === false && badFloor.error.code).toBe('BAD_ARGS');
    const negative = await core().call('scenarios.update', { scenarioId: s.id, params: { ceiling: -1 } }, owner);
    expect(negative.ok).toBe(false);
    const tooMuch = await ok<ProjectRow[]>('projects.list', { roundId: 1 });
    await ok<Scenario>('scenarios.update', {
      scenarioId: s.id,
      locks: { [String(tooMuch[0]!.id)]: tooMuch[0]!.requested + 100 },
    });
    const locked = await core().call('scenarios.run', { scenarioId: s.id }, owner);
    expect(locked.ok === false && locked.error.code).toBe('INVALID_STATE');
    await ok<Scenario>('scenarios.update', { scenarioId: s.id, locks: {} });
    const memberEdit = await core().call('scenarios.update', { scenarioId: s.id, name: 'x' }, member);
    expect(memberEdit.ok === false && memberEdit.error.code).toBe('FORBIDDEN');
    const after = (await ok<Scenario[]>('scenarios.list', { roundId: 1 }))[0]!;
    expect(after.name).toBe(s.name);
  });

  it('locks that together take more than the ceiling give no plan under any rule, naming them, and none is approved', async () => {
    const projects = await ok<ProjectRow[]>('projects.list', { roundId: 1 });
    const [a, b, c] = projects;
    // Three whole requests locked under a ceiling that holds only two and a half of them.
    const ceiling = a!.requested + b!.requested + Math.floor(c!.requested / 2);
    const locks = Object.fromEntries([a!, b!, c!].map((p) => [String(p.id), p.requested]));
    const s = await ok<Scenario>('scenarios.create', { roundId: 1, name: 'locked over the ceiling', params: { ceiling } });
    await ok<Scenario>('scenarios.update', { scenarioId: s.id, locks });
    for (const rule of ['greedy', 'mes', 'optimum'] as const) {
      await ok<Scenario>('scenarios.update', { scenarioId: s.id, rule });
      const run = await ok<ScenarioResult>('scenarios.run', { scenarioId: s.id });
      expect(run.totalFunded, `${rule} funded more than its ceiling`).toBeLessThanOrEqual(ceiling);
      expect(run.status, rule).toBe('infeasible');
      expect(run.totalFunded).toBe(0);
      const ids = run.conflict.map((g) => g.id);
      expect(ids[0]).toBe('ceiling');
      expect(ids.every((id) => id === 'ceiling' || Object.hasOwn(locks, id.replace('lock:', '')))).toBe(true);
      if (rule !== 'optimum') {
        expect(ids).toEqual(['ceiling', ...[a!, b!, c!].map((p) => `lock:${p.id}`)]);
        expect(run.conflict[1]!.th).toContain(a!.code);
        expect(run.conflict[0]!.th).toMatch(/^วงเงินงบประมาณรวมไม่เกิน [\d,]+\.\d\d บาท$/u);
      }
      // The card of a locked project says there is no plan, not that it was paid its lock.
      const card = await ok<WhyCardView>('scenarios.explain', { scenarioId: s.id, projectId: a!.id });
      expect(card.funded).toBe(0);
      expect(card.th).toContain('ยังไม่มีผล');
      expect(card.en).toContain('has no result');
      expect(card.th).not.toContain('ได้รับ 0.00 บาท');
    }
    const approve = await core().call(
      'approvals.approve',
      { scenarioId: s.id, resolutionNo: 'ครั้งที่ 1/2570', resolutionDate: '15 พ.ย. 2569', approverId: 1, memberIds: [1, 2, 3] },
      owner,
    );
    expect(approve.ok === false && approve.error.code).toBe('INVALID_STATE');
    // Locks that fit run as before.
    const total = a!.requested + b!.requested + c!.requested;
    await ok<Scenario>('scenarios.update', { scenarioId: s.id, rule: 'greedy', params: { ceiling: total } });
    const fits = await ok<ScenarioResult>('scenarios.run', { scenarioId: s.id });
    expect(fits.status).toBe('ok');
    expect(fits.totalFunded).toBe(total);
    expect(fits.remaining).toBe(0);
    await ok('scenarios.delete', { scenarioId: s.id });
  });

  it('refuses a must-fund, dependency or lock naming a project outside the round, in Thai and English', async () => {
    const s = (await ok<Scenario[]>('scenarios.list', { roundId: 1 }))[0]!;
    const projects = await ok<ProjectRow[]>('projects.list', { roundId: 1 });
    const missing = Math.max(...projects.map((p) => p.id)) + 1000;
    const mustFund = await core().call('scenarios.update', { scenarioId: s.id, params: { mustFund: [missing] } }, owner);
    expect(mustFund.ok).toBe(false);
    if (!mustFund.ok) {
      expect(mustFund.error.code).toBe('BAD_ARGS');
      expect(mustFund.error.message).toContain(`must fund: ${missing}`);
      expect(mustFund.error.messageTh).toContain(`ต้องให้งบ: ${missing}`);
      expect(mustFund.error.messageTh).not.toMatch(/[A-Za-z]{4,}/u);
    }
    const dependency = await core().call(
      'scenarios.update',
      { scenarioId: s.id, params: { dependencies: [{ project: projects[0]!.id, requires: missing }] } },
      owner,
    );
    expect(dependency.ok === false && dependency.error.code).toBe('BAD_ARGS');
    const lock = await core().call('scenarios.update', { scenarioId: s.id, locks: { [String(missing)]: 100 } }, owner);
    expect(lock.ok === false && lock.error.code).toBe('BAD_ARGS');
    const created = await core().call(
      'scenarios.create',
      { roundId: 1, name: 'unknown project', params: { mustNot: [missing] } },
      owner,
    );
    expect(created.ok === false && created.error.code).toBe('BAD_ARGS');
    // Nothing changed: no new scenario, the edited one as before.
    const list = await ok<Scenario[]>('scenarios.list', { roundId: 1 });
    expect(list.map((x) => x.name)).not.toContain('unknown project');
    expect(list.find((x) => x.id === s.id)).toEqual(s);
    // Known projects are accepted.
    const fine = await ok<Scenario>('scenarios.update', { scenarioId: s.id, params: { mustFund: [projects[0]!.id] } });
    expect(fine.params.mustFund).toEqual([projects[0]!.id]);
    await ok<Scenario>('scenarios.update', { scenarioId: s.id, params: { mustFund: [] } });
  });

  it('refuses a floor or cap of a district the province does not have, and a project paired with itself', async () => {
    const s = (await ok<Scenario[]>('scenarios.list', { roundId: 1 }))[0]!;
    const [p] = await ok<ProjectRow[]>('projects.list', { roundId: 1 });
    const refusals = [
      [{ districtFloors: { '1999': 100 } }, 'district floors: 1999', 'งบขั้นต่ำรายอำเภอ: 1999'],
      [{ districtCaps: { '1901': 100, '1914': 100 } }, 'district caps: 1914', 'เพดานงบรายอำเภอ: 1914'],
      [{ incompatibilities: [[p!.id, p!.id]] }, `incompatible pairs: ${p!.id}`, `ให้งบพร้อมกันไม่ได้: ${p!.id}`],
      [{ dependencies: [{ project: p!.id, requires: p!.id }] }, `dependencies: ${p!.id}`, `ต้องมีโครงการก่อน: ${p!.id}`],
    ] as const;
    for (const [params, en, th] of refusals) {
      const r = await core().call('scenarios.update', { scenarioId: s.id, params }, owner);
      expect(r.ok, JSON.stringify(params)).toBe(false);
      if (r.ok) continue;
      expect(r.error.code).toBe('BAD_ARGS');
      expect(r.error.message).toContain(en);
      expect(r.error.messageTh).toContain(th);
      expect(r.error.messageTh).not.toMatch(/[A-Za-z]{4,}/u);
    }
    const created = await core().call(
      'scenarios.create',
      { roundId: 1, name: 'no such district', params: { districtFloors: { '1999': 100 } } },
      owner,
    );
    expect(created.ok === false && created.error.code).toBe('BAD_ARGS');
    const list = await ok<Scenario[]>('scenarios.list', { roundId: 1 });
    expect(list.map((x) => x.name)).not.toContain('no such district');
    expect(list.find((x) => x.id === s.id)).toEqual(s);
    // A district of the province is accepted.
    const fine = await ok<Scenario>('scenarios.update', { scenarioId: s.id, params: { districtCaps: { '1913': 100 } } });
    expect(fine.params.districtCaps).toEqual({ '1913': 100 });
    await ok<Scenario>('scenarios.update', { scenarioId: s.id, params: { districtCaps: {} } });
  });

  it('refuses stored parameters that no longer read, naming the scenario and the field, and still deletes it', async () => {
    const broken = await ok<Scenario>('scenarios.create', { roundId: 1, name: 'to break', rule: 'mes' });
    core()
      .store.sqlite.prepare('UPDATE scenario SET params_json = ? WHERE id = ?')
      .run(JSON.stringify({ completion: 'add2' }), broken.id);
    // The round's other scenarios stay listed and usable; the broken one is named with where it no longer reads.
    const list = await ok<Scenario[]>('scenarios.list', { roundId: 1 });
    expect(list.length).toBeGreaterThan(0);
    expect(list.map((x) => x.id)).not.toContain(broken.id);
    await ok('scenarios.run', { scenarioId: list[0]!.id });
    const unreadable = await ok<UnreadableScenario[]>('scenarios.unreadable', { roundId: 1 });
    expect(unreadable).toHaveLength(1);
    expect(unreadable[0]).toMatchObject({ id: broken.id, name: 'to break' });
    expect(unreadable[0]!.message).toContain(`scenario ${broken.id} 'to break'`);
    expect(unreadable[0]!.message).toContain('completion');
    expect(unreadable[0]!.messageTh).toContain('completion');
    const run = await core().call('scenarios.run', { scenarioId: broken.id }, owner);
    expect(run.ok === false && run.error.code).toBe('INVALID_STATE');
    await ok('scenarios.delete', { scenarioId: broken.id });
    expect(await ok<UnreadableScenario[]>('scenarios.unreadable', { roundId: 1 })).toEqual([]);
  });

  it('names a stored scenario whose rule this version does not know (the registry checks rules, not the database)', async () => {
    const later = await ok<Scenario>('scenarios.create', { roundId: 1, name: 'from a newer app', rule: 'greedy' });
    core().store.sqlite.prepare(`UPDATE scenario SET rule = 'approval_vote' WHERE id = ?`).run(later.id);
    const list = await ok<Scenario[]>('scenarios.list', { roundId: 1 });
    expect(list.map((x) => x.id)).not.toContain(later.id);
    const unreadable = await ok<UnreadableScenario[]>('scenarios.unreadable', { roundId: 1 });
    expect(unreadable).toEqual([expect.objectContaining({ id: later.id, name: 'from a newer app' })]);
    expect(unreadable[0]!.message).toContain(`its rule 'approval_vote' is not one this version of ChiPao knows`);
    expect(unreadable[0]!.messageTh).toContain(`ไม่รู้จักวิธีจัดสรร 'approval_vote'`);
    const run = await core().call('scenarios.run', { scenarioId: later.id }, owner);
    expect(run.ok === false && run.error.code).toBe('INVALID_STATE');
    // A rule outside the registry cannot be set through the API.
    const bad = await core().call('scenarios.update', { scenarioId: list[0]!.id, rule: 'approval_vote' }, owner);
    expect(bad.ok === false && bad.error.code).toBe('BAD_ARGS');
    await ok('scenarios.delete', { scenarioId: later.id });
    expect(await ok<UnreadableScenario[]>('scenarios.unreadable', { roundId: 1 })).toEqual([]);
  });
});
