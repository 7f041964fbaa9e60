/**
 * The frozen plan: for every rule, an approved plan re-run from its frozen inputs alone equals the approved result bit
 * for bit, even after today's scores and ceiling moved; a changed part, manifest or record is named.
 */
import { describe, expect, it } from 'vitest';
import type { Approval } from '../../../shared/api/approval';
import { RULES } from '../../../shared/api/scenario';
import type { Scenario, ScenarioResult } from '../../../shared/api/types';
import { canonicalJson } from '../audit/audit-log';
import { owner, useTestCore } from '../handlers/test-core';
import { highsSolver } from '../solver/highs';
import { runScenario } from './scenario-run';
import {
  approveScenario,
  findApproval,
  freezeScenario,
  frozenResult,
  readFrozenPlan,
  reproduceApproval,
  SNAPSHOT_PARTS,
} from './approval';

const { core, ok } = useTestCore('chipao-approval-svc-', { needs: 1500, projects: 50 });

const CHAIR = 1;

async function approve(scenarioId: number, no: string): Promise<Approval> {
  const r = await ok<{ approval: Approval }>('approvals.approve', {
    scenarioId,
    resolutionNo: no,
    resolutionDate: '15/11/2569',
    approverId: CHAIR,
    memberIds: [1, 2, 3, 4, 5],
  });
  return r.approval;
}

/** Runs `edit` with the append-only triggers of `table` dropped (as someone with the file and a SQLite shell would). */
function withoutTriggers(table: 'approval' | 'approval_part', edit: () => void): void {
  const { sqlite } = core().store;
  const triggers = sqlite.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?`).all(table) as {
    name: string;
    sql: string;
  }[];
  for (const t of triggers) sqlite.exec(`DROP TRIGGER ${t.name}`);
  try {
    edit();
  } finally {
    for (const t of triggers) sqlite.exec(t.sql);
  }
}

describe('approval: the frozen plan reproduces', () => {
  it.each(RULES.map((rule) => [rule]))(
    'rule %s: re-run from the frozen inputs equals the approved result bit for bit',
    async (rule) => {
      const s = await ok<Scenario>('scenarios.create', {
        roundId: 1,
        name: `อนุมัติ ${rule}`,
        rule,
        params: { ceiling: 25_000_000_00 },
      });
      const live = await ok<ScenarioResult>('scenarios.run', { scenarioId: s.id });
      expect(live.status).toBe('ok');
      expect(live.fundedCount).toBeGreaterThan(0);
      const approval = await approve(s.id, `ครั้งที่ ${RULES.indexOf(rule) + 1}/2570`);
      const plan = readFrozenPlan(core().store, approval.id);
      expect(plan.manifestOk).toBe(true);
      expect(Object.keys(plan.parts).sort()).toEqual([...SNAPSHOT_PARTS].sort());
      // The frozen result is the run that was approved.
      const frozen = frozenResult(plan);
      expect(frozen.rows.map((r) => r.funded)).toEqual(live.rows.map((r) => r.funded));
      expect(frozen.totalFunded).toBe(live.totalFunded);
      const r = await reproduceApproval(core().store, approval.id, highsSolver);
      expect(r.tampered).toEqual([]);
      expect(r.differences).toEqual([]);
      expect(r.identical).toBe(true);
    },
  );

  it('still reproduces after the live scores and the round ceiling change, and the screen shows the frozen plan', async () => {
    const s = await ok<Scenario>('scenarios.create', { roundId: 1, name: 'ก่อนเปลี่ยนคะแนน', rule: 'greedy' });
    const approval = await approve(s.id, 'ครั้งที่ 9/2570');
    const approved = frozenResult(readFrozenPlan(core().store, approval.id));
    const { sqlite } = core().store;
    // Every score of the round halves and the ceiling drops: a live re-run would now fund something else.
    sqlite.exec(
      'UPDATE score SET value = value / 2, version = version + 1 WHERE project_id IN (SELECT id FROM project WHERE round_id = 1 AND id % 2 = 0)',
    );
    sqlite.prepare('UPDATE round SET ceiling = ceiling / 3 WHERE id = 1').run();
    // A live run now gives a different plan; the frozen one still reproduces.
    const today = await runScenario(core().store, s.id, highsSolver);
    expect(today.budget).not.toBe(approved.budget);
    const r = await reproduceApproval(core().store, approval.id, highsSolver);
    expect(r.identical).toBe(true);
    const shown = await ok<ScenarioResult>('scenarios.run', { scenarioId: s.id });
    expect(canonicalJson(shown.rows)).toBe(canonicalJson(approved.rows));
    expect(shown.budget).toBe(approved.budget);
  });

  it('names a frozen part whose content was changed, and does not re-run it', async () => {
    const s = await ok<Scenario>('scenarios.create', { roundId: 1, name: 'แก้ snapshot', rule: 'greedy' });
    const approval = await approve(s.id, 'ครั้งที่ 10/2570');
    const { sqlite } = core().store;
    withoutTriggers('approval_part', () => {
      // One composite score in the frozen ranking nudged: the hash no longer matches the manifest.
      const row = sqlite
        .prepare(`SELECT content_json FROM approval_part WHERE approval_id = ? AND part = 'ranking'`)
        .get(approval.id) as {
        content_json: string;
      };
      const ranking = JSON.parse(row.content_json) as { composite: number }[];
      ranking[0]!.composite += 0.001;
      sqlite
        .prepare(`UPDATE approval_part SET content_json = ? WHERE approval_id = ? AND part = 'ranking'`)
        .run(canonicalJson(ranking), approval.id);
    });
    const r = await reproduceApproval(core().store, approval.id, highsSolver);
    expect(r.manifestOk).toBe(false);
    expect(r.identical).toBeNull();
    expect(r.tampered.map((t) => t.part)).toEqual(['ranking']);
  });

  it('catches a snapshot rebuilt with recomputed hashes, through the manifest hash kept in the audit chain', async () => {
    const s = await ok<Scenario>('scenarios.create', { roundId: 1, name: 'สร้างใหม่ทั้งชุด', rule: 'greedy' });
    const approval = await approve(s.id, 'ครั้งที่ 11/2570');
    const { sqlite } = core().store;
    const { createHash } = await import('node:crypto');
    const sha = (t: string): string => createHash('sha256').update(t).digest('hex');
    const part = sqlite
      .prepare(`SELECT content_json FROM approval_part WHERE approval_id = ? AND part = 'result'`)
      .get(approval.id) as {
      content_json: string;
    };
    const result = JSON.parse(part.content_json) as { totalFunded: number };
    result.totalFunded += 100;
    const text = canonicalJson(result);
    const manifest = JSON.parse(
      (sqlite.prepare('SELECT manifest_json FROM approval WHERE id = ?').get(approval.id) as { manifest_json: string })
        .manifest_json,
    ) as Record<string, string>;
    manifest['result'] = sha(text);
    withoutTriggers('approval_part', () => {
      sqlite
        .prepare(`UPDATE approval_part SET content_json = ?, sha256 = ? WHERE approval_id = ? AND part = 'result'`)
        .run(text, sha(text), approval.id);
    });
    withoutTriggers('approval', () => {
      sqlite
        .prepare('UPDATE approval SET manifest_json = ?, manifest_sha256 = ? WHERE id = ?')
        .run(canonicalJson(manifest), sha(canonicalJson(manifest)), approval.id);
    });
    const r = await reproduceApproval(core().store, approval.id, highsSolver);
    expect(r.manifestOk).toBe(false);
    expect(r.tampered.map((t) => t.part)).toEqual(['audit event plan.approved']);
  });

  it('names an approval record whose resolution was changed behind the triggers', async () => {
    const s = await ok<Scenario>('scenarios.create', { roundId: 1, name: 'แก้มติ', rule: 'greedy' });
    const approval = await approve(s.id, 'ครั้งที่ 12/2570');
    withoutTriggers('approval', () => {
      core().store.sqlite.prepare(`UPDATE approval SET resolution_no = 'ครั้งที่ 99/2570' WHERE id = ?`).run(approval.id);
    });
    expect(findApproval(core().store, s.id)?.resolutionNo).toBe('ครั้งที่ 99/2570');
    const r = await reproduceApproval(core().store, approval.id, highsSolver);
    expect(r.manifestOk).toBe(false);
    expect(r.tampered.map((t) => t.part)).toEqual(['approval (record)']);
  });
});

describe("approval: the proposals' areas are frozen", () => {
  it("freezes each proposal's tambons as they were, and names that part when it is changed", async () => {
    const s = await ok<Scenario>('scenarios.create', { roundId: 1, name: 'พื้นที่โครงการ', rule: 'greedy' });
    const approval = await approve(s.id, 'ครั้งที่ 13/2570');
    const { sqlite } = core().store;
    const today = sqlite
      .prepare(
        `SELECT pa.project_id, pa.tambon_code FROM project_area pa JOIN project p ON p.id = pa.project_id
          WHERE p.round_id = 1 ORDER BY pa.project_id, pa.tambon_code`,
      )
      .raw()
      .all() as [number, string][];
    expect(today.length).toBeGreaterThan(0);
    const plan = readFrozenPlan(core().store, approval.id);
    expect(plan.manifestOk).toBe(true);
    expect(plan.parts['project_areas']).toEqual(today);
    const manifest = JSON.parse(
      (sqlite.prepare('SELECT manifest_json FROM approval WHERE id = ?').get(approval.id) as { manifest_json: string })
        .manifest_json,
    ) as Record<string, string>;
    expect(Object.keys(manifest)).toContain('project_areas');

    // A proposal moved to another tambon inside the frozen record: named, not re-run, not issued.
    withoutTriggers('approval_part', () => {
      const moved = today.map(([p, t], i) => [p, i === 0 ? '199999' : t]);
      sqlite
        .prepare(`UPDATE approval_part SET content_json = ? WHERE approval_id = ? AND part = 'project_areas'`)
        .run(canonicalJson(moved), approval.id);
    });
    const r = await reproduceApproval(core().store, approval.id, highsSolver);
    expect(r.manifestOk).toBe(false);
    expect(r.identical).toBeNull();
    expect(r.tampered.map((t) => t.part)).toEqual(['project_areas']);
    const refused = await core().call('exports.plan', { roundId: 1, scenarioId: s.id, format: 'csv' }, owner);
    expect(refused.ok ? null : refused.error.message).toContain('project_areas');
  });

  it('a plan frozen before the areas were still verifies and reproduces', async () => {
    const s = await ok<Scenario>('scenarios.create', { roundId: 1, name: 'อนุมัติก่อนเก็บพื้นที่', rule: 'greedy' });
    const { store } = core();
    // Frozen as before: every part but the proposals' areas.
    const approved = await approveScenario(
      store,
      { scenarioId: s.id, resolutionNo: 'ครั้งที่ 14/2570', resolutionDate: '2026-11-15', approverId: CHAIR, memberIds: [1, 2] },
      'test',
      'test',
      highsSolver,
      async (input) => {
        const frozen = await freezeScenario(store, input, 'test', highsSolver);
        return { ...frozen, parts: frozen.parts.filter((p) => p.part !== 'project_areas') };
      },
    );
    const plan = readFrozenPlan(store, approved.approval.id);
    expect(plan.parts['project_areas']).toBeUndefined();
    expect(plan.tampered).toEqual([]);
    expect(plan.manifestOk).toBe(true);
    const r = await reproduceApproval(store, approved.approval.id, highsSolver);
    expect(r.identical).toBe(true);
  });
});
