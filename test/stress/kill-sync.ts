/**
 * `npm run -s stress:kill [-- --trials N --rows N]`: the kill test's trials (electron/core/sync/test-kill.ts), many
 * more than the suite runs: a sync of a feed file or an HTTP feed in a child process, SIGKILLed at a random moment,
 * then the checks and a resync. Prints one JSON line per failed trial and a summary; exits 1 when any trial failed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { killTrial, setupKillTrials } from '../../electron/core/sync/test-kill';

const { values } = parseArgs({ options: { trials: { type: 'string' }, rows: { type: 'string' } } });
const trials = Number(values.trials ?? 200);
const rows = Number(values.rows ?? 20_000);
const dir = mkdtempSync(join(tmpdir(), 'chipao-stress-kill-'));
const setup = await setupKillTrials(dir, rows);
let failed = 0;
let interrupted = 0;
try {
  for (let n = 0; n < trials; n++) {
    const kind = n % 2 === 0 ? 'file' : 'feed';
    const r = await killTrial(setup, kind, Math.round(Math.random() * setup.syncMs[kind] * 1.1), n);
    if (!r.finished) interrupted++;
    if (r.problems.length > 0) {
      failed++;
      console.log(JSON.stringify(r));
    }
  }
} finally {
  await setup.close();
  rmSync(dir, { recursive: true, force: true });
}
console.log(JSON.stringify({ trials, rows, interrupted, failed }));
process.exit(failed > 0 ? 1 : 0);
