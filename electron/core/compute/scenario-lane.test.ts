/**
 * Scenario runs on their own worker (the scenario lane): a run can be cancelled, the caller is told so in Thai and
 * English, nothing in the database changes, only the caller's own run can be stopped, and the next run is whole.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../../shared/api/errors';
import type { Scenario, ScenarioResult } from '../../../shared/api/types';
import type { Caller } from '../context';
import type { ScenarioRunProgress } from '../../../shared/api/scenario';
import { createCore, type Core } from '../core';
import { createScenarioLane } from './scenario-lane';
import { everyTable } from '../handlers/test-core';

const workerFile = fileURLToPath(new URL('./worker-dev.mjs', import.meta.url));
const owner: Caller = { role: 'owner', actor: 'owner:desk', transport: 'direct' };
const otherOwner: Caller = { role: 'owner', actor: 'owner:laptop', transport: 'direct' };

let dir: string;
let core: Core;
let mes: Scenario;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'chipao-lane-'));
  core = await createCore({
    dbPath: join(dir, 'chipao.sqlite'),
    sample: { needs: 30_000, projects: 400 },
    compute: { workerFile },
  });
  const list = await core.call('scenarios.list', { roundId: 1 }, owner);
  if (!list.ok) throw new Error(list.error.message);
  mes = (list.value as Scenario[]).find((s) => s.rule === 'mes')!;
});

afterAll(async () => {
  await core?.close();
  rmSync(dir, { recursive: true, force: true });
});

const cancel = async (caller: Caller, scenarioId: number): Promise<boolean> => {
  const r = await core.call('scenarios.cancelRun', { scenarioId }, caller);
  if (!r.ok) throw new Error(r.error.message);
  return (r.value as { cancelled: boolean }).cancelled;
};

/** Starts a run (by `runner`, the canceller by default) and asks to cancel it until the lane has it (a few ms), or the run ends first. */
async function runAndCancel(by: Caller, runner: Caller = by): Promise<{ run: Result<unknown>; cancelled: boolean }> {
  const running = core.call('scenarios.run', { scenarioId: mes.id }, runner);
  let settled = false;
  void running.then(() => (settled = true));
  let cancelled = false;
  while (!settled && !cancelled) {
    cancelled = await cancel(by, mes.id);
    if (!cancelled) await new Promise((r) => setTimeout(r, 2));
  }
  return { run: await running, cancelled };
}

const withoutTime = (r: ScenarioResult): Omit<ScenarioResult, 'elapsedMs'> => {
  const { elapsedMs: _elapsed, ...rest } = r;
  return rest;
};

describe('the scenario lane', () => {
  it('cancels a running Equal Shares run: CANCELLED in Thai and English, nothing changed, the next run whole', async () => {
    const first = await core.call('scenarios.run', { scenarioId: mes.id }, owner);
    expect(first.ok).toBe(true);
    const before = everyTable(core);
    expect(await cancel(owner, mes.id)).toBe(false); // nothing running

    const { run, cancelled } = await runAndCancel(owner);
    expect(cancelled).toBe(true);
    expect(run.ok).toBe(false);
    if (!run.ok) {
      expect(run.error.code).toBe('CANCELLED');
      expect(run.error.message).toContain(`scenario ${mes.id} was cancelled`);
      expect(run.error.messageTh).toContain('ยกเลิกการคำนวณ');
    }
    expect(everyTable(core)).toEqual(before);

    const again = await core.call('scenarios.run', { scenarioId: mes.id }, owner);
    expect(again.ok && first.ok).toBe(true);
    if (again.ok && first.ok) {
      expect(withoutTime(again.value as ScenarioResult)).toEqual(withoutTime(first.value as ScenarioResult));
    }
  }, 30_000);

  it('stops only the caller’s own run: another user cannot cancel it', async () => {
    const running = core.call('scenarios.run', { scenarioId: mes.id }, owner);
    const attempts: boolean[] = [];
    let settled = false;
    void running.then(() => (settled = true));
    while (!settled) {
      attempts.push(await cancel(otherOwner, mes.id));
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(attempts.length).toBeGreaterThan(0);
    expect(attempts.every((a) => a === false)).toBe(true);
    expect((await running).ok).toBe(true);
  }, 30_000);

  it('a page on the host laptop without the owner’s secret, named as the owner’s page, cannot stop the owner’s run', async () => {
    const ownersPage: Caller = { role: 'owner', actor: 'browser@127.0.0.1', transport: 'websocket', address: '127.0.0.1' };
    const projector: Caller = { ...ownersPage, role: 'observer' };
    const running = core.call('scenarios.run', { scenarioId: mes.id }, ownersPage);
    const answers: Result<unknown>[] = [];
    let settled = false;
    void running.then(() => (settled = true));
    while (!settled) {
      answers.push(await core.call('scenarios.cancelRun', { scenarioId: mes.id }, projector));
      await new Promise((r) => setTimeout(r, 2));
    }
    expect(answers.length).toBeGreaterThan(0);
    // Its own run it has none; the owner's is not its own, so nothing is stopped.
    expect(answers.every((a) => a.ok && (a.value as { cancelled: boolean }).cancelled === false)).toBe(true);
    expect((await running).ok).toBe(true);
  }, 30_000);

  it('a member who cancels their own run is refused while the owner’s run shares the worker, and both runs finish', async () => {
    const member: Caller = { role: 'member', actor: 'member:1 (test)@127.0.0.2', transport: 'websocket', memberId: 1 };
    const ownersRun = core.call('scenarios.run', { scenarioId: mes.id }, owner);
    const membersRun = core.call('scenarios.run', { scenarioId: mes.id }, member);
    let settled = false;
    void Promise.all([ownersRun, membersRun]).then(() => (settled = true));
    let answer: Result<unknown> | null = null;
    // The member asks until the lane has their run (a few ms), behind the owner's on the one worker.
    while (!settled) {
      const r = await core.call('scenarios.cancelRun', { scenarioId: mes.id }, member);
      if (!r.ok || (r.value as { cancelled: boolean }).cancelled) {
        answer = r;
        break;
      }
      await new Promise((done) => setTimeout(done, 2));
    }
    expect(answer?.ok).toBe(false);
    if (answer && !answer.ok) {
      expect(answer.error.code).toBe('INVALID_STATE');
      expect(answer.error.message).toContain('other users');
      expect(answer.error.messageTh).toContain('ผู้ใช้อื่น');
    }
    expect((await ownersRun).ok).toBe(true);
    expect((await membersRun).ok).toBe(true);
    // Alone on the worker, the member's own run is theirs to stop.
    const { cancelled } = await runAndCancel(member);
    expect(cancelled).toBe(true);
  }, 30_000);

  it('reports a run’s stages and Equal Shares’ fraction done as the worker writes them', async () => {
    const heard: ScenarioRunProgress[] = [];
    // Read every millisecond, so the test hears every stage of a run of a few hundred ms.
    const lane = createScenarioLane(
      { workerFile },
      { dbPath: join(dir, 'chipao.sqlite'), version: 'test' },
      (p) => heard.push(p),
      1,
    );
    try {
      const result = (await lane.call('scenarios.run', { scenarioId: mes.id }, owner)) as ScenarioResult;
      expect(result.fundedCount).toBeGreaterThan(0);
    } finally {
      await lane.close();
    }
    expect(heard.every((p) => p.scenarioId === mes.id)).toBe(true);
    const stages = heard.map((p) => p.stage);
    expect(stages).toContain('reading');
    expect(stages).toContain('computing');
    expect(stages.indexOf('reading')).toBeLessThan(stages.indexOf('computing'));
    if (stages.includes('finishing')) expect(stages.lastIndexOf('computing')).toBeLessThan(stages.indexOf('finishing'));
    const fractions = heard.filter((p) => p.fraction !== null).map((p) => p.fraction!);
    expect(fractions.length).toBeGreaterThan(0);
    expect(fractions.every((f) => f >= 0 && f <= 1)).toBe(true);
    // Each report is a change.
    for (let i = 1; i < heard.length; i++) expect(heard[i]).not.toEqual(heard[i - 1]);
  }, 30_000);
});
