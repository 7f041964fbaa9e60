/**
 * approval.reproduce_s: re-checking an approved plan of the sample round (20,000 needs, 300 proposals) against its
 * manifest and re-running its rule from the frozen inputs, compared bit for bit with the approved result. The seeded
 * greedy and MES drafts are both approved; the figure is the slower of the two (median of 3 after one warm-up).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../../../electron/core/core';
import { reproduceApproval } from '../../../electron/core/services/approval';
import { highsSolver } from '../../../electron/core/solver/highs';
import { medianMs, type BenchRecord } from '../types';

export async function run(): Promise<BenchRecord[]> {
  const dir = mkdtempSync(join(tmpdir(), 'chipao-bench-approval-'));
  const core = await createCore({ dbPath: join(dir, 'chipao.sqlite'), auditAnchor: false });
  const caller = { role: 'owner' as const, actor: 'bench', transport: 'direct' as const };
  try {
    const scenarios = core.store.sqlite.prepare('SELECT id FROM scenario WHERE round_id = 1 ORDER BY id').all() as {
      id: number;
    }[];
    let slowest = 0;
    for (const s of scenarios) {
      const r = await core.call(
        'approvals.approve',
        {
          scenarioId: s.id,
          resolutionNo: `ครั้งที่ ${s.id}/2570`,
          resolutionDate: '15/11/2569',
          approverId: 1,
          memberIds: [1, 2, 3],
        },
        caller,
      );
      if (!r.ok) throw new Error(`approve ${s.id}: ${r.error.message}`);
      const approvalId = (r.value as { approval: { id: number } }).approval.id;
      const ms = await medianMs(
        3,
        async () => {
          const check = await reproduceApproval(core.store, approvalId, highsSolver);
          if (check.identical !== true) throw new Error(`approval ${approvalId} did not reproduce`);
        },
        1,
      );
      slowest = Math.max(slowest, ms);
    }
    return [{ name: 'approval.reproduce_s', value: Math.round(slowest) / 1000, unit: 's', baseline: null, ratio: null }];
  } finally {
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
