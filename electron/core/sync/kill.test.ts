/**
 * The kill test (issue 9): a sync of a 6,000-need feed, as a file and from an HTTP feed, in a child
 * process SIGKILLed at random moments, 24 trials. After each: `PRAGMA integrity_check` ok, no partial batch, and a
 * resync ends with exactly the rows of an uninterrupted sync. More trials: `npm run -s stress:kill`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { killTrial, setupKillTrials, type KillSetup, type TrialResult } from './test-kill';

const TRIALS = 24;
const ROWS = 6_000;
let dir = '';
let setup: KillSetup;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'chipao-kill-'));
  setup = await setupKillTrials(dir, ROWS);
}, 120_000);
afterAll(async () => {
  await setup?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a sync killed with SIGKILL at random points', () => {
  it(`leaves an intact database with whole batches only, and a resync equals an uninterrupted sync (${TRIALS} trials)`, async () => {
    expect(setup.reference.file).toHaveLength(ROWS);
    expect(setup.reference.feed).toHaveLength(ROWS);
    const results: TrialResult[] = [];
    for (let n = 0; n < TRIALS; n++) {
      const kind = n % 2 === 0 ? 'file' : 'feed';
      // Anywhere from the child's first write to just past an uninterrupted sync's end.
      const killAfterMs = Math.round(Math.random() * setup.syncMs[kind] * 1.1);
      results.push(await killTrial(setup, kind, killAfterMs, n));
    }
    const failed = results.filter((r) => r.problems.length > 0);
    expect(failed, JSON.stringify(failed, null, 1)).toEqual([]);
    expect(results.every((r) => r.integrity === 'ok')).toBe(true);
    // The trials did interrupt syncs: some were killed before they finished.
    expect(results.filter((r) => !r.finished).length).toBeGreaterThan(TRIALS / 4);
  }, 600_000);
});
