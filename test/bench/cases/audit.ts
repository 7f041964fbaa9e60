/**
 * audit.verify_100k_ms: re-walking an audit trail of 100,000 events (every hash recomputed) and checking it against
 * its anchor, as every start of the app does. Median of 5 after one warm-up.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkAudit, fileAnchorStore, advanceAnchor } from '../../../electron/core/audit/anchor';
import { appendAudit } from '../../../electron/core/audit/audit-log';
import { openStore } from '../../../electron/core/db/database';
import { migrate } from '../../../electron/core/db/migrate';
import { medianMs, type BenchRecord } from '../types';

export async function run(): Promise<BenchRecord[]> {
  const dir = mkdtempSync(join(tmpdir(), 'chipao-bench-audit-'));
  const dbPath = join(dir, 'chipao.sqlite');
  const store = openStore(dbPath);
  try {
    await migrate(store.db);
    store.sqlite.transaction(() => {
      for (let i = 0; i < 100_000; i++) {
        appendAudit(store.sqlite, `member:${i % 30}@192.168.1.${i % 200}`, 'score.set', {
          roundId: 1,
          memberId: (i % 30) + 1,
          projectId: (i % 5000) + 1,
          criterionId: (i % 12) + 1,
          value: i % 5,
          expectedVersion: i,
        });
      }
    })();
    const anchors = fileAnchorStore(dbPath);
    advanceAnchor(store.sqlite, anchors);
    const value = await medianMs(
      5,
      () => {
        const s = checkAudit(store.sqlite, anchors);
        if (!s.ok || s.length !== 100_000) throw new Error('the generated trail did not verify');
      },
      1,
    );
    return [{ name: 'audit.verify_100k_ms', value, unit: 'ms', baseline: null, ratio: null }];
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
